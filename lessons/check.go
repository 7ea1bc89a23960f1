package lessons

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"paxosgame/game"
	"paxosgame/internal/words"
	"paxosgame/narrate"
	"paxosgame/paxos"
)

// Report is what playing a lesson along its own line found: each goal met
// by its solution, each question's computed answer, and every mistake.
type Report struct {
	Lesson   *Lesson
	Goals    []GoalResult
	Predicts []PredictResult
	Skipped  []Skipped   // goals and questions not played, because of a mistake before them
	Errs     game.Errors // nil when the lesson plays cleanly

	// Warns are what lint warns of: the lesson plays, but likely not as
	// its author meant (a par not proven the fewest, a goal deliver all
	// alone meets while the page asks for single steps, a node the text
	// says is played by hand and no hand line sets, a choice that says too
	// little, a computed answer that differs from expect-answer). lesson
	// lint prints them and exits 0, or 1 with --strict.
	Warns game.Errors
}

// Skipped is a goal or a question that was not played: a mistake before
// it in its scene stopped the scene. Only that mistake is in Errs.
type Skipped struct {
	Kind  Kind // KindGoal, KindPredict or KindDo
	Line  int
	Cause int // the line of the mistake that stopped the scene
}

// GoalResult is one goal played by its solution.
type GoalResult struct {
	Line    int
	Reached bool
	Par     int // actions of the solution

	// Search is, for a challenge reached by its solution, what Lint's
	// search for a shorter run found; nil when there was no search (Check
	// does none).
	Search *ParSearch
}

// PredictResult is one question answered by playing on.
type PredictResult struct {
	Line   int
	Answer string // the computed answer, in the words of the choices; for a do question, its choices
	Listed bool   // it is one of the choices
	Do     bool   // a question answered by acting: each choice takes the lesson on
}

// Check plays a lesson the way a perfect student would: every setup and
// show, every question (computing its answer), every goal met by its
// solution. It reports each goal and question, and every mistake with its
// file, line and column and a sentence that says how to fix it. A scene
// (from one setup block to the next) stops being played at its first
// mistake that the rest of it depends on — a command the game refuses, a
// goal its solution does not reach or that names a node the cluster lacks,
// a step that could not be read — so that only that mistake is reported;
// the goals and questions left unplayed are in Report.Skipped.
func Check(l *Lesson) *Report { return checkLesson(l, ParBudget{}) }

// checkLesson is Check, and with par.States above 0, the search of each
// challenge for a run shorter than its solution (searchPar), within par:
// Lint's work.
func checkLesson(l *Lesson, par ParBudget) *Report {
	c := &checker{l: l, r: &Report{Lesson: l}, par: par}
	c.r.Warns = append(c.r.Warns, l.warns...)
	c.run()
	sortErrors(c.r.Warns)
	return c.r
}

// playOn is the first mistake of the lesson from step i to the end of its
// scene when the game is g, as a student left it, or nil: every command
// taken, every question answered by one of its choices, every goal still
// to reach and reached by its solution. g is not changed.
func (l *Lesson) playOn(g *game.Game, i int) *game.Error {
	if i >= len(l.Steps) || l.Steps[i].Kind == KindSetup {
		return nil // the scene ends here
	}
	cg, err := copyGame(g)
	if err != nil {
		return &game.Error{Msg: narrate.Error(err)}
	}
	c := &checker{l: l, r: &Report{Lesson: l}, g: cg, quiet: true}
	c.scene(i)
	if c.r.Errs == nil {
		return nil
	}
	return c.r.Errs[0]
}

// playsToActs is the first mistake of the lesson from step i up to the
// next step where the student acts (a goal, a question answered by
// acting) or the end of the scene, when the game is g; nil when those
// steps play. What the student does there is theirs: the lesson goes on
// from their game when the steps before it play.
func (l *Lesson) playsToActs(g *game.Game, i int) *game.Error {
	if i >= len(l.Steps) || l.Steps[i].Kind == KindSetup {
		return nil
	}
	cg, err := copyGame(g)
	if err != nil {
		return &game.Error{Msg: err.Error()}
	}
	c := &checker{l: l, r: &Report{Lesson: l}, g: cg, quiet: true, toActs: true}
	c.scene(i)
	if c.r.Errs == nil {
		return nil
	}
	return c.r.Errs[0]
}

