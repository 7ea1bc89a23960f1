package game

import (
	"cmp"
	"slices"

	"paxosgame/paxos"
)

// Count is a set of acceptors against the quorum: k of m, with the mark
// at q.
type Count struct {
	By     paxos.Set // the acceptors counted
	Of     int       // m: the acceptors of the cluster
	Quorum int       // q: how many make a quorum
}

// N is how many acceptors are counted (k).
func (c Count) N() int { return c.By.Len() }

// Reached reports whether they are a quorum.
func (c Count) Reached() bool { return c.N() >= c.Quorum }

// MeterVote is the votes cast for one value in one ballot.
type MeterVote struct {
	Value paxos.Value
	Votes Count
}

// MeterRow is one ballot in play on the majority meter: the promises its
// proposer holds and the votes cast in it, per value.
type MeterRow struct {
	Ballot   paxos.Ballot
	Proposer paxos.NodeID // the proposer that runs it now; the zero NodeID when none does
	Promises Count        // the promises that proposer holds; none when no proposer runs it
	Votes    []MeterVote  // per value, in the order each was first voted for; none when no vote was cast
	InFlight int          // messages of the ballot in flight, counted only when no proposer runs it
}

// Running reports whether a proposer runs the ballot now.
func (r MeterRow) Running() bool { return r.Proposer.N != 0 }

// Meter is the ballots in play, newest first, at most n of them: every
// ballot a proposer runs (neither idle nor without a ballot), every ballot
// with a message in flight other than a refusal (its requests may yet be
// promised or voted for, though its proposer crashed or moved on), and
// the ballots votes were cast in. Two proposers running one ballot (with
// unique-ballots off) have a row each, with the same votes.
func (w *World) Meter(n int) []MeterRow {
	n = max(n, 0)
	m, q := w.Cfg.Acceptors, w.Cfg.Quorum()
	count := func(s paxos.Set) Count { return Count{By: s, Of: m, Quorum: q} }
	var rows []MeterRow
	running := func(b paxos.Ballot) bool {
		return slices.ContainsFunc(rows, func(r MeterRow) bool { return r.Ballot == b })
	}
	for i := range w.Proposers {
		pr := &w.Proposers[i]
		if pr.Phase != paxos.Idle && pr.Ballot != 0 {
			rows = append(rows, MeterRow{Ballot: pr.Ballot, Proposer: paxos.P(pr.N), Promises: count(pr.Promises)})
		}
	}
	// The other ballots in play: those with a message in flight (its
	// proposer crashed or moved on, yet its requests may still be promised
	// or voted for), then those votes were cast in. Only the newest n can
	// show, and a long game has thousands, so only those are kept.
	others := newestBallots{n: n}
	for e := range w.each {
		if b := e.Msg.Ballot; e.Msg.Type != paxos.Nack && b != 0 && !others.below(b) && !running(b) {
			// A ballot kept counts every message of it in flight: one
			// left out before could never be kept later, as the lowest
			// kept ballot only rises.
			if i := others.keep(b); i >= 0 {
				others.inFlight[i]++
			}
		}
	}
	// Votes come mostly in increasing ballots: looked for from the newest.
	for _, c := range slices.Backward(w.Obs.Cast.List) {
		if b := c.Vote.Ballot; !others.below(b) && !running(b) {
			others.keep(b)
		}
	}
	floor := paxos.Ballot(paxos.MaxBallot + 1) // no ballot below it has a row
	for _, r := range rows {
		floor = min(floor, r.Ballot)
	}
	for i, b := range others.list {
		floor = min(floor, b)
		rows = append(rows, MeterRow{Ballot: b, Promises: count(0), InFlight: others.inFlight[i]})
	}
	// Every row's votes, in the order each was first cast.
	for _, c := range w.Obs.Cast.List {
		if c.Vote.Ballot < floor {
			continue
		}
		for i := range rows {
			if rows[i].Ballot == c.Vote.Ballot {
				rows[i].Votes = append(rows[i].Votes, MeterVote{Value: c.Vote.Value, Votes: count(c.By)})
			}
		}
	}
	slices.SortStableFunc(rows, func(a, b MeterRow) int { return cmp.Compare(b.Ballot, a.Ballot) })
	return rows[:min(len(rows), n)]
}

// newestBallots keeps the n highest distinct ballots it is given, in
// decreasing order, with a count of messages in flight for each.
type newestBallots struct {
	n        int
	list     []paxos.Ballot
	inFlight []int
}

// below reports whether b is too low to be kept: the list is full and
// its lowest ballot is higher.
func (nb *newestBallots) below(b paxos.Ballot) bool {
	return len(nb.list) == nb.n && (nb.n == 0 || b < nb.list[nb.n-1])
}

// keep keeps b if it is among the n highest so far, and returns its place
// in the list, or -1 when it is not kept.
func (nb *newestBallots) keep(b paxos.Ballot) int {
	if nb.below(b) {
		return -1
	}
	i, found := slices.BinarySearchFunc(nb.list, b, func(x, b paxos.Ballot) int { return cmp.Compare(b, x) })
	if found {
		return i
	}
	if i == nb.n {
		return -1
	}
	nb.list = slices.Insert(nb.list, i, b)[:min(len(nb.list)+1, nb.n)]
	nb.inFlight = slices.Insert(nb.inFlight, i, 0)[:len(nb.list)]
	return i
}
