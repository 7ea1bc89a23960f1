package plain

import (
	"bufio"
	"bytes"
	"io"
	"strings"

	"paxosgame/game"
	"paxosgame/internal/term"
	"paxosgame/narrate"
)

// printer writes the console's lines: each one printable (a control
// character from a file or a typed line is written as an escape, never
// sent to the terminal), in ASCII when asked. It keeps the first error of
// the writer: the console stops when its reader is gone.
type printer struct {
	w     io.Writer
	ascii bool
	err   error
}

// say writes each line of text on a line of its own; a blank line for "".
func (p *printer) say(text string) {
	for _, l := range strings.Split(text, "\n") {
		p.write(p.clean(l) + "\n")
	}
}

func (p *printer) clean(s string) string {
	s = game.Printable(s)
	if p.ascii {
		s = term.ASCIIText(s)
	}
	return s
}

func (p *printer) write(s string) {
	if p.err == nil {
		_, p.err = io.WriteString(p.w, s)
	}
}

// events writes the narration of events, one line each, the messages sent
// in a row gathered on one line, as `paxosgame run` writes them.
func (p *printer) events(evs []game.Event) {
	var b bytes.Buffer
	narrate.WriteEvents(&b, evs, "")
	for _, l := range strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n") {
		if l != "" {
			p.say(l)
		}
	}
}

// maxLine is the longest line the console reads; a longer one is ignored
// as a whole, and said so.
const maxLine = 4096

// lineReader reads lines of at most maxLine bytes.
type lineReader struct{ r *bufio.Reader }

func newLineReader(r io.Reader) *lineReader { return &lineReader{bufio.NewReaderSize(r, 1024)} }

// next is the next line without its end; tooLong when it was longer than
// maxLine (and is then ""). err is io.EOF at the end of the input.
func (lr *lineReader) next() (line string, tooLong bool, err error) {
	var buf []byte
	read := false
	for {
		chunk, more, err := lr.r.ReadLine()
		if err != nil {
			if read {
				break // a last line without its end
			}
			return "", false, err
		}
		read = true
		if !tooLong && len(buf)+len(chunk) <= maxLine {
			buf = append(buf, chunk...)
		} else {
			tooLong, buf = true, nil
		}
		if !more {
			break
		}
	}
	return string(buf), tooLong, nil
}

// paragraphs turns a lesson's Markdown into lines to read: one line a
// paragraph, a heading or an item of a list, without the marks of
// emphasis and code a screen reader would spell out (**, *, _, `).
func paragraphs(md string) []string {
	var out []string
	var cur []string
	flush := func() {
		if len(cur) > 0 {
			out = append(out, strings.Join(cur, " "))
			cur = nil
		}
	}
	code := false
	for _, line := range strings.Split(md, "\n") {
		t := strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~"):
			flush()
			code = !code
		case code:
			out = append(out, strings.TrimRight(line, " "))
		case t == "":
			flush()
		case strings.HasPrefix(t, "#"):
			flush()
			out = append(out, unmark(strings.TrimSpace(strings.TrimLeft(t, "#"))))
		case strings.HasPrefix(t, "> "):
			cur = append(cur, unmark(t[2:]))
		case isItem(t):
			flush()
			cur = append(cur, unmark(t))
		default:
			cur = append(cur, unmark(t))
		}
	}
	flush()
	return out
}

// isItem reports whether t starts an item of a list: "- item", "3. item".
func isItem(t string) bool {
	for _, p := range []string{"- ", "* ", "+ "} {
		if strings.HasPrefix(t, p) {
			return true
		}
	}
	i := 0
	for i < len(t) && t[i] >= '0' && t[i] <= '9' {
		i++
	}
	return i > 0 && i+1 < len(t) && (t[i] == '.' || t[i] == ')') && t[i+1] == ' '
}

// unmark drops the marks of **strong**, *emphasis* (or _emphasis_) and
// `code` from a line, as the screen reads them (a mark without its
// closing pair is text).
func unmark(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		mark := ""
		switch {
		case strings.HasPrefix(s[i:], "**"):
			mark = "**"
		case s[i] == '`' || s[i] == '*' || (s[i] == '_' && (i == 0 || s[i-1] == ' ' || s[i-1] == '(')):
			mark = s[i : i+1]
		}
		end := -1
		if mark != "" && i+len(mark) < len(s) && s[i+len(mark)] != ' ' {
			end = strings.Index(s[i+len(mark):], mark)
		}
		if end <= 0 {
			b.WriteByte(s[i])
			i++
			continue
		}
		b.WriteString(s[i+len(mark) : i+len(mark)+end])
		i += 2*len(mark) + end
	}
	return b.String()
}
