package game

import (
	"cmp"
	"errors"
	"flag"
	"slices"
	"strconv"
	"testing"

	"pgregory.net/rapid"

	"paxosgame/internal/long"
	"paxosgame/paxos"
)

// Generators of random games for the property, round-trip and history
// tests: setups and actions that the world must accept.

// testValues are the values random games propose: prices, and values that
// try the printer's quoting (quotes, backslashes, #, non-ASCII, words of
// the language).
var testValues = []paxos.Value{
	"5 EUR", "6 EUR", "8 EUR", "10 EUR", `say "hi"`, `back\slash`, "#1 price",
	"€ 7", "nothing", "all", "17",
}

// drawSetup draws the setup of a game: a cluster of 1-9 proposers, 1-9
// acceptors and 0-5 learners, a policy, a mode, (unless safe) rules
// switched off, and a starting state. A safe setup has every rule on. With
// every rule on the start is made honest (World.Honest) by the set lines
// the refusal says would make it so: those are put after the ones drawn.
func drawSetup(t *rapid.T, safe bool) []Command {
	cmds := []Command{{
		Verb:      VConfig,
		Proposers: rapid.IntRange(1, paxos.MaxProposers).Draw(t, "proposers"),
		Acceptors: rapid.IntRange(1, paxos.MaxAcceptors).Draw(t, "acceptors"),
		Learners:  rapid.IntRange(0, paxos.MaxLearners).Draw(t, "learners"),
	}}
	if !safe {
		for _, r := range paxos.AllRules() {
			if rapid.IntRange(0, 3).Draw(t, "off "+r.String()) == 0 {
				cmds = append(cmds, Command{Verb: VRule, Rule: r, On: false})
			}
		}
	}
	policy := rapid.SampledFrom([]paxos.StalePolicy{paxos.StaleRefuse, paxos.StaleIgnore, paxos.StalePromise}).Draw(t, "policy")
	cmds = append(cmds, Command{Verb: VPolicy, Policy: policy})
	cmds = append(cmds, Command{Verb: VMode, Manual: rapid.Bool().Draw(t, "manual")})
	cfg := cmds[0]
	voted := map[int]paxos.Ballot{} // a promise is never set below a vote set
	for range rapid.IntRange(0, 3).Draw(t, "sets") {
		switch rapid.IntRange(0, 2).Draw(t, "set") {
		case 0:
			n := rapid.IntRange(1, cfg.Proposers).Draw(t, "set proposer")
			cmds = append(cmds, Command{Verb: VSet, Node: paxos.P(n), Field: FieldValue, Value: drawValue(t)})
		case 1:
			n := rapid.IntRange(1, cfg.Acceptors).Draw(t, "set acceptor")
			b := max(paxos.Ballot(rapid.IntRange(1, 30).Draw(t, "set promised")), voted[n])
			cmds = append(cmds, Command{Verb: VSet, Node: paxos.A(n), Field: FieldPromised, Ballot: b})
		case 2:
			n := rapid.IntRange(1, cfg.Acceptors).Draw(t, "set acceptor")
			b := paxos.Ballot(rapid.IntRange(1, 30).Draw(t, "set voted"))
			voted[n] = b
			cmds = append(cmds, Command{Verb: VSet, Node: paxos.A(n), Field: FieldVoted, Ballot: b, Value: drawValue(t)})
		}
	}
	return honestStart(t, cmds)
}

// honestStart puts after a setup the set lines that its refusal says make
// its start honest, when it is not; they must.
func honestStart(t *rapid.T, cmds []Command) []Command {
	w := NewWorld()
	for _, c := range cmds {
		if _, err := w.Apply(c); err != nil {
			t.Fatalf("setup %s refused: %v", c, err)
		}
	}
	var r *Refusal
	if err := w.Honest(); errors.As(err, &r) {
		if len(r.Start.Fix) == 0 {
			t.Fatalf("no line is said to make this start honest: %v\n%s", err, w.Describe())
		}
		for _, c := range r.Start.Fix {
			if _, err := w.Apply(c); err != nil {
				t.Fatalf("the fix %s is refused: %v", c, err)
			}
		}
		if err := w.Honest(); err != nil {
			t.Fatalf("after the lines said to make it honest (%v), the start is not: %v", r.Start.Fix, err)
		}
		cmds = append(cmds, r.Start.Fix...)
	}
	return cmds
}

func drawValue(t *rapid.T) paxos.Value { return rapid.SampledFrom(testValues).Draw(t, "value") }

// maxInFlight keeps random games small: no duplicate, and no new ballot,
// while this many messages are in flight.
const maxInFlight = 40

// drawWorld draws a world: a random setup (any rules, policy, mode,
// starting state) and up to maxSteps random actions.
func drawWorld(t *rapid.T, maxSteps int) *World {
	w := NewWorld()
	for _, c := range drawSetup(t, false) {
		if _, err := w.Apply(c); err != nil {
			t.Fatalf("setup %s refused: %v", c, err)
		}
	}
	calm := rapid.SampledFrom([]int{4, 0, 12, 40}).Draw(t, "calm")
	for range rapid.IntRange(0, maxSteps).Draw(t, "steps") {
		c := drawAction(t, w, calm)
		if _, err := w.Apply(c); err != nil {
			t.Fatalf("step %d: %s refused: %v", w.Step+1, c, err)
		}
	}
	return w
}

