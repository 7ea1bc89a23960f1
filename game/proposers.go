package game

import "paxosgame/paxos"

// AcceptReady is the proposers that may send their accept requests (2a)
// now, in order: those the action accept (with no value) would take — in
// manual mode, up, in phase 1 of a ballot with the promises of a quorum,
// and not played by hand (its player names the value).
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

// ReasonKind is where the value of a proposer's accept requests comes
// from.
type ReasonKind uint8

const (
	// ReasonOwnNoVote: its own preference, as no promise reported a vote.
	ReasonOwnNoVote ReasonKind = iota + 1
	// ReasonAdopted: the vote with the highest ballot among the promises,
	// Vote, which From reported.
	ReasonAdopted
	// ReasonOwnAdoptOff: its own preference although From reported Vote,
	// because adopt-highest-vote is off.
	ReasonOwnAdoptOff
	// ReasonPicked: played by hand, its player picked the value: any value
	// when no promise reported a vote, or, with adopt-highest-vote off,
	// another than Vote, which From reported.
	ReasonPicked
)

// Reason says which value a proposer stands for and why.
type Reason struct {
	Kind ReasonKind
	// Value is the value of its accept requests once sent (Sent), or the
	// value it would ask for if it sent them now.
	Value paxos.Value
	// Sent reports whether it sent its accept requests in its current
	// ballot (it is in phase 2 or decided).
	Sent bool
	From paxos.NodeID // the acceptor that reported Vote; zero for ReasonOwnNoVote
	Vote paxos.Vote   // the highest vote reported; none for ReasonOwnNoVote
}

// ValueReason says which value proposer p (one of w's) asks the acceptors
// to vote for, or would ask for now, and why: the rule of phase 2a, "the
// value of the vote with the highest ballot among the promises; if none
// reported a vote, its own preference", unless adopt-highest-vote is off.
func (w *World) ValueReason(p *paxos.Proposer) Reason {
	from, v := p.HighestReported()
	if p.Phase == paxos.Phase2 || p.Phase == paxos.Done {
		switch {
		case p.AdoptedFrom != 0:
			return Reason{Kind: ReasonAdopted, Value: p.Value, Sent: true, From: paxos.A(p.AdoptedFrom), Vote: p.Adopted}
		case p.Picked && from != 0:
			return Reason{Kind: ReasonPicked, Value: p.Value, Sent: true, From: paxos.A(from), Vote: v}
		case p.Picked:
			return Reason{Kind: ReasonPicked, Value: p.Value, Sent: true}
		case from != 0:
			return Reason{Kind: ReasonOwnAdoptOff, Value: p.Value, Sent: true, From: paxos.A(from), Vote: v}
		}
		return Reason{Kind: ReasonOwnNoVote, Value: p.Value, Sent: true}
	}
	switch {
	case from != 0 && w.Cfg.Rules.On(paxos.AdoptHighestVote):
		return Reason{Kind: ReasonAdopted, Value: v.Value, From: paxos.A(from), Vote: v}
	case from != 0:
		return Reason{Kind: ReasonOwnAdoptOff, Value: p.Preference, From: paxos.A(from), Vote: v}
	}
	return Reason{Kind: ReasonOwnNoVote, Value: p.Preference}
}
