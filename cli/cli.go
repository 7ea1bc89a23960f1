// Package cli is paxosgame's command line: every subcommand, its flags,
// its help, the shell's completion of them, and the exit status, wired in
// one place. The packages below it are libraries: each command here
// parses its arguments and calls them, passing what they need (the play
// screen, the standard streams) as arguments; none is set up behind
// their back.
package cli

import (
	"fmt"
	"io"
	"slices"

	"paxosgame/classroom"
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
  paxosgame help [COMMAND]                    this text, or a command's (as COMMAND -h)
  paxosgame --version                         which paxosgame this is
  paxosgame completion bash|zsh|fish          the shell's completion of commands, flags and
                                              lesson names: source <(paxosgame completion bash)
`

// std is where a command reads and writes: the process's standard
// streams, or a test's.
type std struct {
	in       io.Reader
	out, err io.Writer
}

// A command is one subcommand of paxosgame (or of paxosgame lesson).
type command struct {
	name string
	run  func(s std, args []string) int
	// help writes the command's help, for COMMAND -h and help COMMAND.
	help func(w io.Writer)
	// flags are the command's flags, as the shell completes them.
	flags []flagSpec
	// operands is what the shell completes after the flags: files
	// (nil), lesson names, or these words.
	operands func() []string
	subs     []*command // lesson's
}

// commands is every subcommand of paxosgame, in the order of the usage
// (set by init: help, in it, looks commands up).
var commands []*command

func init() {
	commands = []*command{
		{name: "play", run: play, help: text(playUsage), flags: specs("--plain")},
		{name: "run", run: runScripts, help: text(runUsage)},
		{name: "lesson", run: lesson, help: text(lessonUsage), subs: lessonCommands},
		{name: "check", run: check, help: text(checkUsage), flags: checkSpecs()},
		{name: "serve", run: serve, help: serveHelp, flags: goFlagSpecs(serveFlagSet(new(classroom.Config), io.Discard))},
		{name: "export", run: exportRun, help: exportHelp, flags: goFlagSpecs(exportFlagSet(new(exportArgs), io.Discard))},
		{name: "help", run: help, help: text(usage), operands: commandNames},
		{name: "version", run: version, help: text(versionUsage)},
		{name: "completion", run: completion, help: text(completionUsage), operands: func() []string { return shells }},
		{name: completeCommand, run: complete}, // the shells' call back, unlisted
	}
}

// Run is the whole command line: args are the words after paxosgame; it
// returns the exit status.
func Run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	s := std{stdin, stdout, stderr}
	if len(args) == 0 {
		return homeScreen(stdout, stderr)
	}
	switch args[0] {
	case "-h", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	case "--version":
		return version(s, args[1:])
	}
	c := find(commands, args[0])
	if c == nil {
		fmt.Fprintf(stderr, "paxosgame: unknown command %q\n\n%s", args[0], usage)
		return 2
	}
	if c.name != "help" && c.help != nil && asksHelp(args[1:]) {
		c.help(stdout)
		return 0
	}
	return c.run(s, args[1:])
}

// find is the command of that name, or nil.
func find(cs []*command, name string) *command {
	i := slices.IndexFunc(cs, func(c *command) bool { return c.name == name })
	if i < 0 {
		return nil
	}
	return cs[i]
}

// text is a help that writes usage.
func text(usage string) func(io.Writer) {
	return func(w io.Writer) { fmt.Fprint(w, usage) }
}

// asksHelp is whether args ask for help rather than run: -h or --help
// among them.
func asksHelp(args []string) bool {
	return slices.ContainsFunc(args, func(a string) bool { return a == "-h" || a == "--help" })
}

// help is `paxosgame help [COMMAND]`.
func help(s std, args []string) int {
	if len(args) == 0 || asksHelp(args[:1]) {
		fmt.Fprint(s.out, usage)
		return 0
	}
	c := find(commands, args[0])
	if c == nil || c.help == nil {
		fmt.Fprintf(s.err, "paxosgame help: unknown command %q\n\n%s", args[0], usage)
		return 2
	}
	c.help(s.out)
	return 0
}

// commandNames are the commands a person types (not the shells' call
// back).
func commandNames() []string {
	var names []string
	for _, c := range commands {
		if c.help != nil {
			names = append(names, c.name)
		}
	}
	return names
}
