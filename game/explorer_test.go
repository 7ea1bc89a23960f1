package game

import (
	"testing"

	"paxosgame/paxos"
)

// CompactShared keeps what did not change from base, and nothing an
// explorer does next with the world it returns (made again on a scratch
// world, a step taken there) changes base or it.
func TestCompactSharedNeverChangesWhatItShares(t *testing.T) {
	g, err := Open("s", "config proposers 3 acceptors 3 learners 1\npropose P1\ndeliver 1a P1->A1\n")
	if err != nil {
		t.Fatal(err)
	}
	base := g.World().Compact()
	baseKey := base.Key()
	scratch := new(World)
	base.CompactInto(scratch)
	if _, err := scratch.Apply(Command{Verb: VDeliver, Sel: Selector{Type: paxos.Prepare, From: paxos.P(1), To: paxos.A(2)}}); err != nil {
		t.Fatal(err)
	}
	kept := scratch.CompactShared(base)
	if &kept.Proposers[0] != &base.Proposers[0] || &kept.Acceptors[0] == &base.Acceptors[0] || &kept.Learners[0] != &base.Learners[0] {
		t.Fatal("the proposers and the learner are not shared, or the acceptors are")
	}
	keptKey := kept.Key()
	for _, c := range kept.Enabled() {
		s := new(World)
		kept.CompactInto(s)
		if _, err := s.Apply(c); err != nil {
			t.Fatal(err)
		}
	}
	if base.Key() != baseKey || kept.Key() != keptKey {
		t.Fatal("a step from the kept world changed it or its base")
	}
}

// ForgetMessagesTo takes the messages to the nodes named off the network,
// the ids of the others kept.
func TestForgetMessagesTo(t *testing.T) {
	g, err := Open("f", "config proposers 2 acceptors 3 learners 2\npropose P1\ndeliver 1a P1->A1\ndeliver 1a P1->A2\ndeliver 1b A1->P1\ndeliver 1b A2->P1\ndeliver 2a P1->A1\n")
	if err != nil {
		t.Fatal(err)
	}
	w := g.World().Clone()
	before := w.InFlight()
	w.ForgetMessagesTo(func(id paxos.NodeID) bool { return id.Role == paxos.RoleLearner })
	var kept []Envelope
	for _, e := range before {
		if e.Msg.To.Role != paxos.RoleLearner {
			kept = append(kept, e)
		}
	}
	if got := w.InFlight(); len(kept) == len(before) || len(got) != len(kept) || got[0].ID != kept[0].ID {
		t.Fatalf("before %d, after %d, want %d", len(before), len(got), len(kept))
	}
}
