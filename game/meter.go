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
	m, q := w.Cfg.Acceptors, w.Cfg.Quorum()
	count := func(s paxos.Set) Count { return Count{By: s, Of: m, Quorum: q} }
	var rows []MeterRow
	at := map[paxos.Ballot][]int{} // ballot → its rows
	for i := range w.Proposers {
		pr := &w.Proposers[i]
		if pr.Phase != paxos.Idle && pr.Ballot != 0 {
			at[pr.Ballot] = append(at[pr.Ballot], len(rows))
			rows = append(rows, MeterRow{Ballot: pr.Ballot, Proposer: paxos.P(pr.N), Promises: count(pr.Promises)})
		}
	}
	// A ballot whose messages are still in flight is in play although no
	// proposer runs it (its proposer crashed, or moved on): its requests
	// may yet be promised or voted for.
	for _, e := range w.InFlight {
		if e.Msg.Type == paxos.Nack || e.Msg.Ballot == 0 {
			continue
		}
		is, ok := at[e.Msg.Ballot]
		if !ok {
			is = []int{len(rows)}
			at[e.Msg.Ballot] = is
			rows = append(rows, MeterRow{Ballot: e.Msg.Ballot, Promises: count(0)})
		}
		if !rows[is[0]].Running() {
			rows[is[0]].InFlight++
		}
	}
	// Votes in a ballot no proposer runs now: only the newest n, as a long
	// game casts votes in thousands of ballots. others stays sorted, newest
	// first, one row per ballot.
	var others []MeterRow
	for _, c := range w.Obs.Cast.List {
		v := MeterVote{Value: c.Vote.Value, Votes: count(c.By)}
		if is, ok := at[c.Vote.Ballot]; ok {
			for _, i := range is {
				rows[i].Votes = append(rows[i].Votes, v)
			}
			continue
		}
		i, found := slices.BinarySearchFunc(others, c.Vote.Ballot, func(r MeterRow, b paxos.Ballot) int { return cmp.Compare(b, r.Ballot) })
		switch {
		case found:
			others[i].Votes = append(others[i].Votes, v)
		case i < n:
			others = slices.Insert(others, i, MeterRow{Ballot: c.Vote.Ballot, Promises: count(0), Votes: []MeterVote{v}})
			others = others[:min(len(others), n)]
		}
	}
	rows = append(rows, others...)
	slices.SortStableFunc(rows, func(a, b MeterRow) int { return cmp.Compare(b.Ballot, a.Ballot) })
	return rows[:min(len(rows), n)]
}
