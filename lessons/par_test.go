package lessons

import (
	"errors"
	"os"
	"strings"
	"testing"

	"paxosgame/game"
)

// Issue 11, item 3: "A challenge's par is the fewest commands that reach
// its goal (any command counts one, `deliver all` included), computed by
// `lesson lint` with a search over the actions the lesson allows. Lint
// reports a par that is not the fewest. Today challenge-six-eur says par 7
// and a student reached it in 3: `crash A1`, `propose P1 11`, `deliver
// all`."
func TestLintReportsAParThatIsNotTheFewest(t *testing.T) {
	tests := []struct {
		file string
		want []string // every error, in order
	}{
		{"testdata/par-not-fewest.md", []string{
			// deliver all counts one
			`13:1: par 7 is not the fewest: 2 commands reach the goal: propose P1, deliver all; make that the solution, since its length is the par`,
			// expect ever: P1 was in phase 1 at a step of the run
			`35:1: par 3 is not the fewest: 2 commands reach the goal: propose P1, crash P1; make that the solution, since its length is the par`,
			// expect never: P1 may not even start, so P2 asks for 1 EUR
			`52:1: par 7 is not the fewest: 2 commands reach the goal: propose P2 "1 EUR", deliver all; make that the solution, since its length is the par`,
		}},
		// challenge-six-eur as it was, par 7.
		{"testdata/six-eur-par7.md", []string{
			`28:1: par 7 is not the fewest: 3 commands reach the goal: crash A1, propose P1 11, deliver all; make that the solution, since its length is the par`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			src, err := os.ReadFile(tt.file)
			if err != nil {
				t.Fatal(err)
			}
			err = Lint(tt.file, string(src))
			var errs game.Errors
			if !errors.As(err, &errs) {
				t.Fatalf("lint: %v", err)
			}
			var got []string
			for _, e := range errs {
				if e.File != tt.file {
					t.Errorf("the mistake names the file %q", e.File)
				}
				got = append(got, strings.TrimPrefix(e.Error(), tt.file+":"))
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("lint says:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// A par that is the fewest passes lint, and lint says why: no shorter run
// within the actions the goal allows. Where the search would grow past its
// bound, it stops and says how far it proved the par.
func TestLintProvesATruePar(t *testing.T) {
	const file = "testdata/par-fewest.md"
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	r, err := LintWithin(file, string(src), DefaultParBudget())
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"par 2 of the challenge at line 7 is the fewest: no run of fewer commands reaches its goal (11 states searched)",
		"par 2 of the challenge at line 20 is the fewest: no run of fewer commands reaches its goal (7 states searched)",
		"par 2 of the challenge at line 34 is the fewest: no run of fewer commands reaches its goal (11 states searched)",
		// deliver one: seven commands, and every run of four or fewer
		// tried; five would take past the bound, and lint says by how much
		"par 7 of the challenge at line 55 is not proven the fewest: no run of 4 commands or fewer reaches its goal (20,143 states searched); runs of 5 would take about 252,640 states, past the bound of 100,000 (--par-states raises it)",
	}
	var got []string
	for _, g := range r.Goals {
		if g.Search == nil {
			t.Fatalf("goal at line %d: no search", g.Line)
		}
		got = append(got, g.Search.Words(g))
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("lint says:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// Check, which lesson check and the game's sessions use, does not search.
	l, _ := Parse(file, string(src))
	for _, g := range Check(l).Goals {
		if g.Search != nil {
			t.Errorf("Check searched the goal at line %d", g.Line)
		}
	}
}

// challenge-six-eur's par is now the 3 commands of the issue, and lint
// proves that no run of 2 reaches its goal.
func TestSixEurParIsTheFewest(t *testing.T) {
	l, err := Builtin("challenge-six-eur")
	if err != nil {
		t.Fatal(err)
	}
	r := checkLesson(l, DefaultParBudget())
	if r.Errs != nil {
		t.Fatal(r.Errs)
	}
	if len(r.Goals) != 1 {
		t.Fatalf("%d goals", len(r.Goals))
	}
	g := r.Goals[0]
	if s := g.Search; g.Par != 3 || s == nil || !s.Complete || s.Shorter != nil || s.Depth != 2 {
		t.Errorf("par %d, search %+v: want par 3, proven the fewest", g.Par, s)
	}
	var sol []string
	for _, st := range l.Steps {
		if st.Kind == KindGoal {
			for _, line := range st.Goal.Solution {
				sol = append(sol, line.Text)
			}
		}
	}
	if got := strings.Join(sol, ", "); got != "crash A1, propose P1 11, deliver all" {
		t.Errorf("the solution is %s", got)
	}
}

// Every built-in lesson passes lint, its pars searched: none has a shorter
// run within the bound. This is `paxosgame lesson lint --strict
// lessons/builtin/*.md`, which CI runs as this test: no warning either,
// but that a long challenge's par is not proven the fewest within the
// bound (proving every par is the explorer's work on lessons/par.go).
func TestEveryBuiltinLessonLints(t *testing.T) {
	for _, name := range Builtins() {
		t.Run(name, func(t *testing.T) {
			src, err := builtinFS.ReadFile("builtin/" + name + ".md")
			if err != nil {
				t.Fatal(err)
			}
			r, err := LintWithin("lessons/builtin/"+name+".md", string(src), DefaultParBudget())
			if err != nil {
				t.Fatal(err)
			}
			for _, g := range r.Goals {
				if s := g.Search; s != nil {
					t.Log(s.Words(g))
				}
			}
			for _, w := range r.Warns {
				if !strings.Contains(w.Msg, "is not proven the fewest") {
					t.Error(w)
				}
			}
		})
	}
}

// Lint of every built-in lesson, its pars searched: the budget is a few
// seconds for the whole course.
func BenchmarkLintBuiltins(b *testing.B) {
	srcs := map[string]string{}
	for _, name := range Builtins() {
		src, err := builtinFS.ReadFile("builtin/" + name + ".md")
		if err != nil {
			b.Fatal(err)
		}
		srcs[name] = string(src)
	}
	for b.Loop() {
		for name, src := range srcs {
			if err := Lint(name, src); err != nil {
				b.Fatal(err)
			}
		}
	}
}
