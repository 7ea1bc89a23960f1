package ui

import (
	"regexp"
	"strings"
	"sync"

	"github.com/charmbracelet/x/ansi"
)

// Text helpers. Every one of them works on plain text (style it after it
// fits), measures in terminal cells, and never cuts a word in the middle:
// a line that is too long loses whole words and ends with an ellipsis.

// cut ends a line that fit shortened: "…" and two cells kept for the
// ASCII screen, whose ellipsis is "..." — one "." would read as the end
// of a sentence ("8 EUR is."). The screen's last step (Model.content)
// draws the kept cells as spaces, or the three as "...". A frame is laid
// out once for both: a cut line ends two cells earlier than it could.
const (
	keptCell = "\u2007" // a figure space: one cell, and in no text of the game
	cut      = "…" + keptCell + keptCell
)

// asciiCut and plainCuts draw the ellipsis of a cut line.
var (
	asciiCut  = strings.NewReplacer(cut, "...")
	plainCuts = strings.NewReplacer(keptCell, " ")
)

// nbsp joins the words of a short phrase, such as "n goes on" or a
// command, so that no line breaks inside it; the screen shows it as a
// space.
const nbsp = "\u00a0"

// nb makes a phrase unbreakable.
func nb(s string) string { return strings.ReplaceAll(s, " ", nbsp) }

// keyPhrase is a key and what it does, as the screen's advice says it:
// "n goes on", "esc goes to", "v shows the solution".
var keyPhrase = regexp.MustCompile(`(^|[ (])(n|b|h|v|R|esc|enter|space|\[|\]) (goes on|goes back|goes to|reads on|plays|starts|shows|takes|scrolls|delivers|proposes)\b`)

// msgLabel is a message as a sentence names it, with the word before it
// ("flight 2b A1→L1"): no line starts with a message's label.
var msgLabel = regexp.MustCompile(`(\S+ )?\b(1a|1b|2a|2b|nack) [PAL]\d+→[PAL]\d+`)

// prose readies a sentence of the narrator's or of a lesson for
// wrapping: its key phrases, messages and values unbreakable, and in ASCII
// mode its "…" three dots, laid out as three cells — the frame's last
// step draws a "…" left as ".", which reads as the end of a sentence
// (`accept P2 "."`).
func prose(s string, ascii bool) string {
	if ascii {
		s = strings.ReplaceAll(s, "…", "...")
	}
	return keepKeyPhrases(s)
}

// value is a value as sentences name it: a number of euros, or a quoted
// value of a word or two ("8 EUR", `"10 EUR"`), which no line breaks.
var value = regexp.MustCompile(`"[^" ]+( [^" ]+)?"|\b\d+ EUR\b`)

// keepKeyPhrases makes every key phrase of s unbreakable, and every
// message and value it names. The same sentences come back frame after
// frame, on every board of a room: each is worked out once (keptPhrases).
func keepKeyPhrases(s string) string {
	if !strings.Contains(s, " ") {
		return s
	}
	return keptPhrases.get(s, findKeyPhrases)
}

func findKeyPhrases(s string) string {
	s = msgLabel.ReplaceAllStringFunc(s, nb)
	s = value.ReplaceAllStringFunc(s, nb)
	return keyPhrase.ReplaceAllStringFunc(s, func(m string) string {
		lead := ""
		if m[0] == ' ' || m[0] == '(' {
			lead, m = m[:1], m[1:]
		}
		return lead + nb(m)
	})
}

// sentence ends s with a stop, unless it ends in one already (a title
// such as "Whose ballot is 42?" takes no second stop).
func sentence(s string) string {
	if strings.HasSuffix(s, ".") || strings.HasSuffix(s, "?") || strings.HasSuffix(s, "!") {
		return s
	}
	return s + "."
}

// keepCommand makes a command of the script language unbreakable when it
// fits w cells. A longer one may break only between its settings, never
// between a name and its value: "config proposers 5" / "acceptors 3
// learners 2", "set A1" / "voted 10 "5 EUR"".
func keepCommand(s string, w int) string {
	if width(s) <= w {
		return nb(s)
	}
	var groups []string
	for i, tok := range commandTokens(s) {
		value := tok[0] == '"' || tok[0] >= '0' && tok[0] <= '9' || tok == "on" || tok == "off"
		if i == 1 || len(groups) > 0 && value {
			groups[len(groups)-1] += nbsp + nb(tok)
			continue
		}
		groups = append(groups, nb(tok))
	}
	return strings.Join(groups, " ")
}

// commandTokens splits a command at spaces outside quotes.
func commandTokens(s string) []string {
	var out []string
	start, quoted := -1, false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case quoted && c == '\\':
			i++
		case c == '"':
			quoted = !quoted
			if start < 0 {
				start = i
			}
		case c == ' ' && !quoted:
			if start >= 0 {
				out = append(out, s[start:i])
			}
			start = -1
		case start < 0:
			start = i
		}
	}
	if start >= 0 {
		out = append(out, s[start:])
	}
	return out
}

// width is the number of terminal cells s takes (escape codes excluded).
//
// Most of a frame is ASCII in colour (SGR codes): it is counted here
// byte by byte, the rest by ansi.StringWidth — the same count, a tenth
// of the time (a class redraws every board at every step).
func width(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= 0x20 && c < 0x7f:
			n++
		case c == 0x1b && i+1 < len(s) && s[i+1] == '[': // a CSI sequence: no cell
			j := i + 2
			for j < len(s) && s[j] >= 0x20 && s[j] <= 0x3f {
				j++ // parameters and intermediates
			}
			if j == len(s) || s[j] < 0x40 || s[j] > 0x7e {
				return ansi.StringWidth(s)
			}
			i = j // the final byte
		default:
			return ansi.StringWidth(s)
		}
	}
	return n
}

