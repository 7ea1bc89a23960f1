package export

import (
	"strings"
	"testing"

	"paxosgame/game"
)

// "A handout a student keeps: the script's comments as prose, expect
// lines as "the game checks that …", a title from the script's first
// comment, CHOSEN and VIOLATION marked (★, ✗), an outcome paragraph at the
// end, a diagram that reads at page width" (issue 22).
func TestHandoutOfTheBattle(t *testing.T) {
	md := Markdown("duelling-ballots", open(t, battle))
	for _, want := range []string{
		"# The battle of proposers: no termination\n\nP2 and P5 keep preempting each other with ballots 17, 20, 22, 25 and 42: each new prepare",
		"*The run of the script `duelling-ballots`, 44 steps.*",
		"**1 · `propose P2 17 \"8 EUR\"`**\n\n- P2 starts ballot 17 with 8 EUR in mind",
		"✓ The game checks that:\n\n- P2 is in phase 2, asking for votes\n- P2's ballot is 17\n",
		"*The diagram of steps 1 to 6:*\n\n```mermaid\n---\nconfig:\n  sequence:\n    mirrorActors: false\n",
		"---\nsequenceDiagram\n    participant P2\n    participant A1\n    participant A2\n    participant A3\n    Note over P2: 1\n    Note over P2,A1: 2\n    P2->>A1: prepare 17\n",
		"    Note over P2,A3: still in flight at the end\n    A3--)P2: promise 17 · no vote\n",
		"\nP5 comes in with 20 before P2's accept requests arrive.\n\n**7 · ",
		"✓ The game checks that A1 has promised not to vote below 20.\n",
		"## The outcome\n\nAfter step 44: Nothing is chosen yet. No safety property failed",
		"15 messages are in flight at the end. The 32 expect lines the script has here all hold.",
		"## The script\n\nPlay it with `paxosgame play FILE`",
		"```paxos\n# The battle of proposers: no termination. P2 and P5 keep preempting each\n",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("no %q in the handout", want)
		}
	}
	// A diagram per scene: five comments, five scenes.
	if n := strings.Count(md, "```mermaid\n"); n != 5 {
		t.Errorf("%d diagrams, want one for each of the 5 scenes", n)
	}
	// The title is not said again as prose.
	if strings.Count(md, "The battle of proposers") != 2 { // the title and the script
		t.Errorf("the first comment is written %d times", strings.Count(md, "The battle of proposers"))
	}
}

// CHOSEN is ★ and VIOLATION ✗, in bold, in the steps and in the outcome.
func TestHandoutMarksChosenAndViolation(t *testing.T) {
	md := Markdown("keep-promise-off", open(t, "../game/testdata/rule-keep-promise-off.paxos"))
	for _, want := range []string{
		"- ★ **CHOSEN: 10 EUR in ballot 20, voted by A2, A3.",
		"- ✗ **VIOLATION: Agreement fails: 8 EUR is chosen in ballot 17 (A1, A2), but 10 EUR was already chosen.**",
		"After step 15: ★ Chosen: 10 EUR in ballot 20 at step 12",
		"✗ VIOLATION at step 14: two values chosen (Agreement)",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("no %q in the handout", want)
		}
	}
}

// An expect line that does not hold is said so, with why; a step's own
// comment follows its command; a script without comments is titled by
// its name, and a long scene has a diagram per 20 steps.
func TestHandoutChecksAndComments(t *testing.T) {
	src := "propose P1 # the first ballot\nexpect P1 phase 2\ndeliver all\nexpect chosen \"1 EUR\"\n"
	g, err := game.Open("x.paxos", src)
	if err != nil {
		t.Fatal(err)
	}
	md := Markdown("x", g)
	for _, want := range []string{
		"# x\n",
		"**1 · `propose P1 1 \"1 EUR\"`** — *the first ballot*\n",
		"✓ The game checks that ✗ P1 is in phase 2, asking for votes, but it does not hold: ",
		"✓ The game checks that 1 EUR is chosen.\n",
		"Of the 2 expect lines the script has here, 1 do not hold (✗ above).",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("no %q in\n%s", want, md)
		}
	}
	long, err := game.Open("long.paxos", strings.Repeat("propose P1\ndeliver all\n", 25))
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(Markdown("long", long), "```mermaid\n"); n != 3 {
		t.Errorf("50 steps in %d diagrams, want 3 of 20 at most", n)
	}
}

// A part of the run (--from, --to) is titled with its steps, starts with
// what the steps before left, and writes the scene's comment before its
// first step.
func TestHandoutOfAPart(t *testing.T) {
	md, err := ExportPart("markdown", "battle", open(t, battle), Options{From: 7, To: 16})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"# The battle of proposers: no termination (steps 7–16)\n",
		"*The run of the script `battle`, steps 7–16 of 44.*",
		"## As step 6 left it\n\n- A1: promised 17\n- A2: promised 17\n- A3: promised 17\n- 4 messages are in flight\n\n✓ The game checks that:\n\n- P2 is in phase 2, asking for votes\n",
		"P5 comes in with 20 before P2's accept requests arrive.\n\n**7 · ",
		"After step 16: Nothing is chosen yet.",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("no %q in\n%s", want, md)
		}
	}
	if strings.Contains(md, "**6 · ") || strings.Contains(md, "**17 · ") {
		t.Error("a step outside the part")
	}
}

func TestReadScript(t *testing.T) {
	items := readScript("# Title. More\n# words.\n\n# Second\nconfig acceptors 3\nexpect nothing-chosen\npropose P1 # mine\n#\n# after\ndeliver all\n")
	var got []string
	for _, it := range items {
		got = append(got, it.kind+":"+it.text)
	}
	want := "prose:Title. More words.|prose:Second|setup:|check:|step:mine|prose:after|step:"
	if strings.Join(got, "|") != want {
		t.Errorf("items %q, want %q", strings.Join(got, "|"), want)
	}
	if title, rest, at := titleOf(items); at != 0 || title != "Title" || rest != "More words." {
		t.Errorf("title %q, rest %q, item %d", title, rest, at)
	}
}

// A title given (Options.Title) is the handout's, and the first comment
// its introduction, whole.
func TestHandoutTitleGiven(t *testing.T) {
	md, err := ExportPart("markdown", "battle", open(t, battle), Options{Title: "Week 3: <livelock>"})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(md, "# Week 3: \\<livelock\\>\n\nThe battle of proposers: no termination. P2 and P5 keep") {
		t.Errorf("the head:\n%.300s", md)
	}
}
