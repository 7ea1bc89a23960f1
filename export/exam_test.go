package export

import (
	"bytes"
	"flag"
	"os"
	"strings"
	"testing"

	"github.com/yuin/goldmark"

	"paxosgame/game"
	"paxosgame/paxos"
)

var update = flag.Bool("update", false, "rewrite the exam sheets in testdata")

func readExam(t *testing.T) string {
	t.Helper()
	src, err := os.ReadFile("testdata/exam.paxos")
	if err != nil {
		t.Fatal(err)
	}
	return string(src)
}

// The exam scenario of testdata, as a sheet and with its key: compared
// with testdata/exam.md and exam-key.md (go test ./export -run
// TestExamSheet -update writes them anew; read the diff).
func TestExamSheet(t *testing.T) {
	src := readExam(t)
	for _, tt := range []struct {
		golden  string
		answers bool
	}{{"testdata/exam.md", false}, {"testdata/exam-key.md", true}} {
		got, err := Exam("exam.paxos", src, ExamOptions{At: -1, Answers: tt.answers})
		if err != nil {
			t.Fatal(err)
		}
		if *update {
			os.WriteFile(tt.golden, []byte(got), 0o644)
		}
		want, err := os.ReadFile(tt.golden)
		if err != nil {
			t.Fatal(err)
		}
		if got != string(want) {
			t.Errorf("%s differs (go test ./export -run TestExamSheet -update, then read the diff):\n%s", tt.golden, got)
		}
	}
}

// Issue 23: "The Markdown narrates the answer to the exam's first
// question … it has no table of the state … and no title of the TA's
// choosing." The sheet: the title from the first comment, the state at
// the step just before the first question (the start's set lines
// included), a table per role, the messages in flight, the comments as
// the questions — and nothing of what comes after the step: no narration,
// no command of it, no expect line, no find, bounds or answer line.
func TestExamSheetTellsNothingOfWhatComesNext(t *testing.T) {
	sheet, err := Exam("exam.paxos", readExam(t), ExamOptions{At: -1})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"# What can still be chosen?\n\nBallot 17 is under way. Answer each question from the state below, and say why.\n",
		"## The state after step 3 of the scenario\n",
		"| A1 | 17 | 10 | 5 EUR |\n", "| A2 | 9 | 9 | 6 EUR |\n", "| A3 | 17 | — | — |\n", // set lines, then the promises of 17
		"| P2 | 1: gathering promises | 17 | — | prefers 7 EUR |\n",
		"| P3 | idle | — | — | prefers 8 EUR |\n",
		"| L1 | 0 | — |\n",
		"| #4 | 1b | A1 | P2 | promise 17 · voted 10 \"5 EUR\" |\n",
		"1. Can 6 EUR still be chosen?\n2. Can 8 EUR be chosen?\n3. Once the promises of A1 and A3 reach P2, what will P2 ask the acceptors to vote for?\n",
	} {
		if !strings.Contains(sheet, want) {
			t.Errorf("the sheet lacks %q:\n%s", want, sheet)
		}
	}
	for _, never := range []string{"deliver 1b", "expect", "adopt", "find", "bounds", "answer:", "teacher", "8 EUR is voted nowhere", "asks every acceptor to vote"} {
		if strings.Contains(strings.ToLower(sheet), never) {
			t.Errorf("the sheet tells what comes next: %q", never)
		}
	}
	// --at: the start, its set lines as they left it; the questions are
	// the comments after the step.
	start, err := Exam("exam.paxos", readExam(t), ExamOptions{At: 0, Title: "Exam 1"})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"# Exam 1\n", "## The state at the start, as the scenario sets it up\n", "| A1 | 10 | 10 | 5 EUR |\n", "| A3 | — | — | — |\n", "### Messages in flight\n\nNone.\n"} {
		if !strings.Contains(start, want) {
			t.Errorf("--at 0 lacks %q:\n%s", want, start)
		}
	}
	if _, err := Exam("exam.paxos", readExam(t), ExamOptions{At: 9}); err == nil || err.Error() != "--at 9: the scenario has 5 steps (0 is its start, once set up)" {
		t.Errorf("--at past the end: %v", err)
	}
}

