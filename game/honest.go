package game

import (
	"errors"
	"slices"

	"paxosgame/paxos"
)

// An honest start (DESIGN §13): with every rule on, a start made with set
// is taken only if no run from it can break Agreement or Validity. The
// test is Paxos's own invariant (Lamport's Inv in Paxos.tla, with
// Voting.tla's VotesSafe and OneValuePerBallot), on the votes set as the
// votes cast so far:
//
//   - an acceptor has promised at least the ballot it voted in (maxBal ≥
//     maxVBal);
//   - the votes in one ballot are for one value (OneValuePerBallot);
//   - a vote for v in ballot b is safe (VotesSafe): in every ballot c
//     below b, a majority each voted v in c, or can never vote in c and
//     did not.
//
// An acceptor can never vote in c when it promised above c (Voting's
// CannotVoteAt), or when c's owner has used c or a ballot above it: a
// proposer's ballots strictly increase, and with unique-ballots on no
// other proposer uses c. What a vote implies makes the second way common:
// the ballot of a vote set up was used by its owner, with that value, so
// set moves the owner past it (Proposer.Used). From a start that passes,
// a new ballot's proposer keeps the value of the highest vote it hears of
// and that value is safe, as in Lamport's proof; a start that fails has a
// run that breaks Agreement, or is one no run of Paxos reaches.

// StartFlaw is why a start made with set is one no run of Paxos reaches
// with every rule on, and the set lines that would make it one.
type StartFlaw struct {
	Kind     FlawKind
	Acceptor int          // the acceptor whose vote the start cannot have
	Vote     paxos.Vote   // that vote
	Promised paxos.Ballot // VoteAbovePromise: the acceptor's promise
	Below    paxos.Ballot // OpenBelow, OutvotedBelow: the lower ballot where it fails
	// Others are, for TwoValues, the acceptors that voted Other in the
	// same ballot; for OpenBelow, those that could still vote in Below;
	// for OutvotedBelow, those that voted Other in Below.
	Others paxos.Set
	Other  paxos.Value
	// Fix is set lines that make the start honest, found by trying them
	// on a copy; nil when none was found.
	Fix []Command
}

// FlawKind is which part of the invariant a start fails.
type FlawKind uint8

const (
	VoteAbovePromise FlawKind = iota + 1 // maxBal ≥ maxVBal: a vote above the acceptor's promise
	TwoValues                            // OneValuePerBallot: two values voted in one ballot
	OpenBelow                            // VotesSafe: a majority could still vote in a lower ballot
	OutvotedBelow                        // VotesSafe: every majority holds a vote for another value in a lower ballot
)

// Honest says why the start is one no run of Paxos reaches with every
// rule on (a *Refusal of cause Unreachable, with its StartFlaw), or nil:
// when it is honest, when a rule is off, or when the game has started.
// The first action checks it (Apply); a script with no action is checked
// at its end.
func (w *World) Honest() error {
	if w.Started || w.Cfg.Rules != (paxos.Rules{}) {
		return nil
	}
	f, ok := w.startFlaw()
	if !ok {
		return nil
	}
	f.Fix = w.fixStart(f)
	return &Refusal{Cause: Unreachable, Verb: VSet, Node: paxos.A(f.Acceptor), Ballot: f.Vote.Ballot, Start: &f}
}

// startFlaw finds the first part of the invariant the start fails:
// promises, then one value per ballot, then each vote's safety, lowest
// ballot first.
func (w *World) startFlaw() (StartFlaw, bool) {
	var votes []paxos.Acceptor // the acceptors that voted, by ballot then number (a stable sort)
	for _, a := range w.Acceptors {
		if a.Voted.None() {
			continue
		}
		if a.Promised < a.Voted.Ballot {
			return StartFlaw{Kind: VoteAbovePromise, Acceptor: a.N, Vote: a.Voted, Promised: a.Promised}, true
		}
		votes = append(votes, a)
	}
	slices.SortStableFunc(votes, func(x, y paxos.Acceptor) int { return int(x.Voted.Ballot) - int(y.Voted.Ballot) })
	for i := 0; i < len(votes); {
		j := i
		for j < len(votes) && votes[j].Voted.Ballot == votes[i].Voted.Ballot {
			j++
		}
		if f, ok := twoValues(votes[i:j]); ok {
			return f, true
		}
		i = j
	}
	for _, a := range votes {
		if f, ok := w.unsafeVote(a, votes); ok {
			return f, true
		}
	}
	return StartFlaw{}, false
}

// twoValues checks the votes of one ballot, in acceptor order: the value
// most of them voted for (the lowest-numbered acceptor's, on a tie)
// stands, and the first acceptor that voted another is at fault.
func twoValues(same []paxos.Acceptor) (StartFlaw, bool) {
	count := map[paxos.Value]int{}
	best := same[0].Voted.Value
	for _, a := range same {
		count[a.Voted.Value]++
		if count[a.Voted.Value] > count[best] {
			best = a.Voted.Value
		}
	}
	if len(count) == 1 {
		return StartFlaw{}, false
	}
	f := StartFlaw{Kind: TwoValues, Other: best}
	for _, a := range same {
		switch {
		case a.Voted.Value == best:
			f.Others = f.Others.Add(a.N)
		case f.Acceptor == 0:
			f.Acceptor, f.Vote = a.N, a.Voted
		}
	}
	return f, true
}

