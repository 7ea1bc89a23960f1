package explore

import (
	"fmt"
	"slices"
	"strings"

	"paxosgame/game"
	"paxosgame/internal/words"
	"paxosgame/paxos"
)

// Choosing the bounds of a question asked from the middle of a game (issue
// 23: "Can 8 EUR be chosen?" on an exam scenario): check's defaults, two
// proposers from their first ballot, are made for a game's start; from the
// middle they search ballots that every acceptor refuses, and proposers
// that cannot matter, and run out of memory before they answer. Choose
// picks them as a teaching assistant would, and says why:
//
//   - The proposers that can still matter. A value that no acceptor voted
//     and no message or proposer carries can be put forward only by a
//     proposer whose own value it is (with every rule on, a proposer asks
//     for its own value or one a promise reported): those proposers alone.
//     A value voted or carried already can be asked for by any proposer
//     that starts a ballot and hears of it: one is enough, an idle one
//     first. A question that names no value: the proposers running a
//     ballot, else one idle; a search for a violation: two that can
//     disagree. Others that run a ballot go on with it (their messages
//     are delivered) but start none.
//   - Ballots above those in play (Bounds.Above): a ballot below one an
//     acceptor promised can only be refused by it.
//   - As many ballots each as fit the budget of states: the search with
//     k ballots is tried (stopped at the budget), from 0 up, and the next
//     is estimated from the growth so far; the largest that fits is kept,
//     and a question answered yes stops at the first that finds it (0:
//     the ballots running reach it alone).
//   - Nothing fails unless the rules make failures matter: no crash (one
//     when acceptors forget their promises on a crash: rule
//     durable-acceptors off), no drop, no duplicate.
//
// A "no" covers these bounds only, and Cover says which in words.

// ChooseStates is the budget of states Choose fits the bounds to: a search
// of this size takes a few seconds on two cores and, at 1.5 to 3 KB a
// state from a mid-game start, under a gigabyte.
const ChooseStates = 200_000

// maxChosenBallots is the most ballots each Choose tries.
const maxChosenBallots = 4

// Choice is the bounds Choose picked, why, and the search within them.
type Choice struct {
	Bounds Bounds
	Why    []string // a sentence for each decision
	// Tried is the states of the search with 0, 1, … ballots each, as far
	// as Choose tried (-1: stopped at the budget); Next the states it
	// estimated for one ballot more (0 when it did not need to).
	Tried []int
	Next  int64
	// Result is the search within Bounds (to the budget): the answer.
	Result Result
}

// Choose picks the bounds of a search from start for goal (conds, the
// find's lines; nil for a violation) within a budget of states (0 for
// ChooseStates), and searches within them: opt's workers, memory budget
// and progress are used; its MaxStates is the budget.
func Choose(start *game.World, conds []game.Command, budget int, opt Options) Choice {
	if budget <= 0 {
		budget = ChooseStates
	}
	var ch Choice
	b := Bounds{Proposers: ch.proposers(start, conds)}
	if _, high := start.BallotsInPlay(); high > 0 {
		b.Above = true
		ch.Why = append(ch.Why, fmt.Sprintf("each new ballot above every ballot in play (up to %d): an acceptor refuses any ballot below its promise", high))
	}
	if !start.Cfg.Rules.On(paxos.DurableAcceptors) {
		b.Crashes = 1
		ch.Why = append(ch.Why, "one crash: with durable-acceptors off, an acceptor that crashes forgets its promise and vote")
	} else {
		ch.Why = append(ch.Why, "nothing fails (no crash, no drop, no duplicate): --crashes, --drops, --duplicates ask about failures")
	}
	for _, id := range start.Nodes() {
		if start.Hand(id) {
			b.Hand = true
			ch.Why = append(ch.Why, fmt.Sprintf("%s is played by hand: the search takes its decisions (--hand)", id))
			break
		}
	}
	goal := Violation
	if len(conds) > 0 {
		goal = Holds(conds)
	}
	opt.MaxStates = budget
	var prev Result
	for k := 0; k <= maxChosenBallots; k++ {
		b.Ballots = k
		res := Search(start, b, goal, opt)
		if res.Incomplete {
			ch.Tried = append(ch.Tried, -1)
			if k > 0 && !prev.Incomplete {
				b.Ballots, res = k-1, prev // the largest that fitted
			}
			ch.Bounds, ch.Result = b, res
			break
		}
		ch.Tried = append(ch.Tried, res.States)
		ch.Bounds, ch.Result, prev = b, res, res
		if res.Found || len(b.Proposers) == 0 || k == maxChosenBallots {
			break
		}
		if k > 0 {
			before := max(ch.Tried[k-1], 1)
			ch.Next = int64(res.States) * int64(res.States) / int64(before)
			if ch.Next > int64(budget) {
				break
			}
		}
	}
	ch.Why = append(ch.Why, ch.ballotsWhy(budget))
	return ch
}

