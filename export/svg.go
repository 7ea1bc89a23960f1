package export

import (
	"errors"
	"fmt"
	"html"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"paxosgame/game"
	"paxosgame/internal/words"
	"paxosgame/narrate"
	"paxosgame/paxos"
)

// A slide is 16:9: at SlideWidth×SlideHeight, as a projector shows it, a
// slide's text and labels are at least SlideFont pixels high (18 px
// reads from the back of a lecture hall); a diagram smaller than the
// slide is drawn larger, never smaller.
const (
	SlideWidth, SlideHeight = 1920, 1080
	SlideFont               = 18
	pageFont                = 13
)

// The text of the diagram, labels included, is one monospace font
// (DejaVu Sans Mono, Menlo; Consolas is narrower) whose advance is 0.6
// em: the box of every text is known without the font.
const (
	advance = 0.61 // em; DejaVu Sans Mono's is 0.602
	ascent  = 0.8
	descent = 0.25
)

// rowSteps are the row heights a layout tries, in em, shortest first:
// rows grow while some label finds no place along its arrow, or only one
// that an arrow crosses. A slide starts lower, to hold more rows.
var (
	rowSteps      = []float64{2.8, 3.2, 3.7, 4.3, 5}
	slideRowSteps = []float64{2.4, 2.8, 3.2, 3.7, 4.3, 5}
)

type svgColours struct{ bg, fg, dim, lane, msg, drop, good, bad string }

var (
	svgLight = svgColours{bg: "#FFFFFF", fg: "#000000", dim: "#5E5E5E", lane: "#BBBBBB", msg: "#5A3FC0", drop: "#B3261E", good: "#0F5C2B", bad: "#9A1C15"}
	svgDark  = svgColours{bg: "#1E1E1E", fg: "#D0D0D0", dim: "#A0A0A0", lane: "#555555", msg: "#B9A8FF", drop: "#FF7B72", good: "#5FD787", bad: "#FF7B72"}
)

// svgOf is part p as a space-time (Lamport) diagram: a lane per node
// (see part.lanes), time going down a row per step, each delivered
// message a slanted arrow from the step that sent it to the step that
// delivered it (class "msg", data-id its id), a dropped or lost message
// a dashed line to a ✗ on its receiver's lane (class "drop"), a message
// still in flight at the end a dotted arrow to its receiver's lane below
// the last step (class "flight"). A step that delivers or drops several
// messages (deliver all) has a row for each, numbered 7, 7.2, 7.3 ….
// When there is one to show, the first row is the start: the promises
// and votes the part starts with (the script's set lines, or the steps
// before), its votes drawn as the steps' are (■). CHOSEN (★) and
// VIOLATION (✗) are marked across the lanes. Every arrow is labelled with
// its message, whole, along the arrow where it covers no other label,
// arrow head or mark, crossed by as few arrows as it can be, on a plate
// of the background that hides them; the rows grow taller while that
// pays (see score). A label with no place at all is a footnote, numbered
// at its arrow. The text and the labels are one size. slide lays it out
// on a 16:9 slide at SlideFont: an error when it does not fit, naming
// parts that do.
func svgOf(p *part, dark, slide bool) (string, error) {
	c := svgLight
	if dark {
		c = svgDark
	}
	font := float64(pageFont)
	if slide {
		font = SlideFont
	}
	steps := rowSteps
	if slide {
		steps = slideRowSteps
	}
	if p.numRows() > tallRows {
		steps = steps[:1] // see tallRows
	}
	var best *diagram
	for _, k := range steps {
		d := layout(p, newGeom(p, font, k, slide))
		if slide && !d.fits() {
			break // taller rows fit less
		}
		if best == nil || d.score(slide) < best.score(slide) || slide && d.score(true) == best.score(true) {
			best = d // on a slide, as tall as fits
		}
		if best.unplaced+best.crossings+best.beside == 0 {
			break
		}
	}
	if best == nil {
		return "", slideError(p, newGeom(p, font, steps[0], true))
	}
	return best.draw(c, slide), nil
}

// tallRows is the most rows a diagram has for its layout to try taller
// rows: a longer run is read a part at a time, where crossings matter
// less than its length, and each layout of 1,000 steps of nine
// acceptors takes 1.7 s.
const tallRows = 200

