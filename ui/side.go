package ui

import (
	"paxosgame/game"
	"paxosgame/table"
)

// Side is a pane beside the board, given by the screen or the room the
// board is on — a lesson's text, the lecturer's or a student's classroom
// pane — and everything the board asks of it. The board gives it a column
// (or, on a small terminal, the story's place, or one line under the
// timeline), tells it of the table and of the player's moves, and lets it
// speak on the bottom line, hold the digits, withhold decisions and take
// lines of the `:` line. It acts only through the board's seat (tx): the
// table checks every right.
//
// Embed BaseSide for the methods a pane has no use for.
type Side interface {
	// View draws the pane in at most w×h cells, as Place laid it out. It
	// changes nothing.
	View(w, h int) string
	// Place takes the size View will be given, in Update (0×0: the pane
	// is not on screen), so that View changes nothing. It returns the pane
	// drawn at that size, as View would draw it, so that a frame lays the
	// pane out once; "" has the board ask View.
	Place(w, h int) string
	// Line is the pane in one line of w cells, under the timeline on a
	// small screen.
	Line(w int) string
	// Scroll moves the pane's text by lines (the wheel over it).
	Scroll(lines int)
	// Name is the pane in the status line's words: "lesson".
	Name() string

	// Follow is called each time the board follows the table, within
	// its lock: what the pane shows of the table it takes then.
	Follow(tx *table.Tx)
	// Played is called after each command of the player that changed the
	// game or moved through its history.
	Played(g *game.Game)

	// Tip is the bottom line's advice in w cells; "" leaves the board's
	// own.
	Tip(w int) string
	// Asking reports whether the pane asks a question of its own that the
	// digits answer: the choices of a node played by hand then do not
	// show.
	Asking() bool
	// Withholds says why the player may not take decision c now (a
	// lesson's page that plays by itself); "" when they may.
	Withholds(c game.Command) string
	// RoomLine takes a line of the `:` line before the game's language
	// does (the lecturer's poll, close, give, kick), within the table's
	// Act: handled false leaves the line to the game; else status is said,
	// or err.
	RoomLine(tx *table.Tx, line string) (handled bool, status string, err error)
}

// BaseSide is a Side's methods that do nothing: a pane embeds it and
// writes the ones it needs.
type BaseSide struct{}

func (BaseSide) Place(w, h int) string           { return "" }
func (BaseSide) Line(w int) string               { return "" }
func (BaseSide) Scroll(lines int)                {}
func (BaseSide) Name() string                    { return "side pane" }
func (BaseSide) Follow(tx *table.Tx)             {}
func (BaseSide) Played(g *game.Game)             {}
func (BaseSide) Tip(w int) string                { return "" }
func (BaseSide) Asking() bool                    { return false }
func (BaseSide) Withholds(c game.Command) string { return "" }
func (BaseSide) RoomLine(tx *table.Tx, line string) (bool, string, error) {
	return false, "", nil
}
