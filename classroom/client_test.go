package classroom

import (
	"bytes"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	gossh "golang.org/x/crypto/ssh"

	"paxosgame/game"
	"paxosgame/table"
)

// client is an SSH client of the test: a terminal of w×h that keeps
// every byte the server sent, and when each arrived.
type client struct {
	t    testing.TB
	conn *gossh.Client
	sess *gossh.Session
	in   io.WriteCloser

	mu    sync.Mutex
	out   bytes.Buffer
	last  time.Time   // when the last read arrived
	times []time.Time // when each read arrived (the last 1,000)
	done  chan struct{}
}

// dial connects as user, asks for a pty of w×h (none when w is 0) and
// runs cmd ("" for a shell).
func dial(t testing.TB, addr, user, cmd string, w, h int) *client {
	t.Helper()
	return dialWith(t, addr, user, cmd, w, h, gossh.KeyboardInteractive(func(string, string, []string, []bool) ([]string, error) { return nil, nil }))
}

// dialWith is dial with the given way to authenticate: a public key, say.
func dialWith(t testing.TB, addr, user, cmd string, w, h int, auth gossh.AuthMethod) *client {
	t.Helper()
	conn, err := gossh.Dial("tcp", addr, &gossh.ClientConfig{
		User:            user,
		Auth:            []gossh.AuthMethod{auth},
		HostKeyCallback: gossh.InsecureIgnoreHostKey(),
		Timeout:         10 * time.Second,
	})
	if err != nil {
		t.Fatalf("dial: %v", err)
	}
	sess, err := conn.NewSession()
	if err != nil {
		t.Fatalf("session: %v", err)
	}
	if w > 0 {
		if err := sess.RequestPty("xterm-256color", h, w, gossh.TerminalModes{}); err != nil {
			t.Fatalf("pty: %v", err)
		}
	}
	c := &client{t: t, conn: conn, sess: sess, done: make(chan struct{})}
	out, err := sess.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if c.in, err = sess.StdinPipe(); err != nil {
		t.Fatal(err)
	}
	errs, err := sess.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	go func() {
		b, _ := io.ReadAll(errs)
		c.mu.Lock()
		c.out.Write(b)
		c.mu.Unlock()
	}()
	go func() {
		defer close(c.done)
		buf := make([]byte, 32<<10)
		for {
			n, err := out.Read(buf)
			if n > 0 {
				c.mu.Lock()
				c.out.Write(buf[:n])
				c.last = time.Now()
				if len(c.times) == 1000 {
					c.times = c.times[:0]
				}
				c.times = append(c.times, c.last)
				c.mu.Unlock()
			}
			if err != nil {
				return
			}
		}
	}()
	if cmd == "" {
		err = sess.Shell()
	} else {
		err = sess.Start(cmd)
	}
	if err != nil {
		t.Fatalf("start: %v", err)
	}
	t.Cleanup(c.close)
	return c
}

func (c *client) close() {
	c.sess.Close()
	c.conn.Close()
}

// text is everything received, without escape codes.
func (c *client) text() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return ansi.Strip(c.out.String())
}

// waitFor waits until the text received holds s.
func (c *client) waitFor(s string, d time.Duration) bool {
	end := time.Now().Add(d)
	for time.Now().Before(end) {
		if strings.Contains(c.text(), s) {
			return true
		}
		time.Sleep(5 * time.Millisecond)
	}
	return false
}

// firstAfter is when the first read after t0 arrived; false when none
// has yet.
func (c *client) firstAfter(t0 time.Time) (time.Time, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, at := range c.times {
		if at.After(t0) {
			return at, true
		}
	}
	return time.Time{}, false
}

// quietSince is how long no read has arrived.
func (c *client) quietSince() time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	return time.Since(c.last)
}

// send types s.
func (c *client) send(s string) {
	if _, err := c.in.Write([]byte(s)); err != nil {
		c.t.Logf("send: %v", err)
	}
}

// newServer is a server on 127.0.0.1 with a fresh config directory and
// a new game; before it starts, each of set sets it up further.
func newServer(t testing.TB, cfg Config, set ...func(*Server)) *Server {
	t.Helper()
	if cfg.Listen == "" {
		cfg.Listen = "127.0.0.1:0"
	}
	cfg.Dir = t.TempDir()
	tb := table.New(game.NewGame(), "classroom", "")
	s, err := New(cfg, tb)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range set {
		f(s)
	}
	if err := s.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		s.Close()
		tb.Close()
	})
	return s
}

// limits is Defaults with the server's own address.
func limits() Config {
	c := Defaults
	c.Listen = "127.0.0.1:0"
	return c
}
