package lessons

import (
	"fmt"
	"strings"
	"testing"
)

// builtinAt starts built-in lesson name and plays it on, along its own
// line, to its page (from 1).
func builtinAt(t *testing.T, name string, page int) *Session {
	t.Helper()
	l, err := Builtin(name)
	if err != nil {
		t.Fatal(err)
	}
	s := start(t, l)
	for s.Index()+1 < page {
		switch s.Step().Kind {
		case KindPredict:
			if _, ok := s.Verdict(); !ok {
				v, err := s.Answer(0)
				if err != nil {
					t.Fatal(err)
				}
				if !v.Right {
					s.goals[s.i].mistakes-- // the way there is not the student's
				}
			}
		case KindGoal:
			if reached, _, _ := s.Reached(); !reached {
				if _, err := s.PlaySolution(); err != nil {
					t.Fatal(err)
				}
			}
		case KindDo:
			if _, ok := s.Did(); !ok {
				do(t, s, s.Step().Predict.Choices[0].Do.Text)
			}
		}
		next(t, s)
	}
	return s
}

// refusedWith does line at s and returns the refusal's words.
func refusedWith(t *testing.T, s *Session, line string) string {
	t.Helper()
	_, err := s.DoLine(line)
	if err == nil {
		t.Fatalf("%s was taken", line)
	}
	return err.Error()
}

// Issue 20, "Refusals teach the rule, not the answer": the first wrong
// decision names the rule and asks the question that leads to the
// answer; the answer only after a hint or a second mistake. Each case the
// issue measured.
func TestRefusalsTeachTheRuleNotTheAnswer(t *testing.T) {
	for _, tc := range []struct {
		lesson string
		page   int
		before []string // moves that set the question up
		wrong  string   // the first wrong move
		rule   string   // what the first refusal says
		answer string   // what it must not say, and the second says
	}{
		// Lesson 5: P2's value, with promises reporting 5 EUR in 10 and 6 EUR in 9.
		{"promises-carry-votes", 2, []string{"deliver 1b A1->P2", "deliver 1b A2->P2"}, `accept P2 "6 EUR"`,
			"adopt-highest-vote", "P2 must ask for 5 EUR"},
		// Lesson 4, page 4: P4's ballot above 42.
		{"unique-ballots", 4, nil, "propose P4 42", "unique-ballots", "44"},
		// Lesson 4, the page of three proposers: who owns 42.
		{"unique-ballots", 6, nil, "propose P1 42", "unique-ballots", "belongs to P3"},
		// Lesson 9, L1 learns from votes in two ballots.
		{"learners", 3, []string{"deliver 2b A1->L1", "deliver 2a P3->A2", "deliver 2b A2->L1"}, `learn L1 "1 EUR"`,
			"same-ballot-majority", "in different ballots"},
		// Lesson 8, a promise that reports the old vote.
		{"acceptors-remember", 3, []string{"propose P4 24", "deliver 1a P4->A1"}, `promise A1 reporting 12 "7 EUR"`,
			"promise-reports-vote", "A1 voted 12 EUR in 22"},
	} {
		t.Run(tc.lesson+"/"+tc.wrong, func(t *testing.T) {
			s := builtinAt(t, tc.lesson, tc.page)
			if s.Step().Kind != KindGoal {
				t.Fatalf("page %d is a %s page", tc.page, s.Step().Kind)
			}
			for _, line := range tc.before {
				do(t, s, line)
			}
			first := refusedWith(t, s, tc.wrong)
			if !strings.Contains(first, tc.rule) || !strings.Contains(first, "?") || strings.Contains(first, tc.answer) {
				t.Errorf("the first refusal should name %s and ask, not say %q:\n%s", tc.rule, tc.answer, first)
			}
			if second := refusedWith(t, s, tc.wrong); !strings.Contains(second, tc.answer) {
				t.Errorf("the second refusal should say %q:\n%s", tc.answer, second)
			}
			// After a hint, the first refusal gives the answer at once.
			s = builtinAt(t, tc.lesson, tc.page)
			for _, line := range tc.before {
				do(t, s, line)
			}
			s.NextHint()
			if after := refusedWith(t, s, tc.wrong); !strings.Contains(after, tc.answer) {
				t.Errorf("after a hint the refusal should say %q:\n%s", tc.answer, after)
			}
		})
	}
}

