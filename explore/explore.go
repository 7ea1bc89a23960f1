// Package explore searches every run of the game within bounds, breadth
// first, with the game's own engine and observer (DESIGN §10): the first
// state found that breaks Agreement or Validity, or that meets the
// conditions asked for, is reached by a shortest run.
package explore

import (
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"paxosgame/game"
	"paxosgame/paxos"
)

// Bounds keep the space finite. The actions of the start (the script's
// own) count against none of them.
type Bounds struct {
	Proposers  []int // the proposers that may propose (by number)
	Ballots    int   // how many ballots each of them may start
	Crashes    int   // how many crashes in all (a crashed node may always restart)
	Duplicates int   // how many messages the network may duplicate, in all
	Drops      bool  // whether the network may drop messages
	// Hand lets the search take the decisions of the nodes played by hand
	// (and hand or auto a node); without it, a message delivered to a node
	// played by hand waits for ever.
	Hand bool
	// BallotRange is, with unique-ballots off, the shared range 1..N the
	// proposers draw their ballots from; 0: Ballots × len(Proposers).
	BallotRange int
}

// DefaultBounds are the bounds of `paxosgame check` with no flag.
func DefaultBounds() Bounds {
	// One proposer: with two, the game's every order of deliveries takes
	// the search past a minute (718,934 states with ballots 1 and no
	// learner) until the explorer keeps a leaner state than a World.
	return Bounds{Proposers: []int{1}, Ballots: 1}
}

// String prints the bounds as the flags that set them.
func (b Bounds) String() string {
	ps := make([]string, len(b.Proposers))
	for i, n := range b.Proposers {
		ps[i] = paxos.P(n).String()
	}
	s := fmt.Sprintf("--proposers %s --ballots %d --crashes %d --duplicates %d", strings.Join(ps, ","), b.Ballots, b.Crashes, b.Duplicates)
	if b.Drops {
		s += " --drops"
	}
	if b.Hand {
		s += " --hand"
	}
	return s
}

// Goal is what the search looks for in a state.
type Goal func(w *game.World) bool

// Violation is the goal of a plain check: Agreement or Validity failed.
func Violation(w *game.World) bool { return !w.Obs.Agreement() }

// Holds is the goal of --find: every expect line holds now.
func Holds(conds []game.Command) Goal {
	return func(w *game.World) bool {
		for _, c := range conds {
			if w.Check(c) != nil {
				return false
			}
		}
		return true
	}
}

// Options tune a search.
type Options struct {
	Workers int // goroutines that expand states; 0: GOMAXPROCS
	// Progress, when set, is called about once a second while the search
	// runs, with the counts so far.
	Progress func(Stats)
	// MaxStates stops the search (Result.Incomplete) past this many
	// distinct states; 0: no limit.
	MaxStates int
}

// Stats are the counts of a search.
type Stats struct {
	States      int // distinct states, the start included
	Transitions int // actions taken from the states expanded (repeats included)
	Depth       int // steps of the longest of the shortest runs found
	Elapsed     time.Duration
}

// Rate is the distinct states found per second.
func (s Stats) Rate() float64 {
	if s.Elapsed <= 0 {
		return 0
	}
	return float64(s.States) / s.Elapsed.Seconds()
}

// Result is what a search found.
type Result struct {
	Stats
	Found      bool           // a state meets the goal
	Run        []game.Command // the shortest run to it from the start, as history records it
	Incomplete bool           // stopped at MaxStates
}

// node is a state's place in the search: the state it was first reached
// from, and which of that state's successors (by index) it is. The run to
// a state is rebuilt by replaying from the start, so the search keeps no
// command per state.
type node struct {
	parent int32
	index  int32
}

// counters are the bounds spent on the way to a state: they are part of
// the state the search sees (two runs to the same game state with
// different budgets left may go on differently).
type counters struct {
	proposals [paxos.MaxProposers + 1]uint8
	crashes   uint8
	dups      uint8
}

type state struct {
	w  *game.World
	c  counters
	id int32
}

