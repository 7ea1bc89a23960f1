package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"paxosgame/lessons"
)

// Issue 23: a question answered by doing, on the screen. The student
// takes A1's decision on the board (1–3 under the board, as at a goal),
// the page then shows what the lesson says of that choice, and b takes
// the move back; a lesson from a file ends without "the last lesson of
// the course".
func TestLessonQuestionAnsweredOnTheBoard(t *testing.T) {
	m := exampleLesson(t, "../lessons/testdata/do.md")
	keys(m, "n")
	if m.lesson.sess.Step().Kind != lessons.KindDo {
		t.Fatalf("not at the question:\n%s", screenOf(m))
	}
	s := screenOf(m)
	for _, want := range []string{"? P2 asks you, A1", "refuse, and tell P2 of your promise", "(refuse A1)", "A1 ✋ DECIDES"} {
		if !strings.Contains(s, want) {
			t.Errorf("the question lacks %q:\n%s", want, s)
		}
	}
	keys(m, "n", "n") // reads on, then goes on
	if !strings.Contains(screenOf(m), "answer the question first, by acting") {
		t.Errorf("n before acting:\n%s", screenOf(m))
	}
	keys(m, "2") // A1's choices, as the game lists them: promise, refuse, ignore
	k, did := m.lesson.sess.Did()
	if !did || m.lesson.sess.Step().Predict.Choices[k].Do.Text != "refuse A1" {
		t.Fatalf("2 did not refuse (did %d %v):\n%s", k, did, screenOf(m))
	}
	s = screenOf(m)
	for _, want := range []string{"you: refuse A1", "your refusal carries", "n goes on · b takes your move back"} {
		if !strings.Contains(s, want) {
			t.Errorf("the page after the answer lacks %q:\n%s", want, s)
		}
	}
	checkFits(t, m)
	keys(m, "b")
	if _, did := m.lesson.sess.Did(); did || !strings.Contains(screenOf(m), "A1 ✋ DECIDES") {
		t.Errorf("b did not take the move back:\n%s", screenOf(m))
	}
	keys(m, "3") // ignore
	keys(m, "n")
	// A show page: A1 is played by the game again; no key of a decision.
	for m.lesson.sess.Step().Kind != lessons.KindGoal {
		keys(m, "n")
	}
	keys(m, "v", "y")
	for !m.lesson.sess.Done() {
		keys(m, "n")
	}
	keys(m, "n")
	if s := screenOf(m); strings.Contains(s, "last lesson of the course") || !strings.Contains(s, "That is the end of this lesson") {
		t.Errorf("the end of a lesson from a file:\n%s", s)
	}
}

// Issue 23: "during a show step a hand-played node still says press 1–3".
// A page that plays by itself shows no choices of a node played by hand,
// and a digit says why it takes none.
func TestShowPageOffersNoDecision(t *testing.T) {
	m := exampleLesson(t, "../lessons/testdata/hand-show.md")
	for m.lesson.sess.Step().Kind != lessons.KindShow {
		keys(m, "n")
	}
	keys(m, "n", "n") // P2 proposes; the prepare reaches A1, played by hand
	if len(world(m).Waiting()) == 0 {
		t.Fatalf("A1 waits for no decision:\n%s", screenOf(m))
	}
	s := screenOf(m)
	if strings.Contains(s, "DECIDES") || strings.Contains(s, "press 1") || strings.Contains(s, "1–9") {
		t.Errorf("a show page offers A1's decisions:\n%s", s)
	}
	keys(m, "1")
	if s := screenOf(m); !strings.Contains(s, "this page plays by itself") || len(world(m).Waiting()) == 0 {
		t.Errorf("1 on a show page:\n%s", s)
	}
}

// A choice's explanation shows with the verdict: the student's, and the
// right one's when theirs was wrong.
func TestVerdictShowsTheExplanations(t *testing.T) {
	path := filepath.Join(t.TempDir(), "q.md")
	os.WriteFile(path, []byte("# Q\n\n```paxos setup\nset A1 voted 10 \"5 EUR\"\nset A2 promised 10\npropose P2 17\ndeliver 1a P2->A1\ndeliver 1a P2->A2\n```\n\n"+
		"```paxos predict\n? What will P2 ask for?\n- \"5 EUR\"\n  > The highest vote reported, **A1's** in 10.\n- \"2 EUR\"\n  > Its own value, were no vote reported.\n"+
		"deliver 1b A1->P2\ndeliver 1b A2->P2\nanswer P2 value\n```\n"), 0o644)
	m := exampleLesson(t, path)
	keys(m, "n", "2")
	s := strings.Join(strings.Fields(screenOf(m)), " ")
	for _, want := range []string{"Not quite: the answer is 5 EUR.", "Its own value, were no vote reported.", "The highest vote reported, A1's in"} {
		if !strings.Contains(s, want) {
			t.Errorf("the verdict lacks %q:\n%s", want, screenOf(m))
		}
	}
}
