package ui

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"

	"paxosgame/paxos"
)

// target is what a line of the screen shows, for the mouse: a node, a
// message in flight, a choice of a node played by hand, or the story.
type target struct {
	node   paxos.NodeID // a node; zero: none
	msg    int          // a message id; 0: none
	choice int          // with node: its choice numbered so; 0: none
	story  bool         // the story pane, for the wheel
	side   bool         // the side pane (a lesson's), for the wheel
}

// pane is the lines of one part of the screen, each fitted to the pane's
// width, with what each line shows.
type pane struct {
	lines   []string
	targets []target
	scroll  int // lines scrolled back, as drawn (the story's)
}

func (p *pane) add(line string, t target) {
	p.lines = append(p.lines, line)
	p.targets = append(p.targets, t)
}

// cut keeps the pane within h lines; what is left out is counted on the
// last line.
func (p pane) cut(h int, dim func(...string) string) pane {
	if len(p.lines) <= h || h < 1 {
		return p
	}
	more := len(p.lines) - (h - 1)
	p.lines = append(p.lines[:h-1:h-1], dim(fmt.Sprintf("… %s: enlarge the terminal", moreLines(more))))
	p.targets = p.targets[:h]
	return p
}

// heading is a section title with the first of its notes that fits:
// "PROPOSERS  ballot · phase · value and why".
func (p *scene) heading(pn *pane, w int, title string, notes ...string) {
	st := p.sh.styles
	line := st.Heading.Render(fit(title, w))
	for _, note := range notes {
		if note != "" && width(title)+2+width(note) <= w {
			line += "  " + st.Dim.Render(note)
			break
		}
	}
	pn.add(line, target{})
}

// hit is a region of the screen that shows a target.
type hit struct {
	y, x0, x1 int // row, and columns x0 ≤ x < x1
	t         target
}

// frame is a whole screen: its lines and where each target is, and what
// Update takes from its layout (see board.settle).
type frame struct {
	lines []string
	hits  []hit
	by    any // the board that drew it: its clicks are that board's alone

	story   bool // the story is drawn,
	storyUp int  // scrolled back this many lines
}

// place lays panes side by side from row top, separated by sep, and notes
// where their targets landed.
func (f *frame) place(top, h int, sep string, widths []int, panes ...pane) {
	cols := make([][]string, len(panes))
	x := 0
	for i, pn := range panes {
		cols[i] = pn.lines
		for row, t := range pn.targets {
			if row < h && t != (target{}) {
				f.hits = append(f.hits, hit{top + row, x, x + widths[i], t})
			}
		}
		x += widths[i] + width(sep)
	}
	f.lines = append(f.lines, columns(h, sep, widths, cols...)...)
}

// at is the target at a cell of the screen.
func (f *frame) at(x, y int) (target, bool) {
	for _, h := range f.hits {
		if h.y == y && x >= h.x0 && x < h.x1 {
			return h.t, true
		}
	}
	return target{}, false
}

func (f *frame) String() string { return strings.Join(f.lines, "\n") }

// onMouse resolves a click or a turn of the wheel on the frame as drawn,
// for tea.View.OnMouse: a pointMsg when it is over a target.
func (f *frame) onMouse(msg tea.MouseMsg) tea.Cmd {
	wheel := false
	switch msg.(type) {
	case tea.MouseClickMsg:
	case tea.MouseWheelMsg:
		wheel = true
	default:
		return nil
	}
	m := msg.Mouse()
	t, ok := f.at(m.X, m.Y)
	if !ok {
		return nil
	}
	pt := pointMsg{by: f.by, t: t, mouse: m, wheel: wheel}
	return func() tea.Msg { return pt }
}

// pointMsg is a click or a turn of the wheel over a target of the last
// frame drawn: the view's OnMouse resolves it (see frame.onMouse).
type pointMsg struct {
	by    any // the board that drew the frame
	t     target
	mouse tea.Mouse
	wheel bool
}

// moreLines counts the lines left out: "1 more line", "3 more lines".
func moreLines(n int) string {
	if n == 1 {
		return "1 more line"
	}
	return fmt.Sprintf("%d more lines", n)
}
