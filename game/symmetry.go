package game

import (
	"bytes"
	"slices"

	"paxosgame/paxos"
)

// Acceptors are interchangeable: the protocol treats them alike, they
// never speak to one another, and Agreement and Validity do not name one.
// Two worlds that differ only by which acceptor is called A1 and which A2
// go on alike, and an explorer may keep one of them (DESIGN §10's
// --symmetry). Proposers are not: each owns its ballots and prefers its
// own value.

// AppendSymmetricKey appends a key that is the same for two worlds that
// differ only by a renaming of the acceptors, and different otherwise, and
// says how many worlds it stands for: the renamings of w that are not w
// itself (n! over the ways to swap acceptors that are tied). It
// sorts the acceptors by all that ties each to the rest of the world (its
// promise and vote, whether it is down or played by hand, what each
// proposer holds of it, the votes the learners and the observer counted
// from it, the messages it sent or is sent), renames them in that order
// on scratch, and takes the key of that. Acceptors tied on all of it can
// be swapped without changing the world, so the order among them does not
// matter. scratch is overwritten, as by CompactInto.
//
// Which acceptor a proposer adopted its value from is left out: of two
// that reported the same vote it names the first by number, so a renaming
// does not carry it over, and nothing a node does depends on it.
func (w *World) AppendSymmetricKey(dst []byte, scratch *World) (key []byte, worlds int) {
	n := len(w.Acceptors)
	if n <= 1 {
		return w.AppendKey(dst), 1
	}
	// Each acceptor's signature, one after the other in dst past its end.
	start := len(dst)
	var ends [paxos.MaxAcceptors + 1]int
	ends[0] = start
	b := dst
	for a := 1; a <= n; a++ {
		b = w.appendAcceptorSignature(b, a)
		ends[a] = len(b)
	}
	sig := func(a int) []byte { return b[ends[a-1]:ends[a]] }
	var order [paxos.MaxAcceptors]int // the old number of each new one
	perm := order[:n]
	for i := range perm {
		perm[i] = i + 1
	}
	slices.SortStableFunc(perm, func(x, y int) int { return bytes.Compare(sig(x), sig(y)) })
	worlds, tied := 1, 1
	for i := 1; i < n; i++ {
		worlds *= i + 1
		if bytes.Equal(sig(perm[i]), sig(perm[i-1])) {
			tied++
			worlds /= tied
		} else {
			tied = 1
		}
	}
	w.CompactInto(scratch)
	scratch.renameAcceptors(perm)
	for i := range scratch.Proposers {
		scratch.Proposers[i].AdoptedFrom = 0
	}
	return scratch.AppendKey(b[:start]), worlds
}

// appendAcceptorSignature appends what ties acceptor a to the rest of the
// world, in terms that do not name a, nor any other acceptor.
func (w *World) appendAcceptorSignature(b []byte, a int) []byte {
	acc := &w.Acceptors[a-1]
	b = appendBallot(b, acc.Promised)
	b = appendVote(b, acc.Voted)
	id := paxos.A(a)
	b = append(b, boolByte(w.Up(id)), boolByte(w.Hand(id)))
	for i := range w.Proposers {
		p := &w.Proposers[i]
		b = append(b, boolByte(p.Promises.Has(a)), boolByte(p.Votes.Has(a)))
		if p.Promises.Has(a) {
			b = appendVote(b, p.Reported[a])
		}
	}
	tallies := func(b []byte, t *paxos.Tallies) []byte {
		var mine [16]paxos.Vote
		votes := mine[:0]
		for _, x := range t.List {
			if x.By.Has(a) {
				votes = append(votes, x.Vote)
			}
		}
		return appendSorted(b, len(votes), func(b []byte, i int) []byte { return appendVote(b, votes[i]) })
	}
	for i := range w.Learners {
		b = tallies(b, &w.Learners[i].Votes)
	}
	b = tallies(b, &w.Obs.Cast)
	// The messages from or to a, with a's name left out; a held one apart.
	var mine [32]paxos.Message
	msgs := mine[:0]
	blank := func(m paxos.Message, held bool) paxos.Message {
		for _, end := range []*paxos.NodeID{&m.From, &m.To} {
			if *end == id {
				*end = paxos.NodeID{Role: paxos.RoleAcceptor, N: 0}
			}
		}
		if held {
			m.Promised = -1 - m.Promised // marks it held; no message has a negative promise
		}
		return m
	}
	for e := range w.each {
		if e.Msg.From == id || e.Msg.To == id {
			msgs = append(msgs, blank(e.Msg, false))
		}
	}
	for _, e := range w.Held {
		if e.Msg.To == id {
			msgs = append(msgs, blank(e.Msg, true))
		}
	}
	return appendSorted(b, len(msgs), func(b []byte, i int) []byte { return appendMessage(b, &msgs[i]) })
}

// renameAcceptors renames the acceptors of w, a world CompactInto made:
// the new An is the old A perm[n-1].
func (w *World) renameAcceptors(perm []int) {
	var inv [paxos.MaxAcceptors + 1]int // the new number of each old one
	for i, old := range perm {
		inv[old] = i + 1
	}
	set := func(s paxos.Set) paxos.Set {
		var out paxos.Set
		for old := 1; old <= len(perm); old++ {
			if s.Has(old) {
				out = out.Add(inv[old])
			}
		}
		return out
	}
	node := func(id paxos.NodeID) paxos.NodeID {
		if id.Role == paxos.RoleAcceptor && id.N >= 1 && id.N <= len(perm) {
			id.N = inv[id.N]
		}
		return id
	}
	var accs [paxos.MaxAcceptors]paxos.Acceptor
	copy(accs[:], w.Acceptors)
	for i, old := range perm {
		w.Acceptors[i] = accs[old-1]
		w.Acceptors[i].N = i + 1
	}
	for i := range w.Proposers {
		p := &w.Proposers[i]
		rep := p.Reported
		for old := 1; old <= len(perm); old++ {
			p.Reported[inv[old]] = rep[old]
		}
		p.Promises, p.Votes = set(p.Promises), set(p.Votes)
		if p.AdoptedFrom >= 1 && p.AdoptedFrom <= len(perm) {
			p.AdoptedFrom = inv[p.AdoptedFrom]
		}
	}
	for i := range w.Learners {
		for j := range w.Learners[i].Votes.List {
			w.Learners[i].Votes.List[j].By = set(w.Learners[i].Votes.List[j].By)
		}
	}
	for j := range w.Obs.Cast.List {
		w.Obs.Cast.List[j].By = set(w.Obs.Cast.List[j].By)
	}
	for _, mask := range []*uint16{&w.down[paxos.RoleAcceptor], &w.hand[paxos.RoleAcceptor]} {
		*mask = uint16(set(paxos.Set(*mask)))
	}
	for k := range w.log {
		for i := range w.log[k] {
			w.log[k][i].Msg.From, w.log[k][i].Msg.To = node(w.log[k][i].Msg.From), node(w.log[k][i].Msg.To)
		}
	}
	for i := range w.Held {
		w.Held[i].Msg.From, w.Held[i].Msg.To = node(w.Held[i].Msg.From), node(w.Held[i].Msg.To)
	}
}
