package export

import (
	"fmt"
	"html"
	"math"
	"strings"

	"paxosgame/game"
	"paxosgame/paxos"
)

// The geometry of the space-time diagram, in SVG user units.
const (
	laneW   = 110 // between two nodes' lanes
	rowH    = 36  // one step, unless the labels need more (see SVG)
	maxRowH = 64
	leftW   = 300 // step numbers and commands
	topH    = 50  // the nodes' names
	bottomH = 30
)

// A message's label is 10 units high in a monospace font whose advance is
// 0.6 em (DejaVu Sans Mono, Menlo; Consolas is narrower), so its box is
// known without the font.
const (
	labelSize    = 10
	labelAdvance = 0.61 * labelSize
	labelAscent  = 0.8 * labelSize
	labelDescent = 0.25 * labelSize
	labelChars   = 26 // longer labels are clipped; the arrow's title has it whole
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
// VIOLATION marked across the lanes. A step that delivers several
// messages (deliver all) has a row for each, in the order it took them.
// Each arrow's label (class "label") runs along it, towards its head,
// where it covers no other label, arrow head or mark and crosses as few
// other arrows as it can; the rows grow taller (to maxRowH) while some
// label finds no such place. dark picks colours for a dark slide.
func SVG(g *game.Game, dark bool) string {
	c := svgLight
	if dark {
		c = svgDark
	}
	var d diagram
	for h := rowH; h <= maxRowH; h += 4 {
		d = layout(g, h)
		if d.unplaced == 0 {
			break
		}
	}
	return d.draw(c)
}

// pt is a point of the diagram.
type pt struct{ x, y float64 }

func (p pt) add(q pt) pt               { return pt{p.x + q.x, p.y + q.y} }
func (p pt) scale(k float64) pt        { return pt{p.x * k, p.y * k} }
func (p pt) dot(q pt) float64          { return p.x*q.x + p.y*q.y }
func lerp(a, b pt, t float64) pt       { return pt{a.x + t*(b.x-a.x), a.y + t*(b.y-a.y)} }
func rect(x0, y0, x1, y1 float64) poly { return poly{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}} }

// poly is a convex polygon: a box, a rotated label, or a line (two
// points).
type poly []pt

// overlaps reports whether p and q share any point but their edges
// (the separating axis theorem).
func (p poly) overlaps(q poly) bool {
	for _, s := range []poly{p, q} {
		for i := range s {
			a, b := s[i], s[(i+1)%len(s)]
			axis := pt{a.y - b.y, b.x - a.x} // the edge's normal
			if axis == (pt{}) {
				continue
			}
			pmin, pmax := p.project(axis)
			qmin, qmax := q.project(axis)
			if pmax <= qmin || qmax <= pmin {
				return false
			}
		}
	}
	return true
}

func (p poly) project(axis pt) (lo, hi float64) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, v := range p {
		d := v.dot(axis)
		lo, hi = min(lo, d), max(hi, d)
	}
	return lo, hi
}

// arrow is a delivered, dropped or lost message as the diagram draws it.
type arrow struct {
	class      string // "msg" or "drop"
	e          game.Event
	sent, step int
	from, to   pt
	label      string // "" for a drop: its ✗ says it
}

func (a arrow) line() poly { return poly{a.from, a.to} }

// label is an arrow's text where it was placed: centred on (x, y), its
// baseline, turned by angle degrees.
type label struct {
	text  string
	x, y  float64
	angle float64
}

// mark is a text or a dot at a step: ✗, crashed, restarts, CHOSEN, a
// proposal's or a vote's dot.
type mark struct {
	kind string // "drop", "crash", "dot", "chosen", "violation"
	x, y float64
	text string
}

// diagram is the space-time diagram laid out at a row height.
type diagram struct {
	w, h      int
	rowH      int
	nodes     []paxos.NodeID
	lane      map[paxos.NodeID]float64
	rows      []game.TraceRow
	stepY     []float64 // the row of each step (its first, when it has several)
	arrows    []arrow
	labels    []label // one per arrow that has one, in the arrows' order
	marks     []mark
	unplaced  int // labels that found no free place
	crossings int // other arrows the labels cross
}

