package main

import (
	"bufio"
	"cmp"
	"fmt"
	"io"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"paxosgame/atomicfile"
	"paxosgame/explore"
	"paxosgame/explore/budget"
	"paxosgame/explore/refine"
	"paxosgame/explore/spec"
	"paxosgame/game"
	"paxosgame/narrate"
	"paxosgame/paxos"
)

const checkUsage = `usage: paxosgame check [FILE] [bounds] [--find 'expect …']... [-o OUT]
       paxosgame check --forever [FILE] [bounds] [-o OUT]
       paxosgame check --spec [--acceptors 3] [--values 2] [--max-ballot 1] [--rule NAME off]...
       paxosgame check --refines [FILE] [bounds]

Explores every run of the game within the bounds from FILE's setup (its
actions, if any, played first), breadth first; prints the counts and either
"Agreement and Validity hold in all N states" (exit 0) or the shortest run
that breaks them, as a script ending in "expect violation" (exit 1).
A search stopped by its budget prints what it searched and exits 3.

bounds (defaults in brackets; from the middle of a game — actions, or ballots
set in play — with no bound given, they are chosen from the scenario and
printed with why: the proposers that can still matter, ballots above those
in play, as many as fit --max-states [200,000]):
  --proposers P1,P2   the proposers that may propose        [P1,P2, or P1 alone]
  --ballots N         ballots each of them may start        [1]
  --crashes N         crashes in all (restarts are free)    [0]
  --duplicates N      messages the network may duplicate    [0]
  --drops             the network may drop messages         [off]
  --hand              take the decisions of nodes played by hand, and hand/auto nodes [off]
  --range N           with unique-ballots off: the shared ballots 1..N [ballots × proposers]
  --above             each new ballot above every ballot in play        [off]
other:
  --find 'expect …'   search for the shortest run to where every line holds (repeatable)
  -o OUT              write the run found to OUT (a new file, or --force)
  --symmetry          keep one of the states that differ only by a renaming
                      of the acceptors; prints how many states it saved
  --no-reduce         search every order of the deliveries to learners and of
                      what idle proposers do (the same verdicts, more states)
  --forever           look for the shortest run that comes back to a state it
                      was in with every ballot raised and nothing chosen: a
                      loop that can go on for ever (--ballots: rounds of ballots
                      in play at once [2]; --in-flight N: messages in flight at
                      once [acceptors + 2])
  --max-memory SIZE   stop once the process holds SIZE (4G, 512M) [a quarter of RAM]
  --max-states N      stop before keeping more than N distinct states [no bound]
  --workers N         goroutines [all cores]
  --spec              Lamport's Paxos.tla with TLC's counts (--acceptors, --values, --max-ballot)
  --rule NAME off     with --spec: Paxos.tla weakened as the game is with rule NAME off (repeatable)
  --refines           check that every step of the game is a step of Paxos.tla, or a stutter
                      (default: P1 alone, and with no FILE a learner: each state is kept whole)

exit: 0 holds (or found, with --find and --forever), 1 a violation (or not
found), 2 bad input, 3 stopped at --max-memory or --max-states.
`

// checkStopped is check's exit status when a budget stopped the search.
const checkStopped = 3

// checkDefault is the setup of check with no FILE: the course's three
// acceptors, two proposers, no learner. Chosen is judged from the
// acceptors' votes, so a learner only watches (the course's setup, with
// two learners and five proposers, takes as many states: the explorer's
// reduction; without it, one learner takes the search past ten million).
const checkDefault = "config proposers 2 acceptors 3 learners 0\n"

// refinesDefault is the setup of check --refines with no FILE.
const refinesDefault = "config proposers 2 acceptors 3 learners 1\n"

