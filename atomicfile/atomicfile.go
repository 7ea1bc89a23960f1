// Package atomicfile writes files so that they are never seen half
// written: the data goes to a temporary file beside the target, which is
// then moved into place. Saves, lesson progress and the files of -o all
// use it.
package atomicfile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// Write writes data to path. With overwrite false, an existing file is
// left alone and fs.ErrExist returned — even one that appears while
// writing. A symbolic link at path is followed: its target is written,
// and the link stays a link. The file written keeps the permissions of
// the one it replaces (0644 for a new one). No directory is created: a
// missing one is an error that names it.
func Write(path string, data []byte, overwrite bool) error {
	if !overwrite {
		if _, err := os.Lstat(path); err == nil {
			return fs.ErrExist
		}
	}
	path, err := target(path)
	if err != nil {
		return err
	}
	mode := fs.FileMode(0o644)
	if info, err := os.Stat(path); err == nil {
		mode = info.Mode().Perm()
	}
	dir := filepath.Dir(path)
	if !isDir(dir) {
		return fmt.Errorf("cannot write %s: there is no directory %s", path, dir)
	}
	tmp, err := os.CreateTemp(dir, ".paxosgame-*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // a no-op once it is in place
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), mode); err != nil {
		return err
	}
	if overwrite {
		return os.Rename(tmp.Name(), path)
	}
	// Link fails if path appeared meanwhile: still no overwrite.
	if err := os.Link(tmp.Name(), path); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return fs.ErrExist
		}
		return os.Rename(tmp.Name(), path) // a file system without hard links
	}
	return nil
}

// target is the file a write to path writes: path, or where the symbolic
// links at path lead, even to a file that does not exist yet.
func target(path string) (string, error) {
	for range 40 { // as the kernel, which gives up after 40 links
		info, err := os.Lstat(path)
		if err != nil || info.Mode()&fs.ModeSymlink == 0 {
			return path, nil
		}
		link, err := os.Readlink(path)
		if err != nil {
			return "", err
		}
		if !filepath.IsAbs(link) {
			link = filepath.Join(filepath.Dir(path), link)
		}
		path = link
	}
	return "", fmt.Errorf("%s: too many levels of symbolic links", path)
}

// Output writes a file a command line names (-o OUT): as Write, and an
// existing file is replaced only when force is set, never one of
// sources (the script the output was made from: an export written over
// its own script would lose the script). Each error says what to do.
func Output(path string, data []byte, force bool, sources ...string) error {
	if err := CheckOutput(path, force, sources...); err != nil {
		return err
	}
	err := Write(path, data, force)
	if errors.Is(err, fs.ErrExist) {
		return existsError(path)
	}
	return err
}

// CheckOutput is the error Output would return before it writes, if any:
// for a command that checks its -o before long work.
func CheckOutput(path string, force bool, sources ...string) error {
	for _, src := range sources {
		if same(path, src) {
			return fmt.Errorf("%s is the script it comes from: write it to another file", path)
		}
	}
	if _, err := os.Lstat(path); err == nil && !force {
		return existsError(path)
	}
	if dir := filepath.Dir(path); !isDir(dir) {
		return fmt.Errorf("cannot write %s: there is no directory %s", path, dir)
	}
	return nil
}

func existsError(path string) error {
	return fmt.Errorf("%s exists: add --force to replace it", path)
}

func isDir(path string) bool {
	info, err := os.Stat(path)
	return err == nil && info.IsDir()
}

// same reports whether two paths name one file that exists.
func same(a, b string) bool {
	ia, err := os.Stat(a)
	if err != nil {
		return false
	}
	ib, err := os.Stat(b)
	return err == nil && os.SameFile(ia, ib)
}
