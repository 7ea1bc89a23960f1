package lessons

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"paxosgame/game"
	"paxosgame/internal/words"
	"paxosgame/paxos"
)

// blockReader reads the lines inside one ```paxos block.
type blockReader struct {
	r      *reader
	first  int // the file line of body[0]
	body   []string
	kind   string         // the kind of block: setup, show, goal...
	bad    int            // the line of the first line that did not parse; 0 when all did
	unread bool           // the body was not read (the block is not closed)
	seen   map[string]int // the choices read so far, by key, and their lines (predict)
	shown  map[string]int // the same, by the words the student reads
}

func (b *blockReader) fail(line, col int, format string, args ...any) {
	if b.bad == 0 {
		b.bad = line
	}
	b.r.fail(line, col, format, args...)
}

// each calls f for every line that holds more than a comment, with the
// comment lines just above it and its own comment joined as its note.
func (b *blockReader) each(f func(line int, raw, code, note string)) {
	var notes []string
	for i, raw := range b.body {
		code, note := splitComment(raw)
		if note != "" {
			notes = append(notes, note)
		}
		if strings.TrimSpace(code) == "" {
			if strings.TrimSpace(raw) == "" {
				notes = nil // a blank line ends a comment that said nothing about a command
			}
			continue
		}
		f(b.first+i, raw, code, strings.Join(notes, " "))
		notes = nil
	}
}

// parse reads one command line of the game's language.
func (b *blockReader) parse(line int, raw, code, note string) (Line, bool) {
	cmd, _, err := game.ParseLine(raw)
	if err != nil {
		switch {
		case err.Kind == game.UnknownVerb:
			err.Msg = b.unknownCommand(strings.Fields(code)[0]) // as written, in quotes if it was
		case err.Suggest != "": // the game says what was likely meant
		case err.Kind == game.UnclosedQuote:
			err.Msg += `: add one at the end of the value, such as "5 EUR"`
		case err.Kind == game.Unexpected && formOf(code) != "":
			err.Msg += "; for example: " + formOf(code)
		}
		b.fail(line, err.Col, "%s", err.Msg)
		return Line{}, false
	}
	cmd.Line = line
	return Line{Cmd: cmd, Note: note, Text: strings.TrimSpace(code)}, true
}

// formNotes say what the forms of a command leave out.
var formNotes = map[game.Verb]string{
	game.VPropose: " (the ballot and the value may be left out)",
	game.VAccept:  " (a proposer played by hand names the value it picks)",
}

// commandForm shows how the command of verb v is written, from the game's
// own examples: what lint tells an author who wrote one it cannot read.
func commandForm(v game.Verb) string {
	if v == game.VExpect {
		return expectForms(paxos.NodeID{}) + ", or what a node is, such as " + game.ExpectExamples(paxos.A(1))[0].String()
	}
	var forms []string
	for _, c := range game.Examples(v) {
		forms = append(forms, c.String())
	}
	return words.Or(forms) + formNotes[v]
}

// expectForms are how expect lines about node id are written, or about
// the whole game when id is zero: from the game's table of expect kinds.
func expectForms(id paxos.NodeID) string {
	var forms []string
	for _, c := range game.ExpectExamples(id) {
		forms = append(forms, c.String())
	}
	if id.N == 0 {
		return strings.Join(forms, ", ")
	}
	return words.Or(forms)
}

// formOf is how the command of a line is written (commandForm): for an
// expect about a node, the forms for that node.
func formOf(code string) string {
	fields := strings.Fields(code)
	if len(fields) > 1 && fields[0] == "expect" {
		if id, err := game.ParseNode(fields[1]); err == nil {
			return expectForms(id)
		}
	}
	for v := game.VConfig; v <= game.VExpect; v++ {
		if v.String() == fields[0] {
			return commandForm(v)
		}
	}
	return ""
}