// fit shortens plain text s to at most w cells, dropping whole words and
// ending with the cut mark; a single word longer than w is cut as a last
// resort.
func fit(s string, w int) string {
	if w <= 0 {
		return ""
	}
	if width(s) <= w {
		return s
	}
	tail := cut
	if w < width(cut)+1 {
		tail = "…" // no room for ASCII's three dots
	}
	out := ""
	for _, word := range strings.Split(s, " ") { // at spaces only: not inside an nb phrase
		if word == "" {
			continue
		}
		next := word
		if out != "" {
			next = out + " " + word
		}
		if width(next)+width(tail) > w {
			break
		}
		out = next
	}
	if out == "" {
		return ansi.Truncate(s, w, tail)
	}
	return out + tail
}

// wrap breaks plain text into lines of at most w cells at spaces (never
// at a hyphen, nor inside an nb phrase); a word longer than w is broken as
// a last resort.
func wrap(s string, w int) []string {
	if w <= 0 {
		return nil
	}
	if width(s) <= w {
		return []string{s}
	}
	var lines []string
	line, used := "", 0
	for _, word := range strings.Split(s, " ") {
		if word == "" {
			continue
		}
		ww := width(word)
		if used > 0 && used+1+ww <= w {
			line, used = line+" "+word, used+1+ww
			continue
		}
		if used > 0 {
			lines = append(lines, line)
		}
		for ww > w {
			lines = append(lines, ansi.Truncate(word, w, ""))
			word = ansi.TruncateLeft(word, w, "")
			ww = width(word)
		}
		line, used = word, ww
	}
	return append(lines, line)
}

// pad fills a (possibly styled) line with spaces to exactly w cells; a line
// wider than w is cut, which the callers avoid by fitting first.
func pad(s string, w int) string {
	n := width(s)
	if n > w {
		return ansi.Truncate(s, w, "")
	}
	return s + strings.Repeat(" ", w-n)
}

// block makes lines exactly w wide and h high: short blocks get blank
// lines, long ones lose their last lines.
func block(lines []string, w, h int) []string {
	out := make([]string, h)
	for i := range out {
		if i < len(lines) {
			out[i] = pad(lines[i], w)
		} else {
			out[i] = strings.Repeat(" ", w)
		}
	}
	return out
}

// columns lays blocks side by side, each padded to its width and height,
// with sep between them.
func columns(h int, sep string, widths []int, cols ...[]string) []string {
	blocks := make([][]string, len(cols))
	for i, c := range cols {
		blocks[i] = block(c, widths[i], h)
	}
	out := make([]string, h)
	var b strings.Builder
	for row := range out {
		b.Reset()
		for i := range blocks {
			if i > 0 {
				b.WriteString(sep)
			}
			b.WriteString(blocks[i][row])
		}
		out[row] = b.String()
	}
	return out
}

// center puts plain text in the middle of w cells.
func center(s string, w int) string {
	s = fit(s, w)
	left := (w - width(s)) / 2
	return strings.Repeat(" ", left) + s
}

// statusLines wraps a message to at most n lines of w cells. A parse
// error too long for them puts what was found first — `found "delivr"`,
// the culprit — before the list of what was expected, which loses words.
func statusLines(s string, w, n int) []string {
	f := strings.LastIndex(s, ", found ")
	if f >= 0 && width(s[f+2:]) <= w {
		s = s[:f+2] + nb(s[f+2:]) // found "delivr" on one line
	}
	if d := strings.LastIndex(s, " — "); d >= 0 && !strings.Contains(s[d+len(" — "):], " ") {
		s = s[:d+1] + nb(s[d+1:]) // "— keep-promise", the rule that refuses, on one line
	}
	lines := wrap(s, w)
	if len(lines) <= n {
		return lines
	}
	if f >= 0 {
		if e := strings.Index(s, "expected "); e >= 0 && e < f {
			s = s[:e] + s[f+2:] + "; " + s[e:f]
		}
	}
	return wrapMax(s, w, n)
}

// firstFit is the first text that fits w cells; the last one is fitted.
func firstFit(w int, texts ...string) string {
	for _, t := range texts {
		if width(t) <= w {
			return t
		}
	}
	return fit(texts[len(texts)-1], w)
}

// wrapMax wraps s to at most n lines, the last one fitted.
func wrapMax(s string, w, n int) []string {
	lines := wrap(s, w)
	if len(lines) <= n {
		return lines
	}
	rest := strings.Join(lines[n-1:], " ")
	return append(lines[:n-1:n-1], fit(rest, w))
}

// plural is word, with an s unless n is 1.
func plural(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}

// memo keeps the results of a function of a string, for every board of
// the process, up to maxBytes of keys and results: then it starts afresh,
// so that no text a client sends grows it without bound.
type memo struct {
	mu       sync.Mutex
	m        map[string]string
	bytes    int
	maxBytes int
}

var keptPhrases = &memo{maxBytes: 4 << 20}

func (c *memo) get(s string, f func(string) string) string {
	c.mu.Lock()
	r, ok := c.m[s]
	c.mu.Unlock()
	if ok {
		return r
	}
	r = f(s)
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil || c.bytes+len(s)+len(r) > c.maxBytes {
		c.m, c.bytes = map[string]string{}, 0
	}
	c.m[s] = r
	c.bytes += len(s) + len(r)
	return r
}
