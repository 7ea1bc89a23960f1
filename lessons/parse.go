package lessons

import (
	"cmp"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"paxosgame/game"
)

// blockKinds are the words allowed after ```paxos, in the order the
// format's documentation gives them.
var blockKinds = []string{"setup", "show", "goal", "predict", "do", "hint", "solution", "allow"}

// Parse reads a lesson file. It returns the lesson and, when the file has
// mistakes, every one of them as game.Errors, each with file, line and
// column and a sentence that says how to fix it. The lesson returned with
// errors is as much as could be read.
func Parse(file, src string) (*Lesson, error) {
	src = strings.TrimPrefix(src, game.ByteOrderMark) // some editors write one; it is no text
	r := &reader{file: file, lines: strings.Split(strings.ReplaceAll(src, "\r\n", "\n"), "\n")}
	r.l = &Lesson{Name: file, File: file, broken: map[int]int{}}
	r.read()
	if r.errs != nil {
		sortErrors(r.errs)
		return r.l, r.errs
	}
	return r.l, nil
}

// reader walks a lesson file line by line.
type reader struct {
	file  string
	lines []string
	l     *Lesson
	errs  game.Errors

	prose     []string // narration waiting for the next step
	proseLine int      // the line of its first non-blank line
	allow     Allow    // the allow block in force for the next goals
	allowUsed bool     // a goal (or a block that could not be read) came after the last allow block
	goal      int      // index of the last goal step, while no other step followed it; noGoal or unreadGoal otherwise
	brokenAt  int      // the line of a block that could not be read: the steps after it in its scene are broken
	truncated bool     // a block runs to the end of the file: what comes after it was not read

	// between is a setup block just after a goal that has no solution
	// yet: a solution or hint after it is the goal's, split from it by a
	// new scene, and that is the mistake to report (once).
	between *struct{ goal, line int }
}

// The goal a hint or solution block belongs to, when it is not a step.
const (
	noGoal     = -1 // none: a hint or solution here is a mistake
	unreadGoal = -2 // the block above could not be read: it may have been the goal
)

func (r *reader) fail(line, col int, format string, args ...any) {
	r.errs = append(r.errs, &game.Error{File: r.file, Line: line, Col: col, Msg: fmt.Sprintf(format, args...)})
}

// warn notes what lint warns of: not a mistake that stops the lesson.
func (r *reader) warn(line, col int, format string, args ...any) {
	r.l.warns = append(r.l.warns, &game.Error{File: r.file, Line: line, Col: col, Msg: fmt.Sprintf(format, args...)})
}

func (r *reader) read() {
	r.goal = noGoal
	r.printable()
	start := r.title()
	for i := start; i < len(r.lines); i++ {
		marker, info, ok := openFence(r.lines[i])
		if !ok {
			r.addProse(i)
			continue
		}
		words := strings.Fields(info)
		isPaxos := len(words) > 0 && words[0] == "paxos"
		end, closed := closeFence(r.lines, i+1, marker, isPaxos)
		r.truncated = r.truncated || end == len(r.lines)
		if !isPaxos {
			if !closed {
				r.unclosed(i, marker, info)
			}
			last := end - 1 // another language's code: part of the narration,
			if closed {
				last = end // with its closing line
			}
			for j := i; j <= last; j++ {
				r.addProse(j)
			}
			i = last
			continue
		}
		r.block(i, marker, info, r.lines[i+1:end], closed)
		if closed {
			i = end
		} else {
			i = end - 1 // the line that showed the block was not closed is read on its own
		}
	}
	if text := r.takeProse(); text != "" {
		r.l.Steps = append(r.l.Steps, Step{Kind: KindNarration, Line: r.proseLine, Text: text})
	}
	if len(r.l.Steps) == 0 && r.errs == nil && start > 0 {
		// Nothing to play: said just after the title, where what is missing goes.
		title := strings.TrimRight(r.lines[start-1], " \t")
		r.fail(start, utf8.RuneCountInString(title)+1, "this lesson has only its title: write after it what the student reads, and ```paxos blocks to play")
	}
	if r.allow.Line != 0 && !r.allowUsed && !r.truncated {
		r.fail(r.allow.Line, 1, "no goal comes after this allow block, so it limits nothing: move it above the goal it is for, or remove it")
	}
}

