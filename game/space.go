package game

import (
	"bytes"
	"encoding/binary"
	"slices"

	"paxosgame/paxos"
)

// The state space as an API (DESIGN §9): Enabled lists every action
// possible now, Key fingerprints the state. The explorer of DESIGN §10,
// the property tests and the random generators of the tests use both.

// Enabled returns every action the world accepts now, one command for
// each, in this order:
//
//  1. deliver each message in flight, by id, in send order (the order of
//     InFlight), a message to a crashed node too (it is lost);
//  2. the decisions of the acceptors played by hand, on each message they
//     hold, in the order they arrived: promise (reporting its vote; with
//     promise-reports-vote off, also reporting none when it voted), vote,
//     refuse, ignore, each by id; then learn each value a learner played by
//     hand may learn, L1 first, in the order it heard them;
//  3. accept Pn for each up proposer that may send its accept requests now,
//     P1 first: in manual mode, as accept Pn; played by hand, as accept Pn
//     with each value it may pick: the highest vote reported, its
//     preference, then the other values reported;
//  4. propose Pn for each up proposer, with its next ballot and its
//     preference written out, as history records a propose, P1 first;
//  5. drop each message in flight, in send order;
//  6. duplicate each message in flight, in send order;
//  7. crash each up node: the proposers, then the acceptors, then the
//     learners, each by number;
//  8. restart each crashed node, in the same order;
//  9. hand each node the game plays, then auto each node played by hand,
//     in the same order.
//
// What the protocol does by itself comes first, then what a player starts,
// then what the network does wrong, then failures: a breadth-first search
// that takes actions in this order finds, among the shortest runs, one
// that reads like the course tells it.
//
// Apply accepts every command returned, and every action Apply accepts is
// one of them, once resolved as history resolves it:
//
//   - a message named by description (deliver 1b A1->P2) is the action on
//     the one message it names, listed by id;
//   - a propose with a ballot above the proposer's next one or another
//     value than its preference is listed as the propose of its next
//     ballot and preference: the ballot the course teaches a proposer to
//     take ("its smallest owned number above every ballot it has seen"),
//     with the value it was given, which keeps the space finite for a
//     given number of proposals. (One corner is left out: a proposer whose
//     next ballot is past MaxBallot, in a game set up that high, may still
//     use an owned ballot below the ones it has seen; none is listed.)
//   - deliver all, drop all and duplicate all are not listed: each is a
//     sequence of the actions listed (and, with nothing in flight, a step
//     that changes nothing).
//
// Setup commands are not actions: they come before the first one.
func (w *World) Enabled() []Command { return w.AppendEnabled(nil) }

// AppendEnabled appends what Enabled lists to cmds: an explorer lists the
// actions of a million states into one buffer.
func (w *World) AppendEnabled(cmds []Command) []Command {
	n := w.NumInFlight()
	nodes := len(w.Proposers) + len(w.Acceptors) + len(w.Learners)
	cmds = slices.Grow(cmds, 3*n+len(w.Proposers)+2*nodes+4*len(w.Held))
	for _, verb := range enabledOrder {
		cmds = w.enabled(cmds, verb)
	}
	return cmds
}

// enabledOrder is the order of Enabled, by verb.
var enabledOrder = [...]Verb{VDeliver, VPromise, VLearn, VAccept, VPropose, VDrop, VDuplicate, VCrash, VRestart, VHand, VAuto}