func checkCommand(args []string, stdout, stderr io.Writer) int {
	b := explore.DefaultBounds()
	var (
		file, outFile  string
		finds          []string
		workers        int
		isSpec         bool
		symmetry       bool
		proposersGiven bool
		params         = spec.Params{Acceptors: 3, Values: 2, MaxBallot: 1}
		ruleFlags      []string // --rule NAME off|on, as given
		boundsGiven    bool     // a flag of the bounds: from mid-game, none are chosen
		refines        bool     // --refines
		forever        bool     // --forever
		noReduce       bool     // --no-reduce
		ballotsGiven   bool
		limits         = budget.Bounds{MaxMemory: budget.DefaultMaxMemory()}
		force          bool // --force: -o may replace a file
	)
	bad := func(format string, a ...any) int {
		fmt.Fprintf(stderr, "paxosgame check: "+format+"\n", a...)
		return 2
	}
	for i := 0; i < len(args); i++ {
		a := args[i]
		val := func() (string, bool) {
			if i+1 >= len(args) {
				return "", false
			}
			i++
			return args[i], true
		}
		num := func(dst *int) bool {
			s, ok := val()
			n, err := strconv.Atoi(s)
			if !ok || err != nil || n < 0 || n > 255 {
				return false
			}
			*dst = n
			return true
		}
		ok := true
		switch a {
		case "--proposers", "--ballots", "--crashes", "--duplicates", "--range", "--drops", "--hand", "--above":
			boundsGiven = true
		}
		switch a {
		case "-h", "--help":
			fmt.Fprint(stdout, checkUsage)
			return 0
		case "--proposers":
			proposersGiven = true
			s, got := val()
			ok = got
			b.Proposers = nil
			for _, name := range strings.Split(s, ",") {
				id, err := game.ParseNode(strings.TrimSpace(name))
				if err != nil || id.Role != paxos.RoleProposer {
					return bad("--proposers: %q is not a proposer (P1, P2, …)", game.Printable(name))
				}
				b.Proposers = append(b.Proposers, id.N)
			}
		case "--ballots":
			ok, ballotsGiven = num(&b.Ballots), true
		case "--crashes":
			ok = num(&b.Crashes)
		case "--duplicates":
			ok = num(&b.Duplicates)
		case "--range":
			ok = num(&b.BallotRange)
		case "--in-flight":
			ok = num(&b.InFlight)
		case "--drops":
			b.Drops = true
		case "--hand":
			b.Hand = true
		case "--above":
			b.Above = true
		case "--symmetry":
			symmetry = true
		case "--workers":
			ok = num(&workers)
		case "--find":
			s, got := val()
			ok = got
			finds = append(finds, s)
		case "-o":
			outFile, ok = val()
		case "--force":
			force = true
		case "--spec":
			isSpec = true
		case "--acceptors":
			ok = num(&params.Acceptors)
		case "--values":
			ok = num(&params.Values)
		case "--max-ballot":
			ok = num(&params.MaxBallot)
		case "--rule":
			name, got := val()
			onOff, got2 := val()
			r, known := paxos.RuleByName(name)
			if !got || !got2 || !known || (onOff != "off" && onOff != "on") {
				var names []string
				for _, r := range paxos.AllRules() {
					names = append(names, r.String())
				}
				return bad("--rule takes a rule and off or on, such as --rule keep-promise off; the rules: %s", strings.Join(names, ", "))
			}
			params.Rules.Set(r, onOff == "on")
			ruleFlags = append(ruleFlags, a, name, onOff)
		case "--refines":
			refines = true
		case "--forever":
			forever = true
		case "--no-reduce":
			noReduce = true
		case "--max-memory":
			v, got := val()
			size, err := budget.ParseSize(v)
			if !got || err != nil {
				return bad("--max-memory takes %v", budget.ParseSizeHelp)
			}
			limits.MaxMemory = size
		case "--max-states":
			v, got := val()
			n, err := strconv.Atoi(v)
			if !got || err != nil || n < 1 {
				return bad("--max-states takes a positive number of states")
			}
			limits.MaxStates = n
		default:
			if strings.HasPrefix(a, "-") || file != "" {
				return bad("unexpected %q\n\n%s", game.Printable(a), checkUsage)
			}
			file = a
		}
		if !ok {
			return bad("%s needs a number from 0 to 255 (or a value)", a)
		}
	}
	progress := func(w io.Writer) func(string) {
		return func(s string) { fmt.Fprintf(w, "\r%s  ", s) }
	}(stderr)
	if isSpec {
		return checkSpec(params, workers, limits, stdout, progress)
	}
	if outFile != "" {
		if err := atomicfile.CheckOutput(outFile, force, file); err != nil { // before a long search
			return bad("-o: %s", game.Printable(err.Error()))
		}
	}
	if len(ruleFlags) > 0 {
		return bad("--rule is for --spec; in a game, write the line 'rule %s %s' in FILE", ruleFlags[1], ruleFlags[2])
	}

	name, src := "(default)", checkDefault
	if refines {
		// A refinement keeps each state whole, every message ever sent in
		// it, and tells states apart by what was sent: with two proposers
		// the default search takes 1,022,414 states, 30 s and 3.7 GB. So
		// by default P1 alone, with a learner (it may learn only what is
		// chosen in msgs).
		src = refinesDefault
		if !proposersGiven {
			b.Proposers = []int{1}
		}
	}
	if file != "" {
		text, err := game.ReadScript(file)
		if err != nil {
			return bad("%s", game.Printable(err.Error()))
		}
		name, src = game.Printable(file), string(text)
	}
	start, prefix, err := explore.Start(name, src)
	if err != nil {
		fmt.Fprintln(stderr, narrate.Error(err))
		return 2
	}
	if !proposersGiven && len(start.Proposers) < len(b.Proposers) {
		b.Proposers = b.Proposers[:len(start.Proposers)]
	}
	for _, n := range b.Proposers {
		if n > len(start.Proposers) {
			return bad("--proposers: the cluster has no P%d", n)
		}
	}
	if refines {
		if len(finds) > 0 || forever {
			return bad("--refines takes no --find and no --forever")
		}
		cmds, err := game.Parse(name, src) // read once already: no error
		if err != nil {
			fmt.Fprintln(stderr, err)
			return 2
		}
		return checkRefines(name, cmds, prefix, b, workers, limits, outFile, stdout, stderr, progress)
	}
	if b.InFlight > 0 && !forever {
		return bad("--in-flight is for --forever")
	}
	if forever {
		if len(finds) > 0 || symmetry {
			return bad("--forever takes no --find and no --symmetry")
		}
		if !ballotsGiven {
			b.Ballots = explore.ForeverRounds
		}
		return checkForever(name, start, prefix, b, explore.Options{Workers: workers, MaxMemory: limits.MaxMemory, MaxStates: limits.MaxStates}, outFile, stdout, stderr, progress)
	}
	goal, what := explore.Violation, "a run that breaks Agreement or Validity"
	var conds []game.Command
	for _, f := range finds {
		c, perr := game.ParseFind(f, start) // as run reads an expect line
		if perr != nil {
			return bad("--find %q, column %d: %s", game.Printable(f), perr.Col, narrate.Error(perr))
		}
		conds = append(conds, c)
	}
	if len(conds) > 0 {
		goal, what = explore.Holds(conds), "a run to where "+explore.Lines(conds)+" holds"
	}

	bw := bufio.NewWriter(stdout)
	defer bw.Flush()
	fmt.Fprintf(bw, "check %s: searching for %s\n", name, what)
	report, done := searchProgress(progress)
	opt := explore.Options{Workers: workers, Symmetry: symmetry, NoReduce: noReduce, Progress: report, MaxMemory: limits.MaxMemory, MaxStates: limits.MaxStates}
	var res explore.Result
	if _, high := start.BallotsInPlay(); !boundsGiven && high > 0 {
		// From the middle of a game: the bounds are chosen (explore.Choose).
		limits.MaxStates = cmp.Or(limits.MaxStates, explore.ChooseStates)
		ch := explore.Choose(start, conds, limits.MaxStates, opt)
		done()
		b, res = ch.Bounds, ch.Result
		fmt.Fprintf(bw, "bounds chosen from the scenario: %s\n", b)
		for _, why := range ch.Why {
			fmt.Fprintf(bw, "  - %s\n", why)
		}
	} else {
		fmt.Fprintf(bw, "bounds: %s\n", b)
		bw.Flush()
		res = explore.Search(start, b, goal, opt)
		done()
	}
	fmt.Fprintln(bw, countsLine(res.Stats))
	if symmetry {
		// From a start whose acceptors are alike, every renaming of a
		// state found is a state found without symmetry, and no other.
		if _, alike := start.AppendSymmetricKey(nil, new(game.World)); alike == 1 {
			fmt.Fprintf(bw, "symmetry: they stand for %s states with the acceptors renamed: %s saved\n",
				explore.Commas(res.Worlds), explore.Commas(res.Worlds-res.States))
		} else {
			fmt.Fprintf(bw, "symmetry: they stand for at most %s states with the acceptors renamed (the setup tells some acceptors apart)\n",
				explore.Commas(res.Worlds))
		}
	}
	if !res.Found && res.Stopped != budget.None {
		fmt.Fprintln(bw, stoppedLine(res.Stopped, limits, res.States, res.Depth, "no run found so far"))
		return checkStopped
	}
	if !res.Found {
		if len(conds) > 0 {
			fmt.Fprintf(bw, "no run with %s, reaches %s (%s states)\n", explore.Cover(start, b), explore.Lines(conds), explore.Commas(res.States))
			return 1
		}
		fmt.Fprintf(bw, "Agreement and Validity hold in all %s states (bounds %s)\n", explore.Commas(res.States), b)
		return 0
	}
	script := explore.Script(fmt.Sprintf("found by paxosgame check %s (bounds %s): a shortest run, %d steps", name, b, len(res.Run)), prefix, res.Run, conds)
	if len(conds) > 0 {
		fmt.Fprintf(bw, "found: the shortest run to %s, %d steps:\n", explore.Lines(conds), len(res.Run))
	} else {
		fmt.Fprintf(bw, "VIOLATION: the shortest run that breaks Agreement or Validity, %d steps:\n", len(res.Run))
	}
	fmt.Fprint(bw, script)
	if outFile != "" {
		if err := atomicfile.Write(outFile, []byte(script), true); err != nil {
			bw.Flush()
			fmt.Fprintf(stderr, "paxosgame check: %s\n", game.Printable(err.Error()))
			return 2
		}
	}
	if len(conds) > 0 {
		return 0
	}
	return 1
}

