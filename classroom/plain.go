package classroom

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
	"time"

	"charm.land/ssh"

	"paxosgame/game"
	"paxosgame/lessons"
	"paxosgame/narrate"
	"paxosgame/plain"
	"paxosgame/table"
)

// The game line by line over SSH (`ssh -p PORT HOST -t plain`, DESIGN
// §12): for a student with a screen reader or a braille display, the plain
// console at a student's seat of the room (or alone, -t solo plain), with
// no screen drawn. It needs no pty: with one (ssh -t) the console edits
// the line as a terminal would; without (ssh -T) the client's terminal
// does. It is bounded like a board: the line's length, lines a second,
// the student's commands and answers (the seat's limits), idle time, and
// the output waiting for a client that does not read.

// plainLinesPerSec is the most lines a second a plain session handles;
// more are ignored, and said so.
const plainLinesPerSec = 10

// maxQueued is the most bytes of output that wait for a client: the
// console writes while it holds the table's lock, so it never waits for
// the network; a client that has read none of these is too far behind,
// and its session ends.
const maxQueued = 256 << 10

// errBehind ends a plain session whose client does not read.
var errBehind = errors.New("the client reads too slowly: the session ends")

// plainArgs is the session's words without "plain", and whether it was
// there (-t plain, -t plain A2, -t solo plain 3).
func plainArgs(args []string) ([]string, bool) {
	var out []string
	found := false
	for _, a := range args {
		if strings.EqualFold(a, "plain") {
			found = true
			continue
		}
		out = append(out, a)
	}
	return out, found
}

// plain runs a session line by line: a student's seat of the room, or
// with solo a game of one's own (free play, or a lesson of the course
// named by its number or name, its progress kept under the SSH key).
func (s *Server) plain(sess ssh.Session, c *conn, args []string) {
	pty, _, raw := sess.Pty()
	in := newPump(sess, c)
	defer in.close()
	out := newQueue(sess, in.stop)
	defer out.close(2 * time.Second)
	c.stopWith(in.stop)
	opts := plain.Options{Raw: raw, ASCII: raw && asciiTerm(pty.Term), MaxLine: s.cfg.MaxLine, LinesPerSec: plainLinesPerSec}
	name := table.CleanName(sess.User())
	var err error
	if len(args) > 0 && strings.EqualFold(args[0], "solo") {
		err = s.plainSolo(sess, c, args[1:], in, out, opts)
	} else {
		seat, back, takeErr, ok := s.seatStudent(sess, c, args)
		if !ok {
			return
		}
		switch {
		case back:
			opts.Notice = "Welcome back: your place is kept."
		case takeErr != nil:
			opts.Notice = fmt.Sprintf("You asked for %s as you joined: %s.", args[0], strings.TrimSuffix(narrate.Error(takeErr), "."))
		}
		err = plain.Sit(seat, in, out, opts)
	}
	switch {
	case errors.Is(err, errBehind):
		s.log.Warn("too far behind", "name", name)
	case err != nil && !errors.Is(err, io.EOF):
		s.log.Warn("plain session", "name", name, "err", game.Printable(err.Error()))
	}
}

// plainSolo is -t solo plain [LESSON]: free play on a table of one's own,
// or a lesson of the course and the ones after it.
func (s *Server) plainSolo(sess ssh.Session, c *conn, args []string, in io.Reader, out io.Writer, opts plain.Options) error {
	name := table.CleanName(sess.User())
	if len(args) == 0 {
		s.log.Info("solo", "name", name, "plain", "free play")
		t := table.New(game.NewGame(), "free play", "")
		defer t.Close()
		return plain.Sit(t.Solo(false), in, out, opts)
	}
	l, err := courseLesson(args[0])
	if err != nil {
		fmt.Fprintf(out, "paxosgame: %s\r\n", game.Printable(err.Error()))
		return nil
	}
	s.log.Info("solo", "name", name, "plain", l.Name)
	opts.Store = s.soloStore(sess, c)
	return plain.Lesson(l, in, out, opts)
}

// courseLesson is a built-in lesson by its number in the course or its
// name: nothing is read from the server's files.
func courseLesson(arg string) (*lessons.Lesson, error) {
	names := lessons.Builtins()
	if n, err := strconv.Atoi(arg); err == nil {
		if n < 1 || n > len(names) {
			return nil, fmt.Errorf("the course has lessons 1 to %d", len(names))
		}
		arg = names[n-1]
	}
	return lessons.Builtin(arg)
}

// queue is a plain session's output: a write never waits for the client;
// a goroutine sends what waits. Once more than maxQueued bytes wait, or
// the client is gone, every write fails, and the console ends.
type queue struct {
	w    io.Writer
	fail func() // called once when writes start to fail: the input ends
	wake chan struct{}
	done chan struct{}

	mu     sync.Mutex
	buf    []byte
	err    error
	closed bool
}

func newQueue(w io.Writer, fail func()) *queue {
	q := &queue{w: w, fail: fail, wake: make(chan struct{}, 1), done: make(chan struct{})}
	go q.run()
	return q
}

func (q *queue) Write(p []byte) (int, error) {
	q.mu.Lock()
	defer q.mu.Unlock()
	switch {
	case q.err != nil:
		return 0, q.err
	case len(q.buf)+len(p) > maxQueued:
		q.err = errBehind
		go q.fail()
		return 0, q.err
	}
	q.buf = append(q.buf, p...)
	q.signal()
	return len(p), nil
}

func (q *queue) signal() {
	select {
	case q.wake <- struct{}{}:
	default:
	}
}

// run sends what waits until the queue is closed and empty, or the
// client is gone.
func (q *queue) run() {
	defer close(q.done)
	var out []byte
	for {
		q.mu.Lock()
		for len(q.buf) == 0 {
			if q.closed {
				q.mu.Unlock()
				return
			}
			q.mu.Unlock()
			<-q.wake
			q.mu.Lock()
		}
		out, q.buf = q.buf, out[:0]
		q.mu.Unlock()
		if _, err := q.w.Write(out); err != nil {
			q.mu.Lock()
			if q.err == nil {
				q.err = err
				go q.fail()
			}
			q.buf = nil
			q.mu.Unlock()
			return
		}
	}
}

// close sends what waits, for up to wait, and ends the queue.
func (q *queue) close(wait time.Duration) {
	q.mu.Lock()
	q.closed = true
	q.signal()
	q.mu.Unlock()
	select {
	case <-q.done:
	case <-time.After(wait):
	}
}

// pump is a plain session's input: read from the client on a goroutine of
// its own, each read counted as a key for the idle limit, so that stop
// can end the console's reading at once (a kick, the end of the class,
// idle time) and the session still write its last line.
type pump struct {
	pr *io.PipeReader
	pw *io.PipeWriter
}

func newPump(r io.Reader, c *conn) *pump {
	pr, pw := io.Pipe()
	go func() {
		buf := make([]byte, 1024)
		for {
			n, err := r.Read(buf)
			if n > 0 {
				c.lastKey.Store(time.Now().UnixNano())
				if _, werr := pw.Write(buf[:n]); werr != nil {
					return // stopped
				}
			}
			if err != nil {
				pw.CloseWithError(err)
				return
			}
		}
	}()
	return &pump{pr, pw}
}

func (p *pump) Read(b []byte) (int, error) { return p.pr.Read(b) }

// stop ends the input: the console reads its end.
func (p *pump) stop() { p.pw.CloseWithError(io.EOF) }

// close lets the goroutine go once the console has stopped reading.
func (p *pump) close() { p.pr.Close() }