// The key: the teacher's answer, each expect line after the step checked
// and said in words, and the explorer's run (or its no) for each find
// question, within the bounds its question gives or the ones the
// explorer chose (explore.Choose), and what a no covers.
func TestExamKey(t *testing.T) {
	key, err := Exam("exam.paxos", readExam(t), ExamOptions{At: -1, Answers: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"**The teacher's answer:** Yes. A2 and A3 are a majority",
		"**Yes:** a run of 5 steps from the state on the sheet reaches `chosen \"6 EUR\"`, the shortest within the bounds it chose, `--proposers P1 --ballots 0 --crashes 0 --duplicates 0 --above`",
		"- no new ballot: the ballots running reach it\n",
		"```paxos\ndeliver 1a P2->A2\ndeliver 1b A3->P2\ndeliver 1b A2->P2\ndeliver 2a P2->A1\ndeliver 2a P2->A2\n```\n",
		"**No run within the bounds reaches it:** the explorer tried every run from the state on the sheet within the bounds it chose, `--proposers P3 --ballots 1 --crashes 0 --duplicates 0 --above`",
		"A no covers these bounds only: no run with P3 proposing up to 1 ballot above those in play, P2 going on with the ballot it runs, nothing failing.",
		"- P3: \"8 EUR\" is voted nowhere and no message or proposer carries it, so only a proposer whose own value it is can put it forward\n",
		"- Step 5, `deliver 1b A3->P2`: P2 has promises from a majority (2 of 3) for 17 and asks every acceptor to vote for 5 EUR",
		"- ✓ `expect P2 value \"5 EUR\"`: P2's value is 5 EUR.\n",
	} {
		if !strings.Contains(key, want) {
			t.Errorf("the key lacks %q:\n%s", want, key)
		}
	}
	// An expect that fails is said so, with why; a search stopped at its
	// bound says it did not answer.
	src := strings.Replace(readExam(t), `expect P2 value "5 EUR"`, `expect P2 value "6 EUR"`, 1)
	key, err = Exam("exam.paxos", src, ExamOptions{At: -1, Answers: true, MaxStates: 20})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"- ✗ `expect P2 value \"6 EUR\"` does not hold: expected P2 value \"6 EUR\", but P2's value is 5 EUR. P2 is up.",
		"**Not answered:** the search from the state on the sheet for `chosen \"6 EUR\"` stopped at",
	} {
		if !strings.Contains(key, want) {
			t.Errorf("the key lacks %q:\n%s", want, key)
		}
	}
}

// A find or bounds line is read as check reads --find and its flags: its
// mistakes are said at their line and column, and nothing is written.
func TestExamLinesSayWhereTheyAreWrong(t *testing.T) {
	base := "# T\nconfig proposers 2 acceptors 3 learners 0\n# Can 1 EUR be chosen?\n"
	for _, tt := range []struct{ line, want string }{
		{`# find: expect A4 voted nothing`, `e.paxos:4:16: find: there is no A4: this cluster has A1 to A3`},
		{`#   find: expect chosn "1 EUR"`, `e.paxos:4:18: find: expected what to check: chosen, nothing-chosen, agreement, violation, in-flight N, or a node such as A1, found "chosn": did you mean chosen?`},
		{`# find: propose P1`, `e.paxos:4:9: find: expected an expect line such as expect chosen "6 EUR", found the command propose: a search looks for a state where expect lines hold`},
		{`# find:`, `e.paxos:4:8: find: expected an expect line such as expect chosen "6 EUR", found nothing`},
		{`# bounds: --proposers P3`, `e.paxos:4:23: bounds: "P3" is not a proposer of this cluster (P1 to P2)`},
		{`# bounds: --balots 2`, `e.paxos:4:11: bounds: "--balots" is not a bound: did you mean --ballots?`},
		{`# bounds: --crashes many`, `e.paxos:4:11: bounds: --crashes takes a number, such as --crashes 2`},
	} {
		_, err := Exam("e.paxos", base+tt.line+"\n", ExamOptions{At: -1})
		if err == nil || err.Error() != tt.want {
			t.Errorf("%s:\n got %v\nwant %s", tt.line, err, tt.want)
		}
	}
	if _, err := Exam("e.paxos", "config proposers 2\n# find: expect chosen \"1 EUR\"\n", ExamOptions{At: -1}); err == nil ||
		err.Error() != "e.paxos:2:1: a find: line belongs to a question: write the question as a comment line above it" {
		t.Errorf("a find line with no question: %v", err)
	}
}

// The exam escapes for CommonMark what it takes from the scenario — the
// title, the introduction, the questions, the teacher's answers — as the
// handout escapes values: goldmark finds no HTML node and no link in the
// sheet or its key, and the page reads as written.
func TestExamOfHostileText(t *testing.T) {
	var b strings.Builder
	b.WriteString("# " + hostileValues[0] + " exam\n# " + hostileValues[1] + "\nconfig proposers 5 acceptors 3 learners 1\n")
	for i, v := range hostileValues[:5] {
		b.WriteString("set P" + string(rune('1'+i)) + " value " + game.Quote(paxos.Value(v)) + "\n")
	}
	b.WriteString("propose P1\ndeliver 1a P1->A1\n")
	for _, v := range hostileValues {
		b.WriteString("\n# " + v + " | ? \n# answer: " + v + "\n")
	}
	b.WriteString("# find: expect chosen " + game.Quote(paxos.Value(hostileValues[0])) + "\n# bounds: --proposers P1\n")
	for _, answers := range []bool{false, true} {
		page, err := Exam("hostile.paxos", b.String(), ExamOptions{At: -1, Answers: answers})
		if err != nil {
			t.Fatal(err)
		}
		checkCommonMark(t, []byte(page))
		var html bytes.Buffer
		if err := goldmark.New().Convert([]byte(page), &html); err != nil {
			t.Fatal(err)
		}
		seen := htmlText(html.String())
		for _, v := range hostileValues {
			if !strings.Contains(seen, v+" | ?") {
				t.Errorf("the question %q does not read as written", v)
			}
		}
		if !strings.Contains(seen, hostileValues[0]+" exam") || !strings.Contains(seen, "prefers "+hostileValues[4]) {
			t.Errorf("the title or a value does not read as written:\n%.600s", seen)
		}
	}
}
