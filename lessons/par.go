package lessons

import (
	"encoding/binary"
	"fmt"
	"slices"
	"strings"

	"paxosgame/explore"
	"paxosgame/explore/budget"
	"paxosgame/game"
	"paxosgame/paxos"
)

// True par (issue 11, item 3): a challenge's par is the fewest commands
// that reach its goal, any command counting one, deliver all included.
// Lint searches, breadth first, every run a student could type from the
// world where the goal begins, up to one command shorter than the
// solution: the first state that meets the goal is reached by a shortest
// run, and if there is one, the par is not the fewest.
//
// What a student could type, from a world (parSpace.actions):
//
//   - every action World.Enabled lists that the goal's allow block
//     allows: each message delivered, dropped or duplicated (by id; by
//     description it is the same action), the decisions of the nodes
//     played by hand, accept, crash, restart, hand and auto;
//   - deliver all, unless the allow block has deliver one, when a message
//     is in flight; drop stale, when a goal line counts the messages in
//     flight (it changes nothing else) and a message is stale;
//   - propose Pn B V with every ballot B the proposer may use (above the
//     ones it used and, with unique-ballots on, its own) up to the highest
//     ballot anywhere in the world, and the first parBallotMargin (2) it
//     may use above that one — so that a later ballot can still go
//     between the top and its own — and V each value in play and one
//     value that is not (parSpace.valuesFor);
//   - a hand-played proposer's accept Pn V with each of those values
//     the rules let it pick, beside the ones Enabled lists.
//
// Not tried: a promise that reports another vote than the acceptor's own
// or none (possible with promise-reports-vote off); and, of nodes that are
// interchangeable, all but the first (parSpace.fresh).
//
// Expect never lines end a run where they fail (the search takes no
// action from there); expect ever lines are the explorer's Options.Ever,
// which tracks them along each run.

// parBallotMargin is how many ballots of each proposer above the highest
// ballot in the world the search tries: the first two it may use, so
// that a later ballot can still go between the top and its own.
const parBallotMargin = 2

// ParStates bounds each of lint's searches: the distinct states it may
// keep. A search stops before a command that would take it past them, and
// the par is then not proven the fewest (lesson lint says so). lesson lint
// --par-states sets it.
const ParStates = 100_000

// ParBudget bounds each of lint's searches for a shorter par: the
// distinct states it may keep (lesson lint --par-states), and the memory
// the process may hold (lesson lint --max-memory).
type ParBudget struct {
	States int
	Memory uint64
}

// DefaultParBudget is lint's: ParStates states, a quarter of the
// machine's memory.
func DefaultParBudget() ParBudget {
	return ParBudget{States: ParStates, Memory: budget.DefaultMaxMemory()}
}

// ParSearch is what lint's search for a shorter run than a challenge's
// solution found.
type ParSearch struct {
	Fewest   int            // the fewest commands that reach the goal, when Shorter; else the par
	Shorter  []game.Command // a run shorter than the par, as a student would type it; nil when none
	Complete bool           // every run shorter than the par was tried (else: stopped at Depth)
	Depth    int            // the runs tried, up to this many commands
	States   int            // distinct states searched
	// When not Complete, the bound that stopped it: budget.States (the
	// runs one command longer took, or would take — Next states, at the
	// rate of the command before — more than Bound states) or
	// budget.Memory (they passed Bound bytes).
	Stopped budget.Limit
	Next    int // the states one command longer would take, as foreseen; 0: they were searched until the bound
	Bound   int // the bound: states, or bytes
}