// A refusal counts as a mistake, unless the page quotes the move to have
// the student try it: lesson 4 asks "Try `propose P4 42` first".
func TestMistakesCountRefusalsThePageDidNotInvite(t *testing.T) {
	s := builtinAt(t, "unique-ballots", 4)
	refusedWith(t, s, "propose P4 42") // invited
	if got := s.Tally(); mistakesAt(got, 4) != 0 {
		t.Errorf("an invited try counts as a mistake: %+v", got)
	}
	refusedWith(t, s, "propose P4 43")
	if _, err := s.DoLine("deliver #99"); err == nil {
		t.Fatal("deliver #99 was taken")
	}
	if got := s.Tally(); mistakesAt(got, 4) != 1 {
		t.Errorf("propose P4 43 is one mistake, deliver #99 none: %+v", got)
	}
}

func mistakesAt(ts []Tally, page int) int {
	for _, t := range ts {
		if t.Page == page {
			return t.Mistakes
		}
	}
	return -1
}

// Issue 20, "The game counts": per goal, mistakes, hints, solution views
// and whether deliver all reached it; per question, a wrong answer.
func TestSessionTally(t *testing.T) {
	s := start(t, mustParse(t, "testdata/example.md"))
	for s.Step().Kind != KindPredict {
		next(t, s)
	}
	s.Answer(0) // wrong: 7 EUR
	for s.Step().Kind != KindGoal {
		next(t, s)
	}
	s.NextHint()
	do(t, s, "deliver 2a P2->A1")
	refusedWith(t, s, "deliver all") // the goal delivers one at a time: no mistake
	do(t, s, "deliver 2a P2->A2")
	want := []Tally{
		{Page: 3, Question: true, Done: true, Mistakes: 1},
		{Page: 4, Done: true, Hints: 1},
	}
	if got := s.Tally(); len(got) != 2 || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("tally %+v, want %+v", got, want)
	}
	if got := Total(s.Tally()).Words(); got != "1 goal, 1 hint, 1 mistake" {
		t.Errorf("words %q", got)
	}
	s.PlaySolution()
	if got := s.Tally()[1]; got.Solutions != 1 {
		t.Errorf("the solution played: %+v", got)
	}
	if err := s.Restart(); err != nil {
		t.Fatal(err)
	}
	if got := Total(s.Tally()).Words(); got != "0 of 1 goal, no hint, no mistake" {
		t.Errorf("after a restart: %q", got)
	}
}

// The progress file keeps the count of the last play, merged under its
// lock; `lesson list` says it ("done: 3 goals, 1 hint, 2 mistakes").
func TestProgressKeepsTheTally(t *testing.T) {
	dir := t.TempDir()
	st := OpenStoreIn(dir)
	s := builtinAt(t, "promises-carry-votes", 2)
	do(t, s, "deliver 1b A1->P2")
	do(t, s, "deliver 1b A2->P2")
	refusedWith(t, s, `accept P2 "6 EUR"`)
	st.Update(s)
	got := OpenStoreIn(dir).Get(s.Lesson().Key())
	if got.Status != InProgress || mistakesAt(got.Pages, 2) != 1 {
		t.Fatalf("the record: %+v", got)
	}
	if words := got.Describe(s.Lesson()); words != "started: 0 of 2 goals, no hint, 1 mistake" {
		t.Errorf("Describe: %q", words)
	}
	// Another game writes meanwhile: this one's count goes in, the other's
	// lessons stay.
	other := OpenStoreIn(dir)
	other.Start("roles")
	do(t, s, `accept P2 "5 EUR"`)
	st.Update(s)
	back := OpenStoreIn(dir)
	if back.Get("roles").Status != InProgress || !back.Get(s.Lesson().Key()).Pages[0].Done {
		t.Errorf("after the merge: roles %+v, %+v", back.Get("roles"), back.Get(s.Lesson().Key()))
	}
}

