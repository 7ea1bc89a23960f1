package classroom

import (
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"paxosgame/game"
	"paxosgame/paxos"
	"paxosgame/table"
	"paxosgame/ui"
)

func mustDo(t *testing.T, s *table.Seat, line string) {
	t.Helper()
	c, _, err := game.ParseLine(line)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Do(c); err != nil {
		t.Fatalf("%s: %v", line, err)
	}
}

// offline is a server that does not listen: its table, lecturer and
// panes, for tests of the room without SSH.
func offline(t *testing.T) *Server {
	t.Helper()
	tb := table.New(game.NewGame(), "classroom", "")
	t.Cleanup(tb.Close)
	s, err := New(Config{Dir: t.TempDir(), Listen: "127.0.0.1:2222"}, tb)
	if err != nil {
		t.Fatal(err)
	}
	s.ln = newLimitListener(fakeListener{}, 0, 0, nil)
	s.ifaces = func() ([]net.Addr, error) { return nil, nil }
	return s
}

type fakeListener struct{ net.Listener }

func (fakeListener) Addr() net.Addr { return &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 2222} }

func joinAs(t *testing.T, s *Server, name string) *table.Seat {
	t.Helper()
	seat, _, err := s.t.Student(name, "key-"+name, table.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	return seat
}

// line runs a lecturer's line of the : line, as the lecturer's pane does.
func line(t *testing.T, s *Server, l string) (string, error) {
	t.Helper()
	lp := &lecturer{s: s}
	var msg string
	var err error
	s.lecturer.Act(func(tx *table.Tx) { _, msg, err = lp.RoomLine(tx, l) })
	return msg, err
}

func lecturerView(s *Server, w, h int) string {
	lp := &lecturer{s: s}
	var v string
	s.lecturer.Read(func(tx *table.Tx) {
		lp.Follow(tx)
		v = lp.View(w, h)
	})
	return v
}

// The lecturer's lines: a poll answered by two of three, who has not
// answered by name, the truth at close; a node given by the name shown.
func TestLecturerLines(t *testing.T) {
	s := offline(t)
	a, b := joinAs(t, s, "alice"), joinAs(t, s, "bob")
	joinAs(t, s, "carol")
	mustDo(t, s.lecturer, `propose P2 "5 EUR"`)
	mustDo(t, s.lecturer, "deliver all")
	if _, err := line(t, s, `poll What will P2 ask the acceptors to vote for? | "5 EUR" | "2 EUR" | answer P2 value`); err != nil {
		t.Fatal(err)
	}
	a.Act(func(tx *table.Tx) { tx.Answer(1) })
	a.Act(func(tx *table.Tx) { tx.Answer(0) }) // changed
	b.Act(func(tx *table.Tx) { tx.Answer(1) })
	v := lecturerView(s, 60, 30)
	for _, want := range []string{"2 of 3 answered", "answered (2): alice bob", "not yet (1): carol", "1  5 EUR", "3 here"} {
		if !strings.Contains(v, want) {
			t.Errorf("the lecturer's pane has no %q:\n%s", want, v)
		}
	}
	msg, err := line(t, s, "close")
	if err != nil || !strings.Contains(msg, "5 EUR") {
		t.Fatalf("close: %q %v", msg, err)
	}
	if v := lecturerView(s, 60, 30); !strings.Contains(v, "ANSWER: 5 EUR") || strings.Contains(v, "played it out") {
		t.Errorf("a poll with no commands does not say it played them:\n%s", v)
	}
	if _, err := line(t, s, "give A2 bob"); err != nil {
		t.Fatal(err)
	}
	s.t.Read(func(tx *table.Tx) {
		if name, _ := tx.Holder(paxos.A(2)); name != "bob" {
			t.Errorf("A2 is %q's", name)
		}
	})
	if _, err := line(t, s, "give A2 nobody"); err == nil || !strings.Contains(err.Error(), "nobody called nobody") {
		t.Errorf("give to nobody: %v", err)
	}
	if _, err := line(t, s, "poll no-such-lesson"); err == nil {
		t.Error("a missing lesson is asked")
	}
}

// Lesson 1's first question, asked in a game where P2 started 17:
// closing it gives the computed answer (phase 1) and plays its commands
// (A2's promise is delivered) on the room's game.
func TestPollFromALesson(t *testing.T) {
	s := offline(t)
	mustDo(t, s.lecturer, "propose P2 17")
	if _, err := line(t, s, "poll roles 1"); err != nil {
		t.Fatal(err)
	}
	msg, err := line(t, s, "close")
	if err != nil {
		t.Fatal(err)
	}
	s.t.Read(func(tx *table.Tx) {
		w := tx.Game().World()
		if !strings.Contains(msg, "phase 1") || w.Acceptor(2).Promised != 17 || w.Proposer(2).Promises.Len() != 1 {
			t.Errorf("closing lesson 1's question: %q; A2 promised %d, P2 has %d promises", msg, w.Acceptor(2).Promised, w.Proposer(2).Promises.Len())
		}
	})
}

// "The poll and its counts stay visible whatever the number of names":
// sixty students, the lecturer's pane of 40×24: the question, every
// choice with its count, and who has not answered fold into a count.
func TestSixtyNamesKeepThePoll(t *testing.T) {
	s := offline(t)
	var seats []*table.Seat
	for i := range 60 {
		seats = append(seats, joinAs(t, s, fmt.Sprintf("student%02d", i)))
	}
	if _, err := line(t, s, `poll Who wins? | "P1" | "P2" | "nobody" | answer chosen`); err != nil {
		t.Fatal(err)
	}
	for i, st := range seats[:45] {
		st.Act(func(tx *table.Tx) { tx.Answer(i % 3) })
	}
	v := lecturerView(s, 40, 24)
	for _, want := range []string{"Who wins?", "1  P1", "2  P2", "3  nobody", "45 of 60 answered", "answered (45): student00", "not yet (15): student45", "more (click here, then z)"} {
		if !strings.Contains(v, want) {
			t.Errorf("no %q in the lecturer's pane of 40×24:\n%s", want, v)
		}
	}
	if n := len(strings.Split(v, "\n")); n != 24 {
		t.Errorf("%d lines", n)
	}
}

// `:kick bob` ends bob's seat, and his key is refused from then on.
func TestKick(t *testing.T) {
	s := offline(t)
	joinAs(t, s, "bob")
	msg, err := line(t, s, "kick bob")
	if err != nil || !strings.Contains(msg, "bob's session ends") {
		t.Fatalf("kick: %q %v", msg, err)
	}
	if _, _, err := s.t.Student("bob", "key-bob", table.Limits{}); err == nil {
		t.Error("bob's key comes back")
	}
	if _, err := line(t, s, "kick bob"); err == nil {
		t.Error("kicked twice")
	}
}

// A student's board, driven by its keys.
func studentBoard(t *testing.T, seat *table.Seat, w, h int) (*ui.Model, *student) {
	t.Helper()
	st := &student{fp: "SHA256:test"}
	m := ui.NewRoomBoard(seat, true, false, ui.BoardOptions{Side: st, Remote: true, Fixed: true})
	t.Cleanup(m.Close)
	m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	return m, st
}

func press(m *ui.Model, keys ...string) {
	for _, k := range keys {
		var msg tea.KeyPressMsg
		switch k {
		case "enter":
			msg = tea.KeyPressMsg{Code: tea.KeyEnter}
		default:
			r := []rune(k)[0]
			msg = tea.KeyPressMsg{Code: r, Text: k}
		}
		m.Update(msg)
	}
}

func screen(m *ui.Model) string { return ansi.Strip(m.Content()) }

// "Decisions and polls never fight for the same keys (a pending decision
// keeps its digits and the poll says how to answer)": carol plays A1,
// which holds a prepare; a poll opens: her 1 promises, the poll says
// :answer; once A1 has decided, 2 answers the poll.
func TestPollDuringADecision(t *testing.T) {
	s := offline(t)
	carol := joinAs(t, s, "carol")
	carol.Act(func(tx *table.Tx) {
		if err := tx.Take(paxos.A(1)); err != nil {
			t.Fatal(err)
		}
	})
	mustDo(t, s.lecturer, "propose P1")
	mustDo(t, s.lecturer, "deliver 1a P1->A1")
	if _, err := line(t, s, `poll What will A1 promise? | 1 | 20 | answer A1 promised`); err != nil {
		t.Fatal(err)
	}
	m, _ := studentBoard(t, carol, 120, 40)
	if sc := screen(m); !strings.Contains(sc, "A1 decides first with 1–9") || !strings.Contains(sc, ":answer N") || !strings.Contains(sc, "DECIDES") {
		t.Fatalf("the poll does not say how to answer while A1 decides:\n%s", sc)
	}
	press(m, "1")
	var p table.Poll
	var promised paxos.Ballot
	s.t.Read(func(tx *table.Tx) {
		p, _ = tx.Poll()
		promised = tx.Game().World().Acceptor(1).Promised
	})
	if promised == 0 || p.Counts[0]+p.Counts[1] != 0 {
		t.Fatalf("carol's 1 did not decide (A1 promised %d), or answered the poll (%v):\n%s", promised, p.Counts, screen(m))
	}
	press(m, "2")
	s.t.Read(func(tx *table.Tx) { p, _ = tx.Poll() })
	if p.Counts[1] != 1 {
		t.Errorf("carol's 2 after the decision did not answer: %v\n%s", p.Counts, screen(m))
	}
	// The poll closes: her "✓ your answer" is no longer said.
	if _, err := line(t, s, "close"); err != nil {
		t.Fatal(err)
	}
	m.Update(nil) // nothing: the board follows the table on its next message
	press(m, "tab")
	if sc := screen(m); strings.Contains(sc, "✓ your answer") || !strings.Contains(sc, "POLL (closed)") {
		t.Errorf("after close:\n%s", sc)
	}
}

// "A student's hints list only a student's keys": carol's board, with
// messages in flight and her node waiting, names no key of the
// lecturer's.
func TestStudentHintsAreAStudents(t *testing.T) {
	s := offline(t)
	carol := joinAs(t, s, "carol")
	mustDo(t, s.lecturer, "propose P1")
	m, _ := studentBoard(t, carol, 150, 40)
	sc := screen(m)
	for _, no := range []string{"enter deliver", "give back", "again: deliver", "p propose", "space oldest"} {
		if strings.Contains(sc, no) {
			t.Errorf("carol's board offers %q:\n%s", no, sc)
		}
	}
	if !strings.Contains(sc, "h take") {
		t.Errorf("carol's board does not offer h to take a node:\n%s", sc)
	}
	press(m, "?")
	if sc := screen(m); strings.Contains(sc, "deliver") || strings.Contains(sc, "undo") || !strings.Contains(sc, "take the selected node") {
		t.Errorf("carol's help:\n%s", sc)
	}
}

// "A student's script view shows the game only up to the step on
// screen", and while the lecturer shows the past her board says the
// room replays, and her take is refused with the reason.
func TestStudentInThePast(t *testing.T) {
	s := offline(t)
	carol := joinAs(t, s, "carol")
	for _, l := range []string{"propose P1", "deliver all", "deliver all", "deliver all"} {
		mustDo(t, s.lecturer, l)
	}
	s.lecturer.Act(func(tx *table.Tx) { tx.Jump(1) })
	m, _ := studentBoard(t, carol, 120, 40)
	sc := screen(m)
	if !strings.Contains(sc, "the room replays") || !strings.Contains(sc, "step 1 of 4") {
		t.Errorf("carol's board does not say the room replays:\n%s", sc)
	}
	press(m, "tab", "tab", "tab", "tab", "tab", "h") // A1
	if sc := screen(m); !strings.Contains(sc, "the lecturer is showing step 1 of 4 — your decisions wait for the present") {
		t.Errorf("carol's h in the past:\n%s", sc)
	}
	press(m, "s")
	sc = screen(m)
	if !strings.Contains(sc, "propose P1") || strings.Contains(sc, "deliver all") {
		t.Errorf("carol's script shows the steps ahead:\n%s", sc)
	}
	var n int
	s.t.Read(func(tx *table.Tx) { n = tx.Game().Len() })
	if n != 4 {
		t.Errorf("the lecturer's history has %d steps", n)
	}
}

// Issue 23: "a choice can carry its own explanation, shown … when a
// classroom poll closes". A lesson's question asked as a poll: once
// closed, the lecturer's pane shows what the lesson says of the right
// choice, and a student who picked another sees what it says of theirs
// too, as text (its Markdown marks read out of it).
func TestClosedPollExplains(t *testing.T) {
	s := offline(t)
	file := filepath.Join(t.TempDir(), "why.md")
	lesson := "# Why\n\n```paxos setup\nhand A1\n```\n\nA page.\n\n```paxos predict\n? What will A1 promise?\n- 17\n  > P2 asked for *17*.\n- 20\n  > Nobody asked for 20.\ndeliver 1a P2->A1\npromise A1\nanswer A1 promised\n```\n"
	if err := os.WriteFile(file, []byte(lesson), 0o600); err != nil {
		t.Fatal(err)
	}
	bob := joinAs(t, s, "bob")
	mustDo(t, s.lecturer, "hand A1")
	mustDo(t, s.lecturer, "propose P2 17")
	if _, err := line(t, s, "poll "+file+" 1"); err != nil {
		t.Fatal(err)
	}
	bob.Act(func(tx *table.Tx) { tx.Answer(1) })
	if _, err := line(t, s, "close"); err != nil {
		t.Fatal(err)
	}
	if v := lecturerView(s, 60, 30); !strings.Contains(v, "P2 asked for 17.") || strings.Contains(v, "Nobody asked") {
		t.Errorf("the lecturer's pane does not explain the right choice alone:\n%s", v)
	}
	st := &student{}
	bob.Read(st.Follow)
	if v := st.View(60, 30); !strings.Contains(v, "P2 asked for 17.") || !strings.Contains(v, "yours, 2: Nobody asked for 20.") {
		t.Errorf("bob's pane does not explain the answer and his own:\n%s", v)
	}
}

// The room engineer's poll: "answer A1 promised" matched no choice, and
// the lecturer saw "ANSWER: 1" with no ✓. Now asking warns at once (as
// the game stands, the answer is none of the choices), closing says so
// as an error, and every pane says "none of the choices".
func TestPollAnswerMatchingNoChoiceWarns(t *testing.T) {
	s := offline(t)
	mustDo(t, s.lecturer, "propose P1")
	mustDo(t, s.lecturer, "deliver 1a P1->A1")
	msg, err := line(t, s, `poll What did A1 promise? | 17 | 20 | answer A1 promised`)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(msg, `⚠ as the game stands, "answer A1 promised" gives 1, none of the choices`) {
		t.Errorf("asking does not warn: %q", msg)
	}
	_, err = line(t, s, "close")
	if err == nil || !strings.Contains(err.Error(), "its answer, 1, is none of the choices") {
		t.Errorf("closing does not say the answer is none of the choices: %v", err)
	}
	if v := lecturerView(s, 60, 30); !strings.Contains(v, "ANSWER: 1 — none of the choices") {
		t.Errorf("the pane does not say it:\n%s", v)
	}
	msg, err = line(t, s, `poll What did A1 promise? | 1 | 20 | answer A1 promised`)
	if err != nil || strings.Contains(msg, "⚠") {
		t.Errorf("a poll whose answer is a choice warns: %q %v", msg, err)
	}
}
