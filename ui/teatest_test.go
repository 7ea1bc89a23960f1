package ui

import (
	"bytes"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/teatest/v2"
)

// A whole game in a (virtual) terminal, from the home screen through a
// proposal to CHOSEN, then quitting with the unsaved-play question.
func TestWholeGameInATerminal(t *testing.T) {
	tm := teatest.NewTestModel(t, New(false, false), teatest.WithInitialTermSize(100, 30))
	shows := func(s string) {
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
	if v, ok := m.play.g.World().Obs.ChosenValue(); !ok || v != "1 EUR" {
		t.Errorf("chosen %q, %v", v, ok)
	}
}
