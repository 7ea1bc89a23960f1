package lessons

import (
	"errors"
	"fmt"
	"paxosgame/paxos"
	"strings"
	"testing"

	"paxosgame/game"
)

func start(t *testing.T, l *Lesson) *Session {
	t.Helper()
	s, err := NewSession(l)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func next(t *testing.T, s *Session) *Played {
	t.Helper()
	p, err := s.Next()
	if err != nil {
		t.Fatalf("step %d (%s): Next: %v", s.Index(), s.Step().Kind, err)
	}
	if p != nil && p.Err != nil {
		t.Fatalf("a lesson command failed: %v", p.Err)
	}
	return p
}

func do(t *testing.T, s *Session, line string) {
	t.Helper()
	if _, err := s.DoLine(line); err != nil {
		t.Fatalf("%s: %v", line, err)
	}
}

// The whole example lesson, as a student plays it on the screen.
func TestSessionPlaysTheExample(t *testing.T) {
	s := start(t, mustParse(t, "testdata/example.md"))
	if s.Step().Kind != KindSetup || !s.Complete() {
		t.Fatalf("starts at a complete setup step, at %s", s.Step().Kind)
	}
	if a := s.Game().World().Acceptor(1).Voted; a.Value != "5 EUR" {
		t.Fatalf("the setup is played on entering: A1 voted %v", a)
	}
	if p := next(t, s); p != nil || s.Step().Kind != KindShow {
		t.Fatalf("Next from a complete step moves on, to %s", s.Step().Kind)
	}
	if _, err := s.DoLine("deliver all"); err == nil {
		t.Error("a show step plays itself; the student may not act there")
	}
	for i, note := range []string{"P2 hopes for 7 EUR.", "A1 promises, and reports its vote: 5 EUR in 10.", "A2 promises, and reports 6 EUR in 9."} {
		p := next(t, s)
		if p == nil || p.Line.Note != note || len(p.Events) == 0 {
			t.Fatalf("beat %d: %+v", i, p)
		}
	}
	next(t, s)
	if s.Step().Kind != KindPredict {
		t.Fatalf("at %s, want predict", s.Step().Kind)
	}
	if _, err := s.Next(); err == nil || !strings.Contains(err.Error(), "answer") {
		t.Errorf("Next before answering: %v", err)
	}
	v, err := s.Answer(1) // "6 EUR"
	if err != nil {
		t.Fatal(err)
	}
	if v.Right || v.Answer != 2 || v.Text != "5 EUR" {
		t.Errorf("verdict %+v, want the right answer to be choice 2, 5 EUR", v)
	}
	if v2, _ := s.Answer(2); v2 != v {
		t.Errorf("a question is answered once: %+v", v2)
	}
	if got := s.Game().World().Proposer(2).Phase.String(); got != "1" {
		t.Errorf("answering computes on a copy: P2 is already in phase %s", got)
	}
	next(t, s)
	next(t, s)
	if got := s.Game().World().Proposer(2).Value; got != "5 EUR" {
		t.Errorf("after the predict plays out P2 asks for %q", got)
	}
	next(t, s)
	if s.Step().Kind != KindGoal {
		t.Fatalf("at %s, want goal", s.Step().Kind)
	}

	st := s.Goal()
	if len(st) != 2 || st[0].Met || st[0].Words != "5 EUR is chosen" || st[0].Now != "no value is chosen" ||
		st[0].Expect != `chosen "5 EUR"` || !st[1].Met || st[1].Words != "agreement holds" {
		t.Errorf("goal status %+v", st)
	}
	if _, err := s.Next(); err == nil {
		t.Error("Next before the goal is reached")
	}
	if _, err := s.DoLine("propose P1"); err == nil || !strings.Contains(err.Error(), "deliver (one message at a time) only") {
		t.Errorf("the allow list forbids propose: %v", err)
	}
	if _, err := s.DoLine("mode manual"); err == nil {
		t.Error("setup commands are the lesson's, not the student's")
	}
	if _, err := s.DoLine("expect agreement"); err != nil {
		t.Errorf("expect is always allowed: %v", err)
	}
	if h, ok := s.NextHint(); !ok || !strings.HasPrefix(h, "P2's requests") || s.HintsLeft() != 0 {
		t.Errorf("hint %q %v", h, ok)
	}
	if _, ok := s.NextHint(); ok || len(s.Hints()) != 1 {
		t.Error("one hint only")
	}

	do(t, s, "deliver 2a P2->A1")
	if s.Actions() != 1 {
		t.Errorf("%d actions at the goal, want 1", s.Actions())
	}
	if !s.Undo() || s.Undo() {
		t.Error("undo takes back the student's action, and no further than the goal's start")
	}
	if !s.Redo() {
		t.Error("redo")
	}
	do(t, s, "deliver 2a P2->A2")
	if reached, actions, helped := s.Reached(); !reached || actions != 2 || helped {
		t.Errorf("reached %v in %d actions, helped %v", reached, actions, helped)
	}
	if st := s.Goal(); !st[0].Met {
		t.Errorf("goal status after reaching: %+v", st)
	}
	next(t, s)
	if s.Step().Kind != KindNarration || !s.Done() {
		t.Errorf("at %s, done %v", s.Step().Kind, s.Done())
	}
	if _, err := s.Next(); !errors.Is(err, ErrEnd) {
		t.Errorf("Next at the end: %v", err)
	}
	if sc := s.Score(); sc.Challenge {
		t.Errorf("the example is not a challenge: %+v", sc)
	}
}

func TestSessionBack(t *testing.T) {
	s := start(t, mustParse(t, "testdata/example.md"))
	next(t, s) // to the show
	next(t, s) // propose
	next(t, s) // deliver to A1
	if err := s.Back(); err != nil {
		t.Fatal(err)
	}
	if played, total := s.Beats(); played != 1 || total != 3 || s.Game().Cursor() != 1 {
		t.Errorf("back one beat: %d of %d, cursor %d", played, total, s.Game().Cursor())
	}
	s.Back()
	if err := s.Back(); err != nil || s.Index() != 0 {
		t.Errorf("back to the setup step: %v, at %d", err, s.Index())
	}
	if err := s.Back(); err == nil {
		t.Error("nothing before the first step")
	}
	// Forward to the goal, then back into the predict: it stays answered
	// and is fully played.
	next(t, s)
	for range 3 {
		next(t, s)
	}
	next(t, s)
	s.Answer(2)
	next(t, s)
	next(t, s)
	next(t, s)
	if err := s.Back(); err != nil || s.Step().Kind != KindPredict || !s.Complete() {
		t.Errorf("back from the goal: %v, at %s, complete %v", err, s.Step().Kind, s.Complete())
	}
}

func TestSessionPlaySolution(t *testing.T) {
	s := start(t, mustParse(t, "testdata/example.md"))
	for s.Step().Kind != KindGoal {
		if s.Step().Kind == KindPredict {
			s.Answer(0)
		}
		next(t, s)
	}
	do(t, s, "deliver 1a P2->A3") // a detour, undone by the solution
	if len(s.Solution()) != 2 {
		t.Fatalf("solution %+v", s.Solution())
	}
	played, err := s.PlaySolution()
	if err != nil || len(played) != 2 {
		t.Fatalf("PlaySolution: %v, %d played", err, len(played))
	}
	if reached, actions, helped := s.Reached(); !reached || actions != 2 || !helped {
		t.Errorf("reached %v, %d actions, helped %v", reached, actions, helped)
	}
}

// A challenge is scored by the student's actions, unless the solution was
// played.
func TestSessionScoresAChallenge(t *testing.T) {
	l, err := Builtin("challenge-secret")
	if err != nil {
		t.Fatal(err)
	}
	s := start(t, l)
	for s.Step().Kind != KindGoal {
		next(t, s)
	}
	for _, line := range []string{"propose P1", "crash L1", "crash L2", "deliver 1a P1->A1", "deliver all", "restart L1", "restart L2"} {
		do(t, s, line)
	}
	if sc := s.Score(); !sc.Challenge || !sc.Complete || sc.Actions != 7 || sc.Par != 6 {
		t.Errorf("score %+v, want 7 actions, par 6", sc)
	}
	s.PlaySolution()
	if sc := s.Score(); sc.Complete {
		t.Errorf("after the solution was played the challenge is not scored: %+v", sc)
	}
}

// After a goal, the scene goes on from the student's own game when the
// rest of it plays from there, and from the solution's game otherwise.
func TestSessionGoesOnFromTheStudentsGameWhenItCan(t *testing.T) {
	l, err := Builtin("majorities")
	if err != nil {
		t.Fatal(err)
	}
	s := start(t, l)
	for s.Step().Kind != KindGoal {
		next(t, s)
	}
	// Promises from A1 and A3, where the solution has A2 and A3.
	for _, line := range []string{"propose P4", "deliver 1a P4->A1", "promise A1", "deliver 1a P4->A3",
		"deliver 1b A1->P4", "deliver 1b A3->P4", `accept P4 "8 EUR"`} {
		do(t, s, line)
	}
	g := s.Game()
	next(t, s)
	if s.Game() != g || s.Notice() != "" {
		t.Errorf("the student's game should be kept (notice %q)", s.Notice())
	}
}

// Issue 20, lesson 6: "the state is replaced under the student". A goal
// that comes next is the student's to reach from their own game: it is
// kept, however they reached the goal before.
func TestSessionKeepsTheStudentsGameForTheNextGoal(t *testing.T) {
	s := builtinAt(t, "battle", 2)
	// P2's 22 is promised by A1 and A2, and A1's refusal reaches P5, in
	// another order than the solution's: nack A1->P5 before the promises
	// reach P2.
	for _, line := range []string{"deliver 1b A1->P5", "propose P2", "deliver 1a P2->A1 22", "promise A1", "deliver 1a P2->A2 22",
		"deliver 2a P5->A1", "refuse A1", "deliver nack A1->P5"} {
		do(t, s, line)
	}
	if reached, _, _ := s.Reached(); !reached {
		t.Fatalf("goal not reached: %+v", s.Goal())
	}
	g, w := s.Game(), s.Game().World().Key()
	next(t, s)
	if s.Game() != g || s.Game().World().Key() != w || s.Notice() != "" {
		t.Errorf("the student's game should be kept for the next goal (notice %q)", s.Notice())
	}
}

// A solution that cannot be played from the student's game (it took
// another path on the pages before) plays from the lesson's own game at
// the goal, says so, and b gives the student's game back.
func TestSolutionFromTheLessonsOwnGame(t *testing.T) {
	s := builtinAt(t, "battle", 2)
	// The lesson 6: P2's prepare for 22 never reaches A2.
	for _, line := range []string{"deliver 1b A1->P5", "propose P2", "deliver 1a P2->A1 22", "promise A1",
		"deliver 2a P5->A1", "refuse A1", "deliver nack A1->P5"} {
		do(t, s, line)
	}
	next(t, s) // goal 2, from the student's game, where A2 has not promised 22
	own := s.Game()
	if _, err := s.PlaySolution(); err != nil {
		t.Fatalf("the solution: %v", err)
	}
	if reached, _, _ := s.Reached(); !reached || s.Game() == own {
		t.Fatalf("the solution did not reach the goal from the lesson's own game")
	}
	if n := s.Notice(); !strings.Contains(n, "it plays from the lesson's own game") || !strings.Contains(n, "b takes you back to yours") {
		t.Errorf("notice %q", n)
	}
	if err := s.Back(); err != nil || s.Game() != own || s.Index() != 2 {
		t.Errorf("b does not give the student's game back: %v, page %d", err, s.Index()+1)
	}
}

// When the steps the lesson plays next cannot be played from the
// student's game, the lesson goes on from its own, and says so in one
// line: why, what differs, and that b gives their game back.
func TestSessionSaysWhenItReplacesTheGame(t *testing.T) {
	s := builtinAt(t, "roles", 6)
	// The goal is a majority's votes; the student goes on and delivers
	// A1's vote to L1, which the lesson's next page does.
	do(t, s, "vote A1")
	do(t, s, "deliver 2a P2->A2")
	do(t, s, "deliver 2b A1->L1")
	own := s.Game()
	next(t, s)
	n := s.Notice()
	for _, want := range []string{"its next step, deliver 2b A1->L1, cannot be played", "The lesson goes on from its own game", "in flight 2b A1→L1 17", "b takes you back to yours"} {
		if !strings.Contains(n, want) {
			t.Errorf("the notice %q does not say %q", n, want)
		}
	}
	if s.Game() == own {
		t.Fatal("the game was not replaced")
	}
	if err := s.Back(); err != nil {
		t.Fatal(err)
	}
	if s.Game() != own || s.Index() != 5 || s.Game().World().Learner(1).Heard != 1 {
		t.Errorf("b does not give the student's game back: page %d", s.Index()+1)
	}
	if reached, _, _ := s.Reached(); !reached {
		t.Error("the goal is no longer reached")
	}
}

// After the lesson file changes (play --watch), the student keeps their
// place: the same step, with the goals before it counted as reached.
func TestSessionReloadKeepsThePlace(t *testing.T) {
	s := start(t, mustParse(t, "testdata/example.md"))
	for s.Step().Kind != KindGoal {
		if s.Step().Kind == KindPredict {
			s.Answer(0)
		}
		next(t, s)
	}
	edited := mustParse(t, "testdata/example.md")
	edited.Steps[3].Text = "Edited narration."
	r, err := s.Reload(edited)
	if err != nil {
		t.Fatal(err)
	}
	if r.Index() != s.Index() || r.Step().Text != "Edited narration." {
		t.Errorf("at step %d, %q", r.Index(), r.Step().Text)
	}
	if got := r.Game().World().Proposer(2).Value; got != "5 EUR" {
		t.Errorf("the game is where the lesson's own line puts it: P2 asks for %q", got)
	}
	do(t, r, "deliver 2a P2->A1")
	do(t, r, "deliver 2a P2->A2")
	if reached, _, _ := r.Reached(); !reached {
		t.Error("the goal works in the reloaded session")
	}
}

// A lesson owns the setup, so a refusal in a lesson never advises a setup
// command: accept in auto mode says that the lesson runs in auto mode,
// not "switch to manual mode (mode manual)", which the lesson refuses.
func TestRefusalInALessonAdvisesNoSetupCommand(t *testing.T) {
	l, err := Parse("t.md", "# T\n\n```paxos setup\nconfig proposers 5 acceptors 3 learners 2\n```\n\n"+
		"```paxos goal\nexpect P4 phase 2\n```\n\n```paxos solution\npropose P4\ndeliver all\ndeliver all\n```\n")
	if err != nil {
		t.Fatal(err)
	}
	s := start(t, l)
	next(t, s)
	do(t, s, "propose P4")
	_, err = s.DoLine("accept P4")
	want := "this lesson runs in auto mode, where P4 sends its accept requests by itself the moment a majority has promised"
	if err == nil || err.Error() != want {
		t.Errorf("accept P4 in auto mode:\n got: %v\nwant: %s", err, want)
	}
	if _, err := s.DoLine("mode manual"); err == nil {
		t.Error("the lesson takes mode manual")
	}
	var r *game.Refusal
	if !errors.As(err, &r) || r.Cause != game.AutoMode {
		t.Errorf("the refusal's cause is lost: %#v", err)
	}
}

// toGoal plays a session on to its next goal, answering questions with
// their first choice.
func toGoal(t *testing.T, s *Session) {
	t.Helper()
	for next(t, s); s.Step().Kind != KindGoal; next(t, s) {
		if s.Step().Kind == KindPredict {
			s.Answer(0)
		}
	}
}

// An expect ever line of a goal holds when its condition held at some
// step since the goal began, though it holds no longer: P2 had a majority
// and asked for votes, then lost its ballot. A deliver one allow block
// refuses deliver all, and says what is allowed.
func TestSessionExpectEverSinceTheGoalBegan(t *testing.T) {
	s := start(t, mustParse(t, "testdata/story.md"))
	toGoal(t, s)
	if st := s.Goal(); st[0].Met || st[0].Words != "at some point P2 was in phase 2, asking for votes" ||
		st[0].Now != "P2 is in phase 1, gathering promises" || st[0].Expect != "ever P2 phase 2" {
		t.Errorf("goal status at the start %+v", st)
	}
	// P2 was idle before the goal began (the setup proposed): that is not
	// since the goal began.
	if _, err := s.DoLine("expect ever P2 phase idle"); err == nil {
		t.Error("expect ever at a goal looks only at the steps since the goal began")
	}
	if err := s.Game().CheckSince(mustLine(t, "expect ever P2 phase idle"), 0); err != nil {
		t.Errorf("since the start of the game it held: %v", err)
	}
	cur := s.Game().Cursor()
	_, err := s.DoLine("deliver all")
	if err == nil || !strings.Contains(err.Error(), "deliver all is not allowed") ||
		!strings.Contains(err.Error(), "deliver one message at a time, such as deliver #12; this goal allows deliver and propose") || s.Game().Cursor() != cur {
		t.Errorf("deliver all at a deliver one goal: %v (cursor %d, was %d)", err, s.Game().Cursor(), cur)
	}
	for i, line := range []string{"deliver 1a P2->A1", "deliver 1a P2->A2", "deliver 1b A1->P2", "deliver 1b A2->P2",
		"propose P3 18", "deliver 1a P3->A1", "deliver 2a P2->A1", "deliver nack A1->P2"} {
		do(t, s, line)
		if reached, _, _ := s.Reached(); reached != (i == 7) {
			t.Fatalf("after %s: reached %v", line, reached)
		}
		if got := s.Goal()[0].Met; got != (i >= 3) {
			t.Errorf("after %s: the ever line met %v", line, got)
		}
	}
	if s.Game().World().Proposer(2).Phase.String() != "preempted" {
		t.Fatal("P2 should be preempted")
	}
	if reached, actions, _ := s.Reached(); !reached || actions != 8 {
		t.Errorf("reached %v in %d actions", reached, actions)
	}
	for s.Undo() {
	}
	if st := s.Goal(); st[0].Met || st[1].Met {
		t.Errorf("back at the goal's start nothing has held since: %+v", st)
	}
	for s.Redo() {
	}
	if st := s.Goal(); !st[0].Met || !st[1].Met {
		t.Errorf("redone: %+v", st)
	}
}

// An expect never line fails once its condition held, and a line the
// student went past says where it held: the session remembers, per goal
// line, the last step it held at since the goal began.
func TestSessionExpectNeverAndWentPast(t *testing.T) {
	s := start(t, mustParse(t, "testdata/story.md"))
	toGoal(t, s)
	s.PlaySolution() // the first goal, reached with its solution
	toGoal(t, s)
	if s.Step().Kind != KindGoal || s.Goal()[2].Words != "5 EUR was never chosen" || !s.Goal()[2].Met {
		t.Fatalf("at %s, %+v", s.Step().Kind, s.Goal())
	}
	floor := s.Game().Cursor()
	for _, line := range []string{"deliver 1a P2->A1", "deliver 1a P2->A2", "deliver 1b A1->P2", "deliver 1b A2->P2"} {
		do(t, s, line)
	}
	if st := s.Goal(); !st[0].Met || st[1].Met || !st[2].Met || st[0].HeldAt != 0 {
		t.Fatalf("P2 asks for votes: %+v", st)
	}
	for _, line := range []string{"deliver 2a P2->A1", "deliver 2a P2->A2", "deliver 2b A1->P2", "deliver 2b A2->P2", "deliver 1a P2->A3"} {
		do(t, s, line)
	}
	st := s.Goal()
	if st[0].Met || st[0].HeldAt != floor+7 || st[0].StepsBack != 2 {
		t.Errorf("P2 went past phase 2 at its 8th move: %+v", st[0])
	}
	if !st[1].Met || st[1].HeldAt != 0 {
		t.Errorf("A3 has promised: %+v", st[1])
	}
	if st[2].Met || st[2].Now != fmt.Sprintf("at step %d, 5 EUR was chosen", floor+6) || st[2].HeldAt != floor+5 || st[2].StepsBack != 4 {
		t.Errorf("5 EUR was chosen at the 6th move: %+v", st[2])
	}
	if reached, _, _ := s.Reached(); reached {
		t.Fatal("5 EUR was chosen: the goal cannot be reached from here")
	}
	// Back to before 5 EUR was chosen, then the missing promise.
	for range 5 {
		s.Undo()
	}
	if st := s.Goal(); !st[0].Met || st[0].HeldAt != 0 || !st[2].Met {
		t.Errorf("stepped back: %+v", st)
	}
	do(t, s, "deliver 1a P2->A3")
	if reached, _, _ := s.Reached(); !reached {
		t.Errorf("the goal should be reached: %+v", s.Goal())
	}
}

// The went-past record follows the history when a move replaces an
// undone one, and when the solution is played.
func TestSessionWentPastFollowsTheHistory(t *testing.T) {
	s := start(t, mustParse(t, "testdata/story.md"))
	toGoal(t, s)
	for _, line := range []string{"deliver 1a P2->A1", "deliver 1a P2->A2", "deliver 1b A1->P2", "deliver 1b A2->P2"} {
		do(t, s, line)
	}
	s.Undo()
	do(t, s, "deliver 1a P2->A3") // in place of the promise that gave P2 its majority
	if st := s.Goal(); st[0].Met {
		t.Errorf("the step undone and replaced is forgotten: %+v", st)
	}
	s.PlaySolution()
	if st := s.Goal(); !st[0].Met || !st[1].Met {
		t.Errorf("after the solution: %+v", st)
	}
}

// deliver one allows delivering one message at a time, and with all every
// other action; deliver all is refused either way, and a plain deliver
// allows it.
func TestAllowDeliverOne(t *testing.T) {
	for allow, want := range map[string]string{
		"deliver one\npromise vote": "this goal allows deliver and promise/vote (an acceptor's decisions)",
		"all\ndeliver one":          "any other action is allowed",
		"deliver":                   "",
	} {
		src := "# T\n\n```paxos setup\npropose P2\n```\n\n```paxos allow\n" + allow + "\n```\n\n```paxos goal\nexpect P2 phase 2\n```\n\n```paxos solution\ndeliver all\n```\n"
		l, err := Parse("t.md", src)
		if err != nil {
			t.Fatal(err)
		}
		s := start(t, l)
		toGoal(t, s)
		_, err = s.DoLine("deliver all")
		switch {
		case want == "" && err != nil:
			t.Errorf("%q: %v", allow, err)
		case want != "" && (err == nil || !strings.Contains(err.Error(), want)):
			t.Errorf("%q: deliver all: %v, want %q", allow, err, want)
		}
		if want != "" {
			do(t, s, "deliver #1")
		}
	}
}

// The lesson decides which nodes the student plays: without an allow
// block that lists them, hand and auto are refused, so a student cannot
// give a decision back to the game and let deliver all reach the goal.
func TestLessonRefusesHandAndAutoByDefault(t *testing.T) {
	s := builtinAt(t, "promises-carry-votes", 2) // a goal with no allow block; P2 is played by hand
	for _, line := range []string{"auto P2", "hand A2"} {
		if _, err := s.DoLine(line); err == nil || !strings.Contains(err.Error(), "the lesson decides which nodes you play") {
			t.Errorf("%s: %v", line, err)
		}
	}
	if !s.Game().World().Hand(paxos.P(2)) {
		t.Error("P2 is no longer played by hand")
	}
}

func mustLine(t *testing.T, line string) game.Command {
	t.Helper()
	c, ok, err := game.ParseLine(line)
	if err != nil || !ok {
		t.Fatalf("%s: %v", line, err)
	}
	return c
}

// Issue 23: "a question can ask the student to act — take the decision on
// the board — and the lesson goes on from the state the student made,
// with the text of the page chosen by what they did."
func TestSessionQuestionAnsweredByDoing(t *testing.T) {
	l := mustParse(t, "testdata/do.md")
	for k, want := range map[int]struct {
		line, explain string
		phase         paxos.Phase // P2's, once the show after the question has played and its promises are in
	}{
		0: {"refuse A1", "You refuse, and your refusal carries your promise of 20", paxos.Phase1},
		1: {"ignore A1", "You ignore it: an acceptor does not have to answer anything.", paxos.Phase1},
		2: {"promise A1 #1", "A false promise: you promise 17, yet you will never vote below 20.", paxos.Phase1},
	} {
		s := start(t, l)
		next(t, s)
		if s.Step().Kind != KindDo || s.Complete() {
			t.Fatalf("at %s, complete %v", s.Step().Kind, s.Complete())
		}
		if _, err := s.Next(); err == nil || !strings.Contains(err.Error(), "take one of refuse A1, ignore A1 or promise A1") {
			t.Errorf("next before acting: %v", err)
		}
		if _, err := s.DoLine("vote A1"); err == nil || !strings.Contains(err.Error(), "holds no accept request") {
			t.Errorf("a decision the game refuses is refused with its reason: %v", err)
		}
		if _, err := s.DoLine("propose P3"); err == nil || !strings.Contains(err.Error(), "not one of this question's answers") {
			t.Errorf("an action that is none of the choices: %v", err)
		}
		if s.Game().Cursor() != 3 {
			t.Fatalf("a refused answer changed the game: step %d", s.Game().Cursor())
		}
		do(t, s, want.line)
		if c, ok := s.Did(); !ok || c != k || !strings.HasPrefix(l.Steps[s.Index()].Explanation(c), want.explain) {
			t.Errorf("%s: did %d %v", want.line, c, ok)
		}
		if _, err := s.DoLine("ignore A1"); err == nil {
			t.Error("a question is answered once (b takes the answer back)")
		}
		// b takes the move back, and the student may take another.
		if err := s.Back(); err != nil || s.Complete() || s.Game().Cursor() != 3 {
			t.Fatalf("back: %v, complete %v, step %d", err, s.Complete(), s.Game().Cursor())
		}
		do(t, s, want.line)
		next(t, s)
		for s.Step().Kind == KindShow && !s.Complete() {
			next(t, s)
		}
		// The lesson goes on from the student's own game.
		w := s.Game().World()
		switch k {
		case 0:
			if w.Find(game.Selector{Type: paxos.Nack, From: paxos.A(1), To: paxos.P(2)}) == nil {
				t.Errorf("after refuse A1, no refusal is in flight: %s", w.Describe())
			}
		case 2:
			if w.Find(game.Selector{Type: paxos.Promise, From: paxos.A(1), To: paxos.P(2)}) == nil {
				t.Errorf("after promise A1, no promise is in flight: %s", w.Describe())
			}
		}
		if s.Notice() != "" {
			t.Errorf("%s: %s", want.line, s.Notice())
		}
		// Back from the page after it: the game is the student's again.
		if err := s.Back(); err != nil {
			t.Fatal(err)
		}
		for s.Step().Kind != KindDo {
			if err := s.Back(); err != nil {
				t.Fatal(err)
			}
		}
		if c, ok := s.Did(); !ok || c != k || s.Game().Cursor() != 4 {
			t.Errorf("back at the question: did %d %v, step %d", c, ok, s.Game().Cursor())
		}
	}
}

// A choice's explanation is shown with the verdict: the student's, and
// the right one's when it was wrong.
func TestVerdictCarriesTheExplanations(t *testing.T) {
	l, err := Parse("q.md", "# Q\n\n```paxos setup\nset A1 voted 10 \"5 EUR\"\nset A2 promised 10\npropose P2 17\ndeliver 1a P2->A1\ndeliver 1a P2->A2\n```\n\n"+
		"```paxos predict\n? What will P2 ask for?\n- \"5 EUR\"\n  > The highest vote reported:\n  > A1's in 10.\n- \"2 EUR\"\n  > Its own value # not here\n"+
		"deliver 1b A1->P2\ndeliver 1b A2->P2\nanswer P2 value\n```\n")
	if err != nil {
		t.Fatal(err)
	}
	st := &l.Steps[1]
	if got := st.Explanation(0); got != "The highest vote reported: A1's in 10." {
		t.Errorf("explanation 0: %q", got)
	}
	if got := st.Explanation(1); got != "Its own value # not here" {
		t.Errorf("explanation 1 keeps a # as prose: %q", got)
	}
	s := start(t, l)
	next(t, s)
	v, err := s.Answer(1)
	if err != nil || v.Right || v.Explain != "Its own value # not here" || v.AnswerExplain != "The highest vote reported: A1's in 10." {
		t.Errorf("verdict %+v, %v", v, err)
	}
}
