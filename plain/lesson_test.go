package plain

import (
	"errors"
	"strconv"
	"strings"
	"testing"

	"paxosgame/lessons"
)

// studentLines are the lines a student who knows the lesson types, found
// by playing a second session of it alongside: next through every page,
// the right answer to each question (computed by the game, as the lesson
// computes it), and at each goal the goal's own solution, typed command by
// command.
func studentLines(t *testing.T, l *lessons.Lesson) (lines []string, questions, goals int) {
	t.Helper()
	s, err := lessons.NewSession(l)
	if err != nil {
		t.Fatal(err)
	}
	for {
		switch st := s.Step(); st.Kind {
		case lessons.KindPredict:
			if _, ok := s.Verdict(); !ok {
				v, err := s.Answer(0)
				if err != nil || v.Answer < 0 {
					t.Fatalf("%s: question at line %d: %v (answer %d)", l.Name, st.Line, err, v.Answer)
				}
				lines = append(lines, strconv.Itoa(v.Answer+1))
				questions++
			}
		case lessons.KindGoal:
			if reached, _, _ := s.Reached(); !reached {
				for _, sl := range st.Goal.Solution {
					lines = append(lines, sl.Text)
					if _, err := s.Do(sl.Cmd); err != nil {
						t.Fatalf("%s: the solution's %s: %v", l.Name, sl.Text, err)
					}
				}
				goals++
			}
		}
		if _, err := s.Next(); errors.Is(err, lessons.ErrEnd) {
			return lines, questions, goals
		} else if err != nil {
			t.Fatalf("%s: next at page %d: %v", l.Name, s.Index()+1, err)
		}
		lines = append(lines, "next")
	}
}

// playLesson plays lesson name through a pipe with the lines of a student
// who knows it, and returns what was written.
func playLesson(t *testing.T, name string) (transcript string, questions, goals int, store *lessons.Store) {
	t.Helper()
	l, err := lessons.Builtin(name)
	if err != nil {
		t.Fatal(err)
	}
	lines, questions, goals := studentLines(t, l)
	var out strings.Builder
	store = lessons.OpenStoreIn(t.TempDir())
	if err := Lesson(l, strings.NewReader(strings.Join(lines, "\n")+"\n"), &out, Options{Echo: true, Store: store}); err != nil {
		t.Fatal(err)
	}
	return out.String(), questions, goals, store
}

// "Every lesson can be completed this way" (issue 22): a course lesson
// and the battle, played start to end through a pipe, each answer and
// goal reached, and the lesson marked done.
func TestLessonThroughAPipe(t *testing.T) {
	for _, name := range []string{"roles", "battle"} {
		t.Run(name, func(t *testing.T) {
			out, questions, goals, store := playLesson(t, name)
			if n := strings.Count(out, "\nRight: "); n != questions {
				t.Errorf("%d answers said right, want %d", n, questions)
			}
			if n := strings.Count(out, "\nGoal reached"); n != goals || goals == 0 {
				t.Errorf("%d goals said reached, want %d", n, goals)
			}
			for _, bad := range []string{"Refused:", "Not a command:", "No:", "mistake of the lesson", "first:"} {
				if strings.Contains(out, bad) {
					t.Errorf("the transcript says %q", bad)
				}
			}
			if !strings.Contains(out, "The end of this lesson: it is marked done.") {
				t.Errorf("the end is not told")
			}
			l, _ := lessons.Builtin(name)
			if r := store.Get(l.Key()); r.Status != lessons.Done {
				t.Errorf("progress: %+v, want done", r)
			}
			if testing.Verbose() {
				t.Log("\n" + out)
			}
		})
	}
}

// lessonWith plays lesson name through a pipe with the given lines.
func lessonWith(t *testing.T, name string, lines ...string) string {
	t.Helper()
	l, err := lessons.Builtin(name)
	if err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	if err := Lesson(l, strings.NewReader(strings.Join(lines, "\n")+"\n"), &out, Options{Echo: true}); err != nil {
		t.Fatal(err)
	}
	return out.String()
}

// The words of a lesson: previous, page, a question answered by number,
// hints one at a time, the solution behind a yes, the goal read again,
// back at a goal undoing the student's own move.
func TestLessonCommands(t *testing.T) {
	out := lessonWith(t, "roles", "next", "previous", "next", "next", "next", "next",
		"3", "1", "page", "next", "next", "next",
		"hint", "hint", "solution", "no", "solution", "yes", "goal", "back", "2")
	contains(t, out,
		"> previous\nPage 1 of 11.\n",
		"> 3\nChoose 1 to 2.\n",
		"> 1\nRight: phase 1: it still waits for promises.\n",
		"> page\nPage 3 of 11.\nQuestion: Before you answer, A2's promise reaches P2. What phase is P2 in then?\n1. phase 1: it still waits for promises\n2. phase 2: it asks for votes\nYou answered 1. Right: phase 1: it still waits for promises.\n",
		"> hint\nHint 1: Press 1, the first of A1's choices under the board.",
		"> hint\nThat was the last hint: solution plays the solution.\n",
		"> no\nNothing changed.\n",
		"> yes\nThe game goes back to the start of the goal, and the solution plays:\nSolution, step 1 of 1: promise A1.\n",
		"Goal reached, with the solution. next goes on.\n",
		"> goal\nGoal: make every line hold.\nMet: You promised not to vote below 17.\nGoal reached, with the solution. next goes on.\n",
		"> back\nUndone: step 6, promise A1. Now at step 5 of 6; forward takes it again.\nGoal line no longer met: You promised not to vote below 17. Now: A1 has promised nothing.\nA1's choices; type a number:\n",
		"> 2\nChoice 2: refuse A1.\n",
	)
}

