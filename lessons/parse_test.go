package lessons

import (
	"os"
	"reflect"
	"strings"
	"testing"

	"paxosgame/game"
)

func mustParse(t *testing.T, file string) *Lesson {
	t.Helper()
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	l, err := Parse(file, string(src))
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func TestParseExample(t *testing.T) {
	l := mustParse(t, "testdata/example.md")
	if l.Title != "Promises carry votes (a short example)" {
		t.Errorf("title %q", l.Title)
	}
	var kinds []Kind
	for _, s := range l.Steps {
		kinds = append(kinds, s.Kind)
	}
	want := []Kind{KindSetup, KindShow, KindPredict, KindGoal, KindNarration}
	if !reflect.DeepEqual(kinds, want) {
		t.Fatalf("kinds %v, want %v", kinds, want)
	}

	setup := l.Steps[0]
	if setup.Text != "Earlier, A1 voted for 5 EUR in ballot 10 and A2 voted for 6 EUR in ballot 9. Nothing is chosen yet: each value has a single vote." {
		t.Errorf("the lines of a paragraph are joined into one: %q", setup.Text)
	}
	if len(setup.Cmds) != 3 || setup.Cmds[1].Cmd.Verb != game.VSet || setup.Cmds[1].Cmd.Line != 8 {
		t.Errorf("setup commands %+v", setup.Cmds)
	}

	show := l.Steps[1]
	if n := show.Cmds[0].Note; n != "P2 hopes for 7 EUR." {
		t.Errorf("a trailing comment is the note: %q", n)
	}
	if txt := show.Cmds[0].Text; txt != `propose P2 17 "7 EUR"` {
		t.Errorf("text without comment: %q", txt)
	}

	p := l.Steps[2].Predict
	if p.Question != "Which value will P2 ask the acceptors to vote for?" {
		t.Errorf("question %q", p.Question)
	}
	var choices []string
	for _, c := range p.Choices {
		choices = append(choices, c.Text)
	}
	if !reflect.DeepEqual(choices, []string{"7 EUR", "6 EUR", "5 EUR"}) {
		t.Errorf("choices %q", choices)
	}
	if q := p.Query; q.Cmd.Expect != game.ExpectValue || q.Cmd.Node.String() != "P2" || q.Line != 27 {
		t.Errorf("query %+v", q)
	}
	if len(l.Steps[2].Cmds) != 2 {
		t.Errorf("the predict plays 2 commands, has %d", len(l.Steps[2].Cmds))
	}

	g := l.Steps[3].Goal
	if len(g.Expects) != 2 || g.Expects[0].Note != "5 EUR is chosen" {
		t.Errorf("expects %+v", g.Expects)
	}
	if len(g.Hints) != 1 || g.SolLine != 45 || g.Par() != 2 || g.Challenge {
		t.Errorf("goal %+v", g)
	}
	if !g.Allow.Allows(game.VDeliver) || g.Allow.Allows(game.VPropose) || !g.Allow.Allows(game.VExpect) || g.Allow.Line != 32 {
		t.Errorf("allow %+v", g.Allow)
	}
}

func TestParseNotesHintsAndChallenge(t *testing.T) {
	src := "# T\n\n" +
		"```paxos show\n" +
		"# Two lines of comment\n" +
		"# say what comes next.\n" +
		"propose P1   # and a trailing one\n" +
		"deliver #1\n" +
		"```\n\n" +
		"Intro to the goal, with a majority (2 of\n3) and\nthree lines.\n\n" +
		"- a list item\n- another\n\n" +
		"1. first\n2. second\n\n" +
		"```paxos goal challenge\n" +
		"expect A1 promised 1\n" +
		"```\n\n" +
		"```paxos hint\nFirst hint,\non two lines.\n\nSecond hint.\n```\n\n" +
		"```paxos solution\ndeliver 1a P1->A1\n```\n"
	l, err := Parse("t.md", src)
	if err != nil {
		t.Fatal(err)
	}
	show := l.Steps[0]
	if n := show.Cmds[0].Note; n != "Two lines of comment say what comes next. and a trailing one" {
		t.Errorf("note %q", n)
	}
	if c := show.Cmds[1].Cmd; c.Sel.ID != 1 || show.Cmds[1].Note != "" {
		t.Errorf("#1 is a message id, not a comment: %+v", show.Cmds[1])
	}
	goal := l.Steps[1]
	if goal.Text != "Intro to the goal, with a majority (2 of 3) and three lines.\n\n- a list item\n- another\n\n1. first\n2. second" {
		t.Errorf("narration %q", goal.Text)
	}
	if !reflect.DeepEqual(goal.Goal.Hints, []string{"First hint, on two lines.", "Second hint."}) {
		t.Errorf("hints %q", goal.Goal.Hints)
	}
	if par, ok := l.Challenge(); !ok || par != 1 {
		t.Errorf("challenge par %d %v", par, ok)
	}
}

func TestQueryAnswersMatchExpects(t *testing.T) {
	// An answer, put after its query, must make an expect that holds.
	g := game.NewGame()
	for _, line := range []string{`set A1 voted 10 "5 EUR"`, `set A2 promised 10`, `propose P2 17`, `deliver 1a P2->A1`, `crash L2`} {
		c, _, err := game.ParseLine(line)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := g.Exec(c); err != nil {
			t.Fatal(err)
		}
	}
	for _, q := range []string{"chosen", "agreement", "in-flight", "A1 promised", "A1 voted", "A2 voted", "A1 state",
		"P2 phase", "P2 ballot", "P2 value", "L1 learned", "L2 state"} {
		query, perr := parseQuery("answer " + q)
		if perr != nil {
			t.Fatalf("%s: %v", q, perr)
		}
		got := g.World().Actual(query.Cmd)
		if err := g.World().Check(got); err != nil {
			t.Errorf("answer %s: %s does not hold: %v", q, got, err)
		}
	}
}

// A node written otherwise than the game writes it (a1, P01, A+1) is
// refused wherever a lesson names it, with the node it likely means.
func TestNodesAreWrittenAsTheGameWritesThem(t *testing.T) {
	src := "# Nodes\n\n```paxos show\npropose P01\nexpect a1 promised 1\n```\n\n```paxos predict\n? What?\n- 1\n- 2\nanswer A+1 promised\n```\n"
	want := "t.md:4:9: expected a proposer such as P2, found \"P01\": did you mean P1?\n" +
		"t.md:5:8: expected what to check: chosen, nothing-chosen, agreement, violation, in-flight N, or a node such as A1, found \"a1\": did you mean A1?\n" +
		"t.md:12:8: \"A+1\" is not something a question can ask about: did you mean A1?"
	if _, err := Parse("t.md", src); err == nil || err.Error() != want {
		t.Errorf("errors\n%v\nwant\n%s", err, want)
	}
}

// A UTF-8 byte order mark at the start of a lesson is skipped.
func TestParseSkipsByteOrderMark(t *testing.T) {
	src, err := os.ReadFile("testdata/example.md")
	if err != nil {
		t.Fatal(err)
	}
	want, err := Parse("example.md", string(src))
	if err != nil {
		t.Fatal(err)
	}
	got, err := Parse("example.md", game.ByteOrderMark+string(src))
	if err != nil {
		t.Fatalf("a lesson that starts with a byte order mark: %v", err)
	}
	if got.Title != want.Title || !reflect.DeepEqual(got.Steps, want.Steps) {
		t.Errorf("a byte order mark changes the lesson: title %q, want %q", got.Title, want.Title)
	}
}

// A control character anywhere in a lesson, prose or command, raw or
// (in a value) escaped, is refused at its line and column.
func TestParseRefusesControlCharacters(t *testing.T) {
	src := "# A lesson\n\nNarration \x1b[2Jhere.\n\n```paxos show\npropose P2 17 \"\\x1b[31mEVIL\"\n```\n"
	_, err := Parse("evil.md", src)
	if err == nil {
		t.Fatal("a lesson with control characters parses")
	}
	for _, want := range []string{
		`evil.md:3:11: a lesson is printable text: \x1b is a control character`,
		`evil.md:6:16: a value is printable text: \x1b is a control character`,
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("no %q in:\n%v", want, err)
		}
	}
}

