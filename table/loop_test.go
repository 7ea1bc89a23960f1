package table

import (
	"testing"

	"paxosgame/game"
)

// loopScript is what check --forever finds from the course's setup: the
// way in, then one turn of the duel, every ballot raised by 5.
const loopScript = `config proposers 5 acceptors 3 learners 2
propose P1 1 "1 EUR"
deliver 1a P1->A1
deliver 1a P1->A2
deliver 1b A1->P1
propose P2 2 "2 EUR"
deliver 1a P2->A3
deliver 1b A3->P2
deliver 1a P1->A3
deliver 1a P2->A1
deliver nack A3->P1
deliver 1b A2->P1
propose P1 6 "1 EUR"
deliver 1a P1->A1
deliver 1a P1->A2
deliver 1a P2->A2
deliver 1b A1->P1
deliver nack A2->P2
deliver 1b A1->P2
propose P2 7 "2 EUR"
deliver 1a P2->A3
deliver 1b A3->P2
`

// Issue 21: "play opens it, and auto-play can go round the loop again and
// again, ballots rising". Opened at its end, the loop's game auto-plays
// the duel's next turns (P1's 11, P2's 12, then 16 and 17), not the oldest
// message, and nothing is chosen.
func TestAutoPlayGoesRoundALoop(t *testing.T) {
	g, err := game.Open("loop", loopScript)
	if err != nil {
		t.Fatal(err)
	}
	clock := &ManualClock{}
	tb := New(g, "loop", "", WithClock(clock))
	defer tb.Close()
	ch, stop := tb.Subscribe()
	defer stop()
	var startErr error
	seat(tb).Act(func(tx *Tx) { startErr = tx.StartAuto() })
	signalled(ch)
	if startErr != nil {
		t.Fatal(startErr)
	}
	for range 2 * 14 {
		if !clock.Tick() {
			t.Fatalf("auto-play stopped at step %d: %+v", g.Cursor(), autoOf(tb))
		}
		waitSignal(t, ch)
	}
	if p1, p2 := g.World().Proposer(1), g.World().Proposer(2); p1.Used != 16 || p2.Used != 17 {
		t.Fatalf("after two turns P1 used %d and P2 %d, want 16 and 17:\n%s", p1.Used, p2.Used, g.Script())
	}
	if _, chosen := g.World().Obs.ChosenValue(); chosen {
		t.Fatal("a value was chosen")
	}
}
