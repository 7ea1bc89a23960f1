package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// openCopy opens a copy of a scenario of game/testdata in a temporary
// folder, as `paxosgame play FILE` does.
func openCopy(t *testing.T, name string) (*Model, string, string) {
	t.Helper()
	src, err := os.ReadFile(filepath.Join("..", "game", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, src, 0o644); err != nil {
		t.Fatal(err)
	}
	g, err := loadScript(path)
	if err != nil {
		t.Fatal(err)
	}
	m := NewWithGame(false, false, g, name, path)
	send(m, sizeMsg(120, 40))
	return m, path, string(src)
}

// Issue 8: "Open the course's battle scenario, press s, enter, y: the file
// goes from 89 lines to 44, every comment and expect gone." Saving keeps
// the file as written, with the steps played since appended.
func TestSaveKeepsTheFilesCommentsAndExpects(t *testing.T) {
	m, path, before := openCopy(t, "duelling-ballots-17-20-22-42.paxos")
	keys(m, "s", "enter", "y")
	after, _ := os.ReadFile(path)
	if string(after) != before {
		t.Fatalf("saving the game as loaded changed the file:\n%s", after)
	}
	command(m, "propose P1")
	keys(m, "s", "enter", "y")
	after, _ = os.ReadFile(path)
	if !strings.HasPrefix(string(after), before) || !strings.HasPrefix(lastLine(string(after)), "propose P1 ") {
		t.Errorf("the new step is not appended to the file as written:\n%s", after)
	}
}

// If the game left the file's steps, saving over it would lose what it
// says: the save proposes a new name and says why, and the file is kept.
func TestSaveOverTheFileAfterPlayingOtherwise(t *testing.T) {
	m, path, before := openCopy(t, "duelling-ballots-17-20-22-42.paxos")
	keys(m, "left", "left")
	command(m, "propose P1")
	keys(m, "s", "enter")
	if after, _ := os.ReadFile(path); string(after) != before {
		t.Fatal("the file was written over")
	}
	screen := screenOf(m)
	if !strings.Contains(wordsOf(screen), "would lose its comments and expects") || !strings.Contains(screen, "duelling-ballots-17-20-22-42-2.paxos") {
		t.Fatalf("the save does not say why nor propose a new name:\n%s", screen)
	}
	keys(m, "enter")
	if _, err := os.Stat(strings.TrimSuffix(path, ".paxos") + "-2.paxos"); err != nil {
		t.Errorf("enter did not save under the new name: %v", err)
	}
}

// "Saving over a directory says so instead of doing nothing."
func TestSaveOverAFolder(t *testing.T) {
	m := newTestGame(t, 120, 40)
	dir := t.TempDir()
	keys(m, "s")
	lineOpen(m.board, "save").in.in.SetValue(dir)
	keys(m, "enter")
	if s := wordsOf(screenOf(m)); !strings.Contains(s, "is a folder") {
		t.Errorf("saving over a folder says nothing of it:\n%s", screenOf(m))
	}
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return lines[len(lines)-1]
}