// A record whose pages are not counts is dropped as a bad record.
func TestProgressRefusesABadTally(t *testing.T) {
	for _, bad := range []string{`[{"page":0}]`, `[{"page":3,"mistakes":-1}]`, `{"page":3}`} {
		if _, err := readRecord([]byte(`{"status":"done","pages":` + bad + `}`)); err == nil {
			t.Errorf("pages %s are read", bad)
		}
	}
}

// Issue 20, "understanding before action": in the what-ifs a prediction
// comes before deliver all counts. Lesson 11, page 3 fell to the single
// key a: now page 3 asks first, and a there plays nothing; once the
// student predicted, deliver all at the goal counts, and the tally says
// the goal fell to it.
func TestWhatIfPredictsBeforeDeliverAll(t *testing.T) {
	s := builtinAt(t, "whatif-unique-ballots", 3)
	if st := s.Step(); st.Kind != KindPredict || !st.Predict.YouPlay {
		t.Fatalf("page 3 is a %s page", st.Kind)
	}
	if _, err := s.DoLine("deliver all"); err == nil {
		t.Fatal("deliver all is taken before the prediction")
	}
	if _, err := s.Next(); err == nil {
		t.Fatal("next goes on before the prediction")
	}
	v, err := s.Answer(0) // "agreement": wrong
	if err != nil || v.Right {
		t.Fatalf("answer: %+v %v", v, err)
	}
	cursor := s.Game().Cursor()
	next(t, s)
	if s.Step().Kind != KindGoal || s.Game().Cursor() != cursor {
		t.Fatalf("the prediction's commands were played (cursor %d, was %d) or no goal follows", s.Game().Cursor(), cursor)
	}
	do(t, s, "deliver all")
	tally := s.Tally()
	if got := tally[1]; !got.Question || got.Mistakes != 1 {
		t.Errorf("the wrong prediction: %+v", got)
	}
	if got := tally[2]; !got.Done || !got.DeliverAll {
		t.Errorf("the goal: %+v", got)
	}
}

// Issue 20: "A goal whose text asks for a decision is not met by deliver
// all." Deliver all gets 1 EUR chosen by A2 and A3, without A1, which the
// student plays: the goal is not reached, and the lesson says why; a
// decision of the student's own then reaches it.
func TestDeliverAllDoesNotMeetAGoalThatAsksForADecision(t *testing.T) {
	l, err := Parse("t.md", "# T\n\n```paxos setup\nhand A1\npropose P1\n```\n\nDecide as A1, and get 1 EUR chosen.\n\n"+
		"```paxos goal\nexpect chosen \"1 EUR\"\n```\n\n```paxos solution\npromise A1\ndeliver all\n```\n")
	if err != nil {
		t.Fatal(err)
	}
	s := start(t, l)
	next(t, s)
	do(t, s, "deliver all")
	if reached, _, _ := s.Reached(); reached || !strings.Contains(s.Notice(), "deliver all did it") {
		t.Fatalf("deliver all reached it (notice %q)", s.Notice())
	}
	do(t, s, "promise A1")
	if reached, _, _ := s.Reached(); !reached {
		t.Errorf("A1's own decision does not reach it: %+v", s.Goal())
	}
}

// Issue 20: "Commands that probe for answers don't solve a question still
// open": an expect line at an open question is refused; once answered, it
// checks as everywhere.
func TestNoProbeAtAnOpenQuestion(t *testing.T) {
	s := builtinAt(t, "whatif-same-ballot-majority", 3) // "Is 1 EUR chosen?"
	if s.Step().Kind != KindPredict {
		t.Fatalf("page 3 is a %s page", s.Step().Kind)
	}
	if _, err := s.DoLine("expect nothing-chosen"); err == nil || !strings.Contains(err.Error(), "answer the question first") {
		t.Errorf("a probe at an open question: %v", err)
	}
	s.Answer(0)
	if _, err := s.DoLine("expect nothing-chosen"); err != nil {
		t.Errorf("after the answer: %v", err)
	}
}

