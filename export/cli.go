package export

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"paxosgame/atomicfile"
	"paxosgame/explore"
	"paxosgame/game"
	"paxosgame/narrate"
)

// Usage is the usage line of Command.
const Usage = "usage: paxosgame export --format mermaid|svg|svg-dark|markdown|cast|exam FILE [-o OUT [--force]] [--from N] [--to M] [--slide] [--all-lanes] [--size 100x30] [--pace 1s] [--at STEP] [--answers] [--title T]"

// Command is `paxosgame export --format mermaid|svg|svg-dark|markdown|cast
// |exam FILE [-o OUT [--force]] [--from N] [--to M] [--slide]
// [--all-lanes] [--size WxH] [--pace D] [--at STEP] [--answers]
// [--title T]`: it replays FILE and writes the run (steps N to M of it)
// in the format to OUT, or to standard output. OUT is made in a directory
// that exists, replaces a file only with --force, and never FILE.
// svg-dark is the SVG for a dark slide; --slide lays an SVG out on a 16:9
// slide; --all-lanes keeps the lanes of nodes that never act; cast is the
// play screen at each step, an asciicast of --size played at --pace (see
// Cast); exam is an exam sheet of the state at --at STEP, with --answers
// its key (see Exam); --title names a handout or an exam. Exit 0, 2 on
// bad input (nothing is written), 1 when OUT cannot be written.
func Command(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	fs.SetOutput(stderr)
	format := fs.String("format", "", "mermaid, svg, svg-dark, markdown, cast or exam")
	at := fs.Int("at", -1, "exam: the step whose state the sheet shows (default: just before the first question)")
	answers := fs.Bool("answers", false, "exam: add the key")
	titleFlag := fs.String("title", "", "markdown, exam: the title (default: the exam's first comment, or the file's name)")
	size := fs.String("size", "100x30", "cast: the terminal, WIDTHxHEIGHT, from 80x24 to 300x100")
	pace := fs.String("pace", "1s", "cast: how long each step stays, from 0.1s to 10s")
	from := fs.Int("from", 0, "the first step to export (default: the first)")
	to := fs.Int("to", 0, "the last step to export (default: the last)")
	slide := fs.Bool("slide", false, "svg, svg-dark: a 16:9 slide, text and labels at least 18 px at 1920x1080")
	allLanes := fs.Bool("all-lanes", false, "a lane for every node, even one that never acts")
	out := fs.String("o", "", "the file to write (default: standard output), in a directory that exists")
	force := fs.Bool("force", false, "replace OUT if it exists")
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
	if len(files) != 1 || *format == "" {
		fmt.Fprintln(stderr, Usage)
		return 2
	}
	o := Options{From: *from, To: *to, Slide: *slide, AllLanes: *allLanes, Cast: DefaultCast}
	var bad error
	fs.Visit(func(f *flag.Flag) {
		var err error
		switch {
		case (f.Name == "at" || f.Name == "answers") && *format != "exam":
			err = fmt.Errorf("--%s goes with --format exam", f.Name)
		case f.Name == "at" && *at < 0:
			err = fmt.Errorf("--at takes a step, from 0 (the start, once set up)")
		case f.Name == "title" && *format != "exam" && *format != "markdown":
			err = fmt.Errorf("--title goes with --format markdown or exam")
		case f.Name == "title":
			if fl, bad := game.FirstFlawInText(*titleFlag); bad {
				err = fmt.Errorf("--title is printable text: %s", fl.Sentence("a title"))
			}
		case f.Name == "from" && *from < 1, f.Name == "to" && *to < 1:
			err = fmt.Errorf("--%s %s: steps count from 1", f.Name, f.Value)
		case f.Name == "all-lanes" && *format == "cast":
			err = errors.New("--all-lanes goes with --format mermaid, svg, svg-dark or markdown")
		case f.Name != "size" && f.Name != "pace":
			return
		case *format != "cast":
			err = fmt.Errorf("--%s goes with --format cast", f.Name)
		case f.Name == "size":
			o.Cast.Width, o.Cast.Height, err = ParseSize(*size)
		default:
			o.Cast.Pace, err = ParsePace(*pace)
		}
		if bad == nil {
			bad = err
		}
	})
	if bad != nil {
		fmt.Fprintf(stderr, "paxosgame export: %s\n", bad)
		return 2
	}
	src, err := game.ReadScript(files[0])
	if err != nil {
		fmt.Fprintf(stderr, "paxosgame export: %s\n", game.Printable(err.Error()))
		return 2
	}
	title := strings.TrimSuffix(filepath.Base(files[0]), filepath.Ext(files[0]))
	if *titleFlag != "" {
		title = *titleFlag
	}
	var text string
	if *format == "exam" {
		if *out != "" {
			if err := atomicfile.CheckOutput(*out, *force, files[0]); err != nil { // before the searches of the key
				fmt.Fprintf(stderr, "paxosgame export: -o: %s\n", game.Printable(err.Error()))
				return 2
			}
		}
		shown := false
		opts := ExamOptions{At: *at, Answers: *answers, Title: *titleFlag, Progress: func(q int, s explore.Stats) {
			shown = true
			fmt.Fprintf(stderr, "\rquestion %d: %s states, depth %d  ", q, explore.Commas(s.States), s.Depth)
		}}
		text, err = Exam(game.Printable(files[0]), string(src), opts)
		if shown {
			fmt.Fprintln(stderr)
		}
		if err != nil {
			fmt.Fprintf(stderr, "paxosgame export: %s\n", narrate.Error(err))
			return 2
		}
		return write(text, *out, *force, files[0], stdout, stderr)
	}
	g, err := game.Open(game.Printable(files[0]), string(src))
	if err != nil {
		fmt.Fprintf(stderr, "%s\n", narrate.Error(err))
		return 2
	}
	o.Title = *titleFlag
	text, err = ExportPart(*format, title, g, o)
	if err != nil {
		if _, ok := errors.AsType[*TooLongForASlide](err); ok {
			err = fmt.Errorf("%w: export each with --from and --to", err)
		}
		fmt.Fprintf(stderr, "paxosgame export: %s\n", narrate.Error(err))
		return 2
	}
	return write(text, *out, *force, files[0], stdout, stderr)
}

// write writes text to out, or to stdout when out is "", never over the
// script it comes from.
func write(text, out string, force bool, from string, stdout, stderr io.Writer) int {
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
