package classroom

import (
	"crypto/ed25519"
	"crypto/rand"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"paxosgame/game"
	"paxosgame/internal/long"
	"paxosgame/lessons"
	"paxosgame/paxos"
	"paxosgame/table"
)

// The attacks of a hostile student on 127.0.0.1, each bounded in count
// and time: the room (the lecturer's table, the other students) carries
// on every time.

// heap is the heap in use after a collection.
func heap() int64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return int64(m.HeapInuse)
}

// carriesOn checks that the room still works: a new student joins and
// sees a lecturer's command.
func carriesOn(t *testing.T, s *Server) {
	t.Helper()
	c := dial(t, s.Addr().String(), "witness", "", 100, 30)
	if !c.waitFor("CLASSROOM", 10*time.Second) {
		t.Fatalf("the room takes no new student: %q", c.text())
	}
	mustDo(t, s.lecturer, "crash P5")
	if !c.waitFor("crash P5", 10*time.Second) {
		t.Errorf("the new student does not see the lecturer's command")
	}
	mustDo(t, s.lecturer, "restart P5")
	c.close()
}

// rawConn is an SSH connection with no session yet.
func rawConn(t *testing.T, addr, user string) *gossh.Client {
	t.Helper()
	conn, err := gossh.Dial("tcp", addr, &gossh.ClientConfig{
		User:            user,
		Auth:            []gossh.AuthMethod{gossh.KeyboardInteractive(func(string, string, []string, []bool) ([]string, error) { return nil, nil })},
		HostKeyCallback: gossh.InsecureIgnoreHostKey(),
		Timeout:         10 * time.Second,
	})
	if err != nil {
		t.Fatalf("dial: %v", err)
	}
	t.Cleanup(func() { conn.Close() })
	return conn
}

// "stty rows 4000 cols 4000; ssh …" and a storm of window changes: the
// game draws at most 400×150 and says so; the server's heap stays that of
// a real screen; the room carries on.
func TestHugePtyAndAResizeStorm(t *testing.T) {
	s := newServer(t, limits())
	before := heap()
	c := dial(t, s.Addr().String(), "big", "", 4000, 4000)
	if !c.waitFor("your terminal is 4000×4000: the game draws at most 400×150", 10*time.Second) {
		t.Fatalf("the huge terminal is not told: %q", c.text())
	}
	if grew := heap() - before; grew > 64<<20 {
		t.Errorf("one session of 4000×4000 took %d MB of heap", grew>>20)
	}
	for i := range 300 {
		if err := c.sess.WindowChange(1000+i*37, 3000+i*13); err != nil {
			t.Fatalf("window change %d: %v", i, err)
		}
	}
	c.sess.WindowChange(30, 100) // the storm's last size is the one drawn
	time.Sleep(300 * time.Millisecond)
	if grew := heap() - before; grew > 64<<20 {
		t.Errorf("after the storm: %d MB of heap", grew>>20)
	}
	carriesOn(t, s)
}

// 500 env requests of 100 KB before the shell: the first few are
// refused (no such variable is kept), then the session is closed; the
// heap does not grow by them.
func TestEnvFlood(t *testing.T) {
	s := newServer(t, limits())
	conn := rawConn(t, s.Addr().String(), "flood")
	sess, err := conn.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	if err := sess.Setenv("NO_COLOR", "1"); err != nil {
		t.Errorf("NO_COLOR is refused: %v", err)
	}
	before := heap()
	big := strings.Repeat("x", 100<<10)
	accepted, sent := 0, 0
	for i := range 500 {
		err := sess.Setenv(fmt.Sprintf("V%d", i), big)
		if err == nil {
			accepted++
		}
		if err == io.EOF {
			break // the session is closed
		}
		sent++
	}
	if accepted != 0 || sent > maxEarlyRequests {
		t.Errorf("%d of %d env requests accepted", accepted, sent)
	}
	if grew := heap() - before; grew > 8<<20 {
		t.Errorf("the flood took %d MB of heap", grew>>20)
	}
	carriesOn(t, s)
}

