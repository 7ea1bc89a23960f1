package game

import (
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// The printable rule: what text from outside the game (a value, a file or
// user name, a lesson's prose) may hold to be shown as it is, on every
// terminal and in every page it is pasted into. It may not hold
//
//   - bytes that are not UTF-8;
//   - control characters (Cc: \x1b starts a terminal's escape sequence);
//   - format characters (Cf): the bidi controls such as U+202E, which
//     reorder what is shown ("\u202eRUE 5" reads "5 EUR"), and the
//     invisible ones (zero-width space and joiner, soft hyphen);
//   - the line and paragraph separators U+2028 and U+2029;
//   - noncharacters (U+FFFE, U+FFFF, U+FDD0–U+FDEF and the last two of
//     every plane), which no text interchanges and XML refuses;
//   - a character that terminals draw at different widths: one that the
//     screen measures by its grapheme cluster and a terminal code point by
//     code point (an emoji with a variation selector or skin tone, an Indic
//     conjunct) shifts every column after it. Combining marks that both
//     measure alike (e and U+0301) are fine.
//
// Values are refused when they break it (ParseValue); names are shown with
// what breaks it escaped (Printable).

// Flaw is the first place where text breaks the printable rule.
type Flaw struct {
	At   int    // the byte offset in the text
	What string // the bytes at fault as an escape (\x1b, \u202e) or, for a width, quoted
	Why  string // "is a control character", ...
}

// FirstFlaw finds where s first breaks the printable rule; ok is false
// when it keeps it.
func FirstFlaw(s string) (f Flaw, ok bool) { return firstFlaw(s, false) }

// FirstFlawInText is FirstFlaw for lines of text, a lesson's prose or a
// script's comment, where a tab is fine.
func FirstFlawInText(s string) (f Flaw, ok bool) { return firstFlaw(s, true) }

// Sentence says what is wrong, for an error about what: "\x1b is a control
// character, which a value may not contain".
func (f Flaw) Sentence(what string) string {
	if strings.HasPrefix(f.What, `"`) {
		return f.What + " " + f.Why + ", and would shift the columns of the screen"
	}
	return f.What + " " + f.Why + ", which " + what + " may not contain"
}

func firstFlaw(s string, allowTab bool) (f Flaw, ok bool) {
	for i := 0; i < len(s); {
		if c := s[i]; c >= ' ' && c < 0x7f && (i+1 == len(s) || s[i+1] < utf8.RuneSelf) {
			i++ // printable ASCII, the most of every text, at once
			continue
		}
		cluster := nextCluster(s[i:])
		for j := 0; j < len(cluster); {
			r, n := utf8.DecodeRuneInString(cluster[j:])
			if why := runeFlaw(r, n, allowTab); why != "" {
				return Flaw{At: i + j, What: escapeBytes(cluster[j : j+n]), Why: why}, true
			}
			j += n
		}
		if !steadyWidth(cluster) {
			return Flaw{At: i, What: strconv.Quote(cluster),
				Why: "takes a different number of columns on different terminals"}, true
		}
		i += len(cluster)
	}
	return Flaw{}, false
}

// nextCluster is the grapheme cluster s starts with, as the screen
// measures text: a lone byte when s starts with one that is not UTF-8,
// and cheaply a lone character when the next is ASCII (a cluster never
// goes on into an ASCII character but after a prepended mark, which
// common characters are not).
func nextCluster(s string) string {
	if len(s) == 1 || s[0] < utf8.RuneSelf && s[1] < utf8.RuneSelf {
		return s[:1]
	}
	r, size := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError && size == 1 || common(r) && (size == len(s) || s[size] < utf8.RuneSelf) {
		return s[:size]
	}
	c, _ := ansi.FirstGraphemeCluster(s, ansi.GraphemeWidth)
	return c
}

// common reports whether r is below U+3000 (Latin, Greek, Cyrillic,
// punctuation, arrows, symbols) and no prepended concatenation mark.
func common(r rune) bool {
	return r < 0x3000 && !(r >= 0x0600 && r <= 0x0605 || r == 0x06dd || r == 0x070f || r == 0x0890 || r == 0x0891 || r == 0x08e2 || r == 0x0d4e)
}

// steadyCommon says, for each character below U+3000, whether it alone is
// as wide measured either way: worked out once, as lines are measured
// many times a second.
var steadyCommon = sync.OnceValue(func() []bool {
	t := make([]bool, 0x3000)
	for r := range rune(0x3000) {
		s := string(r)
		_, w := ansi.FirstGraphemeCluster(s, ansi.GraphemeWidth)
		t[r] = w == ansi.StringWidthWc(s)
	}
	return t
})

// runeFlaw says why a code point (of size bytes, decoded) breaks the rule,
// or "". A tab is fine where allowTab.
func runeFlaw(r rune, size int, allowTab bool) string {
	switch {
	case r == utf8.RuneError && size == 1:
		return "is a byte that is not UTF-8"
	case r == '\t' && allowTab:
		return ""
	case unicode.IsControl(r):
		return "is a control character"
	case isBidi(r):
		return "is a bidi control"
	case unicode.Is(unicode.Cf, r):
		return "is an invisible format character"
	case r == '\u2028':
		return "is a line separator"
	case r == '\u2029':
		return "is a paragraph separator"
	case r&0xfffe == 0xfffe || r >= 0xfdd0 && r <= 0xfdef:
		return "is a noncharacter"
	}
	return ""
}

// isBidi reports whether r is one of the format characters that change
// the direction of text: the marks and the embeddings, overrides and
// isolates.
func isBidi(r rune) bool {
	return r == '\u061c' || r == '\u200e' || r == '\u200f' ||
		r >= '\u202a' && r <= '\u202e' || r >= '\u2066' && r <= '\u2069'
}

// steadyWidth reports whether a cluster is as wide measured as one
// (lipgloss, and a terminal that joins clusters) as code point by code
// point (wcwidth, as most terminals draw).
func steadyWidth(cluster string) bool {
	if len(cluster) == 1 {
		return true
	}
	if r, size := utf8.DecodeRuneInString(cluster); size == len(cluster) && r < 0x3000 {
		return steadyCommon()[r]
	}
	_, w := ansi.FirstGraphemeCluster(cluster, ansi.GraphemeWidth)
	return w == ansi.StringWidthWc(cluster)
}

// escapeBytes writes s as Go writes it inside quotes, without the quotes:
// \x1b, \u202e, \xff.
func escapeBytes(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			q := strconv.Quote(s[i : i+1])
			b.WriteString(q[1 : len(q)-1])
		} else {
			b.WriteString(runeEscape(r))
		}
		i += size
	}
	return b.String()
}