// At the end of a course lesson, next starts the next one.
func TestNextLesson(t *testing.T) {
	l, _ := lessons.Builtin("battle")
	lines, _, _ := studentLines(t, l)
	out := lessonWith(t, "battle", append(lines, "next", "look network")...)
	if !strings.Contains(out, "> next\nLesson 7: Majorities intersect.") {
		t.Errorf("next at the end does not start lesson 7:\n%s", out)
	}
	if !strings.Contains(out, "The end of this lesson.\nYour count: 2 goals, no hint, no mistake.\nnext starts lesson 7: Majorities intersect; quit leaves.\n") {
		t.Errorf("the end does not say what comes next")
	}
}

// Issue 23: a question answered by acting, line by line: the question and
// the command of each choice, the node's choices to type by number, then
// what the lesson says of the choice taken; previous takes it back.
func TestLessonQuestionAnsweredByActing(t *testing.T) {
	l, err := lessons.Load("../lessons/testdata/do.md")
	if err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	lines := "next\npropose P3\nnext\n2\nprevious\nignore A1\nnext\n"
	if err := Lesson(l, strings.NewReader(lines), &out, Options{Echo: true}); err != nil {
		t.Fatal(err)
	}
	contains(t, out.String(),
		"Question: P2 asks you, A1, to promise not to vote below 17, and you promised 20. What do you do? Decide on the board.\n"+
			"- refuse A1: refuse, and tell P2 of your promise of 20.\n- ignore A1: ignore it: say nothing.\n- promise A1: promise 17 all the same.\n"+
			"Answer by acting: type the command, such as refuse A1, or the number of a choice of the node that decides.\nA1's choices; type a number:\n",
		"> propose P3\nRefused: propose P3: that is not one of this question's answers: take one of refuse A1, ignore A1 or promise A1, on the board or typed\n",
		"> next\nAnswer the question first, by acting: take one of refuse A1, ignore A1 or promise A1, on the board or typed.\n",
		"> 2\nChoice 2: refuse A1.\nA1 refuses P2's prepare 17: it promised not to vote below 20.\nsends #4 nack A1→P2\nYou answered: refuse A1.\n"+
			"You refuse, and your refusal carries your promise of 20: once P2 reads it, it knows that 17 is too low and can start again above 20.\n"+
			"next goes on; previous takes your move back.\n",
		"> previous\nYour move is taken back: answer again.\n",
		"> ignore A1\nA1 ignores P2's prepare 17: an acceptor does not have to reply to anything.\nYou answered: ignore A1.\n",
		"You answered: ignore A1.\nYou ignore it: an acceptor does not have to answer anything. P2 waits, and learns nothing from you.\n",
		"> next\nPage 3 of 5.\n",
	)
	if strings.Count(out.String(), "sends #4 nack") != 1 {
		t.Errorf("the refusal taken back is still in the story:\n%s", out.String())
	}
}

// Issue 20 in the plain game: a dead end is said at once, in the plain
// game's words (back steps back), the facts' and the explorer's alike; a
// hint there says it too; and the end of a lesson says the count.
func TestPlainLessonSaysDeadEndsAndTheCount(t *testing.T) {
	for _, tc := range []struct {
		lesson string
		lines  []string
		want   []string
	}{
		{"challenge-six-eur", []string{"next", "propose P1 11", "deliver all", "hint"}, []string{
			"This goal can no longer be reached from here: 5 EUR is chosen: 6 EUR can no longer be. back steps back (once).",
		}},
		{"promises", []string{"next", "ignore A1", "hint", "back", "promise A1"}, []string{
			"This goal can no longer be reached from here: no move this goal allows can be made. back steps back.",
			"Goal reached.",
		}},
	} {
		t.Run(tc.lesson, func(t *testing.T) {
			l, err := lessons.Builtin(tc.lesson)
			if err != nil {
				t.Fatal(err)
			}
			var out strings.Builder
			in := strings.NewReader(strings.Join(tc.lines, "\n") + "\n")
			if err := Lesson(l, in, &out, Options{Echo: true, Store: lessons.OpenStoreIn(t.TempDir())}); err != nil {
				t.Fatal(err)
			}
			for _, w := range tc.want {
				if n := strings.Count(out.String(), w); n < 1 {
					t.Errorf("the transcript does not say %q:\n%s", w, out.String())
				}
			}
			if strings.Contains(out.String(), "Hint 1") {
				t.Errorf("a hint was given at a dead end:\n%s", out.String())
			}
		})
	}
	out, _, _, _ := playLesson(t, "unique-ballots")
	if !strings.Contains(out, "Your count: 2 goals, no hint, no mistake.") {
		t.Errorf("the end does not say the count:\n%s", out)
	}
}