// enabled appends to cmds the actions of one verb that Enabled lists, in
// its order. The random games of the tests draw a verb first and then one
// of these, without building the whole list at every step.
func (w *World) enabled(cmds []Command, verb Verb) []Command {
	switch verb {
	case VDeliver, VDrop, VDuplicate:
		cmds = slices.Grow(cmds, w.NumInFlight())
		for e := range w.each {
			cmds = append(cmds, Command{Verb: verb, Sel: Selector{ID: e.ID}})
		}
	case VPromise: // and the other decisions on held messages
		for _, e := range w.Held {
			a := w.Acceptor(e.Msg.To.N)
			for _, c := range []Command{
				{Verb: VPromise, Node: e.Msg.To, Sel: Selector{ID: e.ID}},
				{Verb: VPromise, Node: e.Msg.To, Sel: Selector{ID: e.ID}, Field: FieldReport, Nothing: true},
				{Verb: VVote, Node: e.Msg.To, Sel: Selector{ID: e.ID}},
				{Verb: VRefuse, Node: e.Msg.To, Sel: Selector{ID: e.ID}},
				{Verb: VIgnore, Node: e.Msg.To, Sel: Selector{ID: e.ID}},
			} {
				if c.Field == FieldReport && (a.Voted.None() || w.Cfg.Rules.On(paxos.PromiseReportsVote)) {
					continue // the same as its true report, or refused
				}
				if w.check(c) == nil {
					cmds = append(cmds, c)
				}
			}
		}
	case VLearn:
		for i := range w.Learners {
			cmds = w.allowedDecisions(cmds, paxos.L(i+1))
		}
	case VAccept:
		cmds = slices.Grow(cmds, len(w.Proposers))
		for _, id := range w.AcceptReady() {
			cmds = append(cmds, Command{Verb: VAccept, Node: id})
		}
		for i := range w.Proposers {
			cmds = w.allowedDecisions(cmds, paxos.P(i+1))
		}
	case VPropose:
		for i := range w.Proposers {
			p := &w.Proposers[i]
			// The next ballot may be past MaxBallot, in a game set up that high.
			if b := p.NextBallot(&w.Cfg); w.Up(paxos.P(p.N)) && p.CheckBallot(b, &w.Cfg) == nil {
				cmds = append(cmds, Command{Verb: VPropose, Node: paxos.P(p.N), Ballot: b, Value: p.Preference})
			}
		}
	case VCrash, VRestart:
		for id := range w.allNodes {
			if w.Up(id) == (verb == VCrash) {
				cmds = append(cmds, Command{Verb: verb, Node: id})
			}
		}
	case VHand, VAuto:
		for id := range w.allNodes {
			if w.Hand(id) == (verb == VAuto) {
				cmds = append(cmds, Command{Verb: verb, Node: id})
			}
		}
	}
	return cmds
}

// allowedDecisions appends the decisions of node id that the rules allow.
func (w *World) allowedDecisions(cmds []Command, id paxos.NodeID) []Command {
	for _, d := range w.Decisions(id) {
		if w.check(d.Cmd) == nil {
			cmds = append(cmds, d.Cmd)
		}
	}
	return cmds
}

// Nodes lists every node of the cluster: the proposers, the acceptors,
// then the learners, each by number (the order of the screen, too).
func (w *World) Nodes() []paxos.NodeID {
	ids := make([]paxos.NodeID, 0, len(w.Proposers)+len(w.Acceptors)+len(w.Learners))
	for id := range w.allNodes {
		ids = append(ids, id)
	}
	return ids
}

// allNodes yields the nodes in the order of Nodes, without a slice.
func (w *World) allNodes(yield func(paxos.NodeID) bool) {
	for i := range w.Proposers {
		if !yield(paxos.P(i + 1)) {
			return
		}
	}
	for i := range w.Acceptors {
		if !yield(paxos.A(i + 1)) {
			return
		}
	}
	for i := range w.Learners {
		if !yield(paxos.L(i + 1)) {
			return
		}
	}
}

// Key is a canonical fingerprint of the world: two worlds have the same
// key exactly when they are in the same state, so that an explorer visits
// each state once. It is a string, compared and hashed as a map key, that
// holds a compact binary encoding rather than a hash: every field is
// written in full and self-delimited (numbers as uvarints, values with
// their length first), in an order fixed by the configuration written
// first, so the encoding can be read back, and two different states never
// share a key. A string rather than a struct because the state has no
// fixed size: values are any text and the messages in flight are any
// number.
//
// The key holds everything that decides the future of the game and the
// safety verdict:
//
//   - the configuration: the size of the cluster, the rules, the
//     stale-prepare policy and the mode;
//   - every field of every proposer (phase, ballot, used, seen,
//     preference, value, promises with the votes they reported, votes,
//     and the two only the screen reads: the vote it adopted and from
//     whom, the ballot that preempted it), so that the state an explorer
//     reports is the state the player sees;
//   - each acceptor's promise and vote; each learner's votes heard, how
//     many, and what it learned;
//   - which nodes are down, which are played by hand;
//   - the messages in flight, as a multiset: their content, sorted, each
//     copy counted; and so the messages held by nodes played by hand;
//   - the observer's votes ever cast, with their voters (the values chosen
//     are those a quorum voted for: they follow from these), the values
//     proposed, and whether a safety property has failed.
//
// It ignores what only tells the story of how the world got there: message
// ids and NextID, the Step counter, Started and the set-up bookkeeping
// (only actions follow the first one), the order of the messages in
// flight, the order in which votes and proposals were first counted
// (tallies and proposals are sets), and the steps at which values were
// chosen or a property failed, with the sentences that tell it.
//
// Which property failed is not in the key: the observer records a
// violation as a sentence only, and the key matches no English. Two values
// chosen can be read from the votes cast; once the observer records the
// property as data (issue 7, typed events), add it here.
func (w *World) Key() string {
	return string(w.AppendKey(make([]byte, 0, 512)))
}

