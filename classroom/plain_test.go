package classroom

import (
	"strings"
	"testing"
	"time"

	"paxosgame/table"
)

// mustSee waits for s in what c received, or fails with it all.
func mustSee(t *testing.T, c *client, s string) {
	t.Helper()
	if !c.waitFor(s, 5*time.Second) {
		t.Fatalf("%q never came:\n%s", s, c.text())
	}
}

// mustEnd waits for c's session to end.
func mustEnd(t *testing.T, c *client, what string) {
	t.Helper()
	select {
	case <-c.done:
	case <-time.After(5 * time.Second):
		t.Fatalf("%s: the session goes on:\n%s", what, c.text())
	}
}

// Issue 22 point 8 in the classroom: `ssh -p PORT HOST -t plain A1` is
// the room line by line on a real SSH client with a pty: no screen is
// drawn (no cursor movement, no colour); the student hears the lecturer's
// steps as they come, plays A1 by number, answers the lecturer's poll and
// hears its answer; a line too long and a flood of lines are ignored and
// said so; the class's end reaches them as a last line.
func TestPlainStudentOverSSH(t *testing.T) {
	cfg := limits()
	cfg.MaxLine = 40
	s := newServer(t, cfg)
	mustDo(t, s.lecturer, `propose P2 17 "5 EUR"`)
	bob := dial(t, s.Addr().String(), "bob", "plain A1", 80, 24)
	mustSee(t, bob, "you are bob.")
	mustSee(t, bob, "You play A1 now")
	mustSee(t, bob, "> ")
	mustDo(t, s.lecturer, "deliver 1a P2->A1")
	mustSee(t, bob, "Step 3 of 3: deliver 1a P2->A1.")
	mustSee(t, bob, "A1's choices; type a number:")
	bob.send("1\r")
	mustSee(t, bob, "Step 4 of 4: promise A1.")
	if _, err := line(t, s, `poll What will A1 promise next? | 17 | 20 | answer A1 promised`); err != nil {
		t.Fatal(err)
	}
	mustSee(t, bob, "Poll from the lecturer: What will A1 promise next?")
	bob.send("answer 1\r")
	mustSee(t, bob, "Your answer: 1. 17.")
	if _, err := line(t, s, "close"); err != nil {
		t.Fatal(err)
	}
	mustSee(t, bob, "The poll is closed")
	mustSee(t, bob, "You answered 1: right.")

	bob.send(strings.Repeat("x", 100) + "\r")
	mustSee(t, bob, "That line is longer than 40 characters: it is ignored.")
	bob.send(strings.Repeat("look A1\r", 3*plainLinesPerSec))
	mustSee(t, bob, "Slow down: at most 10 lines a second")

	raw := func() string {
		bob.mu.Lock()
		defer bob.mu.Unlock()
		return bob.out.String()
	}()
	for _, seq := range []string{"\x1b[", "\x1b]", "\x1b[?1049h"} {
		if strings.Contains(raw, seq) {
			t.Errorf("the plain session sent %q: it draws no screen", seq)
		}
	}
	if strings.Contains(strings.ReplaceAll(raw, "\r\n", ""), "\n") {
		t.Errorf("a line ends without CR on a pty")
	}
	ended := make(chan struct{})
	go func() {
		s.End(Ended, 5*time.Second)
		close(ended)
	}()
	mustEnd(t, bob, "the class ended")
	bob.close() // as ssh does once its session has ended: End waits for it
	<-ended
	if !strings.Contains(bob.text(), Ended) {
		t.Errorf("no last line:\n%s", bob.text())
	}
}

// Without a pty (ssh -T HOST plain) the client's terminal edits the line:
// the console reads lines as they come. A kick ends the session at once,
// with its line; the seat is gone.
func TestPlainWithoutPtyAndKick(t *testing.T) {
	s := newServer(t, limits())
	ann := dial(t, s.Addr().String(), "ann", "plain", 0, 0)
	mustSee(t, ann, "you are ann.")
	ann.send("take P3\n")
	mustSee(t, ann, "You play P3 now")
	ann.send("look room\n")
	mustSee(t, ann, "You are ann, in the classroom; you play P3.")
	if _, err := line(t, s, "kick ann"); err != nil {
		t.Fatal(err)
	}
	mustSee(t, ann, "the lecturer has ended your session")
	mustEnd(t, ann, "kicked")
	waitUntil(t, func() bool {
		var here int
		s.t.Read(func(tx *table.Tx) { here = tx.Here() })
		return here == 0
	})
}

// Alone: -t solo plain is free play line by line, -t solo plain 1 the
// course's first lesson; no seat of the room is taken.
func TestPlainSolo(t *testing.T) {
	s := newServer(t, limits())
	free := dial(t, s.Addr().String(), "cat", "solo plain", 80, 24)
	mustSee(t, free, "paxosgame, free play, one line for each event.")
	free.send("propose P1\r")
	mustSee(t, free, "P1 starts ballot 1")
	lesson := dial(t, s.Addr().String(), "dan", "solo plain 1", 80, 24)
	mustSee(t, lesson, "Lesson 1: ")
	bad := dial(t, s.Addr().String(), "eve", "solo plain ../../etc/passwd", 80, 24)
	mustSee(t, bad, "there is no built-in lesson")
	var here int
	s.t.Read(func(tx *table.Tx) { here = tx.Here() })
	if here != 0 {
		t.Errorf("%d students in the room, want none", here)
	}
}
