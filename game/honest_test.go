package game

import (
	"errors"
	"strings"
	"testing"

	"paxosgame/paxos"
)

// The lines a refusal says would make the start honest do: put after the
// setup, the same script runs.
func TestTheLinesSaidMakeTheStartHonest(t *testing.T) {
	for _, setup := range []string{
		"config proposers 2 acceptors 3 learners 0\nset A1 voted 9 \"z\"\n",
		"set A1 voted 10 \"y\"\nset A2 voted 10 \"x\"\nset A3 voted 10 \"x\"\n",
		"set A1 voted 10 \"X\"\nset A3 voted 11 \"Y\"\nset A2 voted 10 \"X\"\n",
		"config acceptors 5\nset A1 voted 17 \"x\"\nset A2 voted 17 \"x\"\n",
		"set A1 voted 12 \"7 EUR\"\n",
		"set A3 voted 12 \"x\"\nset A1 voted 10 \"5 EUR\"\nset A2 voted 10 \"5 EUR\"\n",
	} {
		w := mustWorld(t, setup)
		var r *Refusal
		if err := w.Honest(); !errors.As(err, &r) || r.Cause != Unreachable {
			t.Fatalf("%q: Honest says %v", setup, err)
		}
		var fix strings.Builder
		for _, c := range r.Start.Fix {
			fix.WriteString(c.String() + "\n")
		}
		src := setup + fix.String() + "propose P1\ndeliver all\nexpect agreement\n"
		if _, err := replay("fixed.paxos", src); err != nil {
			t.Errorf("with the lines said (%s): %v", r.Start.Fix, err)
		}
	}
}

func mustWorld(t *testing.T, src string) *World {
	t.Helper()
	cmds, err := Parse("t.paxos", src)
	if err != nil {
		t.Fatal(err)
	}
	w := NewWorld()
	mustApply(t, w, cmds...)
	return w
}

// "The ballot of a vote was used by its owner (b mod N) with that value,
// so the owner moves past it and nobody else proposes it" (issue 18): the
// course's start is honest, P4 and P5 have used 9 and 10.
func TestTheCourseStartIsHonest(t *testing.T) {
	w := mustWorld(t, "set A1 voted 10 \"5 EUR\"\nset A2 voted 9 \"6 EUR\"\n")
	if err := w.Honest(); err != nil {
		t.Fatalf("the course's start: %v", err)
	}
	for n, next := range map[int]paxos.Ballot{4: 14, 5: 15, 2: 2} {
		if got := w.Proposer(n).NextBallot(&w.Cfg); got != next {
			t.Errorf("P%d's next ballot is %d, want %d", n, got, next)
		}
	}
	for _, p := range []Command{
		{Verb: VPropose, Node: paxos.P(4), Ballot: 9}, {Verb: VPropose, Node: paxos.P(5), Ballot: 10}, {Verb: VPropose, Node: paxos.P(4), Ballot: 4},
	} {
		var r *Refusal
		if _, err := w.Clone().Apply(p); !errors.As(err, &r) || r.Cause != BallotUsed {
			t.Errorf("%s: %v, want BallotUsed", p, err)
		}
	}
}

// maxBal ≥ maxVBal: set never makes a vote above the promise, so this part
// of the invariant is tried on a world made by hand.
func TestAVoteAboveThePromiseIsNoStart(t *testing.T) {
	w := NewWorld()
	w.Acceptor(1).Voted = paxos.Vote{Ballot: 10, Value: "x"}
	w.Acceptor(1).Promised = 7
	w.Acceptor(2).Promised = 10
	w.Proposer(5).Used = 10
	var r *Refusal
	err := w.Honest()
	if !errors.As(err, &r) || r.Start.Kind != VoteAbovePromise {
		t.Fatalf("Honest: %v, want VoteAbovePromise", err)
	}
	if fix := r.Start.Fix; len(fix) != 1 || fix[0].String() != "set A1 promised 10" {
		t.Errorf("the lines that make it honest: %v, want set A1 promised 10", fix)
	}
}

