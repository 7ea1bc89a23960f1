package lessons

import (
	"paxosgame/game"
	"paxosgame/paxos"
)

// Named is what the page on screen names for the board to show: the
// proposer of the page's next proposal, and the messages it delivers
// next. A board opens its propose form on the one, and keeps the others
// in the network's view (issue 20, point 6); it selects none of them:
// enter still delivers what the student picked.
type Named struct {
	Proposer paxos.NodeID    // zero when the page names none
	Messages []game.Envelope // in flight now, in the solution's order
}

// Named is what the current goal names, from its solution: the proposer
// of its next propose (the solution's first, then, once the student has
// proposed at this goal, its second, …), and the messages in flight that
// its deliver lines still to come would deliver. Nothing off a goal, and
// nothing at a challenge: there the plan is the student's to find, and a
// form opened on the solution's next proposer would play it for them
// (`p enter a p enter a` met a what-if's challenge at par).
func (s *Session) Named() Named {
	sol := s.Solution()
	if len(sol) == 0 || s.Step().Kind == KindGoal && s.Step().Goal.Challenge {
		return Named{}
	}
	var n Named
	// The student's proposals at this goal so far: the solution's next
	// one is named.
	proposed := 0
	for _, st := range s.g.Steps()[min(s.floor, s.g.Cursor()):s.g.Cursor()] {
		if st.Cmd.Verb == game.VPropose {
			proposed++
		}
	}
	w := s.g.World()
	seen := map[int]bool{}
	for _, l := range sol {
		switch c := l.Cmd; c.Verb {
		case game.VPropose:
			if proposed == 0 && n.Proposer.N == 0 {
				n.Proposer = c.Node
			}
			proposed--
		case game.VDeliver:
			for _, e := range w.Find(c.Sel) {
				if !seen[e.ID] {
					seen[e.ID] = true
					n.Messages = append(n.Messages, e)
					break
				}
			}
		}
	}
	return n
}
