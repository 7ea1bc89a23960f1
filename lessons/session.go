package lessons

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"paxosgame/game"
	"paxosgame/internal/words"
	"paxosgame/narrate"
)

// ErrEnd is what Next returns at the end of the lesson.
var ErrEnd = errors.New("this is the end of the lesson")

// Session is one student playing one lesson: where they are, the game on
// screen, and what they have done (goals reached, hints seen, answers
// given). Change the game only through the session; read it freely.
//
// A lesson is a list of steps. Next moves on: it plays the next command of
// a show step, or goes to the next step. At a goal the student acts with Do
// until every expect holds; at a predict they Answer first. Back goes one
// command or one step back.
type Session struct {
	l      *Lesson
	g      *game.Game
	i      int    // the current step
	n      int    // beats of the current step played (show, predict)
	floor  int    // the game's cursor when the current goal began: Undo stops there
	notice string // something to tell the student about the last move

	goals   map[int]*goalState
	answers map[int]Verdict
	did     map[int]int  // the choice the student took at each do question, by step
	left    map[int]left // the game as the student left each goal and do question (own.go)
	saved   map[int]left // the student's game at a goal whose solution played from the lesson's own
	seen    seen         // what held at each step of the current goal

	// A dead end of the current goal (deadend.go): what the facts say,
	// the search under way, and who to tell when it ends.
	fact   *DeadEnd
	search *deadSearch
	judged string // the game the facts and the search are of (searchKey)
	wake   func()

	// The beats of the current step, worked out once per step: a long
	// show block must not be regrouped at every press of next.
	beatsOf   *Step
	stepBeats [][]Line
}

// beats is the current step's commands grouped by press of next.
func (s *Session) beats() [][]Line {
	if st := s.Step(); s.beatsOf != st {
		s.beatsOf, s.stepBeats = st, beats(st.played())
	}
	return s.stepBeats
}

// goalState is what the student did at one goal, or at one question
// (its mistakes alone).
type goalState struct {
	reached   bool
	helped    bool // the solution was played
	actions   int  // actions taken when it was first reached
	hints     int  // hints shown
	solutions int  // times the solution was played
	refused   int  // moves the protocol refused here (see Mistake)
	mistakes  int  // of those, the ones the page did not invite; a wrong answer
	byAll     bool // the move that reached it was deliver all
}

// Verdict is the result of answering a predict step.
type Verdict struct {
	Choice int    // the student's choice, from 0
	Answer int    // the right choice, from 0; -1 when none is (a mistake of the lesson)
	Text   string // the right answer, as the choices show it
	Right  bool

	// Explain is what the lesson says of the student's choice; and, when
	// it is not the right one, AnswerExplain what it says of the right
	// one. "" when the lesson says nothing.
	Explain, AnswerExplain string
}

// GoalLine is one expect line of a goal, checked against the game now.
type GoalLine struct {
	Expect string // the line as written after expect, such as: chosen "5 EUR"
	Words  string // what it asks for, in a sentence (the author's comment, when there is one)
	Met    bool
	Now    string // when not met: what is true instead, in a sentence

	// HeldAt is, when the line does not hold and the goal is at a dead
	// end (Session.DeadEnd), the last step at which it held after a move
	// of the student's at this goal (for an expect never line: the last
	// step before its condition held), and StepsBack how many undos take
	// the game back there: the student went past it, and stepping back is
	// the way on. Both are 0 when there is no such step, or when the goal
	// can still be reached by moving on (issue 20: lesson 8's "and came
	// back" after the crash the lesson asks for is reached by a restart,
	// not by stepping back).
	HeldAt, StepsBack int
}

// Score is how a student did at the scored goals of a challenge.
type Score struct {
	Challenge bool // the lesson has scored goals
	Complete  bool // every scored goal is reached, without the solution
	Actions   int  // the student's actions, summed over the scored goals
	Par       int  // the solutions' actions, summed
}

// NewSession starts a lesson at its first step.
func NewSession(l *Lesson) (*Session, error) {
	if len(l.Steps) == 0 {
		return nil, fmt.Errorf("%s has no steps", l.File)
	}
	s := &Session{l: l}
	if err := s.Restart(); err != nil {
		return nil, err
	}
	return s, nil
}