// Connections that never finish the handshake: at most MaxConns are
// held, the others closed at once; after the handshake's deadline none
// is left.
func TestHalfOpenHandshakes(t *testing.T) {
	cfg := limits()
	cfg.MaxConns, cfg.PerAddress = 20, 0
	s := newServer(t, cfg, func(s *Server) { s.srv.HandshakeTimeout = 300 * time.Millisecond })
	var conns []net.Conn
	for range 40 {
		c, err := net.Dial("tcp", s.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		conns = append(conns, c)
		defer c.Close()
	}
	waitUntil(t, func() bool { return s.ln.open() == 20 })
	closed := 0
	for _, c := range conns {
		c.SetReadDeadline(time.Now().Add(3 * time.Second))
		if _, err := io.ReadAll(c); err == nil {
			closed++ // the server closed it: at once, or at the deadline
		}
	}
	if closed != 40 {
		t.Errorf("%d of 40 half-open connections were closed", closed)
	}
	waitUntil(t, func() bool { return s.ln.open() == 0 })
	carriesOn(t, s)
}

// Connections that finish the handshake and open no session (ssh -N),
// and one whose session ended, are closed soon.
func TestSessionlessConnections(t *testing.T) {
	s := newServer(t, limits(), func(s *Server) { s.noSession = 200 * time.Millisecond })
	var conns []*gossh.Client
	for i := range 5 {
		conns = append(conns, rawConn(t, s.Addr().String(), fmt.Sprintf("n%d", i)))
	}
	c := dial(t, s.Addr().String(), "once", "", 100, 30)
	if !c.waitFor("CLASSROOM", 5*time.Second) {
		t.Fatal("no frame")
	}
	c.sess.Close() // the session ends; the connection stays open
	conns = append(conns, c.conn)
	for i, conn := range conns {
		done := make(chan error, 1)
		go func() { done <- conn.Wait() }()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			t.Errorf("connection %d without a session is still open", i)
		}
	}
	waitUntil(t, func() bool { return s.ln.open() == 0 })
}

// A source address holds at most PerAddress connections.
func TestConnectionsPerAddress(t *testing.T) {
	cfg := limits()
	cfg.PerAddress = 3
	s := newServer(t, cfg)
	for i := range 3 {
		rawConn(t, s.Addr().String(), fmt.Sprintf("n%d", i))
	}
	_, err := gossh.Dial("tcp", s.Addr().String(), &gossh.ClientConfig{
		User: "fourth", HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: 5 * time.Second,
	})
	if err == nil {
		t.Error("a fourth connection from one address was taken")
	}
}

// Agent forwarding and X11 are refused.
func TestAgentForwardingRefused(t *testing.T) {
	s := newServer(t, limits())
	conn := rawConn(t, s.Addr().String(), "agent")
	sess, err := conn.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	for _, req := range []string{"auth-agent-req@openssh.com", "x11-req"} {
		if ok, err := sess.SendRequest(req, true, nil); ok || err != nil {
			t.Errorf("%s: accepted %v, %v", req, ok, err)
		}
	}
}

// Connect and disconnect, again and again: goroutines and subscriptions
// are back where they started, at once (1,000 cycles behind the long
// switch, 40 else).
func TestChurn(t *testing.T) {
	cycles := 40
	if long.On() {
		cycles = 1000
	}
	s := newServer(t, limits())
	c := dial(t, s.Addr().String(), "warm", "", 100, 30) // the server's own goroutines started
	c.waitFor("CLASSROOM", 5*time.Second)
	c.close()
	waitUntil(t, func() bool { return s.t.Subscribers() == 0 && s.ln.open() == 0 })
	time.Sleep(100 * time.Millisecond)
	base := runtime.NumGoroutine()
	for i := range cycles {
		c := dial(t, s.Addr().String(), fmt.Sprintf("c%d", i), "", 100, 30)
		if !c.waitFor("CLASSROOM", 10*time.Second) {
			t.Fatalf("cycle %d: no frame", i)
		}
		c.close()
	}
	waitUntilFor(t, 10*time.Second, func() bool {
		return s.t.Subscribers() == 0 && s.ln.open() == 0 && s.active.Load() == 0 && runtime.NumGoroutine() <= base
	})
	var here int
	s.t.Read(func(tx *table.Tx) { here = len(tx.Students()) })
	if here != 0 {
		t.Errorf("%d students are still in the room", here)
	}
}

