// Package userfile reads the files a person gives the game or the game
// keeps for them (scripts, lessons, progress) as hostile input: only a
// regular file is read, and only up to a limit, so that no path makes the
// game wait forever or fill its memory.
package userfile

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"syscall"
)

// Refused is why a file was not read: it is not a regular file, or it is
// larger than the limit.
type Refused struct {
	Kind  string // "a directory", "a named pipe", "a device", …; "" when it is a regular file too big
	Size  int64  // the size seen, when too big
	Limit int64
}

func (e *Refused) Error() string {
	if e.Kind != "" {
		return "is " + e.Kind + ", not a regular file"
	}
	return fmt.Sprintf("is too big: %d bytes, more than %d", e.Size, e.Limit)
}

// Read reads the regular file at path (a symbolic link to one is fine)
// when it holds at most limit bytes. Anything else is a *Refused error,
// told before a byte is read.
func Read(path string, limit int64) ([]byte, error) {
	// Look before opening: some devices act when opened. Then open without
	// waiting (a named pipe put in the file's place meanwhile would wait
	// for a writer forever) and look again at what was opened.
	info, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if err := check(info, limit); err != nil {
		return nil, err
	}
	f, err := openNoWait(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if info, err = f.Stat(); err != nil {
		return nil, err
	}
	if err := check(info, limit); err != nil {
		return nil, err
	}
	// The file may grow while it is read: read no more than the limit.
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, &Refused{Size: int64(len(data)), Limit: limit}
	}
	return data, nil
}

// openNoWait opens a file for reading without waiting: a named pipe
// opens at once, with no writer.
func openNoWait(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
}

func check(info fs.FileInfo, limit int64) error {
	if !info.Mode().IsRegular() {
		return &Refused{Kind: kind(info.Mode()), Limit: limit}
	}
	if info.Size() > limit {
		return &Refused{Size: info.Size(), Limit: limit}
	}
	return nil
}

func kind(m fs.FileMode) string {
	switch {
	case m&fs.ModeDir != 0:
		return "a directory"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a device"
	}
	return "a special file"
}
