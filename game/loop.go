package game

import (
	"bytes"
	"encoding/binary"
	"slices"

	"paxosgame/paxos"
)

// Loops: the seed's "there is no guarantee of termination", computed
// (DESIGN §10, check --forever). A run loops when it comes back to a state
// it was in with every ballot raised by the same multiple of the number
// of proposers — each ballot replaced by a higher one of the same owner,
// their order kept — and nothing chosen in between: what the nodes do
// depends on ballots only through their order and their owner (n mod N;
// a proposer's next ballot is its smallest owned number above those it
// has seen), so the same steps, with their ballots raised alike, take it
// round again, and again, for ever. (Up to paxos.MaxBallot, a bound of the
// game's numbers, a billion.)

// AppendLoopKey appends the key of w up to ballots and returns the round
// it is lowered by: each ballot b > 0 in it is written as b - round·N (N
// proposers), round the most that keeps every one positive. Two worlds
// have the same key exactly when one is the other with every ballot raised
// by (its round - the other's)·N. The key holds what decides what the
// nodes do next, and what can still be chosen:
//
//   - the configuration, the proposers and the acceptors (as Key has
//     them), which of them are down or played by hand, the messages they
//     hold, and the messages in flight to them;
//   - the observer's votes cast in the ballots from the lowest in the key
//     on: a vote in a lower ballot can never be joined by another (a vote
//     in b needs an accept request of b, in flight, held, or sent by a
//     proposer running b), so it can no longer make a value chosen.
//
// It leaves out the learners, and the messages to them: a learner only
// listens, and what it hears changes no other node. It leaves out the
// values proposed, which matter only once a value is chosen; a loop
// chooses none (LoopNext and the explorer check that apart).
func (w *World) AppendLoopKey(dst []byte) (key []byte, round int) {
	n := paxos.Ballot(max(w.Cfg.Proposers, 1))
	low, _ := w.BallotsInPlay()
	if low > 0 {
		round = int((low - 1) / n)
	}
	by := paxos.Ballot(round) * n
	shift := func(b paxos.Ballot) paxos.Ballot {
		if b > 0 {
			return b - by
		}
		return b
	}
	vote := func(v paxos.Vote) paxos.Vote { v.Ballot = shift(v.Ballot); return v }
	listens := func(m *paxos.Message) bool { return m.To.Role == paxos.RoleLearner }
	msg := func(m paxos.Message) paxos.Message {
		m.Ballot, m.Vote, m.Promised = shift(m.Ballot), vote(m.Vote), shift(m.Promised)
		return m
	}

	b := appendConfig(dst, &w.Cfg)
	for i := range w.Proposers {
		p := &w.Proposers[i]
		b = appendValue(b, p.Preference)
		b = appendBallot(b, shift(p.Ballot))
		b = appendBallot(b, shift(p.Used))
		b = appendBallot(b, shift(p.Seen))
		b = append(b, byte(p.Phase))
		b = binary.AppendUvarint(b, uint64(p.Promises))
		for a := 1; a <= paxos.MaxAcceptors; a++ {
			if p.Promises.Has(a) {
				b = appendVote(b, vote(p.Reported[a]))
			}
		}
		b = appendValue(b, p.Value)
		b = append(b, boolByte(p.Picked))
		b = appendInt(b, p.AdoptedFrom)
		b = appendVote(b, vote(p.Adopted))
		b = binary.AppendUvarint(b, uint64(p.Votes))
		b = appendBallot(b, shift(p.PreemptedBy))
	}
	for i := range w.Acceptors {
		a := &w.Acceptors[i]
		b = appendBallot(b, shift(a.Promised))
		b = appendVote(b, vote(a.Voted))
	}
	for _, role := range [...]paxos.Role{paxos.RoleProposer, paxos.RoleAcceptor} {
		b = binary.AppendUvarint(b, uint64(w.down[role]))
		b = binary.AppendUvarint(b, uint64(w.hand[role]))
	}
	var small [32]paxos.Message
	msgs := small[:0]
	for _, e := range w.Held {
		msgs = append(msgs, msg(e.Msg))
	}
	b = appendSorted(b, len(msgs), func(b []byte, i int) []byte { return appendMessage(b, &msgs[i]) })
	msgs = msgs[:0]
	for e := range w.each {
		if !listens(&e.Msg) {
			msgs = append(msgs, msg(e.Msg))
		}
	}
	b = appendSorted(b, len(msgs), func(b []byte, i int) []byte { return appendMessage(b, &msgs[i]) })
	var cast [16]paxos.Tally
	live := cast[:0]
	for _, t := range w.Obs.Cast.List {
		if t.Vote.Ballot >= low {
			live = append(live, paxos.Tally{Vote: vote(t.Vote), By: t.By})
		}
	}
	b = appendSorted(b, len(live), func(b []byte, i int) []byte {
		return binary.AppendUvarint(appendVote(b, live[i].Vote), uint64(live[i].By))
	})
	return b, round
}

