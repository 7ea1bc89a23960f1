package explore

import (
	"fmt"
	"strings"
	"testing"

	"pgregory.net/rapid"

	"paxosgame/game"
	"paxosgame/internal/long"
	"paxosgame/paxos"
)

// prefixChosen plays P1's ballot up to 1 EUR chosen by A1 and A2; its
// votes are on their way to P1 and the learner, its third request to A3.
const prefixChosen = `propose P1
deliver 1a P1->A1
deliver 1a P1->A2
deliver 1b A1->P1
deliver 1b A2->P1
deliver 2a P1->A1
deliver 2a P1->A2
`

// prefixPhase2 plays P1's ballot up to its requests to vote, none delivered.
const prefixPhase2 = `propose P1
deliver 1a P1->A1
deliver 1a P1->A2
deliver 1b A1->P1
deliver 1b A2->P1
`

// reductionCase is a setup small enough to search both with and without
// the reduction: a learner, and a proposer (P3) the bounds do not let
// propose, both passive (reduce.go); P1 too when it is not in the bounds.
type reductionCase struct {
	name    string
	src     string
	b       Bounds
	goal    string // expect lines, ; between two; "": Violation
	breaks  bool   // the goal is reached
	steps   int    // in that many steps
	maxFull int    // a bound on the states of the full search (a test's guard)
}

func reductionCases() []reductionCase {
	cfg := "config proposers 3 acceptors 3 learners 1\n"
	p2 := Bounds{Proposers: []int{2}, Ballots: 1}
	var cases []reductionCase
	for _, r := range paxos.AllRules() {
		c := reductionCase{name: r.String() + " off", src: cfg + "rule " + r.String() + " off\n" + prefixPhase2, b: p2, breaks: true, steps: 9, maxFull: 20_000}
		switch r {
		case paxos.MajorityQuorum:
			c.steps = 5
		case paxos.DurableAcceptors:
			// P2 has A3's promise; a crash that forgets does the rest.
			c.src = cfg + "rule durable-acceptors off\n" + prefixChosen + "propose P2\ndeliver 1a P2->A3\ndeliver 1b A3->P2\n"
			c.b, c.steps = Bounds{Crashes: 1}, 6
		}
		cases = append(cases, c)
	}
	// Crashes (reduce.go): a crashed node restarted at once, no crash of an
	// acceptor with nothing to forget; one crash or two, P2 in the bounds
	// or already proposing.
	durable := "config proposers 2 acceptors 3 learners 0\nrule durable-acceptors off\n" + prefixChosen
	cases = append(cases,
		reductionCase{name: "durable-acceptors off, P2 may propose", src: durable, b: Bounds{Proposers: []int{2}, Ballots: 1, Crashes: 1}, breaks: true, steps: 9, maxFull: 40_000},
		reductionCase{name: "durable-acceptors off, P2 proposing", src: durable + "propose P2\n", b: Bounds{Crashes: 1}, breaks: true, steps: 8, maxFull: 40_000},
		reductionCase{name: "durable-acceptors off, two crashes", src: durable + "propose P2\ndeliver 1a P2->A3\n", b: Bounds{Crashes: 2}, breaks: true, steps: 7, maxFull: 40_000},
	)
	return append(cases,
		reductionCase{name: "every rule on", src: cfg, b: Bounds{Proposers: []int{1}, Ballots: 1, Crashes: 1}, maxFull: 100_000},
		reductionCase{name: "L1 learns", src: cfg + prefixChosen, b: p2, goal: `L1 learned "1 EUR"`, breaks: true, steps: 2, maxFull: 20_000},
		reductionCase{name: "nothing in flight", src: cfg + prefixChosen, b: Bounds{}, goal: `in-flight 0`, breaks: true, steps: 9, maxFull: 20_000},
		reductionCase{name: "P3 down, 1 EUR chosen", src: cfg + prefixPhase2, b: Bounds{Crashes: 1}, goal: `P3 crashed; chosen "1 EUR"`, breaks: true, steps: 3, maxFull: 20_000},
		reductionCase{name: "L1 learns across ballots", src: cfg + "rule same-ballot-majority off\n" + prefixPhase2, b: p2, goal: `violation; A3 promised 2`, breaks: true, steps: 9, maxFull: 20_000},
	)
}