// AppendKey appends the world's key to dst and returns it: with a buffer
// kept from one call to the next, an explorer looks a state up in its map
// (m[string(key)] does not copy) without allocating.
func (w *World) AppendKey(dst []byte) []byte {
	b := w.appendNodesKey(dst)
	var small [32]*Envelope
	in := small[:0]
	for e := range w.each {
		in = append(in, e)
	}
	b = appendSorted(b, len(in), func(b []byte, i int) []byte {
		return appendMessage(b, &in[i].Msg)
	})
	b = appendTallies(b, &w.Obs.Cast)
	b = appendSorted(b, len(w.Obs.Proposed), func(b []byte, i int) []byte {
		return appendValue(b, w.Obs.Proposed[i])
	})
	// The verdict: whether a safety property has failed. Which one failed
	// first is history, not state: two orders of the same deliveries may
	// break Agreement in different ways and reach the same state.
	return append(b, boolByte(w.Obs.Agreement()))
}

// appendNodesKey appends the part of the key that is the nodes' state:
// the configuration, every role, who is down or played by hand, and the
// messages nodes played by hand hold; not the network or the observer.
func (w *World) appendNodesKey(dst []byte) []byte {
	b := appendConfig(dst, &w.Cfg)
	b = appendInt(b, w.Cfg.Learners)

	for i := range w.Proposers {
		p := &w.Proposers[i]
		b = appendValue(b, p.Preference)
		b = appendBallot(b, p.Ballot)
		b = appendBallot(b, p.Used)
		b = appendBallot(b, p.Seen)
		b = append(b, byte(p.Phase))
		b = binary.AppendUvarint(b, uint64(p.Promises))
		// Only the promises held have reported a vote: Propose and Crash
		// clear the others.
		for n := 1; n <= paxos.MaxAcceptors; n++ {
			if p.Promises.Has(n) {
				b = appendVote(b, p.Reported[n])
			}
		}
		b = appendValue(b, p.Value)
		b = append(b, boolByte(p.Picked))
		b = appendInt(b, p.AdoptedFrom)
		b = appendVote(b, p.Adopted)
		b = binary.AppendUvarint(b, uint64(p.Votes))
		b = appendBallot(b, p.PreemptedBy)
	}
	for i := range w.Acceptors {
		a := &w.Acceptors[i]
		b = appendBallot(b, a.Promised)
		b = appendVote(b, a.Voted)
	}
	for i := range w.Learners {
		l := &w.Learners[i]
		b = appendTallies(b, &l.Votes)
		b = appendInt(b, l.Heard)
		b = appendInt(b, len(l.Learned))
		for _, v := range l.Learned { // in order: a second value learned is a violation
			b = appendVote(b, v)
		}
	}
	for _, mask := range w.down {
		b = binary.AppendUvarint(b, uint64(mask))
	}
	for _, mask := range w.hand {
		b = binary.AppendUvarint(b, uint64(mask))
	}
	// The messages held by nodes played by hand, as a multiset like those
	// in flight: a decision names the one it answers.
	return appendSorted(b, len(w.Held), func(b []byte, i int) []byte {
		return appendMessage(b, &w.Held[i].Msg)
	})
}

// appendConfig appends the configuration but the learners: the sizes, the
// rules, the policies and the mode.
func appendConfig(b []byte, cfg *paxos.Config) []byte {
	b = appendInt(b, cfg.Proposers)
	b = appendInt(b, cfg.Acceptors)
	var rules uint64
	for i, r := range allRules {
		if !cfg.Rules.On(r) {
			rules |= 1 << i
		}
	}
	b = binary.AppendUvarint(b, rules)
	return append(b, byte(cfg.Stale), byte(cfg.StaleAccept), boolByte(cfg.Manual))
}

