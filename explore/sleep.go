package explore

import (
	"hash/maphash"

	"paxosgame/game"
	"paxosgame/paxos"
)

// Sleep sets: most steps of a level lead to a state that another step of
// the level leads to as well — a delivery to A1 then one to A2 is the
// state of the two taken the other way round. Trying each of them costs
// as much as finding a new state. A state's sleep set is the steps of the
// state it was first found from that were taken before the step to it and
// that commute with that step (independent: on other nodes, other
// messages, another bound); from the state, those steps are not taken:
// the state they lead to was found by taking them first.
//
// Why it changes nothing but the steps tried. Call a state's first
// occurrence the state of the level before and the step that the merge
// takes it from (the first in the order of the frontier, then of
// Enabled). By induction on levels: every state is found, and from the
// same first occurrence, with sleep sets as without. Take v at level d+1,
// first found without them by step a from p, and say a is asleep in p. p
// was first found by step b from q, and a commutes with b and was taken
// from q before b, or was itself asleep in q. In the first case a(q) is at
// level d (not before, or v would be), found from q or from earlier, so
// before p in the frontier; b from a(q) leads to v, an occurrence before
// p's: a contradiction. In the second case the same holds one level up,
// and so on to the start. So the states, their order, the run found and
// the counts are those of the search without sleep sets; only the
// transitions tried are fewer. Tests compare both (TestSleepSetsChangeOnlyTransitions).
//
// Independence is kept conservative: steps on the same node, on the same
// message (by content: two copies are one), spending the same bound
// (crashes, duplicates), or on a node that only listens (a learner may
// learn a value before or after it is chosen, which the verdict tells
// apart; the reduction's tail orders them) never commute here.
type asleep struct {
	sig uint64 // the step, by what it does: the same in every state
	// what it touches, packed: the message it takes, by content (40 bits of
	// its hash, 0: none), the node whose state it changes (16 bits, 0: none
	// — a drop, a duplicate), the bound it spends (1 crashes, 2
	// duplicates) and whether it commutes with nothing.
	on uint64
}

const (
	msgBits   = 40
	nodeShift = msgBits
	budShift  = nodeShift + 16
	aloneBit  = 1 << 63
)

func (a *asleep) msg() uint64    { return a.on & (1<<msgBits - 1) }
func (a *asleep) node() uint64   { return a.on >> nodeShift & 0xffff }
func (a *asleep) budget() uint64 { return a.on >> budShift & 3 }

// independent reports whether steps x and y commute and neither enables
// or disables the other.
func independent(x, y *asleep) bool {
	switch {
	case x.on&aloneBit != 0 || y.on&aloneBit != 0:
		return false
	case x.budget() != 0 && x.budget() == y.budget():
		return false
	case x.msg() != 0 && x.msg() == y.msg():
		return false
	case x.node() != 0 && x.node() == y.node():
		return false
	}
	return true
}

var sigSeed = maphash.MakeSeed()

// describe says what step cmd does in w, for sleep sets.
func describe(w *game.World, cmd game.Command, listens bool) asleep {
	var h maphash.Hash
	h.SetSeed(sigSeed)
	var d struct {
		node   uint64
		msg    uint64
		budget uint64
		alone  bool
	}
	node := func(id paxos.NodeID) uint64 { return uint64(id.Role)<<8 | uint64(id.N) }
	msg := func(m paxos.Message) uint64 {
		var mh maphash.Hash
		mh.SetSeed(sigSeed)
		mh.Write([]byte{byte(m.Type), byte(m.From.Role), byte(m.From.N), byte(m.To.Role), byte(m.To.N)})
		writeInt(&mh, int64(m.Ballot))
		writeInt(&mh, int64(m.Vote.Ballot))
		writeInt(&mh, int64(m.Promised))
		mh.WriteString(string(m.Value))
		mh.WriteByte(0)
		mh.WriteString(string(m.Vote.Value))
		return mh.Sum64()&(1<<msgBits-1) | 1
	}
	h.WriteByte(byte(cmd.Verb))
	if id := cmd.Sel.ID; id != 0 {
		if e, ok := w.Message(id); ok {
			d.msg = msg(e.Msg)
			if cmd.Verb == game.VDeliver {
				d.node = node(e.Msg.To)
				d.alone = e.Msg.To.Role == paxos.RoleLearner
			}
		} else {
			for _, e := range w.Held {
				if e.ID == id {
					d.msg = msg(e.Msg)
				}
			}
		}
		writeInt(&h, int64(d.msg))
	}
	if cmd.Node.N != 0 {
		d.node = node(cmd.Node)
		d.alone = d.alone || cmd.Node.Role == paxos.RoleLearner
		h.WriteByte(byte(cmd.Node.Role))
		h.WriteByte(byte(cmd.Node.N))
	}
	writeInt(&h, int64(cmd.Ballot))
	h.WriteString(string(cmd.Value))
	h.WriteByte(byte(cmd.Field))
	if cmd.Nothing {
		h.WriteByte(1)
	}
	switch cmd.Verb {
	case game.VCrash:
		d.budget = 1
	case game.VDuplicate:
		d.budget = 2
	}
	a := asleep{sig: h.Sum64(), on: d.msg | d.node<<nodeShift | d.budget<<budShift}
	if d.alone || listens {
		a.on |= aloneBit
	}
	return a
}

func writeInt(h *maphash.Hash, n int64) {
	var b [8]byte
	for i := range b {
		b[i] = byte(n >> (8 * i))
	}
	h.Write(b[:])
}

// sleeping reports whether the step of signature sig is in the set.
func sleeping(set []asleep, sig uint64) bool {
	for i := range set {
		if set[i].sig == sig {
			return true
		}
	}
	return false
}