// conds reads expect lines, ; between two, without their word expect.
func conds(t testing.TB, lines string) []game.Command {
	var out []game.Command
	for _, line := range strings.Split(lines, ";") {
		cmd, _, err := game.ParseLine("expect " + strings.TrimSpace(line))
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, cmd)
	}
	return out
}

// searchCase searches c four ways: with and without the reduction, with and
// without symmetry.
func searchCase(t *testing.T, c reductionCase) ([4]Result, []game.Command) {
	t.Helper()
	w, prefix, err := Start(c.name, c.src)
	if err != nil {
		t.Fatal(err)
	}
	goal := Violation
	if c.goal != "" {
		goal = Holds(conds(t, c.goal))
	}
	var res [4]Result
	for i, o := range []Options{{}, {NoReduce: true}, {Symmetry: true}, {Symmetry: true, NoReduce: true}} {
		o.MaxStates = c.maxFull
		res[i] = Search(w, c.b, goal, o)
		if res[i].Incomplete {
			t.Fatalf("%+v: stopped at %d states (%v)", o, res[i].States, res[i].Stopped)
		}
	}
	return res, prefix
}

// DESIGN §10: "the full search stays available, and tests show both give
// the same verdicts and lengths". For each rule off, for every rule on,
// and for goals that read what the passive nodes do (a learner learns;
// nothing is in flight; a passive proposer is down; a learner breaks
// Agreement), the search with the reduction and without it, each with and
// without symmetry, reach the goal or not alike, and in as many steps.
func TestReductionKeepsVerdictsAndLengths(t *testing.T) {
	for _, c := range reductionCases() {
		t.Run(c.name, func(t *testing.T) {
			res, prefix := searchCase(t, c)
			for i, r := range res {
				if r.Found != c.breaks || len(r.Run) != c.steps {
					t.Errorf("search %d (reduced, full, symmetric reduced, symmetric full): found %v in %d steps; want %v in %d",
						i, r.Found, len(r.Run), c.breaks, c.steps)
				}
			}
			if res[0].States >= res[1].States && c.goal == "" {
				t.Errorf("the reduction saves nothing: %d states, %d without", res[0].States, res[1].States)
			}
			if c.breaks && c.goal == "" {
				if out := replay(t, Script("test", prefix, res[0].Run, nil)); !strings.Contains(out, "VIOLATION") {
					t.Errorf("the reduced run replays without a VIOLATION:\n%s", out)
				}
			}
		})
	}
}

// The same, from the cluster's start (three proposers, P1 and P2 in the
// bounds, a learner), for the rules whose full search stays under a few
// hundred thousand states.
func TestReductionKeepsLengthsFromTheStart(t *testing.T) {
	long.Test(t)
	for _, r := range []paxos.Rule{paxos.UniqueBallots, paxos.PromiseReportsVote, paxos.AdoptHighestVote, paxos.KeepPromise, paxos.MajorityQuorum, paxos.SameBallotMajority} {
		c := reductionCase{name: r.String(), src: "config proposers 3 acceptors 3 learners 1\nrule " + r.String() + " off\n",
			b: DefaultBounds(), breaks: true, steps: 14, maxFull: 2_000_000}
		if r == paxos.MajorityQuorum {
			c.steps = 8
		}
		t.Run(c.name, func(t *testing.T) {
			res, _ := searchCase(t, c)
			for i, res := range res {
				if !res.Found || len(res.Run) != c.steps {
					t.Errorf("search %d: found %v in %d steps; want %d", i, res.Found, len(res.Run), c.steps)
				}
			}
		})
	}
}

// A property: from a start drawn at random (a rule off or none, a few
// actions of a cluster of three proposers and a learner), the search with
// the reduction and without it find a violation alike, in as many steps.
func TestReductionOnRandomStarts(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		w, src := randomStart(t)
		b := Bounds{Ballots: 1, Crashes: rapid.IntRange(0, 1).Draw(t, "crashes")}
		if rapid.Bool().Draw(t, "P2") {
			b.Proposers = []int{2}
		}
		reduced := Search(w, b, Violation, Options{MaxStates: 2_000, Workers: 1})
		full := Search(w, b, Violation, Options{MaxStates: 2_000, Workers: 1, NoReduce: true})
		if reduced.Incomplete || full.Incomplete {
			return // too big to compare here
		}
		if reduced.Found != full.Found || len(reduced.Run) != len(full.Run) {
			t.Fatalf("reduced: found %v in %d steps (%d states); full: %v in %d (%d states)\n%s",
				reduced.Found, len(reduced.Run), reduced.States, full.Found, len(full.Run), full.States, src)
		}
	})
}

