package atomicfile

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// "Writes of saves and progress are atomic (write a temp file, then
// rename). Nothing a user made is ever lost."
func TestWrite(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "sub", "game.paxos")
	if err := Write(path, []byte("propose P2 17\n"), false); err != nil {
		t.Fatal(err)
	}
	if err := Write(path, []byte("other\n"), false); !errors.Is(err, fs.ErrExist) {
		t.Errorf("writing over an existing file without overwrite: %v, want fs.ErrExist", err)
	}
	if got, _ := os.ReadFile(path); string(got) != "propose P2 17\n" {
		t.Errorf("the existing file changed: %q", got)
	}
	if err := Write(path, []byte("deliver all\n"), true); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(path); string(got) != "deliver all\n" {
		t.Errorf("overwrite wrote %q", got)
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		t.Errorf("temporary files left behind: %v", entries)
	}
}

func TestWriteFailsWithoutTouchingTheTarget(t *testing.T) {
	dir := t.TempDir()
	blocker := filepath.Join(dir, "file")
	os.WriteFile(blocker, nil, 0o644)
	// A directory that cannot exist: its parent is a file.
	if err := Write(filepath.Join(blocker, "x.paxos"), []byte("x"), true); err == nil {
		t.Error("writing under a file succeeded")
	}
}
