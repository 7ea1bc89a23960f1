package explore

import (
	"testing"

	"pgregory.net/rapid"

	"paxosgame/game"
)

// sameButTransitions checks that a search with sleep sets finds what the
// search without them finds — the states, the depth, the verdict, the run —
// and tries fewer steps.
func sameButTransitions(t interface{ Fatalf(string, ...any) }, name string, w *game.World, b Bounds, goal Goal, opt Options) {
	with := Search(w, b, goal, opt)
	opt.noSleep = true
	without := Search(w, b, goal, opt)
	if with.States != without.States || with.Worlds != without.Worlds || with.Depth != without.Depth || with.Found != without.Found ||
		Script("", nil, with.Run, nil) != Script("", nil, without.Run, nil) || with.Transitions > without.Transitions {
		t.Fatalf("%s: with sleep sets %d states (%d worlds), depth %d, %d transitions, run %v; without %d (%d), %d, %d, %v",
			name, with.States, with.Worlds, with.Depth, with.Transitions, with.Run, without.States, without.Worlds, without.Depth, without.Transitions, without.Run)
	}
}

// sleep.go: "the states, their order, the run found and the counts are
// those of the search without sleep sets; only the transitions tried are
// fewer." For each rule off, with and without symmetry, for the course's
// cluster (learners, idle proposers), and for goals that take a learner's
// deliveries last.
func TestSleepSetsChangeOnlyTransitions(t *testing.T) {
	for _, tc := range []struct {
		file     string
		crashes  int
		symmetry bool
	}{
		{"promise-reports-vote-off.paxos", 0, false},
		{"adopt-highest-vote-off.paxos", 0, true},
		{"keep-promise-off.paxos", 0, false},
		{"majority-quorum-off.paxos", 0, false},
		{"same-ballot-majority-off.paxos", 0, false},
	} {
		w, _ := start(t, tc.file)
		b := DefaultBounds()
		b.Crashes = tc.crashes
		sameButTransitions(t, tc.file, w, b, Violation, Options{Symmetry: tc.symmetry})
	}
	for _, c := range reductionCases() {
		w, _, err := Start(c.name, c.src)
		if err != nil {
			t.Fatal(err)
		}
		goal := Violation
		if c.goal != "" {
			goal = Holds(conds(t, c.goal))
		}
		sameButTransitions(t, c.name, w, c.b, goal, Options{})
	}
}

// And on random starts, with crashes, duplicates, drops and nodes played
// by hand: a property.
func TestSleepSetsOnRandomStarts(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		w, src := randomStart(t)
		b := Bounds{Ballots: 1, Crashes: rapid.IntRange(0, 1).Draw(t, "crashes"), Duplicates: rapid.IntRange(0, 1).Draw(t, "duplicates"),
			Drops: rapid.Bool().Draw(t, "drops"), Hand: rapid.Bool().Draw(t, "hand")}
		if rapid.Bool().Draw(t, "P2") {
			b.Proposers = []int{2}
		}
		opt := Options{MaxStates: 3_000, Workers: 1, Symmetry: rapid.Bool().Draw(t, "symmetry")}
		if r := Search(w, b, Violation, Options{MaxStates: 3_000, Workers: 1, noSleep: true}); r.Incomplete {
			return // too big to compare here
		}
		sameButTransitions(t, src, w, b, Violation, opt)
	})
}
