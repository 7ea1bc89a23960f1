//go:build unix

package atomicfile

import (
	"os"
	"path/filepath"
	"syscall"
)

// Lock takes an exclusive lock on the directory of path, waiting for
// another process that holds it; unlock lets it go. Processes that read,
// change and write one file take it around all three, so that neither
// loses what the other wrote. (The directory, not a file of its own, so
// that nothing is left beside the file.)
func Lock(path string) (unlock func(), err error) {
	f, err := os.Open(filepath.Dir(path))
	if err != nil {
		return nil, err
	}
	for {
		err = syscall.Flock(int(f.Fd()), syscall.LOCK_EX)
		if err != syscall.EINTR {
			break
		}
	}
	if err != nil {
		f.Close()
		return nil, err
	}
	return func() { f.Close() }, nil // closing the file releases the lock
}
