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
	for e := range w.each {
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
	// game casts votes in thousands of ballots. First those ballots, looked
	// for from the newest votes back (votes come mostly in increasing
	// ballots), then every row's votes, in the order each was first cast.
	var newest []paxos.Ballot // decreasing
	for _, c := range slices.Backward(w.Obs.Cast.List) {
		b := c.Vote.Ballot
		if len(newest) == n && (n == 0 || b < newest[n-1]) {
			continue
		}
		if _, ok := at[b]; ok {
			continue
		}
		if i, found := slices.BinarySearchFunc(newest, b, func(x, b paxos.Ballot) int { return cmp.Compare(b, x) }); !found {
			newest = slices.Insert(newest, i, b)
			newest = newest[:min(len(newest), n)]
		}
	}
	floor := paxos.Ballot(paxos.MaxBallot + 1) // no vote below it has a row
	for _, r := range rows {
		floor = min(floor, r.Ballot)
	}
	for _, b := range newest {
		floor = min(floor, b)
		at[b] = []int{len(rows)}
		rows = append(rows, MeterRow{Ballot: b, Promises: count(0)})
	}
	for _, c := range w.Obs.Cast.List {
		if c.Vote.Ballot < floor {
			continue
		}
		if is, ok := at[c.Vote.Ballot]; ok {
			v := MeterVote{Value: c.Vote.Value, Votes: count(c.By)}
			for _, i := range is {
				rows[i].Votes = append(rows[i].Votes, v)
			}
		}
	}
	slices.SortStableFunc(rows, func(a, b MeterRow) int { return cmp.Compare(b.Ballot, a.Ballot) })
	return rows[:min(len(rows), n)]
}