// printable holds the whole lesson, prose and commands, to the game's
// printable rule (game.FirstFlaw; a tab is fine): nothing reaches a
// terminal raw, and every line keeps its columns. (A value in a command is
// refused by the game's parser too, raw or escaped.)
func (r *reader) printable() {
	for i, line := range r.lines {
		if f, bad := game.FirstFlawInText(line); bad {
			r.fail(i+1, utf8.RuneCountInString(line[:f.At])+1, "a lesson is printable text: %s", f.Sentence("a lesson"))
		}
	}
}

// unclosed reports a block opened at index fence that nothing closes.
func (r *reader) unclosed(fence int, marker, info string) {
	col := fenceCol(r.lines[fence])
	switch {
	case strings.HasPrefix(info+" ", "paxos "):
		r.fail(fence+1, col, "this %s%s block is never closed: add a line %s after its last command", marker, info, marker)
	case info == "":
		r.fail(fence+1, col, "this line %s opens a code block that is never closed: if it was meant to close a ```paxos block, "+
			"that block's opening line (```paxos and its kind) is missing above; otherwise add a line %s where the code ends", marker, marker)
	default:
		r.fail(fence+1, col, "this %s%s block is never closed: add a line %s after its last line", marker, info, marker)
	}
}

// title reads the first heading and returns the index of the line after it.
func (r *reader) title() int {
	for i, line := range r.lines {
		t := strings.TrimSpace(line)
		if t == "" {
			continue
		}
		if strings.HasPrefix(t, "#") {
			r.l.Title = strings.TrimSpace(strings.TrimLeft(t, "#"))
			if r.l.Title != "" {
				return i + 1
			}
		}
		r.fail(i+1, 1, "a lesson starts with its title, and this line comes before any: make the first line a heading such as # Promises carry votes")
		return i
	}
	r.fail(1, 1, "this lesson is empty: start it with a title such as # Promises carry votes")
	return len(r.lines)
}

func (r *reader) addProse(i int) {
	r.handMentions(i)
	if len(r.prose) == 0 {
		if strings.TrimSpace(r.lines[i]) == "" {
			return
		}
		r.proseLine = i + 1
	}
	r.prose = append(r.prose, r.lines[i])
}

func (r *reader) takeProse() string {
	text := narration(r.prose)
	r.prose = nil
	return text
}