// layout places every arrow, mark and label at row height rh.
func layout(g *game.Game, rh int) diagram {
	d := diagram{rowH: rh, nodes: g.World().Nodes(), lane: map[paxos.NodeID]float64{}, rows: rows(g)}
	for i, id := range d.nodes {
		d.lane[id] = float64(leftW + laneW/2 + i*laneW)
	}
	d.w = leftW + len(d.nodes)*laneW + 20

	// A step is a row; a step that delivers or drops several messages
	// (deliver all) a row for each, in the order it took them, so that
	// what one delivery sent and the next delivered goes down a row.
	type sending struct {
		step int
		y    float64
	}
	sent := map[int]sending{} // message id → the step that sent it, and where (step 0: before the first)
	slot := 0                 // the rows of the steps so far
	for _, r := range d.rows {
		d.stepY = append(d.stepY, float64(topH+(slot+1)*rh))
		yy, first := float64(topH+(slot+1)*rh), true
		for _, e := range r.Events {
			switch e.Kind {
			case game.EvDeliver, game.EvDrop, game.EvLost:
				if !first {
					slot++
					yy = float64(topH + (slot+1)*rh)
				}
				first = false
			}
			s, ok := sent[e.ID]
			if !ok {
				s = sending{0, topH}
			}
			switch e.Kind {
			case game.EvSend, game.EvDuplicate:
				sent[e.ID] = sending{r.Step, yy}
			case game.EvDeliver:
				from, to := pt{d.lane[e.Msg.From], s.y}, pt{d.lane[e.Msg.To], yy}
				d.arrows = append(d.arrows, arrow{"msg", e, s.step, r.Step, from, to, clip(e.Msg.Summary(), labelChars)})
			case game.EvDrop, game.EvLost:
				x1, x2 := d.lane[e.Msg.From], d.lane[e.Msg.To]
				xm := math.Round((x1 + x2) / 2)
				d.arrows = append(d.arrows, arrow{"drop", e, s.step, r.Step, pt{x1, s.y}, pt{xm, yy}, ""})
				d.marks = append(d.marks, mark{"drop", xm, yy, "✗"})
			case game.EvAct:
				switch e.Verb {
				case game.VCrash:
					d.marks = append(d.marks, mark{"crash", d.lane[e.Node], yy, "crashed"})
				case game.VRestart:
					d.marks = append(d.marks, mark{"crash", d.lane[e.Node], yy, "restarts"})
				case game.VPropose, game.VAccept:
					d.marks = append(d.marks, mark{"dot", d.lane[e.Node], yy, ""})
				}
			case game.EvChosen:
				d.marks = append(d.marks, mark{"chosen", leftW, yy + float64(rh)/2 + 4,
					fmt.Sprintf("★ CHOSEN: %s in ballot %d", e.Vote.Value, e.Vote.Ballot)})
			case game.EvViolation:
				d.marks = append(d.marks, mark{"violation", leftW, yy + float64(rh)/2 + 4,
					"VIOLATION: " + game.PropertyWords(e.Property)})
			}
		}
		slot++
	}
	d.h = topH + (slot+1)*rh + bottomH

	// What a label may not cover: another label, an arrow head, a mark.
	var taken, lines index
	taken.band, lines.band = float64(4*rh), float64(4*rh)
	for i, a := range d.arrows {
		lines.add(i, a.line())
		if a.class == "msg" {
			const r = 7 // the marker is 7 units long and wide
			taken.add(-1, rect(a.to.x-r, a.to.y-r, a.to.x+r, a.to.y+r))
		}
	}
	for _, m := range d.marks {
		taken.add(-1, m.box())
	}
	for i, a := range d.arrows {
		if a.label == "" {
			continue
		}
		l, p, crossed, ok := d.place(i, a, &taken, &lines)
		if !ok {
			d.unplaced++
			continue // no room even at the tallest rows: the arrow's title has it
		}
		taken.add(-1, p)
		d.labels = append(d.labels, l)
		d.crossings += crossed
	}
	return d
}

// labelAt is the points along an arrow where its label may stand, best
// first: towards the head, where arrows sent together from one node have
// parted.
var labelAt = []float64{0.7, 0.62, 0.78, 0.54, 0.46, 0.38, 0.3, 0.22, 0.86, 0.14}

