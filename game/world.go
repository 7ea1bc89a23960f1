package game

import (
	"fmt"
	"slices"

	"paxosgame/paxos"
)

// Envelope is a message in flight with its id, never reused in a game.
type Envelope struct {
	ID  int
	Msg paxos.Message
}

// World is the whole state of one game at one step: the roles, which nodes
// are down, the network, and the observer. Apply is the only way to change
// it.
type World struct {
	Cfg       paxos.Config
	Proposers []paxos.Proposer // P1 is Proposers[0]
	Acceptors []paxos.Acceptor
	Learners  []paxos.Learner
	down      [4]uint16 // per role, a bitmask of crashed nodes
	hand      [4]uint16 // per role, a bitmask of the nodes played by hand

	// Held is the messages delivered to nodes played by hand that wait for
	// their decision, in the order they arrived.
	Held []Envelope

	// The network: every message sent, the one of id i at position i-1
	// of log, in chunks of chunkSize. A full chunk never changes, so clones
	// share it. gone marks the positions delivered, dropped or lost; all
	// before head are gone, and their chunks are let go (nil).
	log  [][]Envelope
	sent int      // messages in log
	gone []uint64 // a bit per position
	head int
	live int // messages in flight

	NextID   int
	Step     int  // actions taken so far
	Started  bool // an action has been taken: setup is over
	setState bool // a set command has run: config may no longer change
	// setWith has off the rules that were off when a set line gave an
	// acceptor its state: they stay off (StartRulesOff).
	setWith paxos.Rules
	Obs     Observer

	events []Event // the last action's events; Apply reuses it
	quiet  bool    // Do: make no events
}

// NewWorld is a world of the default cluster before any command.
func NewWorld() *World {
	w := &World{}
	w.configure(paxos.DefaultConfig())
	return w
}

func (w *World) configure(cfg paxos.Config) {
	w.Cfg = cfg
	w.Proposers = make([]paxos.Proposer, cfg.Proposers)
	for i := range w.Proposers {
		w.Proposers[i] = paxos.Proposer{N: i + 1, Preference: DefaultValue(i + 1)}
	}
	w.Acceptors = make([]paxos.Acceptor, cfg.Acceptors)
	for i := range w.Acceptors {
		w.Acceptors[i] = paxos.Acceptor{N: i + 1}
	}
	w.Learners = make([]paxos.Learner, cfg.Learners)
	for i := range w.Learners {
		w.Learners[i] = paxos.Learner{N: i + 1}
	}
	w.NextID = 1
	w.rebuildObserver()
}

// DefaultValue is the price proposer n prefers at first: distinct for
// every proposer, so that conflicting proposals show.
func DefaultValue(n int) paxos.Value { return paxos.Value(fmt.Sprintf("%d EUR", n)) }

// Clone copies the world so that the copy shares no memory with it.
func (w *World) Clone() *World {
	c := *w
	c.Proposers = append([]paxos.Proposer(nil), w.Proposers...)
	c.Acceptors = append([]paxos.Acceptor(nil), w.Acceptors...)
	c.Learners = make([]paxos.Learner, len(w.Learners))
	for i, l := range w.Learners {
		c.Learners[i] = l.Clone()
	}
	c.log = slices.Clone(w.log)
	if k := len(c.log) - 1; k >= 0 && c.log[k] != nil && len(c.log[k]) < chunkSize {
		// the chunk being filled: each world appends to its own, with
		// room for the next few sends (an explorer clones a world for
		// each step it tries, and most steps send)
		c.log[k] = append(make([]Envelope, 0, len(c.log[k])+8), c.log[k]...)
	}
	c.gone = slices.Clone(w.gone)
	c.Held = slices.Clone(w.Held)
	c.Obs = w.Obs.clone()
	c.events = nil
	return &c
}

// Up reports whether a node is running (not crashed).
func (w *World) Up(id paxos.NodeID) bool { return w.down[id.Role]&(1<<id.N) == 0 }

func (w *World) setUp(id paxos.NodeID, up bool) {
	if up {
		w.down[id.Role] &^= 1 << id.N
	} else {
		w.down[id.Role] |= 1 << id.N
	}
}

// Hand reports whether a node is played by hand.
func (w *World) Hand(id paxos.NodeID) bool { return w.hand[id.Role]&(1<<id.N) != 0 }

func (w *World) setHand(id paxos.NodeID, on bool) {
	if on {
		w.hand[id.Role] |= 1 << id.N
	} else {
		w.hand[id.Role] &^= 1 << id.N
	}
}

// HeldBy is the messages node id holds for its decision, oldest first.
func (w *World) HeldBy(id paxos.NodeID) []Envelope {
	var held []Envelope
	for _, e := range w.Held {
		if e.Msg.To == id {
			held = append(held, e)
		}
	}
	return held
}

// unhold takes the message with the given id from the held ones.
func (w *World) unhold(id int) {
	w.Held = slices.DeleteFunc(w.Held, func(e Envelope) bool { return e.ID == id })
}

// Exists reports whether the cluster has the node.
func (w *World) Exists(id paxos.NodeID) bool {
	switch id.Role {
	case paxos.RoleProposer:
		return id.N >= 1 && id.N <= len(w.Proposers)
	case paxos.RoleAcceptor:
		return id.N >= 1 && id.N <= len(w.Acceptors)
	case paxos.RoleLearner:
		return id.N >= 1 && id.N <= len(w.Learners)
	}
	return false
}