// Restart starts the lesson again from its first step, forgetting goals
// reached, hints seen and answers given.
func (s *Session) Restart() error {
	s.goals, s.answers, s.did, s.left, s.saved = map[int]*goalState{}, map[int]Verdict{}, map[int]int{}, map[int]left{}, map[int]left{}
	g, err := s.l.gameAt(0)
	if err != nil {
		return err
	}
	s.g = g
	s.enter(0)
	return nil
}

// Lesson is the lesson being played.
func (s *Session) Lesson() *Lesson { return s.l }

// Game is the game on screen. Read it (World, Steps, Script); change it
// only through the session.
func (s *Session) Game() *game.Game { return s.g }

// Index is the current step, from 0; Len the number of steps.
func (s *Session) Index() int { return s.i }
func (s *Session) Len() int   { return len(s.l.Steps) }

// Step is the current step.
func (s *Session) Step() *Step { return &s.l.Steps[s.i] }

// Beats says how far the current show or predict step has played: beats
// played and beats in all (one beat per press of next).
func (s *Session) Beats() (played, total int) { return s.n, len(s.beats()) }

// Notice is a remark on the last move of the session, for the student
// ("The lesson goes on from where its solution leaves the game."), or "".
func (s *Session) Notice() string { return s.notice }

// Complete reports whether the current step is finished: its commands all
// played, its goal reached, its question answered.
func (s *Session) Complete() bool {
	st := s.Step()
	switch st.Kind {
	case KindShow:
		return s.n == len(s.beats())
	case KindGoal:
		return s.goal().reached
	case KindPredict:
		_, ok := s.answers[s.i]
		return ok && s.n == len(s.beats())
	case KindDo:
		_, ok := s.did[s.i]
		return ok
	}
	return true
}

// Done reports whether the lesson is finished: its last step complete.
func (s *Session) Done() bool { return s.i == len(s.l.Steps)-1 && s.Complete() }

// CanNext says why Next would not move, or nil.
func (s *Session) CanNext() error {
	st := s.Step()
	switch {
	case st.Kind == KindGoal && !s.goal().reached:
		return errors.New("reach the goal first: act until every line of it is ✓ (ask for a hint if you are stuck)")
	case st.Kind == KindPredict && !s.answered():
		return errors.New("answer the question first: pick one of the choices")
	case st.Kind == KindDo && !s.Complete():
		return fmt.Errorf("answer the question first, by acting: %s", s.doWords())
	case s.Complete() && s.i == len(s.l.Steps)-1:
		return ErrEnd
	}
	return nil
}

// Next plays the next command of a show step (or of a predict step once
// answered) and returns it; or, when the step is complete, moves to the
// next step and returns nil.
func (s *Session) Next() (*Played, error) {
	if err := s.CanNext(); err != nil {
		return nil, err
	}
	s.notice = ""
	if bs := s.beats(); (s.Step().Kind == KindShow || s.Step().Kind == KindPredict) && s.n < len(bs) {
		p := playBeat(s.g, bs[s.n])
		s.n++
		return &p, nil
	}
	return nil, s.advance()
}

// advance goes to the next step. Leaving a goal or a question answered by
// acting, the scene goes on from the student's own game when the steps up
// to the next one where the student acts play from it; when they do not,
// from the lesson's own line, and the notice says so, what differs, and
// that b gives the student's game back (own.go).
func (s *Session) advance() error {
	next := s.i + 1
	delete(s.saved, s.i)
	if k := s.Step().Kind; k == KindGoal || k == KindDo {
		s.left[s.i] = left{g: s.g, floor: s.floor, cursor: s.g.Cursor()}
		if s.l.Steps[next].Kind != KindSetup {
			if e := s.l.playsToActs(s.g, next); e != nil {
				if ref, err := s.l.gameAlong(next, s.did); err == nil {
					s.notice = s.l.resetWords(e, s.g.World(), ref.World())
					s.g = ref
				}
			}
		}
	}
	if s.l.Steps[next].Kind == KindSetup {
		g, err := s.l.gameAt(next)
		if err != nil {
			return err
		}
		s.g = g
	}
	s.enter(next)
	return nil
}

func (s *Session) enter(i int) {
	s.i, s.n = i, 0
	s.floor = s.g.Cursor()
	s.follow()
	if s.Step().Kind == KindGoal {
		s.checkGoal() // the student's own game may meet it already
	}
}