// unknownCommand says that word, the first of a line, is no command.
func (b *blockReader) unknownCommand(word string) string {
	verbs := verbNames()
	if b.kind == "predict" {
		verbs = append(verbs, "answer", "expect-answer")
	}
	question := word == "answer" || strings.HasPrefix(word, "?") || strings.HasPrefix(word, "-")
	switch s := game.DidYouMean(word, verbs); {
	case s != "":
		return fmt.Sprintf("unknown command %s: did you mean %s?", game.Excerpt(word), s)
	case question && b.kind != "predict":
		return fmt.Sprintf("%s starts a line of a question: a question, its choices and its answer line go in a ```paxos predict block", game.Excerpt(word))
	case b.kind == "predict":
		return fmt.Sprintf("unknown command %s: each line of a predict block is the question (? ...), a choice (- ...), "+
			"a command of the game (%s, expect) or, last, the answer line (answer ...)", game.Excerpt(word), strings.Join(actionNames(), ", "))
	}
	return fmt.Sprintf("unknown command %s: each line of a paxos block is one command of the game "+
		"(%s, expect; in a setup block also config, rule, policy, mode, set)", game.Excerpt(word), strings.Join(actionNames(), ", "))
}

// misplacedSetup reports a setup command outside a setup block.
func (b *blockReader) misplacedSetup(line int, l Line) {
	b.fail(line, l.Cmd.Col, "%s is a setup command, so it cannot be in a %s block: move it into the ```paxos setup block "+
		"of this scene, or start a new scene with a setup block of its own", l.Cmd.Verb, b.kind)
}

// commands reads a setup, show or solution block.
func (b *blockReader) commands(kind string) []Line {
	var out []Line
	b.each(func(line int, raw, code, note string) {
		l, ok := b.parse(line, raw, code, note)
		if !ok {
			return
		}
		if l.Cmd.Verb.Setup() && kind != "setup" {
			b.misplacedSetup(line, l)
			return
		}
		out = append(out, l)
	})
	return out
}

// expects reads a goal block: expect lines only.
func (b *blockReader) expects() []Line {
	var out []Line
	b.each(func(line int, raw, code, note string) {
		l, ok := b.parse(line, raw, code, note)
		if !ok {
			return
		}
		if l.Cmd.Verb != game.VExpect {
			b.fail(line, l.Cmd.Col, "a goal holds only expect lines, since the student takes the actions: "+
				"move %s into a ```paxos show block (played for the student) or the solution", l.Cmd.Verb)
			return
		}
		out = append(out, l)
	})
	return out
}

// predict reads a predict block: a question (? ...), the choices (- ...,
// each with its explanation in > lines under it), the commands to play, an
// expect-answer line if the author writes the answer they expect, and
// last the answer line (answer ...). With do, a do block: the question and
// its choices, each an action the student takes on the board; nothing
// else.
func (b *blockReader) predict(fence int, do bool) (*Predict, []Line) {
	p := &Predict{Do: do}
	var cmds []Line
	answered := false
	choices := 0  // choice lines, read or not
	lost := false // a line is not even a command: it may be the question, a choice or the answer mistyped
	last := -1    // the choice the > lines below it explain; -1 when none is just above
	b.each(func(line int, raw, code, note string) {
		t := strings.TrimSpace(code)
		col := strings.Index(raw, t) + 1
		explains := last
		last = -1
		switch {
		case answered:
			b.fail(line, col, "the answer line must be the last line of a predict block: move this line above it")
		case strings.HasPrefix(t, ">"):
			last = explains
			if explains < 0 {
				b.fail(line, col, "a > line explains the choice just above it: move it right under its choice (- ...)")
				return
			}
			text := strings.TrimSpace(strings.TrimSpace(raw)[1:]) // the whole line: a # is prose here
			if text == "" {
				return
			}
			c := &p.Choices[explains]
			c.Explain = strings.TrimSpace(c.Explain + " " + text)
		case strings.HasPrefix(t, "?"):
			if p.Question != "" || len(p.Choices) > 0 || len(cmds) > 0 {
				b.fail(line, col, "a %s block asks one question, on its first line: remove this one or make it a new %s block", b.kind, b.kind)
				return
			}
			p.Question = strings.TrimSpace(t[1:])
		case strings.HasPrefix(t, "- ") || t == "-":
			if len(cmds) > 0 || p.ExpectedLine != 0 {
				b.fail(line, col, "choices come before the commands to play: move this choice up, under the question")
				return
			}
			choices++
			read := b.choice
			if do {
				read = b.action
			}
			if c, ok := read(line, col, raw); ok {
				p.Choices = append(p.Choices, c)
				last = len(p.Choices) - 1
			}
		case t == "expect-answer" || strings.HasPrefix(t, "expect-answer "):
			b.expectAnswer(p, line, col, t, do)
		case do:
			b.fail(line, col, "a do block holds the question (? ...) and its choices (- ..., each an action the student takes, "+
				"with > lines under it that explain it): play other commands in a show block before it")
		case t == "answer" || strings.HasPrefix(t, "answer "):
			answered = true
			q, err := parseQuery(raw)
			if err != nil {
				err.File, err.Line = b.r.file, line
				b.bad = cmp.Or(b.bad, line)
				b.r.errs = append(b.r.errs, err)
				return
			}
			q.Line = line
			p.Query = q
		default:
			l, ok := b.parse(line, raw, code, note)
			lost = lost || !ok && !slices.Contains(verbNames(), strings.Fields(code)[0])
			if ok {
				if l.Cmd.Verb.Setup() {
					b.misplacedSetup(line, l)
					return
				}
				cmds = append(cmds, l)
			}
		}
	})
	switch {
	case b.unread || lost:
	case p.Question == "" && do:
		b.fail(fence, 1, "this do block asks nothing: make its first line the question, such as ? P2's prepare 17 reaches you, A1: what do you do? Decide on the board.")
	case p.Question == "":
		b.fail(fence, 1, "this predict block asks nothing: make its first line the question, such as ? What value does P2 ask the acceptors to vote for?")
	case choices < 2 && do:
		b.fail(fence, 1, "a question needs at least two choices: add lines such as - refuse A1, each an action the student may take")
	case choices < 2:
		b.fail(fence, 1, `a question needs at least two choices: add lines such as - "5 EUR" under the question`)
	case !answered && !do:
		b.fail(fence, 1, "this question has no answer line: end the block with a line such as answer P2 value, which says what to measure once its commands are played")
	}
	return p, cmds
}