// numRows is how many rows the part's steps take: one each, and one more
// for each further message a step delivers, drops or loses.
func (p *part) numRows() (n int) {
	for _, r := range p.rows {
		n += rowsOf(r)
	}
	return n
}

// rowsOf is how many rows step r takes.
func rowsOf(r game.TraceRow) (n int) {
	for _, e := range r.Events {
		if arrives(e) {
			n++
		}
	}
	return max(n, 1)
}

// arrives reports whether event e is a message that reached its end: a
// row of its own in the diagram (delivered, dropped or lost).
func arrives(e game.Event) bool {
	switch e.Kind() {
	case game.EvDeliver, game.EvDrop, game.EvLost:
		return true
	}
	return false
}

// geom is the measures of a diagram, in SVG user units.
type geom struct {
	font        float64 // the text's and the labels' size
	rowH, laneW float64
	numX, cmdX  float64 // the left column: step numbers, commands
	leftW       float64 // the left column's width: the first lane's left edge
	topH        float64 // from the top to the start row
	cmdChars    int     // a command longer than this is cut (its <title> has it whole)
}

// minSlideLane is the narrowest lane of a slide, in em: 17 lanes (nine
// acceptors, five proposers, three learners) fit its width.
const minSlideLane = 5

// maxCmd is the most characters of a command the left column shows.
const maxCmd = 60

// newGeom measures a diagram of p at font size font and rows rowEm em
// high: the left column as wide as the longest command, lanes as wide as
// most labels (a slide's spread over its width).
func newGeom(p *part, font, rowEm float64, slide bool) geom {
	g := geom{font: font, rowH: math.Round(rowEm * font)}
	// The left column: as wide as its longest text, each row's (see
	// layout).
	cmdLen, numLen := len(startText(p)), len(strconv.Itoa(p.to))
	for _, r := range p.rows {
		cmdLen = max(cmdLen, min(maxCmd, utf8.RuneCountInString(r.Cmd.String())))
		if n := rowsOf(r); n > 1 {
			numLen = max(numLen, len(fmt.Sprintf("%d.%d", r.Step, n)))
			for _, e := range r.Events {
				if m, ok := game.MessageOf(e); ok {
					cmdLen = max(cmdLen, utf8.RuneCountInString(game.Label(m)))
				}
			}
		}
	}
	numLen++ // and a space
	g.cmdChars = cmdLen
	g.numX = font * 0.6
	g.cmdX = g.numX + g.width(strings.Repeat("0", numLen))
	g.leftW = g.cmdX + g.width(strings.Repeat("x", cmdLen)) + 2*font
	// Lanes as wide as three labels in four need to lie along an arrow
	// between neighbours, and as wide as the start's notes.
	var widths []float64
	for _, r := range p.rows {
		for _, e := range r.Events {
			if e, ok := e.(game.Deliver); ok {
				widths = append(widths, g.width(e.Msg.Summary()))
			}
		}
	}
	slices.Sort(widths)
	want := 9 * font
	if len(widths) > 0 {
		want = max(want, widths[len(widths)*3/4]+3*font)
	}
	for _, s := range p.startState() {
		want = max(want, g.width(s.text())+font)
	}
	g.laneW = math.Round(min(want, 20*font))
	if slide {
		// A slide's lanes share its width, at least minSlideLane each.
		room := (SlideWidth - g.leftW - font) / float64(len(p.nodes))
		g.laneW = math.Floor(max(minSlideLane*font, min(room, g.laneW*1.5)))
	}
	g.topH = 3 * font
	if len(p.startState()) > 0 {
		g.topH += 1.5 * font // a line for the start's notes
	}
	return g
}

// startText is the left column's text at the start row.
func startText(p *part) string {
	if p.from > 1 {
		return fmt.Sprintf("as step %d left it", p.from-1)
	}
	return "start"
}

