package ui

import (
	"strings"
	"testing"
	"unicode"

	"paxosgame/game"
	"paxosgame/paxos"
)

// Every value of every row of the settings makes a game, and the setup
// commands they show are the ones the game records.
func TestSettingsMakeAGameForEveryValue(t *testing.T) {
	m := newTest(t, 100, 30)
	s := m.settings
	for row := range s.rows() {
		s.cursor = row
		for range 10 {
			s.change(1)
			g, err := s.NewGame()
			if err != nil {
				t.Fatalf("row %d: %v", row, err)
			}
			setup, _ := g.Setup()
			want := s.Commands()
			if len(setup) != len(want) {
				t.Fatalf("row %d: the game has %d setup commands, the settings %d", row, len(setup), len(want))
			}
			for i := range setup {
				if setup[i].String() != want[i].String() {
					t.Errorf("row %d: the game recorded %q, the settings show %q", row, setup[i], want[i])
				}
			}
		}
	}
}

// Settings the game refuses do not stop the program: the home screen says
// why and no game starts.
func TestRefusedSettingsAreSaid(t *testing.T) {
	m := newTest(t, 100, 30)
	m.settings.proposers = paxos.MaxProposers + 1
	keys(m, "enter") // Free play
	if m.board != nil || m.current != m.home {
		t.Fatal("a game started with settings the game refuses")
	}
	if s := screenOf(m); !strings.Contains(s, "✗ the settings make a game that refuses config proposers") {
		t.Errorf("the refusal is not said:\n%s", s)
	}
}

// The propose form builds its command as a value, and says what is wrong
// with a ballot that is not one.
func TestProposeFormBuildsTheCommand(t *testing.T) {
	m := newTestGame(t, 100, 30)
	keys(m, "p", "3", "tab")
	typeText(m, "13")
	c, err := topOf[*proposeForm](m.board).command()
	want := game.Command{Verb: game.VPropose, Node: paxos.P(3), Ballot: 13, Value: "3 EUR"}
	if err != nil || c != want {
		t.Errorf("the form made %+v, %v; want %+v", c, err, want)
	}
	for _, tc := range []struct{ ballot, err string }{
		{"1x", `'x' is not a digit`},
		{"0", "0 is not a ballot"},
		// Issue 8: the form reads a ballot as the language does.
		{"+17", "with no sign"},
		{"017", "write 17, not 017"},
	} {
		keys(m, "esc", "p", "tab")
		typeText(m, tc.ballot)
		keys(m, "enter")
		if s := screenOf(m); !isOpen[*proposeForm](m.board) || !strings.Contains(s, tc.err) {
			t.Errorf("ballot %q: the form does not say %q:\n%s", tc.ballot, tc.err, s)
		}
	}
	if m.board.g.Len() != 0 {
		t.Error("a bad ballot changed the game")
	}
	// Whatever reaches the value field (a paste, say), no control
	// character reaches the command: the field drops it, and the form
	// checks the value as the language does.
	topOf[*proposeForm](m.board).ballot.SetValue("")
	topOf[*proposeForm](m.board).value.SetValue("a\x1b[2Jb")
	if c, err := topOf[*proposeForm](m.board).command(); err == nil && strings.ContainsFunc(string(c.Value), unicode.IsControl) {
		t.Errorf("a value with an escape reached the command: %q", c.Value)
	}
	if _, err := game.ParseValue("a\x1b[2Jb"); err == nil {
		t.Error("ParseValue takes a control character")
	}
}
