package ui

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"paxosgame/game"
)

// "paxosgame play FILE: the game, with a saved script or scenario loaded"
// (DESIGN §5); with no file, `paxosgame play` opens free play, as its name
// says (issue 7), while `paxosgame` alone opens the home screen.
func TestPlayWithNoFileOpensFreePlay(t *testing.T) {
	m, err := NewPlay(false, false, nil)
	if err != nil {
		t.Fatal(err)
	}
	send(m, sizeMsg(100, 30))
	if m.current != m.board || m.board == nil {
		t.Fatalf("paxosgame play opens another screen than free play:\n%s", screenOf(m))
	}
	if !strings.HasPrefix(screenOf(m), "PAXOS · free play") {
		t.Errorf("the title is not free play's:\n%s", screenOf(m))
	}
	if w, fresh := world(m), game.NewGame().World(); m.board.g.Len() != 0 || !reflect.DeepEqual(w.Cfg, fresh.Cfg) {
		t.Errorf("free play is not a new default game: %d steps, %+v", m.board.g.Len(), w.Cfg)
	}
	command(m, "propose P1")
	if m.board.g.Len() != 1 {
		t.Errorf("the command line does not play in free play:\n%s", screenOf(m))
	}
	keys(m, "esc") // home, where the game goes on
	if m.current != m.home {
		t.Fatalf("esc did not go home:\n%s", screenOf(m))
	}

	m = New(false, false)
	send(m, sizeMsg(100, 30))
	if m.current != m.home || m.board != nil {
		t.Errorf("paxosgame alone does not open the home screen:\n%s", screenOf(m))
	}
}

func TestPlayWithAFileLoadsIt(t *testing.T) {
	path := filepath.Join(t.TempDir(), "duel.paxos")
	if err := os.WriteFile(path, []byte("propose P2 17\npropose P5 20\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	m, err := NewPlay(false, false, []string{path})
	if err != nil {
		t.Fatal(err)
	}
	send(m, sizeMsg(100, 30))
	if m.current != m.board || m.board.g.Len() != 2 || !strings.HasPrefix(screenOf(m), "PAXOS · duel.paxos") {
		t.Errorf("paxosgame play FILE: %d steps loaded:\n%s", m.board.g.Len(), screenOf(m))
	}
	if _, err := NewPlay(false, false, []string{path, path}); err == nil || !strings.Contains(err.Error(), "at most one script file") {
		t.Errorf("two files: %v", err)
	}
}
