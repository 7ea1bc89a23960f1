package classroom

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	gossh "golang.org/x/crypto/ssh"

	"paxosgame/game"
	"paxosgame/paxos"
	"paxosgame/table"
)

func TestServerFrame(t *testing.T) {
	s := newServer(t, limits())
	c := dial(t, s.Addr().String(), "alice", "", 100, 30)
	if !c.waitFor("CLASSROOM", 5*time.Second) {
		t.Fatalf("no frame with CLASSROOM: %q", c.text())
	}
	if !c.waitFor("alice", time.Second) {
		t.Fatalf("the student's name is not on the frame")
	}
	// The host key was made on first start, under the config directory.
	if fi, err := os.Stat(filepath.Join(s.cfg.Dir, "classroom", "host_ed25519")); err != nil || fi.Mode().Perm()&0o077 != 0 {
		t.Fatalf("host key: %v %v", fi, err)
	}
}

func TestJoinTakesNode(t *testing.T) {
	s := newServer(t, limits())
	c := dial(t, s.Addr().String(), "bob\x1b[31m", "A2", 100, 30)
	if !c.waitFor("plays A2", 5*time.Second) {
		t.Fatalf("no 'plays A2': %q", c.text())
	}
	var hand bool
	var label string
	s.t.Read(func(tx *table.Tx) {
		hand = tx.Game().World().Hand(paxos.A(2))
		label, _ = tx.Holder(paxos.A(2))
	})
	if !hand || strings.ContainsRune(label, 0x1b) || !strings.HasPrefix(label, "bob") {
		t.Fatalf("A2 hand %v, label %q", hand, label)
	}
	c.close()
	waitUntil(t, func() (gone bool) {
		s.t.Read(func(tx *table.Tx) { _, gone = tx.Holder(paxos.A(2)) })
		return gone
	})
}

func waitUntil(t *testing.T, f func() bool) {
	t.Helper()
	waitUntilFor(t, 5*time.Second, f)
}