// runeEscape writes a code point as an escape: \x1b, \n, \u0085, \u202e.
func runeEscape(r rune) string {
	q := strconv.QuoteRuneToASCII(r)
	return q[1 : len(q)-1]
}

// Printable is s as it may be shown on a terminal: a name from outside
// the game (a file name, a user name) with whatever breaks the printable
// rule written as an escape as Go writes it in quotes (\x1b, \n, \u202e,
// \xff); of a cluster of unsteady width, the code points after its first.
// A name that keeps the rule is returned as it is.
func Printable(s string) string {
	if _, bad := FirstFlaw(s); !bad {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		cluster := nextCluster(s[i:])
		i += len(cluster)
		flawed := false
		for j := 0; j < len(cluster); {
			r, n := utf8.DecodeRuneInString(cluster[j:])
			flawed = flawed || runeFlaw(r, n, false) != ""
			j += n
		}
		switch {
		case flawed: // each flawed code point escaped, which splits the cluster
			for j := 0; j < len(cluster); {
				r, n := utf8.DecodeRuneInString(cluster[j:])
				if runeFlaw(r, n, false) != "" {
					b.WriteString(escapeBytes(cluster[j : j+n]))
				} else {
					b.WriteString(cluster[j : j+n])
				}
				j += n
			}
		case steadyWidth(cluster):
			b.WriteString(cluster)
		default: // its first code point, then the others escaped
			_, n := utf8.DecodeRuneInString(cluster)
			if steadyWidth(cluster[:n]) {
				b.WriteString(cluster[:n])
			} else {
				b.WriteString(escapeBytes(cluster[:n]))
			}
			b.WriteString(escapeBytes(cluster[n:]))
		}
	}
	return b.String()
}

// excerptRunes is how much of a word an error quotes.
const excerptRunes = 40

// Excerpt is s quoted for an error message: at most its first 40
// characters, then "…" and how long it is, so that a 5 MB word makes a
// short error. What breaks the printable rule is escaped.
func Excerpt(s string) string {
	head, n := clip(s)
	if head == s {
		return strconv.Quote(s)
	}
	return strconv.Quote(head) + "… (" + strconv.Itoa(n) + " characters)"
}

// Clipped is s as Excerpt cuts it, unquoted: for a word that is all
// digits, say.
func Clipped(s string) string {
	head, n := clip(s)
	if head == s {
		return s
	}
	return head + "… (" + strconv.Itoa(n) + " characters)"
}

// clip is at most the first excerptRunes characters of s, and how many s has.
func clip(s string) (string, int) {
	if len(s) <= excerptRunes {
		return s, utf8.RuneCountInString(s)
	}
	i := 0
	for k := 0; k < excerptRunes && i < len(s); k++ {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return s[:i], utf8.RuneCountInString(s)
}