func checkSpec(p spec.Params, workers int, limits budget.Bounds, stdout io.Writer, progress func(string)) int {
	fmt.Fprintf(stdout, "Paxos.tla (Lamport, TLA+ Examples), TLC's semantics: %s\n", p.Describe())
	for _, r := range p.Off() {
		fmt.Fprintf(stdout, "rule %s off: %s\n", r, spec.RuleEffect(r))
	}
	report, done := searchProgress(progress)
	limits.Progress = func(s budget.Progress) {
		report(explore.Stats{States: s.States, Depth: s.Depth, Elapsed: s.Elapsed, Memory: s.Memory})
	}
	st, err := spec.Explore(p, workers, limits)
	done()
	if err != nil {
		fmt.Fprintf(stdout, "paxosgame check: %v\n", err)
		return 2
	}
	if st.Stopped != budget.None {
		fmt.Fprintf(stdout, "%s states generated, %s distinct states found in the levels searched whole.\n", explore.Commas(st.Found), explore.Commas(st.Distinct))
		fmt.Fprintln(stdout, stoppedLine(st.Stopped, limits, st.Distinct, st.Depth-1, "Agreement holds in the states searched"))
		return checkStopped
	}
	if st.Violation != nil {
		st.Violation.Write(stdout, p.Invariant())
	}
	left := "0 states left on queue"
	if !st.Agreement {
		left = "the search stopped at the end of the level of the violation"
	}
	fmt.Fprintf(stdout, "%s states generated, %s distinct states found, %s.\n", explore.Commas(st.Found), explore.Commas(st.Distinct), left)
	fmt.Fprintf(stdout, "The depth of the complete state graph search is %d.\n", st.Depth)
	fmt.Fprintf(stdout, "%s, %s states/s, peak memory %s\n", st.Elapsed.Round(time.Millisecond),
		explore.Commas(int64(float64(st.Distinct)/max(st.Elapsed.Seconds(), 1e-9))), peakMemory())
	if !st.Agreement {
		fmt.Fprintf(stdout, "VIOLATION: %s fails after %d steps of Paxos.tla\n", p.Invariant(), st.Violation.Steps())
		return 1
	}
	fmt.Fprintf(stdout, "Agreement holds in all %s states\n", explore.Commas(st.Distinct))
	return 0
}

