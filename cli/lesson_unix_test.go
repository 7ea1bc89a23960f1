//go:build unix

package cli

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"paxosgame/lessons"
)

// The same through the command: lesson list does not hang.
func TestCommandListWithFIFOProgress(t *testing.T) {
	dir := t.TempDir()
	t.Setenv(lessons.ConfigEnv, dir)
	if err := syscall.Mkfifo(filepath.Join(dir, "progress.json"), 0o644); err != nil {
		t.Skip("no named pipes here:", err)
	}
	done := make(chan string, 1)
	go func() {
		_, _, errOut := run(t, "list")
		done <- errOut
	}()
	select {
	case errOut := <-done:
		if !strings.Contains(errOut, "not a regular file") {
			t.Errorf("list: %q", errOut)
		}
	case <-time.After(5 * time.Second):
		if w, err := os.OpenFile(filepath.Join(dir, "progress.json"), os.O_WRONLY, 0); err == nil {
			w.Close()
		}
		t.Fatal("lesson list hangs on a named pipe")
	}
}
