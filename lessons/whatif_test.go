package lessons

import (
	"regexp"
	"strconv"
	"strings"
	"testing"

	"paxosgame/explore"
	"paxosgame/game"
	"paxosgame/internal/long"
)

// Issue 11: "Each what-if lesson ends with the shortest break, found by the
// explorer with that rule off, and the lesson says how many states the
// explorer searched with the rule on." The last section of each what-if
// lesson shows, step for step, the run the explorer finds from its setup,
// and its words give that run's length and the count of states with every
// rule on, which the explorer finds again here.
func TestWhatIfLessonsEndWithTheShortestBreak(t *testing.T) {
	searchedOn := map[string]bool{} // the searches with every rule on, by what the lesson says
	for _, tc := range []struct {
		rule      string
		crashes   int
		symmetry  bool
		steps     int
		onStates  string // what the lesson says of the search with every rule on
		onSearch  int    // states with symmetry, which stand for onStates
		expensive bool
	}{
		{"unique-ballots", 0, false, 14, "718,934", 122_637, false},
		{"promise-reports-vote", 0, false, 14, "718,934", 122_637, false},
		{"adopt-highest-vote", 0, false, 14, "718,934", 122_637, false},
		{"keep-promise", 0, false, 14, "718,934", 122_637, false},
		{"majority-quorum", 0, false, 8, "718,934", 122_637, false},
		{"durable-acceptors", 1, true, 16, "3,592,302", 607_128, true},
		{"same-ballot-majority", 0, false, 14, "718,934", 122_637, false},
	} {
		t.Run(tc.rule, func(t *testing.T) {
			name := "whatif-" + tc.rule + ".md"
			src, err := builtinFS.ReadFile("builtin/" + name)
			if err != nil {
				t.Fatal(err)
			}
			text := string(src)
			i := strings.LastIndex(text, "\n## The shortest break\n")
			if i < 0 || strings.Contains(text[i+1:], "\n## ") {
				t.Fatalf("%s does not end with a section \"The shortest break\"", name)
			}
			last := text[i:]
			setup, show := block(t, last, "paxos setup"), block(t, last, "paxos show")
			words := strings.Join(strings.Fields(last[:strings.Index(last, "```")]), " ")

			start, _, err := explore.Start(name, setup)
			if err != nil {
				t.Fatal(err)
			}
			b := explore.DefaultBounds()
			b.Crashes = tc.crashes
			res := explore.Search(start, b, explore.Violation, explore.Options{Symmetry: tc.symmetry})
			if !res.Found || len(res.Run) != tc.steps {
				t.Fatalf("the explorer finds %v, %d steps; want a break of %d", res.Found, len(res.Run), tc.steps)
			}
			shown, err := game.Parse(name, show)
			if err != nil {
				t.Fatal(err)
			}
			var want, got []string
			for _, c := range res.Run {
				want = append(want, c.String())
			}
			for _, c := range shown {
				if c.Verb != game.VExpect {
					got = append(got, c.String())
				}
			}
			if strings.Join(got, "\n") != strings.Join(want, "\n") || shown[len(shown)-1].String() != "expect violation" {
				t.Errorf("the lesson shows:\n%s\nthe explorer finds:\n%s\nexpect violation", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
			if !strings.Contains(words, "takes "+strconv.Itoa(tc.steps)+" steps") || !strings.Contains(words, tc.onStates+" ") {
				t.Errorf("the words do not say %d steps and %s states:\n%s", tc.steps, tc.onStates, words)
			}

			if searchedOn[tc.onStates] {
				return
			}
			if tc.expensive {
				long.Test(t)
			}
			searchedOn[tc.onStates] = true
			on := start.Clone()
			ruleOn, _, perr := game.ParseLine("rule " + tc.rule + " on")
			if perr != nil {
				t.Fatal(perr)
			}
			if _, err := on.Apply(ruleOn); err != nil {
				t.Fatal(err)
			}
			all := explore.Search(on, b, explore.Violation, explore.Options{Symmetry: true})
			if all.Found || all.States != tc.onSearch || explore.Commas(all.Worlds) != tc.onStates {
				t.Errorf("with the rule on: found %v, %d states standing for %d; the lesson says %s",
					all.Found, all.States, all.Worlds, tc.onStates)
			}
		})
	}
}

// block returns the body of the first fenced block of a kind in text.
func block(t *testing.T, text, kind string) string {
	t.Helper()
	m := regexp.MustCompile("(?s)```" + kind + "\n(.*?)```").FindStringSubmatch(text)
	if m == nil {
		t.Fatalf("no %s block", kind)
	}
	return m[1]
}
