package export

import (
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"paxosgame/atomicfile"
	"paxosgame/game"
)

// Command is `paxosgame export --format mermaid|svg|markdown FILE [-o OUT]`:
// it replays FILE and writes the run in the format to OUT, or to standard
// output. svg-dark is the SVG for a dark slide. Exit 0, or 2 on bad input.
func Command(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	fs.SetOutput(stderr)
	format := fs.String("format", "", "mermaid, svg, svg-dark or markdown")
	out := fs.String("o", "", "the file to write (default: standard output); an existing file is replaced")
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
		fmt.Fprintln(stderr, "usage: paxosgame export --format mermaid|svg|svg-dark|markdown FILE [-o OUT]")
		return 2
	}
	src, err := game.ReadScript(files[0])
	if err != nil {
		fmt.Fprintf(stderr, "paxosgame export: %s\n", game.Printable(err.Error()))
		return 2
	}
	g, err := game.Open(game.Printable(files[0]), string(src))
	if err != nil {
		fmt.Fprintf(stderr, "%s\n", err)
		return 2
	}
	title := strings.TrimSuffix(filepath.Base(files[0]), filepath.Ext(files[0]))
	text, err := Export(*format, title, g)
	if err != nil {
		fmt.Fprintf(stderr, "paxosgame export: %s\n", err)
		return 2
	}
	if *out == "" {
		_, err = io.WriteString(stdout, text)
	} else {
		err = atomicfile.Write(*out, []byte(text), true)
	}
	if err != nil {
		fmt.Fprintf(stderr, "paxosgame export: %s\n", game.Printable(err.Error()))
		return 1
	}
	return 0
}
