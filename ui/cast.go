package ui

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"

	"paxosgame/export"
	"paxosgame/game"
	"paxosgame/paxos"
	"paxosgame/table"
)

// castProfile is the colour a cast carries, whatever the terminal, TERM
// or NO_COLOR of the machine that exports it: the dark styles in 24-bit
// colour, exactly the palette whose contrast styles.go holds to WCAG.
// A cast is a file for a player, not output to this terminal.
const castProfile = colorprofile.TrueColor

// The cursor is hidden while the cast plays, and shown at its end.
const hideCursor, showCursor = "\x1b[?25l", "\x1b[?25h"

// castTheme is the terminal the dark palette assumes, for the cast's
// header: a player draws plain text and the background in these. The 16
// colours are a common terminal set; the play screen draws none of them.
var castTheme = struct {
	Fg      string `json:"fg"`
	Bg      string `json:"bg"`
	Palette string `json:"palette"`
}{
	Fg: darkPalette.Fg, Bg: darkPalette.Bg,
	Palette: "#000000:#CD3131:#0DBC79:#E5E510:#2472C8:#BC3FBC:#11A8CD:#E5E5E5:" +
		"#666666:#F14C4C:#23D18B:#F5F543:#3B8EEA:#D670D6:#29B8DB:#FFFFFF",
}

// Frames is the play screen of game g's run in a terminal of width×height
// (at least 80×24), step by step: the start (the setup, step 0), then the
// screen after each step. Each frame is the screen `paxosgame play` shows
// of the script cut at that step — the same panes, and the selection a
// board opened on it makes (see selectAsOpened) — with its escape codes,
// lines apart by "\n". The board is a new one, on a table of its own
// titled title; g is not changed.
func Frames(g *game.Game, title string, width, height int) ([]string, error) {
	var frames []string
	err := eachFrame(g, title, width, height, 1, g.Len(), func(f string) { frames = append(frames, f) })
	return frames, err
}

// eachFrame calls each with the frames of steps from to to in turn,
// keeping none: first the screen as step from-1 left the game, then the
// screen after each step.
func eachFrame(g *game.Game, title string, width, height, from, to int, each func(frame string)) error {
	setup, _ := g.Setup()
	cmds := slices.Clone(setup)
	for _, s := range g.Steps()[:from-1] {
		cmds = append(cmds, s.Cmd)
	}
	start, err := game.Load(g.SourceFile(), cmds)
	if err != nil {
		return err
	}
	m := New(false, false)
	m.startGame(start, title, g.SourceFile())
	defer m.Close()
	m.Update(tea.WindowSizeMsg{Width: width, Height: height})
	each(m.Content())
	seat := m.board.seat
	for k := from; k <= to; k++ {
		cmd := g.Steps()[k-1].Cmd
		seat.Act(func(tx *table.Tx) {
			if _, err = tx.Do(cmd); err == nil {
				tx.Saved(g.SourceFile()) // the run is the file's: nothing unsaved
			}
		})
		if err != nil {
			return fmt.Errorf("step %d (%s): %w", k, cmd, err)
		}
		m.Update(changedMsg{seat}) // the board follows its table
		m.board.selectAsOpened()
		each(m.Content())
	}
	return nil
}

// selectAsOpened selects what a board opened on the game selects (see
// newBoard): the first message in flight, and P1, or the first node
// played by hand that waits for a decision, so that its choices show.
// A cast's frame is the screen `paxosgame play` shows of the script cut
// at its step: the script records no selection to follow.
func (b *board) selectAsOpened() {
	b.selMsg, b.storyUp, b.selNode, b.waits = 0, 0, paxos.P(1), nil
	b.refocus()
	b.drawn.ok = false // the selection is not the frame's
}

// Cast is the export.Screen of the cast format: steps o.From to o.To of g's run (0: the first, the
// last) as an asciicast version 2 file — a header line (version, the
// size, the title, the theme; no timestamp), then one output event per
// frame (see Frames) at o.Pace apart from time 0, each clearing the
// screen and drawing the frame. The first hides the cursor and the last
// shows it again, so that a terminal that played the cast is left as it
// was. The same game and options give the same bytes.
func Cast(g *game.Game, title string, o export.CastOptions) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b) // one line each, as asciicast wants
	enc.SetEscapeHTML(false)
	enc.Encode(struct {
		Version int               `json:"version"`
		Width   int               `json:"width"`
		Height  int               `json:"height"`
		Title   string            `json:"title,omitempty"`
		Env     map[string]string `json:"env"`
		Theme   any               `json:"theme"`
	}{2, o.Width, o.Height, title, map[string]string{"TERM": "xterm-256color"}, castTheme})
	from, to := max(o.From, 1), o.To
	if to == 0 {
		to = g.Len()
	}
	var data strings.Builder
	i, last := 0, to-from+1
	err := eachFrame(g, title, o.Width, o.Height, from, to, func(f string) {
		data.Reset()
		if i == 0 {
			data.WriteString(hideCursor)
		}
		data.WriteString("\x1b[H\x1b[2J") // home, clear
		w := &colorprofile.Writer{Forward: &data, Profile: castProfile}
		w.WriteString(strings.ReplaceAll(f, "\n", "\r\n"))
		if i == last {
			data.WriteString(showCursor)
		}
		ms := (time.Duration(i) * o.Pace).Milliseconds()
		fmt.Fprintf(&b, "[%d.%03d, \"o\", ", ms/1000, ms%1000)
		enc.Encode(data.String()) // ends the line
		b.Truncate(b.Len() - 1)
		b.WriteString("]\n")
		i++
	})
	if err != nil {
		// A game replays its own steps: a refusal here is a bug.
		panic(fmt.Sprintf("cast: %v", err))
	}
	return b.String()
}
