package ui

import (
	"fmt"
	"strings"

	"paxosgame/game"
	"paxosgame/lessons"
)

// lessonPane is the lesson's side pane of the play screen: the page's
// narration, then what the page asks of the student — the steps played, a
// question, a goal with ✓ and ✗, hints. It scrolls when it is longer than
// the pane; n reads on.
type lessonPane struct {
	BaseSide
	ls *lessonScreen
}

// Name: the pane in the status line's words.
func (lessonPane) Name() string { return "lesson" }

// Asking reports whether the lesson's question waits for an answer: its
// digits answer it, not a decision.
func (p lessonPane) Asking() bool { return p.ls.asking() }

// Played: the student moved (the coach took the move).
func (p lessonPane) Played(*game.Game) {
	p.ls.started = true
	p.ls.focus = "move" // the goal, and what the move did (a goal reached: the goal)
	switch p.ls.sess.Step().Kind {
	case lessons.KindDo:
		p.ls.focus = "question" // the answer and what the lesson says of it
	case lessons.KindGoal:
		p.ls.notice = p.ls.sess.Notice() // what the lesson says of the move: deliver all did it for you
	}
	p.ls.sync()
}

// Withholds: a page that plays by itself offers no decision of a node
// played by hand (see scene.withheld).
func (p lessonPane) Withholds(c game.Command) string { return p.ls.sess.Withholds(c) }

// Scroll: the wheel over the pane.
func (p lessonPane) Scroll(by int) { p.ls.scroll(by) }

// Tip: the bottom line says which key goes on from here.
func (p lessonPane) Tip(int) string { return p.ls.Tip() }

// Line is the lesson in one line, under the timeline on a small screen:
// where the student is, how far the goal is, and how to come back.
func (p lessonPane) Line(w int) string {
	ls := p.ls
	s := ls.sess
	title := "LESSON"
	if ls.num > 0 {
		title = fmt.Sprintf("LESSON %d", ls.num)
	}
	page := fmt.Sprintf("page %d of %d", s.Index()+1, s.Len())
	state := ""
	switch st := s.Step(); {
	case st.Kind == lessons.KindGoal:
		met := 0
		goal := s.Goal()
		for _, g := range goal {
			if g.Met {
				met++
			}
		}
		state = fmt.Sprintf("goal: %d of %d lines ✓", met, len(goal))
		if reached, _, _ := s.Reached(); reached {
			state = "★ goal reached"
		} else if ls.deadEnd() {
			state += ", a dead end: ← steps back"
		}
	case ls.asking():
		state = "a question waits for your answer"
	case st.Kind == lessons.KindDo && !s.Complete():
		state = "a question waits: answer it by acting"
	}
	back := "t returns to the lesson"
	return firstFit(w, joinNonEmpty(" · ", title, page, state, back), joinNonEmpty(" · ", title, state, back), title+" · "+back)
}

// View is the pane in w×h cells, scrolled as Place took it. It changes
// nothing.
func (p lessonPane) View(w, h int) string {
	out, _, _, _ := p.window(w, h)
	return strings.Join(out, "\n")
}

// Place takes the pane's size in Update: where its text starts, how many
// lines show and whether there is more below, which the bottom line's tip
// and n read; and the pane drawn. 0×0: the pane is not on screen.
func (p lessonPane) Place(w, h int) string {
	ls := p.ls
	if w <= 0 || h <= 0 {
		ls.more = false
		return ""
	}
	out, top, rows, more := p.window(w, h)
	ls.top, ls.rows, ls.more = top, rows, more
	return strings.Join(out, "\n")
}

