package ui

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// width counts as ansi.StringWidth does: plain ASCII, colour codes,
// other escape sequences, wide and combining characters, broken codes.
func TestWidthIsAnsis(t *testing.T) {
	parts := []string{"a", "Z", " ", "~", "\x1b[0m", "\x1b[38;2;1;2;3m", "\x1b[1;4m", "\x1b]8;;x\x07", "\x1b", "\x1b[",
		"é", "✋", "│", "日本", "e\u0301", "\t", "\x7f", "▸", "…", "\x1b[?25l"}
	r := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		var b strings.Builder
		for range r.IntN(12) {
			b.WriteString(parts[r.IntN(len(parts))])
		}
		s := b.String()
		if got, want := width(s), ansi.StringWidth(s); got != want {
			t.Fatalf("width(%q) = %d, ansi says %d", s, got, want)
		}
	}
}
