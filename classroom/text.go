package classroom

import (
	"strings"
	"sync"

	"github.com/charmbracelet/x/ansi"
)

// fit cuts s to w cells.
func fit(s string, w int) string {
	if w <= 0 {
		return ""
	}
	if ansi.StringWidth(s) <= w {
		return s
	}
	return ansi.Truncate(s, w, "…")
}

// firstFit is the first text that fits w cells, or the last one: the
// same words, shorter, for a narrow screen.
func firstFit(w int, texts ...string) string {
	for _, t := range texts[:len(texts)-1] {
		if ansi.StringWidth(t) <= w {
			return t
		}
	}
	return texts[len(texts)-1]
}

// block is lines made exactly h lines, as one string.
func block(lines []string, w, h int) string {
	out := make([]string, 0, h)
	for _, l := range lines {
		if len(out) == h {
			break
		}
		out = append(out, fit(l, w))
	}
	for len(out) < h {
		out = append(out, "")
	}
	return strings.Join(out, "\n")
}

// wrapText breaks s into lines of at most w cells, at spaces; a word
// wider than a line (a host key's fingerprint in a narrow pane) is broken
// across lines, never cut: a student compares every character of it.
func wrapText(s string, w int) []string {
	if w <= 0 {
		return nil
	}
	var lines []string
	cur := ""
	for _, word := range strings.Fields(s) {
		for ansi.StringWidth(word) > w {
			if cur != "" {
				lines = append(lines, cur)
				cur = ""
			}
			lines = append(lines, ansi.Cut(word, 0, w))
			word = ansi.Cut(word, w, ansi.StringWidth(word))
		}
		switch {
		case cur == "":
			cur = word
		case ansi.StringWidth(cur)+1+ansi.StringWidth(word) <= w:
			cur += " " + word
		default:
			lines = append(lines, fit(cur, w))
			cur = word
		}
	}
	if cur != "" {
		lines = append(lines, fit(cur, w))
	}
	return lines
}

// ringLog keeps the last lines logged: the server's log goes to the
// lecturer's pane, not to a file, and is printed when serve ends.
type ringLog struct {
	mu  sync.Mutex
	all []string
}

const ringMax = 200

func (l *ringLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.all = append(l.all, strings.Split(strings.TrimRight(string(p), "\n"), "\n")...)
	if len(l.all) > ringMax {
		l.all = l.all[len(l.all)-ringMax:]
	}
	return len(p), nil
}

// last is the last n lines, stripped of escape codes.
func (l *ringLog) last(n int) []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []string
	for _, s := range l.all[max(0, len(l.all)-n):] {
		out = append(out, ansi.Strip(s))
	}
	return out
}

// String is every line kept.
func (l *ringLog) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return strings.Join(l.all, "\n")
}
