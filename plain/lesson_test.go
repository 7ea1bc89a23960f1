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
			for _, bad := range []string{"Refused:", "Not a command:", "No:", "mistake", "first:"} {
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
