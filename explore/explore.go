// Package explore searches every run of the game within bounds, breadth
// first, with the game's own engine and observer (DESIGN §10): the first
// state found that breaks Agreement or Validity, or that meets the
// conditions asked for, is reached by a shortest run.
package explore

import (
	"encoding/binary"
	"fmt"
	"hash/maphash"
	"math"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"paxosgame/explore/budget"
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
	// InFlight bounds the messages in flight (but those to nodes that only
	// listen) in the states of --forever's search; 0: no bound.
	InFlight int
	// Above makes each new ballot the proposer's smallest above every
	// ballot in play (game.World.BallotsInPlay), not merely above those it
	// has seen: a ballot below one an acceptor promised could only be
	// refused by that acceptor, so a bound of ballots is spent on ballots
	// that can win a majority (--above; Choose sets it from mid-game).
	Above bool
}

// DefaultBounds are the bounds of `paxosgame check` with no flag: two
// proposers, one ballot each, a network that neither drops nor duplicates,
// no crash. Two proposers are the least that can disagree, and one ballot
// each is enough for every rule but one to break (durable-acceptors needs
// a crash); each more ballot multiplies the orders of deliveries.
func DefaultBounds() Bounds {
	return Bounds{Proposers: []int{1, 2}, Ballots: 1}
}

// String prints the bounds as the flags that set them.
func (b Bounds) String() string {
	ps := proposerNames(b.Proposers)
	if len(ps) == 0 {
		ps = []string{"none"}
	}
	s := fmt.Sprintf("--proposers %s --ballots %d --crashes %d --duplicates %d", strings.Join(ps, ","), b.Ballots, b.Crashes, b.Duplicates)
	if b.Drops {
		s += " --drops"
	}
	if b.Hand {
		s += " --hand"
	}
	if b.Above {
		s += " --above"
	}
	return s
}

// Goal is what the search looks for in a state, and what the reduction
// may assume of it (reduce.go).
type Goal struct {
	meets func(w *game.World) bool
	kind  goalKind
	conds []game.Command // Holds's lines
}

type goalKind uint8

const (
	goalOpaque    goalKind = iota // a function: the search is not reduced
	goalViolation                 // Agreement or Validity failed
	goalHolds                     // expect lines hold
)

// Violation is the goal of a plain check: Agreement or Validity failed.
var Violation = Goal{meets: func(w *game.World) bool { return !w.Obs.Agreement() }, kind: goalViolation}

// Holds is the goal of --find: every expect line holds now.
func Holds(conds []game.Command) Goal {
	return Goal{meets: func(w *game.World) bool {
		for _, c := range conds {
			if w.Check(c) != nil {
				return false
			}
		}
		return true
	}, kind: goalHolds, conds: conds}
}

// GoalFunc is a goal the search knows nothing of but f: it searches every
// run, unreduced.
func GoalFunc(f func(w *game.World) bool) Goal { return Goal{meets: f} }

// Lines says expect lines as a verdict does: chosen "1 EUR" and A1 promised 2.
func Lines(conds []game.Command) string {
	s := make([]string, len(conds))
	for i, c := range conds {
		s[i] = strings.TrimPrefix(c.String(), "expect ")
	}
	return strings.Join(s, " and ")
}

