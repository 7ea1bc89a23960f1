package game

import (
	"fmt"

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

	InFlight []Envelope // in send order
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
	c.InFlight = append([]Envelope(nil), w.InFlight...)
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

// Find returns the messages in flight that the selector matches.
func (w *World) Find(s Selector) []Envelope {
	var found []Envelope
	for _, e := range w.InFlight {
		if s.Matches(e.ID, e.Msg) {
			found = append(found, e)
		}
	}
	return found
}

// first is the first message in flight that the selector matches.
func (w *World) first(s Selector) (Envelope, bool) {
	for _, e := range w.InFlight {
		if s.Matches(e.ID, e.Msg) {
			return e, true
		}
	}
	return Envelope{}, false
}

// Message returns the message in flight with the given id.
func (w *World) Message(id int) (Envelope, bool) {
	for _, e := range w.InFlight {
		if e.ID == id {
			return e, true
		}
	}
	return Envelope{}, false
}

func (w *World) remove(id int) {
	for i, e := range w.InFlight {
		if e.ID == id {
			w.InFlight = append(w.InFlight[:i], w.InFlight[i+1:]...)
			return
		}
	}
}