// And with crashes (reduce.go: a crashed node restarted at once, no crash
// that its restart undoes): from P1's value chosen and P2's propose
// (durable-acceptors off, or on: then nothing breaks) and up to six
// actions drawn at random, which may leave nodes down or played by hand
// (that turns the reduction off), one crash or two.
func TestCrashReductionOnRandomStarts(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		src := "config proposers 2 acceptors 3 learners 0\n"
		if rapid.IntRange(0, 3).Draw(t, "durable on") > 0 {
			src += "rule durable-acceptors off\n"
		}
		w, src := randomStartFrom(t, src+prefixChosen+"propose P2\n", 6)
		b := Bounds{Crashes: rapid.IntRange(1, 2).Draw(t, "crashes")}
		most := 1_500 // the long run compares starts of larger spaces too
		if long.On() {
			most = 5_000
		}
		reduced := Search(w, b, Violation, Options{MaxStates: most})
		if reduced.Incomplete {
			return // too big to compare here: the full search takes ten times the states
		}
		full := Search(w, b, Violation, Options{MaxStates: 10 * most, NoReduce: true})
		if full.Incomplete {
			return // too big to compare here
		}
		if reduced.Found != full.Found || len(reduced.Run) != len(full.Run) {
			t.Fatalf("bounds %s: reduced: found %v in %d steps (%d states); full: %v in %d (%d states)\n%s",
				b, reduced.Found, len(reduced.Run), reduced.States, full.Found, len(full.Run), full.States, src)
		}
	})
}

// randomStart draws a start: a cluster of three proposers, three acceptors
// and a learner, a rule off or none, then up to eight actions.
func randomStart(t *rapid.T) (*game.World, string) {
	src := "config proposers 3 acceptors 3 learners 1\n"
	if r := rapid.IntRange(-1, len(paxos.AllRules())-1).Draw(t, "rule"); r >= 0 {
		src += fmt.Sprintf("rule %s off\n", paxos.AllRules()[r])
	}
	return randomStartFrom(t, src, 8)
}

// randomStartFrom plays up to most actions drawn at random after script src.
func randomStartFrom(t *rapid.T, src string, most int) (*game.World, string) {
	w, _, err := Start("random", src)
	if err != nil {
		t.Fatal(err)
	}
	for range rapid.IntRange(0, most).Draw(t, "steps") {
		en := w.Enabled()
		if len(en) == 0 {
			break
		}
		if _, err := w.Apply(rapid.SampledFrom(en).Draw(t, "action")); err != nil {
			t.Fatal(err)
		}
	}
	return w, src
}

// A property for proposers that fall silent (reduce.go): from a start
// drawn at random, a search for a value chosen, with some proposers
// outside the bounds (each falls silent once out of phase 1) and new
// ballots above those in play or not, finds it with the reduction as
// without, in as many steps.
func TestSilentProposersOnRandomStarts(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		w, src := randomStart(t)
		b := Bounds{Ballots: rapid.IntRange(0, 1).Draw(t, "ballots"), Above: rapid.Bool().Draw(t, "above")}
		if n := rapid.IntRange(0, 3).Draw(t, "proposer"); n > 0 {
			b.Proposers = []int{n}
		}
		v := paxos.Value(fmt.Sprintf("%d EUR", rapid.IntRange(1, 3).Draw(t, "value")))
		goal := Holds([]game.Command{{Verb: game.VExpect, Expect: game.ExpectChosen, Value: v}})
		reduced := Search(w, b, goal, Options{MaxStates: 3_000, Workers: 1})
		full := Search(w, b, goal, Options{MaxStates: 3_000, Workers: 1, NoReduce: true})
		if reduced.Incomplete || full.Incomplete {
			return // too big to compare here
		}
		if reduced.Found != full.Found || len(reduced.Run) != len(full.Run) {
			t.Fatalf("bounds %s, chosen %q: reduced: found %v in %d steps (%d states); full: %v in %d (%d states)\n%s",
				b, v, reduced.Found, len(reduced.Run), reduced.States, full.Found, len(full.Run), full.States, src)
		}
	})
}
