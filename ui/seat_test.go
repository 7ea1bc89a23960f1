package ui

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"

	"paxosgame/game"
	"paxosgame/paxos"
	"paxosgame/table"
)

// everyKey is every key the key map names.
func everyKey() []string {
	km := reflect.ValueOf(DefaultKeyMap())
	var all []string
	for i := range km.NumField() {
		if b, ok := km.Field(i).Interface().(key.Binding); ok {
			for _, k := range b.Keys() {
				if k != "click" && k != "ctrl+c" && !slices.Contains(all, k) {
					all = append(all, k)
				}
			}
		}
	}
	return all
}

// A board handles its own keys under the table's read lock, and the rest
// under its write lock, through its seat (play.mayChange). A key taken
// for the board's own that changes the table after all would panic in
// the table: every key, in every mode, on every seat — none does.
func TestEveryKeyOnEverySeat(t *testing.T) {
	seats := map[string]func(tb *table.Table) (*table.Seat, BoardOptions){
		"solo":     func(tb *table.Table) (*table.Seat, BoardOptions) { return tb.Solo(true), BoardOptions{} },
		"lecturer": func(tb *table.Table) (*table.Seat, BoardOptions) { return tb.Lecturer(true), BoardOptions{Fixed: true} },
		"student with A1": func(tb *table.Table) (*table.Seat, BoardOptions) {
			s, _, _ := tb.Student("bob", "", table.Limits{})
			s.Act(func(tx *table.Tx) { tx.Take(paxos.A(1)) })
			return s, BoardOptions{Remote: true, Fixed: true}
		},
		"student": func(tb *table.Table) (*table.Seat, BoardOptions) {
			s, _, _ := tb.Student("carol", "", table.Limits{})
			return s, BoardOptions{Remote: true, Fixed: true}
		},
	}
	t.Chdir(t.TempDir()) // s and e write here
	modes := map[string][]string{"normal": nil, "command": {":"}, "propose": {"p"}, "export": {"e"},
		"past": {"home"}, "auto-play": {"A"}}
	all := everyKey()
	for who, seatOf := range seats {
		for mode, open := range modes {
			for _, k := range all {
				func() {
					defer func() {
						if r := recover(); r != nil {
							t.Errorf("%s, %s mode, key %q: %v", who, mode, k, r)
						}
					}()
					tb := table.New(game.NewGame(), "keys", "", table.WithClock(&table.ManualClock{}))
					defer tb.Close()
					lec := tb.Lecturer(true)
					seat, opts := seatOf(tb)
					for _, l := range []string{"propose P1", "deliver 1a P1->A1", "deliver 1a P1->A2"} {
						c, _, _ := game.ParseLine(l)
						if _, err := lec.Do(c); err != nil {
							panic(fmt.Sprintf("%s: %v", l, err))
						}
					}
					m := NewRoomBoard(seat, true, false, opts)
					defer m.Close()
					send(m, sizeMsg(120, 40))
					keys(m, open...)
					keys(m, k)
					if m.current == m.board { // the frame kept for View is the board's as it is
						var fresh string
						m.board.seat.Read(func(*table.Tx) { f := frameOf(m.board); fresh = f.String() })
						if f := m.board.Frame(); f.String() != fresh {
							got := f.String()
							t.Errorf("%s, %s mode, key %q: the frame kept is not the board's:\n%s\n%s", who, mode, k, got, fresh)
						}
					}
				}()
			}
		}
	}
}

// A change of the room that a student's board does not show — another
// student comes, or answers the open poll — leaves the board's frame as
// it was laid out (play.quiet); one it shows does not. Either way the
// frame View draws is the board's as it is.
func TestQuietChangesKeepTheFrame(t *testing.T) {
	tb := table.New(game.NewGame(), "room", "")
	defer tb.Close()
	lec := tb.Lecturer(true)
	lec.Act(func(tx *table.Tx) {
		tx.Ask(table.Question{Text: "Q?", Choices: []string{"a", "b"},
			Truth: func(*game.Game) (int, string, error) { return 0, "a", nil }})
	})
	bob, _, _ := tb.Student("bob", "", table.Limits{})
	m := NewRoomBoard(bob, true, false, BoardOptions{Remote: true, Fixed: true})
	defer m.Close()
	send(m, sizeMsg(120, 40))
	p := m.board
	fresh := func() string {
		var s string
		p.seat.Read(func(*table.Tx) { f := frameOf(p); s = f.String() })
		return s
	}
	for _, c := range []struct {
		what  string
		do    func()
		quiet bool
	}{
		{"carol comes", func() { tb.Student("carol", "", table.Limits{}) }, true},
		{"carol answers", func() {
			s, _, _ := tb.Student("dave", "", table.Limits{})
			s.Act(func(tx *table.Tx) { tx.Answer(1) })
		}, true},
		{"bob answers", func() { bob.Act(func(tx *table.Tx) { tx.Answer(0) }) }, false},
		{"the lecturer proposes", func() { lec.Do(game.Command{Verb: game.VPropose, Node: paxos.P(1)}) }, false},
	} {
		c.do()
		var quiet bool
		bob.Read(func(tx *table.Tx) { quiet = p.quiet(tx) })
		if quiet != c.quiet {
			t.Errorf("%s: quiet %v, want %v", c.what, quiet, c.quiet)
		}
		send(m, changedMsg{m.board.seat})
		if f := p.Frame(); f.String() != fresh() {
			t.Errorf("%s: the frame drawn is not the board's", c.what)
		}
	}
}

// "Status lines are cleared when they stop being true": carol's h on A2,
// which waits for dave who left, says so; once the lecturer gives A2 to
// carol, her board, following the table, no longer says it. Her answer
// to the poll is said until the poll closes.
func TestStaleStatusCleared(t *testing.T) {
	tb := table.New(game.NewGame(), "room", "")
	defer tb.Close()
	lec := tb.Lecturer(true)
	dave, _, _ := tb.Student("dave", "", table.Limits{})
	carol, _, _ := tb.Student("carol", "", table.Limits{})
	dave.Act(func(tx *table.Tx) { tx.Take(paxos.A(2)) })
	dave.Leave()
	m := NewRoomBoard(carol, true, false, BoardOptions{Remote: true, Fixed: true})
	defer m.Close()
	send(m, sizeMsg(120, 40))
	keys(m, "tab", "tab", "tab", "tab", "tab", "tab", "h") // A2
	if !shows(m, "A2 waits for dave, who left") {
		t.Fatalf("carol's h on A2:\n%s", screenOf(m))
	}
	lec.Act(func(tx *table.Tx) {
		if err := tx.Give(paxos.A(2), "carol"); err != nil {
			t.Fatal(err)
		}
	})
	send(m, changedMsg{m.board.seat})
	if s := screenOf(m); strings.Contains(s, "waits for dave") {
		t.Errorf("after A2 was given to carol:\n%s", s)
	}
	lec.Act(func(tx *table.Tx) {
		tx.Ask(table.Question{Text: "Q?", Choices: []string{"a", "b"},
			Truth: func(*game.Game) (int, string, error) { return 0, "a", nil }})
	})
	send(m, changedMsg{m.board.seat})
	keys(m, "esc")
	command(m, "answer 2")
	if !shows(m, "your answer: 2") {
		t.Fatalf("carol's :answer 2:\n%s", screenOf(m))
	}
	lec.Act(func(tx *table.Tx) { tx.ClosePoll() })
	send(m, changedMsg{m.board.seat})
	if s := screenOf(m); strings.Contains(s, "your answer: 2 —") {
		t.Errorf("after the poll closed:\n%s", s)
	}
}
