// Command paxosgame is an interactive terminal game for learning and
// teaching the Paxos consensus algorithm. See README.md.
package main

import (
	"fmt"
	"io"
	"os"

	"paxosgame/classroom"
	"paxosgame/export"
	"paxosgame/game"
	"paxosgame/lessons"
	"paxosgame/narrate"
	"paxosgame/plain"
	"paxosgame/ui"
)

const usage = `paxosgame — learn Paxos by playing it

usage:
  paxosgame                                   the game (home screen)
  paxosgame play [--plain] [FILE]             free play: a new game, or the saved script or
                                              scenario FILE loaded; --plain plays line by
                                              line, for a screen reader or braille display
  paxosgame run FILE...                       replay scripts headless and print the narrated
                                              transcript; exit 0 when every expect holds,
                                              1 when one fails, 2 on bad input
  paxosgame lesson list                       the course, with your progress
  paxosgame lesson play NAME|FILE [--watch | --plain]
                                              a guided lesson
  paxosgame lesson lint [--strict] FILE...    check a lesson file you wrote (--strict: a warning fails)
  paxosgame lesson check [-v] [NAME|FILE...]  play every solution headless
  paxosgame lesson reset NAME|FILE|--all      forget progress
  paxosgame check [FILE] [bounds] [--find 'expect …'] [-o OUT]
                                              explore every run within bounds, breadth first:
                                              the shortest that breaks Agreement, or a verdict
                                              (paxosgame check -h for the bounds)
  paxosgame check --spec [--acceptors 3] [--values 2] [--max-ballot 1]
                                              Lamport's Paxos.tla with TLC's counts
  paxosgame serve [--listen 127.0.0.1:2222] [--code CODE] [FILE]
                                              the classroom: students join this game over
                                              SSH (paxosgame serve -h for the limits)
  paxosgame export --format mermaid|svg|svg-dark|markdown|cast FILE [-o OUT]
                  [--force] [--from N] [--to M] [--slide] [--all-lanes]
                  [--size 100x30] [--pace 1s]
                                              the run of FILE (steps N to M) as a Mermaid
                                              sequence diagram, an SVG space-time diagram
                                              (--slide: on a 16:9 slide), a Markdown
                                              handout, or the play screen step by step
                                              (asciicast v2)
  paxosgame export --format exam FILE [--at STEP] [--answers] [--title T] [-o OUT]
                                              an exam sheet: the state at a step as tables and
                                              the scenario's questions; --answers adds the key
  paxosgame help                              this text
`

// The screens of `paxosgame` and `paxosgame play [FILE]`, as variables so
// that a test sees which one a command line opens, with no terminal.
var (
	homeScreen = ui.Home
	playScreen = ui.Main
	playPlain  = plain.Main
)

// stdin is what the plain mode reads (a test gives it lines).
var stdin io.Reader = os.Stdin

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run is the whole command line, returning the exit status.
func run(args []string, stdout, stderr io.Writer) int {
	lessons.Play = playLesson
	export.Cast = ui.Cast
	if len(args) == 0 {
		return homeScreen(stdout, stderr)
	}
	switch args[0] {
	case "play":
		if files, ok := withoutPlain(args[1:]); ok {
			return playPlain(files, stdin, stdout, stderr)
		}
		return playScreen(args[1:], stdout, stderr)
	case "lesson":
		return lessons.Command(args[1:], stdout, stderr)
	case "run":
		return runScripts(args[1:], stdout, stderr)
	case "check":
		return checkCommand(args[1:], stdout, stderr)
	case "serve":
		return classroom.Serve(args[1:], stdout, stderr)
	case "export":
		return export.Command(args[1:], stdout, stderr)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	}
	fmt.Fprintf(stderr, "paxosgame: unknown command %q\n\n%s", args[0], usage)
	return 2
}

// withoutPlain is args without --plain, and whether it was there.
func withoutPlain(args []string) ([]string, bool) {
	var out []string
	found := false
	for _, a := range args {
		if a == "--plain" {
			found = true
			continue
		}
		out = append(out, a)
	}
	return out, found
}

// playLesson is lessons.Play: the lesson screen, or line by line.
func playLesson(l *lessons.Lesson, opts lessons.PlayOptions, stdout, stderr io.Writer) int {
	if opts.Plain {
		return plain.PlayLesson(l, opts.Store, stdin, stdout, stderr)
	}
	return ui.PlayLesson(l, opts, stdout, stderr)
}

// runScripts replays each file; the status is the worst of them.
func runScripts(files []string, stdout, stderr io.Writer) int {
	if len(files) == 0 {
		fmt.Fprintln(stderr, "paxosgame run: name at least one script file")
		return narrate.RunBadInput
	}
	status := narrate.RunOK
	for _, f := range files {
		src, err := game.ReadScript(f)
		if err != nil {
			fmt.Fprintf(stderr, "paxosgame run: %s\n", game.Printable(err.Error()))
			return narrate.RunBadInput
		}
		status = max(status, narrate.Run(stdout, stderr, game.Printable(f), string(src)))
		if status == narrate.RunBadInput {
			return status // nothing runs past input that cannot be run
		}
	}
	return status
}