// block reads one ```paxos block; fence is the index of its opening line.
// The body of a block that is not closed is not read: it may well run on
// into the prose and blocks after it.
func (r *reader) block(fence int, marker, info string, body []string, closed bool) {
	line := fence + 1
	words := strings.Fields(info)[1:]
	b := blockReader{r: r, first: line + 1, body: body, kind: strings.Join(words[:min(len(words), 1)], "")}
	if !closed {
		r.unclosed(fence, marker, info)
		b.body, b.bad, b.unread = nil, line, true
	}
	if len(words) == 0 {
		r.fail(line, fenceCol(r.lines[fence]), "this ```paxos block does not say what it is: write ```paxos followed by one of %s", strings.Join(blockKinds, ", "))
		r.unreadable(line)
		return
	}
	kind, opts := words[0], words[1:]
	col := wordCol(r.lines[fence], kind, strings.Index(r.lines[fence], "paxos")+len("paxos"))
	if !slices.Contains(blockKinds, kind) {
		if s := game.DidYouMean(kind, blockKinds); s != "" {
			r.fail(line, col, "unknown block %s: did you mean %s?", game.Excerpt(kind), s)
		} else {
			r.fail(line, col, "unknown block %s: write ```paxos followed by one of %s", game.Excerpt(kind), strings.Join(blockKinds, ", "))
		}
		r.unreadable(line)
		return
	}
	for _, o := range opts {
		if kind == "goal" && o == "challenge" || kind == "predict" && o == "you-play" {
			continue
		}
		what := "this block takes no options: remove it"
		switch kind {
		case "goal":
			what = "the only option of a goal is challenge, for a scored goal: remove it or write challenge"
			if game.DidYouMean(o, []string{"challenge"}) != "" {
				what = "did you mean challenge?"
			}
		case "predict":
			what = "the only option of a question is you-play, for a question the student then plays out at the goal after it: remove it or write you-play"
			if game.DidYouMean(o, []string{"you-play"}) != "" {
				what = "did you mean you-play?"
			}
		}
		r.fail(line, wordCol(r.lines[fence], o, col), "unknown option %s: %s", game.Excerpt(o), what)
	}
	switch kind {
	case "setup", "show":
		k := map[string]Kind{"setup": KindSetup, "show": KindShow}[kind]
		cmds := b.commands(kind)
		if len(cmds) == 0 && b.bad == 0 && k == KindShow {
			r.fail(line, 1, "this show block is empty: put in it the commands to play, one per line, or remove it")
		}
		goal := r.goal
		r.step(Step{Kind: k, Line: line, Cmds: cmds}, b.bad)
		if k == KindSetup && goal >= 0 && r.l.Steps[goal].Goal.SolLine == 0 {
			r.between = &struct{ goal, line int }{goal, line}
		}
	case "goal":
		g := &Goal{Expects: b.expects(), Challenge: len(opts) > 0 && opts[0] == "challenge", Allow: r.allow}
		if len(g.Expects) == 0 && b.bad == 0 {
			r.fail(line, 1, `this goal has no expect lines: say what the student must make true, such as expect chosen "5 EUR"`)
			b.bad = line // (and so it is not played: it would hold from the start)
		}
		r.allowUsed = true
		r.step(Step{Kind: KindGoal, Line: line, Goal: g}, b.bad)
		r.goal = len(r.l.Steps) - 1
	case "predict":
		p, cmds := b.predict(line, false)
		p.YouPlay = slices.Contains(opts, "you-play")
		r.step(Step{Kind: KindPredict, Line: line, Predict: p, Cmds: cmds}, b.bad)
	case "do":
		p, _ := b.predict(line, true)
		r.step(Step{Kind: KindDo, Line: line, Predict: p}, b.bad)
	case "hint":
		g := r.goalFor(line, "hint")
		hints := hintParagraphs(b.body)
		if len(hints) == 0 && !b.unread {
			r.fail(line, 1, "this hint block is empty: write the hint in it as prose")
		}
		if g != nil {
			g.Hints = append(g.Hints, hints...)
		}
	case "solution":
		g := r.goalFor(line, "solution")
		cmds := b.commands("solution")
		if len(cmds) == 0 && b.bad == 0 {
			r.fail(line, 1, "this solution is empty: put in it the commands that reach the goal")
		}
		if g == nil {
			return
		}
		if g.SolLine != 0 {
			r.fail(line, 1, "the goal above already has a solution (line %d): a goal has one solution, so remove one of them", g.SolLine)
			return
		}
		g.Solution, g.SolLine = cmds, line
		if b.bad != 0 {
			r.l.broken[r.goal] = b.bad
		}
	case "allow":
		if r.allow.Line != 0 && !r.allowUsed {
			r.fail(r.allow.Line, 1, "no goal comes between this allow block and the next one (line %d), so this one limits nothing: remove one of them", line)
		}
		r.allow = b.allow(line)
		r.allowUsed = b.bad != 0 // not read whole: that is the mistake to report
	}
}

// unreadable notes a block at line whose kind is not known: it may have
// been any block, so what depends on it is not reported or played. Right
// after a goal it may be the goal's hint or solution: the goal is not
// played, and a hint or solution after it still belongs to the goal.
// Otherwise a hint or solution after it belongs to it. An allow block
// before it may be for it, and the rest of its scene is not played.
func (r *reader) unreadable(line int) {
	r.allowUsed = true
	r.brokenAt = line
	if r.goal >= 0 {
		r.l.broken[r.goal] = cmp.Or(r.l.broken[r.goal], line)
		return
	}
	r.goal = unreadGoal
}

