package game

import (
	"slices"

	"paxosgame/paxos"
)

// What an explorer needs of a world beyond the game's own API: taking
// messages no step will read off its copies, listing only the verbs its
// bounds allow, and keeping a million copies that share what they can.

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

// AppendEnabledVerbs appends what AppendEnabled lists, leaving out the
// verbs skip says (an explorer whose bounds allow no drop or duplicate
// need not list one for every message in flight).
func (w *World) AppendEnabledVerbs(cmds []Command, skip func(Verb) bool) []Command {
	for _, verb := range enabledOrder {
		if !skip(verb) {
			cmds = w.enabled(cmds, verb)
		}
	}
	return cmds
}

// CompactShared returns the world as Compact makes it, in new memory but
// for the nodes that are the same as base's: those it shares with base
// (the proposers, the acceptors, the learners, the votes the observer
// counted, each list whole). base is a world an explorer keeps and never
// changes again, the one w was made from; so is the world returned. An
// explorer keeps a million worlds, most of which differ from the one they
// came from by one node.
func (w *World) CompactShared(base *World) *World {
	dst := new(World)
	w.compactInto(dst, base)
	return dst
}

func sameLearner(a, b paxos.Learner) bool {
	return a.N == b.N && a.Heard == b.Heard && slices.Equal(a.Votes.List, b.Votes.List) && slices.Equal(a.Learned, b.Learned)
}