// "A raw C1 byte (0x9b) in lesson prose passes lesson lint" (issue 18):
// the lesson is held to the game's printable rule, line by line.
func TestParseRefusesWhatIsNotPrintable(t *testing.T) {
	src := "# A lesson\n\nA CSI \x9b2J byte.\n\tTabs\tare fine.\nSee \u202eRUE 5.\nA\u2028B.\nI \u2764\ufe0f it.\nNon\uffff.\n" +
		"\n```paxos show\npropose P2 17 # \u200b\n```\n"
	_, err := Parse("evil.md", src)
	if err == nil {
		t.Fatal("the lesson parses")
	}
	for _, want := range []string{
		`evil.md:3:7: a lesson is printable text: \x9b is a byte that is not UTF-8, which a lesson may not contain`,
		`evil.md:5:5: a lesson is printable text: \u202e is a bidi control, which a lesson may not contain`,
		`evil.md:6:2: a lesson is printable text: \u2028 is a line separator, which a lesson may not contain`,
		`evil.md:7:3: a lesson is printable text: "❤️" takes a different number of columns on different terminals, and would shift the columns of the screen`,
		`evil.md:8:4: a lesson is printable text: \uffff is a noncharacter, which a lesson may not contain`,
		`evil.md:11:17: a comment is printable text too: \u200b is an invisible format character, which a comment may not contain`,
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("no %q in:\n%v", want, err)
		}
	}
	if strings.Contains(err.Error(), "evil.md:4:") {
		t.Errorf("a tab is refused:\n%v", err)
	}
}

