package explore

import "sync"

// levelSet counts the distinct states found within a level while the
// workers find them, so that the bound on states is checked inside the
// level with the exact count (the merge, in the frontier's order, decides
// which run reaches each). A set of fingerprints in shards, each an
// open-addressing table behind its own lock.
type levelSet struct {
	shards [levelShards]levelShard
}

const levelShards = 64

type levelShard struct {
	mu    sync.Mutex
	slots []fingerprint // {0, 0}: empty
	n     int
	_     [40]byte // each shard on its own cache line
}

// insert adds f and reports whether it was new.
func (s *levelSet) insert(f fingerprint) bool {
	if f == (fingerprint{}) {
		f[0] = 1
	}
	sh := &s.shards[f[1]>>(64-6)]
	sh.mu.Lock()
	defer sh.mu.Unlock()
	if sh.n*4 >= len(sh.slots)*3 {
		sh.grow()
	}
	mask := uint64(len(sh.slots) - 1)
	for i := f[0] & mask; ; i = (i + 1) & mask {
		switch sh.slots[i] {
		case f:
			return false
		case fingerprint{}:
			sh.slots[i] = f
			sh.n++
			return true
		}
	}
}

func (sh *levelShard) grow() {
	old := sh.slots
	sh.slots = make([]fingerprint, max(64, 2*len(old)))
	mask := uint64(len(sh.slots) - 1)
	for _, f := range old {
		if f == (fingerprint{}) {
			continue
		}
		i := f[0] & mask
		for sh.slots[i] != (fingerprint{}) {
			i = (i + 1) & mask
		}
		sh.slots[i] = f
	}
}