// checkRefines is check --refines: it explores the game from the file's
// setup and judges every step against Paxos.tla (package refine).
func checkRefines(name string, cmds, prefix []game.Command, b explore.Bounds, workers int, limits budget.Bounds, outFile string, stdout, stderr io.Writer, progress func(string)) int {
	bw := bufio.NewWriter(stdout)
	defer bw.Flush()
	fmt.Fprintf(bw, "check --refines %s: is every step of the game a step of Paxos.tla (Lamport, TLA+ Examples), or a stutter?\nbounds: %s\n%s\n", name, b, refine.Mapping)
	bw.Flush()
	report, done := searchProgress(progress)
	res, err := refine.Check(cmds, b, explore.Options{Workers: workers, Progress: report, MaxMemory: limits.MaxMemory, MaxStates: limits.MaxStates})
	done()
	if err != nil {
		bw.Flush()
		fmt.Fprintf(stderr, "%s:%s\n", name, narrate.Error(err))
		return 2
	}
	if res.NotInit != "" {
		fmt.Fprintf(bw, "note: the setup starts from no state of Paxos.tla's Init (%s); the steps are judged from there\n", res.NotInit)
	}
	fmt.Fprintln(bw, countsLine(res.Stats))
	if !res.Found && res.Stopped != budget.None {
		fmt.Fprintln(bw, stoppedLine(res.Stopped, limits, res.States, res.Depth, "every step judged so far is a step of Paxos.tla or a stutter"))
		return checkStopped
	}
	if !res.Found {
		fmt.Fprintf(bw, "every step is a step of Paxos.tla or a stutter: %s steps from %s states (bounds %s)\n", explore.Commas(res.Counts.Steps), explore.Commas(res.States), b)
		res.Counts.Write(bw)
		return 0
	}
	run := res.Run
	if res.PrefixFailed { // the file's own actions: the run is theirs
		prefix = slices.DeleteFunc(prefix, func(c game.Command) bool { return c.Verb.Action() })
		run = res.Prefix
	}
	var sb strings.Builder
	fmt.Fprintf(&sb, "# found by paxosgame check --refines %s (bounds %s): a shortest run to a step that is no step of Paxos.tla, %d steps\n", name, b, len(run))
	for _, c := range prefix {
		fmt.Fprintln(&sb, c)
	}
	if len(prefix) > 0 && !res.PrefixFailed {
		fmt.Fprintln(&sb, "# the search starts here")
	}
	for _, c := range run {
		fmt.Fprintln(&sb, c)
	}
	fmt.Fprintf(&sb, "# %s\n", res.StepErr)
	fmt.Fprintf(bw, "NOT A STEP OF PAXOS.TLA: the shortest run to a step that no action of Paxos.tla takes, %d steps:\n%s", len(run), sb.String())
	if outFile != "" {
		if err := atomicfile.Write(outFile, []byte(sb.String()), true); err != nil {
			bw.Flush()
			fmt.Fprintf(stderr, "paxosgame check: %s\n", game.Printable(err.Error()))
			return 2
		}
	}
	return 1
}

