package plain

import (
	"os"
	"strings"
	"testing"
	"unicode"

	"paxosgame/game"
	"paxosgame/narrate"
	"paxosgame/paxos"
)

// freePlay plays lines in a new free play through a pipe and returns what
// was written.
func freePlay(t *testing.T, opts Options, lines ...string) string {
	t.Helper()
	var out strings.Builder
	opts.Echo = true
	if err := Play(game.NewGame(), "free play", strings.NewReader(strings.Join(lines, "\n")+"\n"), &out, opts); err != nil {
		t.Fatal(err)
	}
	return out.String()
}

// "Each event is one sentence from the narrator, printed once" (issue
// 22): the narration of each command, as narrate.Lines tells it, follows the
// command, once.
func TestEachEventOnce(t *testing.T) {
	cmds := []string{"propose P2 17", "deliver all", "propose P5", "deliver 1a P5->A1", "crash A2"}
	out := freePlay(t, Options{}, cmds...)
	g := game.NewGame()
	for _, line := range cmds {
		c, _, perr := game.ParseLine(line)
		if perr != nil {
			t.Fatal(perr)
		}
		evs, err := g.Exec(c)
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range narrate.Lines(evs) {
			if l.Kind == game.EvSend {
				continue
			}
			if n := strings.Count(out, "\n"+l.Text+"\n"); n != 1 {
				t.Errorf("%q is written %d times, want once", l.Text, n)
			}
		}
	}
	if !strings.Contains(out, "> deliver all\n") {
		t.Errorf("a line read from a pipe is not echoed after the prompt:\n%s", out)
	}
}

// A decision of a node played by hand lists its numbered choices as lines
// and a bare number takes one, as the command it is; back and forward undo
// and redo.
func TestDecisionsByNumberAndUndo(t *testing.T) {
	out := freePlay(t, Options{}, "hand A1", "propose P2 17", "deliver 1a P2->A1", "4", "2", "look A1", "back", "look A1", "forward", "1")
	contains(t, out,
		"A1's choices; type a number:\n"+
			"1. promise A1: promise P2 not to vote below 17; report no vote.\n"+
			"2. refuse A1: refuse prepare 17: send P2 a refusal.\n"+
			"3. ignore A1: ignore it: answer nothing.\n",
		"> 4\nA1 has 3 choices: 1 to 3.\n",
		"> 2\nChoice 2: refuse A1.\nA1 refuses P2's prepare 17, though it could have promised",
		"> look A1\nA1 is up and played by hand. It has promised nothing and not voted.\n",
		"> back\nUndone: step 4, refuse A1. Now at step 3 of 4; forward takes it again.\nA1's choices",
		"> forward\nStep 4 of 4: refuse A1.\nA1 refuses",
		"> 1\nNo node you play waits for a decision.",
	)
}

// look describes the whole game, a node, the network and the meter, in
// the game's own sentences (game.World's NodeWords, NetworkWords,
// MeterWords).
func TestLook(t *testing.T) {
	cmds := []string{"propose P2 17", "deliver 1a P2->A1", "deliver 1b A1->P2"}
	g := game.NewGame()
	for _, l := range cmds {
		c, _, _ := game.ParseLine(l)
		if _, err := g.Exec(c); err != nil {
			t.Fatal(err)
		}
	}
	w := g.World()
	out := freePlay(t, Options{}, append(cmds, "look", "look p2", "look network", "look meter", "look A9", "look everything")...)
	after := func(cmd string) string {
		_, rest, _ := strings.Cut(out, "> "+cmd+"\n")
		text, _, _ := strings.Cut(rest, "> ")
		return text
	}
	whole := after("look")
	for _, id := range w.Nodes() {
		if !strings.Contains(whole, narrate.Node(w, id)+"\n") {
			t.Errorf("look does not describe %s", id)
		}
	}
	for _, want := range append(narrate.Network(w), narrate.Meter(w, 6)...) {
		if !strings.Contains(whole, want+"\n") {
			t.Errorf("look lacks %q", want)
		}
	}
	if got := after("look p2"); got != narrate.Node(w, paxos.P(2))+"\n" {
		t.Errorf("look p2: %q", got)
	}
	if got := after("look network"); got != strings.Join(narrate.Network(w), "\n")+"\n" {
		t.Errorf("look network: %q", got)
	}
	if got := after("look meter"); got != strings.Join(narrate.Meter(w, 6), "\n")+"\n" {
		t.Errorf("look meter: %q", got)
	}
	for _, cmd := range []string{"look A9", "look everything"} {
		if got := after(cmd); !strings.HasPrefix(got, "look takes a node") {
			t.Errorf("%s: %q", cmd, got)
		}
	}
}