// Back undoes the last command played by the current step, or goes back to
// the end of the step before: a goal or a question answered by acting as
// the student left it (their own game, the goal still reached), any other
// step along the lesson's own line. At a goal whose solution played from
// the lesson's own game, it gives the student's game back first.
func (s *Session) Back() error {
	s.notice = ""
	st := s.Step()
	if sv, ok := s.saved[s.i]; ok {
		// The student's own game, which the solution replaced.
		delete(s.saved, s.i)
		s.g, s.floor = sv.g, sv.floor
		s.g.Jump(sv.cursor)
		s.follow()
		return nil
	}
	if (st.Kind == KindShow || st.Kind == KindPredict) && s.n > 0 {
		s.n--
		for _, l := range s.beats()[s.n] {
			if l.Cmd.Verb.Action() {
				s.g.Undo()
			}
		}
		return nil
	}
	if _, ok := s.did[s.i]; ok && st.Kind == KindDo {
		// The student's own move, taken back: they may take another. Their
		// game up to it, with no step ahead left to redo.
		s.g.Undo()
		g, err := copyGame(s.g)
		if err != nil {
			s.g.Redo()
			return err
		}
		delete(s.did, s.i)
		s.g = g
		s.enter(s.i)
		return nil
	}
	if s.i == 0 {
		return errors.New("this is the first step of the lesson")
	}
	if l, ok := s.left[s.i-1]; ok {
		// Back to a goal or question the student left: their game as
		// they left it.
		s.g = l.g
		s.g.Jump(l.cursor)
		s.i, s.n, s.floor = s.i-1, 0, l.floor
		s.follow()
		return nil
	}
	g, err := s.l.gameAlong(s.i-1, s.did)
	if err != nil {
		return err
	}
	s.g = g
	s.enter(s.i - 1)
	switch k := s.Step().Kind; k {
	case KindShow, KindPredict:
		for _, b := range s.beats() {
			playBeat(s.g, b)
			s.n++
		}
	case KindDo:
		if k, ok := s.did[s.i]; ok {
			s.g.Exec(s.Step().Predict.Choices[k].Do.Cmd)
		}
	}
	return nil
}

// Allows reports whether the student may take command c now: an action
// only at a goal, and only one its allow block allows (deliver all is not,
// under deliver one); an expect always.
func (s *Session) Allows(c game.Command) bool {
	st := s.Step()
	if st.Kind == KindDo {
		return s.Allowed(c.Verb)
	}
	if c.Verb == game.VDeliver && c.Sel.All && st.Kind == KindGoal && st.Goal.Allow.OneByOne() {
		return false
	}
	return s.Allowed(c.Verb)
}

// Allowed reports whether the student may use the verb now: actions only at
// a goal, and only those its allow block lists; expect always.
func (s *Session) Allowed(v game.Verb) bool {
	if v == game.VExpect {
		return true
	}
	st := s.Step()
	if st.Kind == KindDo {
		return !s.Complete() && v.Action()
	}
	return st.Kind == KindGoal && st.Goal.Allow.Allows(v)
}

// Do carries out a student's command. Actions are taken only at a goal,
// within its allow list; an expect is checked, and its failure returned.
// The goal is checked after every action (see Goal).
func (s *Session) Do(c game.Command) ([]game.Event, error) {
	s.notice = ""
	st := s.Step()
	switch {
	case c.Verb == game.VExpect && st.Kind == KindPredict && !s.answered():
		// A probe would answer the question for the student (issue 20).
		return nil, errors.New("answer the question first: an expect line checks the game, and would answer it for you")
	case c.Verb == game.VExpect && st.Kind == KindGoal:
		return nil, s.g.CheckSince(c, s.floor) // expect ever and never: since the goal began
	case c.Verb == game.VExpect:
		return s.g.Exec(c)
	case c.Verb.Setup():
		return nil, fmt.Errorf("%s is a setup command: in a lesson, the lesson sets up the game", c.Verb)
	case st.Kind == KindDo:
		return s.doChoice(c)
	case st.Kind != KindGoal:
		return nil, errors.New("this step plays by itself: press next to go on; you act when the lesson sets you a goal")
	}
	if err := st.Goal.Allow.Permits(c); err != nil {
		return nil, err
	}
	evs, err := s.g.Exec(c)
	if err == nil {
		s.follow()
		s.checkGoal()
	}
	if r := (*game.Refusal)(nil); errors.As(err, &r) {
		err = s.refused(c, r)
	}
	return evs, err
}

