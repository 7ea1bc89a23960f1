package spec

import (
	"math/bits"
	"runtime"
	"sync"
	"time"

	"paxosgame/explore/budget"
	"paxosgame/paxos"
)

// Explore runs TLC's breadth-first search of the model on workers
// goroutines (0: GOMAXPROCS); the counts do not depend on their number.
// With a rule off it keeps every state's parent, on one goroutine, so
// that it can give the behavior to a violation: those models are small.
// It stops at the bounds of b (Stats.Stopped), checked within a level;
// b.Progress is called each second.
func Explore(p Params, workers int, b budget.Bounds) (Stats, error) {
	m, err := newModel(p)
	if err != nil {
		return Stats{}, err
	}
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	traced := p.Rules != (paxos.Rules{})
	st := m.search(workers, traced, b)
	if !st.Agreement && st.Violation == nil && st.Stopped == budget.None {
		// Paxos.tla itself broke Agreement: search again for the behavior.
		again := m.search(1, true, budget.Bounds{MaxMemory: b.MaxMemory, Cancel: b.Cancel})
		st.Violation = again.Violation
	}
	return st, nil
}

// search is the breadth-first search. It stops at the end of the level
// where a state first breaks Agreement, so that the counts are the same
// on any number of workers; traced, it keeps each state and its parent
// (on one goroutine, so that the behavior found is always the same).
func (m *model) search(workers int, traced bool, b budget.Bounds) Stats {
	t0 := time.Now()
	watch := budget.Start(b)
	defer watch.Done()
	if traced {
		workers = 1
	}
	seen := newFPSet()
	var init key
	seen.insert(&init)
	st := Stats{Distinct: 1, Found: 1, Depth: 1, Agreement: m.agreement(&init)} // TLC counts the initial state as found
	// traced: every state, its parent, and the ids of the frontier's
	var (
		states  []key
		parents []int32
		ids     []int32
		bad     = int32(-1)
	)
	if traced {
		states, parents, ids = []key{init}, []int32{-1}, []int32{0}
	}
	frontier := []key{init}
	for len(frontier) > 0 && st.Agreement {
		watch.Set(st.Distinct, st.Depth+1)
		nexts := make([][]key, workers)
		found := make([]int64, workers)
		agree := make([]bool, workers)
		var wg sync.WaitGroup
		chunk := (len(frontier) + workers - 1) / workers
		for w := range workers {
			lo, hi := w*chunk, min((w+1)*chunk, len(frontier))
			if lo >= hi {
				agree[w] = true
				continue
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				var next []key
				var n int64
				var scratch key
				ok := true
				for i := lo; i < hi && watch.Stopped() == budget.None; i++ {
					s := &frontier[i]
					m.successors(s, &scratch, func(t *key, _ act, k int) {
						n += int64(k)
						if *t == *s || !seen.insert(t) {
							return // a stuttering step, or a state seen before
						}
						next = append(next, *t)
						watch.Add(1)
						if traced {
							states = append(states, *t)
							parents = append(parents, ids[i])
						}
						if ok && !m.agreement(t) {
							ok = false
							if traced {
								bad = int32(len(states) - 1)
							}
						}
					})
				}
				nexts[w], found[w], agree[w] = next, n, ok
			}()
		}
		wg.Wait()
		if st.Stopped = watch.Stopped(); st.Stopped != budget.None {
			break // the level is left out: the counts are those of the levels before
		}
		if traced {
			ids = ids[:0]
			for i := len(states) - len(nexts[0]); i < len(states); i++ {
				ids = append(ids, int32(i))
			}
		}
		frontier = frontier[:0:0]
		for w := range workers {
			st.Found += found[w]
			st.Distinct += len(nexts[w])
			st.Agreement = st.Agreement && agree[w]
			frontier = append(frontier, nexts[w]...)
			nexts[w] = nil
		}
		if len(frontier) > 0 {
			st.Depth++
		}
	}
	if bad >= 0 {
		var path []key
		for id := bad; id >= 0; id = parents[id] {
			path = append(path, states[id])
		}
		for i, j := 0, len(path)-1; i < j; i, j = i+1, j-1 {
			path[i], path[j] = path[j], path[i]
		}
		st.Violation = m.violation(path)
	}
	st.Elapsed = time.Since(t0)
	st.Memory = watch.Peak()
	return st
}

// fpset is the set of states seen, as TLC keeps it: a fingerprint of each
// (128 bits here, where TLC keeps 64; two of a billion states share one
// with a chance below 2⁻⁶⁸), in shards of open-addressing tables, each
// behind its own lock.
type fpset struct {
	shards [fpShards]fpShard
}

const fpShards = 256

type fpShard struct {
	mu    sync.Mutex
	slots []fingerprint // a == 0: empty
	n     int
	_     [32]byte // keep shards on their own cache lines
}

type fingerprint struct{ a, b uint64 }

func newFPSet() *fpset {
	s := &fpset{}
	for i := range s.shards {
		s.shards[i].slots = make([]fingerprint, 256)
	}
	return s
}

// mix is a strong 64-bit mixer (wyhash's): a multiply folded on itself.
func mix(x, k uint64) uint64 {
	hi, lo := bits.Mul64(x^k, 0x9E3779B97F4A7C15)
	return hi ^ lo
}

func fingerprintOf(k *key) fingerprint {
	a, b := uint64(0xA0761D6478BD642F), uint64(0xE7037ED1A0B428DB)
	for _, w := range k {
		a = mix(a^w, 0x8EBC6AF09C88C6E3)
		b = mix(b+w, 0x589965CC75374CC3)
	}
	a = mix(a, b)
	if a == 0 {
		a = 1
	}
	return fingerprint{a, b}
}

// insert adds k and reports whether it was new.
func (s *fpset) insert(k *key) bool {
	f := fingerprintOf(k)
	sh := &s.shards[f.b>>(64-8)]
	sh.mu.Lock()
	mask := uint64(len(sh.slots) - 1)
	for i := f.a & mask; ; i = (i + 1) & mask {
		switch sh.slots[i] {
		case f:
			sh.mu.Unlock()
			return false
		case fingerprint{}:
			sh.slots[i] = f
			sh.n++
			if sh.n*4 > len(sh.slots)*3 {
				sh.grow()
			}
			sh.mu.Unlock()
			return true
		}
	}
}

func (sh *fpShard) grow() {
	old := sh.slots
	sh.slots = make([]fingerprint, 2*len(old))
	mask := uint64(len(sh.slots) - 1)
	for _, f := range old {
		if f.a == 0 {
			continue
		}
		i := f.a & mask
		for sh.slots[i].a != 0 {
			i = (i + 1) & mask
		}
		sh.slots[i] = f
	}
}
