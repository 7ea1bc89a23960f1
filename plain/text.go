package plain

import (
	"bufio"
	"bytes"
	"io"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"

	"paxosgame/game"
	"paxosgame/internal/term"
	"paxosgame/narrate"
)

// printer writes the console's lines: each one printable (a control
// character from a file or a typed line is written as an escape, never
// sent to the terminal), in ASCII when asked. It keeps the first error of
// the writer: the console stops when its reader is gone. Its lock lets a
// room's news (another goroutine) be written while the player types: the
// news goes on lines of its own, and the prompt, with what was typed
// after it, is written again below (no cursor movement).
type printer struct {
	mu    sync.Mutex
	w     io.Writer
	ascii bool
	crlf  bool // a terminal in raw mode: each line ends in CR LF
	err   error

	shown  bool     // the prompt ends the output, with typed after it
	cut    bool     // news cut the prompt's line: it is written again (restore)
	prompt string   // the prompt last shown
	typed  []string // raw mode: what was echoed after the prompt, a piece a rune
}

// say writes each line of text on a line of its own; a blank line for "".
func (p *printer) say(text string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.shown {
		// News while the prompt waits: below it, and the prompt again after.
		p.write("\n")
		p.shown, p.cut = false, true
	}
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

// write writes s as it is; within the lock.
func (p *printer) write(s string) {
	if p.crlf {
		s = strings.ReplaceAll(s, "\n", "\r\n")
	}
	if p.err == nil {
		_, p.err = io.WriteString(p.w, s)
	}
}

// failed is the first error of the writer.
func (p *printer) failed() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.err
}

// showPrompt writes the prompt: what is typed next follows it.
func (p *printer) showPrompt(prompt string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.write(prompt)
	p.prompt, p.shown, p.cut, p.typed = prompt, true, false, nil
}

// restore writes the prompt again, and what was typed after it, when news
// cut its line.
func (p *printer) restore() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.cut {
		p.write(p.prompt + strings.Join(p.typed, ""))
		p.shown, p.cut = true, false
	}
}

// lineRead notes that the line after the prompt was read: the output no
// longer ends with the prompt. In raw mode it ends the line on the screen.
func (p *printer) lineRead(raw bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if raw && p.shown {
		p.write("\n")
	}
	p.shown, p.cut, p.typed = false, false, nil
}

// echo writes a rune typed in raw mode, printable.
func (p *printer) echo(r rune) {
	p.mu.Lock()
	defer p.mu.Unlock()
	e := p.clean(string(r))
	if p.shown {
		p.write(e)
	}
	p.typed = append(p.typed, e)
}

// erase takes back the last n runes echoed (all of them for n < 0), as a
// terminal does for backspace: back, blank, back.
func (p *printer) erase(n int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if n < 0 || n > len(p.typed) {
		n = len(p.typed)
	}
	for _, e := range p.typed[len(p.typed)-n:] {
		w := ansi.StringWidth(e)
		if p.shown {
			p.write(strings.Repeat("\b", w) + strings.Repeat(" ", w) + strings.Repeat("\b", w))
		}
	}
	p.typed = p.typed[:len(p.typed)-n]
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

// maxLine is the longest line the console reads unless told otherwise; a
// longer one is ignored as a whole, and said so.
const maxLine = 4096

// lineReader reads lines of at most max bytes, from input whose terminal
// (if any) edits and echoes them itself.
type lineReader struct {
	r   *bufio.Reader
	max int
}

func newLineReader(r io.Reader, max int) *lineReader {
	return &lineReader{bufio.NewReaderSize(r, 1024), max}
}

// next is the next line without its end; tooLong when it was longer than
// max (and is then ""). err is io.EOF at the end of the input.
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
		if !tooLong && len(buf)+len(chunk) <= lr.max {
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

// rawReader reads lines from a terminal in raw mode, as an SSH client
// with a pty sends every key: it edits them as a terminal's line
// discipline would — echo, backspace, ctrl-U erases the line, ctrl-C
// drops it, ctrl-D on an empty line ends the input, a line ends at CR —
// and skips the escape sequences of other keys (arrows, function keys).
// It keeps at most max bytes of a line.
type rawReader struct {
	r   *bufio.Reader
	p   *printer
	max int
	cr  bool // the last byte was CR: a LF right after it is the same end
}

func newRawReader(r io.Reader, p *printer, max int) *rawReader {
	return &rawReader{r: bufio.NewReaderSize(r, 1024), p: p, max: max}
}

// next is the next line, as lineReader's.
func (rr *rawReader) next() (line string, tooLong bool, err error) {
	var buf []byte
	for {
		b, err := rr.r.ReadByte()
		if err != nil {
			return "", false, err
		}
		cr := rr.cr
		rr.cr = b == '\r'
		switch {
		case b == '\n' && cr:
			continue // CR LF: one end
		case b == '\r' || b == '\n':
			rr.p.lineRead(true)
			if tooLong {
				buf = nil
			}
			return string(buf), tooLong, nil
		case b == 0x7f || b == 0x08: // backspace
			if len(buf) > 0 {
				_, n := utf8.DecodeLastRune(buf)
				buf = buf[:len(buf)-n]
				rr.p.erase(1)
			}
		case b == 0x15: // ctrl-U
			buf, tooLong = buf[:0], false
			rr.p.erase(-1)
		case b == 0x03: // ctrl-C: the line is dropped, a new one starts
			rr.p.erase(-1)
			rr.p.lineRead(true)
			return "", false, nil
		case b == 0x04 && len(buf) == 0: // ctrl-D
			return "", false, io.EOF
		case b == 0x1b:
			rr.skipEscape()
		case b < 0x20:
			// another control key: nothing
		default:
			rr.r.UnreadByte()
			r, n, _ := rr.r.ReadRune()
			if len(buf)+n > rr.max {
				tooLong = true // read on to the end of the line, keeping nothing
				continue
			}
			buf = utf8.AppendRune(buf, r)
			rr.p.echo(r)
		}
	}
}

// skipEscape reads the rest of an escape sequence: ESC [ … final byte, or
// ESC O and one byte (at most a few bytes: a client cannot hold it).
func (rr *rawReader) skipEscape() {
	b, err := rr.r.ReadByte()
	switch {
	case err != nil:
	case b == 'O':
		rr.r.ReadByte()
	case b == '[':
		for range 32 {
			if c, err := rr.r.ReadByte(); err != nil || c >= 0x40 && c <= 0x7e {
				return
			}
		}
	}
}

// Paragraphs turns a lesson's Markdown into lines to read: one line a
// paragraph, a heading or an item of a list, without the marks of
// emphasis and code a screen reader would spell out (**, *, _, `). The
// classroom's poll pane shows a choice's explanation so.
func Paragraphs(md string) []string {
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
