package paxos

// heard is one vote a learner heard of.
type heard struct {
	Acceptor int
	Vote     Vote
}

// Learner learns a value when it holds accepted(b, v) from a majority of
// acceptors in the same b (or, with same-ballot-majority off, votes for v
// from a majority in any ballots).
type Learner struct {
	N       int
	Heard   []heard
	Learned Vote // the value learned and the ballot it was learned in; none yet
}

// Step handles a vote (accepted).
func (l *Learner) Step(m Message, cfg *Config) Result {
	if m.Type != Accepted {
		return Result{Effect: Late}
	}
	v := Vote{m.Ballot, m.Value}
	for _, h := range l.Heard {
		if h.Acceptor == m.From.N && h.Vote == v {
			return Result{Effect: Extra}
		}
	}
	l.Heard = append(l.Heard, heard{m.From.N, v})
	if l.Learned.Value == v.Value && !l.Learned.None() {
		return Result{Effect: Extra}
	}
	if l.Count(v, cfg).Reached(cfg) {
		l.Learned = v
		return Result{Effect: Learned}
	}
	return Result{Effect: VoteCounted}
}

// Count is the set of acceptors whose votes count for v: those that voted
// v in v's ballot, or, with same-ballot-majority off, for v in any ballot.
func (l *Learner) Count(v Vote, cfg *Config) Set {
	var s Set
	same := cfg.Rules.On(SameBallotMajority)
	for _, h := range l.Heard {
		if h.Vote.Value == v.Value && (!same || h.Vote.Ballot == v.Ballot) {
			s = s.Add(h.Acceptor)
		}
	}
	return s
}

// Clone copies the learner for a checkpoint of history. Heard is only ever
// appended to, so the copy shares it, capped: an append on either side
// then writes to a fresh array and never into the other's elements. This
// keeps thousands of checkpoints from each holding its own copy.
func (l Learner) Clone() Learner {
	l.Heard = l.Heard[:len(l.Heard):len(l.Heard)]
	return l
}
