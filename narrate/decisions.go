package narrate

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"paxosgame/game"
	"paxosgame/paxos"
)

// Decision says what decision d of a node played by hand means, in a
// few words, for the numbered list on the screen: "promise P2 not to
// vote below 17; report its vote, 5 EUR in 10", "ask for votes for 5
// EUR in 17 (A1 reported a vote for it in 10)", "learn 5 EUR (votes
// heard for it: 3 in 17)". w is the world the decision is offered in.
func Decision(w *game.World, d game.Decision) string {
	c := d.Cmd
	switch c.Verb {
	case game.VAccept:
		// Where the value comes from, not which the rule picks: that is
		// the player's to work out.
		why := "the value it was given"
		if d.From.N != 0 {
			why = fmt.Sprintf("%s reported a vote for it in %d", d.From, d.Vote.Ballot)
		}
		return fmt.Sprintf("ask for votes for %s in %d (%s)", c.Value, w.Proposer(c.Node.N).Ballot, why)
	case game.VLearn:
		return fmt.Sprintf("learn %s (votes heard for it: %s)", c.Value, votesByBallot(w.Learner(c.Node.N), c.Value))
	case game.VIgnore:
		return "ignore it: answer nothing"
	}
	m, a := held(w, c), w.Acceptor(c.Node.N)
	switch {
	case c.Verb == game.VPromise:
		promise := fmt.Sprintf("promise %s not to vote below %d", m.From, m.Ballot)
		if m.Ballot < a.Promised {
			promise += fmt.Sprintf(" (it promised %d: it will never vote in %d)", a.Promised, m.Ballot)
		}
		switch {
		case c.Field == game.FieldReport && c.Nothing:
			return promise + "; hide its vote (report none)"
		case a.Voted.None():
			return promise + "; report no vote"
		}
		return promise + fmt.Sprintf("; report its vote, %s in %d", a.Voted.Value, a.Voted.Ballot)
	case c.Verb == game.VVote:
		vote := fmt.Sprintf("vote for %s in %d", m.Value, m.Ballot)
		if m.Ballot < a.Promised {
			vote += fmt.Sprintf(" (below its promise, %d)", a.Promised)
		}
		return vote
	case m.Type == paxos.Prepare: // refuse
		return fmt.Sprintf("refuse prepare %d: send %s a refusal", m.Ballot, m.From)
	}
	return fmt.Sprintf("refuse to vote in %d: send %s a refusal", m.Ballot, m.From)
}

// held is the message decision c of an acceptor answers: the one it
// names among those the acceptor holds.
func held(w *game.World, c game.Command) paxos.Message {
	for _, e := range w.HeldBy(c.Node) {
		if e.ID == c.Sel.ID {
			return e.Msg
		}
	}
	return paxos.Message{}
}

// votesByBallot is the votes a learner heard for v, counted ballot by
// ballot, lowest first: "3 in 17", "1 in 1, 1 in 3". Two votes in two
// ballots read apart from two in one, whether the rule refuses the pick
// or not (issue 20: "votes heard for it: 2" read the same either way).
func votesByBallot(l *paxos.Learner, v paxos.Value) string {
	var ts []paxos.Tally
	for _, t := range l.Votes.List {
		if t.Vote.Value == v {
			ts = append(ts, t)
		}
	}
	slices.SortFunc(ts, func(a, b paxos.Tally) int { return cmp.Compare(a.Vote.Ballot, b.Vote.Ballot) })
	parts := make([]string, len(ts))
	for i, t := range ts {
		parts[i] = fmt.Sprintf("%d in %d", t.By.Len(), t.Vote.Ballot)
	}
	return strings.Join(parts, ", ")
}
