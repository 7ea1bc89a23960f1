package table

import (
	"os"
	"testing"

	"paxosgame/game"
)

// autoTable is a table for script src, its cursor at step 0 (as
// home leaves it), with a manual clock and a subscription.
func autoTable(t *testing.T, name, src string) (*Table, *ManualClock, <-chan struct{}) {
	t.Helper()
	g, err := game.Open(name, src)
	if err != nil {
		t.Fatal(err)
	}
	clock := &ManualClock{}
	tb := New(g, name, "", WithClock(clock))
	t.Cleanup(tb.Close)
	ch, stop := tb.Subscribe()
	t.Cleanup(stop)
	seat(tb).Act(func(tx *Tx) { tx.Jump(0) })
	signalled(ch)
	return tb, clock, ch
}

// startAuto starts auto-play through a solo seat and takes the signal.
func startAuto(t *testing.T, tb *Table, ch <-chan struct{}) {
	t.Helper()
	var err error
	seat(tb).Act(func(tx *Tx) { err = tx.StartAuto() })
	if err != nil {
		t.Fatal(err)
	}
	signalled(ch)
}

// tick ticks auto-play once and waits for the table to act on it.
func tick(t *testing.T, clock *ManualClock, ch <-chan struct{}) {
	t.Helper()
	if !clock.Tick() {
		t.Fatal("auto-play took no tick")
	}
	waitSignal(t, ch)
}

// Issue 22: "Auto-play walks the steps ahead (as → does, at its pace)
// when there are some, and only then delivers the oldest; it never drops
// steps." The clean run opened and taken home: auto-play starts at step 0
// though nothing is in flight, walks one step a tick, stops at the step
// that chose 5 EUR with every step kept, and, started again, walks to the
// last step and stops there: nothing is left in flight.
func TestAutoPlayWalksTheStepsAhead(t *testing.T) {
	src, err := os.ReadFile("../game/testdata/clean-run.paxos")
	if err != nil {
		t.Fatal(err)
	}
	tb, clock, ch := autoTable(t, "clean-run", string(src))
	g := tb.g
	steps, script := g.Len(), g.Script()
	startAuto(t, tb, ch)
	if a := autoOf(tb); a.Next != MoveAhead || a.Ahead != steps {
		t.Fatalf("at step 0: next %d with %d ahead, want MoveAhead with %d", a.Next, a.Ahead, steps)
	}
	for i := 1; autoOf(tb).On; i++ {
		tick(t, clock, ch)
		if g.Cursor() != i {
			t.Fatalf("tick %d: at step %d", i, g.Cursor())
		}
		if a := autoOf(tb); a.On && (a.Next != MoveAhead || a.Ahead != steps-i) {
			t.Fatalf("tick %d: next %d with %d ahead, want MoveAhead with %d", i, a.Next, a.Ahead, steps-i)
		}
	}
	if a := autoOf(tb); a.Why != StopChosen || g.Steps()[g.Cursor()-1].Cmd.String() != "deliver 2a P2->A2" {
		t.Fatalf("stopped at step %d (%s): %+v, want at the step that chose", g.Cursor(), g.Steps()[g.Cursor()-1].Cmd, a)
	}
	startAuto(t, tb, ch)
	for autoOf(tb).On {
		tick(t, clock, ch)
	}
	if a := autoOf(tb); a.Why != StopIdle || g.Cursor() != steps {
		t.Fatalf("stopped at step %d of %d: %+v, want at the last, idle", g.Cursor(), steps, a)
	}
	if g.Len() != steps || g.Script() != script {
		t.Fatalf("the history changed:\n%s\nwant\n%s", g.Script(), script)
	}
	var err2 error
	seat(tb).Act(func(tx *Tx) { err2 = tx.StartAuto() })
	if err2 != ErrIdle {
		t.Errorf("at the last step with nothing in flight: %v, want ErrIdle", err2)
	}
}

// Past the steps ahead, auto-play delivers the oldest message, and its
// Next says so once there are none.
func TestAutoPlayDeliversOnceNoStepIsAhead(t *testing.T) {
	tb, clock, ch := autoTable(t, "two", "propose P2 17\ndeliver 1a P2->A3\n")
	g := tb.g
	startAuto(t, tb, ch)
	tick(t, clock, ch)
	tick(t, clock, ch)
	if a := autoOf(tb); g.Len() != 2 || g.Cursor() != 2 || a.Next != MoveOldest {
		t.Fatalf("after the two steps ahead: step %d of %d, next %d", g.Cursor(), g.Len(), a.Next)
	}
	tick(t, clock, ch)
	if g.Len() != 3 || g.Steps()[2].Cmd.String() != "deliver 1a P2->A1" {
		t.Fatalf("the third tick did not deliver the oldest message:\n%s", g.Script())
	}
}

// A loop the history ends in: auto-play's Next says it goes round it.
func TestAutoPlayNextSaysTheLoop(t *testing.T) {
	tb, clock, ch := autoTable(t, "loop", loopScript)
	g := tb.g
	seat(tb).Act(func(tx *Tx) { tx.Jump(g.Len() - 1) })
	signalled(ch)
	startAuto(t, tb, ch)
	if a := autoOf(tb); a.Next != MoveAhead || a.Ahead != 1 {
		t.Fatalf("one step before the end: next %d with %d ahead", a.Next, a.Ahead)
	}
	tick(t, clock, ch)
	if a := autoOf(tb); a.Next != MoveLoop {
		t.Fatalf("at the loop's end: next %d, want MoveLoop", a.Next)
	}
}
