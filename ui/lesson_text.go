package ui

import (
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// The lesson pane's text: a lesson's narration is Markdown as its author
// wrote it. The pane shows the little of Markdown that lessons use —
// **strong**, *emphasis*, `code`, headings, lists, quotes — wrapped to the
// pane at spaces, never inside a word.

// span is a piece of text in one style.
type span struct {
	text  string
	style lipgloss.Style
}

// textDoc collects the lines of the pane, each at most w cells wide.
type textDoc struct {
	st    Styles
	w     int
	ascii bool // the screen draws ASCII marks: see prose
	lines []string
	marks map[string]int // where parts of the text start, by name
}

// mark notes that the part called name starts at the next line.
func (d *textDoc) mark(name string) {
	if d.marks == nil {
		d.marks = map[string]int{}
	}
	d.marks[name] = len(d.lines)
}

func (d *textDoc) blank() {
	if n := len(d.lines); n > 0 && d.lines[n-1] != "" {
		d.lines = append(d.lines, "")
	}
}

// add wraps plain text in one style; first starts the first line and
// indent the others (a hanging indent such as "  ").
func (d *textDoc) add(style lipgloss.Style, first, indent, text string) {
	d.spans(first, indent, span{text, style})
}

// spans wraps styled spans.
func (d *textDoc) spans(first, indent string, spans ...span) {
	for i := range spans {
		spans[i].text = prose(spans[i].text, d.ascii)
	}
	d.lines = append(d.lines, wrapSpans(spans, d.w, first, indent)...)
}

// markdown adds a lesson's narration.
func (d *textDoc) markdown(text string) {
	code := false
	for _, line := range strings.Split(text, "\n") {
		t := strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~"):
			code = !code
		case code:
			d.lines = append(d.lines, d.st.Dim.Render(fit("  "+strings.TrimRight(line, " "), d.w)))
		case t == "":
			d.blank()
		case strings.HasPrefix(t, "#"):
			d.add(d.st.Heading, "", "", strings.TrimSpace(strings.TrimLeft(t, "#")))
		case strings.HasPrefix(t, "> "):
			d.spans("│ ", "│ ", inline(t[2:], d.st)...)
		default:
			if marker, rest, ok := listItem(t); ok {
				d.spans(marker, strings.Repeat(" ", width(marker)), inline(rest, d.st)...)
				continue
			}
			d.spans("", "", inline(t, d.st)...)
		}
	}
}

// listItem splits "- item" or "3. item" into the mark to show and the text.
func listItem(t string) (marker, rest string, ok bool) {
	for _, p := range []string{"- ", "* ", "+ "} {
		if strings.HasPrefix(t, p) {
			return "• ", t[2:], true
		}
	}
	i := 0
	for i < len(t) && t[i] >= '0' && t[i] <= '9' {
		i++
	}
	if i > 0 && i+1 < len(t) && (t[i] == '.' || t[i] == ')') && t[i+1] == ' ' {
		return t[:i+2], t[i+2:], true
	}
	return "", "", false
}

// inline reads **strong**, *emphasis* (or _emphasis_) and `code` in one
// line; a mark without its closing pair is plain text.
func inline(s string, st Styles) []span {
	var out []span
	plain := 0 // start of the plain text not yet added
	for i := 0; i < len(s); {
		mark, style := "", st.Text
		switch {
		case strings.HasPrefix(s[i:], "**"):
			mark, style = "**", st.Strong
		case s[i] == '`':
			mark, style = "`", st.Code
		case s[i] == '*' || (s[i] == '_' && (i == 0 || s[i-1] == ' ' || s[i-1] == '(')):
			mark, style = s[i:i+1], st.Emph
		}
		end := -1
		if mark != "" && i+len(mark) < len(s) && s[i+len(mark)] != ' ' {
			end = strings.Index(s[i+len(mark):], mark)
		}
		if end <= 0 {
			i++
			continue
		}
		if plain < i {
			out = append(out, span{s[plain:i], st.Text})
		}
		text := s[i+len(mark) : i+len(mark)+end]
		if mark == "`" && width(text) <= 24 {
			text = nb(text) // a short command stays on one line
		}
		out = append(out, span{text, style})
		i += 2*len(mark) + end
		plain = i
	}
	if plain < len(s) {
		out = append(out, span{s[plain:], st.Text})
	}
	return out
}

// word is one word of styled text: the pieces between two spaces.
type word []span

func (w word) width() int {
	n := 0
	for _, s := range w {
		n += width(s.text)
	}
	return n
}

func (w word) render() string {
	var b strings.Builder
	for _, s := range w {
		b.WriteString(s.style.Render(s.text))
	}
	return b.String()
}

// wrapSpans breaks styled text into lines of at most w cells at spaces.
// The first line starts with first, the others with indent. Only a word
// wider than a whole line is broken.
func wrapSpans(spans []span, w int, first, indent string) []string {
	var words []word
	var cur word
	for _, s := range spans {
		for i, piece := range strings.Split(s.text, " ") {
			if i > 0 && len(cur) > 0 {
				words = append(words, cur)
				cur = nil
			}
			if piece != "" {
				cur = append(cur, span{piece, s.style})
			}
		}
	}
	if len(cur) > 0 {
		words = append(words, cur)
	}
	var lines []string
	line, used := first, width(first)
	empty := true
	flush := func() {
		lines = append(lines, line)
		line, used, empty = indent, width(indent), true
	}
	for _, wd := range words {
		ww := wd.width()
		if !empty && used+1+ww > w {
			flush()
		}
		if used+ww > w { // longer than a line: break it, as a last resort
			for _, piece := range strings.Split(ansi.Hardwrap(plainText(wd), max(w-used, 1), false), "\n") {
				if !empty {
					flush()
				}
				line += piece
				used += width(piece)
				empty = false
			}
			continue
		}
		if !empty {
			line += " "
			used++
		}
		line += wd.render()
		used += ww
		empty = false
	}
	if !empty || len(lines) == 0 {
		lines = append(lines, line)
	}
	return lines
}

func plainText(w word) string {
	var b strings.Builder
	for _, s := range w {
		b.WriteString(s.text)
	}
	return b.String()
}
