package ui

import (
	"fmt"
	"maps"

	tea "charm.land/bubbletea/v2"

	"paxosgame/game"
	"paxosgame/lessons"
	"paxosgame/narrate"
	"paxosgame/paxos"
	"paxosgame/table"
)

// board is one terminal's view of a table — its game's cluster, network,
// story and timeline — with the board's own selection, scroll, size,
// panes, status line and dialogs (the scene it shows, scene.go). Every
// change to the game is a game.Command run on the table through the
// board's seat (do), which tells every board that watches it; the table
// refuses what the seat may not do. Update holds the table's write lock
// for a message that may change the table, its read lock for the rest
// (the board's own state); View holds its read lock and changes nothing.
//
// Where a key goes (board_keys.go): to the dialog on top of the overlay
// when one is open; else to a student's keys, then to the parts of the
// board that each take theirs — the panes (panes.go), the game's keys
// (game_keys.go), the nodes played by hand (hand.go) — and the keys that
// open a dialog.
type board struct {
	*scene
	seat    *table.Seat // all the board holds of its table
	autoSeq int         // the auto-play news the board has said
	seen    uint64      // the table's version the board has caught up with

	changes <-chan struct{} // the table's signals of change
	stop    func()          // ends the subscription
	live    bool            // the board listens to its signals (see listening)

	// Dialogs kept between openings: the `:` line for its history, the
	// export for its format, the lab for its form and its search (made
	// when first opened: most boards, a class's sixty, never open it).
	line   *lineDialog
	format int
	lab    *lab

	drawn drawn // the frame settle laid out, for View
}

// newBoard is a board of the table seat s sits at. Close it when done
// with it.
func newBoard(sh *shared, s *table.Seat) *board {
	b := &board{scene: &scene{sh: sh, role: s.Role(), selNode: paxos.P(1)}, seat: s, format: defaultFormat}
	b.changes, b.stop = s.Subscribe()
	s.Read(func(tx *table.Tx) {
		b.follow(tx)
		b.autoSeq = tx.Auto().Seq // news from before this board is not said
	})
	return b
}

// Close ends the board's subscription to its table.
func (b *board) Close() {
	b.stop()
	if b.lab != nil {
		b.lab.stop()
	}
}

// summary is the title of the table's game and where its history is.
func (b *board) summary() (title string, cur, n int) {
	b.seat.Read(func(tx *table.Tx) {
		g := tx.Game()
		title, cur, n = tx.Title(), g.Cursor(), g.Len()
	})
	return title, cur, n
}

// catchUp follows the table outside Update, as after the root stopped
// auto-play.
func (b *board) catchUp() { b.seat.Read(b.follow) }

// changedMsg is the table's signal that it changed, for the board at
// seat.
type changedMsg struct{ seat *table.Seat }

// listening is the command that waits for the table's signals, from the
// program's start: each one comes as a changedMsg, and the board waits
// for the next after it.
func (b *board) listening() tea.Cmd {
	b.live = true
	return b.listen()
}

// listen waits for the table's next signal of change; nil once the board
// is closed.
func (b *board) listen() tea.Cmd {
	ch, s := b.changes, b.seat
	return func() tea.Msg {
		if _, ok := <-ch; !ok {
			return nil
		}
		return changedMsg{s}
	}
}

// follow brings the board up to the table: a new game (a loaded script, a
// lesson's new scene) starts the selection and the story afresh; the
// title, the marks and auto-play's news are the table's.
func (b *board) follow(tx *table.Tx) {
	b.drawn.ok = false
	b.setGame(tx.Game())
	b.title, b.path, b.dirty, b.coached = tx.Title(), tx.Path(), tx.Dirty(), tx.Coach() != nil
	c := tx.Coach()
	b.oneByOne = c != nil && !c.Allows(game.Command{Verb: game.VDeliver, Sel: game.Selector{All: true}})
	b.named = lessons.Named{}
	if n, ok := c.(namer); ok {
		b.named = n.Named()
	}
	a := tx.Auto()
	b.auto, b.pace = a.On, a.Pace
	if a.Seq != b.autoSeq {
		b.autoSeq = a.Seq
		b.say(false, "%s", autoWords(a))
	}
	b.seen = tx.Version()
	b.marks = b.lastTouched()
	b.followRoom(tx)
	b.refocus()
	if b.side != nil {
		b.side.Follow(tx)
	}
}

