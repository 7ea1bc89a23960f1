package classroom

import (
	"net"
	"sync"
	"sync/atomic"
	"time"

	"charm.land/ssh"
	gossh "golang.org/x/crypto/ssh"
)

// What a client may ask for, bounded as OpenSSH bounds it (DESIGN §11):
// connections in all and per address, counted from the moment they are
// accepted, before the handshake; a handshake deadline; a connection
// without a session closed soon; a few requests before the shell, of a few
// bytes; a pty and its window changes clamped to what a real screen holds.
const (
	// MaxWidth and MaxHeight are the largest screen drawn: a bigger pty
	// or window change is drawn at this size (4000×4000 would cost GBs).
	MaxWidth, MaxHeight = 400, 150
	// handshakeTime bounds the SSH handshake, authentication included (a
	// passphrase typed for a key): OpenSSH's LoginGraceTime is 120 s.
	handshakeTime = 30 * time.Second
	// noSessionTime closes a connection that has no session for so long
	// after its handshake, or after its last session ended.
	noSessionTime = 10 * time.Second
	// maxEarlyRequests and maxEarlyBytes bound the requests of a session
	// before its shell (pty, env, signals…), and their payloads.
	maxEarlyRequests = 64
	maxEarlyBytes    = 32 << 10
	// maxChannels bounds the sessions open on one connection at once.
	maxChannels = 2
	// resizeEvery is the least time between two window changes a session
	// draws: a storm of them is drawn at the last size, ten times a second.
	resizeEvery = 100 * time.Millisecond
)

// env is the variables a session keeps, of those a client sends: what
// decides the colours and the language; the rest are refused.
var env = map[string]bool{
	"NO_COLOR": true, "COLORTERM": true, "CLICOLOR": true, "CLICOLOR_FORCE": true,
	"TERM_PROGRAM": true, "LANG": true, "LC_ALL": true, "LC_CTYPE": true,
}

const maxEnvValue = 256

// limitListener accepts at most max connections at once, and perAddr
// from one address: the others are closed at once, with a line saying
// why. A connection counts from its accept to its close, handshake or
// not, session or not.
type limitListener struct {
	net.Listener
	max, perAddr int
	refused      func(addr, why string)

	mu     sync.Mutex
	total  int
	byAddr map[string]int
}

func newLimitListener(ln net.Listener, max, perAddr int, refused func(addr, why string)) *limitListener {
	return &limitListener{Listener: ln, max: max, perAddr: perAddr, refused: refused, byAddr: map[string]int{}}
}

func (l *limitListener) Accept() (net.Conn, error) {
	for {
		c, err := l.Listener.Accept()
		if err != nil {
			return nil, err
		}
		host := hostOf(c.RemoteAddr())
		why := l.take(host)
		if why == "" {
			return &countedConn{Conn: c, l: l, host: host}, nil
		}
		// Not a line of the SSH protocol: ssh -v shows it; ssh says the
		// connection was closed.
		c.SetWriteDeadline(time.Now().Add(100 * time.Millisecond))
		c.Write([]byte("paxosgame: " + why + "; try again later\r\n"))
		c.Close()
		l.refused(host, why)
	}
}

// take counts a connection from host, or says why it is refused.
func (l *limitListener) take(host string) string {
	l.mu.Lock()
	defer l.mu.Unlock()
	switch {
	case l.max > 0 && l.total >= l.max:
		return "the room is full (too many connections)"
	case l.perAddr > 0 && l.byAddr[host] >= l.perAddr:
		return "too many connections from your address"
	}
	l.total++
	l.byAddr[host]++
	return ""
}

func (l *limitListener) release(host string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.total--
	if l.byAddr[host]--; l.byAddr[host] <= 0 {
		delete(l.byAddr, host)
	}
}

// open is how many connections are open.
func (l *limitListener) open() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.total
}

func hostOf(a net.Addr) string {
	if h, _, err := net.SplitHostPort(a.String()); err == nil {
		return h
	}
	return a.String()
}

// countedConn is a connection of a limitListener: its close releases it.
type countedConn struct {
	net.Conn
	l    *limitListener
	host string
	once sync.Once
}