// "A start made with a rule off stays so": with the rule off the start is
// the lab's, taken as it is (and a VIOLATION may follow); the rule cannot
// be switched back on over it. A rule switched on before the set lines
// checks the start.
func TestAStartMadeWithARuleOffStaysSo(t *testing.T) {
	lab := "config proposers 2 acceptors 3 learners 0\nrule keep-promise off\nset A1 voted 9 \"z\"\n"
	w := mustWorld(t, lab)
	if err := w.Honest(); err != nil {
		t.Errorf("with keep-promise off: %v", err)
	}
	if off := w.StartRulesOff(); len(off) != 1 || off[0] != paxos.KeepPromise {
		t.Errorf("the start is made with %v off, want keep-promise", off)
	}
	_, err := w.Apply(Command{Verb: VRule, Rule: paxos.KeepPromise, On: true})
	var r *Refusal
	if !errors.As(err, &r) || r.Cause != RuleOverStart || w.Cfg.Rules.On(paxos.KeepPromise) {
		t.Errorf("rule keep-promise on over it: %v; keep-promise on: %v", err, w.Cfg.Rules.On(paxos.KeepPromise))
	}
	if _, err := w.Apply(Command{Verb: VRule, Rule: paxos.MajorityQuorum, On: true}); err != nil {
		t.Errorf("a rule that was on: %v", err)
	}
	// The run: P2 gets y chosen in 2 through A2 and A3, then P1's
	// ballot 11 adopts A1's z.
	_, err = replay("lab.paxos", lab+`propose P2 2 "y"
deliver 1a P2->A2
deliver 1a P2->A3
deliver all
expect chosen "y"
propose P1 11
deliver 1a P1->A1
deliver 1a P1->A2
deliver 1b A1->P1
deliver 1b A2->P1
deliver 2a P1->A1
deliver 2a P1->A2
expect violation
`)
	if err != nil {
		t.Errorf("the lab's run: %v", err)
	}
	w = mustWorld(t, "rule keep-promise off\nrule keep-promise on\nset A1 voted 9 \"z\"\n")
	if off := w.StartRulesOff(); len(off) != 0 || w.Honest() == nil {
		t.Errorf("a rule on again before the set lines: made with %v off, Honest %v", off, w.Honest())
	}
	// A preference is no state of the past: set with a rule off, it does
	// not keep the rule off.
	w = mustWorld(t, "rule keep-promise off\nset P1 value \"8 EUR\"\nrule keep-promise on\n")
	if off := w.StartRulesOff(); len(off) != 0 {
		t.Errorf("after set P1 value: made with %v off", off)
	}
}

// A game played at the keyboard takes set lines one by one (the course's
// start is honest only once both are there); its first action is refused
// while the start is not honest, and nothing changes.
func TestAGameRefusesItsFirstActionOverADishonestStart(t *testing.T) {
	g := NewGame()
	mustExec(t, g, `set A1 voted 10 "5 EUR"`)
	c, _, _ := ParseLine("propose P2 17")
	_, err := g.Exec(c)
	var r *Refusal
	if !errors.As(err, &r) || r.Cause != Unreachable || g.Cursor() != 0 || g.World().Started {
		t.Fatalf("propose P2 17: %v; cursor %d", err, g.Cursor())
	}
	if fix := r.Start.Fix; len(fix) != 1 || fix[0].String() != "set A2 promised 10" {
		t.Errorf("the lines that make it honest: %v, want set A2 promised 10", fix)
	}
	mustExec(t, g, `set A2 voted 9 "6 EUR"`, "propose P2 17")
}

// Open (play, check and export open a script with it) refuses a script
// of setup only whose start no run reaches, at its set line.
func TestOpenRefusesADishonestStart(t *testing.T) {
	_, err := Open("s.paxos", "config proposers 2\nset A1 voted 9 \"z\"\n")
	var le *Error
	var r *Refusal
	if !errors.As(err, &le) || le.Line != 2 || le.Col != 1 || !errors.As(err, &r) || r.Cause != Unreachable {
		t.Errorf("Open: %v", err)
	}
	if _, err := Open("s.paxos", "set A1 voted 10 \"5 EUR\"\nset A2 voted 9 \"6 EUR\"\n"); err != nil {
		t.Errorf("the course's start: %v", err)
	}
}