// Words says what the search found of goal g's par, for lesson lint: that
// it is the fewest, or how far the search went and which bound stopped it.
func (s ParSearch) Words(g GoalResult) string {
	switch {
	case s.Shorter != nil:
		return fmt.Sprintf("par %d of the challenge at line %d is not the fewest: %s its goal", g.Par, g.Line, reach(s.Fewest))
	case s.Complete:
		return fmt.Sprintf("par %d of the challenge at line %d is the fewest: no run of fewer commands reaches its goal (%s states searched)", g.Par, g.Line, explore.Commas(s.States))
	}
	head := fmt.Sprintf("par %d of the challenge at line %d is not proven the fewest: no run of %d %s or fewer reaches its goal (%s %s searched);",
		g.Par, g.Line, s.Depth, plural(s.Depth, "command"), explore.Commas(s.States), plural(s.States, "state"))
	switch {
	case s.Stopped == budget.Memory:
		return fmt.Sprintf("%s runs of %d pass the memory budget of %s (--max-memory raises it)", head, s.Depth+1, budget.Size(uint64(s.Bound)))
	case s.Next > 0:
		return fmt.Sprintf("%s runs of %d would take about %s states, past the bound of %s (--par-states raises it)", head, s.Depth+1, explore.Commas(s.Next), explore.Commas(s.Bound))
	}
	return fmt.Sprintf("%s runs of %d pass the bound of %s states (--par-states raises it)", head, s.Depth+1, explore.Commas(s.Bound))
}

// parSpace is what a student may do at one goal, and the goal as the
// search judges it.
type parSpace struct {
	allow  Allow
	values []paxos.Value // the values the goal's lines name: in play from the start
	nows   []game.Command
	evers  []game.Command // conditions (checked now) of expect ever lines
	nevers []game.Command // of expect never lines
	order  bool           // deliver all is allowed: the send order of the network is state
	budget int            // the states a search may keep
	memory uint64         // the memory the process may hold
	named  []paxos.NodeID // the nodes the goal's lines name
	counts bool           // a line counts the messages in flight: drop stale may matter
	quiet  bool           // no line reads what learners do: the search leaves their actions out
	noAll  bool           // leave deliver all out: a search for any run, not the shortest (deadend.go)
}

// learnersQuiet says whether no line of the goal reads what the learners
// do — none names one or counts the messages in flight, and, unless
// same-ballot-majority is on (a learner then learns only a chosen value),
// none reads whether Agreement held. A learner only listens: what it is
// sent changes no other node, and deliver all still delivers to it. So a
// run that delivers, drops or duplicates a message to a learner by itself,
// or crashes, restarts, hands, autos a learner or takes its decision, does
// as well without that command, one command shorter (explore's reduce.go
// says it at length): the search leaves those commands out.
func (sp *parSpace) learnersQuiet(w *game.World) bool {
	for _, c := range slices.Concat(sp.nows, sp.evers, sp.nevers) {
		switch {
		case c.Node.Role == paxos.RoleLearner, c.Expect == game.ExpectInFlight:
			return false
		case (c.Expect == game.ExpectAgreement || c.Expect == game.ExpectViolation) && !w.Cfg.Rules.On(paxos.SameBallotMajority):
			return false
		}
	}
	return true
}

// onLearner says whether c acts on a learner by itself.
func onLearner(w *game.World, c game.Command) bool {
	switch c.Verb {
	case game.VDeliver, game.VDrop, game.VDuplicate:
		if c.Sel.ID == 0 {
			return false
		}
		e, ok := w.Message(c.Sel.ID)
		return ok && e.Msg.To.Role == paxos.RoleLearner
	case game.VCrash, game.VRestart, game.VHand, game.VAuto, game.VLearn:
		return c.Node.Role == paxos.RoleLearner
	}
	return false
}

func newParSpace(g *Goal) *parSpace {
	sp := &parSpace{allow: g.Allow, order: g.Allow.Allows(game.VDeliver) && !g.Allow.OneByOne()}
	add := func(v paxos.Value) {
		if v != "" && !slices.Contains(sp.values, v) {
			sp.values = append(sp.values, v)
		}
	}
	for _, e := range g.Expects {
		c := e.Cmd
		if !c.Nothing {
			add(c.Value)
		}
		if c.Node.N != 0 {
			sp.named = append(sp.named, c.Node)
		}
		sp.counts = sp.counts || c.Expect == game.ExpectInFlight
		modal := c.Modal
		c.Modal = game.Now
		switch modal {
		case game.Ever:
			sp.evers = append(sp.evers, c)
		case game.Never:
			sp.nevers = append(sp.nevers, c)
		default:
			sp.nows = append(sp.nows, c)
		}
	}
	return sp
}

// holdsAny reports whether one of conds holds in w.
func holdsAny(w *game.World, conds []game.Command) bool {
	for _, c := range conds {
		if w.Check(c) == nil {
			return true
		}
	}
	return false
}

