package game

import "testing"

func TestPrintable(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"game.paxos", "game.paxos"},
		{"€ 7 \"quoted\" back\\slash", "€ 7 \"quoted\" back\\slash"},
		{"evil\x1b[2J", `evil\x1b[2J`},
		{"a\nb\rc\td", `a\nb\rc\td`},
		{"nul\x00del\x7f", `nul\x00del\x7f`},
		{"c1\u0085", `c1\u0085`},
		{"bad\xff", `bad\xff`},
	} {
		if got := Printable(tc.in); got != tc.want {
			t.Errorf("Printable(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// ReadScript reads a regular file, and refuses a directory at once.
func TestReadScript(t *testing.T) {
	src, err := ReadScript("testdata/clean-run.paxos")
	if err != nil || len(src) == 0 {
		t.Fatalf("%v", err)
	}
	if _, err := ReadScript("testdata"); err == nil || err.Error() != "testdata is a directory, not a regular file: a script or lesson is read from a file" {
		t.Errorf("a directory: %v", err)
	}
}
