package game

import (
	"fmt"
	"strings"

	"paxosgame/paxos"
)

// Check evaluates an expect command against the world. It returns nil
// when the expectation holds, or an error that says what is instead.
func (w *World) Check(c Command) error {
	if c.Node.N != 0 && !w.Exists(c.Node) {
		return w.noSuchNode(c, c.Node)
	}
	got := w.actual(c)
	want := c.expectString()
	if got == want {
		return nil
	}
	return fmt.Errorf("expected %s, but %s", want, got)
}

// actual describes the world in the words of the expect line c, so that
// it equals c's own text exactly when the expectation holds.
func (w *World) actual(c Command) string {
	node := c.Node.String()
	switch c.Expect {
	case ExpectChosen:
		v, ok := w.Obs.ChosenValue()
		switch {
		case !ok:
			return "nothing-chosen"
		case !c.Nothing && w.Obs.IsChosen(c.Value):
			return "chosen " + Quote(c.Value)
		}
		return "chosen " + Quote(v)
	case ExpectPromised:
		if b := w.Acceptor(c.Node.N).Promised; b != 0 {
			return fmt.Sprintf("%s promised %d", node, b)
		}
		return node + " promised nothing"
	case ExpectVoted:
		v := w.Acceptor(c.Node.N).Voted
		if v.None() {
			return node + " voted nothing"
		}
		return fmt.Sprintf("%s voted %d %s", node, v.Ballot, Quote(v.Value))
	case ExpectPhase:
		return node + " phase " + w.Proposer(c.Node.N).Phase.String()
	case ExpectBallot:
		return fmt.Sprintf("%s ballot %d", node, w.Proposer(c.Node.N).Ballot)
	case ExpectValue:
		return node + " value " + Quote(ProposerValue(w.Proposer(c.Node.N)))
	case ExpectLearned:
		l := w.Learner(c.Node.N)
		if l.Learned.None() {
			return node + " learned nothing"
		}
		return node + " learned " + Quote(l.Learned.Value)
	case ExpectInFlight:
		return fmt.Sprintf("in-flight %d", len(w.InFlight))
	case ExpectAgreement, ExpectViolation:
		if w.Obs.Agreement() {
			return "agreement"
		}
		return "violation"
	case ExpectUp, ExpectCrashed:
		if w.Up(c.Node) {
			return node + " up"
		}
		return node + " crashed"
	}
	return "?"
}

// ProposerValue is the value a proposer stands for: the value of its
// accept requests once it has sent them, its preference before.
func ProposerValue(p *paxos.Proposer) paxos.Value {
	if p.Phase == paxos.Phase2 || p.Phase == paxos.Done {
		return p.Value
	}
	return p.Preference
}

// Describe is a one-line summary of the world, for failed expectations and
// round-trip tests: every node's state, the network, the observer.
func (w *World) Describe() string {
	var b strings.Builder
	for _, p := range w.Proposers {
		fmt.Fprintf(&b, "P%d{%s b=%d used=%d seen=%d v=%q pref=%q prom=%v votes=%v up=%v} ",
			p.N, p.Phase, p.Ballot, p.Used, p.Seen, p.Value, p.Preference, p.Promises.Members(), p.Votes.Members(), w.Up(paxos.P(p.N)))
	}
	for _, a := range w.Acceptors {
		fmt.Fprintf(&b, "A%d{promised=%d voted=%s up=%v} ", a.N, a.Promised, a.Voted, w.Up(paxos.A(a.N)))
	}
	for _, l := range w.Learners {
		fmt.Fprintf(&b, "L%d{learned=%s heard=%d up=%v} ", l.N, l.Learned, l.Heard, w.Up(paxos.L(l.N)))
	}
	for _, e := range w.InFlight {
		fmt.Fprintf(&b, "%s:%s ", Label(e), e.Msg.Summary())
	}
	fmt.Fprintf(&b, "chosen=%v violations=%d", w.Obs.Chosen, len(w.Obs.Violations))
	return b.String()
}