// allRules is paxos.AllRules, made once: Key runs millions of times.
var allRules = paxos.AllRules()

func boolByte(x bool) byte {
	if x {
		return 1
	}
	return 0
}

// appendInt writes a count or a node number (never negative).
func appendInt(b []byte, n int) []byte { return binary.AppendUvarint(b, uint64(n)) }

func appendBallot(b []byte, x paxos.Ballot) []byte { return binary.AppendUvarint(b, uint64(x)) }

func appendValue(b []byte, v paxos.Value) []byte {
	b = binary.AppendUvarint(b, uint64(len(v)))
	return append(b, v...)
}

func appendVote(b []byte, v paxos.Vote) []byte {
	return appendValue(appendBallot(b, v.Ballot), v.Value)
}

func appendNode(b []byte, id paxos.NodeID) []byte {
	return appendInt(append(b, byte(id.Role)), id.N)
}

// appendMessage writes every field of a message; the fields its type
// does not use are zero and take a byte each.
func appendMessage(b []byte, m *paxos.Message) []byte {
	b = append(b, byte(m.Type))
	b = appendNode(b, m.From)
	b = appendNode(b, m.To)
	b = appendBallot(b, m.Ballot)
	b = appendValue(b, m.Value)
	b = appendVote(b, m.Vote)
	return appendBallot(b, m.Promised)
}

// appendTallies writes the votes counted, as a set of (ballot, value,
// voters): the order of the list is the order the votes arrived in, which
// decides nothing (it breaks a tie on the screen's "leading" line only).
func appendTallies(b []byte, t *paxos.Tallies) []byte {
	return appendSorted(b, len(t.List), func(b []byte, i int) []byte {
		return binary.AppendUvarint(appendVote(b, t.List[i].Vote), uint64(t.List[i].By))
	})
}

// span is where one item's encoding lies in the buffer.
type span struct{ lo, hi int }

// appendSorted writes n items as a multiset: their number, then their
// encodings (each self-delimited, so the whole reads back) in byte order.
// It encodes them past the end of b, sorts, appends them in order and
// moves that back, so that it needs no buffer of its own.
func appendSorted(b []byte, n int, enc func(b []byte, i int) []byte) []byte {
	b = appendInt(b, n)
	if n <= 1 {
		if n == 1 {
			b = enc(b, 0)
		}
		return b
	}
	start := len(b)
	var small [64]span
	spans := small[:0]
	for i := range n {
		lo := len(b)
		b = enc(b, i)
		spans = append(spans, span{lo, len(b)})
	}
	end, encoded := len(b), b
	slices.SortFunc(spans, func(x, y span) int { return bytes.Compare(encoded[x.lo:x.hi], encoded[y.lo:y.hi]) })
	for _, s := range spans {
		b = append(b, b[s.lo:s.hi]...)
	}
	k := copy(b[start:], b[end:])
	return b[:start+k]
}

// CompactInto makes dst the same state as w, with a network that keeps
// only what is still part of the state: the messages in flight and those
// held by nodes played by hand, renumbered from #1 in the order they were
// sent. The Key is the same, and Enabled lists the same actions in the
// same order (with the new ids); what was delivered, dropped or lost
// before is gone. An explorer tries each step on one scratch world made
// this way and keeps a compact copy only of the states it has not seen.
//
// dst's memory is reused: dst must be a world that only CompactInto and
// Apply have written, never one a Clone shares memory with, nor w itself.
func (w *World) CompactInto(dst *World) { w.compactInto(dst, nil) }

