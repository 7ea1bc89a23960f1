package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"paxosgame/atomicfile"
	"paxosgame/explore"
	"paxosgame/export"
	"paxosgame/game"
	"paxosgame/narrate"
	"paxosgame/ui"
)

// exportUsage is the usage line of export.
const exportUsage = "usage: paxosgame export --format mermaid|svg|svg-dark|markdown|cast|exam FILE [-o OUT [--force]] [--from N] [--to M] [--slide] [--all-lanes] [--size 100x30] [--pace 1s] [--at STEP] [--answers] [--title T]"

// exportArgs are export's flags.
type exportArgs struct {
	format, title, size, pace, out  string
	at, from, to                    int
	answers, slide, allLanes, force bool
}

// exportFlagSet is export's flags, which set a; it writes its errors to
// w.
func exportFlagSet(a *exportArgs, w io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	fs.SetOutput(w)
	fs.Usage = func() { exportHelp(w) }
	fs.StringVar(&a.format, "format", "", "mermaid, svg, svg-dark, markdown, cast or exam")
	fs.IntVar(&a.at, "at", -1, "exam: the step whose state the sheet shows (default: just before the first question)")
	fs.BoolVar(&a.answers, "answers", false, "exam: add the key")
	fs.StringVar(&a.title, "title", "", "markdown, exam: the title (default: the exam's first comment, or the file's name)")
	fs.StringVar(&a.size, "size", "100x30", "cast: the terminal, WIDTHxHEIGHT, from 80x24 to 300x100")
	fs.StringVar(&a.pace, "pace", "1s", "cast: how long each step stays, from 0.1s to 10s")
	fs.IntVar(&a.from, "from", 0, "the first step to export (default: the first)")
	fs.IntVar(&a.to, "to", 0, "the last step to export (default: the last)")
	fs.BoolVar(&a.slide, "slide", false, "svg, svg-dark: a 16:9 slide, text and labels at least 18 px at 1920x1080")
	fs.BoolVar(&a.allLanes, "all-lanes", false, "a lane for every node, even one that never acts")
	fs.StringVar(&a.out, "o", "", "the file to write (default: standard output), in a directory that exists")
	fs.BoolVar(&a.force, "force", false, "replace OUT if it exists")
	return fs
}

// exportHelp is export's help: its usage and its flags.
func exportHelp(w io.Writer) {
	fmt.Fprintf(w, "%s\n\nflags:\n", exportUsage)
	fs := exportFlagSet(new(exportArgs), w)
	fs.PrintDefaults()
}

// exportRun is `paxosgame export --format mermaid|svg|svg-dark|markdown|cast
// |exam FILE [-o OUT [--force]] [--from N] [--to M] [--slide]
// [--all-lanes] [--size WxH] [--pace D] [--at STEP] [--answers]
// [--title T]`: it replays FILE and writes the run (steps N to M of it)
// in the format to OUT, or to standard output. OUT is made in a directory
// that exists, replaces a file only with --force, and never FILE.
// svg-dark is the SVG for a dark slide; --slide lays an SVG out on a 16:9
// slide; --all-lanes keeps the lanes of nodes that never act; cast is the
// play screen at each step, an asciicast of --size played at --pace (see
// ui.Cast); exam is an exam sheet of the state at --at STEP, with
// --answers its key (see export.Exam); --title names a handout or an
// exam. Exit 0, 2 on bad input (nothing is written), 1 when OUT cannot be
// written.
func exportRun(s std, args []string) int {
	stdout, stderr := s.out, s.err
	var a exportArgs
	fs := exportFlagSet(&a, stderr)
	// Flags may come after the file, as the usage line writes them.
	var files []string
	for len(args) > 0 {
		if err := fs.Parse(args); err != nil {
			return 2
		}
		args = fs.Args()
		if len(args) > 0 {
			files, args = append(files, args[0]), args[1:]
		}
	}
	if len(files) != 1 || a.format == "" {
		fmt.Fprintln(stderr, exportUsage)
		return 2
	}
	o, err := a.options(fs)
	if err != nil {
		fmt.Fprintf(stderr, "paxosgame export: %s\n", err)
		return 2
	}
	src, err := game.ReadScript(files[0])
	if err != nil {
		fmt.Fprintf(stderr, "paxosgame export: %s\n", game.Printable(err.Error()))
		return 2
	}
	title := strings.TrimSuffix(filepath.Base(files[0]), filepath.Ext(files[0]))
	if a.title != "" {
		title = a.title
	}
	if a.format == "exam" {
		return exportExam(&a, files[0], string(src), s)
	}
	g, err := game.Open(game.Printable(files[0]), string(src))
	if err != nil {
		fmt.Fprintf(stderr, "%s\n", narrate.Error(err))
		return 2
	}
	o.Title = a.title
	text, err := export.ExportPart(a.format, title, g, o)
	if err != nil {
		if _, ok := errors.AsType[*export.TooLongForASlide](err); ok {
			err = fmt.Errorf("%w: export each with --from and --to", err)
		}
		fmt.Fprintf(stderr, "paxosgame export: %s\n", narrate.Error(err))
		return 2
	}
	return writeExport(text, a.out, a.force, files[0], stdout, stderr)
}

