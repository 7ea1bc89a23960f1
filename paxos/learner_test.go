package paxos

import "testing"

// "Learner. Learns v when it holds accepted(b, v) from a majority of
// acceptors in the same b."
func TestLearnerLearnsFromAMajorityInOneBallot(t *testing.T) {
	cfg := DefaultConfig()
	l := Learner{N: 1}
	checkResult(t, l.Step(accepted(1, 17, "8 EUR", L(1)), &cfg), VoteCounted, nil)
	if !l.Learned.None() {
		t.Fatalf("learned %v from one vote of three", l.Learned)
	}
	checkResult(t, l.Step(accepted(2, 17, "8 EUR", L(1)), &cfg), Learned, nil)
	if l.Learned != (Vote{17, "8 EUR"}) {
		t.Errorf("learned %v, want 8 EUR in 17", l.Learned)
	}
	checkResult(t, l.Step(accepted(3, 17, "8 EUR", L(1)), &cfg), Extra, nil)
}

// "The consensus must be reached in the same sequence number": votes for
// one value in different ballots do not add up ...
func TestLearnerDoesNotAddUpVotesAcrossBallots(t *testing.T) {
	cfg := DefaultConfig()
	l := Learner{N: 1}
	l.Step(accepted(1, 17, "8 EUR", L(1)), &cfg)
	checkResult(t, l.Step(accepted(3, 22, "8 EUR", L(1)), &cfg), VoteCounted, nil)
	if !l.Learned.None() {
		t.Errorf("learned %v from votes in 17 and 22", l.Learned)
	}
	if n := l.Count(Vote{22, "8 EUR"}, &cfg).Len(); n != 1 {
		t.Errorf("Count in 22 = %d, want 1", n)
	}
}

// ... unless same-ballot-majority is off: "they count votes for a value
// across ballots".
func TestLearnerWithSameBallotMajorityOffAddsUpAcrossBallots(t *testing.T) {
	cfg := DefaultConfig()
	cfg.Rules.Set(SameBallotMajority, false)
	l := Learner{N: 1}
	l.Step(accepted(1, 17, "8 EUR", L(1)), &cfg)
	l.Step(accepted(2, 20, "10 EUR", L(1)), &cfg)
	checkResult(t, l.Step(accepted(3, 22, "8 EUR", L(1)), &cfg), Learned, nil)
	if l.Learned.Value != "8 EUR" {
		t.Errorf("learned %v, want 8 EUR", l.Learned)
	}
	if got := l.Count(Vote{22, "8 EUR"}, &cfg).Members(); len(got) != 2 || got[0] != 1 || got[1] != 3 {
		t.Errorf("Count = %v, want [1 3]", got)
	}
}

// A duplicated vote is counted once: a majority is of acceptors, not of
// messages.
func TestLearnerCountsEachAcceptorOnce(t *testing.T) {
	cfg := DefaultConfig()
	l := Learner{N: 2}
	l.Step(accepted(1, 17, "8 EUR", L(2)), &cfg)
	checkResult(t, l.Step(accepted(1, 17, "8 EUR", L(2)), &cfg), Extra, nil)
	if !l.Learned.None() || l.Heard != 1 {
		t.Errorf("a duplicate vote counted: learned %v, heard %d", l.Learned, l.Heard)
	}
}

// With majority-quorum off the learner counts to the configured quorum:
// ⌊m/2⌋, 2 of 4.
func TestLearnerUsesTheConfiguredQuorum(t *testing.T) {
	cfg := DefaultConfig()
	cfg.Acceptors = 4
	l := Learner{N: 1}
	l.Step(accepted(1, 17, "8 EUR", L(1)), &cfg)
	l.Step(accepted(2, 17, "8 EUR", L(1)), &cfg)
	if !l.Learned.None() {
		t.Fatalf("learned from 2 of 4 with a majority quorum")
	}
	cfg.Rules.Set(MajorityQuorum, false)
	l = Learner{N: 1}
	l.Step(accepted(1, 17, "8 EUR", L(1)), &cfg)
	checkResult(t, l.Step(accepted(2, 17, "8 EUR", L(1)), &cfg), Learned, nil)
}

// Clone shares no memory: stepping either leaves the other as it was.
func TestLearnerClone(t *testing.T) {
	cfg := DefaultConfig()
	l := Learner{N: 1}
	l.Step(accepted(1, 17, "8 EUR", L(1)), &cfg)
	c := l.Clone()
	c.Step(accepted(2, 17, "8 EUR", L(1)), &cfg)
	if l.Heard != 1 || l.Votes.List[0].By.Len() != 1 || !l.Learned.None() {
		t.Errorf("the original changed with its clone: %+v", l)
	}
	l.Step(accepted(3, 17, "9 EUR", L(1)), &cfg)
	if c.Heard != 2 || len(c.Votes.List) != 1 || c.Learned.Value != "8 EUR" {
		t.Errorf("the clone changed with its original: %+v", c)
	}
}

// A learner handles only votes.
func TestLearnerIgnoresOtherMessages(t *testing.T) {
	cfg := DefaultConfig()
	l := Learner{N: 1}
	for _, typ := range []MsgType{Prepare, Promise, Nack, Accept} {
		l.Step(Message{Type: typ, From: A(1), To: L(1), Ballot: 17, Value: "x"}, &cfg)
	}
	if l.Heard != 0 || len(l.Votes.List) != 0 {
		t.Errorf("heard %v", l.Votes.List)
	}
}