// place finds the best free place for arrow i's label: along its line,
// above it or else below, towards the head, crossing as few other arrows
// as it can. ok is false when every place covers another label, an arrow
// head or a mark.
func (d *diagram) place(i int, a arrow, taken, lines *index) (best label, at poly, crossed int, ok bool) {
	w := float64(len([]rune(a.label))) * labelAdvance
	dir := pt{a.to.x - a.from.x, a.to.y - a.from.y}
	u := dir.scale(1 / math.Hypot(dir.x, dir.y)) // along the text, left to right
	if u.x < 0 {
		u = u.scale(-1)
	}
	up := pt{u.y, -u.x} // the glyphs' up
	half := u.scale(w/2 + 1)
	lo, hi := up.scale(-labelDescent-1), up.scale(labelAscent+1)
	area := rect(leftW, topH-8, float64(d.w), float64(d.h-bottomH))
	bestCost := math.Inf(1)
	level, levelUp := pt{1, 0}, pt{0, -1}
	levelHalf := level.scale(w/2 + 1)
	levelLo, levelHi := levelUp.scale(-labelDescent-1), levelUp.scale(labelAscent+1)
	// Level beside the line, a fallback for a line shorter than its
	// label: far enough that the line, slanting across the text's
	// height, stays clear of it.
	side := 4 + w/2
	if dir.y != 0 {
		side += (labelAscent + labelDescent) / 2 * math.Abs(dir.x/dir.y)
	}
	for ti, t := range labelAt {
		p := lerp(a.from, a.to, t)
		type cand struct {
			base    pt
			u, half pt
			lo, hi  pt
			pref    float64
		}
		for _, c := range []cand{
			{p.add(up.scale(3 + labelDescent)), u, half, lo, hi, 0},
			{p.add(up.scale(-3 - labelAscent)), u, half, lo, hi, 2},
			{pt{p.x + side, p.y + labelAscent/2}, level, levelHalf, levelLo, levelHi, 45},
			{pt{p.x - side, p.y + labelAscent/2}, level, levelHalf, levelLo, levelHi, 45},
		} {
			b, h := c.base, c.half
			box := poly{b.add(h.scale(-1)).add(c.lo), b.add(h).add(c.lo), b.add(h).add(c.hi), b.add(h.scale(-1)).add(c.hi)}
			if !inside(box, area) || box.overlaps(a.line()) || taken.overlaps(box, -1) {
				continue
			}
			cross := lines.count(box, i)
			if cost := 20*float64(cross) + float64(ti) + c.pref; cost < bestCost {
				bestCost, at, crossed, ok = cost, box, cross, true
				best = label{text: a.label, x: round1(b.x), y: round1(b.y), angle: round1(math.Atan2(c.u.y, c.u.x) * 180 / math.Pi)}
			}
		}
	}
	return best, at, crossed, ok
}

// index finds the polygons near a box: each is kept in every band of
// the diagram's height that it reaches, so that placing a label looks at
// its neighbours only, not at the whole run.
type index struct {
	band  float64
	polys []poly
	ids   []int         // what each polygon is (an arrow's number, or -1)
	bands map[int][]int // band → the polygons in it
	seen  []int         // the query each polygon was last looked at in
	query int
}

func yRange(p poly) (lo, hi float64) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, v := range p {
		lo, hi = min(lo, v.y), max(hi, v.y)
	}
	return lo, hi
}

func (x *index) add(id int, p poly) {
	if x.bands == nil {
		x.bands = map[int][]int{}
	}
	n := len(x.polys)
	x.polys, x.ids, x.seen = append(x.polys, p), append(x.ids, id), append(x.seen, 0)
	lo, hi := yRange(p)
	for b := int(lo / x.band); b <= int(hi/x.band); b++ {
		x.bands[b] = append(x.bands[b], n)
	}
}

// each calls f with every polygon of id other than skip near p, once,
// until f returns false.
func (x *index) each(p poly, skip int, f func(q poly) bool) {
	x.query++
	lo, hi := yRange(p)
	for b := int(lo / x.band); b <= int(hi/x.band); b++ {
		for _, n := range x.bands[b] {
			if x.seen[n] == x.query || (skip >= 0 && x.ids[n] == skip) {
				continue
			}
			x.seen[n] = x.query
			if !f(x.polys[n]) {
				return
			}
		}
	}
}

// overlaps reports whether p overlaps any polygon of the index.
func (x *index) overlaps(p poly, skip int) (hit bool) {
	x.each(p, skip, func(q poly) bool {
		hit = p.overlaps(q)
		return !hit
	})
	return hit
}

// count is how many polygons of the index p overlaps.
func (x *index) count(p poly, skip int) (n int) {
	x.each(p, skip, func(q poly) bool {
		if p.overlaps(q) {
			n++
		}
		return true
	})
	return n
}

// inside reports whether every corner of p is within the box r.
func inside(p, r poly) bool {
	for _, v := range p {
		if v.x < r[0].x || v.x > r[2].x || v.y < r[0].y || v.y > r[2].y {
			return false
		}
	}
	return true
}

// round1 rounds to a tenth of a unit: short, and the same on every machine.
func round1(x float64) float64 { return math.Round(x*10) / 10 }

// box is where the mark is drawn.
func (m mark) box() poly {
	w := float64(len([]rune(m.text))) * 0.61 * 13 // 13 units, bold
	switch m.kind {
	case "dot":
		return rect(m.x-5, m.y-5, m.x+5, m.y+5)
	case "chosen", "violation": // from the lanes' left
		return rect(m.x, m.y-12, m.x+w, m.y+4)
	}
	return rect(m.x-w/2-1, m.y-9, m.x+w/2+1, m.y+9) // centred on the lane
}