// met reports whether the goal's lines checked now hold in w, and no
// never line does. (The search goes on from no state where a never line
// holds, so none held on the way.)
func (sp *parSpace) met(w *game.World) bool {
	for _, c := range sp.nows {
		if w.Check(c) != nil {
			return false
		}
	}
	return !holdsAny(w, sp.nevers)
}

// actions lists what a student may type in w, each accepted by Apply.
func (sp *parSpace) actions(w *game.World) []game.Command {
	if holdsAny(w, sp.nevers) {
		return nil // an expect never line failed: no run goes on from here
	}
	var out []game.Command
	ok := sp.allow.permitted
	if all := (game.Command{Verb: game.VDeliver, Sel: game.Selector{All: true}}); w.NumInFlight() > 0 && ok(all) && !sp.noAll {
		out = append(out, all)
	}
	// What only propose, accept and crash need, worked out once, when one
	// of them is tried (a search without propose tries many states).
	var (
		ready   bool
		play    []paxos.Value
		values  func(p *paxos.Proposer) []paxos.Value
		ballots []paxos.Ballot
		fresh   freshSet
	)
	prepare := func() {
		if !ready {
			play, values = sp.valuesFor(w)
			ballots = ballotsIn(w)
			fresh = sp.fresh(w, play, ballots)
			ready = true
		}
	}
	enabled := w.Enabled()
	for i, c := range enabled {
		if c.Verb == game.VPropose || !ok(c) || sp.quiet && onLearner(w, c) {
			continue // propose: below, with every ballot and value
		}
		if c.Verb == game.VCrash {
			prepare()
			if fresh.has(c.Node) && (c.Node.Role == paxos.RoleProposer || fresh.first(c.Node.Role) != c.Node.N) {
				continue
			}
		}
		out = append(out, c)
		if c.Verb != game.VAccept || c.Value == "" {
			continue
		}
		prepare()
		if i+1 < len(enabled) && enabled[i+1].Verb == game.VAccept && enabled[i+1].Node == c.Node {
			continue
		}
		// The last value Enabled lists for a hand-played proposer: it may
		// name one that no promise reported, too.
		p := w.Proposer(c.Node.N)
		for _, v := range values(p) {
			listed := slices.ContainsFunc(enabled, func(e game.Command) bool {
				return e.Verb == game.VAccept && e.Node == c.Node && e.Value == v
			})
			if !listed && p.CheckValue(v, &w.Cfg) == nil {
				out = append(out, game.Command{Verb: game.VAccept, Node: c.Node, Value: v})
			}
		}
	}
	if ok(game.Command{Verb: game.VPropose}) {
		prepare()
		top := slices.Max(append(ballots, 0))
		for i := range w.Proposers {
			p := &w.Proposers[i]
			if !w.Up(paxos.P(p.N)) || fresh.has(paxos.P(p.N)) && fresh.first(paxos.RoleProposer) != p.N {
				continue
			}
			for b, above := p.Used+1, 0; above < parBallotMargin && b <= paxos.MaxBallot; b++ {
				if p.CheckBallot(b, &w.Cfg) != nil {
					continue
				}
				if b > top {
					above++
				}
				for _, v := range values(p) {
					out = append(out, game.Command{Verb: game.VPropose, Node: paxos.P(p.N), Ballot: b, Value: v})
				}
			}
		}
	}
	if stale := (game.Command{Verb: game.VDrop, Sel: game.Selector{Stale: true}}); sp.counts && ok(stale) && len(w.StaleMessages()) > 0 {
		out = append(out, stale)
	}
	return out
}

