package game

import "paxosgame/paxos"

// ForgetMessagesTo takes off the network, as if they had never been sent,
// the messages in flight to the nodes for which to says so: no event, no
// step. It is for an explorer's own copies of a world, never a game's (no
// player action does it): its reduction leaves out every action on a node
// that only listens when the goal cannot need it, so the messages to that
// node never matter again, and carrying them would only cost (a learner
// gets a copy of every vote). Ids are kept: the messages left are named as
// in the game.
func (w *World) ForgetMessagesTo(to func(paxos.NodeID) bool) {
	for i := w.head; i < w.sent; i++ {
		if e := w.at(i); !w.isGone(i) && to(e.Msg.To) {
			w.remove(e.ID)
		}
	}
}
