package ui

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// Text helpers. Every one of them works on plain text (style it after it
// fits), measures in terminal cells, and never cuts a word in the middle:
// a line that is too long loses whole words and ends with an ellipsis.

// width is the number of terminal cells s takes (escape codes excluded).
func width(s string) int { return ansi.StringWidth(s) }

// fit shortens plain text s to at most w cells, dropping whole words and
// ending with "…"; a single word longer than w is cut as a last resort.
func fit(s string, w int) string {
	if w <= 0 {
		return ""
	}
	if width(s) <= w {
		return s
	}
	words := strings.Fields(s)
	out := ""
	for _, word := range words {
		next := word
		if out != "" {
			next = out + " " + word
		}
		if width(next)+1 > w {
			break
		}
		out = next
	}
	if out == "" {
		return ansi.Truncate(s, w, "…")
	}
	return out + "…"
}

// wrap breaks plain text into lines of at most w cells at spaces; a word
// longer than w is broken as a last resort.
func wrap(s string, w int) []string {
	if w <= 0 {
		return nil
	}
	if width(s) <= w {
		return []string{s}
	}
	return strings.Split(ansi.Wrap(s, w, ""), "\n")
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

// replaceLastLine puts line in place of the last line of a screen.
func replaceLastLine(screen, line string) string {
	if i := strings.LastIndexByte(screen, '\n'); i >= 0 {
		return screen[:i+1] + line
	}
	return line
}