// drawAction draws one action that w must accept, from what w.Enabled()
// lists (a kind first, then one action of that kind): a deliver, drop or
// duplicate of a message in flight, a crash or restart of any node, a
// node taken by hand or given back, a decision of a node played by hand,
// an accept (in manual mode, or with a value its player picks), or a
// propose. It then varies how the action is
// written, as players write it: a message by description when that names
// it alone, a propose with its ballot and value left out, a ballot past
// the next one, another value. One action Enabled does not list is drawn
// too: deliver all, a sequence of the deliveries it lists.
//
// calm weighs deliveries against everything else: at 0 proposers start
// new ballots often and duel; higher, ballots have time to finish. (rapid
// draws small numbers more often than large ones: the small kinds are the
// deliveries.)
func drawAction(t *rapid.T, w *World, calm int) Command {
	// The actions of one verb, as Enabled lists them.
	en := func(verb Verb) []Command { return w.enabled(nil, verb) }
	for {
		kind := rapid.IntRange(0, 11+calm).Draw(t, "kind")
		switch {
		case kind <= 5 || kind > 11:
			if w.NumInFlight() == 0 {
				continue
			}
			verb := VDeliver
			switch rapid.IntRange(0, 9).Draw(t, "deliver, drop or duplicate") {
			case 8:
				verb = VDrop
			case 9:
				if w.NumInFlight() < maxInFlight {
					verb = VDuplicate
				}
			}
			c := rapid.SampledFrom(en(verb)).Draw(t, "message")
			e, _ := w.Message(c.Sel.ID)
			c.Sel = drawSelector(t, w, e)
			return c
		case kind == 6:
			if w.NumInFlight() == 0 || w.NumInFlight() > 12 || !rapid.Bool().Draw(t, "deliver all") {
				continue
			}
			return Command{Verb: VDeliver, Sel: Selector{All: true}}
		case kind == 7 && rapid.IntRange(0, 3).Draw(t, "hand or auto") == 0:
			// Who plays a node: the game, or a player who decides.
			return rapid.SampledFrom(slices.Concat(en(VHand), en(VAuto))).Draw(t, "node played")
		case kind == 7:
			if restarts := en(VRestart); len(restarts) > 0 && rapid.Bool().Draw(t, "restart") {
				return rapid.SampledFrom(restarts).Draw(t, "down")
			}
			// A role first, acceptors most often, then one of its nodes:
			// each is up or down, so it has a crash or a restart listed.
			role := rapid.SampledFrom([]paxos.Role{paxos.RoleAcceptor, paxos.RoleProposer, paxos.RoleLearner}).Draw(t, "role")
			var of []Command
			for _, c := range slices.Concat(en(VCrash), en(VRestart)) {
				if c.Node.Role == role {
					of = append(of, c)
				}
			}
			if len(of) == 0 {
				continue
			}
			slices.SortFunc(of, func(a, b Command) int { return cmp.Compare(a.Node.N, b.Node.N) })
			return rapid.SampledFrom(of).Draw(t, "node")
		case kind == 8:
			// A decision of a node played by hand: on a message an
			// acceptor holds (every choice the rules allow), or a learner's.
			decisions := slices.Concat(en(VPromise), en(VLearn))
			if len(decisions) == 0 {
				continue
			}
			return rapid.SampledFrom(decisions).Draw(t, "decision")
		case kind == 9:
			accepts := en(VAccept)
			if len(accepts) == 0 {
				continue
			}
			return rapid.SampledFrom(accepts).Draw(t, "accept")
		default:
			proposes := en(VPropose)
			if w.NumInFlight() >= maxInFlight || len(proposes) == 0 {
				continue
			}
			c := rapid.SampledFrom(proposes).Draw(t, "proposer")
			// Enabled writes the next ballot and the preference out; a
			// player may leave them out, skip ballots, or give a value.
			next := c.Ballot
			c.Ballot, c.Value = 0, ""
			if rapid.Bool().Draw(t, "explicit ballot") {
				step := paxos.Ballot(w.Cfg.Proposers)
				if !w.Cfg.Rules.On(paxos.UniqueBallots) {
					step = 1
				}
				c.Ballot = next + step*paxos.Ballot(rapid.IntRange(0, 3).Draw(t, "skip"))
			}
			if rapid.Bool().Draw(t, "explicit value") {
				c.Value = drawValue(t)
			}
			return c
		}
	}
}

// enabledOn returns the action w.Enabled lists on node, among verbs.
func enabledOn(w *World, node paxos.NodeID, verbs ...Verb) (Command, bool) {
	for _, verb := range verbs {
		for _, c := range w.enabled(nil, verb) {
			if c.Node == node {
				return c, true
			}
		}
	}
	return Command{}, false
}

// drawSelector names message e by id or by a description that matches it
// alone.
func drawSelector(t *rapid.T, w *World, e Envelope) Selector {
	if rapid.Bool().Draw(t, "by id") {
		return Selector{ID: e.ID}
	}
	s := Selector{Type: e.Msg.Type, From: e.Msg.From, To: e.Msg.To}
	if len(w.Find(s)) == 1 {
		return s
	}
	s.Ballot = e.Msg.Ballot
	if len(w.Find(s)) == 1 {
		return s
	}
	return Selector{ID: e.ID}
}

// withChecks runs f with rapid's number of checks set to n with the long
// tests on (PAXOSGAME_LONG=1, as CI runs them), and to a quarter of n
// without, so that go test ./... stays quick; the command line's
// -rapid.checks overrides both.
func withChecks(t *testing.T, n int, f func()) {
	t.Helper()
	if !long.On() {
		n = max(n/4, 1)
	}
	given := false
	flag.Visit(func(fl *flag.Flag) { given = given || fl.Name == "rapid.checks" })
	if !given {
		fl := flag.Lookup("rapid.checks")
		old := fl.Value.String()
		if err := fl.Value.Set(strconv.Itoa(n)); err != nil {
			t.Fatal(err)
		}
		defer fl.Value.Set(old)
	}
	f()
}