// "No cursor movement, no box drawing, no colour" (DESIGN §12), whatever
// is typed; with ASCII asked for, every byte is ASCII.
func TestPlainText(t *testing.T) {
	lines := []string{"help", "look", "hand A1", "propose P2", "deliver all", "1", "look network", "look meter",
		"propose \x1b[2J", "deliver \"\x1b]0;x\a\"", "frobnicate", strings.Repeat("x", maxLine+1), "quit", "look"}
	for _, ascii := range []bool{false, true} {
		out := freePlay(t, Options{ASCII: ascii}, lines...)
		for _, r := range out {
			switch {
			case r == '\n':
			case unicode.IsControl(r):
				t.Fatalf("a control character %U is written:\n%q", r, out)
			case r >= 0x2500 && r <= 0x259F:
				t.Fatalf("a box drawing character %q is written", r)
			case ascii && r >= 0x80:
				t.Fatalf("with ASCII, %q is written", r)
			}
		}
		for _, want := range []string{`\x1b[2J`, "longer than 4096 characters: it is ignored", "Goodbye.\n"} {
			if !strings.Contains(out, want) {
				t.Errorf("the transcript lacks %q", want)
			}
		}
		if strings.HasSuffix(out, "> look\n") || strings.Count(out, "> look\n") != 1 {
			t.Errorf("a line after quit was read:\n%s", out)
		}
	}
}

// A terminal gets a prompt and is not echoed: the terminal echoes.
func TestPromptInATerminal(t *testing.T) {
	var out strings.Builder
	c := newConsole(nil, &out, Options{})
	c.p.say("hello")
	c.run(strings.NewReader("help\n"))
	if !strings.HasPrefix(out.String(), "hello\n> Type one command a line.\n") || !strings.HasSuffix(out.String(), "> \n") {
		t.Errorf("%q", out.String())
	}
}

// The lesson's text reads without Markdown's marks, a paragraph a line.
func TestParagraphs(t *testing.T) {
	md := "# Title\n\nSome **strong** and *soft* words,\ntyped `propose P2` and 2 * 3.\n\n- one\n- two\n\n```\ncode  kept\n```\n"
	got := strings.Join(Paragraphs(md), "|")
	want := "Title|Some strong and soft words, typed propose P2 and 2 * 3.|- one|- two|code  kept"
	if got != want {
		t.Errorf("%q\nwant %q", got, want)
	}
}

// The example of docs/plain.md is what the plain mode writes, after hand
// A1 and propose P2 17.
func TestDocsExample(t *testing.T) {
	src, err := os.ReadFile("../docs/plain.md")
	if err != nil {
		t.Fatal(err)
	}
	_, rest, _ := strings.Cut(string(src), "# Without the screen: `--plain`")
	_, rest, _ = strings.Cut(rest, "```\n")
	example, _, _ := strings.Cut(rest, "```\n")
	lines := []string{"hand A1", "propose P2 17"}
	for _, l := range strings.Split(example, "\n") {
		if cmd, ok := strings.CutPrefix(l, "> "); ok {
			lines = append(lines, cmd)
		}
	}
	if len(lines) < 4 {
		t.Fatalf("no example found:\n%s", example)
	}
	if out := freePlay(t, Options{}, lines...); !strings.Contains(out, example) {
		t.Errorf("the example of docs/plain.md:\n%s\nthe plain mode writes:\n%s", example, out)
	}
}

// contains fails for each text the transcript out lacks.
func contains(t *testing.T, out string, texts ...string) {
	t.Helper()
	for _, want := range texts {
		if !strings.Contains(out, want) {
			t.Errorf("the transcript lacks %q:\n%s", want, out)
		}
	}
}