// LintWithoutPar is LintWithin without the search for a shorter par (up
// to a second and a few hundred MB a challenge): what `lesson play
// --watch` runs on every save of the file, while the game waits.
func LintWithoutPar(file, src string) error {
	_, err := LintWithin(file, src, ParBudget{})
	return err
}

// LintWithin parses and checks a lesson file: it returns the report of
// the lesson's play, and every mistake (as game.Errors), or nil. It also
// proves each challenge's par the fewest commands that reach its goal: it
// searches every shorter run a student could type (searchPar), within
// par (`paxosgame lesson lint --par-states`, --max-memory), and reports
// the par, at the solution, with the shorter run it found.
func LintWithin(file, src string, par ParBudget) (*Report, error) {
	l, perr := Parse(file, src)
	var errs game.Errors
	if perr != nil {
		errs = append(errs, perr.(game.Errors)...)
	}
	r := checkLesson(l, par)
	errs = append(errs, r.Errs...)
	if errs == nil {
		return r, nil
	}
	sortErrors(errs)
	return r, errs
}

// sortErrors orders mistakes as they come in the file.
func sortErrors(errs game.Errors) {
	slices.SortStableFunc(errs, func(a, b *game.Error) int {
		return cmp.Or(cmp.Compare(a.Line, b.Line), cmp.Compare(a.Col, b.Col))
	})
}

type checker struct {
	l    *Lesson
	r    *Report
	g    *game.Game
	par  ParBudget // search each challenge for a run shorter than its solution, within this
	skip bool      // the rest of this scene cannot be played

	cause    int         // the line of the mistake that stopped the scene
	root     *game.Error // that mistake, when Check found it (not Parse)
	unplayed bool        // something of the scene was left unplayed after it
	setup    []Line      // the scene's setup block
	quiet    bool        // say the mistakes alone, without what the scene lost (playOn quotes them)
	toActs   bool        // stop before the first goal or question answered by acting (playsToActs)
	byState  bool        // the mistake is the state of the game: a command refused, a line not made true
}

// lastLine is the line of the last of a block's commands; 0 for none.
func lastLine(cmds []Line) int {
	if len(cmds) == 0 {
		return 0
	}
	return cmds[len(cmds)-1].Cmd.Line
}

// hasConfig reports whether a setup block's commands set the cluster.
func hasConfig(cmds []Line) bool {
	for _, l := range cmds {
		if l.Cmd.Verb == game.VConfig {
			return true
		}
	}
	return false
}

func (c *checker) fail(line, col int, format string, args ...any) *game.Error {
	e := &game.Error{File: c.l.File, Line: line, Col: col, Msg: fmt.Sprintf(format, args...)}
	c.r.Errs = append(c.r.Errs, e)
	return e
}

// warn notes a warning (Report.Warns).
func (c *checker) warn(line, col int, format string, args ...any) {
	c.r.Warns = append(c.r.Warns, &game.Error{File: c.l.File, Line: line, Col: col, Msg: fmt.Sprintf(format, args...)})
}

// stop ends the scene at mistake e: the rest of it cannot be played.
func (c *checker) stop(e *game.Error) {
	if !c.skip {
		c.skip, c.cause, c.root = true, e.Line, e
	}
}

func (c *checker) run() {
	for i := 0; i < len(c.l.Steps); {
		c.g = game.NewGame()
		i = c.scene(i)
	}
}