// searchProgress reports a search's progress through progress (standard
// error, about once a second, from the search's watch); done ends the
// line, if one was written.
func searchProgress(progress func(string)) (report func(explore.Stats), done func()) {
	var mu sync.Mutex
	shown := false
	report = func(s explore.Stats) {
		mu.Lock()
		defer mu.Unlock()
		shown = true
		progress(fmt.Sprintf("%s states, depth %d, %s states/s, %s", explore.Commas(s.States), s.Depth, explore.Commas(int64(s.Rate())), budget.Size(s.Memory)))
	}
	done = func() {
		mu.Lock()
		defer mu.Unlock()
		if shown {
			progress("\n")
		}
	}
	return report, done
}

// stoppedLine says that a budget stopped a search, with what it searched
// and how to go further.
func stoppedLine(l budget.Limit, limits budget.Bounds, states, depth int, sofar string) string {
	bound := ""
	switch l {
	case budget.Memory:
		bound = fmt.Sprintf("the memory budget (--max-memory %s)", budget.Size(limits.MaxMemory))
	case budget.States:
		bound = fmt.Sprintf("the bound on states (--max-states %s)", explore.Commas(limits.MaxStates))
	default:
		bound = l.String()
	}
	return fmt.Sprintf("STOPPED at %s: %s distinct states searched, every run of up to %d steps; %s. Raise the bound, or narrow the search (fewer proposers, ballots or crashes; --symmetry)",
		bound, explore.Commas(states), depth, sofar)
}

