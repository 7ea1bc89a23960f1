package classroom

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"paxosgame/game"
	"paxosgame/lessons"
	"paxosgame/narrate"
	"paxosgame/table"
)

// Usage is the command line of serve.
const Usage = `usage: paxosgame serve [flags] [FILE]

The classroom: an SSH server whose students join the game this terminal
shows (ssh -p 2222 HOST), take its nodes and answer polls. FILE is a
script to start from.

flags:
`

// ParseFlags reads serve's command line into a Config and the script to
// load ("" for none).
func ParseFlags(args []string, stderr io.Writer) (Config, string, error) {
	cfg := Defaults
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(stderr, Usage)
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

// Serve is `paxosgame serve`: the server, and the lecturer's board in
// this terminal. It returns the exit status.
func Serve(args []string, stdout, stderr io.Writer) int {
	cfg, file, err := ParseFlags(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		fmt.Fprintf(stderr, "paxosgame serve: %s\n", game.Printable(err.Error()))
		return 2
	}
	if _, err := net.ResolveTCPAddr("tcp", cfg.Listen); err != nil { // before New makes the host key
		fmt.Fprintf(stderr, "paxosgame serve: --listen: %s\n", game.Printable(err.Error()))
		return 2
	}
	if cfg.Dir, err = lessons.ConfigDir(); err != nil {
		fmt.Fprintf(stderr, "paxosgame serve: %v (set %s to a directory)\n", err, lessons.ConfigEnv)
		return 1
	}
	g, title, err := startGame(file)
	if err != nil {
		fmt.Fprintf(stderr, "paxosgame serve: %s\n", game.Printable(narrate.Error(err)))
		return 2
	}
	softMemoryLimit(cfg)
	t := table.New(g, title, file)
	defer t.Close()
	s, err := New(cfg, t)
	if err == nil {
		err = s.Start()
	}
	if err != nil {
		fmt.Fprintf(stderr, "paxosgame serve: %s\n", game.Printable(err.Error()))
		return 1
	}
	m := s.Lecturer(os.Getenv("NO_COLOR") != "", os.Getenv("PAXOSGAME_ASCII") != "")
	_, runErr := tea.NewProgram(m, tea.WithOutput(stdout)).Run()
	m.Close()
	s.End(Ended, 3*time.Second) // every student's terminal given back, with a last line
	s.Close()
	fmt.Fprintln(stderr, s.Logs())
	if runErr != nil {
		fmt.Fprintf(stderr, "paxosgame serve: %v\n", runErr)
		return 1
	}
	return 0
}

// softMemoryLimit asks the collector to keep the server's memory near what
// its sessions need (64 MB, and 1.5 MB a session: the budget of DESIGN §8),
// unless GOMEMLIMIT says otherwise: without it the heap may grow to twice
// what is live after the rush of a class joining (200 sessions: 500 MB
// where 250 are live).
func softMemoryLimit(cfg Config) {
	if os.Getenv("GOMEMLIMIT") != "" || cfg.MaxSessions <= 0 {
		return
	}
	debug.SetMemoryLimit(64<<20 + int64(cfg.MaxSessions)*(3<<19))
}

// startGame is the room's first game: the script file, or a new one.
func startGame(file string) (*game.Game, string, error) {
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
