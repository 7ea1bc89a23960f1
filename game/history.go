package game

import (
	"fmt"
	"strings"
)

// checkpointEvery is how many steps lie between two saved copies of the
// world: going to any step restores the nearest copy at or before it and
// replays at most this many steps.
const checkpointEvery = 64

// Step is one action of a game and what it did.
type Step struct {
	Cmd    Command
	Events []Event
}

// Game is a world with its history: the setup, the actions taken, and a
// cursor that undo, redo and jump move. Acting with the cursor before the
// end drops the steps after it.
type Game struct {
	setup       []Command
	setupEvents []Event
	steps       []Step
	cur         int
	w           *World
	checkpoints []*World // checkpoints[i] is the world after i*checkpointEvery steps
}

// NewGame is a game of the default cluster at step 0.
func NewGame() *Game {
	g := &Game{w: NewWorld()}
	g.checkpoints = []*World{g.w.Clone()}
	return g
}

// World is the state at the cursor. Change it only through Exec.
func (g *Game) World() *World { return g.w }

// Cursor is the number of steps applied; Len is the number of steps kept
// (more than Cursor after an undo).
func (g *Game) Cursor() int { return g.cur }
func (g *Game) Len() int    { return len(g.steps) }

// Steps is the whole history, including steps after the cursor.
func (g *Game) Steps() []Step { return g.steps }

// Setup is the setup commands and what they did.
func (g *Game) Setup() ([]Command, []Event) { return g.setup, g.setupEvents }

// Exec runs one command. A setup command is taken only at step 0 (and
// drops any steps undone); an action becomes the next step, dropping the
// steps after the cursor; an expect is checked and returns its failure as
// the error. On error nothing changes.
func (g *Game) Exec(c Command) ([]Event, error) {
	switch {
	case c.Verb == VExpect:
		return nil, g.w.Check(c)
	case c.Verb.Setup():
		if g.cur != 0 {
			return nil, refuse("%s is a setup command: it must come before the first action (undo to step 0 to change the setup)", c.Verb)
		}
		evs, err := g.w.Apply(c)
		if err != nil {
			return nil, err
		}
		g.setup = append(g.setup, g.w.Resolve(c))
		g.setupEvents = append(g.setupEvents, evs...)
		g.steps = nil
		g.checkpoints = []*World{g.w.Clone()}
		return evs, nil
	}
	resolved := g.w.Resolve(c)
	evs, err := g.w.Apply(c)
	if err != nil {
		return nil, err
	}
	g.steps = append(g.steps[:g.cur], Step{Cmd: resolved, Events: evs})
	if keep := g.cur/checkpointEvery + 1; len(g.checkpoints) > keep {
		g.checkpoints = g.checkpoints[:keep] // they belonged to the dropped future
	}
	g.cur++
	g.checkpoint()
	return evs, nil
}

func (g *Game) checkpoint() {
	if g.cur%checkpointEvery == 0 && len(g.checkpoints) == g.cur/checkpointEvery {
		g.checkpoints = append(g.checkpoints, g.w.Clone())
	}
}

// Undo steps back once; it reports false at step 0.
func (g *Game) Undo() bool {
	if g.cur == 0 {
		return false
	}
	g.Jump(g.cur - 1)
	return true
}

// Redo steps forward once along the kept history; false at its end.
func (g *Game) Redo() bool {
	if g.cur == len(g.steps) {
		return false
	}
	g.Jump(g.cur + 1)
	return true
}

// Jump moves the cursor to step k (0..Len).
func (g *Game) Jump(k int) error {
	if k < 0 || k > len(g.steps) {
		return fmt.Errorf("there is no step %d: the history has steps 0 to %d", k, len(g.steps))
	}
	if k < g.cur || k-g.cur > checkpointEvery {
		cp := min(k/checkpointEvery, len(g.checkpoints)-1)
		g.w = g.checkpoints[cp].Clone()
		g.cur = cp * checkpointEvery
	}
	for g.cur < k {
		if _, err := g.w.Apply(g.steps[g.cur].Cmd); err != nil {
			// The step was taken once from this very state: replay is
			// deterministic, so this cannot happen unless the world has a bug.
			panic(fmt.Sprintf("replay of step %d (%s) failed: %v", g.cur+1, g.steps[g.cur].Cmd, err))
		}
		g.cur++
		g.checkpoint()
	}
	return nil
}

// Script prints the game as a script: the setup, then every step kept.
// Replaying it gives the same world as the end of the history.
func (g *Game) Script() string {
	var b strings.Builder
	for _, c := range g.setup {
		b.WriteString(c.String())
		b.WriteByte('\n')
	}
	for _, s := range g.steps {
		b.WriteString(s.Cmd.String())
		b.WriteByte('\n')
	}
	return b.String()
}

// Load replays the commands of a script into a new game, checking no
// expect. The first command refused stops it, with its line.
func Load(file string, cmds []Command) (*Game, error) {
	g := NewGame()
	for _, c := range cmds {
		if c.Verb == VExpect {
			continue
		}
		if _, err := g.Exec(c); err != nil {
			return nil, &Error{File: file, Line: c.Line, Col: c.Col, Msg: "refused: " + err.Error()}
		}
	}
	return g, nil
}