// Hostile and duplicate names: escaped everywhere, unique, and :give
// takes the name shown.
func TestHostileAndDuplicateNames(t *testing.T) {
	s := newServer(t, limits())
	hostile := dial(t, s.Addr().String(), "\u202eevil\x1b[2J", "", 100, 30)
	bob := dial(t, s.Addr().String(), "bob", "", 100, 30)
	bob2 := dial(t, s.Addr().String(), "bob", "", 100, 30)
	for _, c := range []*client{hostile, bob, bob2} {
		if !c.waitFor("CLASSROOM", 5*time.Second) {
			t.Fatal("no frame")
		}
	}
	// The two bobs' sessions may start in either order: one is bob, the
	// other bob-2.
	named := false
	for end := time.Now().Add(5 * time.Second); !named && time.Now().Before(end); time.Sleep(5 * time.Millisecond) {
		named = strings.Contains(bob.text(), "CLASSROOM · bob-2") != strings.Contains(bob2.text(), "CLASSROOM · bob-2")
	}
	if !named {
		t.Errorf("not one of the two bobs is bob-2: %q", bob2.text())
	}
	if _, err := line(t, s, "give A2 bob-2"); err != nil {
		t.Fatal(err)
	}
	s.t.Read(func(tx *table.Tx) {
		if name, _ := tx.Holder(paxos.A(2)); name != "bob-2" {
			t.Errorf(":give A2 bob-2 gave it to %q", name)
		}
	})
	var names []string
	s.t.Read(func(tx *table.Tx) {
		for _, p := range tx.Students() {
			names = append(names, p.Name)
		}
	})
	for _, n := range names {
		if strings.ContainsRune(n, 0x1b) || game.Printable(n) != n {
			t.Errorf("a name is not printable: %q", n)
		}
		if strings.ContainsRune(n, 0x202e) {
			t.Errorf("a bidi control reaches the boards: %q", n)
		}
	}
	if raw := bob.text(); strings.Contains(raw, "\x1b[2J") {
		t.Error("the hostile name cleared another student's screen")
	}
}

// A student presses h again and again while the lecturer shows step 0
// of 4: each is refused with the reason, and every step is kept.
func TestStudentActsInThePast(t *testing.T) {
	s := newServer(t, limits())
	for _, l := range []string{"propose P1", "deliver all", "deliver all", "deliver all"} {
		mustDo(t, s.lecturer, l)
	}
	s.lecturer.Act(func(tx *table.Tx) { tx.Jump(0) })
	c := dial(t, s.Addr().String(), "eager", "P4", 100, 30)
	if !c.waitFor("the lecturer is showing step 0 of 4", 5*time.Second) {
		t.Errorf("joining -t P4 in the past is not refused with the reason: %q", c.text())
	}
	for range 20 {
		c.send("h")
	}
	c.send("\t\t\t\t\t")
	c.send("1")
	time.Sleep(200 * time.Millisecond)
	var n, cur int
	s.t.Read(func(tx *table.Tx) { n, cur = tx.Game().Len(), tx.Game().Cursor() })
	if n != 4 || cur != 0 {
		t.Errorf("the lecturer's history: step %d of %d, want 0 of 4", cur, n)
	}
	if !c.waitFor("the room replays", time.Second) {
		t.Errorf("the student's board does not say the room replays")
	}
}

// The lecturer ends the class: every student's terminal is given back
// (the alternate screen left, the mouse off, the cursor shown) with a
// last line, and every session ends.
func TestLecturerEndsTheClass(t *testing.T) {
	s := newServer(t, limits())
	var cs []*client
	for i := range 3 {
		c := dial(t, s.Addr().String(), fmt.Sprintf("s%d", i), "", 100, 30)
		if !c.waitFor("CLASSROOM", 5*time.Second) {
			t.Fatal("no frame")
		}
		cs = append(cs, c)
	}
	ended := make(chan struct{})
	go func() {
		s.End(Ended, 5*time.Second)
		close(ended)
	}()
	for i, c := range cs {
		select {
		case <-c.done:
		case <-time.After(5 * time.Second):
			t.Fatalf("session %d did not end", i)
		}
		c.close() // as ssh does once its session has ended: End waits for it
		c.mu.Lock()
		raw := c.out.String()
		c.mu.Unlock()
		end := raw[strings.LastIndex(raw, "\x1b[?1049h")+1:]
		for _, seq := range []string{"\x1b[?1049l", "\x1b[?25h", "\x1b[?1002l"} {
			if !strings.Contains(end, seq) {
				t.Errorf("session %d: %q is not sent at the end", i, seq)
			}
		}
		if !strings.Contains(end, Ended) {
			t.Errorf("session %d has no last line: %q", i, end[max(0, len(end)-200):])
		}
	}
	<-ended
}

// signer is a new SSH key.
func signer(t *testing.T) gossh.Signer {
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	sg, err := gossh.NewSignerFromKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	return sg
}

