package classroom

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"paxosgame/game"
	"paxosgame/paxos"
	"paxosgame/table"
)

func mustDo(t *testing.T, tb *table.Table, line string) {
	t.Helper()
	c, _, err := game.ParseLine(line)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tb.Do(c); err != nil {
		t.Fatalf("%s: %v", line, err)
	}
}

// A student changes the game only through the decisions of their node.
func TestGuard(t *testing.T) {
	tb := table.New(game.NewGame(), "t", "")
	defer tb.Close()
	r := NewRoom(tb)
	p := r.join("alice")
	st := &student{r: r, me: p, commands: newLimiter(100), answers: newLimiter(100), now: time.Now}
	check := func(line string, ok bool) {
		t.Helper()
		c, _, _ := game.ParseLine(line)
		var err error
		tb.Read(func(tx *table.Tx) { err = st.Command(tx.Game().World(), c) })
		if (err == nil) != ok {
			t.Fatalf("%s: allowed %v, want %v (%v)", line, err == nil, ok, err)
		}
	}
	check("promise A1", false) // no node yet
	tb.Act(func(tx *table.Tx) {
		if err := r.take(tx, p, paxos.A(1)); err != nil {
			t.Fatal(err)
		}
	})
	for _, l := range []string{"propose P1 5", "deliver all", "crash A2", "auto A1", "hand A2", "promise A2", "set A1 promised 5"} {
		check(l, false)
	}
	for _, l := range []string{"promise A1", "vote A1", "refuse A1", "ignore A1"} {
		check(l, true)
	}
	if st.Control("step back") == nil {
		t.Fatal("a student moves the history")
	}
	// The lecturer gives A1 back: it is no longer the student's.
	tb.Act(func(tx *table.Tx) {
		if _, err := r.give(tx, paxos.A(1), ""); err != nil {
			t.Fatal(err)
		}
	})
	check("promise A1", false)
}

func TestPoll(t *testing.T) {
	tb := table.New(game.NewGame(), "t", "")
	defer tb.Close()
	r := NewRoom(tb)
	lp := &lecturer{r: r, logs: &ringLog{}}
	a, b := r.join("a"), r.join("b")
	line := func(l string) string {
		t.Helper()
		var msg string
		var err error
		tb.Act(func(tx *table.Tx) { _, msg, err = lp.RoomLine(tx, l) })
		if err != nil {
			t.Fatalf("%s: %v", l, err)
		}
		return msg
	}
	mustDo(t, tb, "propose P2 \"5 EUR\"")
	mustDo(t, tb, "deliver all")
	line(`poll What will P2 ask the acceptors to vote for? | "5 EUR" | "2 EUR" | answer P2 value`)
	sa := &student{r: r, me: a, commands: newLimiter(100), answers: newLimiter(100), now: time.Now}
	sb := &student{r: r, me: b, commands: newLimiter(100), answers: newLimiter(100), now: time.Now}
	press := func(s *student, k string) {
		tb.Act(func(tx *table.Tx) { s.RoomKey(tx, tea.KeyPressMsg{Code: rune(k[0]), Text: k}, paxos.P(1)) })
	}
	press(sa, "2")
	press(sa, "1") // changed
	press(sb, "2")
	var view string
	tb.Read(func(*table.Tx) {
		if got := r.poll.counts(); got[0] != 1 || got[1] != 1 {
			t.Fatalf("counts %v", got)
		}
		view = lp.View(60, 20)
	})
	if !strings.Contains(view, "2 answered") {
		t.Fatalf("lecturer's view:\n%s", view)
	}
	msg := line("close")
	if !strings.Contains(msg, "5 EUR") {
		t.Fatalf("close: %s", msg)
	}
	press(sb, "1")
	tb.Read(func(*table.Tx) {
		if r.poll.open || r.poll.choice != 0 || r.poll.counts()[1] != 1 {
			t.Fatalf("poll after close: %+v", r.poll)
		}
		view = sa.View(60, 20)
	})
	if !strings.Contains(view, "ANSWER: 5 EUR") || !strings.Contains(view, "← yours") {
		t.Fatalf("student's view:\n%s", view)
	}
	// A lesson's question, with commands that play out when it closes.
	tb2 := table.New(game.NewGame(), "t", "")
	defer tb2.Close()
	r2 := NewRoom(tb2)
	lp2 := &lecturer{r: r2, logs: &ringLog{}}
	tb2.Act(func(tx *table.Tx) {
		if _, _, err := lp2.RoomLine(tx, "poll no-such-lesson"); err == nil {
			t.Fatal("a missing lesson is asked")
		}
	})
	// Lesson 1's first question, asked in a game where P2 started 17:
	// closing it gives the computed answer (phase 1) and plays its
	// commands (A2's promise is delivered) on the room's game.
	mustDo(t, tb2, "propose P2 17")
	var msg2 string
	tb2.Act(func(tx *table.Tx) {
		var err error
		if _, _, err = lp2.RoomLine(tx, "poll roles 1"); err != nil {
			t.Fatal(err)
		}
		if _, msg2, err = lp2.RoomLine(tx, "close"); err != nil {
			t.Fatal(err)
		}
	})
	tb2.Read(func(tx *table.Tx) {
		w := tx.Game().World()
		if !strings.Contains(msg2, "phase 1") || w.Acceptor(2).Promised != 17 || w.Proposer(2).Promises.Len() != 1 {
			t.Errorf("closing lesson 1's question: %q; A2 promised %d, P2 has %d promises", msg2, w.Acceptor(2).Promised, w.Proposer(2).Promises.Len())
		}
	})
}
