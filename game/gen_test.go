package game

import (
	"cmp"
	"flag"
	"slices"
	"strconv"
	"testing"

	"pgregory.net/rapid"

	"paxosgame/paxos"
)

// Generators of random games for the property, round-trip and history
// tests: setups and actions that the world must accept.

// testValues are the values random games propose: prices, and values that
// try the printer's quoting (quotes, backslashes, #, a tab, non-ASCII, the
// empty value, words of the language).
var testValues = []paxos.Value{
	"5 EUR", "6 EUR", "8 EUR", "10 EUR", `say "hi"`, `back\slash`, "#1 price",
	"tab\there", "€ 7", "", "nothing", "all", "17",
}

// drawSetup draws the setup of a game: a cluster of 1-9 proposers, 1-9
// acceptors and 0-5 learners, a policy, a mode, and (unless safe) rules
// switched off and a starting state. A safe setup has every rule on and no
// starting votes: set can give acceptors votes that no run of the protocol
// could have given them, and then even correct Paxos may break agreement.
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
	for range rapid.IntRange(0, 3).Draw(t, "sets") {
		switch rapid.IntRange(0, 2).Draw(t, "set") {
		case 0:
			n := rapid.IntRange(1, cfg.Proposers).Draw(t, "set proposer")
			cmds = append(cmds, Command{Verb: VSet, Node: paxos.P(n), Field: FieldValue, Value: drawValue(t)})
		case 1:
			n := rapid.IntRange(1, cfg.Acceptors).Draw(t, "set acceptor")
			b := paxos.Ballot(rapid.IntRange(1, 30).Draw(t, "set promised"))
			cmds = append(cmds, Command{Verb: VSet, Node: paxos.A(n), Field: FieldPromised, Ballot: b})
		case 2:
			if safe {
				continue
			}
			n := rapid.IntRange(1, cfg.Acceptors).Draw(t, "set acceptor")
			b := paxos.Ballot(rapid.IntRange(1, 30).Draw(t, "set voted"))
			cmds = append(cmds, Command{Verb: VSet, Node: paxos.A(n), Field: FieldVoted, Ballot: b, Value: drawValue(t)})
		}
	}
	return cmds
}

func drawValue(t *rapid.T) paxos.Value { return rapid.SampledFrom(testValues).Draw(t, "value") }

// maxInFlight keeps random games small: no duplicate, and no new ballot,
// while this many messages are in flight.
const maxInFlight = 40

// drawAction draws one action that w must accept: a deliver, drop or
// duplicate of a message in flight (by id or, when that names one message,
// by description), deliver all, a crash or restart of any node, an accept
// in manual mode, or a propose with a ballot the proposer may use.
//
// calm weighs deliveries against everything else: at 0 proposers start
// new ballots often and duel; higher, ballots have time to finish. (rapid
// draws small numbers more often than large ones: the small kinds are the
// deliveries.)
func drawAction(t *rapid.T, w *World, calm int) Command {
	for {
		kind := rapid.IntRange(0, 11+calm).Draw(t, "kind")
		switch {
		case kind <= 5 || kind > 11:
			if len(w.InFlight) == 0 {
				continue
			}
			verb := VDeliver
			switch rapid.IntRange(0, 9).Draw(t, "deliver, drop or duplicate") {
			case 8:
				verb = VDrop
			case 9:
				if len(w.InFlight) < maxInFlight {
					verb = VDuplicate
				}
			}
			e := w.InFlight[rapid.IntRange(0, len(w.InFlight)-1).Draw(t, "message")]
			return Command{Verb: verb, Sel: drawSelector(t, w, e)}
		case kind == 6:
			if len(w.InFlight) == 0 || len(w.InFlight) > 12 || !rapid.Bool().Draw(t, "deliver all") {
				continue
			}
			return Command{Verb: VDeliver, Sel: Selector{All: true}}
		case kind == 7:
			if down := w.downNodes(); len(down) > 0 && rapid.Bool().Draw(t, "restart") {
				return Command{Verb: VRestart, Node: rapid.SampledFrom(down).Draw(t, "down")}
			}
			role := rapid.SampledFrom([]paxos.Role{paxos.RoleAcceptor, paxos.RoleProposer, paxos.RoleLearner}).Draw(t, "role")
			count := map[paxos.Role]int{paxos.RoleProposer: len(w.Proposers), paxos.RoleAcceptor: len(w.Acceptors), paxos.RoleLearner: len(w.Learners)}[role]
			if count == 0 {
				continue
			}
			id := paxos.NodeID{Role: role, N: rapid.IntRange(1, count).Draw(t, "node")}
			if w.Up(id) {
				return Command{Verb: VCrash, Node: id}
			}
			return Command{Verb: VRestart, Node: id}
		case kind <= 9:
			if !w.Cfg.Manual {
				continue
			}
			var ready []int
			for _, p := range w.Proposers {
				if w.Up(paxos.P(p.N)) && p.CanAccept(&w.Cfg) == nil {
					ready = append(ready, p.N)
				}
			}
			if len(ready) == 0 {
				continue
			}
			return Command{Verb: VAccept, Node: paxos.P(rapid.SampledFrom(ready).Draw(t, "accept"))}
		default:
			if len(w.InFlight) >= maxInFlight {
				continue
			}
			n := rapid.IntRange(1, len(w.Proposers)).Draw(t, "proposer")
			id := paxos.P(n)
			if !w.Up(id) {
				return Command{Verb: VRestart, Node: id}
			}
			c := Command{Verb: VPropose, Node: id}
			p := w.Proposer(n)
			if rapid.Bool().Draw(t, "explicit ballot") {
				step := paxos.Ballot(w.Cfg.Proposers)
				if !w.Cfg.Rules.On(paxos.UniqueBallots) {
					step = 1
				}
				c.Ballot = p.NextBallot(&w.Cfg) + step*paxos.Ballot(rapid.IntRange(0, 3).Draw(t, "skip"))
			}
			if rapid.Bool().Draw(t, "explicit value") {
				c.Value = drawValue(t)
			}
			return c
		}
	}
}

// downNodes lists the crashed nodes.
func (w *World) downNodes() []paxos.NodeID {
	var down []paxos.NodeID
	for role, count := range map[paxos.Role]int{paxos.RoleProposer: len(w.Proposers), paxos.RoleAcceptor: len(w.Acceptors), paxos.RoleLearner: len(w.Learners)} {
		for n := 1; n <= count; n++ {
			if id := (paxos.NodeID{Role: role, N: n}); !w.Up(id) {
				down = append(down, id)
			}
		}
	}
	slices.SortFunc(down, func(a, b paxos.NodeID) int { return cmp.Or(cmp.Compare(a.Role, b.Role), cmp.Compare(a.N, b.N)) })
	return down
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

// withChecks runs f with rapid's number of checks set to n, unless the
// command line gave -rapid.checks.
func withChecks(t *testing.T, n int, f func()) {
	t.Helper()
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
