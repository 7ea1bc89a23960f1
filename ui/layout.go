package ui

import (
	"strings"
)

// frameView is the board's whole screen: it lays out the parts (plan)
// and draws them (draw).
type frameView struct{ *scene }

// plan is where the parts of a board go on its screen: the lines above
// and below the panes, drawn (they are few, and their height decides the
// panes'), and the place of each pane. layout makes it; draw draws the
// panes in their places, once.
type plan struct {
	w            int
	top          []string // the title bar and the banners
	choices      pane     // the choices of the node that decides
	bottom       []string // the status line, or the dialog on top
	bodyH        int      // the panes' height
	cols         []column // the panes, side by side
	sideW, sideH int      // the side pane's size; 0×0 when it is not drawn whole
	side         string   // the side pane drawn at that size by Place; "": View draws it
}

// column is panes stacked in w cells.
type column struct {
	w     int
	parts []part
}

// part is a pane in a column, h lines high.
type part struct {
	id   paneID
	h    int
	line bool // the side pane in one line, under the timeline
	fill bool // the side pane in a column of its own: each row is its, for the wheel
}

// sepW is the width of the line between two columns.
const sepW = 3

// layout places the parts of the board on its w×h cells: the title bar
// and banners, the panes — the one zoomed alone, or every pane the board
// does not hide, as many side by side as the width allows — the choices
// of the node that decides, and the bottom lines.
func (p frameView) layout() plan {
	w, h := p.w, p.h
	pl := plan{w: w}
	pl.top = append([]string{titleView(p).titleBar(w)}, titleView(p).banners(w)...)
	pl.bottom = statusView(p).draw(w)
	pl.choices = choicesView(p).draw(w)
	pl.bodyH = max(h-len(pl.top)-len(pl.choices.lines)-len(pl.bottom), 1)
	p.placePanes(&pl, w, pl.bodyH)
	return pl
}

// placePanes places the panes in w×h cells.
func (p frameView) placePanes(pl *plan, w, h int) {
	one := func(id paneID, w int) column { return column{w, []part{{id: id, h: h}}} }
	if z := p.zoomed(); z != paneNone {
		if z == paneSide {
			pl.sideW, pl.sideH = w, h
		}
		pl.cols = []column{one(z, w)}
		return
	}
	if p.side != nil && w >= sideWidth {
		sw := min(60, w/3)
		pl.sideW, pl.sideH = sw, h
		w -= sw + sepW
		defer func() { // the side pane is the last column
			pl.cols = append(pl.cols, column{sw, []part{{id: paneSide, h: h, fill: true}}})
		}()
	}
	sideCol := p.side != nil && pl.sideW > 0
	network, story := !p.shown.hideNetwork, !p.shown.hideStory
	if w >= wideWidth {
		lw := w * 34 / 100
		switch rw := w - lw - sepW; {
		case p.timeline:
			pl.cols = []column{one(paneNodes, lw), one(paneTimeline, rw)}
		case network && story:
			nw := (w - lw - 2*sepW) / 2
			pl.cols = []column{one(paneNodes, lw), one(paneNetwork, nw), one(paneStory, w-lw-nw-2*sepW)}
		case network:
			pl.cols = []column{one(paneNodes, lw), one(paneNetwork, rw)}
		case story:
			pl.cols = []column{one(paneNodes, lw), one(paneStory, rw)}
		default:
			pl.cols = []column{one(paneNodes, w)}
		}
		return
	}
	if p.timeline && p.side != nil && !sideCol {
		// The timeline needs the whole width: the side pane keeps one
		// line under it.
		var parts []part
		if h > 1 {
			parts = append(parts, part{id: paneTimeline, h: h - 1})
		}
		pl.cols = []column{{w, append(parts, part{id: paneSide, h: 1, line: true})}}
		return
	}
	if p.timeline {
		pl.cols = []column{one(paneTimeline, w)}
		return
	}
	// No room for a column: the side pane takes the story's place.
	sideHere := p.side != nil && !sideCol
	lower := sideHere || story
	if !network && !lower {
		pl.cols = []column{one(paneNodes, w)}
		return
	}
	lw := max(38, w*45/100)
	rw := w - lw - sepW
	var right []part
	nh := 0
	if network {
		nh = max(4, min(p.world().NumInFlight()+1, h/2))
		if sideHere {
			nh = max(4, min(nh, h/3)) // the side pane, in the story's place, needs the room more
		}
		if !lower {
			nh = h
		}
		right = append(right, part{id: paneNetwork, h: nh})
	}
	if lower {
		below := part{id: paneStory, h: h - nh}
		if sideHere {
			below.id = paneSide
			pl.sideW, pl.sideH = rw, h-nh
		}
		right = append(right, below)
	}
	pl.cols = []column{one(paneNodes, lw), {rw, right}}
}

// draw draws the board as planned: the panes in their places, each once,
// and the lines above and below them.
func (p frameView) draw(pl plan) frame {
	var f frame
	f.lines = append(f.lines, pl.top...)
	widths := make([]int, len(pl.cols))
	panes := make([]pane, len(pl.cols))
	for i, c := range pl.cols {
		widths[i] = c.w
		for k, pt := range c.parts {
			pn := p.drawPart(&f, pt, c.w, pl.side)
			if k < len(c.parts)-1 { // a pane above another keeps to its lines
				pn.lines = block(pn.lines, c.w, pt.h)
				for len(pn.targets) < pt.h {
					pn.targets = append(pn.targets, target{})
				}
				pn.targets = pn.targets[:pt.h]
			}
			panes[i].lines = append(panes[i].lines, pn.lines...)
			panes[i].targets = append(panes[i].targets, pn.targets...)
		}
	}
	f.place(len(f.lines), pl.bodyH, " "+p.sh.styles.Dim.Render("│")+" ", widths, panes...)
	for i, t := range pl.choices.targets {
		if t != (target{}) {
			f.hits = append(f.hits, hit{len(f.lines) + i, 0, pl.w, t})
		}
	}
	f.lines = append(f.lines, pl.choices.lines...)
	f.lines = append(f.lines, pl.bottom...)
	return f
}

// drawPart draws the pane of part pt, w cells wide; side is the side
// pane drawn already at its size, or "".
func (p frameView) drawPart(f *frame, pt part, w int, side string) pane {
	switch pt.id {
	case paneNodes:
		return clusterView{scene: p.scene}.draw(w, pt.h)
	case paneStory:
		st := storyView(p).draw(w, pt.h)
		f.story, f.storyUp = true, st.scroll
		return st
	case paneTimeline:
		return timelineView(p).draw(w, pt.h)
	case paneSide:
		var pn pane
		if pt.line {
			pn.add(p.sh.styles.Heading.Render(fit(p.side.Line(w), w)), target{side: true})
			return pn
		}
		if side == "" {
			side = p.side.View(w, pt.h)
		}
		lines := strings.Split(side, "\n")
		if pt.fill {
			lines = block(lines, w, pt.h)
		}
		for _, l := range lines {
			pn.add(l, target{side: true})
		}
		return pn
	}
	return networkView(p).draw(w, pt.h)
}
