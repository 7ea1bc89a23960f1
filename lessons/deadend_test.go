package lessons

import (
	"strings"
	"testing"
	"time"
)

// waitVerdict waits for the search for a dead end from the game on
// screen, if one runs, and returns the verdict.
func waitVerdict(t *testing.T, s *Session) (DeadEnd, bool) {
	t.Helper()
	if ch := s.Searching(); ch != nil {
		select {
		case <-ch:
		case <-time.After(time.Minute):
			t.Fatal("the search for a dead end did not end")
		}
	}
	return s.DeadEnd()
}

// Issue 20: challenge 18, `p 1 Tab 11 Enter a` gets 5 EUR chosen, and the
// goal silently became impossible. The observer's facts say so at once,
// and how far back the way is open again.
func TestDeadEndOfAChosenValue(t *testing.T) {
	s := builtinAt(t, "challenge-six-eur", 2)
	do(t, s, "propose P1 11")
	if d, dead := waitVerdict(t, s); dead {
		t.Fatalf("a dead end after propose P1 11: %+v", d)
	}
	do(t, s, "deliver all")
	d, dead := s.DeadEnd()
	if !dead || d.Why != "5 EUR is chosen: 6 EUR can no longer be" || d.Back != 1 || d.States != 0 {
		t.Fatalf("after deliver all: %+v %v", d, dead)
	}
	if s.Undo(); func() bool { _, dead := s.DeadEnd(); return dead }() {
		t.Error("one step back, the way is open again")
	}
}

// Lesson 2, page 2: ignore instead of promise. The goal allows only A1's
// decisions, and A1 holds nothing more: the explorer proves it, in the
// background; the hint does not send the student to a refused move.
func TestDeadEndFoundByTheExplorer(t *testing.T) {
	s := builtinAt(t, "promises", 2)
	do(t, s, "ignore A1")
	d, dead := waitVerdict(t, s)
	if !dead || d.States == 0 || !strings.Contains(d.Why, "no move this goal allows can be made") {
		t.Fatalf("after ignore A1: %+v %v", d, dead)
	}
	if h, ok := s.NextHint(); ok || !strings.Contains(h, "← steps back") {
		t.Errorf("the hint at a dead end: %q %v", h, ok)
	}
	if s.HintsLeft() != 1 {
		t.Error("a hint was spent on a dead end")
	}
	s.Undo()
	if d, dead := waitVerdict(t, s); dead {
		t.Errorf("after the undo: %+v", d)
	}
	do(t, s, "promise A1")
	if reached, _, _ := s.Reached(); !reached {
		t.Error("promise A1 reaches the goal")
	}
}

// Issue 20, lesson 8: "the crash the lesson asks for must not flip 'and
// came back' to ✗ with '← steps back'": a restart brings it back, so no
// line says to step back; and the goal is no dead end.
func TestNoStepBackWhereMovingOnIsTheWay(t *testing.T) {
	s := builtinAt(t, "acceptors-remember", 2)
	for _, line := range []string{"deliver 2a P2->A1", "vote A1", "crash A1"} {
		do(t, s, line)
	}
	for _, gl := range s.Goal() {
		if gl.HeldAt != 0 || gl.StepsBack != 0 {
			t.Errorf("%s: held at %d, %d steps back", gl.Expect, gl.HeldAt, gl.StepsBack)
		}
	}
	if d, dead := waitVerdict(t, s); dead {
		t.Errorf("a dead end after the crash: %+v", d)
	}
	do(t, s, "restart A1")
	if reached, _, _ := s.Reached(); !reached {
		t.Errorf("crash, then restart, reaches the goal: %+v", s.Goal())
	}
}

// A line that went past for good (an expect never line) still says where
// it held and that ← steps back: there, stepping back is the way.
func TestStepBackWhereItIsTheWay(t *testing.T) {
	s := builtinAt(t, "battle", 2)
	for _, line := range []string{"deliver 1b A1->P5", "deliver 2a P5->A1", "vote A1", "deliver 2a P5->A2"} {
		do(t, s, line)
	}
	d, dead := s.DeadEnd()
	if !dead || !strings.Contains(d.Why, "5 EUR was chosen") || d.Back != 1 {
		t.Fatalf("5 EUR chosen under a never line: %+v %v", d, dead)
	}
	past := false
	for _, gl := range s.Goal() {
		past = past || gl.HeldAt > 0
	}
	if !past {
		t.Errorf("no line says where it held: %+v", s.Goal())
	}
}
