package refine

import (
	"errors"
	"strings"
	"testing"

	"paxosgame/explore"
	"paxosgame/game"
	"paxosgame/paxos"
)

func parse(t *testing.T, src string) []game.Command {
	t.Helper()
	cmds, err := game.Parse("test", src)
	if err != nil {
		t.Fatal(err)
	}
	return cmds
}

func play(t *testing.T, src string) *game.World {
	t.Helper()
	w := game.NewWorld()
	for _, c := range parse(t, src) {
		if _, err := w.Apply(c); err != nil {
			t.Fatalf("%s: %v", c, err)
		}
	}
	return w
}

// eachSent reads the World's log: every message sent, in send order,
// those in flight as InFlight gives them.
func TestEachSentIsTheLog(t *testing.T) {
	w := play(t, `config proposers 2 acceptors 3 learners 1
propose P1
deliver 1a P1->A1
deliver 1a P1->A2
duplicate 1a P1->A3
deliver 1b A1->P1
drop 1b A2->P1
`)
	var sent []game.Envelope
	eachSent(w, func(e *game.Envelope) { sent = append(sent, *e) })
	if len(sent) != w.NextID-1 || len(sent) != 6 {
		t.Fatalf("%d messages sent, NextID %d", len(sent), w.NextID)
	}
	for i, e := range sent {
		if e.ID != i+1 {
			t.Errorf("#%d at %d", e.ID, i)
		}
	}
	for _, e := range w.InFlight() {
		if sent[e.ID-1] != e {
			t.Errorf("in flight %v, in the log %v", e, sent[e.ID-1])
		}
	}
	if sent[0].Msg.Type != paxos.Prepare || sent[3].Msg.Type != paxos.Promise || sent[5].Msg != sent[2].Msg {
		t.Errorf("%v", sent)
	}
	// A clone keeps the log, and a message sent after does not reach it.
	c := w.Clone()
	if _, err := w.Apply(game.Command{Verb: game.VPropose, Node: paxos.P(2)}); err != nil {
		t.Fatal(err)
	}
	n := 0
	eachSent(c, func(*game.Envelope) { n++ })
	if n != 6 {
		t.Errorf("the clone has %d", n)
	}
}

