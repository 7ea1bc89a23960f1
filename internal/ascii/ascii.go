// Package ascii says whether the game should draw ASCII marks only: the
// one rule the screen (ui) and the plain mode (plain) both follow.
package ascii

import (
	"os"
	"strings"
)

// Env is the variable that asks for ASCII on any terminal: for a terminal
// that cannot draw the marks, or that draws characters of ambiguous width
// (● ○ ✓ ┃ …) two cells wide, as xterm -cjk_width does.
const Env = "PAXOSGAME_ASCII"

// Wanted reports whether to draw ASCII only: PAXOSGAME_ASCII is set, or
// TERM names the Linux console, a dumb terminal or an old vt, which cannot
// draw the marks.
func Wanted() bool {
	if os.Getenv(Env) != "" {
		return true
	}
	switch term := os.Getenv("TERM"); {
	case term == "linux", term == "dumb", strings.HasPrefix(term, "vt"):
		return true
	}
	return false
}

// prose spells the marks and punctuation of the game's sentences in
// ASCII for reading, where width does not matter (the screen keeps each
// mark one cell wide instead).
var prose = strings.NewReplacer(
	"→", "->", "←", "<-", "…", "...", "—", "-", "–", "-", "·", "-", "★", "*", "✓", "v", "✗", "x",
	"●", "o", "○", "o", "◆", "*", "▸", ">", "•", "-", "✋", "[H]", "↶", "<-", "⚠", "!", "“", "\"", "”", "\"",
	"‘", "'", "’", "'", "×", "x", "≥", ">=", "≤", "<=", "€", "EUR", "\u00a0", " ",
)

// Text is s in ASCII: the game's marks spelled as above, and any other
// character that is not ASCII as a question mark.
func Text(s string) string {
	s = prose.Replace(s)
	for _, r := range s {
		if r >= 0x80 {
			return strings.Map(func(r rune) rune {
				if r >= 0x80 {
					return '?'
				}
				return r
			}, s)
		}
	}
	return s
}
