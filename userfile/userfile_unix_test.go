//go:build unix

package userfile

import (
	"errors"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// A device and a named pipe are refused, and a named pipe never makes
// Read wait for a writer.
func TestReadRefusesDevicesAndPipes(t *testing.T) {
	var r *Refused
	if _, err := Read("/dev/zero", 1<<20); !errors.As(err, &r) || r.Kind != "a device" {
		t.Errorf("/dev/zero: %v", err)
	}
	pipe := filepath.Join(t.TempDir(), "pipe")
	if err := syscall.Mkfifo(pipe, 0o644); err != nil {
		t.Skip("no named pipes here:", err)
	}
	done := make(chan error, 1)
	go func() { _, err := Read(pipe, 1<<20); done <- err }()
	select {
	case err := <-done:
		if !errors.As(err, &r) || r.Kind != "a named pipe" {
			t.Errorf("a named pipe: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Read waits on a named pipe")
	}
}

// A named pipe put in a file's place after Read looked at it is opened
// without waiting, and refused: the open itself never blocks.
func TestOpenOfAPipeDoesNotWait(t *testing.T) {
	pipe := filepath.Join(t.TempDir(), "pipe")
	if err := syscall.Mkfifo(pipe, 0o644); err != nil {
		t.Skip("no named pipes here:", err)
	}
	done := make(chan error, 1)
	go func() {
		f, err := openNoWait(pipe)
		if err == nil {
			f.Close()
		}
		done <- err
	}()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("open: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("opening a named pipe as Read does waits for a writer")
	}
}
