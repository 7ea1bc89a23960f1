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

// seenSet is the states a search has seen, each fingerprint with the
// state's number: an open-addressing table, written between levels only
// (the merge) and read by every worker within one, without a lock. It
// takes half the memory of a Go map and looks up faster.
type seenSet struct {
	slots []seenSlot
	n     int
}

type seenSlot struct {
	fp fingerprint // {0, 0}: empty
	id int32
}

func newSeenSet() *seenSet { return &seenSet{slots: make([]seenSlot, 1<<10)} }

// nonZero keeps the fingerprint {0, 0} free to mark an empty slot.
func nonZero(f fingerprint) fingerprint {
	if f == (fingerprint{}) {
		f[0] = 1
	}
	return f
}

// get is the number of the state of fingerprint f, if seen.
func (s *seenSet) get(f fingerprint) (int32, bool) {
	f = nonZero(f)
	mask := uint64(len(s.slots) - 1)
	for i := f[0] & mask; ; i = (i + 1) & mask {
		switch s.slots[i].fp {
		case f:
			return s.slots[i].id, true
		case fingerprint{}:
			return 0, false
		}
	}
}

// put records the state of fingerprint f, not seen before, as number id.
func (s *seenSet) put(f fingerprint, id int32) {
	if (s.n+1)*4 > len(s.slots)*3 {
		old := s.slots
		s.slots = make([]seenSlot, 2*len(old))
		for _, e := range old {
			if e.fp != (fingerprint{}) {
				s.insert(e)
			}
		}
	}
	s.insert(seenSlot{nonZero(f), id})
	s.n++
}

func (s *seenSet) insert(e seenSlot) {
	mask := uint64(len(s.slots) - 1)
	i := e.fp[0] & mask
	for s.slots[i].fp != (fingerprint{}) {
		i = (i + 1) & mask
	}
	s.slots[i] = e
}