func (c *countedConn) Close() error {
	c.once.Do(func() { c.l.release(c.host) })
	return c.Conn.Close()
}

// connState is what the server keeps of a connection: its sessions, the
// timer that closes it when it has none, and the size its client asked
// for last.
type connState struct {
	noSession time.Duration
	mu        sync.Mutex
	sessions  int // sessions whose shell runs
	channels  int // session channels open
	timer     *time.Timer
	asked     atomic.Uint64 // the window asked for last: width<<32 | height
}

type connStateKey struct{}

// trackConn is the server's ConnCallback: each connection gets its state,
// and a timer that closes it unless a session starts in time; its close
// stops the timer.
func (s *Server) trackConn(ctx ssh.Context, c net.Conn) net.Conn {
	st := &connState{noSession: s.noSession}
	st.timer = time.AfterFunc(s.srv.HandshakeTimeout+s.noSession, func() { c.Close() })
	ctx.SetValue(connStateKey{}, st)
	return &trackedConn{Conn: c, st: st}
}

// trackedConn is a connection whose close stops its timer.
type trackedConn struct {
	net.Conn
	st *connState
}

func (c *trackedConn) Close() error {
	c.st.timer.Stop()
	return c.Conn.Close()
}

func stateOf(ctx ssh.Context) *connState {
	st, _ := ctx.Value(connStateKey{}).(*connState)
	return st
}

// authed notes that the client is in: the handshake ends, and from now
// on the connection has noSession to start a session. It lets every
// client in (there are no accounts).
func (st *connState) authed() bool {
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.sessions == 0 {
		st.timer.Reset(st.noSession)
	}
	return true
}

// begin and end count a session whose shell runs: with none, the
// connection closes after noSessionTime.
func (st *connState) begin() {
	st.mu.Lock()
	defer st.mu.Unlock()
	st.sessions++
	st.timer.Stop()
}

func (st *connState) end() {
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.sessions--; st.sessions == 0 {
		st.timer.Reset(st.noSession)
	}
}

// askedSize is the window the client asked for last, before clamping.
func (st *connState) askedSize() (w, h int) {
	v := st.asked.Load()
	return int(v >> 32), int(v & 0xffffffff)
}

// sessionChannel is the server's handler of session channels: at most
// maxChannels at once on a connection, each with its requests bounded
// (boundedChannel).
func sessionChannel(srv *ssh.Server, conn *gossh.ServerConn, ch gossh.NewChannel, ctx ssh.Context) {
	st := stateOf(ctx)
	st.mu.Lock()
	full := st.channels >= maxChannels
	if !full {
		st.channels++
	}
	st.mu.Unlock()
	if full {
		ch.Reject(gossh.ResourceShortage, "too many sessions on this connection")
		return
	}
	defer func() {
		st.mu.Lock()
		st.channels--
		st.mu.Unlock()
	}()
	ssh.DefaultSessionHandler(srv, conn, boundedChannel{ch, st}, ctx)
}

// boundedChannel is a session channel whose requests pass through
// filterRequests before the session sees them.
type boundedChannel struct {
	gossh.NewChannel
	st *connState
}

func (c boundedChannel) Accept() (gossh.Channel, <-chan *gossh.Request, error) {
	ch, reqs, err := c.NewChannel.Accept()
	if err != nil {
		return ch, reqs, err
	}
	out := make(chan *gossh.Request)
	cc := &closingChannel{Channel: ch, closed: make(chan struct{})}
	go filterRequests(cc, reqs, out, c.st)
	return cc, out, nil
}

// closingChannel is a channel that says when the session closed it:
// its requests are no longer passed on (the session would wait forever
// to hand a window change to a program that has ended).
type closingChannel struct {
	gossh.Channel
	once   sync.Once
	closed chan struct{}
}

func (c *closingChannel) Close() error {
	c.once.Do(func() { close(c.closed) })
	return c.Channel.Close()
}