// scene plays the steps from i to the end of its scene (the next setup
// step, or the end of the lesson) and returns the index where it stopped.
func (c *checker) scene(i int) int {
	c.skip, c.cause, c.root, c.unplayed, c.byState, c.setup = false, 0, nil, false, false, nil
	from := i
	defer func() {
		if c.quiet || c.root == nil {
			return
		}
		if st := &c.l.Steps[from]; st.Kind == KindSetup && !hasConfig(st.Cmds) && c.byState && c.root.Line > lastLine(st.Cmds) &&
			c.l.sceneStart(from-1) >= 0 && c.l.playedBefore(from) {
			// A setup block with no config after a scene that played:
			// likely meant to add to the game before it, where it starts
			// a new scene.
			c.root.Msg += fmt.Sprintf(" (the setup block at line %d starts a new scene: a fresh game set up by its own lines alone, "+
				"not the game the scene before it left, which no setup line can change once it has begun)", st.Line)
		}
		if c.unplayed {
			c.root.Msg += ". Until then the rest of this scene is not checked"
		}
	}()
	defer func() { c.handsNamed(from, i) }()
	for first := true; i < len(c.l.Steps); i, first = i+1, false {
		st := &c.l.Steps[i]
		if st.Kind == KindSetup && !first || c.toActs && (st.Kind == KindGoal || st.Kind == KindDo) {
			return i
		}
		if line := c.l.broken[i]; line != 0 && !c.skip {
			c.skip, c.cause = true, line
		}
		if c.skip {
			c.unplayed = c.unplayed || st.Kind != KindNarration
			if st.Kind == KindGoal || st.Kind == KindPredict || st.Kind == KindDo {
				c.r.Skipped = append(c.r.Skipped, Skipped{Kind: st.Kind, Line: st.Line, Cause: c.cause})
			}
			continue
		}
		switch st.Kind {
		case KindSetup:
			c.setup = st.Cmds
			c.play(st.Cmds)
			if err := c.g.World().Honest(); err != nil && !c.skip {
				c.dishonest(st.Line, 1, err) // a setup of set lines only
			}
		case KindShow:
			c.play(st.Cmds)
		case KindPredict:
			c.predict(st)
			c.play(st.played())
			c.youPlay(i)
		case KindDo:
			c.do(i)
		case KindGoal:
			c.goal(st, i)
		}
	}
	return i
}

// play carries out lines on the game; a refusal ends the scene.
func (c *checker) play(lines []Line) {
	for _, l := range lines {
		if c.skip {
			c.unplayed = true
			return
		}
		c.exec(l)
	}
}

func (c *checker) exec(l Line) {
	_, err := c.g.Exec(l.Cmd)
	id, missing := noSuchNode(err)
	switch {
	case err == nil:
	case missing:
		e := c.noNode(l.Text, l.Cmd.Line, l.Cmd.Col, id, err)
		if l.Cmd.Verb != game.VExpect {
			c.stop(e)
		}
	case l.Cmd.Verb == game.VExpect:
		c.fail(l.Cmd.Line, l.Cmd.Col, "this expect does not hold at this point of the lesson (fix it or the commands before it): %s", narrate.Unmet(c.g.World(), err))
	case unreachable(err):
		c.dishonest(l.Cmd.Line, l.Cmd.Col, err)
	default:
		c.byState = c.byState || !c.skip
		c.stop(c.fail(l.Cmd.Line, l.Cmd.Col, "the game refuses this command at this point of the lesson: %s%s; fix it or the commands before it",
			narrate.Error(err), inFlight(c.g.World(), l.Cmd)))
	}
}

// dishonest reports a start no run of Paxos reaches (game.World.Honest)
// at the set line of the scene's setup at fault (else at line:col), and
// ends the scene.
func (c *checker) dishonest(line, col int, err error) {
	cmds := make([]game.Command, len(c.setup))
	for i, l := range c.setup {
		cmds[i] = l.Cmd
	}
	if set, ok := game.BlamedSet(cmds, err); ok {
		line, col = set.Line, set.Col
	}
	c.stop(c.fail(line, col, "the game refuses the start this setup makes: %s", narrate.Error(err)))
}

// unreachable reports whether err refuses a start no run of Paxos reaches.
func unreachable(err error) bool {
	var r *game.Refusal
	return errors.As(err, &r) && r.Cause == game.Unreachable
}

// inFlight lists, for a message command the game refused, the messages
// that are in flight: what the author could have named.
func inFlight(w *game.World, c game.Command) string {
	if c.Verb != game.VDeliver && c.Verb != game.VDrop && c.Verb != game.VDuplicate {
		return ""
	}
	if w.NumInFlight() == 0 {
		return " (no message is in flight)"
	}
	const most = 6
	var msgs []string
	for _, e := range w.InFlight()[:min(w.NumInFlight(), most)] {
		msgs = append(msgs, fmt.Sprintf("#%d %s %s->%s", e.ID, e.Msg.Type.Code(), e.Msg.From, e.Msg.To))
	}
	if n := w.NumInFlight() - most; n > 0 {
		msgs = append(msgs, fmt.Sprintf("and %d more", n))
	}
	return " (in flight: " + strings.Join(msgs, ", ") + ")"
}

