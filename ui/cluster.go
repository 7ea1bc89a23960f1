package ui

import (
	"fmt"
	"strings"

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

// clusterView is the nodes pane: the proposers, acceptors and learners
// with their state, and the majority meter under them (meter.go) unless
// the board hides it.
type clusterView struct {
	*scene
	tight bool // one line a node, its state cut: the last resort of draw
}

// draw is the nodes and the majority meter, w cells wide: at the most
// detailed level that fits h lines.
func (p clusterView) draw(w, h int) pane {
	var pn pane
	var meter []game.MeterRow
	if !p.shown.hideMeter {
		meter = p.world().Meter(maxMeterRows)
	}
	for level := detailAll; level < detailNone; level++ {
		pn = p.cluster(w, level, meter)
		if len(pn.lines) <= h {
			return pn
		}
	}
	// One line a node: the meter keeps as many ballots as the height
	// leaves (a decision reads the votes of the ballots reported), two at
	// the least.
	for n := len(meter); n > 2; n-- {
		if pn = p.cluster(w, detailNone, p.meterRows(meter, n)); len(pn.lines) <= h {
			return pn
		}
	}
	pn = p.cluster(w, detailNone, p.meterRows(meter, 2))
	if len(pn.lines) <= h {
		return pn
	}
	p.tight = true
	if t := p.cluster(w, detailNone, p.meterRows(meter, 2)); len(t.lines) <= h {
		return t
	}
	return pn.cut(h, p.sh.styles.Dim.Render)
}

// meterRows is n of the meter's rows, newest first: the rows the decision
// on screen reads — the deciding proposer's ballot and the ballots of the
// votes its promises reported — then the newest others.
func (p clusterView) meterRows(meter []game.MeterRow, n int) []game.MeterRow {
	if len(meter) <= n {
		return meter
	}
	need := map[paxos.Ballot]bool{}
	if id, ds := p.decider(); id.Role == paxos.RoleProposer {
		need[p.world().Proposer(id.N).Ballot] = true
		for _, d := range ds {
			if d.From.N != 0 {
				need[d.Vote.Ballot] = true
			}
		}
	}
	left := n
	for _, r := range meter {
		if need[r.Ballot] {
			left--
		}
	}
	var out []game.MeterRow
	for _, r := range meter {
		if need[r.Ballot] || left > 0 && len(out) < n {
			if !need[r.Ballot] {
				left--
			}
			out = append(out, r)
		}
	}
	return out
}

func (p clusterView) cluster(w, level int, meter []game.MeterRow) pane {
	var pn pane
	p.proposerLines(&pn, w, level)
	p.acceptorLines(&pn, w, level)
	p.learnerLines(&pn, w)
	if !p.shown.hideMeter {
		meterView{p.scene}.draw(&pn, w, meter)
	}
	return pn
}

// nodeLine starts a node's line with the selection mark, its name and its
// mark (see upMark), then the rest (plain text), in bad's style when bad.
// A rest too long for the line wraps onto a line of its own under it
// (issue 20, point 6: "voted 12 EUR in 22" is not cut at 80×24); one that
// needs more, or a tight pane, keeps one line, cut.
func (p clusterView) nodeLine(pn *pane, w int, id paxos.NodeID, rest string, bad bool) {
	st := p.sh.styles
	mark, upMark := " ", p.upMark(id)
	name := id.String()
	style := func(s ...string) string { return strings.Join(s, " ") }
	switch {
	case bad:
		style = st.Bad.Render
	case p.nodeChanged(id):
		// Not over a style of its own: a red ✗ made bold turns bright red
		// in 16 colours, too pale on white (4.0:1).
		style = st.Changed.Render
	}
	if p.nodeChanged(id) {
		mark = st.Changed.Render(changeMark)
	}
	if id == p.selNode {
		mark = "▸"
		name = st.Selected.Render(name)
	} else {
		name = st.Strong.Render(name)
	}
	rw := p.restWidth(id, w)
	lines := wrap(keepKeyPhrases(rest), max(rw, 1))
	if len(lines) > 2 || p.tight {
		lines = []string{fit(strings.ReplaceAll(rest, nbsp, " "), rw)}
	}
	pn.add(mark+name+" "+upMark+" "+style(lines[0]), target{node: id})
	for _, l := range lines[1:] {
		pn.add(strings.Repeat(" ", w-rw)+style(l), target{node: id})
	}
}

// firstForm is the first of a node's forms that fits w cells, or the
// last, which nodeLine wraps.
func firstForm(w int, forms ...string) string {
	for _, f := range forms {
		if width(f) <= w {
			return f
		}
	}
	return forms[len(forms)-1]
}

// upMark is a node's mark: up (●), up and played by hand (✋), or
// crashed (✗; a crashed node decides nothing, and its row keeps its room).
func (p clusterView) upMark(id paxos.NodeID) string {
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
func (p clusterView) restWidth(id paxos.NodeID, w int) int {
	return w - 3 - width(id.String()) - width(p.upMark(id))
}

// handNote is the heading's note on the mark of a node played by hand,
// when one of the role is: "" when none is.
func (p clusterView) handNote(role paxos.Role) string {
	wo := p.world()
	for _, id := range wo.Nodes() {
		if id.Role == role && wo.Hand(id) {
			return " · " + p.handMark() + " by hand"
		}
	}
	return ""
}

func (p clusterView) proposerLines(pn *pane, w, level int) {
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
		p.nodeLine(pn, w, id, firstForm(p.restWidth(id, w), narrate.ProposerStatus(wo, pr).Forms...), false)
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

// handLine is the line under the row of a node played by hand that has a
// decision to take: what it holds and must answer. "" when none.
func (p clusterView) handLine(id paxos.NodeID, w int) string {
	wo := p.world()
	if !wo.Hand(id) || !wo.Up(id) || id.Role != paxos.RoleAcceptor {
		return ""
	}
	held := wo.HeldBy(id)
	if len(held) == 0 {
		return ""
	}
	e := held[0]
	what := fmt.Sprintf("holds %s from %s", e.Msg.Summary(), e.Msg.From)
	more := ""
	if len(held) > 1 {
		more = fmt.Sprintf(" (+%d)", len(held)-1)
	}
	return firstFit(w, what+more+" — decide", what+more, what)
}

// proposerDetails is the promises with the votes they reported, and the
// value with the reason for it, wrapped to w.
func (p clusterView) proposerDetails(pr *paxos.Proposer, w int) (out, why []string) {
	promises, reason := narrate.ProposerDetails(p.world(), pr)
	if promises != "" {
		out = wrap(keepKeyPhrases(promises), w)
	}
	// Never cut (issue 20, point 6): draw takes a level of less detail
	// when they do not fit.
	return out, wrap(keepKeyPhrases(reason), w)
}

func (p clusterView) acceptorLines(pn *pane, w, level int) {
	wo := p.world()
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
		short[i] = fmt.Sprintf("promised %s · %s", promised, nb("voted "+voted)) // a vote and its ballot on one line
		if state == "crashed" {
			// In words at every size, not a lone ✗.
			short[i] = firstForm(p.restWidth(paxos.A(a.N), w), "crashed · "+short[i], fmt.Sprintf("crashed · %s · %s", promised, voted))
		}
		fits = fits && width(long[i]) <= p.restWidth(paxos.A(a.N), w)
	}
	for i := range wo.Acceptors {
		id := paxos.A(i + 1)
		rest := short[i]
		if fits {
			rest = long[i]
		}
		p.nodeLine(pn, w, id, rest, false)
		// What it holds and must decide: at every level, for every node
		// that waits for its player.
		if h := p.handLine(id, w-4); h != "" {
			pn.add("    "+p.sh.styles.Strong.Render(h), target{node: id})
		}
	}
}

func (p clusterView) learnerLines(pn *pane, w int) {
	wo := p.world()
	if len(wo.Learners) == 0 {
		return
	}
	p.heading(pn, w, "LEARNERS", "votes counted · learned"+p.handNote(paxos.RoleLearner), "votes counted · learned")
	for i := range wo.Learners {
		l := &wo.Learners[i]
		st := narrate.LearnerStatus(wo, l)
		id := paxos.L(l.N)
		crashed := ""
		if !wo.Up(id) {
			crashed = "crashed · "
		}
		rest := crashed + firstForm(p.restWidth(id, w)-width(crashed), st.Forms...)
		p.nodeLine(pn, w, id, rest, st.Violation)
	}
}