// filterRequests passes a session's requests on to out, bounded: before
// the shell, maxEarlyRequests of maxEarlyBytes in all (more closes the
// session); env only for the variables kept; no agent forwarding nor
// X11; the pty and every window change clamped to MaxWidth×MaxHeight,
// and window changes drawn at most every resizeEvery (the last one
// always). When the client closes the session it passes on a SIGHUP
// (the session ends on it: see hangUp), and closes out.
func filterRequests(ch *closingChannel, in <-chan *gossh.Request, out chan<- *gossh.Request, st *connState) {
	defer close(out)
	var (
		started, flooded bool
		count, bytes     int
		pending          *gossh.Request // a window change waiting for its turn
		last             time.Time      // when a window change was passed on
		tick             *time.Timer
		tickC            <-chan time.Time
	)
	refuse := func(r *gossh.Request) {
		if r.WantReply {
			r.Reply(false, nil)
		}
	}
	// pass hands r to the session, unless it has closed the channel.
	pass := func(r *gossh.Request) {
		select {
		case out <- r:
		case <-ch.closed:
			refuse(r)
		}
	}
	defer func() {
		if tick != nil {
			tick.Stop()
		}
	}()
	for {
		var r *gossh.Request
		select {
		case <-tickC:
			tickC = nil
			if pending != nil {
				pass(pending)
				pending, last = nil, time.Now()
			}
			continue
		case req, ok := <-in:
			if !ok {
				// The client closed the session, maybe not the connection:
				// the session is told as by a signal, and ends.
				pass(&gossh.Request{Type: "signal", Payload: gossh.Marshal(struct{ Signal string }{string(ssh.SIGHUP)})})
				return
			}
			r = req
		}
		if flooded {
			refuse(r)
			continue
		}
		if !started {
			count++
			bytes += len(r.Payload)
			if count > maxEarlyRequests || bytes > maxEarlyBytes {
				flooded = true
				refuse(r)
				ch.Close()
				continue
			}
		}
		switch r.Type {
		case "shell", "exec":
			started = true
			pass(r)
		case "pty-req":
			if !clampPty(r, st) {
				refuse(r)
				continue
			}
			pass(r)
		case "window-change":
			if !clampWindow(r, st) {
				refuse(r)
				continue
			}
			if !started || time.Since(last) >= resizeEvery {
				pass(r)
				last, pending = time.Now(), nil
				continue
			}
			if r.WantReply {
				r.Reply(true, nil)
			}
			pending = r
			if tickC == nil {
				if tick == nil {
					tick = time.NewTimer(resizeEvery - time.Since(last))
				} else {
					tick.Reset(resizeEvery - time.Since(last))
				}
				tickC = tick.C
			}
		case "env":
			var kv struct{ Key, Value string }
			if started || gossh.Unmarshal(r.Payload, &kv) != nil || !env[kv.Key] || len(kv.Value) > maxEnvValue {
				refuse(r)
				continue
			}
			pass(r)
		case "signal", "break":
			pass(r)
		default: // subsystems, agent forwarding, X11, anything else
			refuse(r)
		}
	}
}

// ptyReq is the payload of a pty-req (RFC 4254 6.2).
type ptyReq struct {
	Term                    string
	Columns, Rows, Wpx, Hpx uint32
	Modes                   string
}

// winReq is the payload of a window-change (RFC 4254 6.7).
type winReq struct {
	Columns, Rows, Wpx, Hpx uint32
}

// clampPty clamps the size of a pty request to MaxWidth×MaxHeight (and
// its terminal's name to 64 bytes); false when it is no pty request.
func clampPty(r *gossh.Request, st *connState) bool {
	var p ptyReq
	if gossh.Unmarshal(r.Payload, &p) != nil || len(p.Term) > 64 {
		return false
	}
	st.asked.Store(uint64(p.Columns)<<32 | uint64(p.Rows))
	p.Columns, p.Rows = min(p.Columns, MaxWidth), min(p.Rows, MaxHeight)
	r.Payload = gossh.Marshal(&p)
	return true
}

// clampWindow clamps a window change to MaxWidth×MaxHeight.
func clampWindow(r *gossh.Request, st *connState) bool {
	var w winReq
	if gossh.Unmarshal(r.Payload, &w) != nil {
		return false
	}
	st.asked.Store(uint64(w.Columns)<<32 | uint64(w.Rows))
	w.Columns, w.Rows = min(w.Columns, MaxWidth), min(w.Rows, MaxHeight)
	r.Payload = gossh.Marshal(&w)
	return true
}
