package game

import (
	"slices"

	"paxosgame/paxos"
)

// Decision is one decision a node played by hand may take now, for a
// numbered list on the screen (narrate.Decision says it in words): the
// command, and for a proposer's accept where its value comes from.
type Decision struct {
	Cmd Command
	// From is the acceptor whose promise reported the highest vote for
	// the value of an accept, and Vote that vote; zero when no promise
	// reported one (the value the proposer was given).
	From paxos.NodeID
	Vote paxos.Vote
}

// Decisions are the decisions node id, played by hand, may take now, in
// the order a screen numbers them. They include the ones a rule forbids:
// taking one is how a student learns why the rule is there (it is
// refused with the rule's reason, or, with the rule off, taken). Nil when
// the node is not played by hand or has nothing to decide.
//
//   - an acceptor, on the oldest message it holds: for a prepare, promise
//     (reporting its vote), promise reporting none (when it voted: the
//     promise that hides the vote), refuse, ignore; for an accept request,
//     vote, refuse, ignore;
//   - a proposer with the promises of a quorum, before it asks for votes:
//     accept with its preference, then each value reported, in the order
//     of the acceptors that reported it, each said with where it comes
//     from: which is the one to pick is for its player to work out, so
//     the order does not tell it (issue 20: with the highest vote first,
//     pressing 1 always picked the right value);
//   - a learner: learn each value it heard a vote for, in the order it
//     heard them, but the one it learned last.
func (w *World) Decisions(id paxos.NodeID) []Decision {
	if !w.Exists(id) || !w.Hand(id) || !w.Up(id) {
		return nil
	}
	var cs []Decision
	switch id.Role {
	case paxos.RoleAcceptor:
		held := w.HeldBy(id)
		if len(held) == 0 {
			return nil
		}
		e := held[0]
		m, sel := e.Msg, Selector{ID: e.ID}
		a := w.Acceptor(id.N)
		if m.Type == paxos.Prepare {
			cs = append(cs, Decision{Cmd: Command{Verb: VPromise, Node: id, Sel: sel}})
			if !a.Voted.None() { // the promise that hides the vote
				cs = append(cs, Decision{Cmd: Command{Verb: VPromise, Node: id, Sel: sel, Field: FieldReport, Nothing: true}})
			}
			cs = append(cs, Decision{Cmd: Command{Verb: VRefuse, Node: id, Sel: sel}})
		} else {
			cs = append(cs, Decision{Cmd: Command{Verb: VVote, Node: id, Sel: sel}}, Decision{Cmd: Command{Verb: VRefuse, Node: id, Sel: sel}})
		}
		cs = append(cs, Decision{Cmd: Command{Verb: VIgnore, Node: id, Sel: sel}})
	case paxos.RoleProposer:
		p := w.Proposer(id.N)
		if p.CanAccept(&w.Cfg) != nil {
			return nil
		}
		values := []paxos.Value{p.Preference}
		for _, n := range p.Promises.Members() {
			values = append(values, p.Reported[n].Value)
		}
		var seen []paxos.Value
		for _, v := range values {
			if v == "" || slices.Contains(seen, v) {
				continue
			}
			seen = append(seen, v)
			// Where the value comes from, not which the rule picks: that is
			// the player's to work out.
			d := Decision{Cmd: Command{Verb: VAccept, Node: id, Value: v}}
			if n, vote := reportedBy(p, v); n != 0 {
				d.From, d.Vote = paxos.A(n), vote
			}
			cs = append(cs, d)
		}
	case paxos.RoleLearner:
		l := w.Learner(id.N)
		var seen []paxos.Value
		for _, t := range l.Votes.List {
			v := t.Vote.Value
			if slices.Contains(seen, v) || l.Last().Value == v && !l.Last().None() {
				continue
			}
			seen = append(seen, v)
			cs = append(cs, Decision{Cmd: Command{Verb: VLearn, Node: id, Value: v}})
		}
	}
	return cs
}

// reportedBy is the acceptor whose promise to p reported the highest vote
// for v, and that vote; 0 when none did.
func reportedBy(p *paxos.Proposer, v paxos.Value) (int, paxos.Vote) {
	n, best := 0, paxos.Vote{}
	for _, a := range p.Promises.Members() {
		if r := p.Reported[a]; r.Value == v && r.Ballot > best.Ballot {
			n, best = a, r
		}
	}
	return n, best
}

// Waiting is the nodes played by hand that have a decision to take, in
// the order of Nodes.
func (w *World) Waiting() []paxos.NodeID {
	var out []paxos.NodeID
	for id := range w.allNodes {
		if w.Hand(id) && len(w.Decisions(id)) > 0 {
			out = append(out, id)
		}
	}
	return out
}

// DecisionCommand is decision d of node id as a player would type it: a
// decision on the oldest message an acceptor holds does not name it
// (promise A1, not promise A1 #12), since the oldest is the one a decision
// answers when none is named.
func (w *World) DecisionCommand(id paxos.NodeID, d Decision) Command {
	c := d.Cmd
	if held := w.HeldBy(id); c.Sel.ID != 0 && len(held) > 0 && held[0].ID == c.Sel.ID {
		c.Sel = Selector{}
	}
	return c
}