// BallotsInPlay are the lowest and the highest ballot above 0 that
// AppendLoopKey's key holds: the proposers' and the acceptors', and those
// of the messages held or in flight but to learners (0, 0 when none).
func (w *World) BallotsInPlay() (low, high paxos.Ballot) {
	see := func(b paxos.Ballot) {
		if b > 0 && (low == 0 || b < low) {
			low = b
		}
		high = max(high, b)
	}
	for i := range w.Proposers {
		p := &w.Proposers[i]
		for _, b := range [...]paxos.Ballot{p.Ballot, p.Used, p.Seen, p.Adopted.Ballot, p.PreemptedBy} {
			see(b)
		}
		for a := 1; a <= paxos.MaxAcceptors; a++ {
			if p.Promises.Has(a) {
				see(p.Reported[a].Ballot)
			}
		}
	}
	for i := range w.Acceptors {
		see(w.Acceptors[i].Promised)
		see(w.Acceptors[i].Voted.Ballot)
	}
	for e := range w.each {
		if e.Msg.To.Role != paxos.RoleLearner {
			see(e.Msg.Ballot)
			see(e.Msg.Vote.Ballot)
			see(e.Msg.Promised)
		}
	}
	for _, e := range w.Held {
		see(e.Msg.Ballot)
		see(e.Msg.Vote.Ballot)
		see(e.Msg.Promised)
	}
	return low, high
}

// loopLookBack is how far back LoopNext looks for the state the game came
// back to: a loop longer than this is not gone round again.
const loopLookBack = 256

// LoopNext says whether the game's history, up to the cursor, ends in a
// loop — the world now is the world after an earlier step j with every
// ballot raised alike (AppendLoopKey), and nothing is chosen — and gives
// the command that goes round again: step j+1's, its ballots raised
// alike, on the message that is now what step j+1's was then. Auto-play
// takes it, so that a loop found by check --forever, opened with play,
// goes round for ever, ballots rising.
func (g *Game) LoopNext() (Command, bool) {
	w := g.w
	if _, chosen := w.Obs.ChosenValue(); chosen || !w.Obs.Agreement() || g.cur == 0 {
		return Command{}, false
	}
	now, round := w.AppendLoopKey(nil)
	from := max(g.cur-loopLookBack, 0)
	i, found := slices.BinarySearchFunc(g.checkpoints, from, func(c checkpoint, step int) int { return c.step - step })
	if !found {
		i-- // the nearest before; step 0 always has one
	}
	x := g.checkpoints[i].w.Clone()
	var worlds []*World // after steps from … cur-1
	for s := g.checkpoints[i].step; s < g.cur; s++ {
		if s >= from {
			worlds = append(worlds, x.Clone())
		}
		if _, err := x.Apply(g.steps[s].Cmd); err != nil {
			return Command{}, false
		}
	}
	n := paxos.Ballot(max(w.Cfg.Proposers, 1))
	for j := len(worlds) - 1; j >= 0; j-- {
		then, r := worlds[j].AppendLoopKey(nil)
		if r >= round || !bytes.Equal(then, now) {
			continue
		}
		raise := paxos.Ballot(round-r) * n
		c, ok := raiseStep(worlds[j], g.steps[from+j].Cmd, w, raise)
		if ok && w.check(c) == nil {
			return c, true
		}
		return Command{}, false
	}
	return Command{}, false
}

// raiseStep is cmd, a step taken from then, as it is taken from now, which
// is then with every ballot raised by raise: its ballot raised, and a
// message it names by id named by what it is now (by id when that is not
// unique).
func raiseStep(then *World, cmd Command, now *World, raise paxos.Ballot) (Command, bool) {
	up := func(b paxos.Ballot) paxos.Ballot {
		if b > 0 {
			return b + raise
		}
		return b
	}
	c := cmd
	c.Ballot = up(c.Ballot)
	if c.Sel.Ballot != 0 {
		c.Sel.Ballot = up(c.Sel.Ballot)
	}
	if id := cmd.Sel.ID; id != 0 {
		var m paxos.Message
		if e, ok := then.Message(id); ok {
			m = e.Msg
		} else if e, ok := then.heldByID(id); ok {
			m = e.Msg
		} else {
			return Command{}, false
		}
		m.Ballot, m.Vote.Ballot, m.Promised = up(m.Ballot), up(m.Vote.Ballot), up(m.Promised)
		c.Sel.ID = 0
		for e := range now.each {
			if e.Msg == m {
				c.Sel.ID = e.ID
				break
			}
		}
		for _, e := range now.Held {
			if c.Sel.ID == 0 && e.Msg == m {
				c.Sel.ID = e.ID
			}
		}
		if c.Sel.ID == 0 {
			return Command{}, false
		}
	}
	return c, true
}

// heldByID is the held message with the given id.
func (w *World) heldByID(id int) (Envelope, bool) {
	for _, e := range w.Held {
		if e.ID == id {
			return e, true
		}
	}
	return Envelope{}, false
}
