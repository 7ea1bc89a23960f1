package paxos

import (
	"fmt"
	"slices"
)

// Learner learns a value when it holds accepted(b, v) from a majority of
// acceptors in the same b (or, with same-ballot-majority off, votes for v
// from a majority in any ballots).
type Learner struct {
	N     int
	Votes Tallies // the votes it has heard
	Heard int     // how many distinct votes it has heard
	// Learned is every value it learned, in the order it learned them, each
	// with the ballot it learned it in; empty before it learns. A safe run
	// learns one value; with a rule off a learner may learn another, and
	// then perhaps the first again: each is kept, none written over, so
	// that the game can show what Agreement forbids.
	Learned []Vote
}

// Last is the value learned last and its ballot; none before it learns.
func (l *Learner) Last() Vote {
	if len(l.Learned) == 0 {
		return Vote{}
	}
	return l.Learned[len(l.Learned)-1]
}

// HasLearned reports whether the learner learned v at some step.
func (l *Learner) HasLearned(v Value) bool {
	return slices.ContainsFunc(l.Learned, func(x Vote) bool { return x.Value == v })
}

// Step handles a vote (accepted).
func (l *Learner) Step(m Message, cfg *Config) Result {
	if r := l.Hear(m); r.Effect != VoteCounted {
		return r
	}
	v := Vote{m.Ballot, m.Value}
	if last := l.Last(); !last.None() && last.Value == v.Value {
		return Result{Effect: Extra}
	}
	if l.Count(v, cfg).Reached(cfg) {
		l.Learned = append(l.Learned, v)
		return Result{Effect: Learned}
	}
	return Result{Effect: VoteCounted}
}

// Hear records a vote (accepted) without learning from it, as a learner
// played by hand does: it decides itself when it has learned (Learn).
func (l *Learner) Hear(m Message) Result {
	if m.Type != Accepted {
		return Result{Effect: Late}
	}
	if l.Votes.Add(m.From.N, Vote{m.Ballot, m.Value}).Has(m.From.N) {
		return Result{Effect: Extra}
	}
	l.Heard++
	return Result{Effect: VoteCounted}
}

// CheckLearn says which vote a learner played by hand learns v from (the
// highest ballot in which the votes it heard for v make a quorum), or why
// it may not learn v: it learned v last; the votes for v it heard are
// fewer than a quorum; or, with same-ballot-majority on, they make one
// only across ballots.
func (l *Learner) CheckLearn(v Value, cfg *Config) (Vote, error) {
	if last := l.Last(); !last.None() && last.Value == v {
		return Vote{}, refuse(AlreadyLearned, "L%d has already learned %s", l.N, v)
	}
	var best Vote
	across := l.VotersFor(v)
	for _, t := range l.Votes.List {
		if t.Vote.Value != v {
			continue
		}
		if l.Count(t.Vote, cfg).Reached(cfg) && t.Vote.Ballot > best.Ballot {
			best = t.Vote
		}
	}
	switch {
	case !best.None():
		return best, nil
	case across.Reached(cfg):
		return Vote{}, refuseBy(SameBallotMajority, DifferentBallots, "L%d heard votes for %s from %s, but in different ballots; a learner learns from a majority in the same ballot — same-ballot-majority",
			l.N, v, acceptors(across.Len()))
	}
	return Vote{}, refuse(TooFewVotes, "L%d heard votes for %s from %s; it needs %d in the same ballot", l.N, v, acceptors(across.Len()), cfg.Quorum())
}

// Learn learns vote v, which CheckLearn gave.
func (l *Learner) Learn(v Vote) Result {
	l.Learned = append(l.Learned, v)
	return Result{Effect: Learned}
}

// Count is the set of acceptors whose votes count for v: those that voted
// v in v's ballot, or, with same-ballot-majority off, for v in any ballot.
func (l *Learner) Count(v Vote, cfg *Config) Set {
	if cfg.Rules.On(SameBallotMajority) {
		return l.Votes.Of(v)
	}
	return l.VotersFor(v.Value)
}

// VotersFor is the set of acceptors it heard vote for v, in any ballot.
func (l *Learner) VotersFor(v Value) Set {
	var s Set
	for _, t := range l.Votes.List {
		if t.Vote.Value == v {
			s |= t.By
		}
	}
	return s
}

// Leading is the vote that counts the most acceptors (the newest ballot on
// a tie), and those acceptors: how near the learner is to learning.
func (l *Learner) Leading(cfg *Config) (Vote, Set) {
	var best Vote
	var by Set
	for _, t := range l.Votes.List {
		if s := l.Count(t.Vote, cfg); s.Len() > by.Len() || (s.Len() == by.Len() && t.Vote.Ballot > best.Ballot) {
			best, by = t.Vote, s
		}
	}
	return best, by
}

// Clone copies the learner, so that the copy shares no memory with it.
func (l Learner) Clone() Learner {
	l.Votes = l.Votes.Clone()
	l.Learned = append([]Vote(nil), l.Learned...)
	return l
}

// acceptors counts acceptors in words: "1 acceptor", "2 acceptors".
func acceptors(n int) string {
	if n == 1 {
		return "1 acceptor"
	}
	return fmt.Sprintf("%d acceptors", n)
}
