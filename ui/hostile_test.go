package ui

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
)

// A value typed on the `:` line with control characters, written as
// escapes, is refused by the parser: nothing of it reaches the terminal
// raw, and the game is unchanged.
func TestCommandLineRefusesControlCharacters(t *testing.T) {
	for _, line := range []string{
		`propose P3 "\x1b[2J\x1b[H\x1b[31mEVIL"`,
		`propose P2 1 "a\nb\rc"`,
	} {
		m := newTestGame(t, 120, 40)
		before := world(m).Step
		command(m, line)
		view := m.Content()
		for _, raw := range []string{"\x1b[2J", "\x1b[H\x1b[31m", "a\nb", "\r"} {
			if strings.Contains(view, raw) {
				t.Errorf("%s: the view has %q raw", line, raw)
			}
		}
		if !strings.Contains(screenOf(m), "printable text") {
			t.Errorf("%s: the refusal does not say what a value may be:\n%s", line, screenOf(m))
		}
		if world(m).Step != before {
			t.Errorf("%s: a refused line changed the game", line)
		}
	}
}

// `paxosgame play` of what is not a script file is refused at once, and a
// file name is shown with its control characters escaped, in the title
// and in errors.
func TestPlayRefusesWhatIsNotAScript(t *testing.T) {
	if _, err := os.Stat("/dev/zero"); err == nil {
		var out, errOut bytes.Buffer
		if status := Main([]string{"/dev/zero"}, &out, &errOut); status != 2 || !strings.Contains(errOut.String(), "/dev/zero is a device, not a regular file") {
			t.Errorf("play /dev/zero: status %d, stderr %q", status, errOut.String())
		}
	}
	dir := t.TempDir()
	name := filepath.Join(dir, "evil\x1b[2J.paxos")
	if err := os.WriteFile(name, []byte("propose P2 17\n"), 0o644); err != nil {
		t.Skipf("this file system refuses the name: %v", err)
	}
	m, err := NewPlay(true, false, []string{name})
	if err != nil {
		t.Fatal(err)
	}
	send(m, sizeMsg(120, 40))
	if strings.Contains(m.Content(), "\x1b[2J") || !strings.Contains(screenOf(m), `evil\x1b[2J.paxos`) {
		t.Errorf("the title shows the file name raw or not at all:\n%s", screenOf(m))
	}
	var out, errOut bytes.Buffer
	if status := Main([]string{filepath.Join(dir, "missing\x1b[2J.paxos")}, &out, &errOut); status != 2 || strings.Contains(errOut.String(), "\x1b") || !strings.Contains(errOut.String(), `missing\x1b[2J.paxos`) {
		t.Errorf("a missing file: status %d, stderr %q", status, errOut.String())
	}
}

// "A 50 KB value pasted on the : line: 19 s a frame" (issue 18): the field
// takes at most maxPromptLine characters, and a value longer than a value
// may be is refused with the limit named.
func TestCommandLineTakesABoundedPaste(t *testing.T) {
	m := newTestGame(t, 100, 30)
	keys(m, ":")
	send(m, tea.PasteMsg{Content: `propose P1 6 "` + strings.Repeat("x", 50_000) + `"`})
	if n := len(lineOpen(playOf(m), ":").in.value()); n != maxPromptLine {
		t.Errorf("the field holds %d characters, want %d", n, maxPromptLine)
	}
	keys(m, "esc", ":")
	typeText(m, `propose P1 6 "`+strings.Repeat("y", 201)+`"`)
	keys(m, "enter")
	if !strings.Contains(screenOf(m), "a value may have at most 200 characters; this one has 201") {
		t.Errorf("the limit is not named:\n%s", screenOf(m))
	}
	if world(m).Step != 0 {
		t.Error("a refused line changed the game")
	}
}
