package table

import (
	"errors"
	"strings"
	"testing"
	"time"

	"paxosgame/game"
	"paxosgame/paxos"
)

// room is a table with the seats of a class: the lecturer, bob who plays
// A1 (a prepare waits for his decision), carol who plays none, dave who
// left with A2, and an open poll.
type roomFixture struct {
	tb                        *Table
	lecturer, lecturerNoFiles *Seat
	bob, carol, dave          *Seat
}

func question() Question {
	return Question{
		Text:    "What will P1 ask for?",
		Choices: []string{"1 EUR", "2 EUR"},
		Truth:   func(*game.Game) (int, string, error) { return 0, "1 EUR", nil },
	}
}

func newRoom(t *testing.T) *roomFixture {
	t.Helper()
	tb := New(game.NewGame(), "the class", "")
	t.Cleanup(tb.Close)
	f := &roomFixture{tb: tb, lecturer: tb.Lecturer(true), lecturerNoFiles: tb.Lecturer(false)}
	var err error
	join := func(name, key string) *Seat {
		s, _, err2 := tb.Student(name, key, Limits{})
		if err2 != nil {
			t.Fatal(err2)
		}
		return s
	}
	f.bob, f.carol, f.dave = join("bob", "kb"), join("carol", "kc"), join("dave", "kd")
	for s, id := range map[*Seat]paxos.NodeID{f.bob: paxos.A(1), f.dave: paxos.A(2)} {
		s.Act(func(tx *Tx) { err = tx.Take(id) })
		if err != nil {
			t.Fatal(err)
		}
	}
	f.dave.Leave()
	for _, l := range []string{"propose P1", "deliver 1a P1->A1"} {
		if _, err := f.lecturer.Do(cmd(t, l)); err != nil {
			t.Fatal(err)
		}
	}
	f.lecturer.Act(func(tx *Tx) { err = tx.Ask(question()) })
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// mutation is one change of the table, made through a seat.
type mutation struct {
	name string
	do   func(t *testing.T, tx *Tx) error
}

var mutations = []mutation{
	{"propose", func(t *testing.T, tx *Tx) error { _, err := tx.Do(cmd(t, "propose P2")); return err }},
	{"crash", func(t *testing.T, tx *Tx) error { _, err := tx.Do(cmd(t, "crash A3")); return err }},
	{"setup", func(t *testing.T, tx *Tx) error { _, err := tx.Do(cmd(t, "mode manual")); return err }},
	{"hand", func(t *testing.T, tx *Tx) error { _, err := tx.Do(cmd(t, "hand A3")); return err }},
	{"A1's decision", func(t *testing.T, tx *Tx) error { _, err := tx.Do(cmd(t, "promise A1")); return err }},
	{"undo", func(t *testing.T, tx *Tx) error { _, err := tx.Jump(tx.Game().Cursor() - 1); return err }},
	{"start auto-play", func(t *testing.T, tx *Tx) error { return tx.StartAuto() }},
	{"stop auto-play", func(t *testing.T, tx *Tx) error { return tx.StopAuto() }},
	{"pace", func(t *testing.T, tx *Tx) error { return tx.SetPace(MaxPace) }},
	{"replace", func(t *testing.T, tx *Tx) error { return tx.Replace(game.NewGame(), "x", "") }},
	{"coach", func(t *testing.T, tx *Tx) error { return tx.SetCoach(nil, "x") }},
	{"ahead", func(t *testing.T, tx *Tx) error {
		_, err := tx.SetAhead([]game.Command{cmd(t, "crash A3")})
		return err
	}},
	{"saved", func(t *testing.T, tx *Tx) error { return tx.Saved("x.paxos") }},
	{"lesson", func(t *testing.T, tx *Tx) error { return tx.Changed() }},
	{"ask", func(t *testing.T, tx *Tx) error { return tx.Ask(question()) }},
	{"close", func(t *testing.T, tx *Tx) error { _, err := tx.ClosePoll(); return err }},
	{"answer", func(t *testing.T, tx *Tx) error { return tx.Answer(1) }},
	{"give", func(t *testing.T, tx *Tx) error { return tx.Give(paxos.A(3), "carol") }},
	{"kick", func(t *testing.T, tx *Tx) error { _, err := tx.Kick("carol"); return err }},
	{"take", func(t *testing.T, tx *Tx) error { return tx.Take(paxos.A(3)) }},
}

// "A board acts only through a seat it got from the table … the table
// checks the seat's rights itself": every seat of a class, through every
// change of the table. A refusal is a *Refusal with its reason, and
// changes nothing.
func TestEverySeatThroughEveryChange(t *testing.T) {
	ok := Reason(0)
	lecturer := map[string]Reason{"take": NotYourRole, "answer": NotYourRole}
	want := map[string]map[string]Reason{
		"solo": {"take": NotYourRole, "answer": NotYourRole, "ask": NotYourRole, "close": NotYourRole,
			"give": NotYourRole, "kick": NotYourRole},
		"solo without files": {"take": NotYourRole, "answer": NotYourRole, "ask": NotYourRole, "close": NotYourRole,
			"give": NotYourRole, "kick": NotYourRole, "saved": NoFiles},
		"lecturer":               lecturer,
		"lecturer without files": {"take": NotYourRole, "answer": NotYourRole, "saved": NoFiles},
		"student with A1": {"propose": NotYourNode, "crash": NotYourNode, "setup": NotYourNode, "hand": NotYourNode,
			"undo": NotYourRole, "start auto-play": NotYourRole, "stop auto-play": NotYourRole, "pace": NotYourRole,
			"replace": NotYourRole, "coach": NotYourRole, "ahead": NotYourRole, "saved": NoFiles, "lesson": NotYourRole,
			"ask": NotYourRole, "close": NotYourRole, "give": NotYourRole, "kick": NotYourRole},
		"student with no node": {"propose": NoNode, "crash": NoNode, "setup": NoNode, "hand": NoNode, "A1's decision": NoNode,
			"undo": NotYourRole, "start auto-play": NotYourRole, "stop auto-play": NotYourRole, "pace": NotYourRole,
			"replace": NotYourRole, "coach": NotYourRole, "ahead": NotYourRole, "saved": NoFiles, "lesson": NotYourRole,
			"ask": NotYourRole, "close": NotYourRole, "give": NotYourRole, "kick": NotYourRole},
		"student who left": {"saved": NoFiles},
	}
	for _, m := range mutations {
		if m.name == "saved" {
			continue
		}
		want["student who left"][m.name] = Gone
		if m.name == "ask" || m.name == "close" || m.name == "give" || m.name == "kick" || m.name == "undo" ||
			strings.Contains(m.name, "auto") || m.name == "pace" || m.name == "replace" || m.name == "coach" ||
			m.name == "ahead" || m.name == "saved" || m.name == "lesson" {
			want["student who left"][m.name] = NotYourRole
		}
	}
	seats := map[string]func(f *roomFixture) *Seat{
		"solo":                   func(f *roomFixture) *Seat { return f.tb.Solo(true) },
		"solo without files":     func(f *roomFixture) *Seat { return f.tb.Solo(false) },
		"lecturer":               func(f *roomFixture) *Seat { return f.lecturer },
		"lecturer without files": func(f *roomFixture) *Seat { return f.lecturerNoFiles },
		"student with A1":        func(f *roomFixture) *Seat { return f.bob },
		"student with no node":   func(f *roomFixture) *Seat { return f.carol },
		"student who left":       func(f *roomFixture) *Seat { return f.dave },
	}
	for who, seatOf := range seats {
		for _, m := range mutations {
			f := newRoom(t)
			s := seatOf(f)
			before := f.tb.Version()
			var err error
			s.Act(func(tx *Tx) { err = m.do(t, tx) })
			reason := want[who][m.name]
			var r *Refusal
			switch {
			case reason == ok && who == "student with A1" && m.name == "take":
				if err == nil || errors.As(err, &r) || !strings.Contains(err.Error(), "one node each") {
					t.Errorf("bob takes a second node: %v", err)
				}
			case reason == ok && m.name == "setup":
				if err == nil || errors.As(err, &r) {
					t.Errorf("%s: a setup command after the first action: %v", who, err)
				}
			case reason == ok && err != nil:
				t.Errorf("%s, %s: %v", who, m.name, err)
			case reason != ok && !errors.As(err, &r):
				t.Errorf("%s, %s: %v, want a refusal (%d)", who, m.name, err, reason)
			case reason != ok && r.Reason != reason:
				t.Errorf("%s, %s: refused for %d (%v), want %d", who, m.name, r.Reason, err, reason)
			case reason != ok && f.tb.Version() != before:
				t.Errorf("%s, %s: refused, yet the table changed", who, m.name)
			}
		}
	}
}

// A refusal needs no write lock: a student's key the table refuses is
// refused in Read too (a board handles such keys under the read lock);
// a change the seat may make panics there.
func TestRefusedInRead(t *testing.T) {
	f := newRoom(t)
	var err error
	f.carol.Read(func(tx *Tx) { _, err = tx.Do(cmd(t, "deliver all")) })
	var r *Refusal
	if !errors.As(err, &r) || r.Reason != NoNode {
		t.Errorf("carol's deliver in Read: %v", err)
	}
	defer func() {
		if recover() == nil {
			t.Error("a change the seat may make was made in Read")
		}
	}()
	f.lecturer.Read(func(tx *Tx) { tx.Do(cmd(t, "crash A3")) })
}

// "No student action ever removes a step. While the lecturer is not at
// the last step, a student's take, decision or answer is refused with a
// reason the student sees": the lecturer at step 0 of 2, bob's decision
// and carol's take are refused, saying where the lecturer is; the steps
// are all there. An answer to the poll takes no step: it is taken.
func TestStudentsWaitForThePresent(t *testing.T) {
	f := newRoom(t)
	var steps, cursor int
	f.lecturer.Act(func(tx *Tx) { tx.Jump(0) })
	var errs []error
	f.bob.Act(func(tx *Tx) {
		_, err := tx.Do(cmd(t, "promise A1"))
		errs = append(errs, err)
	})
	f.carol.Act(func(tx *Tx) { errs = append(errs, tx.Take(paxos.A(3))) })
	for _, err := range errs {
		var r *Refusal
		if !errors.As(err, &r) || r.Reason != Replaying || r.Step != 0 || r.Steps != 4 {
			t.Errorf("a student in the past: %v", err)
		} else if !strings.Contains(err.Error(), "the lecturer is showing step 0 of 4 — your decisions wait for the present") {
			t.Errorf("the reason: %q", err)
		}
	}
	var err error
	f.lecturer.Act(func(tx *Tx) { err = tx.Give(paxos.A(3), "carol") })
	if r := (*Refusal)(nil); !errors.As(err, &r) || r.Reason != Replaying {
		t.Errorf("the lecturer gives a node in the past: %v", err)
	}
	f.carol.Act(func(tx *Tx) { err = tx.Answer(1) })
	if err != nil {
		t.Errorf("an answer in the past: %v", err)
	}
	f.tb.Read(func(tx *Tx) { steps, cursor = tx.Game().Len(), tx.Game().Cursor() })
	if steps != 4 || cursor != 0 {
		t.Errorf("the history: step %d of %d, want 0 of 4", cursor, steps)
	}
	// At the present again, bob decides.
	f.lecturer.Act(func(tx *Tx) { tx.Jump(4) })
	if _, err := f.bob.Do(cmd(t, "promise A1")); err != nil {
		t.Errorf("bob at the present: %v", err)
	}
}

// Names are printable and unique, and a key that comes back gets its
// seat and node again; a key sent away does not come back.
func TestNamesAndKeys(t *testing.T) {
	f := newRoom(t)
	s, _, _ := f.tb.Student("bob", "k2", Limits{})
	if s.Name() != "bob-2" {
		t.Errorf("a second bob is %q", s.Name())
	}
	var err error
	f.lecturer.Act(func(tx *Tx) { err = tx.Give(paxos.A(3), "bob-2") })
	if err != nil {
		t.Fatal(err)
	}
	f.tb.Read(func(tx *Tx) {
		if name, _ := tx.Holder(paxos.A(3)); name != "bob-2" {
			t.Errorf(":give A3 bob-2 gave it to %q", name)
		}
		if name, _ := tx.Holder(paxos.A(1)); name != "bob" {
			t.Errorf("A1 is %q's", name)
		}
	})
	for in, want := range map[string]string{
		"a\x1b[31mb":           `a\x1b[31mb`,
		"two words":            "two_words",
		"":                     "student",
		"abcdefghijklmnopqrst": "abcdefghijklmno…",
	} {
		if got := CleanName(in); got != want {
			t.Errorf("CleanName(%q) = %q, want %q", in, got, want)
		}
	}
	// dave comes back with his key: A2 is his again.
	d, back, err := f.tb.Student("someone", "kd", Limits{})
	if err != nil || !back || d != f.dave {
		t.Fatalf("dave's key again: %v %v %v", d, back, err)
	}
	f.dave.Read(func(tx *Tx) {
		if id, ok := tx.Plays(); !ok || id != paxos.A(2) || tx.Name() != "dave" {
			t.Errorf("dave back plays %v %v as %q", id, ok, tx.Name())
		}
	})
	// carol is sent away: her key is refused from now on.
	var kicked *Seat
	f.lecturer.Act(func(tx *Tx) { kicked, err = tx.Kick("carol") })
	if err != nil || kicked != f.carol {
		t.Fatalf("kick carol: %v", err)
	}
	if _, err := f.carol.Do(cmd(t, "promise A1")); err == nil {
		t.Error("carol acts after being sent away")
	}
	if _, _, err := f.tb.Student("carol", "kc", Limits{}); !errors.Is(err, ErrKicked) {
		t.Errorf("carol's key again: %v", err)
	}
}

// A student's commands and answers are bounded a second.
func TestLimits(t *testing.T) {
	f := newRoom(t)
	now := time.Unix(0, 0)
	f.tb.now = func() time.Time { return now }
	s, _, _ := f.tb.Student("erin", "ke", Limits{Commands: 1, Answers: 2})
	var errs []error
	for range 3 {
		s.Act(func(tx *Tx) { errs = append(errs, tx.Answer(0)) })
	}
	var r *Refusal
	if errs[0] != nil || errs[1] != nil || !errors.As(errs[2], &r) || r.Reason != TooFast {
		t.Errorf("three answers in an instant, two allowed: %v", errs)
	}
	now = now.Add(time.Second)
	s.Act(func(tx *Tx) { errs[0] = tx.Answer(1) })
	if errs[0] != nil {
		t.Errorf("an answer a second later: %v", errs[0])
	}
}

// The poll: answers counted, who answered by name, the truth told at
// close and its commands played at the present.
func TestPoll(t *testing.T) {
	f := newRoom(t)
	q := question()
	q.Then = []game.Command{cmd(t, "crash A3")}
	f.lecturer.Act(func(tx *Tx) { tx.Ask(q) })
	f.bob.Act(func(tx *Tx) { tx.Answer(1) })
	f.bob.Act(func(tx *Tx) { tx.Answer(0) }) // changed
	f.bob.Read(func(tx *Tx) {
		p, _ := tx.Poll()
		if p.Mine != 0 || p.Counts[0] != 1 || p.Counts[1] != 0 || !p.Open {
			t.Errorf("bob's poll: %+v", p)
		}
		yes, not := tx.Answered()
		if strings.Join(yes, ",") != "bob" || strings.Join(not, ",") != "carol" {
			t.Errorf("answered %v, not %v", yes, not)
		}
	})
	var p Poll
	f.lecturer.Act(func(tx *Tx) { p, _ = tx.ClosePoll() })
	if p.Open || p.Choice != 0 || p.Words != "1 EUR" || p.Played != 1 {
		t.Errorf("closed: %+v", p)
	}
	f.tb.Read(func(tx *Tx) {
		if tx.Game().World().Up(paxos.A(3)) {
			t.Error("the poll's command was not played")
		}
	})
	var err error
	f.carol.Act(func(tx *Tx) { err = tx.Answer(0) })
	if !errors.Is(err, ErrNoPoll) {
		t.Errorf("an answer after close: %v", err)
	}
}