// Proposer, Acceptor and Learner return a node by number (from 1).
func (w *World) Proposer(n int) *paxos.Proposer { return &w.Proposers[n-1] }
func (w *World) Acceptor(n int) *paxos.Acceptor { return &w.Acceptors[n-1] }
func (w *World) Learner(n int) *paxos.Learner   { return &w.Learners[n-1] }

// LearnedOneOfTwo reports whether learner n learned a value while another
// value is chosen too (see Observer.OtherChosen), and that other value.
func (w *World) LearnedOneOfTwo(n int) (paxos.Value, bool) {
	l := w.Learner(n)
	if len(l.Learned) == 0 {
		return "", false
	}
	return w.Obs.OtherChosen(l.Learned[len(l.Learned)-1].Value)
}

// chunkSize is the number of messages in a chunk of the network.
const chunkSize = 1024

// InFlight returns the messages in flight in send order, in a new slice.
func (w *World) InFlight() []Envelope {
	if w.live == 0 {
		return nil
	}
	out := make([]Envelope, 0, w.live)
	for i := w.head; i < w.sent; i++ {
		if !w.isGone(i) {
			out = append(out, *w.at(i))
		}
	}
	return out
}

// InFlightRange returns the messages in flight from index from to index
// to (excluded) of the send order, clipped to those there are: a screen's
// page of the network without a copy of all of it.
func (w *World) InFlightRange(from, to int) []Envelope {
	from, to = max(from, 0), min(to, w.live)
	if from >= to {
		return nil
	}
	out := make([]Envelope, 0, to-from)
	n := 0
	for i := w.head; i < w.sent && n < to; i++ {
		if w.isGone(i) {
			continue
		}
		if n >= from {
			out = append(out, *w.at(i))
		}
		n++
	}
	return out
}

// InFlightIndex is the index in the send order of the message in flight
// with the given id, or -1.
func (w *World) InFlightIndex(id int) int {
	end := id - 1
	if end < w.head || end >= w.sent || w.isGone(end) {
		return -1
	}
	n := 0
	for i := w.head; i < end; i++ {
		if !w.isGone(i) {
			n++
		}
	}
	return n
}

// NumInFlight is the number of messages in flight.
func (w *World) NumInFlight() int { return w.live }

func (w *World) at(i int) *Envelope { return &w.log[i/chunkSize][i%chunkSize] }
func (w *World) isGone(i int) bool  { return w.gone[i/64]&(1<<(i%64)) != 0 }
func (w *World) oldest() Envelope   { return *w.at(w.head) } // there must be one

// each yields the messages in flight in send order, in place: the
// caller reads them and must not change them.
func (w *World) each(yield func(*Envelope) bool) {
	for i := w.head; i < w.sent; i++ {
		if !w.isGone(i) && !yield(w.at(i)) {
			return
		}
	}
}

// EachSent yields, in send order, every message the network still keeps:
// those in flight and those delivered, dropped or lost, a duplicate's copy
// too. A world keeps all it sent but in a long game, which lets go of each
// chunk of 1,024 once all of it is gone; a world CompactInto made keeps
// only what is in flight and held. A check of what was ever sent counts
// them against NextID-1.
func (w *World) EachSent(yield func(*Envelope) bool) {
	for _, chunk := range w.log {
		for i := range chunk {
			if !yield(&chunk[i]) {
				return
			}
		}
	}
}

// put adds a message to the network; its id is the next.
func (w *World) put(e Envelope) {
	if e.ID != w.sent+1 {
		panic(fmt.Sprintf("message #%d sent after #%d", e.ID, w.sent))
	}
	if w.sent%chunkSize == 0 {
		// The first chunk starts small and append grows it: a world of a
		// few messages (an explorer keeps a million) stays small. A game
		// past it is a long one: its chunks are made whole.
		size := chunkSize
		if w.sent == 0 {
			size = 16
		}
		w.log = append(w.log, make([]Envelope, 0, size))
	}
	k := len(w.log) - 1
	w.log[k] = append(w.log[k], e)
	if w.sent%64 == 0 {
		w.gone = append(w.gone, 0)
	}
	w.sent++
	w.live++
}

// Find returns the messages in flight that the selector matches.
func (w *World) Find(s Selector) []Envelope {
	if !s.All && s.ID != 0 {
		if e, ok := w.Message(s.ID); ok {
			return []Envelope{e}
		}
		return nil
	}
	var found []Envelope
	for e := range w.each {
		if s.Matches(e.ID, e.Msg) {
			found = append(found, *e)
		}
	}
	return found
}

// first is the first message in flight that the selector matches.
func (w *World) first(s Selector) (Envelope, bool) {
	if !s.All && s.ID != 0 {
		return w.Message(s.ID)
	}
	for i := w.head; i < w.sent; i++ {
		if e := w.at(i); !w.isGone(i) && s.Matches(e.ID, e.Msg) {
			return *e, true
		}
	}
	return Envelope{}, false
}

// Message returns the message in flight with the given id.
func (w *World) Message(id int) (Envelope, bool) {
	if i := id - 1; i >= w.head && i < w.sent && !w.isGone(i) {
		return *w.at(i), true
	}
	return Envelope{}, false
}

// remove takes the message with the given id off the network, and lets
// go of the chunks before the oldest message left.
func (w *World) remove(id int) {
	i := id - 1
	if i < w.head || i >= w.sent || w.isGone(i) {
		return
	}
	w.gone[i/64] |= 1 << (i % 64)
	w.live--
	for w.head < w.sent && w.isGone(w.head) {
		if w.head%chunkSize == chunkSize-1 {
			w.log[w.head/chunkSize] = nil
		}
		w.head++
	}
}
