package explore

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"paxosgame/game"
	"paxosgame/internal/long"
	"paxosgame/narrate"
	"paxosgame/paxos"
)

// start reads a file of testdata as the start of a search.
func start(t testing.TB, name string) (*game.World, []game.Command) {
	t.Helper()
	src, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	w, prefix, err := Start(name, string(src))
	if err != nil {
		t.Fatal(err)
	}
	return w, prefix
}

// replay runs a script as `paxosgame run` does and returns its output.
func replay(t testing.TB, script string) string {
	t.Helper()
	var out, errOut bytes.Buffer
	if status := narrate.Run(&out, &errOut, "found.paxos", script); status != 0 {
		t.Fatalf("run: status %d: %s\n%s", status, errOut.String(), script)
	}
	return out.String()
}

// Issue 11: "with each of the seven rules off (the file's `rule … off`,
// with `--crashes 1` where a crash is needed), the shortest break is found
// in under 2 s and replays with `run` to a VIOLATION. Pin each count and
// each length in tests." Durable-acceptors needs a crash and a restart,
// and its search is the largest (pinned as a long test): the reduction
// leaves out the crash of a proposer that could only silence it, and of
// an acceptor with nothing to forget, and restarts a crashed node at once
// (reduce.go), which the search without it, 856,278 states, does not. A learner
// only listens: with same-ballot-majority off it may break Agreement, and
// the reduction (reduce.go) takes its deliveries last. The transitions are
// the steps tried: sleep sets (sleep.go) leave out two in three.
func TestEachRuleOffBreaksAgreement(t *testing.T) {
	for _, tc := range []struct {
		file                string
		crashes             int
		symmetry            bool
		states, transitions int
		steps               int
	}{
		{"unique-ballots-off.paxos", 0, false, 116_915, 147_113, 14},
		{"promise-reports-vote-off.paxos", 0, false, 32_119, 40_358, 14},
		{"adopt-highest-vote-off.paxos", 0, false, 36_136, 45_785, 14},
		{"keep-promise-off.paxos", 0, false, 36_305, 46_553, 14},
		{"majority-quorum-off.paxos", 0, false, 3_288, 3_543, 8},
		{"durable-acceptors-off.paxos", 1, true, 82_652, 97_526, 16},
		{"durable-acceptors-off.paxos", 1, false, 468_772, 540_497, 16},
		{"durable-acceptors-off.paxos --no-reduce", 1, false, 856_278, 3_321_300, 16},
		{"same-ballot-majority-off.paxos", 0, false, 70_625, 86_109, 14},
		{"same-ballot-majority-off.paxos --no-reduce", 0, false, 70_473, 250_612, 14},
	} {
		name := tc.file
		if tc.symmetry {
			name += " --symmetry"
		}
		t.Run(name, func(t *testing.T) {
			if tc.states > 100_000 || tc.symmetry || strings.HasSuffix(tc.file, "--no-reduce") {
				long.Test(t) // the default run keeps to the searches of a few ten thousand states
			}
			file, noReduce := strings.CutSuffix(tc.file, " --no-reduce")
			w, prefix := start(t, file)
			b := DefaultBounds()
			b.Crashes = tc.crashes
			res := Search(w, b, Violation, Options{Symmetry: tc.symmetry, NoReduce: noReduce})
			if !res.Found || res.States != tc.states || res.Transitions != tc.transitions || len(res.Run) != tc.steps {
				t.Fatalf("found %v, %d states, %d transitions, %d steps; want %d, %d, %d",
					res.Found, res.States, res.Transitions, len(res.Run), tc.states, tc.transitions, tc.steps)
			}
			out := replay(t, Script("test", prefix, res.Run, nil))
			if !strings.Contains(out, "VIOLATION") {
				t.Fatalf("the run replays without a VIOLATION:\n%s", out)
			}
		})
	}
}