// window is the pane in w×h cells, the first line of its text shown, the
// lines of text shown, and whether there is more below.
func (p lessonPane) window(w, h int) (out []string, top, rows int, more bool) {
	ls := p.ls
	st := ls.sh.styles
	s := ls.sess
	title := "LESSON"
	if ls.num > 0 {
		title = fmt.Sprintf("LESSON %d", ls.num)
	}
	var head pane
	ls.play.heading(&head, w, title, fmt.Sprintf("page %d of %d · %s", s.Index()+1, s.Len(), s.Lesson().Title),
		fmt.Sprintf("page %d of %d", s.Index()+1, s.Len()))
	body, marks := ls.paneText(w)
	rows = max(h-1, 1)
	if len(body) <= rows {
		return append(head.lines, body...), 0, rows, false
	}
	rows-- // the last line says there is more
	last := len(body) - rows
	top = ls.top
	if ls.focus != "" {
		// The part in focus from its first line, or as much as fits
		// above the end.
		focus := ls.focus
		if focus == "move" {
			focus = "goal"
		}
		f, ok := marks[focus]
		if !ok {
			f = last
		}
		// A move at the goal: the goal, and down to the end of what the
		// move did if it fits; if not, what the move did from its start.
		if e, ok := marks["happened-end"]; ok && ls.focus == "move" && e-f > rows {
			f = max(f, min(e-rows, marks["happened"]))
		}
		// A dead end at the goal: the goal, and the dead end whole below
		// it if both fit; if not, the dead end from its first line —
		// never a part of it, after a move too.
		if d, ok := marks["dead"]; ok && focus == "goal" {
			if e := marks["dead-end"]; ls.focus == "goal" && e-f > rows {
				f = max(f, min(e-rows, d))
			}
			if f > d && f < marks["dead-end"] {
				f = d
			}
		}
		top = f
	}
	top = min(top, last)
	out = append(head.lines, body[top:top+rows]...)
	if top < last {
		more = true
		key := "n reads on"
		if reached, _, _ := s.Reached(); reached {
			key = "] reads on" // n goes on to the next page
		}
		out = append(out, st.Dim.Render(fit(fmt.Sprintf("▼ %s: %s", key, moreLines(last-top)), w)))
	} else {
		out = append(out, st.Dim.Render(fit("▲ [ scrolls back up", w)))
	}
	return out, top, rows, more
}

// paneText is every line of the pane below its heading, w cells wide, and
// where each part that can take the focus starts.
func (ls *lessonScreen) paneText(w int) ([]string, map[string]int) {
	st := ls.sh.styles
	d := &textDoc{st: st, w: w, ascii: ls.sh.ascii}
	if ls.watchErr != "" {
		d.add(st.Bad, "✗ ", "  ", "The lesson file has mistakes; the version before plays on until they are fixed:")
		for i, line := range strings.Split(ls.watchErr, "\n") {
			if i == 4 {
				d.add(st.Bad, "  ", "  ", "… (paxosgame lesson lint lists them all)")
				break
			}
			d.add(st.Bad, "  ", "    ", line)
		}
		d.blank()
	}
	s := ls.sess
	step := s.Step()
	text := step.Text
	if i := s.Index(); text == "" && i > 0 && s.Lesson().Steps[i-1].Kind == lessons.KindSetup {
		text = s.Lesson().Steps[i-1].Text // a goal right after its scene's setup: the setup's words say what to do
	}
	if text != "" {
		d.markdown(text)
		d.blank()
	}
	if ls.notice != "" {
		d.mark("notice")
		d.add(st.Strong, "⚠ ", "  ", ls.notice)
		d.blank()
	}
	switch step.Kind {
	case lessons.KindSetup:
		var cmds []string
		for _, l := range step.Cmds {
			cmds = append(cmds, keepCommand(l.Text, w-2))
		}
		d.add(st.Dim, "", "  ", "A new game: "+strings.Join(cmds, nbsp+"· "))
	case lessons.KindShow:
		ls.beatText(d)
	case lessons.KindPredict:
		ls.questionText(d)
		if played, _ := s.Beats(); played > 0 {
			ls.beatText(d)
		}
	case lessons.KindGoal:
		ls.goalText(d)
	case lessons.KindDo:
		ls.doText(d)
	}
	if s.Done() {
		d.blank()
		d.add(st.Good, "✓ ", "  ", "The end of this lesson: it is marked done.")
		if t := lessons.Total(s.Tally()).Words(); t != "" {
			d.add(st.Text, "", "  ", "Your count: "+t+".")
		}
		if ls.nextName != "" {
			if l, err := lessons.Builtin(ls.nextName); err == nil {
				d.add(st.Dim, "", "", fmt.Sprintf("n starts lesson %d: %s esc goes to the lesson menu.", ls.num+1, sentence(l.Title)))
			}
		} else {
			d.add(st.Dim, "", "", "esc goes to the lesson menu.")
		}
	}
	for len(d.lines) > 0 && d.lines[len(d.lines)-1] == "" {
		d.lines = d.lines[:len(d.lines)-1]
	}
	return d.lines, d.marks
}