func (c *checker) predict(st *Step) {
	q := st.Predict.Query
	if err := c.g.World().Check(q.Cmd); err != nil {
		if id, missing := noSuchNode(err); missing {
			c.noNode(q.Text, q.Line, q.Col, id, err)
			return
		}
	}
	got, err := answer(c.g, st)
	if err != nil {
		return // a refused command, reported when it is played for real
	}
	key := answerKey(got)
	res := PredictResult{Line: st.Line, Answer: key}
	for _, ch := range st.Predict.Choices {
		if ch.key == key {
			res.Listed, res.Answer = true, ch.Text
		}
	}
	c.r.Predicts = append(c.r.Predicts, res)
	if !res.Listed {
		c.fail(q.Line, q.Col, "playing this question gives the answer %q, which is not among its choices: add it as a choice (- %s) or change the commands", key, choiceText(got))
		return
	}
	if p := st.Predict; p.ExpectedLine != 0 && p.Expected != key {
		c.warn(p.ExpectedLine, 1, "you expect the answer %s, but playing the question gives %s: the lesson computes its answer from the commands, so change them, or this line if it was the mistake",
			choiceWords(p, p.Expected), res.Answer)
	}
}

// choiceWords is the words the student reads for the choice of key.
func choiceWords(p *Predict, key string) string {
	for _, ch := range p.Choices {
		if ch.key == key {
			return ch.Text
		}
	}
	return key
}

func (c *checker) goal(st *Step, i int) {
	g := st.Goal
	res := GoalResult{Line: st.Line, Par: g.Par()}
	defer func() { c.r.Goals = append(c.r.Goals, res) }()
	from := c.g.Cursor() // where the goal begins: expect ever and never look from here
	for _, e := range g.Expects {
		err := c.g.CheckSince(e.Cmd, from)
		if id, missing := noSuchNode(err); missing {
			c.stop(c.noNode(e.Text, e.Cmd.Line, e.Cmd.Col, id, err))
		}
	}
	if c.skip {
		c.unplayed = c.unplayed || len(g.Solution) > 0
		return // no student can make that true
	}
	held := goalMet(c.g, g, from)
	for _, e := range g.Expects {
		cond := e.Cmd
		cond.Modal = game.Now
		switch {
		case e.Cmd.Modal == game.Never && c.g.World().Check(cond) == nil:
			c.stop(c.fail(e.Cmd.Line, e.Cmd.Col, "this goal can never be reached: %s when the goal begins, and expect never asks that this holds at no step since: "+
				"ask for something that does not hold yet, or change the commands before the goal", narrate.Expect(cond)))
		case e.Cmd.Modal == game.Ever && !held && c.g.World().Check(cond) == nil:
			c.fail(e.Cmd.Line, e.Cmd.Col, "this line holds before the student acts: %s when the goal begins, and expect ever counts that step: "+
				"ask for something that does not hold yet", narrate.Expect(cond))
		}
	}
	if c.skip {
		c.unplayed = c.unplayed || len(g.Solution) > 0
		return
	}
	if held {
		c.fail(st.Line, 1, "this goal already holds before the student acts: ask for something the student must change")
	} else {
		c.deliverAllMeets(i, from)
	}
	if g.SolLine == 0 {
		c.stop(c.fail(st.Line, 1, "this goal has no solution: add a ```paxos solution block after it with the commands that reach it (lesson check plays it; its length is the par)"))
		return
	}
	for _, l := range g.Solution {
		switch err := g.Allow.Permits(l.Cmd); {
		case !g.Allow.Allows(l.Cmd.Verb):
			c.fail(l.Cmd.Line, l.Cmd.Col, "the allow block at line %d does not let the student use %s: allow it there or reach the goal without it", g.Allow.Line, l.Cmd.Verb)
		case err != nil:
			c.fail(l.Cmd.Line, l.Cmd.Col, "the allow block at line %d has deliver one, so the student may not deliver all: deliver the messages one at a time in the solution, or allow deliver alone", g.Allow.Line)
		}
	}
	var start *game.World // where the goal begins, for the search of a shorter run
	if c.par.States > 0 && g.Challenge && !held {
		start = c.g.World().Clone()
	}
	actions := 0
	for k, l := range g.Solution {
		if res.Reached && !held && l.Cmd.Verb.Action() {
			c.fail(l.Cmd.Line, l.Cmd.Col, "the goal is already reached before this line, after %d %s: end the solution there, since its length is the par", actions, plural(actions, "action"))
			start = nil // that is the shorter run
			break
		}
		c.exec(l)
		if c.skip {
			c.unplayed = c.unplayed || k < len(g.Solution)-1
			return
		}
		if l.Cmd.Verb.Action() {
			actions++
			res.Reached = goalMet(c.g, g, from)
		}
	}
	if res.Reached && start != nil {
		ps := searchPar(start, g, res.Par, c.par)
		res.Search = &ps
		if ps.Shorter != nil {
			c.fail(g.SolLine, 1, "par %d is not the fewest: %s the goal: %s; make that the solution, since its length is the par",
				res.Par, reach(ps.Fewest), runWords(ps.Shorter))
		} else if !ps.Complete {
			c.warn(g.SolLine, 1, "%s", ps.Words(res))
		}
	}
	if res.Reached || held {
		return // (a goal that held from the start is that mistake, and nothing the solution does)
	}
	for _, e := range g.Expects {
		if err := c.g.CheckSince(e.Cmd, from); err != nil {
			c.byState = c.byState || !c.skip
			c.stop(c.fail(e.Cmd.Line, e.Cmd.Col, "the solution (line %d) does not make this true (fix the solution or this line): %s", g.SolLine, narrate.Unmet(c.g.World(), err)))
		}
	}
}

