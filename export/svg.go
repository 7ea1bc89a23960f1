package export

import (
	"fmt"
	"html"
	"strings"

	"paxosgame/game"
	"paxosgame/paxos"
)

// The geometry of the space-time diagram, in SVG user units.
const (
	laneW   = 110 // between two nodes' lanes
	rowH    = 28  // one step
	leftW   = 300 // step numbers and commands
	topH    = 50  // the nodes' names
	bottomH = 30
)

type svgColours struct{ bg, fg, dim, lane, msg, drop, good, bad string }

var (
	svgLight = svgColours{bg: "#FFFFFF", fg: "#000000", dim: "#5E5E5E", lane: "#BBBBBB", msg: "#5A3FC0", drop: "#B3261E", good: "#0F5C2B", bad: "#9A1C15"}
	svgDark  = svgColours{bg: "#1E1E1E", fg: "#D0D0D0", dim: "#A0A0A0", lane: "#555555", msg: "#B9A8FF", drop: "#FF7B72", good: "#5FD787", bad: "#FF7B72"}
)

// SVG is the run as a space-time (Lamport) diagram: a lane per node, time
// going down a row per step, each delivered message a slanted arrow from
// the step that sent it to the step that delivered it (class "msg",
// data-id its id), a dropped or lost message a line to a ✗ at the step it
// went (class "drop"), steps numbered with their commands, CHOSEN and
// VIOLATION marked across the lanes. dark picks colours for a dark slide.
func SVG(g *game.Game, dark bool) string {
	c := svgLight
	if dark {
		c = svgDark
	}
	nodes := g.World().Nodes()
	lane := map[paxos.NodeID]int{}
	for i, id := range nodes {
		lane[id] = leftW + laneW/2 + i*laneW
	}
	rs := rows(g)
	w := leftW + len(nodes)*laneW + 20
	h := topH + (len(rs)+1)*rowH + bottomH
	y := func(step int) int { return topH + step*rowH }

	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="DejaVu Sans Mono, Menlo, Consolas, monospace" font-size="13">`+"\n", w, h, w, h)
	fmt.Fprintf(&b, `<defs><marker id="head" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="%s"/></marker></defs>`+"\n", c.msg)
	fmt.Fprintf(&b, `<rect width="100%%" height="100%%" fill="%s"/>`+"\n", c.bg)
	for _, id := range nodes {
		x := lane[id]
		fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="middle" font-weight="bold" fill="%s">%s</text>`+"\n", x, topH-20, c.fg, id)
		fmt.Fprintf(&b, `<line class="lane" x1="%d" y1="%d" x2="%d" y2="%d" stroke="%s" stroke-width="1"/>`+"\n", x, topH-10, x, h-bottomH, c.lane)
	}
	sent := map[int]int{} // message id → the step that sent it (0: before the first step)
	for _, r := range rs {
		yy := y(r.Step)
		fmt.Fprintf(&b, `<text x="8" y="%d" fill="%s">%d</text>`+"\n", yy+4, c.dim, r.Step)
		fmt.Fprintf(&b, `<text x="40" y="%d" fill="%s">%s</text>`+"\n", yy+4, c.fg, esc(clip(r.Cmd.String(), 34)))
		for _, e := range r.Events {
			switch e.Kind {
			case game.EvSend, game.EvDuplicate:
				sent[e.ID] = r.Step
			case game.EvDeliver:
				x1, x2, y1 := lane[e.Msg.From], lane[e.Msg.To], y(sent[e.ID])
				fmt.Fprintf(&b, `<line class="msg" data-id="%d" data-from="%s" data-to="%s" data-sent="%d" data-step="%d" x1="%d" y1="%d" x2="%d" y2="%d" stroke="%s" stroke-width="1.5" marker-end="url(#head)"><title>#%d %s</title></line>`+"\n",
					e.ID, e.Msg.From, e.Msg.To, sent[e.ID], r.Step, x1, y1, x2, yy, c.msg, e.ID, esc(e.Msg.Summary()))
				fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="middle" font-size="10" fill="%s">%s</text>`+"\n", (x1+x2)/2, (y1+yy)/2-3, c.dim, esc(clip(e.Msg.Summary(), 26)))
			case game.EvDrop, game.EvLost:
				x1, x2, y1 := lane[e.Msg.From], lane[e.Msg.To], y(sent[e.ID])
				xm := (x1 + x2) / 2
				fmt.Fprintf(&b, `<line class="drop" data-id="%d" data-from="%s" data-to="%s" data-sent="%d" data-step="%d" x1="%d" y1="%d" x2="%d" y2="%d" stroke="%s" stroke-width="1.5" stroke-dasharray="4 3"><title>#%d %s (%s)</title></line>`+"\n",
					e.ID, e.Msg.From, e.Msg.To, sent[e.ID], r.Step, x1, y1, xm, yy, c.drop, e.ID, esc(e.Msg.Summary()), dropWord(e.Kind))
				fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="middle" font-weight="bold" fill="%s">✗</text>`+"\n", xm, yy+5, c.drop)
			case game.EvAct:
				switch e.Verb {
				case game.VCrash, game.VRestart:
					word := "crashed"
					if e.Verb == game.VRestart {
						word = "restarts"
					}
					fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="middle" font-weight="bold" fill="%s">%s</text>`+"\n", lane[e.Node], yy+4, c.bad, word)
				case game.VPropose, game.VAccept:
					fmt.Fprintf(&b, `<circle cx="%d" cy="%d" r="4" fill="%s"/>`+"\n", lane[e.Node], yy, c.msg)
				}
			case game.EvChosen:
				fmt.Fprintf(&b, `<text class="chosen" x="%d" y="%d" font-weight="bold" fill="%s">★ CHOSEN: %s in ballot %d</text>`+"\n",
					leftW, yy+rowH/2+4, c.good, esc(string(e.Vote.Value)), e.Vote.Ballot)
			case game.EvViolation:
				fmt.Fprintf(&b, `<text class="violation" x="%d" y="%d" font-weight="bold" fill="%s">VIOLATION: %s</text>`+"\n",
					leftW, yy+rowH/2+4, c.bad, esc(game.PropertyWords(e.Property)))
			}
		}
	}
	b.WriteString("</svg>\n")
	return b.String()
}

func dropWord(k game.EventKind) string {
	if k == game.EvLost {
		return "lost"
	}
	return "dropped"
}

func esc(s string) string { return html.EscapeString(s) }

// clip cuts s to n characters with an ellipsis.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