// options are the export.Options the flags given ask for, or the first
// flag that does not go with --format or has a bad value.
func (a *exportArgs) options(fs *flag.FlagSet) (export.Options, error) {
	o := export.Options{From: a.from, To: a.to, Slide: a.slide, AllLanes: a.allLanes, Cast: export.DefaultCast, Screen: ui.Cast}
	var bad error
	fs.Visit(func(f *flag.Flag) {
		var err error
		switch {
		case (f.Name == "at" || f.Name == "answers") && a.format != "exam":
			err = fmt.Errorf("--%s goes with --format exam", f.Name)
		case f.Name == "at" && a.at < 0:
			err = fmt.Errorf("--at takes a step, from 0 (the start, once set up)")
		case f.Name == "title" && a.format != "exam" && a.format != "markdown":
			err = fmt.Errorf("--title goes with --format markdown or exam")
		case f.Name == "title":
			if fl, bad := game.FirstFlawInText(a.title); bad {
				err = fmt.Errorf("--title is printable text: %s", fl.Sentence("a title"))
			}
		case f.Name == "from" && a.from < 1, f.Name == "to" && a.to < 1:
			err = fmt.Errorf("--%s %s: steps count from 1", f.Name, f.Value)
		case f.Name == "all-lanes" && a.format == "cast":
			err = errors.New("--all-lanes goes with --format mermaid, svg, svg-dark or markdown")
		case f.Name != "size" && f.Name != "pace":
			return
		case a.format != "cast":
			err = fmt.Errorf("--%s goes with --format cast", f.Name)
		case f.Name == "size":
			o.Cast.Width, o.Cast.Height, err = export.ParseSize(a.size)
		default:
			o.Cast.Pace, err = export.ParsePace(a.pace)
		}
		if bad == nil {
			bad = err
		}
	})
	return o, bad
}

// exportExam is export --format exam: the sheet of the scenario src read
// from file, with its key if --answers.
func exportExam(a *exportArgs, file, src string, s std) int {
	stdout, stderr := s.out, s.err
	if a.out != "" {
		if err := atomicfile.CheckOutput(a.out, a.force, file); err != nil { // before the searches of the key
			fmt.Fprintf(stderr, "paxosgame export: -o: %s\n", game.Printable(err.Error()))
			return 2
		}
	}
	shown := false
	opts := export.ExamOptions{At: a.at, Answers: a.answers, Title: a.title, Progress: func(q int, st explore.Stats) {
		shown = true
		fmt.Fprintf(stderr, "\rquestion %d: %s states, depth %d  ", q, explore.Commas(st.States), st.Depth)
	}}
	text, err := export.Exam(game.Printable(file), src, opts)
	if shown {
		fmt.Fprintln(stderr)
	}
	if err != nil {
		fmt.Fprintf(stderr, "paxosgame export: %s\n", narrate.Error(err))
		return 2
	}
	return writeExport(text, a.out, a.force, file, stdout, stderr)
}

// writeExport writes text to out, or to stdout when out is "", never over the
// script it comes from.
func writeExport(text, out string, force bool, from string, stdout, stderr io.Writer) int {
	var err error
	if out == "" {
		_, err = io.WriteString(stdout, text)
	} else {
		err = atomicfile.Output(out, []byte(text), force, from)
	}
	if err != nil {
		fmt.Fprintf(stderr, "paxosgame export: %s\n", game.Printable(err.Error()))
		return 1
	}
	return 0
}
