package classroom

import (
	"io"
	"os"
	"runtime/debug"
	"time"

	tea "charm.land/bubbletea/v2"

	"paxosgame/table"
)

// Run is the classroom of `paxosgame serve`: the server on cfg.Listen
// around table t, and the lecturer's board on out until the lecturer
// quits; then every student's terminal is given back, with a last line.
// logs is what the server logged ("" when it did not start).
func Run(cfg Config, t *table.Table, out io.Writer) (logs string, err error) {
	softMemoryLimit(cfg)
	s, err := New(cfg, t)
	if err == nil {
		err = s.Start()
	}
	if err != nil {
		return "", err
	}
	m := s.Lecturer(os.Getenv("NO_COLOR") != "", os.Getenv("PAXOSGAME_ASCII") != "")
	_, runErr := tea.NewProgram(m, tea.WithOutput(out)).Run()
	m.Close()
	s.End(Ended, 3*time.Second)
	s.Close()
	return s.Logs(), runErr
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