// valuesFor returns, for w, the values a proposer's propose (or a
// hand-played proposer's accept) may name: each value in play — proposed
// so far, voted for, or named by the goal — and one value not in play:
// the proposer's own preference, unless it is in play, else a value no
// node knows of. Values are only ever compared, so any other value not in
// play would do the same as that one.
func (sp *parSpace) valuesFor(w *game.World) (play []paxos.Value, of func(p *paxos.Proposer) []paxos.Value) {
	play = slices.Clone(sp.values)
	add := func(v paxos.Value) {
		if v != "" && !slices.Contains(play, v) {
			play = append(play, v)
		}
	}
	for _, v := range w.Obs.Proposed {
		add(v)
	}
	for _, t := range w.Obs.Cast.List {
		add(t.Vote.Value)
	}
	var other paxos.Value // not in play, and no proposer's preference
	for k := 1; other == ""; k++ {
		v := game.DefaultValue(k)
		if !slices.Contains(play, v) && !slices.ContainsFunc(w.Proposers, func(p paxos.Proposer) bool { return p.Preference == v }) {
			other = v
		}
	}
	return play, func(p *paxos.Proposer) []paxos.Value {
		vs := []paxos.Value{p.Preference}
		for _, v := range play {
			if v != p.Preference {
				vs = append(vs, v)
			}
		}
		if slices.Contains(play, p.Preference) {
			vs = append(vs, other)
		}
		return vs
	}
}

// freshSet is, per role, the nodes that are fresh (parSpace.fresh).
type freshSet [paxos.RoleLearner + 1]uint32

func (f *freshSet) has(id paxos.NodeID) bool { return f[id.Role]&(1<<id.N) != 0 }

// first is the lowest-numbered fresh node of role r; 0 for none.
func (f *freshSet) first(r paxos.Role) int {
	for n := 1; n < 32; n++ {
		if f[r]&(1<<n) != 0 {
			return n
		}
	}
	return 0
}

// fresh lists the nodes of w that are as they were at the start of the
// cluster and that the goal does not name: up, played by the game, no
// message from or to them in flight or held, and a proposer that never
// ran a ballot nor saw one, whose preference is not in play and who owns
// no ballot in w; an acceptor that never promised nor voted; a learner
// that heard no vote. Two fresh nodes of a role are interchangeable, so
// the search crashes only the first of them (and no fresh proposer, which
// would only stay idle) and starts only the first fresh proposer: P1
// before P2, unless the goal names P2.
func (sp *parSpace) fresh(w *game.World, play []paxos.Value, ballots []paxos.Ballot) freshSet {
	var touched, f freshSet
	for _, e := range slices.Concat(w.InFlight(), w.Held) {
		touched[e.Msg.From.Role] |= 1 << e.Msg.From.N
		touched[e.Msg.To.Role] |= 1 << e.Msg.To.N
	}
	mark := func(id paxos.NodeID, ok bool) {
		if ok && w.Up(id) && !w.Hand(id) && !touched.has(id) && !slices.Contains(sp.named, id) {
			f[id.Role] |= 1 << id.N
		}
	}
	owns := func(n int) bool {
		return w.Cfg.Rules.On(paxos.UniqueBallots) && slices.ContainsFunc(ballots, func(b paxos.Ballot) bool { return w.Cfg.Owner(b) == n })
	}
	for _, p := range w.Proposers {
		mark(paxos.P(p.N), p.Phase == paxos.Idle && p.Used == 0 && p.Seen == 0 && !slices.Contains(play, p.Preference) && !owns(p.N))
	}
	for _, a := range w.Acceptors {
		mark(paxos.A(a.N), a.Promised == 0 && a.Voted.None())
	}
	for _, l := range w.Learners {
		mark(paxos.L(l.N), l.Heard == 0 && len(l.Learned) == 0)
	}
	return f
}

// ballotsIn lists every ballot in w (some more than once): promised,
// voted, used or seen by a node, or carried by a message.
func ballotsIn(w *game.World) []paxos.Ballot {
	var bs []paxos.Ballot
	for _, a := range w.Acceptors {
		bs = append(bs, a.Promised, a.Voted.Ballot)
	}
	for _, p := range w.Proposers {
		bs = append(bs, p.Ballot, p.Used, p.Seen, p.PreemptedBy)
	}
	for _, l := range w.Learners {
		for _, v := range l.Votes.List {
			bs = append(bs, v.Vote.Ballot)
		}
	}
	for _, e := range slices.Concat(w.InFlight(), w.Held) {
		bs = append(bs, e.Msg.Ballot, e.Msg.Vote.Ballot, e.Msg.Promised)
	}
	return slices.DeleteFunc(bs, func(b paxos.Ballot) bool { return b == 0 })
}

