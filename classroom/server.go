// Package classroom is the lecture hall over SSH (DESIGN §11): one table;
// the lecturer's board, at the lecturer's seat, in the terminal that runs
// `paxosgame serve`; a board at a student's seat for each SSH session, on
// the same table, whose rights the table checks; and what a client may ask
// of the server, bounded: connections, the handshake, requests before the
// shell, the size of the screen, sessions, input, idle time, progress on
// disk.
package classroom

import (
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/log/v2"
	"charm.land/ssh"
	"charm.land/wish/v2"
	bm "charm.land/wish/v2/bubbletea"
	gossh "golang.org/x/crypto/ssh"

	"paxosgame/game"
	"paxosgame/lessons"
	"paxosgame/narrate"
	"paxosgame/paxos"
	"paxosgame/table"
	"paxosgame/ui"
)

// Config is the server's settings: the flags of `paxosgame serve`.
type Config struct {
	Listen string // host:port
	Code   string // the room's code: "" for none
	Dir    string // the config directory: the host key, students' progress

	MaxSessions    int           // sessions at once
	MaxConns       int           // connections at once, with a session or not
	PerAddress     int           // connections at once from one address
	SoloKeys       int           // SSH keys whose solo progress is kept
	Idle           time.Duration // a session with no key for this long ends; 0: never
	MaxLine        int           // the longest line a student types
	CommandsPerSec int           // a student's commands a second
	AnswersPerSec  int           // a student's poll answers a second
}

// Defaults are the limits unless the flags say otherwise.
var Defaults = Config{
	Listen:         "127.0.0.1:2222",
	MaxSessions:    200,
	MaxConns:       250,
	PerAddress:     20,
	SoloKeys:       1000,
	Idle:           2 * time.Hour,
	MaxLine:        200,
	CommandsPerSec: 5,
	AnswersPerSec:  5,
}

// inputPerSec caps every key, paste and click of a session: more is
// dropped, so that a flood cannot hold the table's lock.
const inputPerSec = 60

// Ended is the last line on every student's terminal when the lecturer
// ends the class.
const Ended = "paxosgame: the class has ended — thank you for playing."

// Server is the classroom's SSH server, its table and the lecturer's
// seat.
type Server struct {
	cfg      Config
	t        *table.Table
	lecturer *table.Seat
	srv      *ssh.Server
	ln       *limitListener
	log      *log.Logger
	logs     *ringLog
	solo     soloDirs
	fp       string // the host key's fingerprint, as ssh prints it
	active   atomic.Int64
	// noSession closes a connection without a session (noSessionTime;
	// shorter in tests, as is the handshake's deadline).
	noSession time.Duration

	mu       sync.Mutex
	sessions map[*conn]bool
	running  sync.WaitGroup // the sessions' handlers
	ending   bool

	// ifaces lists the machine's addresses (a test puts others).
	ifaces func() ([]net.Addr, error)
	// wrap lets a test put another model in a session's place.
	wrap func(tea.Model) tea.Model
}

// New is a server for the room on table t, whose lecturer's seat it
// takes; Start listens.
func New(cfg Config, t *table.Table) (*Server, error) {
	if cfg.Dir == "" {
		return nil, errors.New("no config directory for the host key")
	}
	s := &Server{cfg: cfg, t: t, lecturer: t.Lecturer(true), logs: &ringLog{}, sessions: map[*conn]bool{},
		ifaces: net.InterfaceAddrs, noSession: noSessionTime}
	s.log = log.NewWithOptions(s.logs, log.Options{ReportTimestamp: true, TimeFormat: "15:04:05"})
	dir := filepath.Join(cfg.Dir, "classroom")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, err
	}
	s.solo = soloDirs{root: filepath.Join(dir, "solo"), aside: filepath.Join(dir, "solo-aside"), max: cfg.SoloKeys}
	srv, err := wish.NewServer(
		wish.WithHostKeyPath(filepath.Join(dir, "host_ed25519")),
		// No account: any key, or none, gets in. A key is asked for so that
		// a student keeps their node, and their progress alone, under it.
		wish.WithPublicKeyAuth(func(ctx ssh.Context, _ ssh.PublicKey) bool { return stateOf(ctx).authed() }),
		wish.WithKeyboardInteractiveAuth(func(ctx ssh.Context, _ gossh.KeyboardInteractiveChallenge) bool {
			return stateOf(ctx).authed()
		}),
		wish.WithMiddleware(
			bm.MiddlewareWithProgramHandler(s.program),
			s.gate,
		),
	)
	if err != nil {
		return nil, err
	}
	srv.HandshakeTimeout = handshakeTime
	srv.ConnCallback = s.trackConn
	srv.ChannelHandlers = map[string]ssh.ChannelHandler{"session": sessionChannel}
	if len(srv.HostSigners) > 0 {
		s.fp = gossh.FingerprintSHA256(srv.HostSigners[0].PublicKey())
	}
	s.srv = srv
	return s, nil
}