// ballotsWhy says how the ballots were chosen.
func (ch *Choice) ballotsWhy(budget int) string {
	k := ch.Bounds.Ballots
	each := words.Counted(k, "ballot")
	if len(ch.Bounds.Proposers) > 1 {
		each += " each"
	}
	switch {
	case len(ch.Bounds.Proposers) == 0:
		return "no proposer starts a ballot"
	case ch.Result.Found && k == 0:
		return "no new ballot: the ballots running reach it"
	case ch.Result.Found:
		return each + ": the fewest that reach it"
	case ch.Result.Incomplete:
		return fmt.Sprintf("%s: even that search passed the budget of %s states", each, Commas(budget))
	case k == maxChosenBallots:
		return each + ", the most Choose tries"
	case len(ch.Tried) > k+1:
		return fmt.Sprintf("%s: with %d the search passed the budget of %s states", each, k+1, Commas(budget))
	}
	return fmt.Sprintf("%s: %s states, and with %d about %s by the growth so far, past the budget of %s",
		each, Commas(ch.Result.States), k+1, Commas(ch.Next), Commas(budget))
}

// proposers picks the proposers that may start ballots, and says why.
func (ch *Choice) proposers(w *game.World, conds []game.Command) []int {
	var running, idle []int
	for i := range w.Proposers {
		p := &w.Proposers[i]
		if !w.Up(paxos.P(p.N)) {
			continue
		}
		if p.Phase == paxos.Phase1 || p.Phase == paxos.Phase2 {
			running = append(running, p.N)
		} else {
			idle = append(idle, p.N)
		}
	}
	var values []paxos.Value
	for _, c := range conds {
		if c.Value != "" && !slices.Contains(values, c.Value) {
			values = append(values, c.Value)
		}
	}
	var out []int
	add := func(ns ...int) {
		for _, n := range ns {
			if !slices.Contains(out, n) {
				out = append(out, n)
			}
		}
		slices.Sort(out)
	}
	switch {
	case len(conds) == 0:
		add(running...)
		for _, n := range idle {
			if len(out) >= 2 {
				break
			}
			if !slices.ContainsFunc(out, func(m int) bool { return w.Proposer(m).Preference == w.Proposer(n).Preference }) {
				add(n)
			}
		}
		ch.Why = append(ch.Why, fmt.Sprintf("%s: Agreement needs two proposers that could disagree, those running a ballot first", proposerList(out)))
	case len(values) == 0:
		if len(running) > 0 {
			add(running...)
			ch.Why = append(ch.Why, fmt.Sprintf("%s: the question names no value; the proposers running a ballot may start again", proposerList(out)))
		} else if len(idle) > 0 {
			add(idle[0])
			ch.Why = append(ch.Why, fmt.Sprintf("%s: the question names no value, and no proposer runs a ballot: one starts", proposerList(out)))
		}
	default:
		for _, v := range values {
			if where := carried(w, v); where != "" {
				carrier := append(slices.Clone(idle), running...)
				if len(carrier) == 0 {
					continue
				}
				if slices.ContainsFunc(out, func(n int) bool { return slices.Contains(carrier, n) }) {
					continue // one is enough
				}
				add(carrier[0])
				ch.Why = append(ch.Why, fmt.Sprintf("%s: %s is %s already, so any proposer that starts a ballot and hears of it may ask for it; one is enough", paxos.P(carrier[0]), game.Quote(v), where))
				continue
			}
			var own []int
			for i := range w.Proposers {
				if p := &w.Proposers[i]; p.Preference == v && w.Up(paxos.P(p.N)) {
					own = append(own, p.N)
				}
			}
			add(own...)
			if len(own) == 0 {
				ch.Why = append(ch.Why, fmt.Sprintf("no proposer for %s: it is voted nowhere, no message or proposer carries it, and it is no proposer's own value, so none can ever ask for it", game.Quote(v)))
				continue
			}
			ch.Why = append(ch.Why, fmt.Sprintf("%s: %s is voted nowhere and no message or proposer carries it, so only a proposer whose own value it is can put it forward", proposerList(own), game.Quote(v)))
		}
	}
	if others := slices.DeleteFunc(slices.Clone(running), func(n int) bool { return slices.Contains(out, n) }); len(others) > 0 {
		ch.Why = append(ch.Why, fmt.Sprintf("%s %s on with the ballot it runs, and starts none", proposerList(others), map[bool]string{true: "goes", false: "go"}[len(others) == 1]))
	}
	return out
}

