package ui

import (
	"fmt"
	"strings"

	"paxosgame/narrate"
	"paxosgame/paxos"
)

// choicesView is the choices of the node played by hand that decides, under
// the board's panes; 1–9 or a click take one (hand.go).
type choicesView struct{ *scene }

// choicesPane is the choices of the node that decides, numbered, under
// the board: a heading that says what it decides on, then one line per
// choice (two for a long one), each a target for the mouse.
func (p choicesView) draw(w int) pane {
	var pn pane
	id, ds, ok := p.choicesShown()
	if !ok {
		return pn
	}
	st := p.sh.styles
	wo := p.world()
	keys := fmt.Sprintf("1–%d", len(ds))
	if len(ds) == 1 {
		keys = "1"
	}
	title := fmt.Sprintf("%s %s DECIDES", id, p.handMark())
	var notes []string
	back := fmt.Sprintf(" · %s gives %s back to the game", p.handKey(), id) // the selected node
	if _, student := p.student(); student || p.coached {
		back = "" // the lecturer or the lesson decides who plays it
	}
	switch id.Role {
	case paxos.RoleAcceptor:
		held := wo.HeldBy(id)
		e := held[0]
		short := fmt.Sprintf("%s from %s", e.Msg.Summary(), e.Msg.From)
		on := fmt.Sprintf("%s (#%d)", short, e.ID)
		if len(held) > 1 {
			on = fmt.Sprintf("%s (#%d; it holds %d more)", short, e.ID, len(held)-1)
		}
		notes = []string{
			on + ": press " + keys + " or click" + back,
			on + ": press " + keys + " or click",
			short + ": " + keys,
		}
	case paxos.RoleProposer:
		pr := wo.Proposer(id.N)
		wait := "" // more promises may come
		if pr.Promises.Len() < wo.Cfg.Acceptors {
			wait = ", or wait for more"
		}
		notes = []string{
			fmt.Sprintf("promises from a majority for %d: pick the value (%s or click)%s%s", pr.Ballot, keys, wait, back),
			fmt.Sprintf("promises from a majority for %d: pick the value (%s or click)%s", pr.Ballot, keys, wait),
			fmt.Sprintf("promises from a majority for %d: pick the value, %s or click", pr.Ballot, keys),
			fmt.Sprintf("pick the value: %s", keys),
		}
	default:
		notes = []string{
			"has it learned? press " + keys + " or click" + back,
			"has it learned? press " + keys + " or click",
			"learn: " + keys,
		}
	}
	p.heading(&pn, w, title, notes...)
	const indent = 5
	for i, d := range ds {
		if i >= 9 {
			pn.add(st.Dim.Render(fit(fmt.Sprintf("  … %d more: type them on the : line", len(ds)-9), w)), target{})
			break
		}
		t := target{node: id, choice: i + 1}
		for k, l := range wrapMax(narrate.Decision(wo, d), w-indent, 2) {
			lead := strings.Repeat(" ", indent)
			if k == 0 {
				lead = "  " + st.Strong.Render(fmt.Sprint(i+1)) + "  "
			}
			pn.add(lead+l, t)
		}
	}
	return pn
}