// refused words the game's refusal r of the student's move c for the
// lesson, and counts it. A move the protocol refuses is a mistake, unless
// the page quotes it to have the student try it (invited); the first
// refusal at a goal, before any hint, names the rule and asks the
// question that leads to the answer (teach); the game's own sentence,
// with the answer, comes after a hint or a second refusal.
func (s *Session) refused(c game.Command, r *game.Refusal) error {
	if !Mistake(r) {
		return lessonRefusal{r}
	}
	gs := s.goal()
	gs.refused++
	if !invited(s.l.pageText(s.i), c) {
		gs.mistakes++
	}
	if gs.refused == 1 && gs.hints == 0 {
		if words := narrate.Question(s.g.World(), c, r); words != "" {
			return teachingRefusal{r, words}
		}
	}
	return lessonRefusal{r}
}

// lessonRefusal is a refusal of the game worded for a lesson, which owns
// the setup.
type lessonRefusal struct{ r *game.Refusal }

func (e lessonRefusal) Error() string { return narrate.InLesson(e.r) }
func (e lessonRefusal) Unwrap() error { return e.r }

// DoLine reads a command of the game's language and carries it out (Do).
func (s *Session) DoLine(line string) ([]game.Event, error) {
	c, ok, perr := game.ParseLine(line)
	if perr != nil {
		return nil, perr
	}
	if !ok {
		return nil, errors.New("type a command, such as propose P2")
	}
	return s.Do(c)
}

// Undo takes back the student's last action at a goal; false when there is
// none to take back.
func (s *Session) Undo() bool {
	if s.Step().Kind != KindGoal || s.g.Cursor() <= s.floor || !s.g.Undo() {
		return false
	}
	s.follow()
	return true
}

// Redo takes again an action undone at a goal.
func (s *Session) Redo() bool {
	if s.Step().Kind != KindGoal || !s.g.Redo() {
		return false
	}
	s.follow()
	s.checkGoal()
	return true
}

func (s *Session) goal() *goalState {
	gs := s.goals[s.i]
	if gs == nil {
		gs = &goalState{}
		s.goals[s.i] = gs
	}
	return gs
}

func (s *Session) checkGoal() {
	gs := s.goal()
	if gs.reached || !s.goalMet() {
		return
	}
	byAll := false // the student's move that met it was deliver all (none: met as the goal began)
	if k := s.g.Cursor(); k > s.floor {
		last := s.g.Steps()[k-1].Cmd
		byAll = last.Verb == game.VDeliver && last.Sel.All
	}
	if byAll && s.asksDecision() && !s.decided() {
		// Issue 20: a goal whose page asks for the student's decisions is
		// not met by deliver all, which took none.
		s.notice = "Every line holds, but deliver all did it, and this goal asks for your own decisions: ← takes it back; decide yourself."
		return
	}
	gs.reached, gs.actions, gs.byAll = true, s.g.Cursor()-s.floor, byAll
	s.stopSearch()
}

// asksDecision reports whether the current goal asks for the student's
// decisions: its allow block lists the decisions of nodes played by hand,
// or its page says so ("decide").
func (s *Session) asksDecision() bool {
	for _, v := range s.Step().Goal.Allow.Verbs() {
		if v.Decision() || v == game.VLearn {
			return true
		}
	}
	low := strings.ToLower(s.l.pageText(s.i))
	return slices.ContainsFunc(decisionPhrases, func(p string) bool { return strings.Contains(low, p) })
}

// decided reports whether the student took a decision of a node played by
// hand since the current goal began: an acceptor's promise, vote, refusal
// or silence, a learner's learn, a proposer's pick of its value.
func (s *Session) decided() bool {
	for _, st := range s.g.Steps()[s.floor:s.g.Cursor()] {
		if decision(st.Cmd) {
			return true
		}
	}
	return false
}

// decision reports whether c is a decision of a node played by hand.
func decision(c game.Command) bool {
	return c.Verb.Decision() || c.Verb == game.VLearn || c.Verb == game.VAccept && c.Value != ""
}

