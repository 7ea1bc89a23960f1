package ui

import (
	"fmt"
	"strings"

	"paxosgame/game"
	"paxosgame/paxos"
)

// meterView is the majority meter, under the nodes: for each ballot in
// play, the promises and the votes it has, drawn as bars with a mark at
// the majority (game.World.Meter, a read model).
type meterView struct{ *scene }

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

// draw adds the meter's lines to pn, w cells wide: a ballot a row.
func (p meterView) draw(pn *pane, w int, rows []game.MeterRow) {
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
