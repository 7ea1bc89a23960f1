package narrate

import (
	"fmt"
	"slices"
	"strings"

	"paxosgame/game"
	"paxosgame/internal/words"
	"paxosgame/paxos"
)

// The short form of a node's state, for its row on the screen; Node says
// the same in the long form, in sentences. A row gives its forms from the
// longest to the shortest: the screen shows the first that fits, and cuts
// none.

// Status is a node's state in short, for its row: Forms from the longest
// to the shortest, and whether it tells a violation (drawn as one).
type Status struct {
	Forms     []string
	Violation bool
}

// ProposerStatus is proposer pr's ballot and phase: idle (with what it
// would propose), 1a sent, k/m promises, 2a sent with value, decided,
// preempted by b; crashed, with the ballot it used.
func ProposerStatus(w *game.World, pr *paxos.Proposer) Status {
	cfg := &w.Cfg
	m := cfg.Acceptors
	id := paxos.P(pr.N)
	forms := func(f ...string) Status { return Status{Forms: f} }
	if !w.Up(id) {
		if pr.Used == 0 {
			return forms("crashed")
		}
		return forms(fmt.Sprintf("crashed · used ballot %d, next %d", pr.Used, pr.NextBallot(cfg)))
	}
	b := fmt.Sprintf("ballot %d · ", pr.Ballot)
	switch pr.Phase {
	case paxos.Phase1:
		k := pr.Promises.Len()
		if k == 0 {
			return forms(b+fmt.Sprintf("1a sent · 0/%d promises", m), b+"1a sent")
		}
		s := b + fmt.Sprintf("%d/%d promises", k, m)
		if slices.Contains(w.AcceptReady(), id) {
			return forms(s+" ✓ majority: 2 sends 2a", s+" ✓ majority", s+" ✓")
		}
		if len(w.Decisions(id)) > 0 { // played by hand
			return forms(s+" ✓ majority: pick the value", s+" ✓ pick the value", s+" ✓")
		}
		return forms(s)
	case paxos.Phase2:
		votes := fmt.Sprintf("%d/%d votes", pr.Votes.Len(), m)
		return forms(b+fmt.Sprintf("2a sent: %s · heard %s", pr.Value, votes), b+fmt.Sprintf("2a sent: %s · %s", pr.Value, votes),
			b+fmt.Sprintf("2a: %s · %s", pr.Value, votes), fmt.Sprintf("%d · 2a: %s · %s", pr.Ballot, pr.Value, votes))
	case paxos.Done:
		return forms(b+fmt.Sprintf("✓ decided %s (%d/%d votes)", pr.Value, pr.Votes.Len(), m), b+"✓ decided "+string(pr.Value))
	case paxos.Abandoned:
		return forms(b+fmt.Sprintf("✗ preempted by %d · next %d", pr.PreemptedBy, pr.NextBallot(cfg)),
			b+fmt.Sprintf("✗ preempted by %d", pr.PreemptedBy))
	}
	// What it would propose if no promise reports a vote: a proposer has
	// no favourite price, it wants to find the price (the course).
	next := pr.NextBallot(cfg)
	return forms(fmt.Sprintf("idle · next ballot %d · would propose %s", next, pr.Preference),
		fmt.Sprintf("idle · next %d · would propose %s", next, pr.Preference),
		fmt.Sprintf("next %d · would propose %s", next, pr.Preference))
}

// ProposerDetails are the lines under a running proposer's row: the
// promises it holds with the votes they reported ("" when none), and the
// value it stands for and why.
func ProposerDetails(w *game.World, pr *paxos.Proposer) (promises, why string) {
	if ms := pr.Promises.Members(); len(ms) > 0 {
		parts := make([]string, len(ms))
		for i, n := range ms {
			v := pr.Reported[n]
			if v.None() {
				parts[i] = fmt.Sprintf("A%d no vote", n)
			} else {
				parts[i] = fmt.Sprintf("A%d voted %s in %d", n, v.Value, v.Ballot)
			}
		}
		promises = "promises: " + strings.Join(parts, " · ")
	}
	r := w.ValueReason(pr)
	if w.Hand(paxos.P(pr.N)) && !r.Sent {
		// Which value the rule asks for is its player's to work out.
		return promises, fmt.Sprintf("its player picks the value for %d from what the promises report", pr.Ballot)
	}
	return promises, StandsFor(r)
}