// carried says where value v is in w already — "voted by A2", "in a
// message", "asked for by P2", "reported to P2" — or "" when nowhere.
func carried(w *game.World, v paxos.Value) string {
	var by []string
	for i := range w.Acceptors {
		if w.Acceptors[i].Voted.Value == v && w.Acceptors[i].Voted.Ballot > 0 {
			by = append(by, fmt.Sprintf("A%d in %d", i+1, w.Acceptors[i].Voted.Ballot))
		}
	}
	if len(by) > 0 {
		return "voted (" + words.And(by) + ")"
	}
	for i := range w.Proposers {
		p := &w.Proposers[i]
		if p.Phase == paxos.Phase2 && p.Value == v {
			return fmt.Sprintf("asked for by P%d", p.N)
		}
		for a := 1; a <= paxos.MaxAcceptors; a++ {
			if p.Promises.Has(a) && p.Reported[a].Value == v && p.Reported[a].Ballot > 0 {
				return fmt.Sprintf("reported to P%d", p.N)
			}
		}
	}
	for _, e := range append(w.InFlight(), w.Held...) {
		if e.Msg.To.Role != paxos.RoleLearner && (e.Msg.Value == v || e.Msg.Vote.Value == v && e.Msg.Vote.Ballot > 0) {
			return "in a message (#" + fmt.Sprint(e.ID) + ")"
		}
	}
	return ""
}

// proposerList is "P2, P3", or "no proposer".
func proposerList(ns []int) string {
	if len(ns) == 0 {
		return "no proposer"
	}
	return strings.Join(proposerNames(ns), ", ")
}

// proposerNames is P1, P2 … for proposers by number.
func proposerNames(ns []int) []string {
	names := make([]string, len(ns))
	for i, n := range ns {
		names[i] = paxos.P(n).String()
	}
	return names
}

// Cover says in words what a search of start within b covers: what a "no"
// means, as in "no run with P3 proposing up to 1 ballot above those in
// play, P2 going on with its ballot, nothing failing, reaches …".
func Cover(start *game.World, b Bounds) string {
	var parts []string
	switch n := len(b.Proposers); {
	case n == 0 || b.Ballots == 0:
		parts = append(parts, "no proposer starting a ballot")
	default:
		s := fmt.Sprintf("%s proposing up to %s", proposerList(b.Proposers), words.Counted(b.Ballots, "ballot"))
		if n > 1 {
			s += " each"
		}
		if b.Above {
			s += " above those in play"
		}
		parts = append(parts, s)
	}
	var going []int
	for i := range start.Proposers {
		p := &start.Proposers[i]
		if (p.Phase == paxos.Phase1 || p.Phase == paxos.Phase2) && (b.Ballots == 0 || !slices.Contains(b.Proposers, p.N)) {
			going = append(going, p.N)
		}
	}
	if len(going) > 0 {
		parts = append(parts, proposerList(going)+" going on with the ballot it runs")
	}
	var fails []string
	if b.Crashes > 0 {
		fails = append(fails, fmt.Sprintf("up to %d crash%s", b.Crashes, map[bool]string{true: "", false: "es"}[b.Crashes == 1]))
	}
	if b.Drops {
		fails = append(fails, "messages dropped")
	}
	if b.Duplicates > 0 {
		fails = append(fails, "up to "+words.Counted(b.Duplicates, "message")+" duplicated")
	}
	if len(fails) == 0 {
		parts = append(parts, "nothing failing")
	} else {
		parts = append(parts, words.And(fails))
	}
	if b.Hand {
		parts = append(parts, "every decision of the nodes played by hand")
	}
	return strings.Join(parts, ", ")
}