// Options tune a search.
type Options struct {
	Workers int // goroutines that expand states; 0: GOMAXPROCS
	// Progress, when set, is called at least once a second while the
	// search runs (within a level too, with the states found so far),
	// from a goroutine of its own.
	Progress func(Stats)
	// MaxStates stops the search (Result.Stopped) before it keeps more
	// than this many distinct states; 0: no bound. It is checked within
	// a level: the level that would go past it is left out.
	MaxStates int
	// MaxMemory stops the search (Result.Stopped) once the process holds
	// this many bytes (budget.Watch); 0: no budget.
	MaxMemory uint64
	// Cancel, when closed, stops the search (Result.Stopped) within a
	// twentieth of a second.
	Cancel <-chan struct{}
	// MaxDepth stops the search (Result.Stopped, if states were left
	// to expand) at runs of this many steps; 0: no limit.
	MaxDepth int
	// Actions, when set, lists the commands the search takes from a
	// state, instead of those of Enabled within the bounds: a lesson's
	// allowed actions, say. Each must be accepted by Apply.
	Actions func(w *game.World) []game.Command
	// Allow, when set, leaves out of the actions within the bounds those
	// it refuses (what a lesson does not allow). It is called from every
	// worker at once.
	Allow func(game.Command) bool
	// Step, when set, judges every transition the search takes (to a
	// state seen before too): the first error, in the search's order,
	// stops it with Result.StepErr and the run that ends with that step.
	Step func(from, to *game.World, cmd game.Command) error
	// Full keeps in each state the messages delivered, dropped and lost
	// (a check that reads what was ever sent needs them); without it, a
	// state keeps only what is in flight and held, which is much faster.
	Full bool
	// Key, when set, appends to a state's key what else tells two states
	// apart for the caller (a check that keeps more than the game's state).
	Key func(buf []byte, w *game.World) []byte
	// Ever are conditions (expect lines, checked now) that must each
	// have held at some state of the run, the start included, for a
	// state to meet the goal: expect ever. Which have held is part of a
	// state (two runs to one world go on apart if they differ in it).
	Ever []game.Command
	// Symmetry keeps one state of those that differ only by a renaming
	// of the acceptors (World.AppendSymmetricKey); Stats.Worlds counts
	// the states they stand for.
	Symmetry bool
	// NoReduce searches every order of the actions on nodes that only
	// listen (reduce.go): the same verdicts and lengths, more states; and
	// tries every step, sleep sets (sleep.go) or not.
	NoReduce bool

	noSleep bool // tests: without sleep sets
}

// watch starts the watch of a search with these options' bounds.
func (opt *Options) watch() *budget.Watch {
	return budget.Start(budget.Bounds{MaxMemory: opt.MaxMemory, MaxStates: opt.MaxStates, Cancel: opt.Cancel, Progress: func(p budget.Progress) {
		if opt.Progress != nil {
			opt.Progress(Stats{States: p.States, Depth: p.Depth, Elapsed: p.Elapsed, Memory: p.Memory})
		}
	}})
}

// Stats are the counts of a search.
type Stats struct {
	States      int // distinct states, the start included
	Transitions int // actions taken from the states expanded (repeats included)
	Depth       int // steps of the longest of the shortest runs found
	Elapsed     time.Duration
	// Worlds is, with Options.Symmetry, how many states those found stand
	// for: each with its renamings of the acceptors. From a start whose
	// acceptors are alike, it is the count of states without symmetry.
	Worlds int
	// Memory is the most memory the process held during the search, as
	// the Go runtime counts it (budget.Used).
	Memory uint64
}

// Commas writes a count with a comma every three digits: 718,934.
func Commas[N int | int64](n N) string {
	s := strconv.FormatInt(int64(n), 10)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
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
	Found   bool           // a state meets the goal, or a step failed Options.Step
	Run     []game.Command // the shortest run to it from the start, as history records it
	StepErr error          // what Options.Step said of the last step of Run
	// Stopped is the bound that stopped the search before it saw every
	// state: the counts are then those of the levels searched whole
	// (budget.Depth: every run up to MaxDepth steps was searched).
	Stopped budget.Limit
	// Incomplete is Stopped != budget.None.
	Incomplete bool
}

// node is a state's place in the search: the state it was first reached
// from, and which of that state's successors (by index) it is. The run to
// a state is rebuilt by replaying from the start, so the search keeps no
// command per state.
type node struct {
	parent int32
	index  int32
}

// counters are the bounds spent on the way to a state, the Ever lines
// that have held on it, and where the reduction's tail is: they are part
// of the state the search sees (two runs to the same game state with
// different budgets left may go on differently).
type counters struct {
	proposals [paxos.MaxProposers + 1]uint8
	crashes   uint8
	dups      uint8
	tail      uint8  // the passive node the run acts on now (reduce.go); 0: none yet
	ever      uint64 // bit i: Options.Ever[i] has held
}

