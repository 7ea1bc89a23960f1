package ui

import (
	"fmt"
	"strings"

	"paxosgame/game"
)

// storyPane narrates the steps up to the history cursor, newest at the
// bottom; [ and ] (or the wheel) scroll it back. Only the steps that show
// are wrapped, so a long history costs nothing.
func (p *play) storyPane(w, h int) pane {
	st := p.sh.styles
	var pn pane
	rows := max(h-1, 1)
	cur := p.g.Cursor()
	ahead := p.g.Len() - cur

	// Gather lines from the newest step back until the window is full.
	var lines []string // newest first
	need := rows + p.storyUp
	if ahead > 0 {
		more := fmt.Sprintf("  %d more %s ahead", ahead, plural(ahead, "step"))
		lines = append(lines, st.Dim.Render(firstFit(w, more+": → replays them, acting drops them", more+": → replays them", more)))
	}
	steps := p.g.Steps()
	for s := cur; s >= 0 && len(lines) < need; s-- {
		block := p.storyStep(s, steps, w)
		for i := len(block) - 1; i >= 0; i-- {
			lines = append(lines, block[i])
		}
	}
	// The window: storyUp lines back from the newest, as far as it goes.
	up := min(p.storyUp, max(0, len(lines)-rows))
	pn.scroll = up
	end := min(len(lines), up+rows)
	title := "STORY"
	// In a lesson, [ and ] scroll the lesson's text: the story scrolls
	// with the wheel only.
	note, newer := "[ ] scroll", "] newer"
	if p.coached {
		note, newer = "the wheel scrolls", "wheel down: newer"
	}
	if up > 0 {
		note = fmt.Sprintf("scrolled back %d lines · %s", up, newer)
	}
	p.heading(&pn, w, title, note)
	for i := end - 1; i >= up; i-- {
		pn.add(lines[i], target{story: true})
	}
	for len(pn.lines) < h {
		pn.add("", target{story: true})
	}
	return pn
}

// storyStep is the narration of step s (0: the setup), wrapped to w.
func (p *play) storyStep(s int, steps []game.Step, w int) []string {
	st := p.sh.styles
	var head string
	var evs []game.Event
	if s == 0 {
		cmds, setupEvs := p.g.Setup()
		head = "0 · the start"
		evs = setupEvs
		if len(cmds) == 0 {
			c := p.world().Cfg
			evs = []game.Event{{Kind: game.EvSetup, Text: fmt.Sprintf(
				"%d proposers, %d acceptors, %d learners; a majority is %d.", c.Proposers, c.Acceptors, c.Learners, c.Acceptors/2+1)}}
		}
	} else {
		head = fmt.Sprintf("%d · %s", s, steps[s-1].Cmd)
		evs = steps[s-1].Events
	}
	style := st.Strong
	if s == p.g.Cursor() {
		style = st.Heading
	}
	return append([]string{style.Render(fit(head, w))}, p.eventLines(evs, w)...)
}

// eventLines is the game's narration of what a step did, indented by two
// cells and wrapped to w; the messages it sent on one line.
func (p *play) eventLines(evs []game.Event, w int) []string {
	st := p.sh.styles
	var out []string
	var sent []string
	flush := func() {
		if len(sent) > 0 {
			for _, l := range wrap("sends "+strings.Join(sent, ", "), w-2) {
				out = append(out, "  "+st.Dim.Render(l))
			}
			sent = sent[:0]
		}
	}
	for _, e := range evs {
		if e.Kind == game.EvSend {
			sent = append(sent, nb(game.Label(game.Envelope{ID: e.ID, Msg: e.Msg})))
			continue
		}
		flush()
		text, style := e.Text, st.Text
		switch e.Kind {
		case game.EvChosen:
			text, style = "★ "+text, st.ChosenLine
		case game.EvViolation:
			text, style = "✗ "+text, st.ViolationLine
		}
		for _, l := range wrap(text, w-2) {
			out = append(out, "  "+style.Render(l))
		}
	}
	flush()
	return out
}
