//go:build unix

package lessons

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// A named pipe in place of progress.json is never opened for reading (that
// would wait for a writer forever): it is set aside like a damaged file.
func TestFIFOProgressIsSetAside(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "progress.json")
	if err := syscall.Mkfifo(path, 0o644); err != nil {
		t.Skip("no named pipes here:", err)
	}
	opened := make(chan *Store, 1)
	go func() { opened <- OpenStoreIn(dir) }()
	var s *Store
	select {
	case s = <-opened:
	case <-time.After(5 * time.Second):
		// Free the goroutine that waits for a writer.
		if w, err := os.OpenFile(path, os.O_WRONLY, 0); err == nil {
			w.Close()
		}
		t.Fatal("opening the progress of a named pipe hangs")
	}
	aside := path + ".damaged-1"
	if n := s.Notices(); len(n) != 1 || !strings.Contains(n[0], "is a named pipe, not a regular file") || !strings.Contains(n[0], aside) {
		t.Errorf("notices %q", n)
	}
	if fi, err := os.Lstat(aside); err != nil || fi.Mode().Type() != os.ModeNamedPipe {
		t.Errorf("the pipe is set aside as it was: %v %v", fi, err)
	}
	s.Start("roles")
	if OpenStoreIn(dir).Get("roles").Status != InProgress {
		t.Error("progress is saved after the pipe is set aside")
	}
}
