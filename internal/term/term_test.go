package term

import (
	"os"
	"testing"
)

// The Linux console, a dumb terminal and an old vt cannot draw the marks;
// PAXOSGAME_ASCII asks for ASCII anywhere.
func TestASCII(t *testing.T) {
	for _, tc := range []struct {
		term, env string
		want      bool
	}{
		{"xterm-256color", "", false}, {"xterm", "1", true}, {"linux", "", true}, {"dumb", "", true}, {"vt100", "", true},
	} {
		t.Setenv("TERM", tc.term)
		t.Setenv(ASCIIEnv, tc.env)
		if got := ASCII(); got != tc.want {
			t.Errorf("TERM=%s %s=%q: %v, want %v", tc.term, ASCIIEnv, tc.env, got, tc.want)
		}
	}
}

// Prose in ASCII keeps its sense: arrows, ellipses and marks spelled out;
// anything else not ASCII is a question mark.
func TestASCIIText(t *testing.T) {
	in := "sends #1 1a P2→A1 · ★ CHOSEN… ✗ 5 € 猫"
	want := "sends #1 1a P2->A1 - * CHOSEN... x 5 EUR ?"
	if got := ASCIIText(in); got != want {
		t.Errorf("%q, want %q", got, want)
	}
}

// A pipe is not a terminal.
func TestIsTerminal(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	if IsTerminal(r) || IsTerminal(w) || IsTerminal(nil) {
		t.Error("a pipe is taken for a terminal")
	}
}
