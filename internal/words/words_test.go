package words

import (
	"strings"
	"testing"

	"paxosgame/paxos"
)

func TestAnd(t *testing.T) {
	for words, want := range map[string]string{
		"":         "",
		"P2":       "P2",
		"P2 P3":    "P2 and P3",
		"P1 P2 P3": "P1, P2 and P3",
	} {
		var ws []string
		if words != "" {
			ws = strings.Fields(words)
		}
		if got := And(ws); got != want {
			t.Errorf("And(%q) = %q, want %q", ws, got, want)
		}
	}
}

func TestOr(t *testing.T) {
	for _, tc := range []struct {
		words []string
		want  string
	}{
		{nil, ""},
		{[]string{"up"}, "up"},
		{[]string{"up", "crashed"}, "up or crashed"},
		{[]string{"promised", "voted", "state"}, "promised, voted or state"},
	} {
		if got := Or(tc.words); got != tc.want {
			t.Errorf("Or(%q) = %q, want %q", tc.words, got, tc.want)
		}
	}
}

// "counts in the singular (1 learner, 1 command reaches)".
func TestCounted(t *testing.T) {
	for _, tc := range []struct {
		n    int
		want string
	}{{0, "0 learners"}, {1, "1 learner"}, {2, "2 learners"}} {
		if got := Counted(tc.n, "learner"); got != tc.want {
			t.Errorf("Counted(%d) = %q, want %q", tc.n, got, tc.want)
		}
	}
}

func TestThousands(t *testing.T) {
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1,000", 100000: "100,000", 1234567: "1,234,567"} {
		if got := Thousands(n); got != want {
			t.Errorf("Thousands(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestAcceptors(t *testing.T) {
	s := paxos.Set(0).Add(3).Add(1)
	if got := And(Acceptors(s)); got != "A1 and A3" {
		t.Errorf("got %q", got)
	}
}