// expectAnswer reads `expect-answer "5 EUR"`: the answer the author
// expects, written as one of the choices is.
func (b *blockReader) expectAnswer(p *Predict, line, col int, t string, do bool) {
	text := strings.TrimSpace(strings.TrimPrefix(t, "expect-answer"))
	words, ok := splitWords(text)
	key := strings.Join(words, " ")
	switch {
	case do:
		b.fail(line, col, "a do block has no expect-answer: the student's action is the answer, and each choice has its own > lines")
	case p.ExpectedLine != 0:
		b.fail(line, col, "this question already has an expect-answer line (line %d): keep one", p.ExpectedLine)
	case text == "":
		b.fail(line, col, `expect-answer says nothing: write after it the answer you expect, as its choice is written, such as expect-answer "5 EUR"`)
	case !ok:
		b.fail(line, col, `a value in this line has no closing double quote ("): write it such as expect-answer "5 EUR"`)
	case !slices.ContainsFunc(p.Choices, func(c Choice) bool { return c.key == key }):
		b.fail(line, col, "expect-answer %s is none of the choices: write the answer you expect as its choice is written (after the dash)", game.Excerpt(text))
	default:
		p.Expected, p.ExpectedLine = key, line
	}
}

// choice reads `- "5 EUR"`, or `- 17   # ballot 17` with the words the
// student reads; col is the column of the dash.
func (b *blockReader) choice(line, col int, raw string) (Choice, bool) {
	code, label := splitComment(raw)
	text := strings.TrimSpace(strings.TrimSpace(code)[1:])
	words, ok := splitWords(text)
	switch {
	case text == "":
		b.fail(line, col, `this choice is empty: write it after the dash, such as - "5 EUR"`)
		return Choice{}, false
	case !ok:
		b.fail(line, col, `a value in this choice has no closing double quote ("): write it such as - "5 EUR"`)
		return Choice{}, false
	}
	c := Choice{Text: text, Line: line, Col: col, key: strings.Join(words, " ")}
	if len(words) == 1 && strings.HasPrefix(text, `"`) {
		c.Text = words[0]
	}
	if label != "" {
		c.Text, c.labelled = label, true
	}
	if example := tooLittle(words); example != "" && !c.labelled {
		b.r.warn(line, col, "this choice reads %s, which says too little on its own: give it words after a #, such as %s", game.Excerpt(text), example)
	}
	return c, b.distinct(c)
}

// tooLittle is, for a choice of these words that says too little on its
// own — a bare number (a ballot? a phase? a count?), nothing, or a vote
// with its quotes — how the choice reads better with a label; "" when it
// reads well.
func tooLittle(words []string) string {
	switch {
	case len(words) == 1 && words[0] == "nothing":
		return "- nothing   # no value is chosen yet"
	case len(words) == 1 && isNumber(words[0]):
		return "- " + words[0] + "   # ballot " + words[0]
	case len(words) == 2 && isNumber(words[0]):
		return fmt.Sprintf("- %s %s   # %s, voted in ballot %s", words[0], game.Quote(paxos.Value(words[1])), words[1], words[0])
	}
	return ""
}