// goalMet reports whether every line of the current goal holds: lines
// checked now at the cursor, expect ever and never lines since the goal
// began.
func (s *Session) goalMet() bool {
	g := s.Step().Goal
	if !s.seen.fresh(s.g, g, s.floor) {
		return goalMet(s.g, g, s.floor)
	}
	for j := range g.Expects {
		if met, _, _ := s.seen.line(j); !met {
			return false
		}
	}
	return true
}

// Goal checks every expect of the current goal against the game: a line
// checked now at the cursor, an expect ever or never line over the steps
// since the goal began. It says of a line that held and no longer does,
// because the student went past it, where it held (GoalLine.HeldAt). nil
// when the step is not a goal.
func (s *Session) Goal() []GoalLine {
	st := s.Step()
	if st.Kind != KindGoal {
		return nil
	}
	w := s.g.World()
	fresh := s.seen.fresh(s.g, st.Goal, s.floor)
	out := make([]GoalLine, len(st.Goal.Expects))
	for k, e := range st.Goal.Expects {
		c := e.Cmd
		words := e.Note
		if words == "" {
			words = narrate.Expect(c)
		}
		out[k] = GoalLine{Expect: strings.TrimPrefix(c.String(), "expect "), Words: words}
		cond := c
		cond.Modal = game.Now
		err := w.Check(cond)
		var unmet *game.Unmet
		if !errors.As(err, &unmet) && err != nil { // a node the cluster does not have
			out[k].Now = narrate.Error(err)
			continue
		}
		var first int
		if fresh {
			out[k].Met, first, out[k].HeldAt = s.seen.line(k)
		} else {
			err := s.g.CheckSince(c, s.floor)
			out[k].Met = err == nil
			if errors.As(err, &unmet) {
				first = unmet.Step
			}
		}
		switch {
		case out[k].Met:
		case c.Modal == game.Never:
			out[k].Now = fmt.Sprintf("at step %d, %s", first, narrate.Past(cond))
		case unmet != nil:
			out[k].Now = narrate.Expect(unmet.Actual)
		}
		if out[k].HeldAt > 0 {
			out[k].StepsBack = s.g.Cursor() - out[k].HeldAt
		}
	}
	if _, dead := s.DeadEnd(); !dead {
		for k := range out {
			out[k].HeldAt, out[k].StepsBack = 0, 0
		}
	}
	return out
}

// Reached reports whether the current goal has been reached (once is
// enough), the actions it took, and whether the solution was played.
func (s *Session) Reached() (reached bool, actions int, helped bool) {
	if s.Step().Kind != KindGoal {
		return false, 0, false
	}
	gs := s.goal()
	return gs.reached, gs.actions, gs.helped
}

// Actions is how many actions the student has taken at the current goal
// so far (undone ones not counted); 0 when the step is not a goal.
func (s *Session) Actions() int {
	if s.Step().Kind != KindGoal {
		return 0
	}
	return s.g.Cursor() - s.floor
}

// NextHint shows one more hint of the current goal; false when none is
// left. At a dead end it spends none: it says the dead end, and false.
func (s *Session) NextHint() (string, bool) {
	st := s.Step()
	if d, dead := s.DeadEnd(); dead {
		return d.Words(), false
	}
	if st.Kind != KindGoal || s.goal().hints >= len(st.Goal.Hints) {
		return "", false
	}
	s.goal().hints++
	return st.Goal.Hints[s.goal().hints-1], true
}

// Hints are the hints of the current goal shown so far.
func (s *Session) Hints() []string {
	if s.Step().Kind != KindGoal {
		return nil
	}
	return s.Step().Goal.Hints[:s.goal().hints]
}

// HintsLeft is how many hints of the current goal are still hidden.
func (s *Session) HintsLeft() int {
	if s.Step().Kind != KindGoal {
		return 0
	}
	return len(s.Step().Goal.Hints) - s.goal().hints
}

// Solution is the reference solution of the current goal, to show behind
// a confirmation; nil when the step is not a goal.
func (s *Session) Solution() []Line {
	if s.Step().Kind != KindGoal {
		return nil
	}
	return s.Step().Goal.Solution
}