// key appends the send order of the messages in flight, which the
// world's key leaves out (it keeps them as a set) and deliver all follows.
func (sp *parSpace) key(buf []byte, w *game.World) []byte {
	if !sp.order {
		return buf
	}
	for _, e := range w.InFlight() {
		m := &e.Msg
		buf = append(buf, byte(m.Type), byte(m.From.Role), byte(m.From.N), byte(m.To.Role), byte(m.To.N))
		buf = binary.AppendUvarint(buf, uint64(m.Ballot))
		buf = binary.AppendUvarint(buf, uint64(m.Vote.Ballot))
		buf = binary.AppendUvarint(buf, uint64(m.Promised))
		buf = binary.AppendUvarint(buf, uint64(len(m.Value)))
		buf = append(buf, m.Value...)
		buf = binary.AppendUvarint(buf, uint64(len(m.Vote.Value)))
		buf = append(buf, m.Vote.Value...)
	}
	return append(buf, 0xff)
}

// searchPar looks for a run shorter than par from start, the world where
// goal g begins, within b.
func searchPar(start *game.World, g *Goal, par int, b ParBudget) ParSearch {
	res := ParSearch{Fewest: par, Complete: true}
	if par <= 1 {
		return res // the goal does not hold at the start (lint says so when it does)
	}
	sp := newParSpace(g)
	sp.budget, sp.memory = b.States, b.Memory
	sp.quiet = sp.learnersQuiet(start)
	return sp.search(start, par-1)
}

// search runs the explorer over the student's actions, one more command
// at a time, up to maxDepth commands. It stops before a command that
// would, at the rate of the one before, take it past the bound on states
// (each command multiplies the states as the last did); the explorer
// itself stops within a command that passes it, or the memory budget.
func (sp *parSpace) search(start *game.World, maxDepth int) ParSearch {
	res := ParSearch{Fewest: maxDepth + 1}
	prev := 1
	for d := 1; d <= maxDepth; d++ {
		r := explore.Search(start, explore.Bounds{}, explore.GoalFunc(sp.met), explore.Options{
			Actions:   sp.actions,
			Key:       sp.key,
			Ever:      sp.evers,
			MaxDepth:  d,
			MaxStates: sp.budget,
			MaxMemory: sp.memory,
		})
		res.States, res.Depth = r.States, r.Depth
		switch {
		case r.Found:
			res.Complete, res.Fewest, res.Shorter, res.Depth = true, len(r.Run), typed(start, r.Run), len(r.Run)
			return res
		case r.Stopped == budget.None || r.Stopped == budget.Depth && r.Depth >= maxDepth:
			// no state is left to go on from, or every run is tried
			res.Complete, res.Depth = true, maxDepth
			return res
		case r.Stopped == budget.Memory:
			res.Stopped, res.Bound = budget.Memory, int(min(sp.memory, 1<<62))
			return res
		case r.Stopped == budget.States:
			res.Stopped, res.Bound = budget.States, sp.budget
			return res
		}
		if next := float64(r.States) * float64(r.States) / float64(max(prev, 1)); d < maxDepth && next > float64(sp.budget) {
			res.Stopped, res.Bound, res.Next = budget.States, sp.budget, int(min(next, 1e15))
			return res
		}
		prev = r.States
	}
	res.Complete, res.Depth = true, maxDepth
	return res
}

// typed writes run as a student would type it, replayed from start: a
// propose without the ballot when it is the proposer's next one and
// without the value when it is its preference. (The explorer already
// names a message by its description when that names it alone.)
func typed(start *game.World, run []game.Command) []game.Command {
	w := start.Clone()
	out := make([]game.Command, 0, len(run))
	for _, c := range run {
		t := c
		if c.Verb == game.VPropose {
			p := w.Proposer(c.Node.N)
			if c.Ballot == p.NextBallot(&w.Cfg) {
				t.Ballot = 0
			}
			if c.Value == p.Preference {
				t.Value = ""
			}
		}
		if _, err := w.Apply(c); err != nil {
			panic(fmt.Sprintf("lessons: the run found does not replay at %s: %v", c, err))
		}
		out = append(out, t)
	}
	return out
}

// runWords writes commands as a sentence: propose P1, deliver all.
func runWords(run []game.Command) string {
	parts := make([]string, len(run))
	for i, c := range run {
		parts[i] = c.String()
	}
	return strings.Join(parts, ", ")
}
