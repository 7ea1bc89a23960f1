package ui

import (
	"strings"
	"testing"
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
