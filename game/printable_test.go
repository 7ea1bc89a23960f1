package game

import (
	"strings"
	"testing"
)

// "One rule for values, names, file names and lesson text: no control,
// format (Cf), bidi, line/paragraph separator or noncharacter code points;
// raw invalid UTF-8 refused like its escaped form; shown escaped wherever a
// name from outside is printed" (issue 18).
func TestPrintable(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"game.paxos", "game.paxos"},
		{"€ 7 \"quoted\" back\\slash", "€ 7 \"quoted\" back\\slash"},
		{"evil\x1b[2J", `evil\x1b[2J`},
		{"a\nb\rc\td", `a\nb\rc\td`},
		{"nul\x00del\x7f", `nul\x00del\x7f`},
		{"c1\u0085", `c1\u0085`},
		{"raw c1 \x9b", `raw c1 \x9b`},
		{"bad\xff", `bad\xff`},
		{"\u202eRUE 5", `\u202eRUE 5`},
		{"zero\u200bwidth", `zero\u200bwidth`},
		{"soft\u00adhyphen", `soft\u00adhyphen`},
		{"line\u2028para\u2029", `line\u2028para\u2029`},
		{"non\uffff\ufffe\ufdd0", `non\uffff\ufffe\ufdd0`},
		{"plane\U0001fffe", `plane\U0001fffe`},
		{"osc\x1b]52;c;aGk=\x07", `osc\x1b]52;c;aGk=\a`},
		// Width: the same on every terminal, or escaped.
		{"café", "café"},
		{"cafe\u0301", "cafe\u0301"},
		{"💶 中", "💶 中"},
		{"❤\ufe0f", `❤\ufe0f`},
		{"👍\U0001f3fd", `👍\U0001f3fd`},
		{"👨\u200d👩", `👨\u200d👩`},
		{"क्ष", `क\u094d\u0937`},
	} {
		if got := Printable(tc.in); got != tc.want {
			t.Errorf("Printable(%q) = %q, want %q", tc.in, got, tc.want)
		}
		if _, bad := FirstFlaw(Printable(tc.in)); bad {
			t.Errorf("Printable(%q) = %q still breaks the rule", tc.in, Printable(tc.in))
		}
	}
}

func TestFirstFlaw(t *testing.T) {
	for _, tc := range []struct {
		in       string
		at       int
		what     string
		whyStart string
	}{
		{"ab\x1bc", 2, `\x1b`, "is a control"},
		{"5 \xff", 2, `\xff`, "is a byte that is not UTF-8"},
		{"\x9b", 0, `\x9b`, "is a byte that is not UTF-8"},
		{"x\u202e", 1, `\u202e`, "is a bidi control"},
		{"x\u2066", 1, `\u2066`, "is a bidi control"},
		{"x\u200d", 1, `\u200d`, "is an invisible format"},
		{"€\u2029", 3, `\u2029`, "is a paragraph"},
		{"\uffff", 0, `\uffff`, "is a noncharacter"},
		{"ok ❤\ufe0f", 3, `"❤️"`, "takes a different number of columns"},
	} {
		f, bad := FirstFlaw(tc.in)
		if !bad || f.At != tc.at || f.What != tc.what || !strings.HasPrefix(f.Why, tc.whyStart) {
			t.Errorf("FirstFlaw(%q) = %+v, %v; want at %d %s %s…", tc.in, f, bad, tc.at, tc.what, tc.whyStart)
		}
	}
	for _, ok := range []string{"", "5 EUR", "cafe\u0301", "€ 中 💶", "a\tb"} {
		if f, bad := FirstFlaw(ok); bad && ok != "a\tb" {
			t.Errorf("FirstFlaw(%q) = %+v", ok, f)
		}
	}
}

// "Errors quote at most a short piece of a token (no 5 MB errors)."
func TestExcerpt(t *testing.T) {
	if got := Excerpt("5 EUR"); got != `"5 EUR"` {
		t.Errorf("a short word: %s", got)
	}
	long := strings.Repeat("x", 5<<20)
	if got := Excerpt(long); got != `"`+strings.Repeat("x", 40)+`"… (5242880 characters)` {
		t.Errorf("a 5 MB word: %.100s", got)
	}
	if got := Excerpt(strings.Repeat("€", 41)); !strings.HasPrefix(got, `"`+strings.Repeat("€", 40)+`"…`) {
		t.Errorf("counts characters, not bytes: %s", got)
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
