package game

import "paxosgame/paxos"

// AcceptReady is the proposers that may send their accept requests (2a)
// now, in order: those the action accept would take — in manual mode, up,
// in phase 1 of a ballot with the promises of a quorum.
func (w *World) AcceptReady() []paxos.NodeID {
	if !w.Cfg.Manual {
		return nil // a proposer sends them by itself
	}
	var ready []paxos.NodeID
	for i := range w.Proposers {
		if id := paxos.P(i + 1); w.check(Command{Verb: VAccept, Node: id}) == nil {
			ready = append(ready, id)
		}
	}
	return ready
}