// held adds to c the Ever lines that hold in w.
func (c *counters) held(w *game.World, ever []game.Command) {
	for i, e := range ever {
		if c.ever&(1<<i) == 0 && w.Check(e) == nil {
			c.ever |= 1 << i
		}
	}
}

// meets says whether a state meets the goal: goal holds in w, and every
// Ever line has held on the way.
func meets(goal Goal, w *game.World, c *counters, ever []game.Command) bool {
	return c.ever == 1<<len(ever)-1 && goal.meets(w)
}

type state struct {
	w     *game.World
	c     counters
	id    int32
	sleep []asleep // the steps not to take from it (sleep.go)
}

// space is what the search takes from a state: the bounds, the actions
// of Options, the reduction.
type space struct {
	b      Bounds
	list   func(*game.World) []game.Command
	allow  func(game.Command) bool
	reduce *reducer
	full   bool // Options.Full
	next   bool // a proposer takes its next ballot only, whatever the rules (--forever)
}

// skip says which verbs the bounds never let the search take: it need
// not list them.
func (sp *space) skip(v game.Verb) bool {
	b := &sp.b
	switch v {
	case game.VDrop:
		return !b.Drops
	case game.VDuplicate:
		return b.Duplicates == 0
	case game.VCrash, game.VRestart:
		return b.Crashes == 0 && v == game.VCrash
	case game.VHand, game.VAuto, game.VPromise, game.VLearn:
		return !b.Hand
	}
	return false
}

// apply takes cmd from w, on scratch (made again from w) unless the whole
// network is kept, and returns the world after it, without the messages
// the reduction forgets.
func (sp *space) apply(w *game.World, cmd game.Command, scratch *game.World) *game.World {
	w = apply(w, cmd, scratch, sp.full)
	sp.forget(w)
	return w
}

// passive says whether cmd acts on a node that only listens (reduce.go),
// and which.
func (sp *space) passive(w *game.World, cmd game.Command) (paxos.NodeID, bool) {
	if sp.reduce == nil {
		return paxos.NodeID{}, false
	}
	return sp.reduce.passiveNode(w, cmd)
}

// forget takes off w the messages the reduction forgets: to the passive
// nodes the goal does not need, and to the proposers fallen silent.
func (sp *space) forget(w *game.World) {
	r := sp.reduce
	if r == nil {
		return
	}
	var silent uint32
	if !sp.next {
		silent = r.silent(w)
	}
	switch {
	case silent != 0:
		w.ForgetMessagesTo(func(id paxos.NodeID) bool {
			return r.forgets(id) || id.Role == paxos.RoleProposer && silent&(1<<id.N) != 0
		})
	case r.forgetsAny():
		w.ForgetMessagesTo(r.forgets)
	}
}

