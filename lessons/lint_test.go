package lessons

import (
	"os"
	"strings"
	"testing"

	"paxosgame/game"
)

// Each broken lesson in testdata has its mistakes at known places; lint
// must name each one at its exact line and column, in file order.
func TestLintFindsEachMistakeWhereItIs(t *testing.T) {
	tests := []struct {
		file string
		want []string // the start of each error, in order
	}{
		{"testdata/lint-mistakes.md", []string{
			`testdata/lint-mistakes.md:9:3: unknown command "proposee"`,
			`testdata/lint-mistakes.md:17:1: this goal has no solution: add a ` + "```paxos solution block",
			`testdata/lint-mistakes.md:27:1: the solution (line 31) does not make this true: expected chosen "2 EUR", but nothing-chosen`,
			`testdata/lint-mistakes.md:28:1: the solution (line 31) does not make this true: expected L1 learned "2 EUR"`,
			`testdata/lint-mistakes.md:51:3: playing this question gives the answer "5 EUR", which is not among its choices: add it as a choice (- "5 EUR")`,
		}},
		{"testdata/play-mistakes.md", []string{
			`testdata/play-mistakes.md:8:1: the game refuses this command at this point of the lesson: no message in flight matches 1b A3->P2`,
			`testdata/play-mistakes.md:19:1: this expect does not hold at this point of the lesson: expected P1 phase 2, but P1 phase 1`,
			`testdata/play-mistakes.md:27:1: this goal already holds before the student acts`,
			`testdata/play-mistakes.md:33:1: the goal is already reached before this line, after 1 action`,
			`testdata/play-mistakes.md:50:1: the allow block at line 41 does not let the student use propose`,
			`testdata/play-mistakes.md:62:1: there is no A7 in this game`,
		}},
		{"testdata/parse-mistakes.md", []string{
			`testdata/parse-mistakes.md:3:1: a hint belongs to a goal`,
			`testdata/parse-mistakes.md:7:10: unknown block "shwo"`,
			`testdata/parse-mistakes.md:11:15: unknown option "hard"`,
			`testdata/parse-mistakes.md:21:1: config is a setup command: put it in a ` + "```paxos setup block",
			`testdata/parse-mistakes.md:25:1: a goal holds only expect lines`,
			`testdata/parse-mistakes.md:26:20: expected a ballot number such as 17, found "zero"`,
			`testdata/parse-mistakes.md:29:1: this predict block asks nothing`,
			`testdata/parse-mistakes.md:31:11: expected what of P1 answers the question (phase, ballot, value or state), found "colour"`,
			`testdata/parse-mistakes.md:35:9: "jump" is not an action`,
			`testdata/parse-mistakes.md:46:1: say what this block is`,
			`testdata/parse-mistakes.md:50:1: this ` + "```paxos block is never closed",
		}},
		{"testdata/no-title.md", []string{
			`testdata/no-title.md:1:1: a lesson starts with its title`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			src, err := os.ReadFile(tt.file)
			if err != nil {
				t.Fatal(err)
			}
			err = Lint(tt.file, string(src))
			errs, ok := err.(game.Errors)
			if !ok {
				t.Fatalf("Lint = %v, want game.Errors", err)
			}
			for i := range max(len(errs), len(tt.want)) {
				switch {
				case i >= len(errs):
					t.Errorf("missing error %d: %s", i+1, tt.want[i])
				case i >= len(tt.want):
					t.Errorf("unexpected error: %v", errs[i])
				case !strings.HasPrefix(errs[i].Error(), tt.want[i]):
					t.Errorf("error %d\n got: %v\nwant: %s…", i+1, errs[i], tt.want[i])
				}
			}
		})
	}
}

// Every message says how to fix the mistake, not only what is wrong: a
// sentence after a colon or a semicolon.
func TestLintMessagesSayHowToFix(t *testing.T) {
	for _, f := range []string{"testdata/lint-mistakes.md", "testdata/play-mistakes.md"} {
		src, _ := os.ReadFile(f)
		for _, e := range Lint(f, string(src)).(game.Errors) {
			if !strings.ContainsAny(e.Msg, ":;") {
				t.Errorf("%v: says nothing of how to fix it", e)
			}
		}
	}
}

func TestExampleLessonIsClean(t *testing.T) {
	src, err := os.ReadFile("testdata/example.md")
	if err != nil {
		t.Fatal(err)
	}
	if err := Lint("testdata/example.md", string(src)); err != nil {
		t.Fatalf("the README's example lesson has mistakes:\n%v", err)
	}
}
