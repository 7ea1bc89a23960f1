package ui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"paxosgame/game"
	"paxosgame/narrate"
	"paxosgame/paxos"
)

// Detail levels of the cluster pane: it is drawn at the most detailed
// level that fits its height.
const (
	detailAll      = iota // every proposer's promises and reasons
	detailActive          // idle proposers on one line; details for running ones and the selected one
	detailSelected        // details for the selected proposer only
	detailNone            // one line per node, two ballots in the meter
)

// clusterPane is the nodes and the majority meter (unless the board hides
// it), w cells wide.
func (p *play) clusterPane(w, h int) pane {
	var pn pane
	var meter []game.MeterRow
	if !p.shown.hideMeter {
		meter = p.world().Meter(maxMeterRows)
	}
	for level := detailAll; level <= detailNone; level++ {
		pn = p.cluster(w, level, meter)
		if len(pn.lines) <= h {
			return pn
		}
	}
	return pn.cut(h, p.sh.styles.Dim.Render)
}

func (p *play) cluster(w, level int, meter []game.MeterRow) pane {
	var pn pane
	p.proposerLines(&pn, w, level)
	p.acceptorLines(&pn, w, level)
	p.learnerLines(&pn, w)
	if !p.shown.hideMeter {
		p.meterLines(&pn, w, level, meter)
	}
	return pn
}

