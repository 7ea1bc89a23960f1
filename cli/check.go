package cli

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"paxosgame/atomicfile"
	"paxosgame/explore"
	"paxosgame/explore/budget"
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

// checkArgs is check's command line, read.
type checkArgs struct {
	file, out                    string
	finds                        []string // --find, each an expect line
	bounds                       explore.Bounds
	limits                       budget.Bounds
	workers                      int
	params                       spec.Params // --spec's
	ruleFlags                    []string    // --rule NAME off|on, as given (for --spec only)
	spec                         bool        // --spec
	refines                      bool        // --refines
	forever                      bool        // --forever
	symmetry                     bool        // --symmetry
	noReduce                     bool        // --no-reduce
	force                        bool        // --force: -o may replace a file
	proposersGiven, ballotsGiven bool
	boundsGiven                  bool // a flag of the bounds: from mid-game, none are chosen
}

// A checkFlag is one flag of check: its name, the placeholders of its
// values as the usage writes them, and what it sets.
type checkFlag struct {
	name   string
	values []string
	set    func(a *checkArgs, v []string) error
}

// checkFlags are check's flags, which checkUsage explains.
var checkFlags = []checkFlag{
	{"--proposers", []string{"P1,P2"}, func(a *checkArgs, v []string) error {
		a.proposersGiven = true
		if len(v) == 0 {
			v = []string{""} // no proposer named: the error says so
		}
		a.bounds.Proposers = nil
		for _, name := range strings.Split(v[0], ",") {
			id, err := game.ParseNode(strings.TrimSpace(name))
			if err != nil || id.Role != paxos.RoleProposer {
				return fmt.Errorf("--proposers: %q is not a proposer (P1, P2, …)", game.Printable(name))
			}
			a.bounds.Proposers = append(a.bounds.Proposers, id.N)
		}
		return nil
	}},
	{"--ballots", []string{"N"}, func(a *checkArgs, v []string) error {
		a.ballotsGiven = true
		return setNumber(&a.bounds.Ballots, "--ballots", v)
	}},
	numberFlag("--crashes", func(a *checkArgs) *int { return &a.bounds.Crashes }),
	numberFlag("--duplicates", func(a *checkArgs) *int { return &a.bounds.Duplicates }),
	switchFlag("--drops", func(a *checkArgs) { a.bounds.Drops = true }),
	switchFlag("--hand", func(a *checkArgs) { a.bounds.Hand = true }),
	numberFlag("--range", func(a *checkArgs) *int { return &a.bounds.BallotRange }),
	switchFlag("--above", func(a *checkArgs) { a.bounds.Above = true }),
	{"--find", []string{"EXPECT"}, func(a *checkArgs, v []string) error {
		if len(v) == 0 {
			return errNeedsNumber("--find")
		}
		a.finds = append(a.finds, v[0])
		return nil
	}},
	{"-o", []string{"OUT"}, func(a *checkArgs, v []string) error {
		if len(v) == 0 {
			return errNeedsNumber("-o")
		}
		a.out = v[0]
		return nil
	}},
	switchFlag("--force", func(a *checkArgs) { a.force = true }),
	switchFlag("--symmetry", func(a *checkArgs) { a.symmetry = true }),
	switchFlag("--no-reduce", func(a *checkArgs) { a.noReduce = true }),
	switchFlag("--forever", func(a *checkArgs) { a.forever = true }),
	numberFlag("--in-flight", func(a *checkArgs) *int { return &a.bounds.InFlight }),
	{"--max-memory", []string{"SIZE"}, func(a *checkArgs, v []string) error {
		if len(v) == 0 {
			return fmt.Errorf("--max-memory takes %v", budget.ParseSizeHelp)
		}
		size, err := budget.ParseSize(v[0])
		if err != nil {
			return fmt.Errorf("--max-memory takes %v", budget.ParseSizeHelp)
		}
		a.limits.MaxMemory = size
		return nil
	}},
	{"--max-states", []string{"N"}, func(a *checkArgs, v []string) error {
		if len(v) == 0 {
			return errors.New("--max-states takes a positive number of states")
		}
		n, err := strconv.Atoi(v[0])
		if err != nil || n < 1 {
			return errors.New("--max-states takes a positive number of states")
		}
		a.limits.MaxStates = n
		return nil
	}},
	numberFlag("--workers", func(a *checkArgs) *int { return &a.workers }),
	switchFlag("--spec", func(a *checkArgs) { a.spec = true }),
	numberFlag("--acceptors", func(a *checkArgs) *int { return &a.params.Acceptors }),
	numberFlag("--values", func(a *checkArgs) *int { return &a.params.Values }),
	numberFlag("--max-ballot", func(a *checkArgs) *int { return &a.params.MaxBallot }),
	{"--rule", []string{"RULE", "off|on"}, func(a *checkArgs, v []string) error {
		if len(v) < 2 {
			return errRuleFlag()
		}
		r, known := paxos.RuleByName(v[0])
		if !known || (v[1] != "off" && v[1] != "on") {
			return errRuleFlag()
		}
		a.params.Rules.Set(r, v[1] == "on")
		a.ruleFlags = append(a.ruleFlags, "--rule", v[0], v[1])
		return nil
	}},
	switchFlag("--refines", func(a *checkArgs) { a.refines = true }),
}

