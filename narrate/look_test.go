package narrate

import (
	"strings"
	"testing"

	"paxosgame/paxos"
)

// "`look` describes the nodes, the messages in flight and the meter in
// sentences" (DESIGN §12): each fact the screen's rows show, in words.
func TestLookSaysWhatTheScreenShows(t *testing.T) {
	w := worldOf(t,
		`set A1 voted 10 "5 EUR"`, `set A2 voted 9 "6 EUR"`, `hand A3`,
		`propose P2 17 "7 EUR"`, `deliver 1a P2->A1`, `deliver 1a P2->A2`, `deliver 1a P2->A3`, `deliver 1b A2->P2`, `crash L2`)
	for _, tc := range []struct {
		id   paxos.NodeID
		want []string
	}{
		{paxos.P(2), []string{"P2 is up.", "runs ballot 17, phase 1", "promises from 1 of 3; it needs 2.",
			"A2 reported its vote for 6 EUR in 9.", "It will adopt 6 EUR: A2 voted it in 9"}},
		{paxos.P(1), []string{"P1 is up. It is idle; its next ballot is 1, and it would propose 1 EUR."}},
		{paxos.A(1), []string{"A1 is up. It promised not to vote below 17, and voted for 5 EUR in ballot 10."}},
		{paxos.A(3), []string{"A3 is up and played by hand. It has promised nothing and not voted.",
			"A3 holds prepare 17 from P2 (#3 1a P2→A3) and waits for your decision: promise, refuse or ignore."}},
		{paxos.L(2), []string{"L2 is crashed: it takes no message until it restarts.", "It has heard no vote yet."}},
		{paxos.A(7), []string{"There is no A7: 5 proposers, 3 acceptors, 2 learners; a majority is 2."}},
	} {
		got := Node(w, tc.id)
		for _, want := range tc.want {
			if !strings.Contains(got, want) {
				t.Errorf("%s: %q, want it to say %q", tc.id, got, want)
			}
		}
	}
	net := Network(w)
	if len(net) != 2 || net[0] != "1 message is in flight:" || net[1] != `#4 1b A1→P2: promise 17 · voted 10 "5 EUR"` {
		t.Errorf("network: %q", net)
	}
	meter := Meter(w, 6)
	want := []string{"A majority is 2 of 3 acceptors.",
		"Ballot 17, run by P2: promises from 1 of 3 (A2); no vote yet.",
		"Ballot 10, run by no proposer now: votes for 5 EUR from 1 of 3 (A1).",
		"Ballot 9, run by no proposer now: votes for 6 EUR from 1 of 3 (A2)."}
	if strings.Join(meter, "\n") != strings.Join(want, "\n") {
		t.Errorf("meter:\n%s\nwant:\n%s", strings.Join(meter, "\n"), strings.Join(want, "\n"))
	}
}

// A learner that learned two values says so in words, as its row does
// with ✗ VIOLATION; the outcome names what failed.
func TestLookSaysAViolation(t *testing.T) {
	w := playFile(t, "learner-learns-two-values.paxos")
	if got := Node(w, paxos.L(1)); !strings.Contains(got, "It learned 1 EUR (in 1), then 2 EUR (in 2): VIOLATION") {
		t.Errorf("L1: %q", got)
	}
	out := strings.Join(Outcome(w), "\n")
	for _, want := range []string{"Chosen: 1 EUR in ballot 1", "Chosen: 2 EUR in ballot 2", "VIOLATION at step"} {
		if !strings.Contains(out, want) {
			t.Errorf("outcome %q, want %q", out, want)
		}
	}
}

// Issue 20: under a VIOLATION banner, a learner that learned one of the two
// values chosen does not read as a plain "learned" (lesson 13: "✓ learned
// 6 EUR (in 17)" with 5 EUR chosen in 10).
func TestLookSaysALearnerHasOneOfTwoValues(t *testing.T) {
	g := mustLoad(t, `rule adopt-highest-vote off
set A1 voted 10 "5 EUR"
set A3 voted 10 "5 EUR"
set A2 voted 9 "6 EUR"
hand P2
propose P2 17
deliver 1a P2->A1
deliver 1a P2->A2
deliver 1b A1->P2
deliver 1b A2->P2
`)
	mustExec(t, g, `accept P2 "6 EUR"`, "deliver 2a P2->A1", "deliver 2a P2->A2", "deliver 2b A1->L1", "deliver 2b A2->L1")
	w := g.World()
	if other, ok := w.LearnedOneOfTwo(1); !ok || other != "5 EUR" {
		t.Fatalf("L1 learned one of two: %q %v", other, ok)
	}
	if got := Node(w, paxos.L(1)); !strings.Contains(got, "It learned 6 EUR (in 17), but 5 EUR was chosen too: VIOLATION") {
		t.Errorf("L1: %q", got)
	}
	if _, ok := w.LearnedOneOfTwo(2); ok {
		t.Error("L2 learned nothing, yet reads as one of two")
	}
}