// Logs is what the server logged.
func (s *Server) Logs() string { return s.logs.String() }

// Start listens on the configured address and serves in the background.
func (s *Server) Start() error {
	ln, err := net.Listen("tcp", s.cfg.Listen)
	if err != nil {
		return err
	}
	s.ln = newLimitListener(ln, s.cfg.MaxConns, s.cfg.PerAddress, func(addr, why string) {
		s.log.Warn("refused", "addr", addr, "why", why)
	})
	go func() {
		if err := s.srv.Serve(s.ln); err != nil && !errors.Is(err, ssh.ErrServerClosed) {
			s.log.Error("server stopped", "err", err)
		}
	}()
	s.log.Info("listening", "addr", ln.Addr().String())
	return nil
}

// Addr is where the server listens.
func (s *Server) Addr() net.Addr { return s.ln.Addr() }

// Fingerprint is the host key's, as ssh prints it: SHA256:….
func (s *Server) Fingerprint() string { return s.fp }

// End ends every session with a last line, msg: each program quits and
// gives its terminal back as it found it (the alternate screen left, the
// mouse off, the cursor shown); it waits up to wait for them, and for
// their clients to close their connections. No session starts after.
func (s *Server) End(msg string, wait time.Duration) {
	s.mu.Lock()
	s.ending = true
	var cs []*conn
	for c := range s.sessions {
		cs = append(cs, c)
	}
	s.mu.Unlock()
	for _, c := range cs {
		c.quit(msg)
	}
	done := make(chan struct{})
	go func() {
		s.running.Wait()
		close(done)
	}()
	end := time.After(wait)
	select {
	case <-done:
	case <-end:
		return
	}
	// Each client closes its connection once its session has ended (else
	// ssh says "closed by remote host").
	for s.ln.open() > 0 {
		select {
		case <-end:
			return
		case <-time.After(10 * time.Millisecond):
		}
	}
}

// Close stops the server and closes every connection at once: End first
// gives the sessions their last line. (Not ssh's Shutdown: its wait races
// with a handshake that ends meanwhile.)
func (s *Server) Close() error { return s.srv.Close() }

// join says how to join this server.
func (s *Server) join() joinWords {
	ifs, _ := s.ifaces()
	return join(s.Addr(), s.fp, s.cfg.Code, ifs)
}

// Lecturer is the lecturer's board: the room's game at the lecturer's
// seat, with the room's pane.
func (s *Server) Lecturer(noColor, ascii bool) *ui.Model {
	return ui.NewRoomBoard(s.lecturer, noColor, ascii, ui.BoardOptions{Side: &lecturer{s: s}, Fixed: true})
}

// kicked ends the session of a seat the lecturer sent away.
func (s *Server) kicked(seat *table.Seat) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for c := range s.sessions {
		if c.seat == seat {
			c.quit("paxosgame: the lecturer has ended your session.")
		}
	}
	s.log.Info("sent away", "name", seat.Name())
}

// connKey is the session's conn in its context.
type connKey struct{}

// conn is one session: its seat and program, and why it ended when it
// ended by itself.
type conn struct {
	seat     *table.Seat // nil alone
	model    *ui.Model
	soloDir  string
	st       *connState
	lastKey  atomic.Int64 // when the last key came, in Unix nanoseconds
	mu       sync.Mutex
	prog     *tea.Program
	stop     func() // ends a session line by line (plain), in place of prog
	ended    string
	asked    bool // quit was called
	quitting bool
}

