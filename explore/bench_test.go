package explore

import (
	"testing"

	"paxosgame/explore/budget"
)

// DESIGN §8: "check of the default exploration, all rules on: < 10 s on 2
// cores"; "shortest counter-example for any one rule off: < 2 s". Each
// search runs as check runs it, within the default memory budget.
func BenchmarkCheckDefault(b *testing.B) {
	benchSearch(b, "all-rules-on.paxos", 0, false)
}

func BenchmarkCheckDefaultSymmetry(b *testing.B) {
	benchSearch(b, "all-rules-on.paxos", 0, true)
}

// "check, the course's setup (5 P, 3 A, 2 L), default bounds, all rules
// on: < 10 s on 2 cores".
func BenchmarkCheckCourse(b *testing.B) {
	benchSearch(b, "course.paxos", 0, false)
}

func BenchmarkRuleOff(b *testing.B) {
	for _, tc := range []struct {
		file     string
		crashes  int
		symmetry bool
	}{
		{"unique-ballots-off.paxos", 0, false},
		{"promise-reports-vote-off.paxos", 0, false},
		{"adopt-highest-vote-off.paxos", 0, false},
		{"keep-promise-off.paxos", 0, false},
		{"majority-quorum-off.paxos", 0, false},
		{"durable-acceptors-off.paxos", 1, true},
		{"durable-acceptors-off.paxos", 1, false},
		{"same-ballot-majority-off.paxos", 0, false},
	} {
		name := tc.file
		if tc.symmetry {
			name += "-symmetry"
		}
		b.Run(name, func(b *testing.B) { benchSearch(b, tc.file, tc.crashes, tc.symmetry) })
	}
}

// "check --forever, the course's setup: < 10 s".
func BenchmarkForeverCourse(b *testing.B) {
	w, _ := start(b, "course.paxos")
	var states int
	for b.Loop() {
		states = Forever(w, Bounds{Proposers: []int{1, 2}, Ballots: ForeverRounds}, Options{MaxMemory: budget.DefaultMaxMemory()}).States
	}
	b.ReportMetric(float64(states), "states")
}

func benchSearch(b *testing.B, file string, crashes int, symmetry bool) {
	w, _ := start(b, file)
	bounds := DefaultBounds()
	bounds.Crashes = crashes
	var states int
	for b.Loop() {
		states = Search(w, bounds, Violation, Options{Symmetry: symmetry, MaxMemory: budget.DefaultMaxMemory()}).States
	}
	b.ReportMetric(float64(states), "states")
}
