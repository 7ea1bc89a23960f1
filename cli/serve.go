package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"path/filepath"
	"strings"

	"paxosgame/classroom"
	"paxosgame/game"
	"paxosgame/lessons"
	"paxosgame/narrate"
	"paxosgame/table"
)

// serveUsage is the command line of serve; the flags follow it.
const serveUsage = `usage: paxosgame serve [flags] [FILE]

The classroom: an SSH server whose students join the game this terminal
shows (ssh -p 2222 HOST), take its nodes and answer polls. FILE is a
script to start from.

flags:
`

// serveFlagSet is serve's flags, which set cfg (from classroom.Defaults);
// its Usage writes to w.
func serveFlagSet(cfg *classroom.Config, w io.Writer) *flag.FlagSet {
	*cfg = classroom.Defaults
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(w)
	fs.Usage = func() {
		fmt.Fprint(w, serveUsage)
		fs.PrintDefaults()
	}
	fs.StringVar(&cfg.Listen, "listen", cfg.Listen, "host:port to listen on (0.0.0.0:2222 for the whole network)")
	fs.StringVar(&cfg.Code, "code", "", "a room code students give after -t")
	fs.IntVar(&cfg.MaxSessions, "sessions", cfg.MaxSessions, "most SSH sessions at once")
	fs.IntVar(&cfg.MaxConns, "conns", cfg.MaxConns, "most connections at once, with a session or not")
	fs.IntVar(&cfg.PerAddress, "per-address", cfg.PerAddress, "most connections at once from one address (raise it when the class comes through one NAT)")
	fs.IntVar(&cfg.SoloKeys, "solo-keys", cfg.SoloKeys, "SSH keys whose progress alone (-t solo) is kept; the oldest are set aside")
	fs.DurationVar(&cfg.Idle, "idle", cfg.Idle, "a session with no key for this long ends (0: never)")
	fs.IntVar(&cfg.MaxLine, "line", cfg.MaxLine, "the longest line a student may type")
	fs.IntVar(&cfg.CommandsPerSec, "commands", cfg.CommandsPerSec, "a student's commands a second")
	fs.IntVar(&cfg.AnswersPerSec, "answers", cfg.AnswersPerSec, "a student's poll answers a second")
	return fs
}

// serveHelp is serve's help: its usage and its flags.
func serveHelp(w io.Writer) { serveFlagSet(new(classroom.Config), w).Usage() }

// serveFlags reads serve's command line into a classroom.Config and the
// script to load ("" for none).
func serveFlags(args []string, stderr io.Writer) (classroom.Config, string, error) {
	var cfg classroom.Config
	fs := serveFlagSet(&cfg, stderr)
	if err := fs.Parse(args); err != nil {
		return cfg, "", err
	}
	if fs.NArg() > 1 {
		return cfg, "", errors.New("give at most one script file")
	}
	if strings.ContainsFunc(cfg.Code, func(r rune) bool { return r <= ' ' || r == 0x7f }) {
		return cfg, "", errors.New("a room code has no spaces nor control characters")
	}
	return cfg, fs.Arg(0), nil
}

// serve is `paxosgame serve`: the server, and the lecturer's board in
// this terminal.
func serve(s std, args []string) int {
	cfg, file, err := serveFlags(args, s.err)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		fmt.Fprintf(s.err, "paxosgame serve: %s\n", game.Printable(err.Error()))
		return 2
	}
	if _, err := net.ResolveTCPAddr("tcp", cfg.Listen); err != nil { // before the server makes its host key
		fmt.Fprintf(s.err, "paxosgame serve: --listen: %s\n", game.Printable(err.Error()))
		return 2
	}
	if cfg.Dir, err = lessons.ConfigDir(); err != nil {
		fmt.Fprintf(s.err, "paxosgame serve: %v (set %s to a directory)\n", err, lessons.ConfigEnv)
		return 1
	}
	g, title, err := roomGame(file)
	if err != nil {
		fmt.Fprintf(s.err, "paxosgame serve: %s\n", game.Printable(narrate.Error(err)))
		return 2
	}
	t := table.New(g, title, file)
	defer t.Close()
	logs, err := classroom.Run(cfg, t, s.out)
	if logs != "" {
		fmt.Fprintln(s.err, logs)
	}
	if err != nil {
		fmt.Fprintf(s.err, "paxosgame serve: %s\n", game.Printable(err.Error()))
		return 1
	}
	return 0
}

// roomGame is the room's first game: the script file, or a new one.
func roomGame(file string) (*game.Game, string, error) {
	if file == "" {
		return game.NewGame(), "classroom", nil
	}
	src, err := game.ReadScript(file)
	if err != nil {
		return nil, "", err
	}
	g, err := game.Open(file, string(src))
	if err != nil {
		return nil, "", err
	}
	return g, filepath.Base(file), nil
}