// PlaySolution takes the game back to the start of the current goal and
// plays its solution there. The goal counts as reached, with help: a
// challenge is not scored.
func (s *Session) PlaySolution() ([]Played, error) {
	st := s.Step()
	if st.Kind != KindGoal || len(st.Goal.Solution) == 0 {
		return nil, errors.New("there is no solution to play here")
	}
	s.notice = ""
	if !s.solutionPlays() {
		// The student's game took another path before this goal: the
		// solution plays from the lesson's own game here, and b gives
		// theirs back.
		if ref, err := s.l.gameAlong(s.i, s.did); err == nil {
			s.saved[s.i] = left{g: s.g, floor: s.floor, cursor: s.g.Cursor()}
			s.notice = "The solution cannot be played from your game, which took another path before this goal: it plays from the lesson's own game, where " +
				worldDiff(s.g.World(), ref.World()) + ". b takes you back to yours."
			s.g, s.floor = ref, ref.Cursor()
		}
	}
	if err := s.g.Jump(s.floor); err != nil {
		return nil, err
	}
	var out []Played
	for _, b := range beats(st.Goal.Solution) {
		p := playBeat(s.g, b)
		out = append(out, p)
		if p.Err != nil {
			s.follow()
			return out, p.Err
		}
	}
	s.follow()
	gs := s.goal()
	gs.helped = true
	gs.solutions++
	if !gs.reached && s.goalMet() {
		gs.reached, gs.actions = true, s.g.Cursor()-s.floor
		s.stopSearch()
	}
	return out, nil
}

// solutionPlays reports whether the current goal's solution plays from
// the start of the goal in the student's game.
func (s *Session) solutionPlays() bool {
	cur := s.g.Cursor()
	defer s.g.Jump(cur)
	if s.g.Jump(s.floor) != nil {
		return false
	}
	c, err := copyGame(s.g)
	return err == nil && playAll(c, s.Step().Goal.Solution) == nil
}

func (s *Session) answered() bool {
	_, ok := s.answers[s.i]
	return ok
}

// Answer gives the student's choice (from 0) to the current predict step.
// The right answer is computed by playing the step's commands on a copy of
// the game; then Next plays them for real, one per press. A question is
// answered once: asking again returns the first verdict.
func (s *Session) Answer(choice int) (Verdict, error) {
	st := s.Step()
	if st.Kind != KindPredict {
		return Verdict{}, errors.New("there is no question here")
	}
	if v, ok := s.answers[s.i]; ok {
		return v, nil
	}
	if choice < 0 || choice >= len(st.Predict.Choices) {
		return Verdict{}, fmt.Errorf("choose 1 to %d", len(st.Predict.Choices))
	}
	got, err := answer(s.g, st)
	if err != nil {
		return Verdict{}, err
	}
	key := answerKey(got)
	v := Verdict{Choice: choice, Answer: -1, Text: key}
	for k, c := range st.Predict.Choices {
		if c.key == key {
			v.Answer, v.Text = k, c.Text
		}
	}
	v.Right = v.Answer == choice
	v.Explain = st.Explanation(choice)
	if !v.Right {
		v.AnswerExplain = st.Explanation(v.Answer)
		if v.Answer >= 0 { // not a mistake of the lesson's
			s.goal().mistakes++
		}
	}
	s.answers[s.i] = v
	return v, nil
}

// Verdict is the answer given to the current predict step, if any.
func (s *Session) Verdict() (Verdict, bool) {
	v, ok := s.answers[s.i]
	return v, ok
}

// Score sums the student's actions and the pars over the scored goals.
func (s *Session) Score() Score {
	sc := Score{Complete: true}
	for i, st := range s.l.Steps {
		if st.Kind != KindGoal || !st.Goal.Challenge {
			continue
		}
		sc.Challenge = true
		sc.Par += st.Goal.Par()
		gs := s.goals[i]
		if gs == nil || !gs.reached || gs.helped {
			sc.Complete = false
			continue
		}
		sc.Actions += gs.actions
	}
	sc.Complete = sc.Complete && sc.Challenge
	return sc
}