// unsafeVote checks VotesSafe for a's vote (b, v): in each ballot c below
// b, a majority each voted v in c or can never vote in c and did not. Only
// a few ballots c need a look: those of the votes, and for each proposer
// the highest ballot below b that it can still use and no vote is in (in
// a lower one, at least as many acceptors have promised above it).
func (w *World) unsafeVote(a paxos.Acceptor, votes []paxos.Acceptor) (StartFlaw, bool) {
	b, v := a.Voted.Ballot, a.Voted.Value
	voted := func(c paxos.Ballot) bool {
		return slices.ContainsFunc(votes, func(x paxos.Acceptor) bool { return x.Voted.Ballot == c })
	}
	var below []paxos.Ballot
	for _, x := range votes {
		if x.Voted.Ballot < b {
			below = append(below, x.Voted.Ballot)
		}
	}
	n := paxos.Ballot(w.Cfg.Proposers)
	for i := 1; i <= w.Cfg.Proposers; i++ {
		used := w.Proposer(i).Used
		c := b - 1 - (b-1-paxos.Ballot(i)%n+n)%n // the highest ballot below b that Pi owns
		for c >= 1 && c > used && voted(c) {
			c -= n
		}
		if c >= 1 && c > used {
			below = append(below, c)
		}
	}
	slices.Sort(below)
	below = slices.Compact(below)
	slices.Reverse(below) // the highest first: the one a message names
	var opened StartFlaw  // the highest ballot a majority could still vote in, if any
	for _, c := range below {
		closed := c <= w.Proposer(w.Cfg.Owner(c)).Used
		var good, open, outvoting paxos.Set
		var other paxos.Value
		for _, x := range w.Acceptors {
			switch {
			case x.Voted.Ballot == c && x.Voted.Value == v:
				good = good.Add(x.N)
			case x.Voted.Ballot == c:
				outvoting, other = outvoting.Add(x.N), x.Voted.Value
			case closed || x.Promised > c:
				good = good.Add(x.N)
			default:
				open = open.Add(x.N)
			}
		}
		q := w.Cfg.Quorum()
		switch {
		case good.Len() >= q:
		case good.Len()+open.Len() >= q:
			if opened.Kind == 0 {
				opened = StartFlaw{Kind: OpenBelow, Acceptor: a.N, Vote: a.Voted, Below: c, Others: open}
			}
		default:
			// Said first: no promise mends it.
			return StartFlaw{Kind: OutvotedBelow, Acceptor: a.N, Vote: a.Voted, Below: c, Others: outvoting, Other: other}, true
		}
	}
	return opened, opened.Kind != 0
}

// fixLines are the set lines that mend flaw f alone: the promise the vote
// implies; the ballot's one value; promises not to vote below the vote
// from as few acceptors as make a majority; the value voted below.
func (w *World) fixLines(f StartFlaw) []Command {
	set := func(n int, field Field, b paxos.Ballot, v paxos.Value) Command {
		return Command{Verb: VSet, Node: paxos.A(n), Field: field, Ballot: b, Value: v}
	}
	switch f.Kind {
	case VoteAbovePromise:
		return []Command{set(f.Acceptor, FieldPromised, f.Vote.Ballot, "")}
	case TwoValues:
		var out []Command
		for _, a := range w.Acceptors {
			if a.Voted.Ballot == f.Vote.Ballot && a.Voted.Value != f.Other {
				out = append(out, set(a.N, FieldVoted, f.Vote.Ballot, f.Other))
			}
		}
		return out
	case OpenBelow:
		var good int
		for _, a := range w.Acceptors {
			if a.Voted.Ballot == f.Below && a.Voted.Value == f.Vote.Value || a.Voted.Ballot != f.Below && a.Promised > f.Below {
				good++
			}
		}
		var out []Command
		for _, n := range f.Others.Members() {
			if good >= w.Cfg.Quorum() {
				break
			}
			out = append(out, set(n, FieldPromised, f.Vote.Ballot, ""))
			good++
		}
		return out
	}
	return []Command{set(f.Acceptor, FieldVoted, f.Vote.Ballot, f.Other)}
}

// fixStart finds set lines that make the start honest: it mends the
// flaw found, on a copy, then the next one, a few times at most.
func (w *World) fixStart(f StartFlaw) []Command {
	c := w.Clone()
	var fix []Command
	for range 4 * (len(w.Acceptors) + 1) {
		for _, line := range c.fixLines(f) {
			if _, err := c.Apply(line); err != nil {
				return nil
			}
			// A later line for the same acceptor and field replaces an
			// earlier one.
			fix = slices.DeleteFunc(fix, func(x Command) bool { return x.Node == line.Node && x.Field == line.Field })
			fix = append(fix, line)
		}
		var ok bool
		if f, ok = c.startFlaw(); !ok {
			return fix
		}
	}
	return nil
}

// BlamedSet is the set line of cmds (the setup, up to the first action)
// that a start refused as Honest refuses it is at fault for: the last
// that set the vote it names.
func BlamedSet(cmds []Command, err error) (Command, bool) {
	var r *Refusal
	if !errors.As(err, &r) || r.Cause != Unreachable {
		return Command{}, false
	}
	var found Command
	for _, c := range cmds {
		if c.Verb.Action() {
			break
		}
		if c.Verb == VSet && c.Field == FieldVoted && c.Node == r.Node {
			found = c
		}
	}
	return found, found.Verb == VSet
}

// StartRulesOff are the rules that were off when a set line made the
// start: a start made with a rule off stays so (the rule cannot be
// switched back on over it).
func (w *World) StartRulesOff() []paxos.Rule {
	var off []paxos.Rule
	for _, r := range paxos.AllRules() {
		if !w.setWith.On(r) {
			off = append(off, r)
		}
	}
	return off
}