// boundFlags are the flags of the bounds: with one of them given, check
// chooses no bounds from the middle of a game.
var boundFlags = []string{"--proposers", "--ballots", "--crashes", "--duplicates", "--range", "--drops", "--hand", "--above"}

// numberFlag is a flag that takes a number from 0 to 255.
func numberFlag(name string, dst func(*checkArgs) *int) checkFlag {
	return checkFlag{name, []string{"N"}, func(a *checkArgs, v []string) error { return setNumber(dst(a), name, v) }}
}

// switchFlag is a flag that takes no value.
func switchFlag(name string, set func(*checkArgs)) checkFlag {
	return checkFlag{name, nil, func(a *checkArgs, _ []string) error { set(a); return nil }}
}

// setNumber sets *dst to v's number, from 0 to 255.
func setNumber(dst *int, name string, v []string) error {
	if len(v) == 0 {
		return errNeedsNumber(name)
	}
	n, err := strconv.Atoi(v[0])
	if err != nil || n < 0 || n > 255 {
		return errNeedsNumber(name)
	}
	*dst = n
	return nil
}

func errNeedsNumber(name string) error {
	return fmt.Errorf("%s needs a number from 0 to 255 (or a value)", name)
}

func errRuleFlag() error {
	var names []string
	for _, r := range paxos.AllRules() {
		names = append(names, r.String())
	}
	return fmt.Errorf("--rule takes a rule and off or on, such as --rule keep-promise off; the rules: %s", strings.Join(names, ", "))
}

// readCheckArgs reads check's command line: its flags, in any order, and
// at most one FILE.
func readCheckArgs(args []string) (*checkArgs, error) {
	a := &checkArgs{
		bounds: explore.DefaultBounds(),
		limits: budget.Bounds{MaxMemory: budget.DefaultMaxMemory()},
		params: spec.Params{Acceptors: 3, Values: 2, MaxBallot: 1},
	}
	for i := 0; i < len(args); i++ {
		j := slices.IndexFunc(checkFlags, func(f checkFlag) bool { return f.name == args[i] })
		if j < 0 {
			if strings.HasPrefix(args[i], "-") || a.file != "" {
				return nil, fmt.Errorf("unexpected %q\n\n%s", game.Printable(args[i]), checkUsage)
			}
			a.file = args[i]
			continue
		}
		f := checkFlags[j]
		a.boundsGiven = a.boundsGiven || slices.Contains(boundFlags, f.name)
		v := args[i+1 : min(i+1+len(f.values), len(args))]
		i += len(v)
		if err := f.set(a, v); err != nil {
			return nil, err
		}
	}
	return a, nil
}