// "--symmetry treats acceptors as interchangeable, and says how many
// states it saved; verdicts are the same." From the default setup, where
// the acceptors are alike, the states found with symmetry stand for
// exactly the states found without it, and both say Agreement holds; with
// each rule off, both find a break of the same length.
func TestSymmetryStandsForTheSameStates(t *testing.T) {
	long.Test(t)
	w, _ := start(t, "all-rules-on.paxos")
	plain := Search(w, DefaultBounds(), Violation, Options{})
	sym := Search(w, DefaultBounds(), Violation, Options{Symmetry: true})
	if plain.Found || sym.Found || plain.States != 718_934 || sym.States != 122_637 || sym.Worlds != plain.States {
		t.Fatalf("plain: found %v, %d states; symmetric: found %v, %d states standing for %d",
			plain.Found, plain.States, sym.Found, sym.States, sym.Worlds)
	}
}

// The counts and the run found do not depend on the number of workers.
func TestSameResultOnAnyNumberOfWorkers(t *testing.T) {
	w, _ := start(t, "keep-promise-off.paxos")
	one := Search(w, DefaultBounds(), Violation, Options{Workers: 1})
	four := Search(w, DefaultBounds(), Violation, Options{Workers: 4})
	if one.States != four.States || one.Transitions != four.Transitions || Script("", nil, one.Run, nil) != Script("", nil, four.Run, nil) {
		t.Fatalf("1 worker: %d states, %d transitions, run %v\n4 workers: %d, %d, %v",
			one.States, one.Transitions, one.Run, four.States, four.Transitions, four.Run)
	}
}

// Options.Step: the first transition it refuses, in the search's order,
// ends the search with the shortest run that takes it.
func TestStepStopsAtTheFirstRefusedStep(t *testing.T) {
	w, _ := start(t, "all-rules-on.paxos")
	res := Search(w, DefaultBounds(), Violation, Options{Step: func(from, to *game.World, c game.Command) error {
		if c.Verb == game.VDeliver && to.Proposer(2).Phase == paxos.Phase2 && from.Proposer(2).Phase != paxos.Phase2 {
			return os.ErrInvalid
		}
		return nil
	}})
	if !res.Found || res.StepErr != os.ErrInvalid || len(res.Run) != 5 || res.Run[4].Verb != game.VDeliver {
		t.Fatalf("found %v, err %v, run %v", res.Found, res.StepErr, res.Run)
	}
}

// Options.Allow leaves out what a lesson does not allow: with every acceptor
// played by hand and hand/auto refused, the shortest run takes their
// decisions itself instead of giving them back to the game.
func TestAllowLeavesOutWhatIsRefused(t *testing.T) {
	w, _, err := Start("hand.paxos", "config proposers 2 acceptors 3 learners 0\nrule majority-quorum off\nhand A1\nhand A2\nhand A3\n")
	if err != nil {
		t.Fatal(err)
	}
	b := DefaultBounds()
	b.Hand = true
	noHand := func(c game.Command) bool { return c.Verb != game.VHand && c.Verb != game.VAuto }
	res := Search(w, b, Violation, Options{Symmetry: true, Allow: noHand})
	if !res.Found {
		t.Fatal("no break found")
	}
	decided := false
	for _, c := range res.Run {
		if !noHand(c) {
			t.Fatalf("the run gives a node back: %s", c)
		}
		decided = decided || c.Verb == game.VPromise || c.Verb == game.VVote
	}
	if !decided {
		t.Fatalf("the run takes no decision: %v", res.Run)
	}
}

// Options.Ever: a state meets the goal only once each Ever line has held
// on the way. The shortest run to 1 EUR chosen is 7 steps; with "at some
// point P2 was in phase 1" it is one step longer, and P2 proposes in it.
func TestEverLinesMustHaveHeldOnTheWay(t *testing.T) {
	w, _ := start(t, "all-rules-on.paxos")
	line := func(s string) game.Command {
		c, _, err := game.ParseLine(s)
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	goal := Holds([]game.Command{line(`expect chosen "1 EUR"`)})
	plain := Search(w, DefaultBounds(), goal, Options{})
	ever := Search(w, DefaultBounds(), goal, Options{Ever: []game.Command{line("expect P2 phase 1")}})
	if !plain.Found || len(plain.Run) != 7 || !ever.Found || len(ever.Run) != 8 ||
		!slices.ContainsFunc(ever.Run, func(c game.Command) bool { return c.Verb == game.VPropose && c.Node.N == 2 }) {
		t.Fatalf("plain: %v; with the ever line: %v", plain.Run, ever.Run)
	}
}