// inFlightRows shares out the messages in flight at the end among rows
// below the last step, oldest first: each in the first row that has no
// other message to its receiver, so that no two heads meet.
func inFlightRows(fl []game.Envelope) [][]game.Envelope {
	var rows [][]game.Envelope
	for _, e := range fl {
		i := slices.IndexFunc(rows, func(r []game.Envelope) bool {
			return !slices.ContainsFunc(r, func(o game.Envelope) bool { return o.Msg.To == e.Msg.To })
		})
		if i < 0 {
			rows, i = append(rows, nil), len(rows)
		}
		rows[i] = append(rows[i], e)
	}
	return rows
}

// width is the length of s in the diagram's font.
func (g geom) width(s string) float64 {
	return float64(utf8.RuneCountInString(s)) * advance * g.font
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

// arrow is a message as the diagram draws it: delivered ("msg"), dropped
// or lost ("drop", to a ✗ on the receiver's lane), or still in flight at
// the end ("flight").
type arrow struct {
	class      string
	id         int
	msg        paxos.Message
	kind       game.EventKind // EvDeliver, EvDrop or EvLost; 0 in flight
	sent, step int            // the steps; sent is 0 before the part, step 0 in flight
	from, to   pt
	label      string
}

func (a arrow) line() poly { return poly{a.from, a.to} }

// title is the arrow's tooltip: its message, whole.
func (a arrow) title() string {
	t := "#" + strconv.Itoa(a.id) + " " + a.msg.Summary()
	switch {
	case a.kind == game.EvDrop:
		t += " (dropped)"
	case a.kind == game.EvLost:
		t += fmt.Sprintf(" (lost: %s is down)", a.msg.To)
	case a.class == "flight":
		t += " (in flight at the end)"
	}
	return t
}

// label is a text placed along an arrow, or beside it: centred on (x, y),
// its baseline, turned by angle degrees; box is the plate drawn under it.
type label struct {
	text  string
	x, y  float64
	angle float64
	box   poly
}

// mark is a text or a shape at a place of the diagram.
type mark struct {
	kind string // "drop", "crash", "dot", "vote", "chosen", "violation", "start"
	x, y float64
	text string
}

// row is a line of the left column: a step's number and command, a
// further row of its deliveries, the start, or a message in flight.
type row struct {
	y        float64
	num      string
	text     string
	dim      bool
	fullText string // the command whole, when text is cut
}

// diagram is the space-time diagram of a part, laid out.
type diagram struct {
	geom
	p         *part
	w, h      float64
	y0        float64 // the start row
	lane      map[paxos.NodeID]float64
	left      []row
	arrows    []arrow
	labels    []label
	marks     []mark
	notes     []string // footnotes: the labels that found no place
	legend    string
	unplaced  int // labels that found no place
	crossings int // arrows that cross a label
	beside    int // labels beside their arrow rather than along it
}

// score is how far the layout is from clean: 0 when every label lies
// along its arrow and no arrow crosses one.
//
// On a page taller rows cost too: a crossing left is better than a
// diagram twice as tall, as the label's plate hides the arrow under it.
// A slide's rows may grow for free, as long as they fit it.
func (d *diagram) score(slide bool) int {
	s := d.unplaced*1_000_000 + d.crossings*10 + d.beside*5
	if !slide {
		s += int(40 * (d.rowH/(2.8*d.font) - 1) / 0.15)
	}
	return s
}

// fits reports whether the diagram fits a slide at its font size.
func (d *diagram) fits() bool { return d.w <= SlideWidth && d.h <= SlideHeight }

// layout places every row, arrow, mark and label of p.
func layout(p *part, g geom) *diagram {
	d := &diagram{geom: g, p: p, lane: map[paxos.NodeID]float64{}, y0: g.topH}
	if !p.hasStart() {
		d.y0 = g.topH - g.rowH + 1.2*g.font // no row for the start
	}
	for i, id := range p.nodes {
		d.lane[id] = math.Round(g.leftW + g.laneW/2 + float64(i)*g.laneW)
	}
	d.w = g.leftW + float64(len(p.nodes))*g.laneW + g.font
	f := g.font

	// The start: the promises and votes the part begins with.
	if p.hasStart() {
		d.left = append(d.left, row{y: d.y0, num: strconv.Itoa(p.from - 1), text: startText(p), dim: true})
	}
	for _, s := range p.startState() {
		x := d.lane[s.node]
		if !s.voted.None() {
			d.marks = append(d.marks, mark{"vote", x, d.y0, ""})
		}
		text := s.text()
		if d.width(text) > g.laneW-0.5*f {
			// Wider than its lane: a footnote.
			d.notes = append(d.notes, fmt.Sprintf("[%d] %s at the start: %s", len(d.notes)+1, s.node, text))
			text = fmt.Sprintf("[%d]", len(d.notes))
		}
		d.marks = append(d.marks, mark{"start", x, d.y0 - 0.9*f, text})
	}

	// A step is a row; a step that delivers or drops several messages
	// (deliver all) a row for each, in the order it took them, so that
	// what one delivery sent and the next delivered goes down a row.
	type sending struct {
		step int
		y    float64
	}
	sent := map[int]sending{} // message id → the step that sent it, and where
	sentAt := func(id int) sending {
		if s, ok := sent[id]; ok {
			return s
		}
		return sending{0, d.y0} // before the part
	}
	y := d.y0
	for _, r := range p.rows {
		y += g.rowH
		d.left = append(d.left, row{y: y, num: strconv.Itoa(r.Step), text: clip(r.Cmd.String(), g.cmdChars), fullText: r.Cmd.String()})
		first, sub := true, 1
		for _, e := range r.Events {
			m, _ := game.MessageOf(e)
			if arrives(e) {
				if !first {
					y += g.rowH
					sub++
					d.left = append(d.left, row{y: y, num: fmt.Sprintf("%d.%d", r.Step, sub), text: game.Label(m), dim: true})
				}
				first = false
			}
			if id, ok := vote(e); ok {
				d.marks = append(d.marks, mark{"vote", d.lane[id], y, ""})
			}
			s := sentAt(m.ID)
			switch e := e.(type) {
			case game.Send, game.Duplicate:
				sent[m.ID] = sending{r.Step, y}
			case game.Deliver:
				from, to := pt{d.lane[m.Msg.From], s.y}, pt{d.lane[m.Msg.To], y}
				d.arrows = append(d.arrows, arrow{"msg", m.ID, m.Msg, e.Kind(), s.step, r.Step, from, to, m.Msg.Summary()})
			case game.Drop, game.Lost:
				// To the receiver's lane, stopping short of its ✗.
				from, x := pt{d.lane[m.Msg.From], s.y}, d.lane[m.Msg.To]
				end := pt{x - math.Copysign(0.6*f, x-from.x), y}
				d.arrows = append(d.arrows, arrow{"drop", m.ID, m.Msg, e.Kind(), s.step, r.Step, from, end, m.Msg.Summary()})
				d.marks = append(d.marks, mark{"drop", x, y, "✗"})
			case game.Act:
				switch e.Verb {
				case game.VCrash:
					d.marks = append(d.marks, mark{"crash", d.lane[e.Node], y, "crashed"})
				case game.VRestart:
					d.marks = append(d.marks, mark{"crash", d.lane[e.Node], y, "restarts"})
				case game.VPropose, game.VAccept:
					d.marks = append(d.marks, mark{"dot", d.lane[e.Node], y, ""})
				}
			case game.Chosen:
				d.marks = append(d.marks, mark{"chosen", g.leftW, y + g.rowH/2 + 0.35*f,
					fmt.Sprintf("★ CHOSEN: %s in ballot %d", e.Vote.Value, e.Vote.Ballot)})
			case game.Violation:
				d.marks = append(d.marks, mark{"violation", g.leftW, y + g.rowH/2 + 0.35*f,
					"✗ VIOLATION: " + strings.TrimSuffix(narrate.Violation(e), ".")})
			}
		}
	}

	// What is still in flight at the end: a row each, below the last step.
	for _, fl := range inFlightRows(p.end.InFlight()) {
		y += g.rowH
		d.left = append(d.left, row{y: y, text: "in flight", dim: true})
		for _, e := range fl {
			s := sentAt(e.ID)
			d.arrows = append(d.arrows, arrow{"flight", e.ID, e.Msg, 0, s.step, 0,
				pt{d.lane[e.Msg.From], s.y}, pt{d.lane[e.Msg.To], y}, e.Msg.Summary()})
		}
	}
	bottom := y + g.rowH

	// What a label may not cover: another label, an arrow head, a mark.
	var taken, lines index
	taken.band, lines.band = 4*g.rowH, 4*g.rowH
	for i, a := range d.arrows {
		lines.add(i, a.line())
		if a.class != "drop" {
			r := 0.55 * f
			taken.add(-1, rect(a.to.x-r, a.to.y-r, a.to.x+r, a.to.y+r))
		}
	}
	for _, m := range d.marks {
		taken.add(-1, d.box(m))
		if m.kind == "chosen" || m.kind == "violation" {
			d.w = max(d.w, m.x+d.width(m.text)+f)
		}
	}
	area := rect(g.leftW, g.topH-f, d.w, bottom)
	for i, a := range d.arrows {
		l, crossed, beside, ok := d.place(i, a.label, a, area, &taken, &lines)
		if !ok {
			// A footnote, numbered at its arrow.
			d.unplaced++
			n := len(d.notes) + 1
			d.notes = append(d.notes, fmt.Sprintf("[%d] #%d %s→%s: %s", n, a.id, a.msg.From, a.msg.To, a.label))
			if l, crossed, beside, ok = d.place(i, fmt.Sprintf("[%d]", n), a, area, &taken, &lines); !ok {
				continue // the footnote and the arrow's title have it
			}
		}
		taken.add(-1, l.box)
		d.labels = append(d.labels, l)
		d.crossings += crossed
		if beside {
			d.beside++
		}
	}

	// The legend and the footnotes, below the lanes.
	d.legend = d.legendText()
	d.h = bottom + 1.5*f
	for _, t := range append([]string{d.legend}, d.notes...) {
		d.w = max(d.w, g.numX+d.width(t)+f)
		d.h += 1.5 * f
	}
	d.w, d.h = math.Ceil(d.w), math.Ceil(d.h)
	return d
}

// legendText says what the marks mean, those the diagram has.
func (d *diagram) legendText() string {
	has := map[string]bool{}
	for _, m := range d.marks {
		has[m.kind] = true
	}
	for _, a := range d.arrows {
		has[a.class] = true
	}
	var parts []string
	for _, k := range []struct{ kind, words string }{
		{"msg", "→ delivered"}, {"dot", "● a proposer asks"}, {"vote", "■ a vote"},
		{"drop", "✗ dropped or lost (dashed)"}, {"flight", "in flight at the end (dotted)"},
	} {
		if has[k.kind] {
			parts = append(parts, k.words)
		}
	}
	return strings.Join(parts, " · ")
}

// labelAt is the points along an arrow where its label may stand, best
// first: towards the head, where arrows sent together from one node have
// parted.
var labelAt = []float64{0.7, 0.62, 0.78, 0.54, 0.46, 0.38, 0.3, 0.22, 0.86, 0.14}

// place finds the best free place for text, the label of arrow i: along
// its line, above it or else below, towards the head, or level beside
// it; within area, covering no other label, arrow head or mark, and
// crossed by as few other arrows as it can (crossed of them). ok is
// false when there is no such place.
func (d *diagram) place(i int, text string, a arrow, area poly, taken, lines *index) (best label, crossed int, beside, ok bool) {
	f := d.font
	w := d.width(text)
	dir := pt{a.to.x - a.from.x, a.to.y - a.from.y}
	u := dir.scale(1 / math.Hypot(dir.x, dir.y)) // along the text, left to right
	if u.x < 0 {
		u = u.scale(-1)
	}
	up := pt{u.y, -u.x} // the glyphs' up
	pad := 0.15 * f
	half := u.scale(w/2 + pad)
	lo, hi := up.scale(-descent*f-pad), up.scale(ascent*f+pad)
	bestCost := math.Inf(1)
	level, levelUp := pt{1, 0}, pt{0, -1}
	levelHalf := level.scale(w/2 + pad)
	levelLo, levelHi := levelUp.scale(-descent*f-pad), levelUp.scale(ascent*f+pad)
	// Level beside the line, a fallback for a line shorter than its
	// label: far enough that the line, slanting across the text's
	// height, stays clear of it.
	side := 0.3*f + w/2
	if dir.y != 0 {
		side += (ascent + descent) * f / 2 * math.Abs(dir.x/dir.y)
	}
	gap := 0.25 * f
	for ti, t := range labelAt {
		p := lerp(a.from, a.to, t)
		type cand struct {
			base    pt
			u, half pt
			lo, hi  pt
			pref    float64
		}
		for ci, c := range []cand{
			{p.add(up.scale(gap + descent*f)), u, half, lo, hi, 0},
			{p.add(up.scale(-gap - ascent*f)), u, half, lo, hi, 2},
			{pt{p.x + side, p.y + ascent*f/2}, level, levelHalf, levelLo, levelHi, 45},
			{pt{p.x - side, p.y + ascent*f/2}, level, levelHalf, levelLo, levelHi, 45},
		} {
			b, h := c.base, c.half
			box := poly{b.add(h.scale(-1)).add(c.lo), b.add(h).add(c.lo), b.add(h).add(c.hi), b.add(h.scale(-1)).add(c.hi)}
			if !inside(box, area) || box.overlaps(a.line()) || taken.overlaps(box, -1) {
				continue
			}
			cross := lines.count(box, i)
			if cost := 1000*float64(cross) + float64(ti) + c.pref; cost < bestCost {
				bestCost, crossed, beside, ok = cost, cross, ci >= 2, true
				best = label{text: text, x: round1(b.x), y: round1(b.y), angle: round1(math.Atan2(c.u.y, c.u.x) * 180 / math.Pi), box: box}
			}
		}
	}
	return best, crossed, beside, ok
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

// box is where mark m is drawn.
func (d *diagram) box(m mark) poly {
	f := d.font
	switch m.kind {
	case "dot", "vote":
		return rect(m.x-0.4*f, m.y-0.4*f, m.x+0.4*f, m.y+0.4*f)
	case "chosen", "violation": // from the lanes' left
		return rect(m.x, m.y-ascent*f-2, m.x+d.width(m.text), m.y+descent*f+2)
	}
	w := d.width(m.text)
	return rect(m.x-w/2-1, m.y-0.7*f, m.x+w/2+1, m.y+0.7*f) // centred on its lane
}

// draw writes the diagram as SVG in colours c: for a page at its own
// size, for a slide on a 16:9 canvas of SlideWidth×SlideHeight pixels,
// the diagram centred and as large as it fits.
func (d *diagram) draw(c svgColours, slide bool) string {
	var b strings.Builder
	f := d.font
	w, h := d.w, d.h
	vx, vy, vw, vh := 0.0, 0.0, w, h
	if slide {
		// The slide's shape around the diagram, centred: as wide as 16:9
		// of its height, or as high as 9:16 of its width.
		vw, vh = max(w, h*16/9), max(h, w*9/16)
		vx, vy = -math.Round((vw-w)/2)+0, -math.Round((vh-h)/2)+0 // +0: never "-0"
		vw, vh = math.Round(vw), math.Round(vh)
		w, h = SlideWidth, SlideHeight
	}
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%g" height="%g" viewBox="%g %g %g %g" font-family="DejaVu Sans Mono, Menlo, Consolas, monospace" font-size="%g">`+"\n", w, h, vx, vy, vw, vh, f)
	stroke := round1(f / 9)
	fmt.Fprintf(&b, `<defs><marker id="head" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="%s"/></marker>`, c.msg)
	fmt.Fprintf(&b, `<marker id="open" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10" fill="none" stroke="%s" stroke-width="1.5"/></marker></defs>`+"\n", c.msg)
	fmt.Fprintf(&b, `<rect x="%g" y="%g" width="%g" height="%g" fill="%s"/>`+"\n", vx, vy, vw, vh, c.bg)
	bottom := 2.1*f + d.rowH // a script with no step draws its lanes alone
	if len(d.left) > 0 {
		bottom = d.left[len(d.left)-1].y + d.rowH/2
	}
	for _, id := range d.p.nodes {
		x := d.lane[id]
		fmt.Fprintf(&b, `<text class="name" x="%g" y="%g" text-anchor="middle" font-weight="bold" fill="%s">%s</text>`+"\n", x, 1.6*f, c.fg, id)
		fmt.Fprintf(&b, `<line class="lane" x1="%g" y1="%g" x2="%g" y2="%g" stroke="%s" stroke-width="1"/>`+"\n", x, 2.1*f, x, bottom, c.lane)
	}
	for _, r := range d.left {
		if r.num != "" {
			fmt.Fprintf(&b, `<text class="num" x="%g" y="%g" fill="%s">%s</text>`+"\n", d.numX, r.y+0.35*f, c.dim, r.num)
		}
		fill := c.fg
		if r.dim {
			fill = c.dim
		}
		title := ""
		if r.fullText != r.text && r.fullText != "" {
			title = "<title>" + esc(r.fullText) + "</title>"
		}
		fmt.Fprintf(&b, `<text x="%g" y="%g" fill="%s">%s%s</text>`+"\n", d.cmdX, r.y+0.35*f, fill, title, esc(r.text))
	}
	for _, a := range d.arrows {
		fr, to := a.from, a.to
		style := fmt.Sprintf(`stroke="%s" stroke-width="%g" marker-end="url(#head)"`, c.msg, stroke)
		switch a.class {
		case "drop":
			style = fmt.Sprintf(`stroke="%s" stroke-width="%g" stroke-dasharray="%g %g"`, c.drop, stroke, 0.35*f, 0.25*f)
		case "flight":
			style = fmt.Sprintf(`stroke="%s" stroke-width="%g" stroke-dasharray="%g %g" marker-end="url(#open)"`, c.msg, stroke, 0.12*f, 0.3*f)
		}
		fmt.Fprintf(&b, `<line class="%s" data-id="%d" data-from="%s" data-to="%s" data-sent="%d" data-step="%d" x1="%g" y1="%g" x2="%g" y2="%g" %s><title>%s</title></line>`+"\n",
			a.class, a.id, a.msg.From, a.msg.To, a.sent, a.step, fr.x, fr.y, to.x, to.y, style, esc(a.title()))
	}
	halo := fmt.Sprintf(`stroke="%s" stroke-width="%g" stroke-linejoin="round" paint-order="stroke"`, c.bg, round1(f/4))
	for _, m := range d.marks {
		r := round1(0.3 * f)
		switch m.kind {
		case "drop": // a cross of two strokes: the same in every font
			k := round1(0.4 * f)
			fmt.Fprintf(&b, `<path class="drop" d="M%g,%g l%g,%g m0,%g l%g,%g" stroke="%s" stroke-width="%g" stroke-linecap="round"/>`+"\n",
				m.x-k, m.y-k, 2*k, 2*k, -2*k, -2*k, 2*k, c.drop, round1(f/5))
		case "crash":
			fmt.Fprintf(&b, `<text x="%g" y="%g" text-anchor="middle" font-weight="bold" fill="%s" %s>%s</text>`+"\n", m.x, m.y+0.35*f, c.bad, halo, m.text)
		case "dot":
			fmt.Fprintf(&b, `<circle class="dot" cx="%g" cy="%g" r="%g" fill="%s"/>`+"\n", m.x, m.y, r, c.msg)
		case "vote":
			fmt.Fprintf(&b, `<rect class="vote" x="%g" y="%g" width="%g" height="%g" fill="%s"/>`+"\n", m.x-r, m.y-r, 2*r, 2*r, c.good)
		case "start":
			fmt.Fprintf(&b, `<text class="start" x="%g" y="%g" text-anchor="middle" fill="%s" %s>%s</text>`+"\n", m.x, m.y+0.35*f, c.good, halo, esc(m.text))
		case "chosen":
			fmt.Fprintf(&b, `<text class="chosen" x="%g" y="%g" font-weight="bold" fill="%s" %s>%s</text>`+"\n", m.x, m.y, c.good, halo, esc(m.text))
		case "violation":
			fmt.Fprintf(&b, `<text class="violation" x="%g" y="%g" font-weight="bold" fill="%s" %s>%s</text>`+"\n", m.x, m.y, c.bad, halo, esc(m.text))
		}
	}
	// The labels last, over the lines, each on a plate of the background
	// so that no lane or arrow shows through its text.
	for _, l := range d.labels {
		rot := ""
		if l.angle != 0 {
			rot = fmt.Sprintf(` transform="rotate(%g %g %g)"`, l.angle, l.x, l.y)
		}
		var pts []string
		for _, v := range l.box {
			pts = append(pts, fmt.Sprintf("%g,%g", round1(v.x), round1(v.y)))
		}
		fmt.Fprintf(&b, `<polygon class="plate" points="%s" fill="%s"/>`+"\n", strings.Join(pts, " "), c.bg)
		fmt.Fprintf(&b, `<text class="label" x="%g" y="%g" text-anchor="middle"%s fill="%s">%s</text>`+"\n",
			l.x, l.y, rot, c.dim, esc(l.text))
	}
	y := bottom + 1.5*f
	for i, t := range append([]string{d.legend}, d.notes...) {
		class := "note"
		if i == 0 {
			class = "legend"
		}
		fmt.Fprintf(&b, `<text class="%s" x="%g" y="%g" fill="%s">%s</text>`+"\n", class, d.numX, y, c.dim, esc(t))
		y += 1.5 * f
	}
	b.WriteString("</svg>\n")
	return b.String()
}

// TooLongForASlide is a part of a run with more rows than a slide holds:
// Parts are parts of it that fit, each its first and last step.
type TooLongForASlide struct {
	What  string // "the run's 44 steps", "steps 1–16"
	Parts [][2]int
}

func (e *TooLongForASlide) Error() string {
	var fits []string
	for i, r := range e.Parts {
		if i == 6 {
			fits = append(fits, "…")
			break
		}
		if r[0] == r[1] {
			fits = append(fits, strconv.Itoa(r[0]))
		} else {
			fits = append(fits, fmt.Sprintf("%d–%d", r[0], r[1]))
		}
	}
	return fmt.Sprintf("%s take more rows than a slide holds at %d px; steps %s fit one each",
		e.What, SlideFont, words.And(fits))
}

// slideError says that p does not fit a slide, and which parts would.
func slideError(p *part, g geom) error {
	if g.leftW+float64(len(p.nodes))*minSlideLane*g.font > SlideWidth {
		return fmt.Errorf("%d lanes do not fit a slide at %d px: leave out the lanes of nodes that never act", len(p.nodes), SlideFont)
	}
	fit := slideParts(p, g)
	if len(fit) == 1 {
		return errors.New("this part does not fit a slide: its words are too long for one")
	}
	what := p.rangeWords()
	if what == "" {
		what = fmt.Sprintf("the run's %d steps", p.g.Len())
	}
	return &TooLongForASlide{what, fit}
}

// slideParts cuts p's steps into as few parts as fit a slide's height
// at the shortest rows, as even as they can be: each holds its steps'
// rows, the start's, and those of the messages in flight after it (as
// many as the most to one receiver).
func slideParts(p *part, g geom) [][2]int {
	most := int((SlideHeight-g.topH-4.5*g.font)/g.rowH) - 1 // but the start's row, and the legend
	// Each step's rows, and the rows in flight after it.
	steps, flight := make([]int, len(p.rows)), make([]int, len(p.rows))
	to := map[paxos.NodeID]int{} // messages in flight, by receiver
	for _, e := range p.start.InFlight() {
		to[e.Msg.To]++
	}
	for i, r := range p.rows {
		steps[i] = rowsOf(r)
		for _, e := range r.Events {
			m, ok := game.MessageOf(e)
			switch {
			case arrives(e):
				to[m.Msg.To]--
			case ok: // sent, or a copy
				to[m.Msg.To]++
			}
		}
		for _, k := range to {
			flight[i] = max(flight[i], k)
		}
	}
	cut := func(rows int) (out [][2]int) {
		first, used := 0, 0
		for i := range p.rows {
			if used > 0 && used+steps[i]+flight[i] > rows {
				out = append(out, [2]int{p.from + first, p.from + i - 1})
				first, used = i, 0
			}
			used += steps[i]
		}
		return append(out, [2]int{p.from + first, p.to})
	}
	parts := cut(most)
	for rows := most - 1; rows > 0; rows-- {
		shorter := cut(rows)
		if len(shorter) > len(parts) {
			break
		}
		parts = shorter // as many parts, more even
	}
	return parts
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
