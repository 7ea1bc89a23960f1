package cli

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"paxosgame/explore/budget"
	"paxosgame/game"
	"paxosgame/internal/words"
	"paxosgame/lessons"
	"paxosgame/plain"
)

const lessonUsage = `usage:
  paxosgame lesson list                    the course, with your progress
  paxosgame lesson play NAME|FILE [--watch | --plain]
                                           play a lesson (NAME or its number from list);
                                           --watch reloads FILE when it changes;
                                           --plain plays it line by line, for a
                                           screen reader or a braille display
  paxosgame lesson lint [--strict] [--par-states N] [--max-memory SIZE] FILE...
                                           every mistake in lesson files, with file:line:col,
                                           and warnings of what likely is one; exit 0 when
                                           there is no mistake (1 with --strict when there
                                           is a warning), 2 otherwise; a challenge's par must
                                           be the fewest commands that reach its goal,
                                           searched in up to N states (100,000) and SIZE of
                                           memory (a quarter of the machine's)
  paxosgame lesson check [-v] [NAME|FILE...]
                                           play every solution and question headless
                                           (all built-in lessons when none is named);
                                           -v also prints what the student reads;
                                           exit 0 when all goals are reached, 1 when not,
                                           2 when a lesson cannot be read
  paxosgame lesson reset NAME|FILE|--all   forget the progress of one lesson, or all

Progress is kept in $PAXOSGAME_CONFIG_DIR/progress.json when that is set,
else in paxosgame/progress.json under your config directory.
`

// lessonCommands are the subcommands of paxosgame lesson.
var lessonCommands = []*command{
	{name: "list", run: lessonList},
	{name: "play", run: lessonPlay, flags: specs("--watch", "--plain"), operands: lessonNames},
	{name: "lint", run: lessonLint, flags: specs("--strict", "--par-states N", "--max-memory SIZE")},
	{name: "check", run: lessonCheck, flags: specs("-v"), operands: lessonNames},
	{name: "reset", run: lessonReset, flags: specs("--all"), operands: lessonNames},
	{name: "help", run: func(s std, _ []string) int { fmt.Fprint(s.out, lessonUsage); return 0 }},
}

// lessonNames are the names of the built-in lessons, in the course's
// order.
func lessonNames() []string { return lessons.Builtins() }

// lesson is `paxosgame lesson ...`.
func lesson(s std, args []string) int {
	if len(args) == 0 {
		fmt.Fprint(s.err, lessonUsage)
		return 2
	}
	c := find(lessonCommands, args[0])
	if c == nil {
		fmt.Fprintf(s.err, "paxosgame lesson: unknown command %q\n\n%s", args[0], lessonUsage)
		return 2
	}
	return c.run(s, args[1:])
}

// tellNotices prints the store's problems, once each.
func tellNotices(st *lessons.Store, stderr io.Writer) {
	for _, n := range st.Notices() {
		fmt.Fprintln(stderr, "paxosgame:", n)
	}
}

func lessonList(s std, _ []string) int {
	stdout, stderr := s.out, s.err
	st := lessons.OpenStore()
	tellNotices(st, stderr)
	course, err := lessons.Course()
	if err != nil {
		fmt.Fprintf(stderr, "paxosgame lesson: %v\n", err)
		return 2
	}
	width := 0
	for _, l := range course {
		width = max(width, len(l.Name))
	}
	where := "not saved"
	if st.Path() != "" {
		where = "kept in " + st.Path()
	}
	fmt.Fprintf(stdout, "The course (your progress is %s):\n\n", where)
	for i, l := range course {
		line := fmt.Sprintf("%3d  %-*s %-31s %s", i+1, width, l.Name, l.Title, st.Get(l.Key()).Describe(l))
		fmt.Fprintln(stdout, strings.TrimRight(line, " "))
	}
	fmt.Fprintln(stdout, "\nStart one with: paxosgame lesson play NAME (or its number)")
	return 0
}

