package lessons

import (
	"errors"
	"strings"
	"testing"
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
	if _, err := s.DoLine("propose P1"); err == nil || !strings.Contains(err.Error(), "deliver only") {
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
	for _, line := range []string{"propose P4", "deliver 1a P4->A1", "deliver 1a P4->A4", "deliver 1a P4->A5",
		"deliver 1b A1->P4", "deliver 1b A4->P4", "deliver 1b A5->P4"} {
		do(t, s, line)
	}
	g := s.Game()
	next(t, s)
	if s.Game() != g || s.Notice() != "" {
		t.Errorf("the student's game should be kept (notice %q)", s.Notice())
	}

	l, _ = Builtin("promises")
	s = start(t, l)
	for s.Step().Kind != KindGoal {
		if s.Step().Kind == KindPredict {
			s.Answer(0)
		}
		next(t, s)
	}
	// P5's promise from A1 is delivered early: the next goal's solution,
	// which delivers it, cannot be played from this game.
	for _, line := range []string{"deliver 1b A1->P5", "deliver nack A1->P2", "deliver 1a P5->A2"} {
		do(t, s, line)
	}
	next(t, s)
	if s.Notice() == "" || s.Game().World().Proposer(5).Promises.Len() != 0 {
		t.Errorf("the lesson should go on from its solution's game (notice %q)", s.Notice())
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
	do(t, r, "deliver all")
	if reached, _, _ := r.Reached(); !reached {
		t.Error("the goal works in the reloaded session")
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