// Search explores from start, breadth first, until a state meets goal or
// every state within the bounds is seen, or a bound of Options stops it.
// start is not changed.
func Search(start *game.World, b Bounds, goal Goal, opt Options) Result {
	t0 := time.Now()
	if b.BallotRange == 0 {
		b.BallotRange = b.Ballots * max(1, len(b.Proposers))
	}
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	sp := &space{b: b, list: opt.Actions, allow: opt.Allow, reduce: newReducer(start, b, goal, &opt), full: opt.Full}
	var res Result
	watch := opt.watch()
	defer watch.Done()
	finish := func() Result {
		res.Elapsed = time.Since(t0)
		res.Memory = watch.Peak()
		res.Incomplete = res.Stopped != budget.None
		return res
	}
	fps := newFingerprinter()
	seen := newSeenSet()
	nodes := []node{{parent: -1}}
	if len(opt.Ever) > 64 {
		panic("explore: more than 64 Ever lines")
	}
	root := state{w: start.Clone()}
	sp.forget(root.w)
	root.w = keep(root.w, opt.Full)
	root.c.held(root.w, opt.Ever)
	rootKey, worlds := appendKey(nil, root.w, &root.c, &opt, new(game.World))
	seen.put(fps.of(rootKey), 0)
	res.States, res.Worlds = 1, worlds
	if meets(goal, root.w, &root.c, opt.Ever) {
		res.Found = true
		return finish()
	}
	frontier := []state{root}
	// Sleep sets (sleep.go) leave out steps that lead where another step
	// of the level leads; not when every step is judged or remembered, nor
	// with lint's actions and expect ever lines, which a path tells apart.
	sleepy := opt.Step == nil && opt.Actions == nil && len(opt.Ever) == 0 && !opt.Full && !opt.NoReduce && !opt.noSleep
	// succ is a successor not seen before its level: its world is made
	// again, once the level is merged, only if it is new to the level too.
	type succ struct {
		key    fingerprint
		c      counters
		index  int32
		worlds int32
		goal   bool
		sleep  []asleep
	}
	// expansion is what a worker found from one state of the frontier.
	type expansion struct {
		succs   []succ
		taken   int
		stepErr error // the first step Options.Step refused
		errAt   int32 // and its index
	}
	// a pending state is new: its world is made from its parent's.
	type pending struct {
		parent int   // in the frontier
		index  int32 // of the action from it
		st     state
	}
	for depth := 0; len(frontier) > 0; depth++ {
		if opt.MaxDepth > 0 && depth >= opt.MaxDepth {
			res.Stopped = budget.Depth
			break
		}
		watch.Set(res.States, depth+1)
		if res.Stopped = watch.Stopped(); res.Stopped != budget.None {
			break
		}
		// Expand the frontier in parallel; merge in frontier order, so
		// that the states and the run found do not depend on the number
		// of workers.
		out := make([]expansion, len(frontier))
		// The merge ends the search at the first state of the frontier
		// (in its order) with a successor that meets the goal, or a step
		// refused: once one is found, the states after it need no
		// expanding. Those before it are all expanded (the workers take
		// them in order), so the counts and the run are the same.
		var stopAt atomic.Int64
		stopAt.Store(math.MaxInt64)
		var level *levelSet // the level's new states, counted as they are found
		if opt.MaxStates > 0 || opt.Progress != nil {
			level = new(levelSet)
		}
		stop := func(i int) {
			for {
				at := stopAt.Load()
				if int64(i) >= at || stopAt.CompareAndSwap(at, int64(i)) {
					return
				}
			}
		}
		parallel(workers, len(frontier), func() func(int) {
			var (
				buf      []byte
				acts     []action
				cmds     []game.Command
				taken    []asleep
				asleeps  []asleep // a successor's sleep set, before its copy
				succs    []succ   // a state's, before their copy
				scratch  = new(game.World)
				renaming = new(game.World)
			)
			return func(i int) {
				if int64(i) > stopAt.Load() || watch.Stopped() != budget.None {
					return
				}
				s := frontier[i]
				x := &out[i]
				acts = sp.actions(acts[:0], s.w, &s.c, &cmds)
				taken, succs = taken[:0], succs[:0]
				// Each list is copied once whole: a million states make
				// as many lists, which growing would make many times over.
				defer func() { x.succs = slices.Clone(succs) }()
				for k, a := range acts {
					var d asleep
					if sleepy {
						if d = describe(s.w, a.cmd, sp.alone(s.w, a.cmd)); sleeping(s.sleep, d.sig) {
							continue // found from where s was found, the other way round
						}
					}
					x.taken++
					w := sp.apply(s.w, a.cmd, scratch)
					a.c.held(w, opt.Ever)
					if opt.Step != nil {
						if err := opt.Step(s.w, w, a.cmd); err != nil {
							x.stepErr, x.errAt = err, int32(k)
							stop(i)
							break
						}
					}
					before := len(taken) // the steps taken from s before this one
					if sleepy && !sp.wakeful(a.cmd) {
						taken = append(taken, d)
					}
					var worlds int
					buf, worlds = appendKey(buf[:0], w, &a.c, &opt, renaming)
					fp := fps.of(buf)
					// seen is only written between levels: reading it
					// here, a state seen before is let go at once.
					if _, ok := seen.get(fp); ok {
						continue
					}
					met := meets(goal, w, &a.c, opt.Ever)
					if met {
						stop(i)
					}
					var sleep []asleep
					if sleepy {
						asleeps = asleeps[:0]
						for _, set := range [2][]asleep{s.sleep, taken[:before]} {
							for j := range set {
								if independent(&set[j], &d) {
									asleeps = append(asleeps, set[j])
								}
							}
						}
						if len(asleeps) > 0 {
							sleep = slices.Clone(asleeps)
						}
					}
					succs = append(succs, succ{key: fp, c: a.c, index: int32(k), worlds: int32(worlds), goal: met, sleep: sleep})
					if level != nil && level.insert(fp) {
						watch.Add(1)
					}
				}
			}
		})
		if res.Stopped = watch.Stopped(); res.Stopped != budget.None {
			break // the level was not searched whole: it is left out
		}
		found := 0 // the successors not seen before the level: news has at most as many
		for i := range out {
			found += len(out[i].succs)
		}
		news := make([]pending, 0, found)
		for i := range out {
			x := &out[i]
			parent := frontier[i].id
			res.Transitions += x.taken
			for _, s := range x.succs {
				if x.stepErr != nil && s.index > x.errAt {
					break
				}
				if _, ok := seen.get(s.key); ok {
					continue
				}
				id := int32(len(nodes))
				seen.put(s.key, id)
				nodes = append(nodes, node{parent: parent, index: s.index})
				res.States++
				res.Worlds += int(s.worlds)
				res.Depth = depth + 1
				if s.goal {
					res.Found = true
					res.Run = rebuild(start, sp, nodes, id)
					return finish()
				}
				news = append(news, pending{parent: i, index: s.index, st: state{c: s.c, id: id, sleep: s.sleep}})
			}
			if x.stepErr != nil {
				nodes = append(nodes, node{parent: parent, index: x.errAt})
				res.Found, res.StepErr = true, x.stepErr
				res.Depth = depth + 1
				res.Run = rebuild(start, sp, nodes, int32(len(nodes)-1))
				return finish()
			}
			*x = expansion{}
		}
		out = nil
		watch.Set(res.States, depth+1)
		// The new states' worlds, made again from their parents': the
		// news of one parent are next to each other.
		var groups []int // where each parent's news start
		for i := range news {
			if i == 0 || news[i].parent != news[i-1].parent {
				groups = append(groups, i)
			}
		}
		parallel(workers, len(groups), func() func(int) {
			var (
				acts    []action
				cmds    []game.Command
				scratch = new(game.World)
			)
			return func(g int) {
				if watch.Stopped() != budget.None {
					return
				}
				end := len(news)
				if g+1 < len(groups) {
					end = groups[g+1]
				}
				parent := &frontier[news[groups[g]].parent]
				acts = sp.actions(acts[:0], parent.w, &parent.c, &cmds)
				for i := groups[g]; i < end; i++ {
					p := &news[i]
					w := sp.apply(parent.w, acts[p.index].cmd, scratch)
					if opt.Full {
						p.st.w = w.Clone()
					} else {
						p.st.w = w.CompactShared(parent.w) // what did not change is its parent's
					}
				}
			}
		})
		if res.Stopped = watch.Stopped(); res.Stopped != budget.None {
			break // the level is counted, not its worlds: the search ends here
		}
		frontier = make([]state, 0, len(news))
		for _, p := range news {
			frontier = append(frontier, p.st)
		}
	}
	return finish()
}

