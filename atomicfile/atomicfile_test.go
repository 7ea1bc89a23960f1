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
	path := filepath.Join(dir, "game.paxos")
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

// "Saving through a symlink replaces the link with a regular file and
// resets the mode from 0600 to 0644" (issue 18): the link stays, its
// target is written, and the mode is kept.
func TestWriteThroughASymlinkKeepsLinkAndMode(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "games", "real.paxos")
	if err := os.Mkdir(filepath.Dir(real), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(real, []byte("old\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	os.Chmod(real, 0o600) // whatever the umask
	link := filepath.Join(dir, "link.paxos")
	if err := os.Symlink(filepath.Join("games", "real.paxos"), link); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	if err := Write(link, []byte("new\n"), true); err != nil {
		t.Fatal(err)
	}
	if info, err := os.Lstat(link); err != nil || info.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("the link is no longer a link: %v %v", info.Mode(), err)
	}
	if got, _ := os.ReadFile(real); string(got) != "new\n" {
		t.Errorf("the target holds %q", got)
	}
	if info, _ := os.Stat(real); info.Mode().Perm() != 0o600 {
		t.Errorf("the mode is %v, want 0600", info.Mode().Perm())
	}
	// A link to a file not yet there: the file is made where it points.
	dangling := filepath.Join(dir, "next.paxos")
	os.Symlink(filepath.Join(dir, "games", "next.paxos"), dangling)
	if err := Write(dangling, []byte("x\n"), true); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "games", "next.paxos")); string(got) != "x\n" {
		t.Errorf("through a dangling link: %q", got)
	}
	// Without overwrite, a link is an existing file.
	if err := Write(link, []byte("other\n"), false); !errors.Is(err, fs.ErrExist) {
		t.Errorf("over a link without overwrite: %v", err)
	}
}

// "export -o /nonexistent/x.svg creates the directory" (issue 18): no
// write makes a directory; the error names the one missing.
func TestWriteMakesNoDirectory(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "nonexistent", "x.svg")
	err := Write(path, []byte("x"), true)
	if err == nil || err.Error() != "cannot write "+path+": there is no directory "+filepath.Dir(path) {
		t.Errorf("error: %v", err)
	}
	if _, err := os.Stat(filepath.Dir(path)); err == nil {
		t.Error("the directory was made")
	}
}

// "-o never replaces an existing file without --force (and never the
// source script)".
func TestOutput(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "game.paxos")
	out := filepath.Join(dir, "game.svg")
	os.WriteFile(src, []byte("propose P1\n"), 0o644)
	if err := Output(out, []byte("1"), false, src); err != nil {
		t.Fatal(err)
	}
	if err := Output(out, []byte("2"), false, src); err == nil || err.Error() != out+" exists: add --force to replace it" {
		t.Errorf("over an existing file: %v", err)
	}
	if got, _ := os.ReadFile(out); string(got) != "1" {
		t.Errorf("the file was replaced: %q", got)
	}
	if err := Output(out, []byte("3"), true, src); err != nil {
		t.Errorf("with force: %v", err)
	}
	link := filepath.Join(dir, "same.paxos")
	os.Symlink(src, link)
	for _, path := range []string{src, filepath.Join(dir, ".", "game.paxos"), link} {
		if err := Output(path, []byte("<svg/>"), true, src); err == nil || err.Error() != path+" is the script it comes from: write it to another file" {
			t.Errorf("over the source as %s: %v", path, err)
		}
	}
	if got, _ := os.ReadFile(src); string(got) != "propose P1\n" {
		t.Errorf("the source was replaced: %q", got)
	}
}
