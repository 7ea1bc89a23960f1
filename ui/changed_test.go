package ui

import (
	"strings"
	"testing"
)

// The rows and messages the last step touched carry ◆, with NO_COLOR
// too; the next step takes its marks with it, and so does a step back.
func TestLastStepIsMarked(t *testing.T) {
	m := New(true, false) // NO_COLOR: the sign alone must say it
	send(m, sizeMsg(80, 24))
	keys(m, "enter")
	command(m, "propose P2 17")
	s := screenOf(m)
	for _, want := range []string{"◆P2 ", "◆#2 1a P2→A2", "◆#3 1a P2→A3"} {
		if !strings.Contains(s, want) {
			t.Errorf("after propose: no %q in\n%s", want, s)
		}
	}
	command(m, "deliver 1a P2->A1")
	s = screenOf(m)
	for _, want := range []string{"◆A1 ", "◆#4 1b A1→P2"} {
		if !strings.Contains(s, want) {
			t.Errorf("after deliver: no %q in\n%s", want, s)
		}
	}
	for _, gone := range []string{"◆P2 ", "◆#2 ", "◆#3 "} {
		if strings.Contains(s, gone) {
			t.Errorf("after deliver: the propose's mark %q is still there:\n%s", gone, s)
		}
	}
	keys(m, "left")
	if s = screenOf(m); !strings.Contains(s, "◆#3 1a P2→A3") || strings.Contains(s, "◆A1 ") {
		t.Errorf("a step back shows the marks of the step it returns to:\n%s", s)
	}
}

// A crashed acceptor and learner say so in words at 80×24, not by ✗ alone.
func TestCrashedInWordsAt80x24(t *testing.T) {
	m := New(true, false)
	send(m, sizeMsg(80, 24))
	keys(m, "enter")
	command(m, "crash A2")
	command(m, "crash L1")
	command(m, "crash P3")
	for _, id := range []string{"A2", "L1", "P3"} {
		if row := rowOf(m, id); !strings.Contains(row, "crashed") {
			t.Errorf("%s's row %q does not say crashed", id, row)
		}
	}
}