// Issue 20, "Passed by mashing": a and the number keys cleared five
// goals. Each mash, as the commands its keys ran (decide: the first
// choice of the node that waits), now either does nothing on the page
// where it passed (a question comes first) or is counted a mistake.
func TestTheMashedGoalsNeedThought(t *testing.T) {
	for _, tc := range []struct {
		lesson string
		page   int
		mash   []string
	}{
		{"roles", 9, []string{"propose P1", "deliver all", "decide", "deliver all"}},
		{"promises", 7, []string{"deliver all", "decide", "deliver all"}},
		{"lost-messages", 2, []string{"propose P4", "deliver all", "propose P4", "deliver all", "decide", "deliver all"}},
		{"whatif-unique-ballots", 3, []string{"deliver all"}},
		{"whatif-promise-reports-vote", 4, []string{"propose P1", "deliver all", "propose P2", "deliver all"}},
	} {
		t.Run(tc.lesson, func(t *testing.T) {
			s := builtinAt(t, tc.lesson, tc.page)
			for _, line := range tc.mash {
				if line == "decide" {
					line = "" // the first choice of the node that waits, as 1 takes it
					w := s.Game().World()
					for _, id := range w.Waiting() {
						line = w.DecisionCommand(id, w.Decisions(id)[0]).String()
						break
					}
					if line == "" {
						continue
					}
				}
				s.DoLine(line) // refused or not, as a masher goes on
			}
			reached, _, _ := s.Reached()
			mistakes := Total(s.Tally()).Mistakes
			if reached || s.Step().Kind == KindGoal && mistakes == 0 {
				t.Errorf("the mash passes page %d (%s): reached %v, %d mistakes", tc.page, s.Step().Kind, reached, mistakes)
			}
		})
	}
}

// Lesson 5's value choice fell in at most three keys, the refusals
// handing over the answer: now the first choice is P2's own value, its
// refusal asks the question, and the right value comes with mistakes
// counted.
func TestLesson5ValueChoiceCountsTheGuesses(t *testing.T) {
	s := builtinAt(t, "promises-carry-votes", 2)
	do(t, s, "deliver 1b A1->P2")
	do(t, s, "deliver 1b A2->P2")
	w := s.Game().World()
	ds := w.Decisions(w.Waiting()[0])
	if ds[0].Cmd.Value != "2 EUR" {
		t.Fatalf("the first choice is %s, not P2's own value", ds[0].Cmd.Value)
	}
	for _, d := range ds {
		if _, err := s.Do(d.Cmd); err == nil {
			break
		}
	}
	if reached, _, _ := s.Reached(); !reached || Total(s.Tally()).Mistakes != 1 {
		t.Errorf("pressing 1, then 2: reached %v, %d mistakes", reached, Total(s.Tally()).Mistakes)
	}
}

// A you-play question comes right before the goal where the student plays
// it out; a misspelt option is guessed.
func TestLintYouPlay(t *testing.T) {
	q := "```paxos predict %s\n? Deliver all now: will Agreement hold?\n- agreement   # yes\n- violation   # no\ndeliver all\nanswer agreement\n```\n\n"
	head := "# T\n\n```paxos setup\npropose P1\n```\n\n"
	show := "```paxos show\ndeliver all\n```\n"
	for _, tc := range []struct{ src, want string }{
		{head + fmt.Sprintf(q, "you-play") + show, "so a goal must come right after it"},
		{head + fmt.Sprintf(q, "youplay") + show, "did you mean you-play?"},
	} {
		err := Lint("t.md", tc.src)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("lint: %v, want %q", err, tc.want)
		}
	}
}