// check is `paxosgame check`: a search of the game from FILE's setup
// (checkSearch), a search for a loop (--forever), a refinement of
// Paxos.tla (--refines), or Paxos.tla itself (--spec).
func check(s std, args []string) int {
	bad := func(format string, a ...any) int {
		fmt.Fprintf(s.err, "paxosgame check: "+format+"\n", a...)
		return 2
	}
	a, err := readCheckArgs(args)
	if err != nil {
		return bad("%s", err)
	}
	progress := func(w io.Writer) func(string) {
		return func(s string) { fmt.Fprintf(w, "\r%s  ", s) }
	}(s.err)
	if a.spec {
		return checkSpec(a.params, a.workers, a.limits, s.out, progress)
	}
	if a.out != "" {
		if err := atomicfile.CheckOutput(a.out, a.force, a.file); err != nil { // before a long search
			return bad("-o: %s", game.Printable(err.Error()))
		}
	}
	if len(a.ruleFlags) > 0 {
		return bad("--rule is for --spec; in a game, write the line 'rule %s %s' in FILE", a.ruleFlags[1], a.ruleFlags[2])
	}
	name, src, err := a.setup()
	if err != nil {
		return bad("%s", game.Printable(err.Error()))
	}
	start, prefix, err := explore.Start(name, src)
	if err != nil {
		fmt.Fprintln(s.err, narrate.Error(err))
		return 2
	}
	if !a.proposersGiven && len(start.Proposers) < len(a.bounds.Proposers) {
		a.bounds.Proposers = a.bounds.Proposers[:len(start.Proposers)]
	}
	for _, n := range a.bounds.Proposers {
		if n > len(start.Proposers) {
			return bad("--proposers: the cluster has no P%d", n)
		}
	}
	opts := explore.Options{Workers: a.workers, Symmetry: a.symmetry, NoReduce: a.noReduce, MaxMemory: a.limits.MaxMemory, MaxStates: a.limits.MaxStates}
	switch {
	case a.refines:
		if len(a.finds) > 0 || a.forever {
			return bad("--refines takes no --find and no --forever")
		}
		cmds, err := game.Parse(name, src) // read once already: no error
		if err != nil {
			fmt.Fprintln(s.err, err)
			return 2
		}
		return checkRefines(name, cmds, prefix, a.bounds, opts, a.out, s, progress)
	case a.bounds.InFlight > 0 && !a.forever:
		return bad("--in-flight is for --forever")
	case a.forever:
		if len(a.finds) > 0 || a.symmetry {
			return bad("--forever takes no --find and no --symmetry")
		}
		if !a.ballotsGiven {
			a.bounds.Ballots = explore.ForeverRounds
		}
		opts.Symmetry, opts.NoReduce = false, false
		return checkForever(name, start, prefix, a.bounds, opts, a.out, s, progress)
	}
	var conds []game.Command
	for _, f := range a.finds {
		c, perr := game.ParseFind(f, start) // as run reads an expect line
		if perr != nil {
			return bad("--find %q, column %d: %s", game.Printable(f), perr.Col, narrate.Error(perr))
		}
		conds = append(conds, c)
	}
	return checkSearch(name, start, prefix, conds, a.bounds, !a.boundsGiven, opts, a.out, s, progress)
}

// setup is the script check starts from: FILE, or the default setup.
func (a *checkArgs) setup() (name, src string, err error) {
	name, src = "(default)", checkDefault
	if a.refines {
		// A refinement keeps each state whole, every message ever sent in
		// it, and tells states apart by what was sent: with two proposers
		// the default search takes 1,022,414 states, 30 s and 3.7 GB. So
		// by default P1 alone, with a learner (it may learn only what is
		// chosen in msgs).
		src = refinesDefault
		if !a.proposersGiven {
			a.bounds.Proposers = []int{1}
		}
	}
	if a.file == "" {
		return name, src, nil
	}
	text, err := game.ReadScript(a.file)
	if err != nil {
		return "", "", err
	}
	return game.Printable(a.file), string(text), nil
}
