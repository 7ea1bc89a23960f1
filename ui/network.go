package ui

import (
	"fmt"
	"strings"

	"paxosgame/game"
)

// networkView is the network pane: the messages in flight.
type networkView struct{ *scene }

// draw lists the messages in flight, the selected one marked ▸, scrolled
// so that it shows, and the ones the last step sent (◆) as well where
// they fit.
func (p networkView) draw(w, h int) pane {
	st := p.sh.styles
	wo := p.world()
	total := wo.NumInFlight()
	var pn pane
	rows := max(h-1, 1)
	_, sel, _ := p.selected()
	first := 0
	if total > rows {
		first = p.window(sel, rows, total)
	}
	var notes []string
	switch {
	case total > rows:
		notes = []string{fmt.Sprintf("%d–%d shown · ↑↓ scroll", first+1, first+rows), fmt.Sprintf("%d–%d shown", first+1, first+rows)}
	case total > 0 && p.isStudent():
		notes = []string{"↑↓ select · the lecturer delivers"} // a student's keys only
	case total > 0:
		notes = []string{p.withAll("enter deliver · space oldest · x drop · d duplicate", " · a all"), "↑↓ select · enter deliver"}
	}
	p.heading(&pn, w, fmt.Sprintf("NETWORK · %d in flight", total), notes...)
	if total == 0 {
		tip := []string{"  nothing in flight: p proposes, : types a command", "  nothing in flight: p proposes"}
		if _, student := p.student(); student {
			tip = []string{"  nothing in flight"}
		}
		pn.add(st.Dim.Render(firstFit(w, tip...)), target{})
		return pn
	}
	for k, e := range wo.InFlightRange(first, first+rows) {
		text := p.messageRow(e, w-1)
		switch {
		case first+k == sel:
			pn.add("▸"+st.Selected.Render(text), target{msg: e.ID})
		case p.msgChanged(e.ID): // sent by the last step
			pn.add(st.Changed.Render(changeMark+text), target{msg: e.ID})
		default:
			pn.add(" "+text, target{msg: e.ID})
		}
	}
	return pn
}

// window is the first of rows messages shown out of total: the selected
// one (sel) always; the next a lesson's page names where it fits beside
// it; the changed ones as many as fit beside them, centred.
func (p networkView) window(sel, rows, total int) int {
	a, b := sel, sel // the messages that must show
	for _, e := range p.named.Messages {
		if i := p.world().InFlightIndex(e.ID); i >= 0 {
			if max(b, i)-min(a, i)+1 <= rows {
				a, b = min(a, i), max(b, i)
			}
			break
		}
	}
	lo, hi, ok := p.changedRange()
	if !ok {
		lo, hi = a, b
	}
	var first int
	switch {
	case max(b, hi)-min(a, lo)+1 <= rows:
		a, b = min(a, lo), max(b, hi)
		first = a - (rows-(b-a+1))/2 // all, centred
	case lo > a:
		first = a // the changed ones below, from the top
	case hi < b:
		first = b - rows + 1 // the changed ones above
	default:
		first = (a+b)/2 - rows/2
	}
	return max(0, min(first, total-rows))
}

// messageRow is a message in flight in at most w cells: its label and
// what it says, in fewer words when narrow (the type code already says
// "refuse" or "prepare") rather than cut.
func (p networkView) messageRow(e game.Envelope, w int) string {
	label, sum := game.Label(e), e.Msg.Summary()
	short := sum
	if _, rest, ok := strings.Cut(sum, " "); ok {
		short = rest // "refuse 17 · promised 20" → "17 · promised 20"
	}
	if !p.world().Up(e.Msg.To) {
		down := " ✗ " + e.Msg.To.String() + " is down · "
		return firstFit(w, label+down+sum, label+down+short) // one wording, whatever the width
	}
	return firstFit(w, label+"  "+sum, label+" "+sum, label+" "+short)
}