// beatText is the last command a show (or an answered question) played:
// the command, what the lesson says of it, and — when the story is not on
// screen — what the game says it did.
func (ls *lessonScreen) beatText(d *textDoc) {
	st := ls.sh.styles
	played, total := ls.sess.Beats()
	if played == 0 {
		d.add(st.Dim, "", "", fmt.Sprintf("%d %s to play: n plays the first.", total, plural(total, "step")))
		return
	}
	if len(ls.beats) == 0 { // came back to this page: its steps are all played
		d.add(st.Dim, "", "", fmt.Sprintf("All %d %s played: the story tells them; n goes on.", total, plural(total, "step")))
		return
	}
	b := ls.beats[len(ls.beats)-1]
	d.mark("beat")
	d.spans("▸ ", "  ", span{fmt.Sprintf("%d/%d", played, total), st.Dim}, span{" " + b.Line.Text, st.Heading})
	if b.Line.Note != "" {
		d.add(st.Text, "", "", b.Line.Note)
	}
	if !ls.storyShown() {
		d.lines = append(d.lines, ls.play.eventLines(b.Events, d.w)...)
	}
}

// happenedText is the game's narration of the newest move at the goal —
// what the story would say, for when the story is not on screen.
func (ls *lessonScreen) happenedText(d *textDoc, helped bool) {
	st := ls.sh.styles
	g := ls.sess.Game()
	cur := g.Cursor()
	if ls.sess.Actions() == 0 || cur == 0 {
		return
	}
	step := g.Steps()[cur-1]
	d.mark("happened")
	var head pane
	note := fmt.Sprintf("your move, step %d", cur)
	if helped {
		note = fmt.Sprintf("the solution's last move, step %d", cur)
	}
	ls.play.heading(&head, d.w, "WHAT HAPPENED", note, fmt.Sprintf("step %d", cur))
	d.lines = append(d.lines, head.lines...)
	d.spans("▸ ", "  ", span{step.Cmd.String(), st.Strong})
	d.lines = append(d.lines, ls.play.eventLines(g.Events(cur), d.w)...)
	d.mark("happened-end")
}

// storyShown reports whether the play screen shows the story beside the
// lesson pane (at 120 columns and more, without the timeline, the story
// not hidden, no pane zoomed).
func (ls *lessonScreen) storyShown() bool {
	p := ls.play
	return p.w >= sideWidth && !p.timeline && !p.shown.hideStory && p.zoomed() == paneNone
}

// questionText is the question, its choices and, once answered, the
// verdict.
func (ls *lessonScreen) questionText(d *textDoc) {
	st := ls.sh.styles
	q := ls.sess.Step().Predict
	d.mark("question")
	d.add(st.Strong, "? ", "  ", q.Question)
	v, answered := ls.sess.Verdict()
	for i, c := range q.Choices {
		mark := "  "
		style := st.Text
		switch {
		case answered && i == v.Answer:
			mark, style = "✓ ", st.Good
		case answered && i == v.Choice:
			mark, style = "✗ ", st.Bad
		case !answered && i == ls.choice:
			mark, style = "▸ ", st.Menu
		}
		note := ""
		if answered && i == v.Choice {
			note = " ← your answer"
		}
		d.spans(mark, "     ", span{fmt.Sprintf("%d) %s", i+1, c.Text), style}, span{note, st.Dim})
	}
	if !answered {
		d.add(st.Dim, "", "", fmt.Sprintf("Press 1-%d, or ↑↓ and enter.", len(q.Choices)))
		return
	}
	d.blank()
	if v.Right {
		d.add(st.Good, "✓ ", "  ", v.Words())
	} else {
		d.add(st.Bad, "✗ ", "  ", v.Words())
	}
	for _, e := range []string{v.Explain, v.AnswerExplain} {
		if e != "" {
			d.spans("  ", "  ", inline(e, st)...) // Markdown, as the page's text
		}
	}
	if played, total := ls.sess.Beats(); played == 0 && total > 0 {
		d.add(st.Dim, "", "", "n plays it out, so you see why.")
	} else if q.YouPlay {
		d.add(st.Dim, "", "", "n goes on to the goal, where you play it out yourself.")
	}
	d.blank()
}

