package explore

import (
	"bytes"
	"strings"
	"testing"

	"paxosgame/explore/budget"
	"paxosgame/game"
	"paxosgame/internal/long"
)

// Issue 21, item 3: "check --forever: the shortest run that comes back to
// an earlier state of itself up to ballots ... with no value chosen in
// between". From the course's setup, two proposers duel: 7 steps lead in,
// then 14 steps (each proposer starts its next ballot once refused) come
// back to the same promises, votes, phases and messages with every ballot
// raised by 5. The script replays with nothing chosen, and ends where the
// way in ended, a round up.
func TestForeverFindsTheDuel(t *testing.T) {
	w, prefix := start(t, "course.paxos")
	l := Forever(w, Bounds{Proposers: []int{1, 2}, Ballots: ForeverRounds}, Options{})
	if !l.Found || len(l.Way) != 7 || len(l.Turn) != 14 || l.Raise != 5 || RaisedWords(l) != "every ballot raised by 5: 1 to 6, 2 to 7" {
		t.Fatalf("found %v: %d steps in, %d round, %s", l.Found, len(l.Way), len(l.Turn), RaisedWords(l))
	}
	script := LoopScript("test", prefix, l)
	if out := replay(t, script); strings.Contains(out, "CHOSEN") {
		t.Fatalf("a value is chosen:\n%s", out)
	}
	g, err := game.Open("loop", script)
	if err != nil {
		t.Fatal(err)
	}
	end, r1 := g.World().AppendLoopKey(nil)
	if err := g.Jump(g.Cursor() - len(l.Turn)); err != nil {
		t.Fatal(err)
	}
	anchor, r0 := g.World().AppendLoopKey(nil)
	if !bytes.Equal(end, anchor) || r1 != r0+1 {
		t.Fatalf("the turn ends in round %d, from %d, same state %v", r1, r0, bytes.Equal(end, anchor))
	}
	for _, c := range l.Turn {
		if c.Verb != game.VDeliver && c.Verb != game.VPropose {
			t.Fatalf("the loop takes %s: a fair duel only delivers and proposes", c)
		}
	}
}

// "With one proposer (--proposers P1) it says that no such loop exists
// within the bounds": a proposer that starts a ballot only when refused is
// never refused alone.
func TestForeverNoLoopWithOneProposer(t *testing.T) {
	w, _ := start(t, "course.paxos")
	if l := Forever(w, Bounds{Proposers: []int{1}, Ballots: ForeverRounds}, Options{}); l.Found || l.Stopped != budget.None || l.States == 0 {
		t.Fatalf("found %v, stopped %v, %d states", l.Found, l.Stopped, l.States)
	}
}

// A search stopped by its budget says so.
func TestForeverStopsAtItsBudget(t *testing.T) {
	w, _ := start(t, "all-rules-on.paxos")
	if l := Forever(w, Bounds{Proposers: []int{1, 2}, Ballots: ForeverRounds}, Options{MaxStates: 1000}); l.Found || l.Stopped != budget.States || l.States > 1000 {
		t.Fatalf("found %v, stopped %v at %d states", l.Found, l.Stopped, l.States)
	}
}

// The loop found is the same whatever the number of workers.
func TestForeverOnAnyNumberOfWorkers(t *testing.T) {
	long.Test(t)
	w, _ := start(t, "all-rules-on.paxos")
	one := Forever(w, Bounds{Proposers: []int{1, 2}, Ballots: ForeverRounds}, Options{Workers: 1})
	two := Forever(w, Bounds{Proposers: []int{1, 2}, Ballots: ForeverRounds}, Options{Workers: 2})
	if !one.Found || one.States != two.States || LoopScript("", nil, one) != LoopScript("", nil, two) {
		t.Fatalf("1 worker: %d states\n%s\n2 workers: %d states\n%s", one.States, LoopScript("", nil, one), two.States, LoopScript("", nil, two))
	}
}
