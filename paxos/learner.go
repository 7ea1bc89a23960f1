package paxos

// Tally is the acceptors a learner heard vote for one value in one ballot.
type Tally struct {
	Vote Vote
	By   Set
}

// Learner learns a value when it holds accepted(b, v) from a majority of
// acceptors in the same b (or, with same-ballot-majority off, votes for v
// from a majority in any ballots).
type Learner struct {
	N       int
	Tallies []Tally // one per (ballot, value) heard, in the order first heard
	Heard   int     // how many distinct votes it has heard
	Learned Vote    // the value learned and the ballot it was learned in; none yet
	top     Ballot  // the highest ballot in Tallies
}

// Step handles a vote (accepted).
func (l *Learner) Step(m Message, cfg *Config) Result {
	if m.Type != Accepted {
		return Result{Effect: Late}
	}
	v := Vote{m.Ballot, m.Value}
	i := l.find(v)
	if i < 0 {
		l.Tallies = append(l.Tallies, Tally{Vote: v})
		l.top = max(l.top, v.Ballot)
		i = len(l.Tallies) - 1
	}
	if l.Tallies[i].By.Has(m.From.N) {
		return Result{Effect: Extra}
	}
	l.Tallies[i].By = l.Tallies[i].By.Add(m.From.N)
	l.Heard++
	if l.Learned.Value == v.Value && !l.Learned.None() {
		return Result{Effect: Extra}
	}
	if l.Count(v, cfg).Reached(cfg) {
		l.Learned = v
		return Result{Effect: Learned}
	}
	return Result{Effect: VoteCounted}
}

// find is the index of v's tally, or -1. Votes mostly come for the newest
// ballots, so it looks from the end, and not at all for a ballot above
// every one heard: a long game stays fast.
func (l *Learner) find(v Vote) int {
	if v.Ballot > l.top {
		return -1
	}
	for i := len(l.Tallies) - 1; i >= 0; i-- {
		if l.Tallies[i].Vote == v {
			return i
		}
	}
	return -1
}

// Count is the set of acceptors whose votes count for v: those that voted
// v in v's ballot, or, with same-ballot-majority off, for v in any ballot.
func (l *Learner) Count(v Vote, cfg *Config) Set {
	if cfg.Rules.On(SameBallotMajority) {
		if i := l.find(v); i >= 0 {
			return l.Tallies[i].By
		}
		return 0
	}
	var s Set
	for _, t := range l.Tallies {
		if t.Vote.Value == v.Value {
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
	for _, t := range l.Tallies {
		if s := l.Count(t.Vote, cfg); s.Len() > by.Len() || (s.Len() == by.Len() && t.Vote.Ballot > best.Ballot) {
			best, by = t.Vote, s
		}
	}
	return best, by
}

// Clone copies the learner, so that the copy shares no memory with it.
func (l Learner) Clone() Learner {
	l.Tallies = append([]Tally(nil), l.Tallies...)
	return l
}
