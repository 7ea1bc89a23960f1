package cli

import (
	"bufio"
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"paxosgame/atomicfile"
	"paxosgame/explore"
	"paxosgame/explore/budget"
	"paxosgame/explore/refine"
	"paxosgame/explore/spec"
	"paxosgame/game"
	"paxosgame/narrate"
)

// checkSearch is check's search of every run within b from start, for
// the shortest that breaks Agreement or Validity, or that reaches where
// every line of conds holds. choose: no bound was given, so that from the
// middle of a game the bounds are chosen (explore.Choose).
func checkSearch(name string, start *game.World, prefix, conds []game.Command, b explore.Bounds, choose bool, opts explore.Options, outFile string, s std, progress func(string)) int {
	goal, what := explore.Violation, "a run that breaks Agreement or Validity"
	if len(conds) > 0 {
		goal, what = explore.Holds(conds), "a run to where "+explore.Lines(conds)+" holds"
	}
	bw := bufio.NewWriter(s.out)
	defer bw.Flush()
	fmt.Fprintf(bw, "check %s: searching for %s\n", name, what)
	report, done := searchProgress(progress)
	opts.Progress = report
	var res explore.Result
	if _, high := start.BallotsInPlay(); choose && high > 0 {
		// From the middle of a game: the bounds are chosen (explore.Choose).
		most := cmp.Or(opts.MaxStates, explore.ChooseStates)
		ch := explore.Choose(start, conds, most, opts)
		done()
		opts.MaxStates = most // what a stopped search says
		b, res = ch.Bounds, ch.Result
		fmt.Fprintf(bw, "bounds chosen from the scenario: %s\n", b)
		for _, why := range ch.Why {
			fmt.Fprintf(bw, "  - %s\n", why)
		}
	} else {
		fmt.Fprintf(bw, "bounds: %s\n", b)
		bw.Flush()
		res = explore.Search(start, b, goal, opts)
		done()
	}
	fmt.Fprintln(bw, countsLine(res.Stats))
	if opts.Symmetry {
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
		fmt.Fprintln(bw, stoppedLine(res.Stopped, limitsOf(opts), res.States, res.Depth, "no run found so far"))
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
	if !writeFound(bw, outFile, script, s.err) {
		return 2
	}
	if len(conds) > 0 {
		return 0
	}
	return 1
}

// writeFound writes the script a search found to outFile, if one is
// named; false when it could not (said on stderr, after what bw holds).
func writeFound(bw *bufio.Writer, outFile, script string, stderr io.Writer) bool {
	if outFile == "" {
		return true
	}
	if err := atomicfile.Write(outFile, []byte(script), true); err != nil {
		bw.Flush()
		fmt.Fprintf(stderr, "paxosgame check: %s\n", game.Printable(err.Error()))
		return false
	}
	return true
}

// limitsOf is the budget of a search's options.
func limitsOf(o explore.Options) budget.Bounds {
	return budget.Bounds{MaxMemory: o.MaxMemory, MaxStates: o.MaxStates}
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
func checkRefines(name string, cmds, prefix []game.Command, b explore.Bounds, opts explore.Options, outFile string, s std, progress func(string)) int {
	bw := bufio.NewWriter(s.out)
	defer bw.Flush()
	fmt.Fprintf(bw, "check --refines %s: is every step of the game a step of Paxos.tla (Lamport, TLA+ Examples), or a stutter?\nbounds: %s\n%s\n", name, b, refine.Mapping)
	bw.Flush()
	report, done := searchProgress(progress)
	res, err := refine.Check(cmds, b, explore.Options{Workers: opts.Workers, Progress: report, MaxMemory: opts.MaxMemory, MaxStates: opts.MaxStates})
	done()
	if err != nil {
		bw.Flush()
		fmt.Fprintf(s.err, "%s:%s\n", name, narrate.Error(err))
		return 2
	}
	if res.NotInit != "" {
		fmt.Fprintf(bw, "note: the setup starts from no state of Paxos.tla's Init (%s); the steps are judged from there\n", res.NotInit)
	}
	fmt.Fprintln(bw, countsLine(res.Stats))
	if !res.Found && res.Stopped != budget.None {
		fmt.Fprintln(bw, stoppedLine(res.Stopped, limitsOf(opts), res.States, res.Depth, "every step judged so far is a step of Paxos.tla or a stutter"))
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
	if !writeFound(bw, outFile, sb.String(), s.err) {
		return 2
	}
	return 1
}

// checkForever is check --forever: the shortest loop within the bounds,
// as a script (the way in, then one turn of the loop), or that none
// exists.
func checkForever(name string, start *game.World, prefix []game.Command, b explore.Bounds, opt explore.Options, outFile string, s std, progress func(string)) int {
	if b.Crashes > 0 || b.Duplicates > 0 || b.Drops {
		fmt.Fprintln(s.err, "paxosgame check: --forever looks for a loop where nothing fails: every node stays up and every message arrives; it takes no --crashes, --duplicates or --drops")
		return 2
	}
	if b.InFlight == 0 {
		b.InFlight = len(start.Acceptors) + 2
	}
	bounds := fmt.Sprintf("--proposers %s --ballots %d --in-flight %d", proposerNames(b.Proposers), b.Ballots, b.InFlight)
	bw := bufio.NewWriter(s.out)
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
		fmt.Fprintln(bw, stoppedLine(loop.Stopped, limitsOf(opt), loop.States, loop.Depth, "the loop is looked for once every state is found"))
		return checkStopped
	}
	if !loop.Found {
		fmt.Fprintf(bw, "no loop within the bounds (%s): no fair run comes back with its ballots raised (%s states up to ballots)\n", bounds, explore.Commas(loop.States))
		return 1
	}
	script := explore.LoopScript(fmt.Sprintf("found by paxosgame check --forever %s (bounds %s)", name, bounds), prefix, loop)
	fmt.Fprintf(bw, "LOOP: the shortest run that comes back with every ballot raised by %d and nothing chosen, %d steps in and %d round:\n", loop.Raise, len(loop.Way), len(loop.Turn))
	fmt.Fprint(bw, script)
	if !writeFound(bw, outFile, script, s.err) {
		return 2
	}
	return 0
}
