package narrate

import (
	"fmt"
	"slices"
	"strings"

	"paxosgame/game"
	"paxosgame/internal/words"
	"paxosgame/paxos"
)

// This file is the state of the game in sentences, for a player who cannot
// see the screen (`look` in `paxosgame play --plain`): each node in the
// long form, the messages in flight, the majority meter and the outcome.
// The screen shows the same facts in its own short rows.

// Node describes node id as it is now, in a few sentences: up or
// crashed, played by hand, its state, and what it waits for.
func Node(w *game.World, id paxos.NodeID) string {
	if !w.Exists(id) {
		return fmt.Sprintf("There is no %s: %s", id, Cluster(w.Cfg))
	}
	head := id.String() + " is up"
	switch {
	case !w.Up(id):
		head = id.String() + " is crashed: it takes no message until it restarts"
	case w.Hand(id):
		head += " and played by hand"
	}
	var rest string
	switch id.Role {
	case paxos.RoleProposer:
		rest = proposerWords(w, w.Proposer(id.N))
	case paxos.RoleAcceptor:
		rest = acceptorWords(w, w.Acceptor(id.N))
	default:
		rest = learnerWords(w, w.Learner(id.N))
	}
	return head + ". " + rest
}

func proposerWords(w *game.World, pr *paxos.Proposer) string {
	cfg := &w.Cfg
	id := paxos.P(pr.N)
	next := pr.NextBallot(cfg)
	if !w.Up(id) {
		if pr.Used == 0 {
			return fmt.Sprintf("It has used no ballot; its next is %d.", next)
		}
		return fmt.Sprintf("It used ballot %d; its next is %d.", pr.Used, next)
	}
	m, q := cfg.Acceptors, cfg.Quorum()
	switch pr.Phase {
	case paxos.Phase1:
		s := fmt.Sprintf("It runs ballot %d, phase 1: it asked every acceptor to promise, and has promises from %d of %d; it needs %d.",
			pr.Ballot, pr.Promises.Len(), m, q)
		s += promiseWords(pr)
		switch {
		case w.Hand(id) && len(w.Decisions(id)) > 0:
			s += " " + Decides(w, id)
		case slices.Contains(w.AcceptReady(), id):
			s += fmt.Sprintf(" It has promises from %s: accept %s makes it ask for votes (manual mode).", quorumWords(*cfg), id)
			fallthrough
		default:
			s += " It " + StandsFor(w.ValueReason(pr)) + "."
		}
		return s
	case paxos.Phase2:
		return fmt.Sprintf("It runs ballot %d, phase 2: it asked every acceptor to vote for %s, and has votes from %d of %d; it needs %d.",
			pr.Ballot, pr.Value, pr.Votes.Len(), m, q) + promiseWords(pr) +
			fmt.Sprintf(" Why %s: %s.", pr.Value, Reason(w.ValueReason(pr)))
	case paxos.Done:
		return fmt.Sprintf("It knows %s is decided: votes from %d of %d in ballot %d.", pr.Value, pr.Votes.Len(), m, pr.Ballot)
	case paxos.Abandoned:
		return fmt.Sprintf("It was preempted in ballot %d: an acceptor promised not to vote below %d. Its next ballot is %d.",
			pr.Ballot, pr.PreemptedBy, next)
	}
	return fmt.Sprintf("It is idle; its next ballot is %d, and it would propose %s.", next, pr.Preference)
}

// promiseWords is the promises a proposer holds, with the votes they
// reported: " Promises: A1 reported no vote; A2 reported 6 EUR in 9."
func promiseWords(pr *paxos.Proposer) string {
	ms := pr.Promises.Members()
	if len(ms) == 0 {
		return ""
	}
	parts := make([]string, len(ms))
	for i, n := range ms {
		if v := pr.Reported[n]; v.None() {
			parts[i] = fmt.Sprintf("A%d reported no vote", n)
		} else {
			parts[i] = fmt.Sprintf("A%d reported its vote for %s in %d", n, v.Value, v.Ballot)
		}
	}
	return " Promises: " + strings.Join(parts, "; ") + "."
}

func acceptorWords(w *game.World, a *paxos.Acceptor) string {
	id := paxos.A(a.N)
	var s string
	switch {
	case a.Promised == 0 && a.Voted.None():
		s = "It has promised nothing and not voted."
	case a.Voted.None():
		s = fmt.Sprintf("It promised not to vote below %d, and has not voted.", a.Promised)
	case a.Promised == 0:
		s = fmt.Sprintf("It has promised nothing, and voted for %s in ballot %d.", a.Voted.Value, a.Voted.Ballot)
	default:
		s = fmt.Sprintf("It promised not to vote below %d, and voted for %s in ballot %d.", a.Promised, a.Voted.Value, a.Voted.Ballot)
	}
	if d := Decides(w, id); d != "" {
		s += " " + d
	}
	return s
}

// Decides says what node id, played by hand, has to decide now:
// "A1 holds prepare 17 from P2 (#1 1a P2→A1) and waits for your decision:
// promise, refuse or ignore." "" when it has nothing to decide.
func Decides(w *game.World, id paxos.NodeID) string {
	if len(w.Decisions(id)) == 0 {
		return ""
	}
	switch id.Role {
	case paxos.RoleAcceptor:
		held := w.HeldBy(id)
		e := held[0]
		s := fmt.Sprintf("%s holds %s from %s (%s) and waits for your decision: %s.",
			id, e.Msg.Summary(), e.Msg.From, game.Label(e), words.Or(decisionVerbs(e.Msg)))
		switch len(held) {
		case 1:
		case 2:
			s += " 1 more message waits after it."
		default:
			s += fmt.Sprintf(" %d more messages wait after it.", len(held)-1)
		}
		return s
	case paxos.RoleProposer:
		pr := w.Proposer(id.N)
		s := fmt.Sprintf("%s has promises from %s for %d: pick the value it asks votes for", id, quorumWords(w.Cfg), pr.Ballot)
		if pr.Promises.Len() < w.Cfg.Acceptors {
			s += ", or wait for more promises"
		}
		return s + "."
	}
	return fmt.Sprintf("%s has heard votes: decide whether it has learned a value.", id)
}