// lessonPlay opens the lesson on the screen, or line by line (--plain).
func lessonPlay(s std, args []string) int {
	stdout, stderr := s.out, s.err
	var opts lessons.PlayOptions
	var names []string
	for _, a := range args {
		switch a {
		case "--watch":
			opts.Watch = true
			continue
		case "--plain":
			opts.Plain = true
			continue
		}
		names = append(names, a)
	}
	if len(names) != 1 {
		fmt.Fprintln(stderr, "paxosgame lesson play: name one lesson (paxosgame lesson list shows them) or a lesson file")
		return 2
	}
	l, err := lessons.Load(names[0])
	if err != nil {
		fmt.Fprintf(stderr, "paxosgame lesson play: %v\n", err)
		return 2
	}
	if opts.Plain && opts.Watch {
		fmt.Fprintln(stderr, "paxosgame lesson play: --watch is for the screen; --plain reads the lesson as it is")
		return 2
	}
	if !l.Builtin() {
		opts.Path = names[0]
	} else if opts.Watch {
		fmt.Fprintln(stderr, "paxosgame lesson play: --watch is for lesson files; built-in lessons do not change")
		return 2
	}
	opts.Store = lessons.OpenStore()
	if opts.Plain {
		return plain.PlayLesson(l, opts.Store, s.in, stdout, stderr)
	}
	return lessonScreen(l, opts, stdout, stderr)
}

func lessonLint(s std, args []string) int {
	stdout, stderr := s.out, s.err
	par := lessons.DefaultParBudget()
	strict := false
	var files []string
	for i := 0; i < len(args); i++ {
		switch args[i] {
		case "--strict":
			strict = true
		case "--par-states":
			n, err := 0, error(nil)
			if i+1 < len(args) {
				n, err = strconv.Atoi(strings.ReplaceAll(args[i+1], ",", ""))
			}
			if i+1 == len(args) || err != nil || n < 1 {
				fmt.Fprintln(stderr, "paxosgame lesson lint: --par-states takes a number of states, such as --par-states 1000000")
				return 2
			}
			par.States, i = n, i+1
		case "--max-memory":
			var size uint64
			err := errors.New("missing")
			if i+1 < len(args) {
				size, err = budget.ParseSize(args[i+1])
			}
			if err != nil {
				fmt.Fprintf(stderr, "paxosgame lesson lint: --max-memory takes %s\n", budget.ParseSizeHelp)
				return 2
			}
			par.Memory, i = size, i+1
		default:
			files = append(files, args[i])
		}
	}
	if len(files) == 0 {
		fmt.Fprintln(stderr, "paxosgame lesson lint: name at least one lesson file")
		return 2
	}
	status := 0
	for _, f := range files {
		src, err := game.ReadScript(f)
		if err != nil {
			fmt.Fprintf(stderr, "paxosgame lesson lint: %s\n", game.Printable(err.Error()))
			status = 2
			continue
		}
		r, err := lessons.LintWithin(f, string(src), par)
		if err != nil {
			fmt.Fprintln(stderr, err)
			status = 2
			continue
		}
		writeWarnings(stderr, r.Warns)
		verdict := "ok"
		if n := len(r.Warns); n > 0 {
			verdict = fmt.Sprintf("ok, with %s", words.Counted(n, "warning"))
			if strict {
				status = max(status, 1)
			}
		}
		fmt.Fprintf(stdout, "%s: %s\n", game.Printable(f), verdict)
		for _, g := range r.Goals {
			if s := g.Search; s != nil && s.Complete {
				fmt.Fprintf(stdout, "  %s\n", s.Words(g))
			}
		}
	}
	return status
}

// writeWarnings writes each warning as file:line:col: warning: what.
func writeWarnings(w io.Writer, warns game.Errors) {
	for _, e := range warns {
		c := *e
		c.Msg = "warning: " + c.Msg
		fmt.Fprintln(w, c.Error())
	}
}