// Search explores from start, breadth first, until a state meets goal or
// every state within the bounds is seen. start is not changed.
func Search(start *game.World, b Bounds, goal Goal, opt Options) Result {
	t0 := time.Now()
	if b.BallotRange == 0 {
		b.BallotRange = b.Ballots * max(1, len(b.Proposers))
	}
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	var res Result
	seen := map[string]int32{}
	nodes := []node{{parent: -1}}
	root := state{w: start.Clone()}
	seen[key(nil, root.w, &root.c)] = 0
	res.States = 1
	if goal(root.w) {
		res.Found = true
		res.Elapsed = time.Since(t0)
		return res
	}
	frontier := []state{root}
	lastReport := t0
	type succ struct {
		key   string
		st    state
		index int32
	}
	for depth := 0; len(frontier) > 0; depth++ {
		// Expand the frontier in parallel, in chunks; merge in frontier
		// order, so that the states and the run found do not depend on
		// the number of workers.
		out := make([][]succ, len(frontier))
		taken := make([]int, len(frontier))
		var wg sync.WaitGroup
		next := make(chan int, len(frontier))
		for i := range frontier {
			next <- i
		}
		close(next)
		for range min(workers, len(frontier)) {
			wg.Add(1)
			go func() {
				defer wg.Done()
				var buf []byte
				for i := range next {
					s := frontier[i]
					var list []succ
					acts := actions(s.w, &s.c, b)
					for k, a := range acts {
						w := s.w.Clone()
						if _, err := w.Apply(a.cmd); err != nil {
							panic(fmt.Sprintf("explore: Enabled listed %s and Apply refused it: %v", a.cmd, err))
						}
						buf = appendKey(buf[:0], w, &a.c)
						// seen is only written between levels: reading it
						// here, a state seen before is let go at once.
						if _, ok := seen[string(buf)]; ok {
							continue
						}
						list = append(list, succ{key: string(buf), st: state{w: w, c: a.c}, index: int32(k)})
					}
					out[i] = list
					taken[i] = len(acts)
				}
			}()
		}
		wg.Wait()
		var nextFrontier []state
		for i, list := range out {
			parent := frontier[i].id
			res.Transitions += taken[i]
			for _, s := range list {
				if _, ok := seen[s.key]; ok {
					continue
				}
				id := int32(len(nodes))
				seen[s.key] = id
				nodes = append(nodes, node{parent: parent, index: s.index})
				res.States++
				res.Depth = depth + 1
				s.st.id = id
				if goal(s.st.w) {
					res.Found = true
					res.Run = rebuild(start, b, nodes, id)
					res.Elapsed = time.Since(t0)
					return res
				}
				nextFrontier = append(nextFrontier, s.st)
			}
			out[i] = nil
			frontier[i].w = nil
		}
		frontier = nextFrontier
		if opt.Progress != nil && time.Since(lastReport) >= time.Second {
			lastReport = time.Now()
			res.Elapsed = time.Since(t0)
			opt.Progress(res.Stats)
		}
		if opt.MaxStates > 0 && res.States > opt.MaxStates {
			res.Incomplete = true
			break
		}
	}
	res.Elapsed = time.Since(t0)
	return res
}

// rebuild replays the run to state id from the start.
func rebuild(start *game.World, b Bounds, nodes []node, id int32) []game.Command {
	var path []int32
	for ; nodes[id].parent >= 0; id = nodes[id].parent {
		path = append(path, nodes[id].index)
	}
	slices.Reverse(path)
	w := start.Clone()
	var c counters
	run := make([]game.Command, 0, len(path))
	for _, k := range path {
		a := actions(w, &c, b)[k]
		run = append(run, readable(w, a.cmd))
		if _, err := w.Apply(a.cmd); err != nil {
			panic(err)
		}
		c = a.c
	}
	return run
}

// readable names a message by its description (deliver 1b A1->P2 3)
// rather than its id, when that picks it alone; the script reads better.
func readable(w *game.World, c game.Command) game.Command {
	c = w.Resolve(c)
	if c.Sel.ID == 0 {
		return c
	}
	e, ok := w.Message(c.Sel.ID)
	if !ok {
		return c
	}
	for _, sel := range []game.Selector{
		{Type: e.Msg.Type, From: e.Msg.From, To: e.Msg.To},
		{Type: e.Msg.Type, From: e.Msg.From, To: e.Msg.To, Ballot: e.Msg.Ballot},
	} {
		if len(w.Find(sel)) == 1 {
			c.Sel = sel
			return c
		}
	}
	return c
}

// action is a command and the bounds spent once it is taken.
type action struct {
	cmd game.Command
	c   counters
}

// actions lists the actions the search takes from w: those of Enabled
// that the bounds allow, in Enabled's order; with unique-ballots off, a
// proposer may start any ballot of the shared range above the ones it used.
func actions(w *game.World, c *counters, b Bounds) []action {
	var out []action
	for _, cmd := range w.Enabled() {
		n := *c
		switch cmd.Verb {
		case game.VPropose:
			if !slices.Contains(b.Proposers, cmd.Node.N) || int(c.proposals[cmd.Node.N]) >= b.Ballots {
				continue
			}
			n.proposals[cmd.Node.N]++
			if !w.Cfg.Rules.On(paxos.UniqueBallots) {
				p := w.Proposer(cmd.Node.N)
				for bal := p.Used + 1; bal <= paxos.Ballot(b.BallotRange); bal++ {
					cmd.Ballot = bal
					out = append(out, action{cmd, n})
				}
				continue
			}
		case game.VDrop:
			if !b.Drops {
				continue
			}
		case game.VDuplicate:
			if int(c.dups) >= b.Duplicates {
				continue
			}
			n.dups++
		case game.VCrash:
			if int(c.crashes) >= b.Crashes {
				continue
			}
			n.crashes++
		case game.VHand, game.VAuto:
			if !b.Hand {
				continue
			}
		case game.VPromise, game.VVote, game.VRefuse, game.VIgnore, game.VLearn:
			if !b.Hand {
				continue
			}
		case game.VAccept:
			if cmd.Value != "" && !b.Hand { // a value picked by hand
				continue
			}
		}
		out = append(out, action{cmd, n})
	}
	return out
}

// key is the world's key with the bounds spent.
func key(buf []byte, w *game.World, c *counters) string {
	return string(appendKey(buf, w, c))
}

func appendKey(buf []byte, w *game.World, c *counters) []byte {
	buf = w.AppendKey(buf)
	buf = append(buf, c.proposals[:]...)
	return append(buf, c.crashes, c.dups)
}