// draw writes the diagram as SVG in colours c.
func (d *diagram) draw(c svgColours) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="DejaVu Sans Mono, Menlo, Consolas, monospace" font-size="13">`+"\n", d.w, d.h, d.w, d.h)
	fmt.Fprintf(&b, `<defs><marker id="head" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="%s"/></marker></defs>`+"\n", c.msg)
	fmt.Fprintf(&b, `<rect width="100%%" height="100%%" fill="%s"/>`+"\n", c.bg)
	for _, id := range d.nodes {
		x := d.lane[id]
		fmt.Fprintf(&b, `<text x="%g" y="%d" text-anchor="middle" font-weight="bold" fill="%s">%s</text>`+"\n", x, topH-20, c.fg, id)
		fmt.Fprintf(&b, `<line class="lane" x1="%g" y1="%d" x2="%g" y2="%d" stroke="%s" stroke-width="1"/>`+"\n", x, topH-10, x, d.h-bottomH, c.lane)
	}
	for i, r := range d.rows {
		yy := d.stepY[i]
		fmt.Fprintf(&b, `<text x="8" y="%g" fill="%s">%d</text>`+"\n", yy+4, c.dim, r.Step)
		fmt.Fprintf(&b, `<text x="40" y="%g" fill="%s">%s</text>`+"\n", yy+4, c.fg, esc(clip(r.Cmd.String(), 34)))
	}
	for _, a := range d.arrows {
		e, f, t := a.e, a.from, a.to
		if a.class == "msg" {
			fmt.Fprintf(&b, `<line class="msg" data-id="%d" data-from="%s" data-to="%s" data-sent="%d" data-step="%d" x1="%g" y1="%g" x2="%g" y2="%g" stroke="%s" stroke-width="1.5" marker-end="url(#head)"><title>#%d %s</title></line>`+"\n",
				e.ID, e.Msg.From, e.Msg.To, a.sent, a.step, f.x, f.y, t.x, t.y, c.msg, e.ID, esc(e.Msg.Summary()))
			continue
		}
		fmt.Fprintf(&b, `<line class="drop" data-id="%d" data-from="%s" data-to="%s" data-sent="%d" data-step="%d" x1="%g" y1="%g" x2="%g" y2="%g" stroke="%s" stroke-width="1.5" stroke-dasharray="4 3"><title>#%d %s (%s)</title></line>`+"\n",
			e.ID, e.Msg.From, e.Msg.To, a.sent, a.step, f.x, f.y, t.x, t.y, c.drop, e.ID, esc(e.Msg.Summary()), dropWord(e.Kind))
	}
	halo := fmt.Sprintf(`stroke="%s" stroke-width="3" stroke-linejoin="round" paint-order="stroke"`, c.bg)
	for _, m := range d.marks {
		switch m.kind {
		case "drop":
			fmt.Fprintf(&b, `<text x="%g" y="%g" text-anchor="middle" font-weight="bold" fill="%s">✗</text>`+"\n", m.x, m.y+5, c.drop)
		case "crash":
			fmt.Fprintf(&b, `<text x="%g" y="%g" text-anchor="middle" font-weight="bold" fill="%s" %s>%s</text>`+"\n", m.x, m.y+4, c.bad, halo, m.text)
		case "dot":
			fmt.Fprintf(&b, `<circle cx="%g" cy="%g" r="4" fill="%s"/>`+"\n", m.x, m.y, c.msg)
		case "chosen":
			fmt.Fprintf(&b, `<text class="chosen" x="%g" y="%g" font-weight="bold" fill="%s" %s>%s</text>`+"\n", m.x, m.y, c.good, halo, esc(m.text))
		case "violation":
			fmt.Fprintf(&b, `<text class="violation" x="%g" y="%g" font-weight="bold" fill="%s" %s>%s</text>`+"\n", m.x, m.y, c.bad, halo, esc(m.text))
		}
	}
	// The labels last, over the lines, each on a halo of the background
	// so that a lane passing behind it does not cross its text.
	for _, l := range d.labels {
		rot := ""
		if l.angle != 0 {
			rot = fmt.Sprintf(` transform="rotate(%g %g %g)"`, l.angle, l.x, l.y)
		}
		fmt.Fprintf(&b, `<text class="label" x="%g" y="%g" text-anchor="middle"%s font-size="%d" fill="%s" %s>%s</text>`+"\n",
			l.x, l.y, rot, labelSize, c.dim, halo, esc(l.text))
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

// esc is s as XML text or an attribute's value: escaped, and with what
// XML 1.0 does not allow (a control character but tab, newline and
// return, U+FFFE and U+FFFF, a byte that is not UTF-8) as U+FFFD, so that
// the file is well-formed whatever reached it.
func esc(s string) string {
	return html.EscapeString(strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' || r >= 0x20 && r <= 0xd7ff || r >= 0xe000 && r <= 0xfffd || r >= 0x10000 && r <= 0x10ffff {
			return r
		}
		return '\ufffd'
	}, s))
}

// clip cuts s to n characters with an ellipsis.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
