package lessons

import "paxosgame/game"

// seen remembers, for the goal being played, which of its lines'
// conditions held at each step since the goal began: what expect ever and
// never lines are judged on, and where a line the student went past last
// held. The session brings it up to date after every change to its game
// (follow); reading it changes nothing.
type seen struct {
	g    *game.Game
	goal *Goal
	from int // the goal's first step: the session's floor
	held []row
}

// row is one step since the goal began: the command that led to it, and
// held[j], whether the condition of line j (as a line checked now) held
// there.
type row struct {
	cmd  game.Command // the zero Command for the goal's first step
	held []bool
}

// follow brings the record up to date with the session's game: after a
// move it looks at the new step, after an undo it forgets the steps
// undone, and when the game is another or went further it replays.
func (s *Session) follow() {
	defer s.judge()
	st := s.Step()
	t := &s.seen
	if st.Kind != KindGoal {
		*t = seen{}
		return
	}
	if t.g != s.g || t.goal != st.Goal || t.from != s.floor {
		*t = seen{g: s.g, goal: st.Goal, from: s.floor}
	}
	cur := s.g.Cursor()
	want := cur - s.floor + 1 // the steps from the floor to the cursor
	if want < 1 {
		t.held = nil
		return
	}
	t.held = t.held[:min(len(t.held), want)]
	if !t.same(s.g) {
		t.held = nil // the history changed under the record: look again
	}
	switch n := len(t.held); {
	case n == want:
	case n == want-1:
		t.look(s.g)
	default:
		// Look at each step from the first unrecorded one, then come back.
		s.g.Jump(s.floor + n)
		for t.look(s.g); s.g.Cursor() < cur && s.g.Redo(); {
			t.look(s.g)
		}
	}
}

// look records the lines that hold at g's cursor.
func (t *seen) look(g *game.Game) {
	w := g.World()
	r := row{held: make([]bool, len(t.goal.Expects))}
	for j, e := range t.goal.Expects {
		cond := e.Cmd
		cond.Modal = game.Now
		r.held[j] = (cond.Node.N == 0 || w.Exists(cond.Node)) && w.Check(cond) == nil
	}
	if k := g.Cursor(); k > t.from {
		r.cmd = g.Steps()[k-1].Cmd
	}
	t.held = append(t.held, r)
}

// same reports whether the last step recorded is still the step of g's
// history at that place.
func (t *seen) same(g *game.Game) bool {
	n := len(t.held)
	return n <= 1 || t.from+n-1 <= g.Len() && g.Steps()[t.from+n-2].Cmd == t.held[n-1].cmd
}

// fresh reports whether the record is of game g at its cursor.
func (t *seen) fresh(g *game.Game, goal *Goal, from int) bool {
	return t.g == g && t.goal == goal && t.from == from && len(t.held) == g.Cursor()-from+1 && t.same(g)
}

// line is what the record says of line j: whether it holds now (as its
// modal says: now, at some step, at no step), the first step its
// condition held at (-1: none), and when it does not hold, the last step,
// after a move of the student's, at which it did (0: none).
func (t *seen) line(j int) (met bool, first, heldAt int) {
	first = -1
	for k, r := range t.held {
		if r.held[j] {
			first = k
			break
		}
	}
	now := len(t.held) - 1
	switch t.goal.Expects[j].Cmd.Modal {
	case game.Ever:
		met = first >= 0
	case game.Never:
		met = first < 0
		if !met && first >= 1 {
			heldAt = t.from + first - 1 // it held until the step before its condition did
		}
	default:
		met = now >= 0 && t.held[now].held[j]
		// The last step it held at, after the student moved.
		for k := now - 1; !met && k >= 1; k-- {
			if t.held[k].held[j] {
				heldAt = t.from + k
				break
			}
		}
	}
	if first >= 0 {
		first += t.from
	}
	return met, first, heldAt
}
