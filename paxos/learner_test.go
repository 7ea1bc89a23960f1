package paxos

import (
	"errors"
	"slices"
	"testing"
)

// "Learner. Learns v when it holds accepted(b, v) from a majority of
// acceptors in the same b."
func TestLearnerLearnsFromAMajorityInOneBallot(t *testing.T) {
	cfg := DefaultConfig()
	l := Learner{N: 1}
	checkResult(t, l.Step(accepted(1, 17, "8 EUR", L(1)), &cfg), VoteCounted, nil)
	if len(l.Learned) != 0 {
		t.Fatalf("learned %v from one vote of three", l.Learned)
	}
	checkResult(t, l.Step(accepted(2, 17, "8 EUR", L(1)), &cfg), Learned, nil)
	if !slices.Equal(l.Learned, []Vote{{17, "8 EUR"}}) {
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
	if len(l.Learned) != 0 {
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
	if !slices.Equal(l.Learned, []Vote{{22, "8 EUR"}}) {
		t.Errorf("learned %v, want 8 EUR in 22", l.Learned)
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
	if len(l.Learned) != 0 || l.Heard != 1 {
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
	if len(l.Learned) != 0 {
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
	if l.Heard != 1 || l.Votes.List[0].By.Len() != 1 || len(l.Learned) != 0 {
		t.Errorf("the original changed with its clone: %+v", l)
	}
	l.Step(accepted(3, 17, "9 EUR", L(1)), &cfg)
	if c.Heard != 2 || len(c.Votes.List) != 1 || c.Last().Value != "8 EUR" {
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

// learnFrom has acceptors A1 and A2 (a majority of three) vote v in b to
// l, and returns the effect of the second vote.
func learnFrom(l *Learner, b Ballot, v Value, cfg *Config) Effect {
	l.Step(accepted(1, b, v, L(l.N)), cfg)
	return l.Step(accepted(2, b, v, L(l.N)), cfg).Effect
}

// "Agreement: at most one value is ever chosen, and a learner learns only
// a value that has been chosen" (DESIGN §2). With a rule off a learner may
// learn a second value; it then keeps both, in order, so that the game
// shows what Agreement forbids instead of hiding the first value (issue 7:
// "A learner keeps every value it learned, in order").
func TestLearnerKeepsEveryValueItLearnedInOrder(t *testing.T) {
	cfg := DefaultConfig()
	l := Learner{N: 1}
	if !l.Last().None() || l.HasLearned("1 EUR") {
		t.Fatalf("a new learner: last %v, has learned 1 EUR %v", l.Last(), l.HasLearned("1 EUR"))
	}
	if eff := learnFrom(&l, 1, "1 EUR", &cfg); eff != Learned {
		t.Fatalf("effect %d, want Learned", eff)
	}
	// A1 and A2 restart blank (durable-acceptors off) and vote again.
	if eff := learnFrom(&l, 2, "2 EUR", &cfg); eff != Learned {
		t.Fatalf("effect %d, want Learned", eff)
	}
	if want := []Vote{{1, "1 EUR"}, {2, "2 EUR"}}; !slices.Equal(l.Learned, want) {
		t.Errorf("learned %v, want %v", l.Learned, want)
	}
	if l.Last() != (Vote{2, "2 EUR"}) {
		t.Errorf("last %v, want 2 EUR in 2", l.Last())
	}
	for _, v := range []Value{"1 EUR", "2 EUR"} {
		if !l.HasLearned(v) {
			t.Errorf("HasLearned(%q) = false", v)
		}
	}
	if l.HasLearned("3 EUR") {
		t.Error(`HasLearned("3 EUR") = true`)
	}
}

// A majority for the value a learner learned last, in a later ballot, is
// nothing new; a majority for another value is learned, even for a value
// it had learned before that: the list is what it learned, step by step.
func TestLearnerLearnsAgainOnlyAValueOtherThanItsLast(t *testing.T) {
	cfg := DefaultConfig()
	l := Learner{N: 1}
	learnFrom(&l, 1, "1 EUR", &cfg)
	if eff := learnFrom(&l, 6, "1 EUR", &cfg); eff != Extra {
		t.Errorf("1 EUR again in 6: effect %d, want Extra", eff)
	}
	learnFrom(&l, 7, "2 EUR", &cfg)
	if eff := learnFrom(&l, 11, "1 EUR", &cfg); eff != Learned {
		t.Errorf("1 EUR again in 11, after 2 EUR: effect %d, want Learned", eff)
	}
	if want := []Vote{{1, "1 EUR"}, {7, "2 EUR"}, {11, "1 EUR"}}; !slices.Equal(l.Learned, want) {
		t.Errorf("learned %v, want %v", l.Learned, want)
	}
}

// A clone's list of learned values is its own: each of the two may learn
// a different next value (the list has room to grow in place, where a
// shared array would let the second write over the first).
func TestLearnerCloneKeepsItsOwnLearnedValues(t *testing.T) {
	cfg := DefaultConfig()
	l := Learner{N: 1}
	for b, v := range []Value{"1 EUR", "2 EUR", "3 EUR"} {
		learnFrom(&l, Ballot(b+1), v, &cfg)
	}
	c := l.Clone()
	learnFrom(&l, 4, "4 EUR", &cfg)
	learnFrom(&c, 5, "5 EUR", &cfg)
	if got := l.Last(); got != (Vote{4, "4 EUR"}) {
		t.Errorf("the original's last value is %v, want 4 EUR in 4", got)
	}
	if got := c.Last(); got != (Vote{5, "5 EUR"}) {
		t.Errorf("the clone's last value is %v, want 5 EUR in 5", got)
	}
}

// DESIGN §2: "a learner may learn L1 "5 EUR"" when it decides; it is
// refused "learning without a same-ballot majority" with that rule's
// reason, and with the rule off it is taken.
func TestLearnerLearnsByHand(t *testing.T) {
	cfg := DefaultConfig()
	l := Learner{N: 1}
	vote := func(a int, b Ballot, v Value) Message {
		return Message{Type: Accepted, From: A(a), To: L(1), Ballot: b, Value: v}
	}
	if res := l.Hear(vote(1, 11, "5 EUR")); res.Effect != VoteCounted || l.Heard != 1 {
		t.Fatalf("a vote heard: %v", res.Effect)
	}
	if res := l.Hear(vote(1, 11, "5 EUR")); res.Effect != Extra {
		t.Errorf("the same vote again: %v", res.Effect)
	}
	l.Hear(vote(3, 13, "5 EUR"))
	if len(l.Learned) != 0 {
		t.Fatal("Hear learned by itself")
	}
	var r *Refusal
	if _, err := l.CheckLearn("5 EUR", &cfg); !errors.As(err, &r) || r.Rule != SameBallotMajority {
		t.Errorf("votes for 5 EUR in 11 and 13: %v", err)
	}
	if _, err := l.CheckLearn("9 EUR", &cfg); !errors.As(err, &r) || r.Reason != TooFewVotes {
		t.Errorf("no vote for 9 EUR: %v", err)
	}
	off := cfg
	off.Rules.Set(SameBallotMajority, false)
	v, err := l.CheckLearn("5 EUR", &off)
	if err != nil || v != (Vote{13, "5 EUR"}) {
		t.Fatalf("with same-ballot-majority off: %v, %v", v, err)
	}
	if res := l.Learn(v); res.Effect != Learned || l.Last() != v {
		t.Errorf("learned %v", l.Learned)
	}
	if _, err := l.CheckLearn("5 EUR", &off); !errors.As(err, &r) || r.Reason != AlreadyLearned {
		t.Errorf("learning it again: %v", err)
	}
}