// step appends a step that takes the prose read so far as its narration.
// broken is the line of the step's first mistake, 0 when it has none.
func (r *reader) step(s Step, broken int) {
	r.between = nil
	s.Text = r.takeProse()
	r.l.Steps = append(r.l.Steps, s)
	if s.Kind == KindSetup {
		r.brokenAt = 0 // a new scene
	}
	if broken == 0 {
		broken = r.brokenAt
	}
	if broken != 0 {
		r.l.broken[len(r.l.Steps)-1] = broken
	}
	r.goal = noGoal
}

// goalFor is the goal a hint or solution block at line belongs to: the goal
// just above it, with no other step in between.
func (r *reader) goalFor(line int, what string) *Goal {
	if r.goal == unreadGoal {
		return nil
	}
	if b := r.between; r.goal < 0 && b != nil {
		// Said once, at the setup block: the goal has its solution (or
		// hint) all the same, so nothing else is reported of them.
		if b.line != 0 {
			r.fail(b.line, 1, "this setup block starts a new scene (a fresh game) between the goal at line %d and its %s at line %d, "+
				"which belongs to that goal: move the setup block below the goal's hints and solution", r.l.Steps[b.goal].Line, what, line)
			b.line = 0
		}
		return r.l.Steps[b.goal].Goal
	}
	if r.goal < 0 {
		r.fail(line, 1, "this %s does not follow a goal, and a %s belongs to the goal just above it: put it right after the ```paxos goal block it is for", what, what)
		return nil
	}
	return r.l.Steps[r.goal].Goal
}

// openFence reports whether the line opens a fenced code block, with its
// marker (``` or ~~~, possibly longer) and info string.
func openFence(line string) (marker, info string, ok bool) {
	t := strings.TrimLeft(line, " ")
	if len(line)-len(t) > 3 {
		return "", "", false
	}
	for _, c := range []string{"`", "~"} {
		n := len(t) - len(strings.TrimLeft(t, c))
		if n >= 3 {
			return t[:n], strings.TrimSpace(t[n:]), true
		}
	}
	return "", "", false
}

// closeFence returns the index of the line that closes a block opened
// with marker, searching from line i, and true; or, when nothing closes
// it, the index where the block is taken to end and false: the end of the
// file, or a line that opens another block with an info string (```paxos
// goal cannot close a block, so the block above it was left open). In a
// paxos block any fence line that does not close it ends it so.
func closeFence(lines []string, i int, marker string, paxos bool) (int, bool) {
	for ; i < len(lines); i++ {
		m, info, ok := openFence(lines[i])
		if !ok {
			continue
		}
		same := m[0] == marker[0] && len(m) >= len(marker)
		switch {
		case same && info == "":
			return i, true
		case paxos || same:
			return i, false
		}
	}
	return len(lines), false
}

// fenceCol is the column of a fence line's first backtick or tilde.
func fenceCol(line string) int {
	return len(line) - len(strings.TrimLeft(line, " ")) + 1
}

// wordCol is the column (in characters, from 1) of word in line, searched
// from byte offset from.
func wordCol(line, word string, from int) int {
	from = max(from, 0)
	if i := strings.Index(line[min(from, len(line)):], word); i >= 0 {
		return utf8.RuneCountInString(line[:from+i]) + 1
	}
	return 1
}

// handPhrase finds a node named as played by hand: "you play A1", "you
// are A1", "A1 is played by hand", "deciding as A1".
var handPhrase = regexp.MustCompile(`(?i:\b(?:you are|you're|you play|you'll play|you will play|you, as|you as|deciding as|decide as)\s+)([PAL][1-9])\b` +
	`|\b([PAL][1-9])(?i:,? (?:is|are) (?:yours|played by hand)|, played by hand)`)

// handMentions notes the nodes line i of the prose names as played by
// hand, for the step the prose is the narration of.
func (r *reader) handMentions(i int) {
	for _, m := range handPhrase.FindAllStringSubmatchIndex(r.lines[i], -1) {
		at := m[2]
		if at < 0 {
			at = m[4]
		}
		id, err := game.ParseNode(r.lines[i][at : at+2])
		if err != nil {
			continue
		}
		r.l.hands = append(r.l.hands, handMention{Step: len(r.l.Steps), Line: i + 1, Col: utf8.RuneCountInString(r.lines[i][:m[0]]) + 1,
			Node: id, Words: r.lines[i][m[0]:m[1]]})
	}
}
