package game

import (
	"errors"
	"testing"

	"paxosgame/paxos"
)

// A refusal's Error is short, for logs and tests; a player reads the
// narrator's words (narrate.Refusal). A refusal of the protocol says
// what the protocol said.
func TestARefusalIsShortWithoutTheNarrator(t *testing.T) {
	for _, tc := range []struct {
		r    *Refusal
		want string
	}{
		{&Refusal{Cause: NoSuchNode, Verb: VPropose, Node: paxos.P(7), Have: 5}, "propose P7 refused: no such node"},
		{&Refusal{Cause: NoMessage, Verb: VDeliver, Sel: Selector{ID: 9}}, "deliver refused: no such message"},
		{&Refusal{Cause: NoSuchStep, Step: 3}, "refused: no such step"},
		{&Refusal{Cause: ClusterSize, Verb: VConfig, Err: errors.New("proposers must be 1 to 9, not 10")}, "proposers must be 1 to 9, not 10"},
	} {
		if got := tc.r.Error(); got != tc.want {
			t.Errorf("%q, want %q", got, tc.want)
		}
	}
	for c := SetupTooLate; c <= TooManySteps; c++ {
		if c.String() == "" {
			t.Errorf("cause %d has no name", c)
		}
	}
}

// A command built as a value, not parsed, may name any node: propose and
// accept at a node that is not a proposer are refused, never read as the
// proposer of the same number.
func TestProposeAtANodeThatIsNotAProposer(t *testing.T) {
	w := NewWorld()
	for _, c := range []Command{{Verb: VPropose, Node: paxos.A(1)}, {Verb: VAccept, Node: paxos.L(1)}} {
		_, err := w.Apply(c)
		var r *Refusal
		if !errors.As(err, &r) || r.Cause != NotAProposer {
			t.Errorf("%v: %v, want a refusal NotAProposer", c.Node, err)
		}
	}
	if w.Step != 0 || w.NumInFlight() != 0 {
		t.Errorf("a refused command changed the world: %s", w.Describe())
	}
}

// Issue 8: "set A1 promised 17 after set A1 voted 20 "X" erases the vote
// silently; refuse it."
func TestSetPromiseBelowAVoteIsRefused(t *testing.T) {
	w := NewWorld()
	if _, err := w.Apply(Command{Verb: VSet, Node: paxos.A(1), Field: FieldVoted, Ballot: 20, Value: "X"}); err != nil {
		t.Fatal(err)
	}
	_, err := w.Apply(Command{Verb: VSet, Node: paxos.A(1), Field: FieldPromised, Ballot: 17})
	var r *Refusal
	if !errors.As(err, &r) || r.Cause != PromiseBelowVote {
		t.Fatalf("set A1 promised 17: %v, want PromiseBelowVote", err)
	}
	if a := w.Acceptor(1); a.Voted != (paxos.Vote{Ballot: 20, Value: "X"}) || a.Promised != 20 {
		t.Errorf("the refused set changed A1: %+v", *a)
	}
	if _, err := w.Apply(Command{Verb: VSet, Node: paxos.A(1), Field: FieldPromised, Ballot: 25}); err != nil {
		t.Errorf("a promise above the vote: %v", err)
	}
}