// waitUntilFor waits up to d for f.
func waitUntilFor(t *testing.T, d time.Duration, f func() bool) {
	t.Helper()
	end := time.Now().Add(d)
	for !f() {
		if time.Now().After(end) {
			t.Fatal("timed out")
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// panicky panics at the key P.
type panicky struct{ tea.Model }

func (p panicky) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok && k.String() == "P" {
		panic("boom")
	}
	m, cmd := p.Model.Update(msg)
	return panicky{m}, cmd
}

func TestPanicEndsOneSession(t *testing.T) {
	s := newServer(t, limits(), func(s *Server) { s.wrap = func(m tea.Model) tea.Model { return panicky{m} } })
	a := dial(t, s.Addr().String(), "a", "", 100, 30)
	b := dial(t, s.Addr().String(), "b", "", 100, 30)
	if !a.waitFor("CLASSROOM", 5*time.Second) || !b.waitFor("CLASSROOM", 5*time.Second) {
		t.Fatal("no frames")
	}
	a.send("P")
	if !a.waitFor("hit a bug", 5*time.Second) {
		t.Fatalf("no message: %q", a.text())
	}
	select {
	case <-a.done:
	case <-time.After(5 * time.Second):
		t.Fatal("the session did not end")
	}
	if !strings.Contains(s.Logs(), "boom") {
		t.Fatalf("not logged: %s", s.Logs())
	}
	// The room goes on: b sees a change.
	before := len(b.text())
	s.lecturer.Do(game.Command{Verb: game.VPropose, Node: paxos.P(1)})
	waitUntil(t, func() bool { return len(b.text()) > before })
	c := dial(t, s.Addr().String(), "c", "", 100, 30)
	if !c.waitFor("CLASSROOM", 5*time.Second) {
		t.Fatal("the server takes no new session")
	}
}

func TestRoomFull(t *testing.T) {
	cfg := limits()
	cfg.MaxSessions = 1
	s := newServer(t, cfg)
	a := dial(t, s.Addr().String(), "a", "", 100, 30)
	if !a.waitFor("CLASSROOM", 5*time.Second) {
		t.Fatal("no frame")
	}
	b := dial(t, s.Addr().String(), "b", "", 100, 30)
	if !b.waitFor("room is full", 5*time.Second) {
		t.Fatalf("b: %q", b.text())
	}
}

func TestCode(t *testing.T) {
	cfg := limits()
	cfg.Code = "paxos42"
	s := newServer(t, cfg)
	a := dial(t, s.Addr().String(), "a", "", 100, 30)
	if !a.waitFor("has a code", 5*time.Second) {
		t.Fatalf("a: %q", a.text())
	}
	b := dial(t, s.Addr().String(), "b", "paxos42 P2", 100, 30)
	if !b.waitFor("plays P2", 5*time.Second) {
		t.Fatalf("b: %q", b.text())
	}
}

func TestIdle(t *testing.T) {
	cfg := limits()
	cfg.Idle = 300 * time.Millisecond
	s := newServer(t, cfg)
	a := dial(t, s.Addr().String(), "a", "", 100, 30)
	if !a.waitFor("no key for", 5*time.Second) {
		t.Fatalf("a: %q", a.text())
	}
}

// A student's board offers a student's keys and hints: no key of the
// lecturer's (propose, undo), and another student's node waiting is not
// "your decision".
func TestStudentBoardSpeaksToTheStudent(t *testing.T) {
	s := newServer(t, limits())
	bob := dial(t, s.Addr().String(), "bob", "A2", 100, 30)
	carol := dial(t, s.Addr().String(), "carol", "P2", 100, 30)
	if !bob.waitFor("plays A2", 5*time.Second) || !carol.waitFor("plays P2", 5*time.Second) {
		t.Fatalf("no boards:\n%s\n%s", bob.text(), carol.text())
	}
	if !bob.waitFor("when a message reaches A2", 5*time.Second) {
		t.Errorf("bob's hint does not name his node: %q", bob.text())
	}
	// P2 comes to wait for carol's value: bob's board does not ask him.
	for _, c := range []game.Command{{Verb: game.VPropose, Node: paxos.P(2)}, {Verb: game.VDeliver, Sel: game.Selector{All: true}}} {
		if _, err := s.lecturer.Do(c); err != nil {
			t.Fatal(err)
		}
	}
	if !carol.waitFor("pick the value", 5*time.Second) {
		t.Errorf("carol's board does not ask for P2's value: %q", carol.text())
	}
	if txt := bob.text(); strings.Contains(txt, "P2 waits for your decision") || strings.Contains(txt, "p propose") || strings.Contains(txt, "back to the game") {
		t.Errorf("bob's board speaks to the lecturer or to carol: %q", txt)
	}
}

// "ssh -p 2222 HOST -t solo gives a private game and the lessons, with
// progress kept per SSH public key on the server": a lesson started by a
// key is in progress for the next session of that key, and no other.
func TestSoloKeepsProgressPerKey(t *testing.T) {
	s := newServer(t, limits())
	alice, bob := signer(t), signer(t)
	c := dialWith(t, s.Addr().String(), "alice", "solo", 100, 30, gossh.PublicKeys(alice))
	if !c.waitFor("Free play", 5*time.Second) {
		t.Fatalf("no home screen: %q", c.text())
	}
	c.send("\x1b[B") // down: the lessons
	c.send("\r")
	if !c.waitFor("The roles and a clean run", 5*time.Second) {
		t.Fatalf("no lesson menu: %q", c.text())
	}
	c.send("\r") // lesson 1
	if !c.waitFor("LESSON 1", 5*time.Second) {
		t.Fatalf("lesson 1 does not open: %q", c.text())
	}
	c.send("n") // read on: the lesson is started
	// On to the first question, answered wrong: the count is kept too
	// (issue 20), in the same progress file.
	for i := 0; i < 12 && !c.waitFor("What phase is P2 in then?", time.Second); i++ {
		c.send("n")
	}
	c.send("2")
	if !c.waitFor("Not quite", 5*time.Second) {
		t.Fatalf("no verdict: %q", c.text())
	}
	c.send("\x1b")
	if !c.waitFor("●  1  The roles and a clean run", 5*time.Second) {
		t.Fatalf("the menu does not show lesson 1 started: %q", c.text())
	}
	if !c.waitFor("1 mistake", 5*time.Second) {
		t.Errorf("the menu does not show the count: %q", c.text())
	}
	c.close()
	fp := func(sg gossh.Signer) string { return keyName(sg.PublicKey().Marshal()) }
	var raw []byte
	waitUntil(t, func() bool {
		var err error
		raw, err = os.ReadFile(filepath.Join(s.cfg.Dir, "classroom", "solo", fp(alice), "progress.json"))
		return err == nil && strings.Contains(string(raw), "roles") && strings.Contains(string(raw), `"mistakes": 1`)
	})
	if _, err := os.Stat(filepath.Join(s.cfg.Dir, "classroom", "solo", fp(bob))); err == nil {
		t.Error("bob has progress before he came")
	}
	again := dialWith(t, s.Addr().String(), "alice", "solo", 100, 30, gossh.PublicKeys(alice))
	again.send("\x1b[B")
	again.send("\r")
	if !again.waitFor("●  1  The roles and a clean run", 5*time.Second) {
		t.Errorf("alice's second session does not show lesson 1 started: %q", again.text())
	}
	again.close()
}