func isNumber(s string) bool { return s != "" && strings.Trim(s, "0123456789") == "" }

// action reads a choice of a do block: `- refuse A1`, an action of the
// game, with the words the student reads after a # if the author gives
// them; col is the column of the dash.
func (b *blockReader) action(line, col int, raw string) (Choice, bool) {
	code, label := splitComment(raw)
	dash := strings.Index(raw, "-")
	cmdLine := raw[:dash] + " " + raw[dash+1:] // the command at its own columns
	text := strings.TrimSpace(strings.TrimSpace(code)[1:])
	if text == "" {
		b.fail(line, col, "this choice is empty: write after the dash the action the student takes, such as - refuse A1")
		return Choice{}, false
	}
	l, ok := b.parse(line, cmdLine, code[:dash]+" "+code[dash+1:], "")
	switch {
	case !ok:
		return Choice{}, false
	case !l.Cmd.Verb.Action():
		b.fail(line, l.Cmd.Col, "a choice of a do block is an action the student takes on the board, such as - refuse A1: %s is not one", l.Cmd.Verb)
		return Choice{}, false
	}
	c := Choice{Text: l.Text, Line: line, Col: col, Do: &l, key: l.Cmd.String()}
	if label != "" {
		c.Text, c.labelled = label, true
	}
	return c, b.distinct(c)
}

// distinct reports whether choice c differs from those read before it,
// in what it is and in the words the student reads, and notes it.
func (b *blockReader) distinct(c Choice) bool {
	if first, ok := b.seen[c.key]; ok {
		b.fail(c.Line, c.Col, "this choice is offered twice (first at line %d): remove one of them", first)
		return false
	}
	if first, ok := b.shown[c.Text]; ok {
		b.fail(c.Line, c.Col, "this choice reads %s, as the one at line %d does: give each choice its own words after the #", game.Excerpt(c.Text), first)
		return false
	}
	if b.seen == nil {
		b.seen, b.shown = map[string]int{}, map[string]int{}
	}
	b.seen[c.key], b.shown[c.Text] = c.Line, c.Line
	return true
}

// allow reads an allow block: action names, or all. deliver one, two
// words, allows delivering messages one at a time but not deliver all.
func (b *blockReader) allow(fence int) Allow {
	a := Allow{Line: fence}
	all := false
	plain, one := 0, 0 // the lines of deliver alone and of deliver one
	b.each(func(line int, raw, code, note string) {
		from := 0
		words := strings.Fields(code)
		for i := 0; i < len(words); i++ {
			w := words[i]
			col := wordCol(raw, w, from)
			from += strings.Index(raw[from:], w) + len(w)
			v, ok := actionVerb(w)
			switch {
			case w == "all":
				all = true
			case w == "one":
				b.fail(line, col, "one goes just after deliver: deliver one lets the student deliver messages one at a time, but not deliver all")
			case !ok:
				if s := game.DidYouMean(w, append(actionNames(), "all")); s != "" {
					b.fail(line, col, "%s is not an action: did you mean %s?", game.Excerpt(w), s)
					break
				}
				b.fail(line, col, "%s is not an action: an allow block lists actions the student may take "+
					"(%s), or all; deliver one allows delivering messages one at a time but not deliver all", game.Excerpt(w), strings.Join(actionNames(), ", "))
			case v == game.VDeliver && i+1 < len(words) && words[i+1] == "one":
				from += strings.Index(raw[from:], "one") + len("one")
				i++
				if plain != 0 {
					b.fail(line, col, "deliver is allowed alone at line %d: keep deliver one, which refuses deliver all, or deliver alone, which allows it", plain)
					break
				}
				a.verbs, a.one, one = append(a.verbs, v), true, line
			case v == game.VDeliver && one != 0:
				b.fail(line, col, "deliver one is allowed at line %d: keep deliver one, which refuses deliver all, or deliver alone, which allows it", one)
			case v == game.VDeliver:
				a.verbs, plain = append(a.verbs, v), line
			default:
				a.verbs = append(a.verbs, v)
			}
		}
	})
	if all {
		a.verbs = nil
	} else if a.verbs == nil && b.bad == 0 {
		b.fail(fence, 1, "this allow block is empty: list the actions the student may take, such as deliver drop")
	}
	return a
}

