package ui

import (
	"fmt"
	"strings"

	"paxosgame/game"
	"paxosgame/narrate"
	"paxosgame/paxos"
)

// The timeline is a space-time (Lamport) diagram: one column per node,
// time going down, one row per event of the steps up to the history
// cursor. A delivered message is an arrow from its sender to its receiver
// on the row where it arrives; a dropped one stops half way at ✗.

// tlLayout places the node columns.
type tlLayout struct {
	nodes []paxos.NodeID
	col   map[paxos.NodeID]int // node → column index
	colW  int                  // cells per node column
	descW int                  // cells for the words on the right
}

const tlLabelW = 5 // the step number column, with its space

func (p timelineView) timelineLayout(w int) tlLayout {
	l := tlLayout{nodes: p.world().Nodes(), col: map[paxos.NodeID]int{}}
	for i, n := range l.nodes {
		l.col[n] = i
	}
	n := len(l.nodes)
	l.colW = 3
	for cw := 7; cw > 3; cw-- {
		if w-tlLabelW-n*cw-1 >= min(42, w*2/5) {
			l.colW = cw
			break
		}
	}
	l.descW = max(0, w-tlLabelW-n*l.colW-1)
	return l
}

func (l tlLayout) center(i int) int { return i*l.colW + l.colW/2 }

// tlRow is one row of the diagram.
type tlRow struct {
	step  int // shown in the label column; 0: blank
	cells []rune
	desc  string
	kind  game.EventKind
}

// timelineView is the timeline pane, in place of the network and the story.
type timelineView struct{ *scene }

// draw is the diagram's last rows up to the history cursor, in w×h cells.
func (p timelineView) draw(w, h int) pane {
	st := p.sh.styles
	l := p.timelineLayout(w)
	var pn pane
	p.heading(&pn, w, "TIMELINE", "time flows down · ─▶ delivered · ✗ dropped or lost · ◆ action · ● sends · t closes",
		"time flows down · ─▶ delivered · ✗ dropped · ◆ action", "time flows down")

	names := make([]rune, len(l.nodes)*l.colW)
	for i := range names {
		names[i] = ' '
	}
	for i, n := range l.nodes {
		s := []rune(n.String())
		start := l.center(i) - len(s)/2
		for j, r := range s {
			if k := start + j; k >= 0 && k < len(names) {
				names[k] = r
			}
		}
	}
	pn.add(st.Strong.Render(fit(strings.Repeat(" ", tlLabelW)+string(names), w)), target{})

	rows := max(h-2, 1)
	cur := p.g.Cursor()
	// Gather rows from the newest step back until the window is full:
	// every step has a row at least, so the last rows steps fill it.
	var out []tlRow // newest first
	trace := p.g.Trace(cur-rows+1, cur)
	for i := len(trace) - 1; i >= 0 && len(out) < rows; i-- {
		block := p.timelineStep(trace[i], l)
		for j := len(block) - 1; j >= 0; j-- {
			out = append(out, block[j])
		}
	}
	if cur == 0 {
		pn.add(st.Dim.Render(fit("  step 0: nothing has happened yet", w)), target{})
		return pn
	}
	for i := min(len(out), rows) - 1; i >= 0; i-- {
		r := out[i]
		label := strings.Repeat(" ", tlLabelW)
		if i == min(len(out), rows)-1 && r.step == 0 {
			r.step = p.stepOfRow(out, i)
		}
		if r.step != 0 {
			label = fmt.Sprintf("%4d ", r.step)
			if r.step == cur {
				label = st.Heading.Render(label)
			}
		}
		desc := fit(r.desc, l.descW)
		switch r.kind {
		case game.EvChosen:
			desc = st.ChosenLine.Render(desc)
		case game.EvViolation:
			desc = st.ViolationLine.Render(desc)
		}
		line := label + string(r.cells)
		if l.descW > 0 {
			line += " " + desc
		}
		pn.add(line, target{})
	}
	return pn
}

// stepOfRow finds the step of row i of out (newest first): the next row
// further down the list that starts a step.
func (p timelineView) stepOfRow(out []tlRow, i int) int {
	for ; i < len(out); i++ {
		if out[i].step != 0 {
			return out[i].step
		}
	}
	return 0
}

// timelineStep is the rows of one step of the trace.
func (p timelineView) timelineStep(r game.TraceRow, l tlLayout) []tlRow {
	var rows []tlRow
	blank := func(down game.Crashed) []rune {
		cells := make([]rune, len(l.nodes)*l.colW)
		for i := range cells {
			cells[i] = ' '
		}
		for i, n := range l.nodes {
			cells[l.center(i)] = '│'
			if !down.Up(n) {
				cells[l.center(i)] = '┊'
			}
		}
		return cells
	}
	add := func(cells []rune, desc string, kind game.EventKind) {
		row := tlRow{cells: cells, desc: desc, kind: kind}
		if len(rows) == 0 {
			row.step = r.Step
		}
		rows = append(rows, row)
	}
	evs := r.Events
	for i := 0; i < len(evs); i++ {
		e := evs[i]
		m, _ := game.MessageOf(e)
		switch e := e.(type) {
		case game.Act:
			cells := blank(r.Down(i))
			if c, ok := l.col[e.Node]; ok {
				cells[l.center(c)] = '◆'
			}
			add(cells, r.Cmd.String(), e.Kind())
		case game.Send:
			// One row for a burst of sends from one node.
			j := i
			for j+1 < len(evs) {
				next, ok := evs[j+1].(game.Send)
				if !ok || next.Msg.From != e.Msg.From {
					break
				}
				j++
			}
			last, _ := game.MessageOf(evs[j])
			cells := blank(r.Down(i))
			cells[l.center(l.col[e.Msg.From])] = '●'
			add(cells, narrate.KeySends(e.Envelope, last), e.Kind())
			i = j
		case game.Deliver, game.Lost, game.Drop:
			cells := blank(r.Down(i))
			head := '▶'
			a, b := l.center(l.col[m.Msg.From]), l.center(l.col[m.Msg.To])
			if b < a {
				head = '◀'
			}
			switch e.(type) {
			case game.Lost:
				head = '✗'
			case game.Drop:
				head = '✗'
				b = (a + b) / 2
			}
			arrow(cells, a, b, head)
			add(cells, narrate.Key(e), e.Kind())
		case game.Duplicate:
			cells := blank(r.Down(i))
			cells[l.center(l.col[e.Msg.From])] = '●'
			add(cells, narrate.Key(e), e.Kind())
		case game.Chosen, game.Violation:
			// The key lines wrap onto rows of their own, never cut.
			mark := "★ "
			if _, ok := e.(game.Violation); ok {
				mark = "✗ "
			}
			for _, line := range wrap(mark+narrate.Key(e), max(l.descW, 1)) {
				add(blank(r.Down(i)), line, e.Kind())
			}
		}
	}
	if len(rows) == 0 {
		add(blank(r.Before), r.Cmd.String(), 0)
	}
	return rows
}

// arrow draws a line from cell a to cell b ending in head.
func arrow(cells []rune, a, b int, head rune) {
	lo, hi := min(a, b), max(a, b)
	for i := lo + 1; i < hi; i++ {
		cells[i] = '─'
	}
	if b > a {
		cells[a] = '├'
	} else if b < a {
		cells[a] = '┤'
	}
	cells[b] = head
}