// countsLine is what a search of the game counted, as check prints it.
func countsLine(s explore.Stats) string {
	return fmt.Sprintf("%s distinct states, %s transitions, depth %d, %s, %s states/s, peak memory %s",
		explore.Commas(s.States), explore.Commas(s.Transitions), s.Depth, s.Elapsed.Round(time.Millisecond),
		explore.Commas(int64(s.Rate())), peakMemory())
}

// peakMemory is the process's peak resident memory (VmHWM on Linux), or
// the memory the Go runtime took from the system.
func peakMemory() string {
	if data, err := os.ReadFile("/proc/self/status"); err == nil {
		for _, line := range strings.Split(string(data), "\n") {
			if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmHWM:" {
				if kb, err := strconv.Atoi(f[1]); err == nil {
					return fmt.Sprintf("%d MB", kb/1024)
				}
			}
		}
	}
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return fmt.Sprintf("%d MB", m.Sys>>20)
}

// checkForever is check --forever: the shortest loop within the bounds,
// as a script (the way in, then one turn of the loop), or that none
// exists.
func checkForever(name string, start *game.World, prefix []game.Command, b explore.Bounds, opt explore.Options, outFile string, stdout, stderr io.Writer, progress func(string)) int {
	if b.Crashes > 0 || b.Duplicates > 0 || b.Drops {
		fmt.Fprintln(stderr, "paxosgame check: --forever looks for a loop where nothing fails: every node stays up and every message arrives; it takes no --crashes, --duplicates or --drops")
		return 2
	}
	if b.InFlight == 0 {
		b.InFlight = len(start.Acceptors) + 2
	}
	bounds := fmt.Sprintf("--proposers %s --ballots %d --in-flight %d", proposerNames(b.Proposers), b.Ballots, b.InFlight)
	bw := bufio.NewWriter(stdout)
	defer bw.Flush()
	fmt.Fprintf(bw, "check --forever %s: searching for the shortest run that comes back to a state it was in, every ballot raised, nothing chosen\n", name)
	fmt.Fprintf(bw, "bounds: %s (rounds of ballots in play, messages in flight at once); a proposer starts a ballot when idle or refused, every message arrives, no node fails\n", bounds)
	bw.Flush()
	report, done := searchProgress(progress)
	opt.Progress = report
	loop := explore.Forever(start, b, opt)
	done()
	fmt.Fprintln(bw, countsLine(loop.Stats))
	if loop.Stopped != budget.None {
		fmt.Fprintln(bw, stoppedLine(loop.Stopped, budget.Bounds{MaxMemory: opt.MaxMemory, MaxStates: opt.MaxStates}, loop.States, loop.Depth, "the loop is looked for once every state is found"))
		return checkStopped
	}
	if !loop.Found {
		fmt.Fprintf(bw, "no loop within the bounds (%s): no fair run comes back with its ballots raised (%s states up to ballots)\n", bounds, explore.Commas(loop.States))
		return 1
	}
	script := explore.LoopScript(fmt.Sprintf("found by paxosgame check --forever %s (bounds %s)", name, bounds), prefix, loop)
	fmt.Fprintf(bw, "LOOP: the shortest run that comes back with every ballot raised by %d and nothing chosen, %d steps in and %d round:\n", loop.Raise, len(loop.Way), len(loop.Turn))
	fmt.Fprint(bw, script)
	if outFile != "" {
		if err := atomicfile.Write(outFile, []byte(script), true); err != nil {
			bw.Flush()
			fmt.Fprintf(stderr, "paxosgame check: %v\n", err)
			return 2
		}
	}
	return 0
}

// proposerNames writes proposers as --proposers takes them: P1,P2.
func proposerNames(ns []int) string {
	if len(ns) == 0 {
		return "none"
	}
	names := make([]string, len(ns))
	for i, n := range ns {
		names[i] = paxos.P(n).String()
	}
	return strings.Join(names, ",")
}