// A student who drops and comes back with the same key plays their node
// again; one the lecturer sent away (:kick) does not come back.
func TestReconnectAndKick(t *testing.T) {
	s := newServer(t, limits())
	key := signer(t)
	bob := dialWith(t, s.Addr().String(), "bob", "A2", 100, 30, gossh.PublicKeys(key))
	if !bob.waitFor("bob plays A2", 5*time.Second) {
		t.Fatalf("bob does not play A2: %q", bob.text())
	}
	bob.close()
	waitUntil(t, func() (gone bool) {
		s.t.Read(func(tx *table.Tx) { _, gone = tx.Holder(paxos.A(2)) })
		return gone
	})
	again := dialWith(t, s.Addr().String(), "bob", "", 100, 30, gossh.PublicKeys(key))
	if !again.waitFor("bob plays A2", 5*time.Second) || !again.waitFor("welcome back", time.Second) {
		t.Fatalf("bob back does not play A2: %q", again.text())
	}
	if _, err := line(t, s, "kick bob"); err != nil {
		t.Fatal(err)
	}
	if !again.waitFor("the lecturer has ended your session", 5*time.Second) {
		t.Errorf("kicked bob is not told: %q", again.text())
	}
	select {
	case <-again.done:
	case <-time.After(5 * time.Second):
		t.Fatal("kicked bob's session goes on")
	}
	third := dialWith(t, s.Addr().String(), "bob", "", 100, 30, gossh.PublicKeys(key))
	if !third.waitFor("ended your place in this class", 5*time.Second) {
		t.Errorf("kicked bob comes back: %q", third.text())
	}
}

// How to join: every address of the machine (not loopback) when the
// server listens on all, a warning on loopback alone, and the host key's
// fingerprint as ssh prints it — on the lecturer's pane and on each
// student's first screen.
func TestJoinWords(t *testing.T) {
	ifs := []net.Addr{
		&net.IPNet{IP: net.ParseIP("127.0.0.1")},
		&net.IPNet{IP: net.ParseIP("192.168.1.20")},
		&net.IPNet{IP: net.ParseIP("10.0.0.5")},
		&net.IPNet{IP: net.ParseIP("fe80::1")},
	}
	all := join(&net.TCPAddr{IP: net.IPv4zero, Port: 2222}, "SHA256:x", "", ifs)
	if strings.Join(all.Commands, ",") != "ssh -p 2222 192.168.1.20,ssh -p 2222 10.0.0.5" || all.Warning != "" {
		t.Errorf("on all addresses: %+v", all)
	}
	lo := join(&net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 2222}, "SHA256:x", "k", ifs)
	if lo.Commands[0] != "ssh -p 2222 127.0.0.1 -t k" || !strings.Contains(lo.Warning, "--listen 0.0.0.0:2222") {
		t.Errorf("on loopback: %+v", lo)
	}

	s := newServer(t, limits())
	raw, err := os.ReadFile(filepath.Join(s.cfg.Dir, "classroom", "host_ed25519"))
	if err != nil {
		t.Fatal(err)
	}
	k, err := gossh.ParsePrivateKey(raw)
	if err != nil {
		t.Fatal(err)
	}
	fp := gossh.FingerprintSHA256(k.PublicKey())
	if s.Fingerprint() != fp || !strings.HasPrefix(fp, "SHA256:") {
		t.Errorf("fingerprint %q, want %q", s.Fingerprint(), fp)
	}
	c := dial(t, s.Addr().String(), "alice", "", 100, 30)
	if !c.waitFor(fp, 5*time.Second) {
		t.Errorf("the student's first screen has no fingerprint: %q", c.text())
	}
	if v := lecturerView(s, 60, 30); !strings.Contains(v, fp) || !strings.Contains(v, "⚠ listening on 127.0.0.1 only") {
		t.Errorf("the lecturer's pane:\n%s", v)
	}
}

// Solo progress is bounded: beyond SoloKeys directories the oldest are
// set aside (and come back with their key); a key that kept nothing
// leaves no directory.
func TestSoloProgressBounded(t *testing.T) {
	root := t.TempDir()
	d := soloDirs{root: filepath.Join(root, "solo"), aside: filepath.Join(root, "aside"), max: 3}
	keys := make([][]byte, 5)
	for i := range keys {
		keys[i] = []byte(fmt.Sprintf("key %d", i))
		store, dir, err := d.open(keys[i])
		if err != nil {
			t.Fatal(err)
		}
		store.Start("roles") // progress is written
		old := time.Now().Add(time.Duration(i-10) * time.Minute)
		os.Chtimes(dir, old, old)
	}
	count := func(dir string) int {
		ents, _ := os.ReadDir(dir)
		return len(ents)
	}
	if count(d.root) != 3 || count(d.aside) != 2 {
		t.Errorf("%d kept, %d set aside; want 3 and 2", count(d.root), count(d.aside))
	}
	store, _, _ := d.open(keys[0]) // the oldest comes back, with its progress
	if store.Get("roles").Status == lessons.NotStarted {
		t.Errorf("key 0's progress did not come back: %v", store.Notices())
	}
	_, dir, _ := d.open([]byte("nothing kept"))
	d.close(dir)
	if _, err := os.Stat(dir); err == nil {
		t.Error("a key that kept nothing left a directory")
	}
}