// namer is a coach whose page names a proposer and messages: a lesson's
// session. The board keeps them in view (scene.named).
type namer interface{ Named() lessons.Named }

// SetSide puts a pane beside the board (nil removes it).
func (b *board) SetSide(s Side) { b.side, b.drawn.ok = s, false }

func (b *board) SetSize(w, h int) {
	b.w, b.h = w, h
	for _, d := range b.overlay {
		d.setWidth(w)
	}
	b.seat.Read(func(*table.Tx) { b.settle() })
}

// Dirty reports whether there is play that has not been saved. A lesson
// keeps its own progress: nothing is lost by leaving it.
func (b *board) Dirty() bool { return b.dirty }

// Typing reports whether a dialog has the keyboard: q and ? are its.
func (b *board) Typing() bool { return b.overlay.open() }

// open puts dialog d on top of the board's overlay, fitted to its width.
func (b *board) open(d dialog) {
	d.setWidth(b.w)
	b.overlay.push(d)
}

// run carries out one line of the command language, as typed on the `:`
// line. On error nothing changed and the error says why (a *game.Error for
// bad syntax).
func (b *board) run(tx *table.Tx, line string) error {
	if handled, err := (roomKeys{b.scene, b}).line(tx, line); handled {
		return err
	}
	cmd, ok, perr := game.ParseLine(line)
	if perr != nil {
		return perr
	}
	if !ok {
		return nil
	}
	return b.do(tx, cmd)
}

// do carries out one command on the table, through the board's seat:
// from the `:` line, a key, a click or a form. On error (a refusal of the
// seat, or of the game) nothing changed and the error says why.
func (b *board) do(tx *table.Tx, cmd game.Command) error {
	sel, selIdx, _ := b.selected()
	before := b.world().NumInFlight()
	res, err := tx.Do(cmd)
	if err != nil {
		return err
	}
	b.follow(tx)
	ahead := res.Dropped
	switch {
	case cmd.Verb == game.VExpect:
		b.say(false, "✓ expect %s: it holds", cmd.String()[len("expect "):])
		return nil
	case cmd.Verb.Setup():
		b.say(false, "✓ setup: %s", cmd)
	default:
		b.status = ""
	}
	if ahead > 0 {
		note := fmt.Sprintf("⚠ %d steps that were ahead were dropped: the history goes on from your move", ahead)
		if ahead == 1 {
			note = "⚠ 1 step that was ahead was dropped: the history goes on from your move"
		}
		if b.status != "" {
			note = b.status + " · " + note
		}
		b.say(false, "%s", note)
	}
	b.storyUp = 0
	// The selected message is gone: select its neighbour in the list.
	if _, ok := b.world().Message(sel.ID); !ok && before > 0 {
		b.selMsg = b.neighbour(selIdx)
	}
	b.played()
	return nil
}

func (b *board) played() {
	if b.side != nil {
		b.side.Played(b.g)
	}
}

// act runs the command of a key or a click and reports a refusal in the
// status line.
func (b *board) act(tx *table.Tx, c game.Command) {
	if err := b.do(tx, c); err != nil {
		b.say(true, "✗ %s: %s", c, err)
	}
}

func (b *board) say(bad bool, format string, args ...any) {
	b.drawn.ok = false
	for i, a := range args {
		if err, ok := a.(error); ok {
			args[i] = narrate.Error(err) // a refusal in the narrator's words
		}
	}
	b.status, b.bad = fmt.Sprintf(format, args...), bad
}

