package game

import (
	"bytes"
	"strings"
	"testing"
)

// duelPrefix brings two proposers to S0: P1 preempted in ballot 1 (with
// A1's promise), P2 in phase 1 of ballot 2 with A2's promise, A3's on its
// way, its prepare to A1 (which promised 1) on its way.
const duelPrefix = `config proposers 5 acceptors 3 learners 2
propose P1
deliver 1a P1->A1
deliver 1b A1->P1
propose P2
deliver 1a P2->A2
deliver 1a P2->A3
deliver 1a P1->A2
deliver nack A2->P1
deliver 1a P1->A3
deliver nack A3->P1
deliver 1b A2->P2
`

// duelTurns: P1 takes ballot 6 from P2's 2, then P2 takes 7 from P1's 6.
const duelTurns = `propose P1
deliver 1a P1->A1
deliver 1a P2->A1
deliver nack A1->P2
deliver 1b A3->P2
deliver 1a P1->A2
deliver 1b A1->P1
propose P2
deliver 1a P2->A3
deliver 1a P1->A3
deliver nack A3->P1
deliver 1b A2->P1
deliver 1a P2->A2
deliver 1b A2->P2
`

// DESIGN §10: "--forever finds the seed's non-termination: the shortest
// run that returns to an earlier state of itself with every ballot raised
// (same owner, same order) and no value chosen". Two turns of the duel
// bring the world back to S0 with every ballot raised by 5: the same loop
// key, one round up; a turn alone does not, nor does any step between.
func TestDuelComesBackWithBallotsRaised(t *testing.T) {
	g, err := Open("duel", duelPrefix)
	if err != nil {
		t.Fatal(err)
	}
	s0, r0 := g.World().AppendLoopKey(nil)
	cmds, err := Parse("turns", duelTurns)
	if err != nil {
		t.Fatal(err)
	}
	for i, c := range cmds {
		if _, err := g.Exec(c); err != nil {
			t.Fatalf("%s: %v", c, err)
		}
		k, r := g.World().AppendLoopKey(nil)
		if same := bytes.Equal(k, s0); same != (i == len(cmds)-1) {
			t.Fatalf("after %s (step %d of the turns): same key as S0 %v, round %d", c, i+1, same, r)
		}
		if i == len(cmds)-1 && r != r0+1 {
			t.Fatalf("back to S0 in round %d, from %d", r, r0)
		}
	}
	if _, chosen := g.World().Obs.ChosenValue(); chosen {
		t.Fatal("a value was chosen")
	}
	if !strings.Contains(g.World().Proposer(1).PhaseWords(), "preempted by 7") {
		t.Fatalf("P1 is %s", g.World().Proposer(1).PhaseWords())
	}
}

// Issue 21: "play opens it, and auto-play can go round the loop again and
// again, ballots rising". LoopNext, at the end of the duel's two turns,
// gives the steps of the next turns, their ballots raised: three more
// times round, each coming back to S0 one round up, nothing chosen; and
// it gives nothing before the history ends in a loop.
func TestLoopNextGoesRoundAgain(t *testing.T) {
	g, err := Open("duel", duelPrefix+duelTurns)
	if err != nil {
		t.Fatal(err)
	}
	s0, _ := g.World().AppendLoopKey(nil)
	turns := len(strings.Split(strings.TrimSpace(duelTurns), "\n"))
	for round := 2; round <= 4; round++ {
		for range turns {
			c, ok := g.LoopNext()
			if !ok {
				t.Fatalf("round %d, step %d: no next step", round, g.Cursor())
			}
			if _, err := g.Exec(c); err != nil {
				t.Fatalf("%s: %v", c, err)
			}
		}
		k, r := g.World().AppendLoopKey(nil)
		if !bytes.Equal(k, s0) || r != round {
			t.Fatalf("after turn %d: round %d, same key %v", round, r, bytes.Equal(k, s0))
		}
	}
	if _, chosen := g.World().Obs.ChosenValue(); chosen {
		t.Fatal("a value was chosen")
	}
	if b := g.World().Proposer(2).Ballot; b != 22 {
		t.Fatalf("P2's ballot is %d, want 22", b)
	}
	early, _ := Open("duel", duelPrefix)
	if c, ok := early.LoopNext(); ok {
		t.Fatalf("before a loop: %s", c)
	}
}