// end notes the words the session ends with (the first said).
func (c *conn) end(msg string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.ended == "" {
		c.ended = msg
	}
}

// quit ends the session from outside, with msg: its program quits and
// restores the terminal. It does not wait (the program may be waiting for
// the table's lock that the caller holds).
func (c *conn) quit(msg string) {
	c.end(msg)
	c.mu.Lock()
	defer c.mu.Unlock()
	c.asked = true
	if c.quitting {
		return
	}
	switch {
	case c.prog != nil:
		c.quitting = true
		go c.prog.Quit()
	case c.stop != nil:
		c.quitting = true
		go c.stop()
	}
}

// stopWith is how the session ends from outside when it has no program:
// at once when it was asked to end already.
func (c *conn) stopWith(stop func()) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.stop = stop
	if c.asked && !c.quitting {
		c.quitting = true
		go stop()
	}
}

// words is the session's last line, "" for none.
func (c *conn) words() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.ended
}

// gate is the outermost middleware: a panic ends the session alone; the
// room's limits and code; the session's end frees all it held at once:
// its seat (its node waits), its board's subscription, its timers.
func (s *Server) gate(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		defer func() {
			if r := recover(); r != nil {
				s.log.Error("session panic", "user", table.CleanName(sess.User()), "panic", fmt.Sprint(r), "stack", string(debug.Stack()))
				wish.Println(sess, "paxosgame: this session hit a bug and ends; the room goes on.")
			}
		}()
		st := stateOf(sess.Context())
		st.begin()
		defer st.end()
		if n := s.active.Add(1); s.cfg.MaxSessions > 0 && n > int64(s.cfg.MaxSessions) {
			s.active.Add(-1)
			s.log.Warn("room full", "user", table.CleanName(sess.User()))
			wish.Fatalln(sess, fmt.Sprintf("paxosgame: the room is full (%d sessions); try again later.", s.cfg.MaxSessions))
			return
		}
		defer s.active.Add(-1)
		words := sess.Command()
		if s.cfg.Code != "" && (len(words) == 0 || words[0] != s.cfg.Code) {
			wish.Fatalln(sess, "paxosgame: this room has a code: ssh -p PORT HOST -t CODE (the lecturer's screen shows it)")
			return
		}
		args, plainMode := plainArgs(s.args(sess))
		if _, _, ok := sess.Pty(); !ok && !plainMode {
			wish.Fatalln(sess, "paxosgame: the game needs a terminal: ssh -t … (or -t plain for the game line by line)")
			return
		}
		c := &conn{st: st}
		c.lastKey.Store(time.Now().UnixNano())
		s.mu.Lock()
		if s.ending {
			s.mu.Unlock()
			wish.Fatalln(sess, Ended)
			return
		}
		s.sessions[c] = true
		s.running.Add(1)
		s.mu.Unlock()
		defer func() {
			s.mu.Lock()
			delete(s.sessions, c)
			s.mu.Unlock()
			s.running.Done()
		}()
		sess.Context().SetValue(connKey{}, c)
		defer func() {
			if c.model != nil {
				c.model.Close()
			}
			if c.seat != nil {
				c.seat.Leave()
				s.log.Info("left", "name", c.seat.Name())
			}
			s.solo.close(c.soloDir)
			if w := c.words(); w != "" {
				wish.Println(sess, w)
			}
		}()
		defer s.watch(sess, c)()
		if plainMode {
			s.plain(sess, c, args)
			return
		}
		next(sess)
	}
}

// watch ends the session from outside its program, on its own
// goroutine: after Idle without a key, and on a signal from its client —
// the client closed the session (filterRequests), or sent SIGHUP, SIGINT,
// SIGTERM or SIGKILL. The function it returns ends the watch at once.
func (s *Server) watch(sess ssh.Session, c *conn) (stop func()) {
	sigs, done := make(chan ssh.Signal, 8), make(chan struct{})
	sess.Signals(sigs)
	go func() {
		var tick <-chan time.Time
		if s.cfg.Idle > 0 {
			tk := time.NewTicker(min(s.cfg.Idle/4+time.Millisecond, 30*time.Second))
			defer tk.Stop()
			tick = tk.C
		}
		for {
			select {
			case <-done:
				return
			case sig := <-sigs:
				switch sig {
				case ssh.SIGHUP, ssh.SIGINT, ssh.SIGTERM, ssh.SIGKILL:
					c.quit("")
				}
			case <-tick:
				if time.Since(time.Unix(0, c.lastKey.Load())) > s.cfg.Idle {
					c.quit(fmt.Sprintf("paxosgame: no key for %s: the session ends. Join again to come back.", s.cfg.Idle))
				}
			}
		}
	}()
	return func() {
		sess.Signals(nil) // no signal is sent from now on…
		close(done)       // …so that the watch may end
	}
}

