package explore

import (
	"fmt"
	"math"
	"runtime"
	"slices"
	"strings"
	"time"

	"paxosgame/explore/budget"
	"paxosgame/game"
	"paxosgame/paxos"
)

// check --forever (DESIGN §10): the seed's "there is no guarantee of
// termination", computed. A loop is a run that comes back to a state it
// was in with every ballot raised alike (game.World.AppendLoopKey: the
// same promises, votes, phases and messages, each ballot replaced by the
// one a multiple of N above, the same owner, their order kept) and no
// value chosen: the same steps, their ballots raised, take it round again
// for ever.
//
// The runs searched are those of a fair duel: every message is delivered
// (none is dropped, duplicated or lost to a crash), every node stays up,
// and a proposer starts a ballot only when it runs none (idle) or when a
// refusal told it a higher ballot was promised (preempted), with its next
// ballot. A proposer that gives up its own ballot on a whim could loop
// alone, which says nothing about Paxos; one that waits until it is
// refused never does: with one proposer, no loop exists (the what-if of
// the battle lesson).
//
// The search is breadth first over states up to ballots (two states that
// differ by a raise of every ballot are one), within Bounds.Ballots
// rounds of ballots in play at once (a round: N consecutive ballots, one
// each), so that it ends. Each step between two such states raises the
// ballots by some rounds (0 or more). A loop is a way from the start to a
// state v, then a cycle from v back to v that raises by one round or
// more; the shortest loop is the one whose way in and cycle together take
// the fewest steps. Once every state is found, the states on such cycles
// are those of the strongly connected components that hold a step that
// raises; from each of them, in the order of their distance from the
// start, a breadth-first search within the component finds the shortest
// raising cycle back, until no state left is near enough to beat the
// best.

// ForeverRounds is --forever's default Bounds.Ballots: how many rounds of
// ballots may be in play at once. Two let a proposer start its next
// ballot while the other's are still on their way.
const ForeverRounds = 2

// Loop is what Forever found.
type Loop struct {
	Stats
	Found   bool
	Stopped budget.Limit
	Way     []game.Command // from the start to the state the loop comes back to
	Turn    []game.Command // the loop, once round
	Raise   paxos.Ballot   // how much one turn raises every ballot
	// Raised are the ballots in play where the loop begins, each with the
	// one it is after a turn, lowest first.
	Raised [][2]paxos.Ballot
}

// edge is a step between two states of the search up to ballots.
type edge struct {
	to    int32
	index int32 // of the action, in the list of the state's world
	raise int16 // rounds the step raises every ballot by
}

