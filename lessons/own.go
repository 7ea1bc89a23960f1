package lessons

import (
	"fmt"
	"slices"
	"strings"

	"paxosgame/game"
	"paxosgame/internal/words"
	"paxosgame/paxos"
)

// Never rewrite the student's game (issue 20): after a goal or a question
// answered by acting, the lesson goes on from the student's own game when
// the steps up to the next one where the student acts play from it; what
// the student does there is theirs. When they do not, the lesson goes on
// from its own game, and says so in one line — why, what differs from
// the student's, and that b takes them back to their own game.

// left is the game as the student left a goal or a do question: b, back
// on that page, gives it back.
type left struct {
	g             *game.Game
	floor, cursor int
}

// resetWords is the line that says the lesson replaced the student's game:
// the step that could not play from it, and what differs.
func (l *Lesson) resetWords(e *game.Error, yours, its *game.World) string {
	why := "its next steps cannot be played from your game"
	if cmd := l.commandAt(e.Line); cmd != "" {
		why = fmt.Sprintf("its next step, %s, cannot be played from your game", cmd)
	}
	diff := worldDiff(yours, its)
	if diff != "" {
		diff = ": " + diff
	}
	return "Your game took another path, and " + why + ". The lesson goes on from its own game" + diff + ". b takes you back to yours."
}

// commandAt is the command of the lesson at a line of its file, as
// written; "" when none is.
func (l *Lesson) commandAt(line int) string {
	for _, st := range l.Steps {
		for _, c := range st.Cmds {
			if c.Cmd.Line == line {
				return c.Text
			}
		}
		if st.Predict != nil && st.Predict.Query.Line == line {
			return st.Predict.Query.Text
		}
	}
	return ""
}

// worldDiff says, in a few words, how its differs from yours: the nodes
// whose state differs, then the messages in flight in one and not the
// other; at most a handful, then how many more.
func worldDiff(yours, its *game.World) string {
	var parts []string
	for _, id := range its.Nodes() {
		if a, b := nodeState(its, id), nodeState(yours, id); a != b {
			parts = append(parts, fmt.Sprintf("%s %s (yours: %s)", id, a, b))
		}
	}
	mine, theirs := messages(yours), messages(its)
	var only, gone []string
	for _, m := range theirs {
		if !slices.Contains(mine, m) {
			only = append(only, m)
		}
	}
	for _, m := range mine {
		if !slices.Contains(theirs, m) {
			gone = append(gone, m)
		}
	}
	if len(only) > 0 {
		parts = append(parts, "in flight "+few(only))
	}
	if len(gone) > 0 {
		parts = append(parts, "not in flight "+few(gone))
	}
	const most = 5
	if len(parts) > most {
		parts = append(parts[:most], fmt.Sprintf("%d more", len(parts)-most))
	}
	return strings.Join(parts, "; ")
}

// few lists a few messages, and how many more.
func few(msgs []string) string {
	const most = 3
	if len(msgs) > most {
		return strings.Join(msgs[:most], ", ") + fmt.Sprintf(" and %d more", len(msgs)-most)
	}
	return words.And(msgs)
}

// nodeState is a node's state in a few words: "promised 17, voted 5 EUR
// in 10", "phase 2 in 17 for 5 EUR", "learned 1 EUR", with "down" when it
// is.
func nodeState(w *game.World, id paxos.NodeID) string {
	var s string
	switch id.Role {
	case paxos.RoleAcceptor:
		a := w.Acceptor(id.N)
		s = "promised nothing"
		if a.Promised > 0 {
			s = fmt.Sprintf("promised %d", a.Promised)
		}
		if !a.Voted.None() {
			s += fmt.Sprintf(", voted %s in %d", a.Voted.Value, a.Voted.Ballot)
		}
	case paxos.RoleProposer:
		p := w.Proposer(id.N)
		s = "phase " + p.Phase.String()
		if p.Ballot > 0 {
			s += fmt.Sprintf(" in %d", p.Ballot)
		}
	case paxos.RoleLearner:
		l := w.Learner(id.N)
		s = "learned nothing"
		if len(l.Learned) > 0 {
			s = "learned " + string(l.Last().Value)
		}
	}
	if !w.Up(id) {
		s += ", down"
	}
	return s
}

// messages are the messages in flight, without their ids, sorted.
func messages(w *game.World) []string {
	var out []string
	for _, e := range w.InFlight() {
		m := e.Msg
		out = append(out, fmt.Sprintf("%s %s→%s %d", m.Type.Code(), m.From, m.To, m.Ballot))
	}
	slices.Sort(out)
	return out
}
