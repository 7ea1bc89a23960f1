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

	// net is the network: the messages in flight in send order, which is
	// the order of their ids, with some removed ones among them, marked by
	// a negated id (dead counts them). The first and the last are never
	// removed ones; when more than half are, net is compacted.
	net      []Envelope
	dead     int
	NextID   int
	Step     int  // actions taken so far
	Started  bool // an action has been taken: setup is over
	setState bool // a set command has run: config may no longer change
	Obs      Observer

	events []Event // the last action's events; Apply reuses it
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
	c.net = w.live()
	c.dead = 0
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

// InFlight returns the messages in flight in send order. The slice is
// the world's or a new one; do not change it.
func (w *World) InFlight() []Envelope {
	if w.dead == 0 {
		return w.net
	}
	return w.live()
}

// NumInFlight is the number of messages in flight.
func (w *World) NumInFlight() int { return len(w.net) - w.dead }

// live is a new slice of the messages in flight (nil for none).
func (w *World) live() []Envelope {
	if len(w.net) == 0 {
		return nil
	}
	out := make([]Envelope, 0, len(w.net)-w.dead)
	for _, e := range w.net {
		if e.ID > 0 {
			out = append(out, e)
		}
	}
	return out
}

// oldest is the first message in flight; there must be one.
func (w *World) oldest() Envelope { return w.net[0] }

// put adds a message to the network; its id is above every other's.
func (w *World) put(e Envelope) { w.net = append(w.net, e) }

// index is the position in net of the message with the given id, alive or
// removed, or -1. Ids increase along net.
func (w *World) index(id int) int {
	if id <= 0 {
		return -1
	}
	i, found := slices.BinarySearchFunc(w.net, id, func(e Envelope, id int) int { return abs(e.ID) - id })
	if !found {
		return -1
	}
	return i
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
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
	for _, e := range w.net {
		if e.ID > 0 && s.Matches(e.ID, e.Msg) {
			found = append(found, e)
		}
	}
	return found
}

// first is the first message in flight that the selector matches.
func (w *World) first(s Selector) (Envelope, bool) {
	if !s.All && s.ID != 0 {
		return w.Message(s.ID)
	}
	for _, e := range w.net {
		if e.ID > 0 && s.Matches(e.ID, e.Msg) {
			return e, true
		}
	}
	return Envelope{}, false
}

// Message returns the message in flight with the given id.
func (w *World) Message(id int) (Envelope, bool) {
	if i := w.index(id); i >= 0 {
		return w.net[i], true
	}
	return Envelope{}, false
}

// remove takes the message with the given id off the network: it marks
// it removed, drops removed ones from both ends, and compacts the network
// when more than half of it is removed ones. Amortised O(log n).
func (w *World) remove(id int) {
	i := w.index(id)
	if i < 0 {
		return
	}
	w.net[i].ID = -id
	w.dead++
	for len(w.net) > 0 && w.net[0].ID < 0 {
		w.net[0] = Envelope{} // let the value go
		w.net = w.net[1:]
		w.dead--
	}
	for n := len(w.net); n > 0 && w.net[n-1].ID < 0; n = len(w.net) {
		w.net[n-1] = Envelope{}
		w.net = w.net[:n-1]
		w.dead--
	}
	if len(w.net) == 0 {
		w.net = nil
	}
	if w.dead > 0 && 2*w.dead > len(w.net) {
		w.net = w.live()
		w.dead = 0
	}
}