func learnerWords(w *game.World, l *paxos.Learner) string {
	id := paxos.L(l.N)
	other, twoChosen := w.LearnedOneOfTwo(l.N)
	switch {
	case len(l.Learned) > 1:
		vs := make([]string, len(l.Learned))
		for k, v := range l.Learned {
			vs[k] = fmt.Sprintf("%s (in %d)", v.Value, v.Ballot)
		}
		return "It learned " + strings.Join(vs, ", then ") + ": VIOLATION, a learner learned two values."
	case len(l.Learned) == 1 && w.Obs.LearnedUnchosen(l.N):
		v := l.Learned[0]
		return fmt.Sprintf("It learned %s (in %d), which was not chosen: VIOLATION.", v.Value, v.Ballot)
	case len(l.Learned) == 1 && twoChosen:
		v := l.Learned[0]
		return fmt.Sprintf("It learned %s (in %d), but %s was chosen too: VIOLATION, two values chosen.", v.Value, v.Ballot, other)
	case len(l.Learned) == 1:
		s := fmt.Sprintf("It learned %s (in %d).", l.Learned[0].Value, l.Learned[0].Ballot)
		if d := Decides(w, id); d != "" {
			s += " " + d
		}
		return s
	case l.Heard == 0:
		return "It has heard no vote yet."
	}
	best, by := l.Leading(&w.Cfg)
	s := fmt.Sprintf("It has heard %d %s; the most for one value in one ballot: %d of the %d needed, for %s in %d. It has learned nothing.",
		l.Heard, words.Plural(l.Heard, "vote"), by.Len(), w.Cfg.Quorum(), best.Value, best.Ballot)
	if d := Decides(w, id); d != "" {
		s += " " + d
	}
	return s
}

// Message describes a message in flight: its label (as a deliver
// command may name it), what it says, and, when its destination is down,
// that it will be lost.
func Message(w *game.World, e game.Envelope) string {
	s := fmt.Sprintf("%s: %s", game.Label(e), e.Msg.Summary())
	if !w.Up(e.Msg.To) {
		s += fmt.Sprintf(" (%s is down: delivered, it is lost)", e.Msg.To)
	}
	return s
}

// Network is the messages in flight, oldest first, one line each
// after a line that counts them.
func Network(w *game.World) []string {
	n := w.NumInFlight()
	switch n {
	case 0:
		return []string{"No message is in flight."}
	case 1:
		return []string{"1 message is in flight:", Message(w, w.InFlightRange(0, 1)[0])}
	}
	out := []string{fmt.Sprintf("%d messages are in flight, oldest first:", n)}
	for _, e := range w.InFlight() {
		out = append(out, Message(w, e))
	}
	return out
}

// Meter is the majority meter in sentences: a line that says what a
// majority is, then one per ballot in play (at most n), newest first.
func Meter(w *game.World, n int) []string {
	cfg := w.Cfg
	head := fmt.Sprintf("A majority is %d of %d acceptors.", cfg.Quorum(), cfg.Acceptors)
	if !cfg.Rules.On(paxos.MajorityQuorum) {
		head = fmt.Sprintf("A quorum is %d of %d acceptors: NOT a majority (majority-quorum is off).", cfg.Quorum(), cfg.Acceptors)
	}
	rows := w.Meter(n)
	if len(rows) == 0 {
		return []string{head, "No ballot is in play yet."}
	}
	out := []string{head}
	for _, r := range rows {
		out = append(out, meterRowWords(r))
	}
	return out
}

// meterRowWords is one ballot of the meter: "Ballot 17, run by P2:
// promises from 2 of 3 (A1, A2), enough; votes for 5 EUR from 1 of 3 (A1)."
func meterRowWords(r game.MeterRow) string {
	count := func(c game.Count) string {
		s := fmt.Sprintf("%d of %d", c.N(), c.Of)
		if c.N() > 0 {
			s += " (" + acceptorList(c.By) + ")"
		}
		if c.Reached() {
			s += ", enough"
		}
		return s
	}
	var parts []string
	if r.Running() {
		parts = append(parts, "promises from "+count(r.Promises))
	}
	for _, v := range r.Votes {
		parts = append(parts, fmt.Sprintf("votes for %s from %s", v.Value, count(v.Votes)))
	}
	if len(r.Votes) == 0 {
		parts = append(parts, "no vote yet")
	}
	who := "run by no proposer now"
	if r.Running() {
		who = "run by " + r.Proposer.String()
	}
	s := fmt.Sprintf("Ballot %d, %s: %s.", r.Ballot, who, strings.Join(parts, "; "))
	if r.InFlight > 0 {
		s += fmt.Sprintf(" %d of its messages are in flight.", r.InFlight)
	}
	return s
}

// Outcome says what is chosen so far, and every safety property
// that failed.
func Outcome(w *game.World) []string {
	var out []string
	if len(w.Obs.Chosen) == 0 {
		out = append(out, "Nothing is chosen yet.")
	}
	for _, c := range w.Obs.Chosen {
		out = append(out, fmt.Sprintf("Chosen: %s in ballot %d at step %d, voted by %s.", c.Vote.Value, c.Vote.Ballot, c.Step, acceptorList(c.By)))
	}
	for _, v := range w.Obs.Violations {
		out = append(out, ViolationBanner(v)+".")
	}
	return out
}