// goalText is the goal with ✓ or ✗ for each line, the hints asked for,
// and the goal reached.
func (ls *lessonScreen) goalText(d *textDoc) {
	st := ls.sh.styles
	s := ls.sess
	g := s.Step().Goal
	reached, actions, helped := s.Reached()
	var head pane
	d.mark("goal")
	if g.Challenge {
		ls.play.heading(&head, d.w, "CHALLENGE", fmt.Sprintf("par %d · your actions: %d", g.Par(), s.Actions()),
			fmt.Sprintf("par %d · yours: %d", g.Par(), s.Actions()))
	} else {
		ls.play.heading(&head, d.w, "GOAL", fmt.Sprintf("make every line ✓ · h: %d %s left", s.HintsLeft(), plural(s.HintsLeft(), "hint")),
			"make every line ✓")
	}
	d.lines = append(d.lines, head.lines...)
	for _, gl := range s.Goal() {
		if gl.Met {
			d.spans("", "  ", span{"✓", st.Good}, span{" " + gl.Words, st.Text})
			continue
		}
		d.spans("", "  ", span{"✗", st.Bad}, span{" " + gl.Words, st.Text})
		if gl.Now != "" {
			d.add(st.Dim, "    now: ", "    ", gl.Now)
		}
		if gl.HeldAt > 0 && !reached {
			d.add(st.Strong, "    ↶ ", "      ", gl.PastWords()) // the dead end below says ← steps back
		}
	}
	if dead, ok := s.DeadEnd(); ok {
		d.mark("dead")
		d.add(st.Bad, "✗ ", "  ", dead.Words())
		d.mark("dead-end")
	}
	if reached {
		d.blank()
	}
	switch {
	case reached && helped:
		d.add(st.Good, "✓ ", "  ", "Goal reached, with the solution: n goes on.")
	case reached && g.Challenge:
		d.add(st.ChosenLine, "★ ", "  ", fmt.Sprintf("GOAL REACHED in %d %s; par %d. n goes on.", actions, plural(actions, "action"), g.Par()))
	case reached:
		d.add(st.ChosenLine, "★ ", "  ", "GOAL REACHED. n goes on.")
	}
	switch a := g.Allow; {
	case reached:
	case a.Verbs() != nil:
		d.add(st.Dim, "", "  ", "Only "+a.Words()+" here.")
	case a.OneByOne():
		d.add(st.Dim, "", "  ", "Any action here, but messages are delivered one at a time: not deliver all.")
	}
	if !ls.storyShown() {
		ls.happenedText(d, helped)
	}
	if ls.solved && helped {
		var cmds []string
		for _, l := range s.Solution() {
			cmds = append(cmds, keepCommand(l.Text, d.w-2))
		}
		d.blank()
		d.add(st.Dim, "", "  ", "The solution, played from the start of the goal: "+strings.Join(cmds, nbsp+"· "))
	}
	for i, h := range s.Hints() {
		d.blank()
		d.mark("hint")
		d.add(st.Text, fmt.Sprintf("Hint %d: ", i+1), "  ", h)
	}
}

// doText is a question answered by acting: the question and its choices,
// and once the student acted, their move, what the lesson says of it (the
// text of the page, chosen by what they did) and what the game says it
// did.
func (ls *lessonScreen) doText(d *textDoc) {
	st := ls.sh.styles
	s := ls.sess
	q := s.Step().Predict
	d.mark("question")
	d.add(st.Strong, "? ", "  ", q.Question)
	k, did := s.Did()
	if !did {
		for _, c := range q.Choices {
			text := c.Text
			if c.Text != c.Do.Text {
				text += " (" + c.Do.Text + ")"
			}
			d.add(st.Text, "  · ", "    ", text)
		}
		d.add(st.Dim, "", "", "Answer by acting: take the decision on the board, or type it after :.")
		return
	}
	c := q.Choices[k]
	d.blank()
	d.spans("▸ ", "  ", span{"you: ", st.Dim}, span{c.Do.Text, st.Heading})
	if c.Explain != "" {
		d.markdown(c.Explain)
	}
	if g := s.Game(); !ls.storyShown() && g.Cursor() > 0 {
		d.lines = append(d.lines, ls.play.eventLines(g.Events(g.Cursor()), d.w)...)
	}
}
