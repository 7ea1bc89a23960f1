package classroom

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"time"

	"paxosgame/lessons"
)

// The progress of students alone (-t solo) is kept per SSH key under
// classroom/solo/, bounded: at most SoloKeys directories and soloBytes in
// all. A new key beyond them sets the oldest directories (by their last
// use) aside under classroom/solo-aside/, itself as bounded: beyond it
// the oldest set aside are removed. A key that never starts a lesson
// leaves no directory.
const soloBytes = 64 << 20

// soloDirs is the server's solo progress: its lock makes one key's
// directory at a time.
type soloDirs struct {
	mu    sync.Mutex
	root  string // classroom/solo
	aside string // classroom/solo-aside
	max   int    // directories; 0: no bound
}

// keyName is the name of a key's directory, and the key's fingerprint in
// the room (a key that comes back is known by it): 16 bytes of its
// SHA-256, in hex.
func keyName(key []byte) string {
	sum := sha256.Sum256(key)
	return hex.EncodeToString(sum[:16])
}

// open is the progress of key: its directory, made when it is new (the
// oldest set aside when there are too many); in memory alone when it
// cannot be made.
func (d *soloDirs) open(key []byte) (*lessons.Store, string, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	dir := filepath.Join(d.root, keyName(key))
	if _, err := os.Stat(dir); err != nil {
		if err := d.makeRoom(d.root, d.aside); err != nil {
			return lessons.MemoryStore(), "", err
		}
		// A key set aside comes back with its progress.
		if os.Rename(filepath.Join(d.aside, keyName(key)), dir) != nil {
			if err := os.MkdirAll(dir, 0o700); err != nil {
				return lessons.MemoryStore(), "", err
			}
		}
	}
	now := time.Now()
	os.Chtimes(dir, now, now) // its last use: the oldest are set aside first
	return lessons.OpenStoreIn(dir), dir, nil
}

// close forgets the directory of a key that kept nothing in it.
func (d *soloDirs) close(dir string) {
	if dir == "" {
		return
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	os.Remove(dir) // only when empty
}

// makeRoom makes room in root for one more directory: the oldest are
// moved to aside (to "" they are removed) until there are fewer than max
// and they hold less than soloBytes.
func (d *soloDirs) makeRoom(root, aside string) error {
	if err := os.MkdirAll(root, 0o700); err != nil {
		return err
	}
	type entry struct {
		name  string
		mod   time.Time
		bytes int64
	}
	var all []entry
	var total int64
	ents, err := os.ReadDir(root)
	if err != nil {
		return err
	}
	for _, e := range ents {
		if !e.IsDir() {
			continue
		}
		en := entry{name: e.Name()}
		if fi, err := e.Info(); err == nil {
			en.mod = fi.ModTime()
		}
		filepath.WalkDir(filepath.Join(root, e.Name()), func(_ string, f fs.DirEntry, err error) error {
			if err == nil && !f.IsDir() {
				if fi, err := f.Info(); err == nil {
					en.bytes += fi.Size()
				}
			}
			return nil
		})
		total += en.bytes
		all = append(all, en)
	}
	slices.SortFunc(all, func(a, b entry) int { return a.mod.Compare(b.mod) })
	for len(all) > 0 && (d.max > 0 && len(all) >= d.max || total >= soloBytes) {
		old := all[0]
		all, total = all[1:], total-old.bytes
		from := filepath.Join(root, old.name)
		if aside == "" {
			if err := os.RemoveAll(from); err != nil {
				return err
			}
			continue
		}
		if err := d.makeRoom(aside, ""); err != nil {
			return err
		}
		os.RemoveAll(filepath.Join(aside, old.name)) // an older copy of that key
		if err := os.Rename(from, filepath.Join(aside, old.name)); err != nil {
			return err
		}
	}
	return nil
}