func check(t *testing.T, src string, b explore.Bounds, opt explore.Options) Result {
	t.Helper()
	res, err := Check(parse(t, src), b, opt)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func bounds(proposers ...int) explore.Bounds {
	return explore.Bounds{Proposers: proposers, Ballots: 1}
}

// With every rule on, every step of the game is a step of Paxos.tla or a
// stutter, on any number of workers, with the same counts.
func TestAllRulesOnEveryStepIsAPaxosStep(t *testing.T) {
	for _, c := range []struct {
		name                        string
		b                           explore.Bounds
		states                      int
		steps, p1b, p2a, p2b, stutt int64
		repromise, learned          int64
		stutterVerb                 string
		stutterByVerb               int64
	}{
		{"default", bounds(1), 1746, 6274, 99, 12, 915, 4947, 300, 1032, "deliver", 4947},
		{"a crash", explore.Bounds{Proposers: []int{1}, Ballots: 1, Crashes: 1}, 24257, 105916, 1113, 96, 9915, 90981, 3804, 9792, "crash", 10476},
	} {
		t.Run(c.name, func(t *testing.T) {
			for _, workers := range []int{1, 2} {
				res := check(t, "config proposers 2 acceptors 3 learners 1\n", c.b, explore.Options{Workers: workers})
				n := res.Counts
				if res.Found || res.Incomplete || res.States != c.states || n.Steps != c.steps || int64(res.Transitions) != c.steps {
					t.Fatalf("workers %d: found %v (%v), %d states, %d steps", workers, res.Found, res.StepErr, res.States, n.Steps)
				}
				if n.Count(Phase1b) != c.p1b || n.Count(Phase2a) != c.p2a || n.Count(Phase2b) != c.p2b || n.Stutters != c.stutt ||
					n.Count(RePromise) != c.repromise || n.Count(Learned) != c.learned || n.By[c.stutterVerb] != c.stutterByVerb ||
					n.Count(StalePromise) != 0 || n.Count(Several) != 0 {
					t.Errorf("workers %d: %+v", workers, n)
				}
			}
		})
	}
}

// With each rule off, the first step that is no Paxos.tla step: the
// shortest run to it, and the action it fails.
func TestEachRuleOffGivesTheFirstStepThatIsNoPaxosStep(t *testing.T) {
	for _, c := range []struct {
		rule   paxos.Rule
		src    string // after the rule line
		b      explore.Bounds
		states int
		steps  int
		action string
		why    string
	}{
		{paxos.UniqueBallots, "config proposers 2 acceptors 3 learners 0\n", bounds(1, 2), 8845, 10, "Phase2a",
			`P2's accept request for "2 EUR" in ballot 1 is no Phase2a: an accept request (2a) for "1 EUR" in ballot 1 was sent already`},
		{paxos.PromiseReportsVote, "config proposers 2 acceptors 3 learners 1\n", bounds(1), 55, 7, "Phase1b",
			`A3's promise for ballot 1 is no Phase1b: it reports no vote, but A3 voted for "1 EUR" in ballot 1 (Phase1b sends mbal |-> maxVBal[A3] = 1, mval |-> maxVal[A3] = "1 EUR")`},
		{paxos.AdoptHighestVote, "config proposers 2 acceptors 3 learners 0\n", bounds(1, 2), 6245, 11, "Phase2a",
			`P2's accept request for "2 EUR" in ballot 2 is no Phase2a: the promises (1b) of every quorum for ballot 2 report a vote, and the highest is for "1 EUR"`},
		{paxos.KeepPromise, "config proposers 2 acceptors 3 learners 0\n", bounds(1, 2), 774, 8, "Phase2b",
			`A1's vote for "1 EUR" in ballot 1 is no Phase2b: A1 promised 2 (maxBal[A1] = 2, above 1; Phase2b needs m.bal >= maxBal[a])`},
		{paxos.MajorityQuorum, "config proposers 2 acceptors 3 learners 1\n", bounds(1), 7, 3, "Phase2a",
			`P1's accept request for "1 EUR" in ballot 1 is no Phase2a: no quorum (a majority, 2 of 3) sent a promise (1b) for ballot 1; only A1 did`},
		{paxos.DurableAcceptors, "config proposers 2 acceptors 3 learners 1\n", explore.Bounds{Proposers: []int{1}, Ballots: 1, Crashes: 1}, 72, 4, "",
			`restart A1 is no step of Paxos.tla: it takes maxBal[A1] from 1 to -1; no action of Paxos.tla lowers them`},
		// A learner is no part of Paxos.tla: it learns only a value chosen
		// in msgs. The file's actions take A1's vote in ballot 1 to L1.
		{paxos.SameBallotMajority, `config proposers 1 acceptors 3 learners 1
propose P1 1
deliver 1a P1->A1
deliver 1a P1->A2
deliver 1b A1->P1
deliver 1b A2->P1
deliver 2a P1->A1
deliver 2b A1->L1
`, bounds(1), 2666, 7, "",
			`L1 learns "1 EUR", which is not chosen: no majority of the acceptors sent a 2b for it in one ballot`},
	} {
		t.Run(c.rule.String(), func(t *testing.T) {
			src := strings.Replace(c.src, "\n", "\nrule "+c.rule.String()+" off\n", 1)
			res := check(t, src, c.b, explore.Options{})
			var e *NotAStep
			if !res.Found || !errors.As(res.StepErr, &e) {
				t.Fatalf("found %v: %v", res.Found, res.StepErr)
			}
			if res.States != c.states || len(res.Run) != c.steps || e.Action != c.action || !strings.HasPrefix(e.Why, c.why) {
				t.Errorf("%d states, %d steps, %s: %s", res.States, len(res.Run), e.Action, e.Why)
			}
			// The run replays, and its last step is the one judged.
			w := play(t, src)
			from := w
			for _, cmd := range res.Run {
				from = w.Clone()
				if _, err := w.Apply(cmd); err != nil {
					t.Fatalf("%s: %v", cmd, err)
				}
			}
			if err := new(Checker).Step(from, w, res.Run[len(res.Run)-1]); err == nil || err.Error() != e.Why {
				t.Errorf("replayed: %v", err)
			}
		})
	}
}

// The file's own actions are judged too.
func TestTheFilesActionsAreJudged(t *testing.T) {
	res := check(t, `config proposers 2 acceptors 3 learners 1
rule majority-quorum off
propose P1
deliver 1a P1->A1
deliver 1b A1->P1
deliver all
`, bounds(1), explore.Options{})
	if !res.PrefixFailed || len(res.Prefix) != 3 || res.States != 0 || !strings.Contains(res.StepErr.Error(), "is no Phase2a") {
		t.Fatalf("%+v", res)
	}
}

// Where the game differs on purpose, the step is let through and counted.
func TestDifferencesOnPurpose(t *testing.T) {
	for _, c := range []struct {
		name string
		src  string
		kind Kind
	}{
		{"re-promise", `config proposers 1 acceptors 3 learners 0
propose P1
deliver 1a P1->A1
deliver 1a P1->A2
deliver 1b A1->P1
deliver 1b A2->P1
deliver 2a P1->A3
deliver 1a P1->A3
`, RePromise},
		{"stale promise by policy", `config proposers 1 acceptors 3 learners 0
policy stale-prepare promise
propose P1 1
propose P1 2
deliver 1a P1->A1 2
deliver 1a P1->A1 1
`, StalePromise},
		{"stale promise by hand", `config proposers 1 acceptors 3 learners 0
propose P1 1
propose P1 2
deliver 1a P1->A1 2
hand A1
deliver 1a P1->A1 1
promise A1
`, StalePromise},
		{"several steps in one", `config proposers 1 acceptors 3 learners 0
hand A1
propose P1
deliver 1a P1->A1
deliver 1a P1->A2
deliver 1a P1->A3
deliver 1b A2->P1
deliver 1b A3->P1
deliver 2a P1->A1
auto A1
`, Several},
	} {
		t.Run(c.name, func(t *testing.T) {
			res := check(t, c.src, bounds(1), explore.Options{MaxDepth: 1})
			if res.PrefixFailed || res.Counts.Count(c.kind) == 0 {
				t.Fatalf("%v: %+v", res.StepErr, res.Counts)
			}
		})
	}
	// A re-promise that a Phase2a might read is refused: one from a start
	// set up with a promise and no accept request sent.
	res := check(t, `config proposers 1 acceptors 3 learners 0
set A1 promised 1
propose P1 1
deliver 1a P1->A1
`, bounds(1), explore.Options{MaxDepth: 1})
	if !res.PrefixFailed || !strings.Contains(res.StepErr.Error(), "A1 promised 1 already") {
		t.Fatalf("%v", res.StepErr)
	}
	if res.NotInit != "maxBal[A1] = 1, <<maxVBal[A1], maxVal[A1]>> = <<-1, None>>" {
		t.Errorf("not init: %q", res.NotInit)
	}
}

// Count is how many steps were of kind k.
func (c *Counts) Count(k Kind) int64 { return c.Kinds[k] }