// LearnerStatus is learner l's votes counted and what it learned: the
// most votes for one value in one ballot against the quorum, the value
// learned, or the values of a violation; "decide" when it is played by
// hand and has votes to learn from.
func LearnerStatus(w *game.World, l *paxos.Learner) Status {
	decide := "" // played by hand, with votes to learn from
	if len(w.Decisions(paxos.L(l.N))) > 0 {
		decide = " — decide"
	}
	switch {
	case len(l.Learned) > 1:
		// Agreement broken: said by the mark and, where it fits, the word
		// of the VIOLATION banner, not by colour alone. Every value, in
		// order: "1 EUR (in 1), then 2 EUR (in 2)".
		long, short := make([]string, len(l.Learned)), make([]string, len(l.Learned))
		for k, v := range l.Learned {
			long[k], short[k] = fmt.Sprintf("%s (in %d)", v.Value, v.Ballot), string(v.Value)
		}
		all, values := strings.Join(long, ", then "), strings.Join(short, ", then ")
		// Narrower: each value once ("10 EUR, then 8 EUR, then 10 EUR"
		// learned twice over), then only how many.
		var distinct []string
		for _, v := range short {
			if !slices.Contains(distinct, v) {
				distinct = append(distinct, v)
			}
		}
		return Status{Forms: []string{"✗ VIOLATION: learned " + all, "✗ VIOLATION: learned " + values, "✗ learned " + values,
			"✗ learned " + strings.Join(distinct, " and "), "✗ learned " + words.Counted(len(distinct), "value")}, Violation: true}
	case len(l.Learned) == 1 && w.Obs.LearnedUnchosen(l.N):
		v := l.Learned[0]
		return Status{Forms: []string{
			fmt.Sprintf("✗ VIOLATION: learned %s (in %d), which was not chosen", v.Value, v.Ballot),
			fmt.Sprintf("✗ VIOLATION: learned %s, not chosen", v.Value),
			fmt.Sprintf("✗ learned %s, not chosen", v.Value)}, Violation: true}
	}
	if other, twoChosen := w.LearnedOneOfTwo(l.N); len(l.Learned) == 1 && twoChosen {
		// Its value is chosen, and so is another: not a ✓ under the
		// VIOLATION banner (issue 20).
		v := l.Learned[0]
		return Status{Forms: []string{
			fmt.Sprintf("✗ VIOLATION: learned %s (in %d); %s is chosen too", v.Value, v.Ballot, other),
			fmt.Sprintf("✗ VIOLATION: learned %s; %s too", v.Value, other),
			fmt.Sprintf("✗ learned %s; %s too", v.Value, other)}, Violation: true}
	}
	switch {
	case len(l.Learned) == 1:
		s := fmt.Sprintf("✓ learned %s (in %d)", l.Learned[0].Value, l.Learned[0].Ballot)
		return Status{Forms: []string{s + decide, s}}
	case l.Heard == 0:
		return Status{Forms: []string{"heard no vote yet"}}
	}
	best, by := l.Leading(&w.Cfg)
	q := w.Cfg.Quorum()
	counts := fmt.Sprintf("counts %d/%d for %s in %d", by.Len(), q, best.Value, best.Ballot)
	short := fmt.Sprintf("%d/%d for %s in %d", by.Len(), q, best.Value, best.Ballot)
	return Status{Forms: slices.Compact([]string{counts + " · learned nothing" + decide, counts + decide, short + decide, short})}
}