// quiet reports whether a change of the table leaves a student's board
// as it was drawn: another student came or went or answered the poll.
// The board then keeps its frame: when sixty answer, sixty boards are not
// laid out sixty times. The lecturer's board shows who is here and the
// counts: it is never quiet.
func (b *board) quiet(tx *table.Tx) bool {
	if !b.isStudent() || !b.drawn.ok || b.drawn.version != b.seen || tx.GameVersion() != b.room.game {
		return false
	}
	r := b.roomOf(tx)
	if !maps.Equal(r.holders, b.room.holders) || r.own != b.room.own || r.polled != b.room.polled || !r.poll.SameFor(b.room.poll) {
		return false
	}
	b.seen = tx.Version()
	b.drawn.version = b.seen
	return true
}

// View draws the board, under the table's read lock. It changes nothing.
func (b *board) View() string {
	f := b.Frame()
	return f.String()
}

// Frame is the board as View draws it, with where each target is, for the
// mouse: clicks are resolved on the last frame drawn (see frame.onMouse).
// It is the frame settle laid out, when neither the board nor the table
// changed since: a class's boards lay out each change once, not twice.
func (b *board) Frame() (f frame) {
	b.seat.Read(func(tx *table.Tx) {
		if d := b.drawn; d.ok && d.version == tx.Version() {
			f = d.f
			return
		}
		fv := frameView{b.scene}
		f = fv.draw(fv.layout())
	})
	f.by = b
	return f
}

// drawn is the frame settle laid out, for View; ok is false once the
// board changed after (follow, say).
type drawn struct {
	f       frame
	version uint64 // the table's
	ok      bool
}

// settle lays out in Update the frame View will draw, so that View
// changes nothing: it tells the side pane its size (which draws it),
// draws the other panes once, keeps the frame for View, and takes the
// story's scroll as far back as it goes. Called under the table's lock.
func (b *board) settle() {
	b.drawn = drawn{}
	if b.w < minWidth || b.h+1 < minHeight {
		return // never drawn: the screen asks for a bigger terminal
	}
	fv := frameView{b.scene}
	pl := fv.layout()
	if b.side != nil {
		w, h := pl.sideW, pl.sideH
		side := b.side.Place(w, h)
		pl = fv.layout() // its advice on the bottom line may have changed
		if pl.sideW == w && pl.sideH == h {
			pl.side = side // drawn: not again
		}
	}
	f := fv.draw(pl)
	if f.story {
		b.storyUp = f.storyUp
	}
	b.drawn = drawn{f: f, version: b.seen, ok: true}
}

// Cursor is the terminal cursor in the dialog on top, if it has one.
func (b *board) Cursor() *tea.Cursor {
	d := b.overlay.top()
	if d == nil {
		return nil
	}
	lines, c := d.view(b.w)
	if c != nil {
		c.Position.Y += b.h - len(lines)
	}
	return c
}

// click selects what was clicked; a click on the selected message
// delivers it.
func (b *board) click(tx *table.Tx, pt pointMsg) {
	if b.overlay.open() || pt.mouse.Button != tea.MouseLeft {
		return
	}
	t := pt.t
	b.useAt(t)
	switch {
	case t.side, t.story:
	case t.msg != 0:
		if sel, _, any := b.selected(); any && sel.ID == t.msg && !b.isStudent() {
			b.act(tx, b.pick(game.VDeliver, sel))
			return
		}
		b.selMsg = t.msg
	case t.choice != 0:
		hands{b.scene, b}.clickChoice(tx, t)
	case t.node != (paxos.NodeID{}):
		b.selNode = t.node
	}
}

// wheel scrolls the pane the mouse is over: the story, the side pane (a
// lesson's text) or the network.
func (b *board) wheel(pt pointMsg) {
	t := pt.t
	up := pt.mouse.Button == tea.MouseWheelUp
	if t.side || t.story || t.msg != 0 {
		b.useAt(t)
	}
	switch {
	case t.side && up:
		b.side.Scroll(-1)
	case t.side:
		b.side.Scroll(1)
	case t.story && up:
		b.storyUp++
	case t.story:
		b.storyUp = max(0, b.storyUp-1)
	case t.msg != 0 && up:
		b.moveSelection(-1)
	case t.msg != 0:
		b.moveSelection(1)
	}
}
