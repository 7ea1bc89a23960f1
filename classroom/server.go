package classroom

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
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
	Idle           time.Duration // a session with no key for this long ends; 0: never
	MaxLine        int           // the longest line a student types
	CommandsPerSec int           // a student's commands a second
	AnswersPerSec  int           // a student's poll answers a second
}

// Defaults are the limits unless the flags say otherwise.
var Defaults = Config{
	Listen:         "127.0.0.1:2222",
	MaxSessions:    200,
	Idle:           2 * time.Hour,
	MaxLine:        200,
	CommandsPerSec: 5,
	AnswersPerSec:  5,
}

// inputPerSec caps every key, paste and click of a session: more is
// dropped, so that a flood cannot hold the table's lock.
const inputPerSec = 60

// Server is the classroom's SSH server and its room.
type Server struct {
	cfg    Config
	room   *Room
	srv    *ssh.Server
	ln     net.Listener
	log    *log.Logger
	logs   *ringLog
	active atomic.Int64
	conns  sync.WaitGroup

	// wrap lets a test put another model in a session's place.
	wrap func(tea.Model) tea.Model
}

// New is a server for the room on table t; Start listens.
func New(cfg Config, t *table.Table) (*Server, error) {
	if cfg.Dir == "" {
		return nil, errors.New("no config directory for the host key")
	}
	s := &Server{cfg: cfg, room: NewRoom(t), logs: &ringLog{}}
	s.log = log.NewWithOptions(s.logs, log.Options{ReportTimestamp: true, Prefix: "serve"})
	dir := filepath.Join(cfg.Dir, "classroom")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, err
	}
	srv, err := wish.NewServer(
		wish.WithHostKeyPath(filepath.Join(dir, "host_ed25519")),
		// No account: any key, or none, gets in. A key is asked for so that
		// a student alone keeps their progress under it.
		wish.WithPublicKeyAuth(func(ssh.Context, ssh.PublicKey) bool { return true }),
		wish.WithKeyboardInteractiveAuth(func(ssh.Context, gossh.KeyboardInteractiveChallenge) bool { return true }),
		wish.WithMiddleware(
			bm.MiddlewareWithProgramHandler(s.program),
			s.gate,
		),
	)
	if err != nil {
		return nil, err
	}
	s.srv = srv
	return s, nil
}

// Room is the server's room.
func (s *Server) Room() *Room { return s.room }

// Logs is what the server logged.
func (s *Server) Logs() string { return s.logs.String() }

// Start listens on the configured address and serves in the background.
func (s *Server) Start() error {
	ln, err := net.Listen("tcp", s.cfg.Listen)
	if err != nil {
		return err
	}
	s.ln = ln
	go func() {
		if err := s.srv.Serve(ln); err != nil && !errors.Is(err, ssh.ErrServerClosed) {
			s.log.Error("server stopped", "err", err)
		}
	}()
	s.log.Info("listening", "addr", ln.Addr().String())
	return nil
}

// Addr is where the server listens.
func (s *Server) Addr() net.Addr { return s.ln.Addr() }

// Close stops the server and ends every session.
func (s *Server) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	err := s.srv.Shutdown(ctx)
	if errors.Is(err, context.DeadlineExceeded) {
		err = s.srv.Close()
	}
	return err
}

// Join says how to join, in one line.
func (s *Server) Join() string {
	host, port, _ := net.SplitHostPort(s.Addr().String())
	if ip := net.ParseIP(host); ip != nil && ip.IsUnspecified() {
		if h, err := os.Hostname(); err == nil {
			host = h
		}
	}
	cmd := fmt.Sprintf("ssh -p %s %s", port, host)
	if s.cfg.Code != "" {
		return fmt.Sprintf("join: %s -t %s  (-t %s A2 takes A2; -t %s solo plays alone)", cmd, s.cfg.Code, s.cfg.Code, s.cfg.Code)
	}
	return fmt.Sprintf("join: %s  (-t A2 takes A2; -t solo plays alone)", cmd)
}

// Lecturer is the lecturer's board: the room's game, with the room's pane.
func (s *Server) Lecturer(noColor, ascii bool) *ui.Model {
	lp := &lecturer{r: s.room, join: s.Join(), logs: s.logs}
	return ui.NewRoomBoard(s.room.t, noColor, ascii, ui.BoardOptions{Side: lp, Label: s.room.label, Fixed: true})
}

// connKey is the session's conn in its context.
type connKey struct{}

// conn is one session: who, and why it ended when it ended by itself.
type conn struct {
	p     *person // nil alone
	mu    sync.Mutex
	ended string
}

func (c *conn) end(msg string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.ended == "" {
		c.ended = msg
	}
}

