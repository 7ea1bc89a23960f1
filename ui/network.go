package ui

import (
	"fmt"

	"paxosgame/game"
)

// networkPane lists the messages in flight, the selected one marked ▸,
// scrolled so that it shows.
func (p *play) networkPane(w, h int) pane {
	st := p.sh.styles
	wo := p.world()
	in := wo.InFlight
	var pn pane
	rows := max(h-1, 1)
	_, sel, _ := p.selected()
	first := 0
	if len(in) > rows {
		first = max(0, min(sel-rows/2, len(in)-rows))
	}
	var notes []string
	switch {
	case len(in) > rows:
		notes = []string{fmt.Sprintf("%d–%d shown · ↑↓ scroll", first+1, first+rows), fmt.Sprintf("%d–%d shown", first+1, first+rows)}
	case len(in) > 0:
		notes = []string{"enter deliver · space oldest · x drop · d duplicate · a all", "↑↓ select · enter deliver"}
	}
	p.heading(&pn, w, fmt.Sprintf("NETWORK · %d in flight", len(in)), notes...)
	if len(in) == 0 {
		pn.add(st.Dim.Render(fit("  nothing in flight: p proposes, : types a command", w)), target{})
		return pn
	}
	for i := first; i < len(in) && i < first+rows; i++ {
		e := in[i]
		text := game.Label(e) + "  " + e.Msg.Summary()
		if !wo.Up(e.Msg.To) {
			text = game.Label(e) + " ✗ " + e.Msg.To.String() + " is down · " + e.Msg.Summary()
		}
		if i == sel {
			pn.add("▸"+st.Selected.Render(fit(text, w-1)), target{msg: e.ID})
		} else {
			pn.add(" "+fit(text, w-1), target{msg: e.ID})
		}
	}
	return pn
}