// args is the words of the session's command after the code.
func (s *Server) args(sess ssh.Session) []string {
	w := sess.Command()
	if s.cfg.Code != "" && len(w) > 0 {
		w = w[1:]
	}
	return w
}

// program makes the session's program: a board of the room at a
// student's seat, or a game alone.
func (s *Server) program(sess ssh.Session) *tea.Program {
	c, _ := sess.Context().Value(connKey{}).(*conn)
	if c == nil {
		return nil
	}
	pty, _, _ := sess.Pty()
	noColor := false
	for _, e := range sess.Environ() {
		if strings.HasPrefix(e, "NO_COLOR=") && e != "NO_COLOR=" {
			noColor = true
		}
	}
	ascii := asciiTerm(pty.Term)
	args := s.args(sess)
	name := table.CleanName(sess.User())
	if len(args) > 0 && strings.EqualFold(args[0], "solo") {
		c.model = ui.NewSolo(noColor, ascii, s.soloStore(sess, c), s.cfg.MaxLine)
		s.log.Info("solo", "name", name)
	} else {
		seat, back, takeErr, ok := s.seatStudent(sess, c, args)
		if !ok {
			return nil
		}
		st := &student{fp: s.fp}
		switch {
		case back:
			st.note = "✓ welcome back: your place is kept"
		case takeErr != nil:
			st.note = "✗ " + game.Printable(narrate.Error(takeErr))
		}
		c.model = ui.NewRoomBoard(seat, noColor, ascii, ui.BoardOptions{Side: st, Remote: true, Fixed: true, MaxLine: s.cfg.MaxLine})
	}
	var inner tea.Model = c.model
	if s.wrap != nil {
		inner = s.wrap(inner)
	}
	m := &session{inner: inner, c: c, s: s, who: name, input: table.NewRate(inputPerSec)}
	p := tea.NewProgram(m, append(bm.MakeOptions(sess), tea.WithoutSignalHandler())...)
	c.mu.Lock()
	c.prog = p
	c.mu.Unlock()
	return p
}

// seatStudent seats the session's student at the room's table, and takes
// the node its command line names (-t A2) unless the seat came back with
// its own: the seat, whether it came back, why the node was not taken.
// When the room refuses the student, the session ends (ok is false).
func (s *Server) seatStudent(sess ssh.Session, c *conn, args []string) (seat *table.Seat, back bool, takeErr error, ok bool) {
	name := table.CleanName(sess.User())
	var key string
	if k := sess.PublicKey(); k != nil {
		key = keyName(k.Marshal())
	}
	seat, back, err := s.t.Student(sess.User(), key, table.Limits{Commands: s.cfg.CommandsPerSec, Answers: s.cfg.AnswersPerSec})
	if err != nil {
		c.end("paxosgame: " + err.Error() + ".")
		s.log.Warn("refused", "name", name, "why", err)
		return nil, false, nil, false
	}
	c.seat = seat
	if !back && len(args) > 0 {
		if id, perr := game.ParseNode(args[0]); perr != nil {
			takeErr = perr
		} else {
			seat.Act(func(tx *table.Tx) { takeErr = tx.Take(id) })
		}
	}
	var node paxos.NodeID
	seat.Read(func(tx *table.Tx) { node, _ = tx.Plays() })
	s.log.Info(map[bool]string{true: "back", false: "joined"}[back], "name", seat.Name(), "node", nodeOr(node))
	return seat, back, takeErr, true
}

// asciiTerm reports whether a terminal of type term draws ASCII alone.
func asciiTerm(term string) bool {
	return term == "linux" || term == "dumb" || strings.HasPrefix(term, "vt")
}

