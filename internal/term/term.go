// Package term is what the game asks of the terminal, the same for the
// screen (ui) and the plain mode (plain): whether to draw ASCII marks only,
// and whether a file is a terminal at all.
package term

import (
	"os"
	"strings"
)

// ASCIIEnv is the variable that asks for ASCII on any terminal: for a terminal
// that cannot draw the marks, or that draws characters of ambiguous width
// (● ○ ✓ ┃ …) two cells wide, as xterm -cjk_width does.
const ASCIIEnv = "PAXOSGAME_ASCII"

// ASCII reports whether to draw ASCII only: PAXOSGAME_ASCII is set, or
// TERM names the Linux console, a dumb terminal or an old vt, which cannot
// draw the marks.
func ASCII() bool {
	if os.Getenv(ASCIIEnv) != "" {
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

// ASCIIText is s in ASCII: the game's marks spelled as above, and any other
// character that is not ASCII as a question mark.
func ASCIIText(s string) string {
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

// IsTerminal reports whether f, a reader or a writer, is a terminal (a
// character device).
func IsTerminal(f any) bool {
	file, ok := f.(*os.File)
	if !ok {
		return false
	}
	fi, err := file.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
