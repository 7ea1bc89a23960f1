package ui

import (
	"fmt"
	"slices"

	"paxosgame/paxos"
)

// statusView is the lines under the board's panes: the status line — the
// answer to the last key — or the dialog on top of the overlay, or advice
// on what to do next.
type statusView struct{ *scene }

// draw is the status line, or the dialog on top of the overlay, or the
// advice of the side pane or of the board.
func (p statusView) draw(w int) []string {
	st := p.sh.styles
	if d := p.overlay.top(); d != nil {
		lines, _ := d.view(w)
		return lines
	}
	if p.status != "" {
		style := st.Good
		if p.bad {
			style = st.Bad
		}
		// Up to four lines: a refusal that names its rule and the answer
		// ("…in the same ballot — same-ballot-majority") is not cut at
		// 80×24 (issue 20, point 6); the panes above give up the rows.
		lines := statusLines(prose(p.status, p.sh.ascii), w, 4)
		for i := range lines {
			lines[i] = style.Render(lines[i])
		}
		return lines
	}
	tips := p.hint()
	if t := p.sideTip(w); t != "" {
		tips = []string{t}
	} else if _, _, ok := p.choicesShown(); ok {
		return nil // the choices' heading says what to do
	}
	return []string{st.Dim.Render(firstFit(w, tips...))}
}

// sideTip is the side pane's advice for the bottom line, or "".
func (p statusView) sideTip(w int) string {
	if p.side == nil {
		return ""
	}
	return p.side.Tip(w)
}

// hint suggests what to do next, from the state of the game alone (so
// that undo and redo give the same screen): the same advice in fewer
// words after the first, for a narrow screen. (A student's board takes the
// advice of its classroom pane first: see Side.Tip.)
func (p statusView) hint() []string {
	wo := p.world()
	if len(wo.Obs.Violations) > 0 {
		return []string{"Agreement failed. ← steps back to see how · t shows the timeline"}
	}
	if w := p.waiting(); len(w) > 0 {
		// The selected node does not wait: its choices would show.
		who, it := waitWords(w), itOrOne(w)
		return []string{fmt.Sprintf("%s: tab or a click selects %s, its choices show, 1–9 take one", who, it),
			fmt.Sprintf("%s: tab selects %s, 1–9 decide", who, it)}
	}
	if _, ok := wo.Obs.ChosenValue(); ok && wo.NumInFlight() == 0 {
		return []string{"A value is chosen. ← steps back · t timeline · p proposes again: it can only confirm it",
			"A value is chosen: p proposes again, it can only confirm it · ← steps back",
			"A value is chosen · ← steps back · t timeline"}
	}
	if ready := p.readyToAccept(); wo.Cfg.Manual && len(ready) > 0 {
		who := nodeList(ready)
		has, it := "has", "it"
		if len(ready) > 1 {
			has, it = "have", "one"
		}
		if p.selNode.Role == paxos.RoleProposer && !slices.Contains(ready, p.selNode) {
			// 2 acts for the selected proposer: say which to select.
			return []string{fmt.Sprintf("%s %s a majority of promises: tab selects %s, then 2 sends its accept requests (2a)", who, has, it),
				fmt.Sprintf("%s %s a majority of promises: tab selects %s, 2 sends 2a", who, has, it)}
		}
		return []string{fmt.Sprintf("%s %s a majority of promises: 2 sends its accept requests (2a), or wait for more", who, has),
			fmt.Sprintf("%s %s a majority of promises: 2 sends its accept requests (2a)", who, has)}
	}
	if wo.NumInFlight() > 0 {
		all := p.withAll("", " · a all")
		return []string{"enter delivers the selected message · space the oldest" + all + " · x drops · d duplicates",
			"enter delivers the selected · space the oldest" + all + " · x drops · d duplicates",
			"enter delivers · space the oldest" + all + " · x drops · d duplicates"}
	}
	return []string{fmt.Sprintf("p proposes · : types a command · tab selects a node: c crashes it, %s plays it by hand · ? all keys", p.handKey()),
		"p proposes · : types a command · tab selects a node, c crashes it · ? all keys"}
}