func lessonCheck(s std, args []string) int {
	stdout, stderr := s.out, s.err
	verbose := len(args) > 0 && args[0] == "-v"
	if verbose {
		args = args[1:]
	}
	if len(args) == 0 {
		args = lessons.Builtins()
	}
	status := 0
	for _, a := range args {
		l, err := lessons.Load(a)
		if err != nil {
			fmt.Fprintln(stderr, err)
			status = 2
			continue
		}
		r := lessons.Check(l)
		if verbose && r.Errs == nil {
			if err := lessons.Transcript(stdout, l); err != nil {
				fmt.Fprintln(stderr, err)
			}
			fmt.Fprintln(stdout)
		}
		if !report(r, stdout, stderr) {
			status = max(status, 1)
		}
	}
	return status
}

// report writes what lessons.Check found in one lesson; false when a
// goal or a question failed.
func report(r *lessons.Report, stdout, stderr io.Writer) bool {
	l := r.Lesson
	fmt.Fprintf(stdout, "== %s: %s\n", game.Printable(l.Name), l.Title)
	type entry struct {
		line int
		text string
	}
	var entries []entry // in the order of the file
	for _, p := range r.Predicts {
		mark := "✓"
		if !p.Listed {
			mark = "✗"
		}
		if p.Do {
			entries = append(entries, entry{p.Line, fmt.Sprintf("%s question at line %d, answered by acting: the lesson goes on from each of %s", mark, p.Line, p.Answer)})
			continue
		}
		entries = append(entries, entry{p.Line, fmt.Sprintf("%s question at line %d: the answer is %s", mark, p.Line, p.Answer)})
	}
	reached := 0
	for _, g := range r.Goals {
		if g.Reached {
			reached++
			entries = append(entries, entry{g.Line, fmt.Sprintf("✓ goal at line %d reached by its solution in %s", g.Line, words.Counted(g.Par, "action"))})
		} else {
			entries = append(entries, entry{g.Line, fmt.Sprintf("✗ goal at line %d is not reached", g.Line)})
		}
	}
	for _, s := range r.Skipped {
		what := "goal"
		if s.Kind == lessons.KindPredict || s.Kind == lessons.KindDo {
			what = "question"
		}
		entries = append(entries, entry{s.Line, fmt.Sprintf("✗ %s at line %d is not played: the mistake at line %d stops its scene", what, s.Line, s.Cause)})
	}
	slices.SortStableFunc(entries, func(a, b entry) int { return cmp.Compare(a.line, b.line) })
	for _, e := range entries {
		fmt.Fprintf(stdout, "   %s\n", e.text)
	}
	if r.Errs != nil {
		fmt.Fprintln(stderr, r.Errs)
	}
	writeWarnings(stderr, r.Warns)
	verdict := "ok"
	if r.Errs != nil {
		verdict = words.Counted(len(r.Errs), "mistake")
	}
	fmt.Fprintf(stdout, "-- %s: %d of %d goals reached, %s; %s\n",
		game.Printable(l.Name), reached, l.Goals(), words.Counted(len(r.Predicts), "question"), verdict)
	return r.Errs == nil && reached == l.Goals()
}

func lessonReset(s std, args []string) int {
	stdout, stderr := s.out, s.err
	if len(args) != 1 {
		fmt.Fprintln(stderr, "paxosgame lesson reset: name one lesson, or --all")
		return 2
	}
	st := lessons.OpenStore()
	tellNotices(st, stderr)
	if args[0] == "--all" {
		if st.ResetAll() != nil {
			tellNotices(st, stderr)
			return 1
		}
		tellNotices(st, stderr)
		fmt.Fprintln(stdout, "All lesson progress is forgotten.")
		return 0
	}
	key := args[0]
	if l, err := lessons.Load(args[0]); err == nil {
		key = l.Key()
	} else if !strings.HasPrefix(key, "file:") {
		fmt.Fprintf(stderr, "paxosgame lesson reset: %v\n", err)
		return 2
	}
	if st.Reset(key) != nil {
		tellNotices(st, stderr)
		return 1
	}
	tellNotices(st, stderr)
	fmt.Fprintf(stdout, "Progress of %s is forgotten.\n", game.Printable(args[0]))
	return 0
}
