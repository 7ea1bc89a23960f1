package game

import (
	"fmt"
	"slices"

	"paxosgame/paxos"
)

// Decision is one decision a node played by hand may take now: the command,
// and what it means in a few words, for a numbered list on the screen.
type Decision struct {
	Cmd   Command
	Words string
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
			promise := fmt.Sprintf("promise %s not to vote below %d", m.From, m.Ballot)
			if m.Ballot < a.Promised {
				promise += fmt.Sprintf(" (it promised %d: it will never vote in %d)", a.Promised, m.Ballot)
			}
			if a.Voted.None() {
				cs = append(cs, Decision{Command{Verb: VPromise, Node: id, Sel: sel}, promise + "; report no vote"})
			} else {
				cs = append(cs,
					Decision{Command{Verb: VPromise, Node: id, Sel: sel}, promise + fmt.Sprintf("; report its vote, %s in %d", a.Voted.Value, a.Voted.Ballot)},
					Decision{Command{Verb: VPromise, Node: id, Sel: sel, Field: FieldReport, Nothing: true}, promise + "; hide its vote (report none)"})
			}
			cs = append(cs, Decision{Command{Verb: VRefuse, Node: id, Sel: sel}, fmt.Sprintf("refuse prepare %d: send %s a refusal", m.Ballot, m.From)})
		} else {
			vote := fmt.Sprintf("vote for %s in %d", m.Value, m.Ballot)
			if m.Ballot < a.Promised {
				vote += fmt.Sprintf(" (below its promise, %d)", a.Promised)
			}
			cs = append(cs,
				Decision{Command{Verb: VVote, Node: id, Sel: sel}, vote},
				Decision{Command{Verb: VRefuse, Node: id, Sel: sel}, fmt.Sprintf("refuse to vote in %d: send %s a refusal", m.Ballot, m.From)})
		}
		cs = append(cs, Decision{Command{Verb: VIgnore, Node: id, Sel: sel}, "ignore it: answer nothing"})
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
			why := "the value it was given"
			if n, vote := reportedBy(p, v); n != 0 {
				why = fmt.Sprintf("%s reported a vote for it in %d", paxos.A(n), vote.Ballot)
			}
			cs = append(cs, Decision{Command{Verb: VAccept, Node: id, Value: v}, fmt.Sprintf("ask for votes for %s in %d (%s)", v, p.Ballot, why)})
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
			cs = append(cs, Decision{Command{Verb: VLearn, Node: id, Value: v},
				fmt.Sprintf("learn %s (votes heard for it: %d)", v, l.VotersFor(v).Len())})
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
