package game

import "bytes"

// Stale reports whether delivering message e now would change no node's
// state: its receiver is up, handles it without sending anything, and
// every proposer, acceptor and learner
// stays as it was. An answer to an abandoned ballot, a prepare below an
// acceptor's promise under the ignore policy, a vote a learner already
// counted: the network may as well lose them. A message to a crashed node
// is not stale: the node may come back.
func (w *World) Stale(e Envelope) bool {
	if !w.Up(e.Msg.To) {
		return false
	}
	c := w.Clone()
	c.remove(e.ID)
	before := c.seenAsUsed().appendNodesKey(nil)
	next := c.NextID
	c.receive(nil, e)
	return c.NextID == next && bytes.Equal(before, c.seenAsUsed().appendNodesKey(nil))
}

// seenAsUsed raises each proposer's highest ballot seen to the highest it
// used, and returns w: a proposer reads the two only as their maximum
// (its next ballot is above both), so an answer that tells it of a ballot
// below one it used tells it nothing.
func (w *World) seenAsUsed() *World {
	for i := range w.Proposers {
		p := &w.Proposers[i]
		p.Seen = max(p.Seen, p.Used)
	}
	return w
}

// StaleMessages is the messages in flight that are stale (Stale), in send
// order. Dropping one does not change whether another is: a drop changes
// no node.
func (w *World) StaleMessages() []Envelope {
	var out []Envelope
	for _, e := range w.InFlight() {
		if w.Stale(e) {
			out = append(out, e)
		}
	}
	return out
}