// choiceText writes an answer as a choice line would: values in quotes.
func choiceText(c game.Command) string {
	switch arg := c.Expect.Spec().Arg; {
	case c.Nothing:
		return "nothing"
	case arg == game.VoteArg:
		return fmt.Sprintf("%d %s", c.Ballot, game.Quote(c.Value))
	case arg == game.ValueArg:
		return game.Quote(c.Value)
	}
	return answerKey(c)
}

// noSuchNode is the node err refuses a command for, when the cluster does
// not have it.
func noSuchNode(err error) (paxos.NodeID, bool) {
	var r *game.Refusal
	if errors.As(err, &r) && r.Cause == game.NoSuchNode {
		return r.Node, true
	}
	return paxos.NodeID{}, false
}

// noNode reports err, the game's sentence saying that node id of the line
// text (written from column col) is not in the cluster, at the node.
func (c *checker) noNode(text string, line, col int, id paxos.NodeID, err error) *game.Error {
	role := map[paxos.Role]string{paxos.RoleProposer: "proposers", paxos.RoleAcceptor: "acceptors", paxos.RoleLearner: "learners"}[id.Role]
	return c.fail(line, nodeCol(text, col, id), "%s; name a node the cluster has, or make the cluster bigger in this scene's setup block, such as config %s %d",
		narrate.Error(err), role, id.N)
}

// nodeCol is the column of node id in text, a line's command without its
// comment, which starts at column col: a word of its own (A1) or either
// end of a message's sender and receiver (P2->A1). It is col when id is
// not written there.
func nodeCol(text string, col int, id paxos.NodeID) int {
	at := func(i int) int { return col + utf8.RuneCountInString(text[:i]) }
	from := 0
	for _, w := range strings.Fields(text) {
		i := from + strings.Index(text[from:], w)
		from = i + len(w)
		if w == id.String() {
			return at(i)
		}
		for _, sep := range []string{"->", "→"} {
			if a, b, ok := strings.Cut(w, sep); ok && a == id.String() {
				return at(i)
			} else if ok && b == id.String() {
				return at(i + len(a) + len(sep))
			}
		}
	}
	return col
}

// reach says that n commands reach: "1 command reaches", "3 commands reach".
func reach(n int) string {
	if n == 1 {
		return "1 command reaches"
	}
	return words.Counted(n, "command") + " reach"
}