// gate is the outermost middleware: a panic ends the session alone; the
// room's limits and code; the words a session ends with; leaving.
func (s *Server) gate(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		defer func() {
			if r := recover(); r != nil {
				s.log.Error("session panic", "user", cleanName(sess.User()), "panic", fmt.Sprint(r), "stack", string(debug.Stack()))
				wish.Println(sess, "paxosgame: this session hit a bug and ends; the room goes on.")
			}
		}()
		if n := s.active.Add(1); s.cfg.MaxSessions > 0 && n > int64(s.cfg.MaxSessions) {
			s.active.Add(-1)
			s.log.Warn("room full", "user", cleanName(sess.User()))
			wish.Fatalln(sess, fmt.Sprintf("paxosgame: the room is full (%d sessions); try again later.", s.cfg.MaxSessions))
			return
		}
		defer s.active.Add(-1)
		words := sess.Command()
		if s.cfg.Code != "" {
			if len(words) == 0 || words[0] != s.cfg.Code {
				wish.Fatalln(sess, "paxosgame: this room has a code: ssh -p PORT HOST -t CODE (the lecturer's screen shows it)")
				return
			}
		}
		if _, _, ok := sess.Pty(); !ok {
			wish.Fatalln(sess, "paxosgame: the game needs a terminal: ssh -t …")
			return
		}
		c := &conn{}
		sess.Context().SetValue(connKey{}, c)
		defer func() {
			if c.p != nil {
				s.room.leave(c.p)
				s.log.Info("left", "user", c.p.name)
			}
			if c.ended != "" {
				wish.Println(sess, c.ended)
			}
		}()
		next(sess)
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

// program makes the session's program: a board of the room, or a game
// alone.
func (s *Server) program(sess ssh.Session) *tea.Program {
	c, _ := sess.Context().Value(connKey{}).(*conn)
	if c == nil {
		return nil
	}
	pty, _, _ := sess.Pty()
	env := sess.Environ()
	noColor := false
	for _, e := range env {
		if strings.HasPrefix(e, "NO_COLOR=") && e != "NO_COLOR=" {
			noColor = true
		}
	}
	ascii := pty.Term == "linux" || pty.Term == "dumb" || strings.HasPrefix(pty.Term, "vt")
	args := s.args(sess)
	name := cleanName(sess.User())
	var inner tea.Model
	if len(args) > 0 && strings.EqualFold(args[0], "solo") {
		inner = ui.NewSolo(noColor, ascii, s.store(sess), s.cfg.MaxLine)
		s.log.Info("solo", "user", name)
	} else {
		p := s.room.join(sess.User())
		c.p = p
		st := &student{r: s.room, me: p, commands: newLimiter(s.cfg.CommandsPerSec), answers: newLimiter(s.cfg.AnswersPerSec), now: time.Now}
		if len(args) > 0 {
			id, perr := game.ParseNode(args[0])
			s.room.t.Act(func(tx *table.Tx) {
				var err error = perr
				if perr == nil {
					err = s.room.take(tx, p, id)
				}
				if err != nil {
					st.note = "✗ " + game.Printable(err.Error())
				}
			})
		}
		inner = ui.NewRoomBoard(s.room.t, noColor, ascii, ui.BoardOptions{
			Guard: st, Side: st, Label: s.room.label, Remote: true, Fixed: true, MaxLine: s.cfg.MaxLine,
		})
		s.log.Info("joined", "user", p.name, "node", nodeOr(p.node))
	}
	if s.wrap != nil {
		inner = s.wrap(inner)
	}
	m := &session{inner: inner, c: c, s: s, who: name, last: time.Now(), input: newLimiter(inputPerSec)}
	opts := append(bm.MakeOptions(sess), tea.WithoutSignalHandler())
	return tea.NewProgram(m, opts...)
}

func nodeOr(id paxos.NodeID) string {
	if id == (paxos.NodeID{}) {
		return "-"
	}
	return id.String()
}

// store is the progress of a student alone: kept under their SSH key's
// fingerprint, or only while the session lasts when they have none.
func (s *Server) store(sess ssh.Session) *lessons.Store {
	k := sess.PublicKey()
	if k == nil {
		return lessons.MemoryStore()
	}
	sum := sha256.Sum256(k.Marshal())
	dir := filepath.Join(s.cfg.Dir, "classroom", "solo", hex.EncodeToString(sum[:16]))
	if err := os.MkdirAll(dir, 0o700); err != nil {
		s.log.Error("progress", "err", err)
		return lessons.MemoryStore()
	}
	return lessons.OpenStoreIn(dir)
}

// session is a session's model: the board or game, with its limits and
// its panics caught, so that it ends alone.
type session struct {
	inner tea.Model
	c     *conn
	s     *Server
	who   string
	last  time.Time
	input *limiter
	dead  bool // it panicked: it quits, and its model is not asked again
}

type (
	idleTick struct{}
	panicMsg struct {
		r     any
		stack []byte
	}
)

func (m *session) tick() tea.Cmd {
	if m.s.cfg.Idle <= 0 {
		return nil
	}
	every := min(m.s.cfg.Idle/4+time.Millisecond, 30*time.Second)
	return tea.Tick(every, func(time.Time) tea.Msg { return idleTick{} })
}

func (m *session) Init() (cmd tea.Cmd) {
	defer m.recover(&cmd)
	return tea.Batch(m.safe(m.inner.Init()), m.tick())
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
	case idleTick:
		if time.Since(m.last) > m.s.cfg.Idle {
			m.c.end(fmt.Sprintf("paxosgame: no key for %s: the session ends. Join again to come back.", m.s.cfg.Idle))
			return m, tea.Quit
		}
		return m, m.tick()
	case panicMsg:
		m.crash(msg.r, msg.stack)
		return m, tea.Quit
	case tea.KeyPressMsg, tea.PasteMsg, tea.MouseMsg:
		now := time.Now()
		m.last = now
		if !m.input.allow(now) {
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