// Forever searches, from start, for the shortest loop within the bounds
// — Bounds.Proposers; Bounds.Ballots, the rounds of ballots in play at
// once; Bounds.InFlight, the messages in flight at once (0: the acceptors
// and two more: a proposer's prepares and two answers); no crash, drop or
// duplicate — and the options' Workers, MaxStates, MaxMemory, Cancel and
// Progress.
func Forever(start *game.World, b Bounds, opt Options) Loop {
	t0 := time.Now()
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	rounds := max(b.Ballots, 1)
	if b.InFlight == 0 {
		b.InFlight = len(start.Acceptors) + 2
	}
	sp := foreverSpace(start, b)
	var res Loop
	watch := opt.watch()
	defer watch.Done()
	finish := func() Loop {
		res.Elapsed = time.Since(t0)
		res.Memory = watch.Peak()
		return res
	}
	if _, ok := start.Obs.ChosenValue(); ok {
		return finish() // chosen already: it ends here
	}
	n := paxos.Ballot(max(start.Cfg.Proposers, 1))
	inPlay := func(w *game.World) bool {
		if b.InFlight > 0 && w.NumInFlight() > b.InFlight {
			return false
		}
		low, high := w.BallotsInPlay()
		return low == 0 || (high-1)/n-(low-1)/n < paxos.Ballot(rounds)
	}
	fps := newFingerprinter()
	root := start.Clone()
	sp.forget(root)
	root = root.Compact()
	key, round0 := root.AppendLoopKey(nil)
	seen := newSeenSet()
	seen.put(fps.of(key), 0)
	// Each state: the state it was first reached from and by which action,
	// its round, its distance; the steps from it, once expanded.
	type info struct {
		parent, index int32
		round         int32
		depth         int32
	}
	nodes := []info{{parent: -1, round: int32(round0)}}
	var edges []edge
	var from []int32 // where each state's steps start in edges (states expanded in order)
	frontier := []*game.World{root}
	frontierIDs := []int32{0}
	res.States = 1
	type step struct {
		key    fingerprint
		index  int32
		round  int32
		chosen bool
	}
	for depth := 0; len(frontier) > 0; depth++ {
		watch.Set(res.States, depth+1)
		if res.Stopped = watch.Stopped(); res.Stopped != budget.None {
			return finish()
		}
		out := make([][]step, len(frontier))
		level := new(levelSet) // the level's new states, counted as they are found
		parallel(workers, len(frontier), func() func(int) {
			var (
				buf     []byte
				acts    []action
				cmds    []game.Command
				scratch = new(game.World)
			)
			return func(i int) {
				if watch.Stopped() != budget.None {
					return
				}
				w := frontier[i]
				acts = sp.actions(acts[:0], w, &counters{}, &cmds)
				for k, a := range acts {
					if !fair(w, a.cmd) {
						continue
					}
					x := sp.apply(w, a.cmd, scratch)
					st := step{index: int32(k)}
					if _, chosen := x.Obs.ChosenValue(); chosen || !x.Obs.Agreement() {
						st.chosen = true
					} else if !inPlay(x) {
						continue
					} else {
						var r int
						buf, r = x.AppendLoopKey(buf[:0])
						st.key, st.round = fps.of(buf), int32(r)
						if _, ok := seen.get(st.key); !ok && level.insert(st.key) {
							watch.Add(1)
						}
					}
					out[i] = append(out[i], st)
				}
			}
		})
		if res.Stopped = watch.Stopped(); res.Stopped != budget.None {
			return finish()
		}
		type pending struct {
			parent int // in the frontier
			index  int32
			id     int32
		}
		var news []pending
		for i, steps := range out {
			u := frontierIDs[i]
			from = append(from, int32(len(edges)))
			for _, st := range steps {
				res.Transitions++
				if st.chosen {
					continue
				}
				id, ok := seen.get(st.key)
				if !ok {
					id = int32(len(nodes))
					seen.put(st.key, id)
					nodes = append(nodes, info{parent: u, index: st.index, round: st.round, depth: int32(depth + 1)})
					news = append(news, pending{i, st.index, id})
					res.States++
					res.Depth = depth + 1
				}
				edges = append(edges, edge{to: id, index: st.index, raise: int16(st.round - nodes[u].round)})
			}
		}
		watch.Set(res.States, depth+1)
		next := make([]*game.World, len(news))
		parallel(workers, len(news), func() func(int) {
			var (
				acts    []action
				cmds    []game.Command
				scratch = new(game.World)
			)
			return func(j int) {
				if watch.Stopped() != budget.None {
					return
				}
				p := news[j]
				w := frontier[p.parent]
				acts = sp.actions(acts[:0], w, &counters{}, &cmds)
				next[j] = sp.apply(w, acts[p.index].cmd, scratch).CompactShared(w)
			}
		})
		if res.Stopped = watch.Stopped(); res.Stopped != budget.None {
			return finish()
		}
		frontier = next
		frontierIDs = frontierIDs[:0]
		for _, p := range news {
			frontierIDs = append(frontierIDs, p.id)
		}
	}
	from = append(from, int32(len(edges)))

	// The states on a cycle that raises, by component.
	comp := components(len(nodes), func(u int32) []edge { return edges[from[u]:from[u+1]] })
	raising := map[int32]bool{}
	for u := range nodes {
		for _, e := range edges[from[u]:from[u+1]] {
			if e.raise > 0 && comp[u] == comp[e.to] {
				raising[comp[u]] = true
			}
		}
	}
	best, bestV := math.MaxInt, int32(-1)
	var bestCycle []edge
	for v := range int32(len(nodes)) { // in the order of their distance
		if !raising[comp[v]] {
			continue
		}
		if res.Stopped = watch.Stopped(); res.Stopped != budget.None {
			return finish()
		}
		d := int(nodes[v].depth)
		if d+1 >= best {
			break
		}
		if cycle := shortestRaisingCycle(v, best-d-1, comp, func(u int32) []edge { return edges[from[u]:from[u+1]] }); cycle != nil && d+len(cycle) < best {
			best, bestV, bestCycle = d+len(cycle), v, cycle
		}
	}
	if bestV < 0 {
		return finish()
	}
	res.Found = true
	// The worlds of the search are compact (their messages renumbered) and
	// stand for every state up to ballots: replay the way in from start,
	// and the cycle after it, finding each step of the cycle again, in the
	// world reached, by what it does (loopStep).
	rep := func(u int32) *game.World { // the world the search kept for u
		var path []int32
		for ; nodes[u].parent >= 0; u = nodes[u].parent {
			path = append(path, nodes[u].index)
		}
		w := root
		for i := len(path) - 1; i >= 0; i-- {
			w = sp.apply(w, sp.actions(nil, w, &counters{}, nil)[path[i]].cmd, new(game.World)).Compact()
		}
		return w
	}
	w := start.Clone()
	sp.forget(w)
	take := func(cmd game.Command) {
		if _, err := w.Apply(cmd); err != nil {
			panic(fmt.Sprintf("explore: the loop's step %s is refused: %v", cmd, err))
		}
		sp.forget(w)
	}
	var path []int32
	for u := bestV; nodes[u].parent >= 0; u = nodes[u].parent {
		path = append(path, nodes[u].index)
	}
	slices.Reverse(path)
	for _, k := range path {
		cmd := sp.actions(nil, w, &counters{}, nil)[k].cmd
		res.Way = append(res.Way, readable(w, cmd))
		take(cmd)
	}
	anchor := w.Clone()
	u := bestV
	for _, e := range bestCycle {
		from := rep(u)
		cmd, ok := loopStep(from, sp.actions(nil, from, &counters{}, nil)[e.index].cmd, w, sp)
		if !ok {
			panic(fmt.Sprintf("explore: the loop's step from state %d is not found again", u))
		}
		res.Turn = append(res.Turn, readable(w, cmd))
		take(cmd)
		u = e.to
	}
	k0, r0 := anchor.AppendLoopKey(nil)
	k1, r1 := w.AppendLoopKey(nil)
	if string(k0) != string(k1) || r1 <= r0 {
		panic("explore: the loop does not come back to where it began")
	}
	res.Raise = paxos.Ballot(r1-r0) * n
	res.Raised = ballotsRaised(anchor, res.Raise)
	return finish()
}

