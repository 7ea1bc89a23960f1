package userfile

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// "input that is not a regular file or is over a generous size … is
// refused at once" (issue 8).
func TestRead(t *testing.T) {
	dir := t.TempDir()
	small := filepath.Join(dir, "small")
	if err := os.WriteFile(small, []byte("propose P2\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got, err := Read(small, 11); err != nil || string(got) != "propose P2\n" {
		t.Errorf("a file of the limit: %q, %v", got, err)
	}
	var r *Refused
	if _, err := Read(small, 10); !errors.As(err, &r) || r.Kind != "" || r.Size != 11 || !strings.Contains(err.Error(), "too big: 11 bytes, more than 10") {
		t.Errorf("a file over the limit: %v", err)
	}
	if _, err := Read(dir, 1<<20); !errors.As(err, &r) || r.Kind != "a directory" {
		t.Errorf("a directory: %v", err)
	}
	if _, err := Read(filepath.Join(dir, "none"), 10); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a missing file: %v", err)
	}
	link := filepath.Join(dir, "link")
	if os.Symlink(small, link) == nil {
		if got, err := Read(link, 100); err != nil || string(got) != "propose P2\n" {
			t.Errorf("a link to a regular file: %q, %v", got, err)
		}
	}
}
