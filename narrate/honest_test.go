package narrate

import (
	"strings"
	"testing"

	"paxosgame/game"
)

// DESIGN §13: "A start made with set is accepted with every rule on only
// if no run from it can break Agreement or Validity: Paxos's own invariant
// (Lamport's Inv, Voting's VotesSafe and OneValuePerBallot), and a vote's
// ballot counts as used by its owner with that value." Each start of
// issue 18 that reached a VIOLATION with every rule on is refused, at the
// set line at fault, with the lines that would make it honest.
func TestStartsNoRunReachesAreRefused(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		want      []string
	}{
		{"a lone vote", "config proposers 2 acceptors 3 learners 0\nset A1 voted 9 \"z\"\npropose P2\n", []string{
			`r.paxos:2:1: refused: set A1 voted 9 "z": no run of Paxos reaches this start; add set A2 promised 9, since a vote in 9 needs a majority that promised 9 `,
			"A2 and A3 have not promised above 8: they can still vote in 8\n",
		}},
		{"a lone vote, no action", "config proposers 2 acceptors 3 learners 0\nset A1 voted 9 \"z\"\n", []string{
			`r.paxos:2:1: refused: set A1 voted 9 "z": no run of Paxos reaches this start`,
		}},
		{"two values in one ballot", "set A1 voted 10 \"y\"\nset A2 voted 10 \"x\"\nset A3 voted 10 \"x\"\npropose P1\n", []string{
			`r.paxos:1:1: refused: set A1 voted 10 "y": no run of Paxos reaches this start; write set A1 voted 10 "x" instead, ` +
				`since A1 voted y in 10 while A2 and A3 voted x in 10, and the proposer of a ballot asks for votes for one value only`,
		}},
		{"a vote below a chosen one", "set A1 voted 10 \"X\"\nset A3 voted 11 \"Y\"\nset A2 voted 10 \"X\"\npropose P2\n", []string{
			`r.paxos:2:1: refused: set A3 voted 11 "Y": no run of Paxos reaches this start; write set A3 voted 11 "X" instead, ` +
				`since a vote in 11 needs a majority that promised 11, and every majority holds A1 or A2, which voted X in 10: ` +
				`the proposer of 11 would have heard of it and kept X, yet A3 voted Y`,
		}},
		{"a ballot reused with 5 acceptors", "config acceptors 5\nset A1 voted 17 \"x\"\nset A2 voted 17 \"x\"\npropose P2 17 \"y\"\n", []string{
			`r.paxos:4:1: refused: propose P2 17 "y": P2 already used ballot 17 and a proposer's ballots strictly increase; its next ballot is 22`,
		}},
		{"its start", "config acceptors 5\nset A1 voted 17 \"x\"\nset A2 voted 17 \"x\"\npropose P1\n", []string{
			`r.paxos:2:1: refused: set A1 voted 17 "x": no run of Paxos reaches this start; add set A3 promised 17, since a vote in 17 needs a majority that promised 17`,
			"A3, A4 and A5 have not promised above 16: they can still vote in 16\n",
		}},
		{"a rule switched back on", "rule keep-promise off\nset A1 voted 10 \"5 EUR\"\nset A2 voted 10 \"5 EUR\"\nset A3 voted 12 \"x\"\nrule keep-promise on\n", []string{
			"r.paxos:5:1: refused: rule keep-promise on: put rule keep-promise on before the set lines: a start set up with keep-promise off stays so, since with the rule on no run of Paxos need reach it\n",
		}},
		// "propose P4 9 must not be accepted after set A2 voted 9 "6 EUR""
		{"the course's start", "set A1 voted 10 \"5 EUR\"\nset A2 voted 9 \"6 EUR\"\npropose P4 9\n", []string{
			"r.paxos:3:1: refused: propose P4 9: P4 already used ballot 9 and a proposer's ballots strictly increase; its next ballot is 14",
		}},
	} {
		status, out, errOut := runScript("r.paxos", tc.src)
		if status != RunBadInput {
			t.Errorf("%s: status %d, want %d", tc.name, status, RunBadInput)
		}
		for _, want := range tc.want {
			if !strings.Contains(errOut, want) {
				t.Errorf("%s: stderr lacks %q:\n%s", tc.name, want, errOut)
			}
		}
		if strings.Contains(out, "   1  ") {
			t.Errorf("%s: an action ran:\n%s", tc.name, out)
		}
	}
}

// "A start made with a rule off stays so", and the start's words say so
// (the screen's note on a what-if start).
func TestAStartMadeWithARuleOffSaysSo(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{"config proposers 2 acceptors 3 learners 0\nrule keep-promise off\nset A1 voted 9 \"z\"\n", "a what-if start: set up with keep-promise off, which stays off"},
		{"rule keep-promise off\nrule unique-ballots off\nset A1 voted 9 \"z\"\n", "a what-if start: set up with unique-ballots and keep-promise off, which stay off"},
		{"rule keep-promise off\nrule keep-promise on\nset A1 promised 9\n", ""},
		// A preference is no state of the past.
		{"rule keep-promise off\nset P1 value \"8 EUR\"\n", ""},
	} {
		cmds, err := game.Parse("t.paxos", tc.src)
		if err != nil {
			t.Fatal(err)
		}
		w := game.NewWorld()
		for _, c := range cmds {
			if _, err := w.Apply(c); err != nil {
				t.Fatalf("%q: %v", tc.src, err)
			}
		}
		if got := Start(w); got != tc.want {
			t.Errorf("%q: %q, want %q", tc.src, got, tc.want)
		}
	}
}