// loopStep finds in w the action that does what cmd does in from, w
// being from up to ballots: the same verb, node and value, on the message
// with the same content but its ballots, each raised alike.
func loopStep(from *game.World, cmd game.Command, w *game.World, sp *space) (game.Command, bool) {
	_, r0 := from.AppendLoopKey(nil)
	_, r1 := w.AppendLoopKey(nil)
	n := paxos.Ballot(max(from.Cfg.Proposers, 1))
	want := stepSign(from, cmd, paxos.Ballot(r0)*n)
	for _, a := range sp.actions(nil, w, &counters{}, nil) {
		if fair(w, a.cmd) && stepSign(w, a.cmd, paxos.Ballot(r1)*n) == want {
			return a.cmd, true
		}
	}
	return game.Command{}, false
}

// stepSign says what cmd does in w, every ballot lowered by by: its verb,
// node, value and field, and the message it takes (in flight or held) as
// it reads, without its id.
func stepSign(w *game.World, cmd game.Command, by paxos.Ballot) string {
	low := func(b paxos.Ballot) paxos.Ballot {
		if b > 0 {
			return b - by
		}
		return b
	}
	c := cmd
	c.Ballot = low(c.Ballot)
	var m paxos.Message
	if id := cmd.Sel.ID; id != 0 {
		if e, ok := w.Message(id); ok {
			m = e.Msg
		} else {
			for _, e := range w.Held {
				if e.ID == id {
					m = e.Msg
				}
			}
		}
		c.Sel.ID = 0
	}
	m.Ballot, m.Vote.Ballot, m.Promised = low(m.Ballot), low(m.Vote.Ballot), low(m.Promised)
	return fmt.Sprintf("%v|%+v", c, m)
}

// ballotsRaised lists the ballots in play in w (as World.BallotsInPlay
// reads them), each with the one raise above it.
func ballotsRaised(w *game.World, raise paxos.Ballot) [][2]paxos.Ballot {
	var bs []paxos.Ballot
	for _, p := range w.Proposers {
		bs = append(bs, p.Ballot, p.Used, p.Seen, p.PreemptedBy)
	}
	for _, a := range w.Acceptors {
		bs = append(bs, a.Promised, a.Voted.Ballot)
	}
	for _, e := range w.InFlight() {
		if e.Msg.To.Role != paxos.RoleLearner {
			bs = append(bs, e.Msg.Ballot, e.Msg.Vote.Ballot, e.Msg.Promised)
		}
	}
	bs = slices.DeleteFunc(bs, func(b paxos.Ballot) bool { return b == 0 })
	slices.Sort(bs)
	var out [][2]paxos.Ballot
	for _, b := range slices.Compact(bs) {
		out = append(out, [2]paxos.Ballot{b, b + raise})
	}
	return out
}

// foreverSpace is what --forever takes from a state: deliveries and the
// proposers' next ballots (fair says which), the decisions of nodes played
// by hand with --hand; none on a node that only listens (learners, and
// proposers the bounds keep from proposing), whose messages it forgets.
func foreverSpace(start *game.World, b Bounds) *space {
	r := newReducer(start, b, Goal{kind: goalHolds}, &Options{})
	fb := Bounds{Proposers: b.Proposers, Ballots: 1, Hand: b.Hand, BallotRange: -1}
	return &space{b: fb, reduce: r, next: true}
}