// verbNames are the names of the game's commands.
func verbNames() []string {
	var names []string
	for v := game.VConfig; v <= game.VExpect; v++ {
		names = append(names, v.String())
	}
	return names
}

// actionNames are the names of the actions a student may take.
func actionNames() []string {
	var names []string
	for v := game.VPropose; v <= game.VLearn; v++ {
		names = append(names, v.String())
	}
	return names
}

func actionVerb(w string) (game.Verb, bool) {
	for v := game.VPropose; v <= game.VLearn; v++ {
		if v.String() == w {
			return v, true
		}
	}
	return 0, false
}

// splitComment cuts a line at its comment: # starts one unless a digit
// follows it (#12 is a message id) or it is inside double quotes, exactly
// as the game's own reader does.
func splitComment(line string) (code, note string) {
	quoted := false
	for i := 0; i < len(line); i++ {
		switch c := line[i]; {
		case quoted && c == '\\':
			i++
		case c == '"':
			quoted = !quoted
		case !quoted && c == '#' && (i+1 >= len(line) || line[i+1] < '0' || line[i+1] > '9'):
			return line[:i], strings.TrimSpace(line[i+1:])
		}
	}
	return line, ""
}

// splitWords splits on spaces, keeping "double quoted" words whole and
// without their quotes; ok is false when a quote is not closed.
func splitWords(s string) (words []string, ok bool) {
	for s = strings.TrimSpace(s); s != ""; s = strings.TrimSpace(s) {
		if s[0] == '"' {
			end := strings.IndexByte(s[1:], '"')
			if end < 0 {
				return nil, false
			}
			words = append(words, s[1:end+1])
			s = s[end+2:]
			continue
		}
		end := strings.IndexAny(s, " \t")
		if end < 0 {
			end = len(s)
		}
		words = append(words, s[:end])
		s = s[end:]
	}
	return words, true
}

// hintParagraphs splits a hint block into hints: one per paragraph.
func hintParagraphs(body []string) []string {
	var hints []string
	for _, para := range strings.Split(strings.Join(body, "\n"), "\n\n") {
		if t := narration(strings.Split(para, "\n")); t != "" {
			hints = append(hints, t)
		}
	}
	return hints
}

// narration turns prose lines into the text shown: blank lines around it
// are dropped, and the lines of a paragraph are joined into one line (so
// that the screen can wrap them to its width), except lines that start a
// list item, a quote, a heading or a table row, and code blocks, which are
// kept as written.
func narration(lines []string) string {
	var out [][]string // each line of the text, in the pieces joined into it (joined once: a long paragraph costs its length)
	last := func() string {
		if len(out) == 0 {
			return "-"
		}
		p := out[len(out)-1]
		return p[len(p)-1]
	}
	code, joinable, item := false, false, false
	for _, line := range lines {
		t := strings.TrimSpace(line)
		if _, _, ok := openFence(line); ok {
			code = !code
			out = append(out, []string{line})
			joinable = false
			continue
		}
		switch {
		case code:
			out = append(out, []string{line})
		case t == "":
			if len(out) > 0 && last() != "" {
				out = append(out, []string{""})
			}
			joinable = false
		case joinable && !startsBlock(t, item):
			out[len(out)-1] = append(out[len(out)-1], t)
		default:
			out = append(out, []string{strings.TrimRight(line, " ")})
			joinable = !strings.HasPrefix(t, "#") && !strings.HasPrefix(t, "|")
			item = startsBlock(t, true)
		}
	}
	joined := make([]string, len(out))
	for i, pieces := range out {
		joined[i] = strings.Join(pieces, " ")
	}
	return strings.TrimSpace(strings.Join(joined, "\n"))
}

// startsBlock reports whether a line starts a list item, a quote, a
// heading or a table row. As in Markdown, a numbered item other than 1
// does so only in a list: after a paragraph line, "3) have voted" goes on
// with the paragraph.
func startsBlock(t string, inList bool) bool {
	for _, p := range []string{"- ", "* ", "+ ", "> ", "#", "|"} {
		if strings.HasPrefix(t, p) {
			return true
		}
	}
	i := 0
	for i < len(t) && t[i] >= '0' && t[i] <= '9' {
		i++
	}
	numbered := i > 0 && i+1 < len(t) && (t[i] == '.' || t[i] == ')') && t[i+1] == ' '
	return numbered && (inList || t[:i] == "1")
}