// Reload starts a session on a new version of the same lesson (after its
// file changed), at the same step when the lesson still has it.
func (s *Session) Reload(l *Lesson) (*Session, error) {
	t, err := NewSession(l)
	if err != nil {
		return nil, err
	}
	want := min(s.i, len(l.Steps)-1)
	if want == 0 {
		return t, nil
	}
	g, err := l.gameAt(want)
	if err != nil {
		return t, nil // the new version breaks before here: start over
	}
	t.g = g
	t.enter(want)
	for i := range want {
		if l.Steps[i].Kind == KindGoal {
			t.goals[i] = &goalState{reached: true, helped: true}
		}
	}
	return t, nil
}

// verbList writes verbs for a sentence, as "deliver, drop and crash",
// saying in words what the verbs of nodes played by hand do: the
// decisions of an acceptor are one item, "promise/vote/refuse (an
// acceptor's decisions)". With one, deliver is "deliver (one message at
// a time)".
func verbList(vs []game.Verb, one bool) string {
	var names, decisions []string
	at := -1 // where the decisions go in names
	for _, v := range vs {
		w := v.String()
		switch {
		case v.Decision():
			if at < 0 {
				at = len(names)
				names = append(names, "")
			}
			decisions = append(decisions, w)
			continue
		case v == game.VDeliver && one:
			w = "deliver (one message at a time)"
		case v == game.VHand:
			w = "hand (play a node yourself)"
		case v == game.VAuto:
			w = "auto (give a node back to the game)"
		case v == game.VLearn:
			w = "learn (a learner played by hand learns a value)"
		}
		names = append(names, w)
	}
	if at >= 0 {
		what := "an acceptor's decisions"
		if len(decisions) == 1 {
			what = "an acceptor's decision"
		}
		names[at] = strings.Join(decisions, "/") + " (" + what + ")"
	}
	return words.And(names)
}

// doChoice carries out the student's answer to a do question: the choice
// c does what one of its choices does (promise A1 #3 is promise A1 when A1
// holds #3 first), and the lesson goes on from the game it makes. An
// action the game refuses is refused with the game's reason; one that is
// none of the choices changes nothing.
func (s *Session) doChoice(c game.Command) ([]game.Event, error) {
	if k, ok := s.did[s.i]; ok {
		return nil, fmt.Errorf("you answered with %s: n goes on, b takes it back", s.Step().Predict.Choices[k].Do.Text)
	}
	w := s.g.World().Clone()
	if _, err := w.Apply(c); err != nil {
		if r := (*game.Refusal)(nil); errors.As(err, &r) {
			return nil, s.refused(c, r)
		}
		return nil, err
	}
	key := w.Key()
	for k, ch := range s.Step().Predict.Choices {
		cw := s.g.World().Clone()
		if _, err := cw.Apply(ch.Do.Cmd); err != nil || cw.Key() != key {
			continue
		}
		evs, err := s.g.Exec(c)
		if err != nil {
			return nil, err
		}
		s.did[s.i] = k
		return evs, nil
	}
	return nil, fmt.Errorf("that is not one of this question's answers: %s", s.doWords())
}

// doWords says how the current do question is answered: "take one of
// promise A1, refuse A1 or ignore A1, on the board or typed".
func (s *Session) doWords() string {
	var cmds []string
	for _, ch := range s.Step().Predict.Choices {
		cmds = append(cmds, ch.Do.Text)
	}
	return "take one of " + words.Or(cmds) + ", on the board or typed"
}

// Did is the choice the student took at the current do question (from 0),
// and whether they took one: its Explain is the text of the page now.
func (s *Session) Did() (int, bool) {
	if s.Step().Kind != KindDo {
		return 0, false
	}
	k, ok := s.did[s.i]
	return k, ok
}

// Withholds says why the student may not take the decision c of a node
// played by hand now, or "" when they may: a page that plays by itself
// offers no decision (issue 23: a hand-played node said "press 1–3"
// during a show step).
func (s *Session) Withholds(c game.Command) string {
	st := s.Step()
	switch {
	case s.Allows(c):
		return ""
	case st.Kind == KindDo:
		return "you answered this question: n goes on, b takes your move back"
	case st.Kind == KindGoal:
		if err := st.Goal.Allow.Permits(c); err != nil {
			return err.Error()
		}
		return "the goal is reached: n goes on"
	case st.Kind == KindPredict:
		return "answer the question with its choices: the game then plays it out"
	}
	return "this page plays by itself: n goes on; you decide when the lesson sets you a goal or a question"
}
