package lessons

import (
	"fmt"

	"paxosgame/game"
)

// PlayOptions are the choices of `paxosgame lesson play`, for the screen
// that plays the lesson.
type PlayOptions struct {
	Watch bool   // reload the lesson file when it changes (Session.Reload)
	Plain bool   // line by line, for a screen reader (package plain), not the screen
	Path  string // the lesson file to watch; "" for a built-in lesson
	Store *Store // the user's progress: call Store.Update after each move
}

// Played is one press of next carried out: an action of the lesson with
// the expect lines around it, and what happened.
type Played struct {
	Line   Line         // the action (or the expect, for a beat of expects only)
	Events []game.Event // what the action did, narrated by the game
	// Err is a mistake of the lesson, not of the student: a command the
	// game refused, or an expect of the lesson that does not hold. Lint
	// reports these; a session plays on.
	Err error
}

// beats groups commands into what one press of next plays: one action and
// the expect lines after it (and, for the first, any before it).
func beats(cmds []Line) [][]Line {
	var out [][]Line
	var cur []Line
	acted := false
	for _, l := range cmds {
		if l.Cmd.Verb.Action() && acted {
			out = append(out, cur)
			cur, acted = nil, false
		}
		cur = append(cur, l)
		acted = acted || l.Cmd.Verb.Action()
	}
	if len(cur) > 0 {
		out = append(out, cur)
	}
	return out
}

// playBeat carries out one beat on g.
func playBeat(g *game.Game, beat []Line) Played {
	p := Played{Line: beat[0]}
	for _, l := range beat {
		evs, err := g.Exec(l.Cmd)
		if l.Cmd.Verb != game.VExpect {
			p.Line, p.Events = l, evs
		}
		if err != nil && p.Err == nil {
			p.Err = lineError(l, err)
		}
	}
	return p
}

// playAll carries out commands on g and returns the first mistake.
func playAll(g *game.Game, cmds []Line) error {
	for _, b := range beats(cmds) {
		if p := playBeat(g, b); p.Err != nil {
			return p.Err
		}
	}
	return nil
}

// lineError places an error of the game at the lesson line that caused it.
func lineError(l Line, err error) error {
	what := "refused"
	if l.Cmd.Verb == game.VExpect {
		what = "does not hold"
	}
	return fmt.Errorf("line %d: %s: %s: %w", l.Cmd.Line, l.Text, what, err)
}

// sceneStart is the index of the setup step that starts the scene of step
// i, or -1 when the scene is the default game before any setup.
func (l *Lesson) sceneStart(i int) int {
	for ; i >= 0; i-- {
		if l.Steps[i].Kind == KindSetup {
			return i
		}
	}
	return -1
}

// lineCmds is what step i plays along the lesson's own line: its commands,
// for a goal its solution, and for a do question the choice picked (from
// picks, by step; the first choice when none is).
func (l *Lesson) lineCmds(i int, picks map[int]int) []Line {
	s := &l.Steps[i]
	switch s.Kind {
	case KindGoal:
		return s.Goal.Solution
	case KindDo:
		return []Line{*s.Predict.Choices[picks[i]].Do}
	case KindPredict:
		return s.played()
	}
	return s.Cmds
}

// played are the commands a step plays along the lesson's line: none for
// a question the student plays out at the goal after it (you-play).
func (s *Step) played() []Line {
	if s.Kind == KindPredict && s.Predict.YouPlay {
		return nil
	}
	return s.Cmds
}

// gameAt is the game at the start of step i along the lesson's own line:
// its scene's setup, then everything played since, each goal met by its
// solution, each do question answered by its first choice. A setup step
// counts as played at its own start.
func (l *Lesson) gameAt(i int) (*game.Game, error) { return l.gameAlong(i, nil) }

// gameAlong is gameAt with the choices a student took at do questions,
// by step.
func (l *Lesson) gameAlong(i int, picks map[int]int) (*game.Game, error) {
	start := l.sceneStart(i)
	g := game.NewGame()
	if start >= 0 {
		if err := playAll(g, l.Steps[start].Cmds); err != nil {
			return nil, err
		}
	}
	for k := start + 1; k < i; k++ {
		if err := playAll(g, l.lineCmds(k, picks)); err != nil {
			return nil, err
		}
	}
	return g, nil
}

// playedBefore reports whether the scene before step i (a setup) played
// an action along the lesson's own line.
func (l *Lesson) playedBefore(i int) bool {
	for k := max(l.sceneStart(i-1), 0); k < i; k++ {
		for _, c := range l.lineCmds(k, nil) {
			if c.Cmd.Verb.Action() {
				return true
			}
		}
	}
	return false
}

// copyGame replays g's setup and its steps up to the cursor into a new
// game; the copy shares nothing with g.
func copyGame(g *game.Game) (*game.Game, error) {
	c := game.NewGame()
	setup, _ := g.Setup()
	for _, cmd := range setup {
		if _, err := c.Exec(cmd); err != nil {
			return nil, err
		}
	}
	for _, st := range g.Steps()[:g.Cursor()] {
		if _, err := c.Exec(st.Cmd); err != nil {
			return nil, err
		}
	}
	return c, nil
}

// goalMet reports whether every expect of a goal holds in g, the goal
// having begun at step from: an expect ever or never line looks at the
// steps since then.
func goalMet(g *game.Game, goal *Goal, from int) bool {
	for _, e := range goal.Expects {
		if g.CheckSince(e.Cmd, from) != nil {
			return false
		}
	}
	return true
}

// answer plays a predict step's commands on a copy of g and measures its
// query there. It returns the answer as the expect that holds there.
func answer(g *game.Game, st *Step) (game.Command, error) {
	c, err := copyGame(g)
	if err != nil {
		return game.Command{}, err
	}
	if err := playAll(c, st.Cmds); err != nil {
		return game.Command{}, err
	}
	q := st.Predict.Query
	if w := c.World(); q.Cmd.Node.N != 0 && !w.Exists(q.Cmd.Node) {
		return game.Command{}, w.Check(q.Cmd) // the game's sentence: there is no A7: ...
	}
	return c.World().Actual(q.Cmd), nil
}
