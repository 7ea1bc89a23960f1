package game

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Printable is s as it may be shown on a terminal: a name from outside
// the game (a file name, a user name) with each control character, and
// each byte that is not UTF-8, written as an escape as Go writes it in
// quotes (\x1b, \n, \u0085, \xff). A name with none is returned as it is.
func Printable(s string) string {
	if utf8.ValidString(s) && strings.IndexFunc(s, unicode.IsControl) < 0 {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			q := strconv.Quote(s[i : i+1])
			b.WriteString(q[1 : len(q)-1])
		case unicode.IsControl(r):
			b.WriteString(ctlName(r))
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}
