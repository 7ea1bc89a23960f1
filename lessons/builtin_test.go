package lessons

import (
	"bytes"
	"io/fs"
	"strings"
	"testing"

	"paxosgame/game"
)

// Every built-in lesson plays: each solution reaches its goal, each
// question's computed answer is one of its choices. This is `paxosgame
// lesson check` run by CI.
func TestEveryBuiltinLessonChecks(t *testing.T) {
	names := Builtins()
	if len(names) < 20 {
		t.Errorf("the course has %d lessons", len(names))
	}
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			l, err := Builtin(name)
			if err != nil {
				t.Fatal(err)
			}
			r := Check(l)
			if r.Errs != nil {
				t.Fatal(r.Errs)
			}
			if l.Goals() == 0 {
				t.Error("a lesson makes the student act: it needs a goal")
			}
			for _, g := range r.Goals {
				if !g.Reached {
					t.Errorf("goal at line %d not reached", g.Line)
				}
			}
			var b bytes.Buffer
			if err := Transcript(&b, l); err != nil || strings.Contains(b.String(), "MISTAKE") {
				t.Errorf("the transcript (a session played to the end): %v\n%s", err, b.String())
			}
			if len(l.Title) > 31 {
				t.Errorf("title %q is too long for lesson list at 80 columns", l.Title)
			}
		})
	}
}

// Issue 9, "Done when": every lesson of the course (not the what-ifs and
// challenges) has a goal whose solution needs a decision of a node played
// by hand (an acceptor's promise, vote, refuse or ignore, a proposer's
// accept with the value it picks, a learner's learn), and no such goal
// falls to deliver all: the nodes the student plays hold what reaches
// them, and the student may not give them back to the game (a lesson
// allows hand and auto only when its allow block says so).
func TestCourseNeedsTheStudentsDecisions(t *testing.T) {
	for _, name := range Builtins() {
		if strings.HasPrefix(name, "whatif-") || strings.HasPrefix(name, "challenge-") {
			continue
		}
		t.Run(name, func(t *testing.T) {
			l, err := Builtin(name)
			if err != nil {
				t.Fatal(err)
			}
			decides := false
			for i, st := range l.Steps {
				if st.Kind != KindGoal {
					continue
				}
				needs := false
				for _, sl := range st.Goal.Solution {
					needs = needs || decision(sl.Cmd)
				}
				decides = decides || needs
				if !needs {
					continue
				}
				if line, ok := reachedByDeliverAll(t, l, i); ok {
					t.Errorf("the goal at line %d is reached by %s", st.Line, line)
				}
			}
			if !decides {
				t.Error("no goal's solution needs a decision: promise, vote, refuse, ignore, accept with a value, or learn")
			}
		})
	}
}

// reachedByDeliverAll plays, from the start of goal step i along the
// lesson's own line, deliver all, and reports whether that reaches the
// goal, with the command.
func reachedByDeliverAll(t *testing.T, l *Lesson, i int) (string, bool) {
	t.Helper()
	g, err := l.gameAt(i)
	if err != nil {
		t.Fatalf("the game at the goal of line %d: %v", l.Steps[i].Line, err)
	}
	from := g.Cursor()
	var played []string
	all := game.Command{Verb: game.VDeliver, Sel: game.Selector{All: true}}
	g.Exec(all) // (refused when nothing is in flight: the goal is judged all the same)
	played = append(played, all.String())
	return strings.Join(played, ", "), goalMet(g, l.Steps[i].Goal, from)
}

func TestOrderListsEveryLessonOnce(t *testing.T) {
	listed := map[string]bool{}
	for _, n := range Builtins() {
		if listed[n] {
			t.Errorf("%s is listed twice in ORDER", n)
		}
		listed[n] = true
	}
	files, _ := fs.Glob(builtinFS, "builtin/*.md")
	for _, f := range files {
		name := strings.TrimSuffix(strings.TrimPrefix(f, "builtin/"), ".md")
		if !listed[name] {
			t.Errorf("%s is not in ORDER", f)
		}
		delete(listed, name)
	}
	for n := range listed {
		t.Errorf("ORDER lists %s, which has no file", n)
	}
}

func TestLoad(t *testing.T) {
	if l, err := Load("1"); err != nil || l.Name != "roles" || !l.Builtin() || l.Key() != "roles" {
		t.Errorf("Load(1) = %+v, %v", l, err)
	}
	if l, err := Load("battle"); err != nil || l.Title != "The battle of proposers" {
		t.Errorf("Load(battle): %v", err)
	}
	if _, err := Load("0"); err == nil {
		t.Error("there is no lesson 0")
	}
	if _, err := Load("no-such-lesson"); err == nil || !strings.Contains(err.Error(), "lesson list") {
		t.Errorf("an unknown name: %v", err)
	}
	if l, err := Load("testdata/example.md"); err != nil || l.Builtin() {
		t.Errorf("a file: %v", err)
	}
	if _, err := Load("testdata/lint-mistakes.md"); err == nil {
		t.Error("a lesson with mistakes does not load")
	}
}

// A question's choices read as words: a bare number (a ballot? a phase?)
// or "nothing" says too little, so such a choice has a label (- 17 # ballot
// 17, - nothing # no value is chosen yet).
func TestBuiltinChoicesAreWords(t *testing.T) {
	for _, name := range Builtins() {
		l, err := Builtin(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, st := range l.Steps {
			if st.Kind != KindPredict {
				continue
			}
			for _, c := range st.Predict.Choices {
				if c.Text == "nothing" || strings.Trim(c.Text, "0123456789 ") == "" || strings.HasSuffix(c.Text, `"`) {
					t.Errorf("%s:%d: the choice %q needs words: add them after a #", name, c.Line, c.Text)
				}
			}
		}
	}
}
