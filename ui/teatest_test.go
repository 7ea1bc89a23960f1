package ui

import (
	"bytes"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/teatest/v2"
)

// proposeInTerminal starts the program in a (virtual) terminal of 100×30,
// opens free play and sends P1's proposal with the form's defaults. shows
// waits until the terminal has shown s.
func proposeInTerminal(t *testing.T) (tm *teatest.TestModel, shows func(s string)) {
	tm = teatest.NewTestModel(t, New(false, false), teatest.WithInitialTermSize(100, 30))
	shows = func(s string) {
		t.Helper()
		teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte(s)) },
			teatest.WithDuration(5*time.Second))
	}
	shows("Free play")
	tm.Send(keyMsg("enter"))
	shows("PROPOSERS")
	tm.Send(keyMsg("p"))
	shows("New proposal")
	tm.Send(keyMsg("enter"))
	shows("prepare 1")
	return tm, shows
}

// A whole game in a (virtual) terminal, from the home screen through a
// proposal to CHOSEN, then quitting with the unsaved-play question.
func TestWholeGameInATerminal(t *testing.T) {
	tm, shows := proposeInTerminal(t)
	for range 5 {
		tm.Send(keyMsg("space")) // three prepares and two promises
	}
	shows("2a P1→A1") // the majority promised: P1 asked for votes
	tm.Send(keyMsg("a"))
	shows("CHOSEN: 1 EUR in ballot 1")
	tm.Send(keyMsg("q"))
	shows("Quit without saving?")
	tm.Send(keyMsg("y"))

	m := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(*Model)
	if v, ok := m.board.g.World().Obs.ChosenValue(); !ok || v != "1 EUR" {
		t.Errorf("chosen %q, %v", v, ok)
	}
}

// A click in a real program is resolved on the frame last drawn, through
// the view's OnMouse: one click selects a message, a second delivers it.
func TestClickInATerminal(t *testing.T) {
	// Where message #2 is drawn, from a model in the same state.
	ref := newTestGame(t, 100, 30)
	keys(ref, "p", "enter")
	x, y := -1, -1
	for _, h := range frameOf(ref.board).hits {
		if h.t == (target{msg: 2}) {
			x, y = h.x0+1, h.y
		}
	}
	if x < 0 {
		t.Fatal("message #2 is nowhere on screen")
	}
	tm, shows := proposeInTerminal(t)
	click := tea.MouseClickMsg{X: x, Y: y, Button: tea.MouseLeft}
	tm.Send(click)
	shows("▸#2")
	tm.Send(click)
	shows("deliver 1a P1->A2")
	tm.Send(keyMsg("ctrl+c"))
	tm.Send(keyMsg("y"))
	m := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(*Model)
	if got := m.board.g.Steps()[len(m.board.g.Steps())-1].Cmd.String(); got != "deliver 1a P1->A2" {
		t.Errorf("the clicks ran %q", got)
	}
}