// parallel calls, on up to workers goroutines, a function made for each
// goroutine (so that it may keep buffers) with every index below n.
func parallel(workers, n int, each func() func(int)) {
	var wg sync.WaitGroup
	var next atomic.Int64
	for range min(workers, n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			f := each()
			for {
				i := int(next.Add(1)) - 1
				if i >= n {
					return
				}
				f(i)
			}
		}()
	}
	wg.Wait()
}

// apply takes cmd from w, on scratch (made again from w) unless the whole
// network is kept, and returns the world after it.
func apply(w *game.World, cmd game.Command, scratch *game.World, full bool) *game.World {
	if full {
		scratch = w.Clone()
	} else {
		w.CompactInto(scratch)
	}
	if err := scratch.Do(cmd); err != nil { // no event: the search reads none
		panic(fmt.Sprintf("explore: %s was listed and Apply refused it: %v", cmd, err))
	}
	return scratch
}

// keep is the copy of a state the search keeps: compact unless the whole
// network is asked for.
func keep(w *game.World, full bool) *game.World {
	if full {
		return w.Clone()
	}
	return w.Compact()
}

// Start reads a script as the start of a search: its setup and actions
// played (its expect lines left out), as play opens it (a refusal names
// the line and column), and those commands, for Script.
func Start(name, src string) (*game.World, []game.Command, error) {
	g, err := game.Open(name, src)
	if err != nil {
		return nil, nil, err
	}
	cmds, err := game.Parse(name, src) // read once already: no error
	if err != nil {
		return nil, nil, err
	}
	var prefix []game.Command
	for _, c := range cmds {
		if c.Verb != game.VExpect {
			prefix = append(prefix, c)
		}
	}
	return g.World().Clone(), prefix, nil
}