func nodeOr(id paxos.NodeID) string {
	if id == (paxos.NodeID{}) {
		return "-"
	}
	return id.String()
}

// soloStore is the progress of a student alone: kept under their SSH
// key, or only while the session lasts when they have none.
func (s *Server) soloStore(sess ssh.Session, c *conn) *lessons.Store {
	k := sess.PublicKey()
	if k == nil {
		return lessons.MemoryStore()
	}
	store, dir, err := s.solo.open(k.Marshal())
	if err != nil {
		s.log.Error("progress", "err", err)
	}
	c.soloDir = dir
	return store
}

// session is a session's model: the board or game, with its limits and
// its panics caught, so that it ends alone.
type session struct {
	inner tea.Model
	c     *conn
	s     *Server
	who   string
	input *table.Rate
	dead  bool // it panicked: it quits, and its model is not asked again
}

type panicMsg struct {
	r     any
	stack []byte
}

func (m *session) Init() (cmd tea.Cmd) {
	defer m.recover(&cmd)
	return m.safe(m.inner.Init())
}

// recover ends the session on a panic: logged, said, the room goes on.
func (m *session) recover(cmd *tea.Cmd) {
	if r := recover(); r != nil {
		m.crash(r, debug.Stack())
		*cmd = tea.Quit
	}
}

func (m *session) crash(r any, stack []byte) {
	m.dead = true
	m.s.log.Error("session panic", "user", m.who, "panic", game.Printable(fmt.Sprint(r)), "stack", string(stack))
	m.c.end("paxosgame: this session hit a bug and ends; the room goes on. Join again to come back.")
}

// safe is cmd with its panics caught as a panicMsg.
func (m *session) safe(cmd tea.Cmd) tea.Cmd {
	if cmd == nil {
		return nil
	}
	return func() (msg tea.Msg) {
		defer func() {
			if r := recover(); r != nil {
				msg = panicMsg{r, debug.Stack()}
			}
		}()
		msg = cmd()
		if b, ok := msg.(tea.BatchMsg); ok {
			for i := range b {
				b[i] = m.safe(b[i])
			}
		}
		return msg
	}
}

func (m *session) Update(msg tea.Msg) (out tea.Model, cmd tea.Cmd) {
	out = m // also after a panic: the program draws the model it gets back
	defer m.recover(&cmd)
	if m.dead {
		return m, tea.Quit
	}
	switch msg := msg.(type) {
	case panicMsg:
		m.crash(msg.r, msg.stack)
		return m, tea.Quit
	case tea.WindowSizeMsg:
		// The size came clamped (bounds.go): say so when it was.
		if w, h := m.c.st.askedSize(); w > MaxWidth || h > MaxHeight {
			_, cmd = m.inner.Update(msg)
			_, cmd2 := m.inner.Update(ui.Notice{Text: fmt.Sprintf("your terminal is %d×%d: the game draws at most %d×%d, in its top left corner", w, h, MaxWidth, MaxHeight)})
			return m, tea.Batch(m.safe(cmd), m.safe(cmd2))
		}
	case tea.KeyPressMsg, tea.PasteMsg, tea.MouseMsg:
		now := time.Now()
		m.c.lastKey.Store(now.UnixNano())
		if !m.input.Allow(now) {
			return m, nil
		}
		if p, ok := msg.(tea.PasteMsg); ok && m.s.cfg.MaxLine > 0 && len(p.Content) > m.s.cfg.MaxLine*4 {
			p.Content = p.Content[:m.s.cfg.MaxLine*4]
			_, cmd = m.inner.Update(p)
			return m, m.safe(cmd)
		}
	}
	_, cmd = m.inner.Update(msg)
	return m, m.safe(cmd)
}

func (m *session) View() (v tea.View) {
	defer func() {
		if r := recover(); r != nil {
			m.crash(r, debug.Stack())
			v = tea.NewView("paxosgame: this session hit a bug and ends.")
		}
	}()
	if m.dead {
		return tea.NewView("paxosgame: this session hit a bug and ends.")
	}
	return m.inner.View()
}

var _ io.Writer = (*ringLog)(nil)