// fair says whether --forever takes cmd in w: a proposer starts a ballot
// only when it runs none or was refused; nothing fails.
func fair(w *game.World, cmd game.Command) bool {
	switch cmd.Verb {
	case game.VPropose:
		ph := w.Proposer(cmd.Node.N).Phase
		return ph == paxos.Idle || ph == paxos.Abandoned
	case game.VCrash, game.VRestart, game.VDrop, game.VDuplicate, game.VHand, game.VAuto:
		return false
	}
	return true
}

// shortestRaisingCycle is the shortest cycle from v back to v, within v's
// component, with a step that raises, of at most limit steps; nil when none.
func shortestRaisingCycle(v int32, limit int, comp []int32, out func(int32) []edge) []edge {
	type at struct {
		u      int32
		raised bool
	}
	type visit struct {
		prev at
		e    edge
	}
	seen := map[at]visit{{v, false}: {prev: at{-1, false}}}
	level := []at{{v, false}}
	for depth := 1; depth <= limit && len(level) > 0; depth++ {
		var next []at
		for _, x := range level {
			for _, e := range out(x.u) {
				if comp[e.to] != comp[v] {
					continue
				}
				y := at{e.to, x.raised || e.raise > 0}
				if _, ok := seen[y]; ok {
					continue
				}
				seen[y] = visit{prev: x, e: e}
				if y.u == v && y.raised {
					var cycle []edge
					for c := y; c != (at{v, false}); c = seen[c].prev {
						cycle = append(cycle, seen[c].e)
					}
					slices.Reverse(cycle)
					return cycle
				}
				next = append(next, y)
			}
		}
		level = next
	}
	return nil
}

// components numbers the strongly connected components of a graph of n
// states (Tarjan's algorithm, without recursion).
func components(n int, out func(int32) []edge) []int32 {
	index := make([]int32, n)
	low := make([]int32, n)
	comp := make([]int32, n)
	onStack := make([]bool, n)
	for i := range index {
		index[i], comp[i] = -1, -1
	}
	var stack []int32
	type frame struct {
		u    int32
		next int
	}
	next, ncomp := int32(0), int32(0)
	for root := range int32(n) {
		if index[root] >= 0 {
			continue
		}
		calls := []frame{{root, 0}}
		index[root], low[root] = next, next
		next++
		stack = append(stack, root)
		onStack[root] = true
		for len(calls) > 0 {
			f := &calls[len(calls)-1]
			es := out(f.u)
			if f.next < len(es) {
				w := es[f.next].to
				f.next++
				switch {
				case index[w] < 0:
					index[w], low[w] = next, next
					next++
					stack = append(stack, w)
					onStack[w] = true
					calls = append(calls, frame{w, 0})
				case onStack[w]:
					low[f.u] = min(low[f.u], index[w])
				}
				continue
			}
			u := f.u
			calls = calls[:len(calls)-1]
			if len(calls) > 0 {
				p := calls[len(calls)-1].u
				low[p] = min(low[p], low[u])
			}
			if low[u] == index[u] {
				for {
					w := stack[len(stack)-1]
					stack = stack[:len(stack)-1]
					onStack[w] = false
					comp[w] = ncomp
					if w == u {
						break
					}
				}
				ncomp++
			}
		}
	}
	return comp
}

// LoopScript writes a loop found as a script that run replays (nothing is
// chosen) and play opens, where auto-play goes round it again
// (game.Game.LoopNext): the header, the setup and the start's actions
// (prefix), the way in, then one turn, with the ballots it raises.
func LoopScript(header string, prefix []game.Command, l Loop) string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "# %s\n", header)
	for _, c := range prefix {
		fmt.Fprintln(&sb, c)
	}
	fmt.Fprintf(&sb, "# the way in: %d steps\n", len(l.Way))
	for _, c := range l.Way {
		fmt.Fprintln(&sb, c)
	}
	fmt.Fprintf(&sb, "# the loop: these %d steps come back to the state above, %s; nothing is chosen, and it can go round again for ever\n", len(l.Turn), RaisedWords(l))
	for _, c := range l.Turn {
		fmt.Fprintln(&sb, c)
	}
	fmt.Fprintln(&sb, "expect nothing-chosen")
	return sb.String()
}

// RaisedWords says which ballots a turn of the loop raises: "every ballot
// raised by 5: 1 to 6, 2 to 7".
func RaisedWords(l Loop) string {
	parts := make([]string, len(l.Raised))
	for i, r := range l.Raised {
		parts[i] = fmt.Sprintf("%d to %d", r[0], r[1])
	}
	return fmt.Sprintf("every ballot raised by %d: %s", l.Raise, strings.Join(parts, ", "))
}