// heading is a section title with the first of its notes that fits:
// "PROPOSERS  ballot · phase · value and why".
func (p *play) heading(pn *pane, w int, title string, notes ...string) {
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

// nodeLine starts a node's line with the selection mark, its name and its
// mark (see upMark), then fits the rest.
func (p *play) nodeLine(pn *pane, w int, id paxos.NodeID, rest string) {
	st := p.sh.styles
	mark, upMark := " ", p.upMark(id)
	name := id.String()
	rest = fit(rest, p.restWidth(id, w))
	if p.nodeChanged(id) {
		mark = st.Changed.Render(changeMark)
		if ansi.Strip(rest) == rest {
			// Not over a style of its own: a red ✗ made bold turns
			// bright red in 16 colours, too pale on white (4.0:1).
			rest = st.Changed.Render(rest)
		}
	}
	if id == p.selNode {
		mark = "▸"
		name = st.Selected.Render(name)
	} else {
		name = st.Strong.Render(name)
	}
	pn.add(mark+name+" "+upMark+" "+rest, target{node: id})
}

// upMark is a node's mark: up (●), up and played by hand (✋), or
// crashed (✗; a crashed node decides nothing, and its row keeps its room).
func (p *play) upMark(id paxos.NodeID) string {
	wo := p.world()
	switch {
	case !wo.Up(id):
		return p.sh.down
	case wo.Hand(id):
		if l := p.label(id); l != "" {
			return p.handMark() + p.sh.styles.Strong.Render(l)
		}
		return p.handMark()
	}
	return p.sh.up
}

// restWidth is the room on a node's line of a pane w wide after its
// selection mark, name and up mark.
func (p *play) restWidth(id paxos.NodeID, w int) int {
	return w - 3 - width(id.String()) - width(p.upMark(id))
}

// handNote is the heading's note on the mark of a node played by hand,
// when one of the role is: "" when none is.
func (p *play) handNote(role paxos.Role) string {
	wo := p.world()
	for _, id := range wo.Nodes() {
		if id.Role == role && wo.Hand(id) {
			return " · " + p.handMark() + " by hand"
		}
	}
	return ""
}

func (p *play) proposerLines(pn *pane, w, level int) {
	wo := p.world()
	p.heading(pn, w, "PROPOSERS", "ballot · phase · value and why"+p.handNote(paxos.RoleProposer), "ballot · phase · value and why")
	var idle []string
	decider, _ := p.decider()
	for i := range wo.Proposers {
		pr := &wo.Proposers[i]
		id := paxos.P(pr.N)
		quiet := pr.Phase == paxos.Idle && wo.Up(id) && id != p.selNode && !wo.Hand(id)
		if level >= detailActive && quiet {
			idle = append(idle, fmt.Sprintf("%s(%d)", id, pr.NextBallot(&wo.Cfg)))
			continue
		}
		p.nodeLine(pn, w, id, firstFit(p.restWidth(id, w), narrate.ProposerStatus(wo, pr).Forms...))
		details := level == detailAll ||
			(level == detailActive && (pr.Phase == paxos.Phase1 || pr.Phase == paxos.Phase2 || id == p.selNode)) ||
			(level == detailSelected && (id == p.selNode || id == decider))
		if details && wo.Up(id) && pr.Phase != paxos.Idle {
			promises, why := p.proposerDetails(pr, w-4)
			for _, d := range promises {
				pn.add("    "+p.sh.styles.Dim.Render(d), target{node: id})
			}
			for _, d := range why { // the most instructive lines: full strength
				pn.add("    "+p.sh.styles.Text.Render(d), target{node: id})
			}
		}
	}
	if len(idle) > 0 {
		list := strings.Join(idle, " ")
		pn.add(p.sh.styles.Dim.Render(firstFit(w, "  idle, next ballot: "+list, "  idle: "+list)), target{})
	}
}

// firstFit is the first text that fits w cells; the last one is fitted.
func firstFit(w int, texts ...string) string {
	for _, t := range texts {
		if width(t) <= w {
			return t
		}
	}
	return fit(texts[len(texts)-1], w)
}

// proposerDetails is the promises with the votes they reported, and the
// value with the reason for it, wrapped to w.
func (p *play) proposerDetails(pr *paxos.Proposer, w int) (out, why []string) {
	promises, reason := narrate.ProposerDetails(p.world(), pr)
	if promises != "" {
		out = wrapMax(promises, w, 2)
	}
	return out, wrapMax(reason, w, 2)
}

// wrapMax wraps s to at most n lines, the last one fitted.
func wrapMax(s string, w, n int) []string {
	lines := wrap(s, w)
	if len(lines) <= n {
		return lines
	}
	rest := strings.Join(lines[n-1:], " ")
	return append(lines[:n-1:n-1], fit(rest, w))
}

func (p *play) acceptorLines(pn *pane, w, level int) {
	wo := p.world()
	decider, _ := p.decider()
	p.heading(pn, w, "ACCEPTORS", "promised · voted"+p.handNote(paxos.RoleAcceptor), "promised · voted")
	// Columns when every line has room for them, one format for all.
	long, short := make([]string, len(wo.Acceptors)), make([]string, len(wo.Acceptors))
	fits := true
	for i := range wo.Acceptors {
		a := &wo.Acceptors[i]
		promised, voted := "–", "nothing"
		if a.Promised != 0 {
			promised = fmt.Sprint(a.Promised)
		}
		if !a.Voted.None() {
			voted = fmt.Sprintf("%s in %d", a.Voted.Value, a.Voted.Ballot)
		}
		state := "up     "
		switch id := paxos.A(a.N); {
		case !wo.Up(id):
			state = "crashed"
		case wo.Hand(id):
			state = "by hand"
		}
		long[i] = fmt.Sprintf("%s  promised %-4s voted %s", state, promised, voted)
		short[i] = fmt.Sprintf("promised %s · voted %s", promised, voted)
		if state == "crashed" {
			// In words at every size, not a lone ✗.
			short[i] = firstFit(p.restWidth(paxos.A(a.N), w), "crashed · "+short[i], fmt.Sprintf("crashed · %s · %s", promised, voted))
		}
		fits = fits && width(long[i]) <= p.restWidth(paxos.A(a.N), w)
	}
	for i := range wo.Acceptors {
		id := paxos.A(i + 1)
		rest := short[i]
		if fits {
			rest = long[i]
		}
		p.nodeLine(pn, w, id, rest)
		// What it holds: short of room, for the node that decides only.
		if h := p.handLine(id, w-4); h != "" && (level <= detailActive || id == p.selNode || id == decider) {
			pn.add("    "+p.sh.styles.Strong.Render(h), target{node: id})
		}
	}
}

func (p *play) learnerLines(pn *pane, w int) {
	wo := p.world()
	if len(wo.Learners) == 0 {
		return
	}
	p.heading(pn, w, "LEARNERS", "votes counted · learned"+p.handNote(paxos.RoleLearner), "votes counted · learned")
	for i := range wo.Learners {
		l := &wo.Learners[i]
		st := narrate.LearnerStatus(wo, l)
		rest := firstFit(p.restWidth(paxos.L(l.N), w), st.Forms...)
		if st.Violation {
			rest = p.sh.styles.Bad.Render(rest)
		}
		if !wo.Up(paxos.L(l.N)) {
			rest = "crashed · " + rest
		}
		p.nodeLine(pn, w, paxos.L(l.N), rest)
	}
}

// maxMeterRows is how many ballots the meter shows at most.
const maxMeterRows = 6

// bar draws k of m acceptors as ██┃░: filled first, with a mark after the
// majority. Full blocks and light shades read from the back of a room in
// any monospace font: a block fills its cell wherever a ● may be tiny
// (Noto Sans Mono), and shades side by side stay a band where ○○ reads
// as ∞ (DejaVu Sans Mono).
func bar(k, m, q int) string {
	var b strings.Builder
	for i := 0; i < m; i++ {
		if i == q {
			b.WriteString("┃")
		}
		if i < k {
			b.WriteString(meterFull)
		} else {
			b.WriteString(meterEmpty)
		}
	}
	return b.String()
}

// The marks of the meter: an acceptor counted, and one not.
const (
	meterFull  = "█"
	meterEmpty = "░"
)

func (p *play) meterLines(pn *pane, w, level int, rows []game.MeterRow) {
	wo := p.world()
	cfg := &wo.Cfg
	m, q := cfg.Acceptors, cfg.Quorum()
	title, note := "MAJORITY", fmt.Sprintf("%d of %d acceptors", q, m)
	if !cfg.Rules.On(paxos.MajorityQuorum) {
		title, note = "QUORUM", fmt.Sprintf("%d of %d: NOT a majority", q, m)
	}
	p.heading(pn, w, title, note+" · promises held, votes cast", note)
	if len(rows) == 0 {
		pn.add(p.sh.styles.Dim.Render(fit("  no ballot in play yet", w)), target{})
		return
	}
	if level >= detailNone && len(rows) > 2 {
		rows = rows[:2]
	}
	st := p.sh.styles
	count := func(c game.Count) string {
		s := fmt.Sprintf("%s %d/%d", bar(c.N(), c.Of, c.Quorum), c.N(), c.Of)
		if c.Reached() {
			s += " " + st.Good.Render("✓")
		}
		return s
	}
	for _, r := range rows {
		who := fmt.Sprintf("%3d", r.Ballot)
		if r.Running() {
			who += " " + r.Proposer.String()
		} else {
			who += "   "
		}
		prom := "promises " + count(r.Promises)
		if !r.Running() {
			prom = ""
		}
		var votes []string
		for _, v := range r.Votes {
			s := "votes " + count(v.Votes)
			if len(r.Votes) > 1 || !r.Running() {
				s = fmt.Sprintf("votes %s %s", v.Value, count(v.Votes))
			}
			votes = append(votes, s)
		}
		if len(votes) == 0 {
			votes = []string{"votes " + count(game.Count{Of: m, Quorum: q})}
		}
		t := target{}
		if r.Running() {
			t.node = r.Proposer
		}
		first := who + " " + prom
		switch {
		case prom == "":
			// Votes only: no proposer runs this ballot any more.
			line := who + " " + votes[0]
			if r.InFlight > 0 {
				line = firstFit(w, line+fmt.Sprintf(" · %d in flight", r.InFlight), line)
			}
			pn.add(line, t)
			votes = votes[1:]
		case width(first+"  "+votes[0]) <= w:
			pn.add(first+"  "+votes[0], t)
			votes = votes[1:]
		default:
			pn.add(first, t)
		}
		for _, v := range votes {
			pn.add(strings.Repeat(" ", width(who)+1)+v, t)
		}
	}
}
