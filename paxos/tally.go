package paxos

// Tally is the acceptors that voted for one value in one ballot.
type Tally struct {
	Vote Vote
	By   Set
}

// Tallies counts votes per (ballot, value): how a learner counts the votes
// it hears, and how the all-seeing observer counts every vote cast.
type Tallies struct {
	List []Tally // in the order each (ballot, value) was first voted for
	top  Ballot  // the highest ballot in List
}

// Add counts acceptor's vote for v and returns who had voted for v before.
func (t *Tallies) Add(acceptor int, v Vote) (before Set) {
	i := t.find(v)
	if i < 0 {
		t.List = append(t.List, Tally{Vote: v})
		t.top = max(t.top, v.Ballot)
		i = len(t.List) - 1
	}
	before = t.List[i].By
	t.List[i].By = before.Add(acceptor)
	return before
}

// Of is the set of acceptors that voted for v.
func (t *Tallies) Of(v Vote) Set {
	if i := t.find(v); i >= 0 {
		return t.List[i].By
	}
	return 0
}

// find is the index of v in List, or -1. Votes mostly come for the newest
// ballots, so it looks from the end, and not at all for a ballot above
// every one counted: a long game stays fast.
func (t *Tallies) find(v Vote) int {
	if v.Ballot > t.top {
		return -1
	}
	for i := len(t.List) - 1; i >= 0; i-- {
		if t.List[i].Vote == v {
			return i
		}
	}
	return -1
}

// Clone copies the tallies, so that the copy shares no memory with them.
func (t Tallies) Clone() Tallies {
	t.List = append([]Tally(nil), t.List...)
	return t
}
