package lessons

import (
	"testing"

	"paxosgame/paxos"
)

// A goal names, from its solution, the proposer of its next proposal and
// the messages still to deliver (issue 20, point 6: "the p form opens on
// the proposer the page names"). A lesson of our own, so that the test
// reads whole: two proposals, P3's then P2's.
func TestNamedFollowsTheSolution(t *testing.T) {
	l, err := Parse("named.md", ("# Named\n\n```paxos setup\nhand P2\nhand P3\n```\n\nGo.\n\n" +
		"```paxos goal\nexpect P2 phase 1\n```\n\n" +
		"```paxos solution\npropose P3\ndeliver 1a P3->A2\npropose P2\n```\n"))
	if err != nil {
		t.Fatal(err)
	}
	s := start(t, l)
	if n := s.Named(); n.Proposer.N != 0 || n.Messages != nil {
		t.Errorf("off a goal: %+v, want nothing", n)
	}
	toGoal(t, s)
	check := func(what string, p paxos.NodeID, ids ...int) {
		t.Helper()
		n := s.Named()
		var got []int
		for _, e := range n.Messages {
			got = append(got, e.ID)
		}
		if n.Proposer != p || len(got) != len(ids) || len(ids) > 0 && got[0] != ids[0] {
			t.Errorf("%s: named %s and messages %v, want %s and %v", what, n.Proposer, got, p, ids)
		}
	}
	check("at the start", paxos.P(3))
	do(t, s, "propose P3")
	check("P3 proposed", paxos.P(2), 2)
	do(t, s, "deliver 1a P3->A2")
	check("its prepare delivered", paxos.P(2))
}

// A challenge names nothing: its plan is the student's to find (the
// what-if challenges fell to `p enter a p enter a` with the form opened
// on the solution's next proposer).
func TestChallengeNamesNothing(t *testing.T) {
	s := builtinAt(t, "whatif-promise-reports-vote", 7)
	if !s.Step().Goal.Challenge {
		t.Fatalf("page 7 is not the challenge: %s", s.Step().Kind)
	}
	if n := s.Named(); n.Proposer.N != 0 || n.Messages != nil {
		t.Errorf("the challenge names %+v", n)
	}
	do(t, s, "propose P1")
	if n := s.Named(); n.Proposer.N != 0 || n.Messages != nil {
		t.Errorf("after a proposal, the challenge names %+v", n)
	}
}