// Script writes a run found as a script that `run` replays and `play`
// opens: the header as a comment, the setup and the start's own actions
// (prefix), the run, then the lines it reaches: ends, or expect violation
// when ends is empty.
func Script(header string, prefix, run, ends []game.Command) string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "# %s\n", header)
	for _, c := range prefix {
		fmt.Fprintln(&sb, c)
	}
	if len(prefix) > 0 {
		fmt.Fprintln(&sb, "# the search starts here")
	}
	for _, c := range run {
		fmt.Fprintln(&sb, c)
	}
	for _, c := range ends {
		fmt.Fprintln(&sb, c)
	}
	if len(ends) == 0 {
		fmt.Fprintln(&sb, "expect violation")
	}
	return sb.String()
}

// rebuild replays the run to state id from the start.
func rebuild(start *game.World, sp *space, nodes []node, id int32) []game.Command {
	var path []int32
	for ; nodes[id].parent >= 0; id = nodes[id].parent {
		path = append(path, nodes[id].index)
	}
	slices.Reverse(path)
	w := start.Clone()
	sp.forget(w)
	var c counters
	run := make([]game.Command, 0, len(path))
	for _, k := range path {
		a := sp.actions(nil, w, &c, nil)[k]
		run = append(run, readable(w, a.cmd))
		if _, err := w.Apply(a.cmd); err != nil {
			panic(err)
		}
		sp.forget(w)
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

// actions appends to out the actions the search takes from w: those of
// list, if set, or those of Enabled that the bounds, allow and the
// reduction let it take, in Enabled's order; with unique-ballots off, a
// proposer may start any ballot of the shared range above the ones it
// used.
//
// cmds, when not nil, is a buffer kept from one call to the next.
func (sp *space) actions(out []action, w *game.World, c *counters, cmds *[]game.Command) []action {
	if sp.list != nil {
		for _, cmd := range sp.list(w) {
			out = append(out, action{cmd, *c})
		}
		return out
	}
	b := &sp.b
	var buf []game.Command
	if cmds != nil {
		buf = (*cmds)[:0]
	}
	if id, ok := sp.downNode(w, c); ok {
		buf = append(buf, game.Command{Verb: game.VRestart, Node: id}) // its only step (reduce.go)
	} else {
		buf = w.AppendEnabledVerbs(buf, sp.skip)
	}
	if cmds != nil {
		*cmds = buf
	}
	for _, cmd := range buf {
		if sp.allow != nil && !sp.allow(cmd) {
			continue
		}
		n := *c
		switch cmd.Verb {
		case game.VPropose:
			if !slices.Contains(b.Proposers, cmd.Node.N) || int(c.proposals[cmd.Node.N]) >= b.Ballots {
				continue
			}
			n.proposals[cmd.Node.N]++
			if c.tail != 0 {
				continue // a propose is never passive: no more after the tail began
			}
			if !w.Cfg.Rules.On(paxos.UniqueBallots) && !sp.next {
				p := w.Proposer(cmd.Node.N)
				from := p.Used + 1
				if b.Above {
					_, high := w.BallotsInPlay()
					from = max(from, high+1)
				}
				for bal := from; bal <= paxos.Ballot(b.BallotRange); bal++ {
					cmd.Ballot = bal
					out = append(out, action{cmd, n})
				}
				continue
			}
			if b.Above && !sp.next {
				if cmd.Ballot = aboveInPlay(w, cmd.Node.N); cmd.Ballot > paxos.MaxBallot {
					continue
				}
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
			if sp.reduce != nil && sp.reduce.one && cmd.Node.Role == paxos.RoleProposer && uselessCrash(w.Proposer(cmd.Node.N), int(c.proposals[cmd.Node.N]) < b.Ballots) {
				continue // its crash only silences it (reduce.go)
			}
			if sp.reduce != nil && sp.reduce.crashes && undone(w, cmd.Node) {
				continue // the restart would undo it (reduce.go)
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
		if sp.reduce != nil {
			var ok bool
			if ok, n.tail = sp.reduce.allows(w, cmd, c.tail); !ok {
				continue
			}
		}
		out = append(out, action{cmd, n})
	}
	return out
}

// downNode is, when the reduction restarts crashed nodes at once, the
// node the search crashed last step.
func (sp *space) downNode(w *game.World, c *counters) (paxos.NodeID, bool) {
	if sp.reduce == nil || !sp.reduce.crashes || c.crashes == 0 {
		return paxos.NodeID{}, false
	}
	return sp.reduce.down(w)
}

// alone says whether the step cmd from w commutes with nothing, for sleep
// sets: a step on a node that only listens, and a propose with Above (its
// ballot depends on every ballot in play).
func (sp *space) alone(w *game.World, cmd game.Command) bool {
	_, passive := sp.passive(w, cmd)
	return passive || sp.b.Above && cmd.Verb == game.VPropose
}

// wakeful says whether step cmd is never put to sleep: with crashes
// reduced, a crash. A crash and a step b it commutes with, taken from one
// state, are not both taken in the other order (after the crash, the
// restart is the only step): a crash left asleep after b would be taken
// nowhere. Steps after the crash and its restart may still sleep: b
// asleep there was taken before the crash, and the crash and the restart
// are taken after b (sleep.go's argument, with the pair as one step).
func (sp *space) wakeful(cmd game.Command) bool {
	return cmd.Verb == game.VCrash && sp.reduce != nil && sp.reduce.crashes
}

// aboveInPlay is proposer n's smallest ballot above every ballot in play
// in w, and above those it used and saw: the ballot of its propose with
// Bounds.Above.
func aboveInPlay(w *game.World, n int) paxos.Ballot {
	p := *w.Proposer(n)
	_, high := w.BallotsInPlay()
	p.Seen = max(p.Seen, high)
	return p.NextBallot(&w.Cfg)
}

// fingerprint stands for a state's key in the set of states seen: 128
// bits of hash instead of the key's hundred-odd bytes, as TLC keeps 64.
// Two states of a search share one with a chance below 2⁻⁸⁰ even at a
// billion states.
type fingerprint [2]uint64

type fingerprinter struct{ a, b maphash.Seed }

func newFingerprinter() fingerprinter {
	return fingerprinter{maphash.MakeSeed(), maphash.MakeSeed()}
}

func (f fingerprinter) of(key []byte) fingerprint {
	return fingerprint{maphash.Bytes(f.a, key), maphash.Bytes(f.b, key)}
}

// appendKey appends the key of a state the search reaches: the world's
// (with Symmetry, the same for its renamings, on scratch), the bounds
// spent, and what Options.Key adds. It says how many states it stands for.
func appendKey(buf []byte, w *game.World, c *counters, opt *Options, scratch *game.World) ([]byte, int) {
	worlds := 1
	if opt.Symmetry {
		buf, worlds = w.AppendSymmetricKey(buf, scratch)
	} else {
		buf = w.AppendKey(buf)
	}
	buf = append(buf, c.proposals[:]...)
	buf = append(buf, c.crashes, c.dups, c.tail)
	buf = binary.AppendUvarint(buf, c.ever)
	if opt.Key != nil {
		buf = opt.Key(buf, w)
	}
	return buf, worlds
}
