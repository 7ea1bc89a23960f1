package game

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"paxosgame/paxos"
)

func decisionLines(w *World, id paxos.NodeID) []string {
	var out []string
	for _, d := range w.Decisions(id) {
		line := d.Cmd.String()
		if d.From.N != 0 {
			line += " = " + d.From.String() + " reported " + d.Vote.String()
		}
		out = append(out, line)
	}
	return out
}

// DESIGN §2: "an acceptor may promise, refuse or ignore a prepare, and
// vote, refuse or ignore an accept request; a proposer with a majority of
// promises sends accept P2 "5 EUR" with the value it picks; a learner may
// learn L1 "5 EUR". … A decision that a rule forbids … is refused with
// that rule's reason." Decisions offers each, the forbidden ones too.
func TestDecisions(t *testing.T) {
	g := mustLoad(t, `set A1 voted 10 "5 EUR"
set A2 voted 9 "6 EUR"
hand A1
hand P2
propose P2 17
deliver 1a P2->A1
`)
	w := g.World()
	want := []string{
		"promise A1 #1",
		"promise A1 #1 reporting none",
		"refuse A1 #1",
		"ignore A1 #1",
	}
	if got := decisionLines(w, paxos.A(1)); !slices.Equal(got, want) {
		t.Errorf("A1's decisions:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// The promise that hides the vote is refused with the rule's reason.
	_, err := g.Exec(w.Decisions(paxos.A(1))[1].Cmd)
	var r *Refusal
	if !errors.As(err, &r) || r.Cause != RuleForbids || !strings.Contains(err.Error(), "A1 voted 5 EUR in 10; its promise must say so — promise-reports-vote") {
		t.Fatalf("hiding the vote: %v", err)
	}
	mustExec(t, g, "promise A1", "deliver 1a P2->A2", "deliver 1b A1->P2", "deliver 1b A2->P2")
	// Its own value first, then each reported, by acceptor: the order
	// does not give away which is right (issue 20).
	want = []string{
		`accept P2 "2 EUR"`,
		`accept P2 "5 EUR" = A1 reported ` + paxos.Vote{Ballot: 10, Value: "5 EUR"}.String(),
		`accept P2 "6 EUR" = A2 reported ` + paxos.Vote{Ballot: 9, Value: "6 EUR"}.String(),
	}
	if got := decisionLines(g.World(), paxos.P(2)); !slices.Equal(got, want) {
		t.Errorf("P2's decisions:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if _, err := g.Exec(g.World().Decisions(paxos.P(2))[2].Cmd); err == nil || !strings.Contains(err.Error(), "P2 must ask for 5 EUR — adopt-highest-vote") {
		t.Errorf("asking for 6 EUR: %v", err)
	}
	if d := g.World().Decisions(paxos.A(2)); d != nil {
		t.Errorf("A2, played by the game, has decisions %v", d)
	}
}

// "learn L1 "5 EUR": a hand-played learner decides it has learned", and
// not from votes in different ballots.
func TestDecisionsOfALearner(t *testing.T) {
	g := mustLoad(t, `set A1 voted 10 "5 EUR"
set A2 promised 10
hand L1
propose P2 12 "5 EUR"
deliver all
`)
	// P2 adopted 5 EUR; A1 to A3 voted it in 12, and L1 heard them all.
	if got, want := decisionLines(g.World(), paxos.L(1)), []string{`learn L1 "5 EUR"`}; !slices.Equal(got, want) {
		t.Errorf("L1's decisions %q, want %q", got, want)
	}
	mustExec(t, g, `learn L1 "5 EUR"`)
	if d := g.World().Decisions(paxos.L(1)); d != nil {
		t.Errorf("after it learned: %v", d)
	}
	g = mustLoad(t, `hand L1
propose P1 11 "5 EUR"
deliver 1a P1->A1
deliver 1b A1->P1
deliver 1a P1->A2
deliver 1b A2->P1
deliver 2a P1->A1
deliver 2b A1->L1
propose P2 12 "5 EUR"
deliver 1a P2->A2
deliver 1b A2->P2
deliver 1a P2->A3
deliver 1b A3->P2
deliver 2a P2->A3
deliver 2b A3->L1
`)
	_, err := g.Exec(Command{Verb: VLearn, Node: paxos.L(1), Value: "5 EUR"})
	if err == nil || !strings.Contains(err.Error(), "in different ballots") || !strings.Contains(err.Error(), "same-ballot-majority") {
		t.Errorf("learning from votes in 11 and 12: %v", err)
	}
}

func mustLoad(t *testing.T, src string) *Game {
	t.Helper()
	cmds, err := Parse("t.paxos", src)
	if err != nil {
		t.Fatal(err)
	}
	g, err := Load("t.paxos", cmds)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func mustExec(t *testing.T, g *Game, lines ...string) {
	t.Helper()
	for _, line := range lines {
		c, _, perr := ParseLine(line)
		if perr != nil {
			t.Fatal(perr)
		}
		if _, err := g.Exec(c); err != nil {
			t.Fatalf("%s: %v", line, err)
		}
	}
}

// The nodes played by hand that wait for a decision, and a decision on
// the oldest message an acceptor holds as a player types it.
func TestWaitingAndTheDecisionAsTyped(t *testing.T) {
	g := mustLoad(t, "hand A3\npropose P2 17 \"7 EUR\"\ndeliver 1a P2->A1\ndeliver 1a P2->A2\ndeliver 1a P2->A3\n")
	w := g.World()
	if ws := w.Waiting(); len(ws) != 1 || ws[0] != paxos.A(3) {
		t.Errorf("waiting: %v, want A3", ws)
	}
	// The decision on the oldest message it holds does not name it.
	if c := w.DecisionCommand(paxos.A(3), w.Decisions(paxos.A(3))[0]); c.String() != "promise A3" {
		t.Errorf("A3's first choice is %q, want promise A3", c)
	}
}