// compactInto is CompactInto; with base, a new dst takes base's lists of
// nodes and votes where they are the same as w's (CompactShared).
func (w *World) compactInto(dst, base *World) {
	d := *dst
	*dst = *w
	if base != nil && slices.Equal(w.Proposers, base.Proposers) {
		dst.Proposers = base.Proposers
	} else {
		dst.Proposers = append(d.Proposers[:0], w.Proposers...)
	}
	if base != nil && slices.Equal(w.Acceptors, base.Acceptors) {
		dst.Acceptors = base.Acceptors
	} else {
		dst.Acceptors = append(d.Acceptors[:0], w.Acceptors...)
	}
	if base != nil && slices.EqualFunc(w.Learners, base.Learners, sameLearner) {
		dst.Learners = base.Learners
	} else {
		dst.Learners = slices.Grow(d.Learners[:0], len(w.Learners))[:len(w.Learners)]
		for i, l := range w.Learners {
			votes, learned := dst.Learners[i].Votes.List, dst.Learners[i].Learned
			if i >= len(d.Learners) {
				votes, learned = nil, nil
			}
			dst.Learners[i] = l
			dst.Learners[i].Votes.List = append(votes[:0], l.Votes.List...)
			dst.Learners[i].Learned = append(learned[:0], l.Learned...)
		}
	}
	if base != nil && slices.Equal(w.Obs.Cast.List, base.Obs.Cast.List) {
		dst.Obs.Cast.List = base.Obs.Cast.List
	} else {
		dst.Obs.Cast.List = append(d.Obs.Cast.List[:0], w.Obs.Cast.List...)
	}
	dst.Obs.Chosen = w.Obs.Chosen[:len(w.Obs.Chosen):len(w.Obs.Chosen)]
	dst.Obs.Proposed = w.Obs.Proposed[:len(w.Obs.Proposed):len(w.Obs.Proposed)]
	dst.Obs.Violations = w.Obs.Violations[:len(w.Obs.Violations):len(w.Obs.Violations)]
	dst.events = d.events[:0]

	if w.sent == w.live+len(w.Held) && w.sent <= chunkSize {
		// w is compact already (an explorer's states are): copy it as it is
		var chunk []Envelope
		if len(d.log) > 0 {
			chunk = d.log[0][:0]
		}
		dst.log = d.log[:0]
		if w.sent > 0 {
			dst.log = append(dst.log, append(chunk, w.log[0]...))
		}
		dst.gone = append(d.gone[:0], w.gone...)
		dst.Held = append(d.Held[:0], w.Held...)
		return
	}

	// The messages kept, by their old ids: those in flight (in id order)
	// merged with those held (in any order).
	held := make([]int, 0, 8)
	for _, e := range w.Held {
		held = append(held, e.ID)
	}
	slices.Sort(held)
	kept := len(held) + w.live
	var first []Envelope // dst's first chunk, or a new one
	if len(d.log) > 0 {
		first = d.log[0][:0]
	}
	if cap(first) < min(kept, chunkSize) {
		first = make([]Envelope, 0, min(kept, chunkSize))
	}
	dst.log = d.log[:0]
	if kept > 0 { // put starts a chunk at every chunkSize-th message, the first too
		dst.log = append(dst.log, first)
	}
	dst.gone = d.gone[:0]
	for range (kept + 63) / 64 {
		dst.gone = append(dst.gone, 0)
	}
	dst.sent, dst.head, dst.live = 0, 0, w.live
	dst.Held = append(d.Held[:0], w.Held...)
	renumber := func(e Envelope, gone bool) {
		if gone {
			for i := range dst.Held {
				if dst.Held[i].ID == e.ID {
					dst.Held[i].ID = dst.sent + 1
				}
			}
		}
		k := dst.sent / chunkSize
		if k == len(dst.log) {
			dst.log = append(dst.log, nil)
		}
		e.ID = dst.sent + 1
		dst.log[k] = append(dst.log[k], e)
		if gone {
			dst.gone[dst.sent/64] |= 1 << (dst.sent % 64)
		}
		dst.sent++
	}
	h := 0
	for e := range w.each {
		for ; h < len(held) && held[h] < e.ID; h++ {
			renumber(w.heldMessage(held[h]), true)
		}
		renumber(*e, false)
	}
	for ; h < len(held); h++ {
		renumber(w.heldMessage(held[h]), true)
	}
	for dst.head < dst.sent && dst.isGone(dst.head) {
		dst.head++
	}
	dst.NextID = dst.sent + 1
}

// Compact returns the world as CompactInto makes it, in new memory.
func (w *World) Compact() *World {
	dst := new(World)
	w.CompactInto(dst)
	return dst
}

func (w *World) heldMessage(id int) Envelope {
	for _, e := range w.Held {
		if e.ID == id {
			return e
		}
	}
	panic("no held message has this id")
}