// A choice's comment is the words the student reads; the choice itself is
// what the computed answer is compared with.
func TestChoiceLabels(t *testing.T) {
	src := "# T\n\n" +
		"```paxos setup\nconfig proposers 5 acceptors 3 learners 2\n```\n\n" +
		"```paxos predict\n" +
		"? Which ballot does P2 start?\n" +
		"- 2     # ballot 2\n" +
		"- 7     # ballot 7\n" +
		"- nothing # no ballot: P2 stays idle\n" +
		`- "5 EUR"` + "\n" +
		"propose P2\n" +
		"answer P2 ballot\n" +
		"```\n"
	l, err := Parse("t.md", src)
	if err != nil {
		t.Fatal(err)
	}
	var choices []string
	for _, c := range l.Steps[1].Predict.Choices {
		choices = append(choices, c.Text)
	}
	if want := []string{"ballot 2", "ballot 7", "no ballot: P2 stays idle", "5 EUR"}; !reflect.DeepEqual(choices, want) {
		t.Errorf("choices %q, want %q", choices, want)
	}
	s, err := NewSession(l)
	if err != nil {
		t.Fatal(err)
	}
	for s.Step().Kind != KindPredict {
		if _, err := s.Next(); err != nil {
			t.Fatal(err)
		}
	}
	if v, err := s.Answer(0); err != nil || !v.Right || v.Text != "ballot 2" {
		t.Errorf("the answer 2 is shown as %q (right %v, %v), want ballot 2", v.Text, v.Right, err)
	}
	twice := strings.Replace(src, "# ballot 7", "# ballot 2", 1)
	want := "t.md:10:1: this choice reads \"ballot 2\", as the one at line 9 does: give each choice its own words after the #"
	if err := Lint("t.md", twice); err == nil || err.Error() != want {
		t.Errorf("two choices that read the same:\n got: %v\nwant: %s", err, want)
	}
}

// "Errors echo whole tokens (a 5 MB token, a 5 MB error)" (issue 18): a
// lesson's errors quote 40 characters of a word.
func TestErrorsQuoteAShortPieceOfAWord(t *testing.T) {
	long := strings.Repeat("z", 5<<20)
	src := "# A lesson\n\nText.\n\n```paxos show\n" + long + "\n```\n\n```paxos " + long + "\n```\n"
	_, err := Parse("long.md", src)
	if err == nil || len(err.Error()) > 2000 {
		t.Fatalf("an error of %d bytes", len(err.Error()))
	}
	if !strings.Contains(err.Error(), `"`+strings.Repeat("z", 40)+`"… (5242880 characters)`) {
		t.Errorf("the word is not quoted in short:\n%s", err)
	}
}

// A lesson of one long paragraph reads in time proportional to its
// length: its lines were joined one by one, and a 1 MB paragraph took 40 s.
func TestLongParagraph(t *testing.T) {
	para := strings.Repeat("propose P1\n", 100_000)
	l, err := Parse("long.md", "# Long\n\n"+para+"\n```paxos show\npropose P1\n```\n")
	if err != nil {
		t.Fatal(err)
	}
	if got := l.Steps[0].Text; len(got) != len(para)-1 || strings.Contains(got, "\n") {
		t.Errorf("the paragraph reads %d bytes, want %d on one line", len(got), len(para)-1)
	}
}
