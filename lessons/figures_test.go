package lessons

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"paxosgame/explore"
	"paxosgame/game"
	"paxosgame/internal/long"
)

// Issue 21: "Numbers written in lesson text should be produced by go
// generate ... and compared by a fast test." Each built-in lesson says the
// figures go generate wrote for it (figures_gen.go), line breaks aside.
func TestLessonsSayTheirFigures(t *testing.T) {
	if len(Figures()) == 0 {
		t.Fatal("no figures: run go generate ./lessons")
	}
	for _, f := range Figures() {
		for _, name := range f.Lessons {
			src, err := builtinFS.ReadFile("builtin/" + name + ".md")
			if err != nil {
				t.Fatal(err)
			}
			if !f.In(string(src)) {
				t.Errorf("%s does not say %q (%s): go generate ./lessons puts the figures in the text", name, f.Text, f.Name)
			}
		}
	}
}

// Replace finds a figure across a line break and puts the new one there.
func TestFigureReplace(t *testing.T) {
	old := Figure{Text: "searches 140,294 states"}
	text := "It searches\n140,294 states: 7 steps lead in; it searches 140,2945 states"
	got, n := old.Replace(text, Figure{Text: "searches 1,000 states"})
	if n != 1 || got != "It searches 1,000 states: 7 steps lead in; it searches 140,2945 states" {
		t.Fatalf("%d: %q", n, got)
	}
}

// The figures computed again are those go generate wrote.
func TestFiguresAreCurrent(t *testing.T) {
	long.Test(t)
	figs, err := ExplorerFigures()
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(figs, Figures()) {
		t.Errorf("the explorer now finds:\n%v\nfigures_gen.go has:\n%v\ngo generate ./lessons writes them, and in the lessons", figs, Figures())
	}
}

// The battle lesson and challenge-livelock end with the loop check
// --forever finds, shown twice round, as auto-play goes round it.
func TestLessonsShowTheLoop(t *testing.T) {
	long.Test(t)
	want, err := LoopShown()
	if err != nil {
		t.Fatal(err)
	}
	for name, section := range map[string]string{"battle": "\n## The battle that never ends\n", "challenge-livelock": "\n## For ever\n"} {
		src, err := builtinFS.ReadFile("builtin/" + name + ".md")
		if err != nil {
			t.Fatal(err)
		}
		text := string(src)
		i := strings.Index(text, section)
		if i < 0 {
			t.Fatalf("%s has no section %q", name, strings.TrimSpace(section))
		}
		shown, err := game.Parse(name, block(t, text[i:], "paxos show"))
		if err != nil {
			t.Fatal(err)
		}
		var got, exp []string
		for _, c := range shown {
			if c.Verb != game.VExpect {
				got = append(got, c.String())
			}
		}
		for _, c := range want {
			exp = append(exp, c.String())
		}
		if strings.Join(got, "\n") != strings.Join(exp, "\n") {
			t.Errorf("%s shows:\n%s\ncheck --forever finds, twice round:\n%s", name, strings.Join(got, "\n"), strings.Join(exp, "\n"))
		}
	}
}

// LoopShown is the loop check --forever finds from the course's game, as
// the battle lesson and challenge-livelock show it: the way in, then the
// loop twice round (the second as auto-play takes it, game.Game.LoopNext).
func LoopShown() ([]game.Command, error) {
	course, _, err := explore.Start("figures", "config proposers 5 acceptors 3 learners 2\n")
	if err != nil {
		return nil, err
	}
	l := explore.Forever(course, explore.Bounds{Proposers: []int{1, 2}, Ballots: explore.ForeverRounds}, explore.Options{})
	if !l.Found {
		return nil, fmt.Errorf("check --forever finds no loop")
	}
	g, err := game.Open("loop", "config proposers 5 acceptors 3 learners 2\n"+explore.LoopScript("loop", nil, l))
	if err != nil {
		return nil, err
	}
	run := append(append([]game.Command(nil), l.Way...), l.Turn...)
	for range l.Turn {
		c, ok := g.LoopNext()
		if !ok {
			return nil, fmt.Errorf("the loop does not go round again at step %d", g.Cursor())
		}
		if _, err := g.Exec(c); err != nil {
			return nil, err
		}
		run = append(run, c)
	}
	return run, nil
}
