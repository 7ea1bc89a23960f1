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

func TestAcceptors(t *testing.T) {
	s := paxos.Set(0).Add(3).Add(1)
	if got := And(Acceptors(s)); got != "A1 and A3" {
		t.Errorf("got %q", got)
	}
}
