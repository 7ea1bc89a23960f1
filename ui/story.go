package ui

import (
	"fmt"
	"strings"

	"paxosgame/game"
	"paxosgame/narrate"
)

// storyView is the story pane: the narrator's telling of each step.
type storyView struct{ *scene }

// draw narrates the steps up to the history cursor, newest at the bottom;
// [ and ] (or the wheel) scroll it back. Only the steps that show are
// wrapped, so a long history costs nothing.
func (p storyView) draw(w, h int) pane {
	st := p.sh.styles
	var pn pane
	rows := max(h-1, 1)
	cur := p.g.Cursor()
	ahead := p.g.Len() - cur

	// Gather lines from the newest step back until the window is full.
	var lines []storyLine // newest first
	need := rows + p.storyUp
	if ahead > 0 {
		more := fmt.Sprintf("  %d more %s ahead", ahead, plural(ahead, "step"))
		lines = append(lines, storyLine{text: st.Dim.Render(firstFit(w, more+": → replays them, acting drops them", more+": → replays them", more))})
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
	// Its top line starts a line of the narrator's: the rest of a wrapped
	// sentence ("vote.") would read as a sentence of its own.
	blank := 0
	for end-1 > up && lines[end-1].cont {
		end--
		blank++
	}
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
	for range blank {
		pn.add("", target{story: true})
	}
	for i := end - 1; i >= up; i-- {
		pn.add(lines[i].text, target{story: true})
	}
	for len(pn.lines) < h {
		pn.add("", target{story: true})
	}
	return pn
}

// storyLine is a line of the story pane; cont: the rest of a wrapped line.
type storyLine struct {
	text string
	cont bool
}

// storyStep is the narration of step s (0: the setup), wrapped to w.
func (p storyView) storyStep(s int, steps []game.Step, w int) []storyLine {
	st := p.sh.styles
	var head string
	var blocks [][]string
	if s == 0 {
		cmds, setupEvs := p.g.Setup()
		head = "0 · the start"
		blocks = p.eventBlocks(setupEvs, w)
		if len(cmds) == 0 {
			var b []string
			for _, l := range wrap(narrate.Cluster(p.world().Cfg), w-2) {
				b = append(b, "  "+st.Text.Render(l))
			}
			blocks = append(blocks, b)
		}
	} else {
		head = fmt.Sprintf("%d · %s", s, steps[s-1].Cmd)
		blocks = p.eventBlocks(p.g.Events(s), w)
	}
	style := st.Strong
	if s == p.g.Cursor() {
		style = st.Heading
	}
	out := []storyLine{{text: style.Render(fit(head, w))}}
	for _, b := range blocks {
		for i, l := range b {
			out = append(out, storyLine{text: l, cont: i > 0})
		}
	}
	return out
}

// eventLines is the narrator's telling of what a step did, indented by
// two cells and wrapped to w; the messages it sent on one line.
func (p *scene) eventLines(evs []game.Event, w int) []string {
	var out []string
	for _, b := range p.eventBlocks(evs, w) {
		out = append(out, b...)
	}
	return out
}

// eventBlocks is eventLines, each line of the narrator's wrapped apart.
func (p *scene) eventBlocks(evs []game.Event, w int) [][]string {
	st := p.sh.styles
	var out [][]string
	for _, l := range narrate.Lines(evs) {
		text, style := l.Text, st.Text
		switch l.Kind {
		case game.EvSend:
			labels := make([]string, len(l.Sent))
			for i, e := range l.Sent {
				labels[i] = nb(game.Label(e))
			}
			text, style = "sends "+strings.Join(labels, ", "), st.Dim
		case game.EvChosen:
			text, style = "★ "+text, st.ChosenLine
		case game.EvViolation:
			text, style = "✗ "+text, st.ViolationLine
		}
		var b []string
		for _, l := range wrap(prose(text, p.sh.ascii), w-2) {
			b = append(b, "  "+style.Render(l))
		}
		out = append(out, b)
	}
	return out
}
