//go:build unix

package game

import (
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// A named pipe is refused at once, never opened: opening it for reading
// would wait for a writer forever (`run FIFO` hung).
func TestReadScriptRefusesANamedPipe(t *testing.T) {
	path := filepath.Join(t.TempDir(), "pipe.paxos")
	if err := syscall.Mkfifo(path, 0o644); err != nil {
		t.Skip("no named pipes here:", err)
	}
	done := make(chan error, 1)
	go func() { _, err := ReadScript(path); done <- err }()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "not a regular file") {
			t.Errorf("a named pipe: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("ReadScript waits on a named pipe")
	}
}
