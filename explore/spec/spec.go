// Package spec explores Lamport's Paxos.tla (the TLA+ Examples, "How to
// win a Turing award": specifications/PaxosHowToWinATuringAward) with
// TLC's semantics and TLC's counts (DESIGN §10). It is our own Go, written
// from the specification:
//
//   - state: maxBal[a], maxVBal[a], maxVal[a] for each acceptor, and msgs,
//     the set of every message ever sent (it only grows);
//   - Init: maxBal = maxVBal = -1, maxVal = None, msgs = {};
//   - Phase1a(b): send [1a, b];
//   - Phase1b(a): for a 1a message m in msgs with m.bal > maxBal[a], set
//     maxBal[a] = m.bal and send [1b, a, m.bal, maxVBal[a], maxVal[a]];
//   - Phase2a(b, v): if no 2a of ballot b was sent, and some quorum Q all
//     sent a 1b in b, and either none of those reported a vote or the
//     highest vote they reported is for v, send [2a, b, v];
//   - Phase2b(a): for a 2a message m in msgs with m.bal >= maxBal[a], set
//     maxBal[a] = maxVBal[a] = m.bal, maxVal[a] = m.val, send [2b, a, m.bal, m.val];
//   - ballots 0..MaxBallot; the quorums are the smallest majorities (as
//     MCPaxos.tla lists them: {a1,a2}, {a1,a3}, {a2,a3}).
//
// TLC's counts: distinct states include the initial one; states found
// count one successor for each action and each witness of the
// existentials (and disjuncts) it enumerates, repeats and stuttering steps
// included, so Phase2a counts each quorum, and each message that shows
// the highest vote, apart, and the initial state is found too; the depth counts the initial state as level 1.
package spec

import (
	"fmt"
	"math/bits"
	"runtime"
	"sync"
	"time"
)

// Params are the constants of the model.
type Params struct {
	Acceptors int
	Values    int
	MaxBallot int
}

// Stats are what TLC prints.
type Stats struct {
	Distinct int   // distinct states
	Found    int64 // states generated
	Depth    int   // the initial state is level 1
	Elapsed  time.Duration
	// Agreement is false when some state has two values chosen.
	Agreement bool
}

// words of msgs in a state; msgs has one bit per message the model can send.
const msgWords = 4

// key is a state: the acceptors' fields packed in the last word (12 bits
// each: maxBal+1, maxVBal+1, maxVal with 0 for None), msgs in the others.
type key [msgWords + 1]uint64

type model struct {
	Params
	nB, votes                 int // ballots; 1 + nB*Values possible (mbal, mval) in a 1b
	off1b, off2a, off2b, bits int
	quorums                   []uint32 // bitmasks of acceptors
}

func newModel(p Params) (*model, error) {
	if p.Acceptors < 1 || p.Acceptors > 5 || p.Values < 1 || p.Values > 15 || p.MaxBallot < 0 || p.MaxBallot > 14 {
		return nil, fmt.Errorf("--spec takes 1 to 5 acceptors, 1 to 15 values and --max-ballot 0 to 14")
	}
	m := &model{Params: p, nB: p.MaxBallot + 1}
	m.votes = 1 + m.nB*p.Values
	m.off1b = m.nB
	m.off2a = m.off1b + p.Acceptors*m.nB*m.votes
	m.off2b = m.off2a + m.nB*p.Values
	m.bits = m.off2b + p.Acceptors*m.nB*p.Values
	if m.bits > 64*msgWords {
		return nil, fmt.Errorf("--spec: %d acceptors, %d values and ballots 0..%d make %d messages; at most %d fit", p.Acceptors, p.Values, p.MaxBallot, m.bits, 64*msgWords)
	}
	need := p.Acceptors/2 + 1
	for q := uint32(1); q < 1<<p.Acceptors; q++ {
		if bits.OnesCount32(q) == need {
			m.quorums = append(m.quorums, q)
		}
	}
	return m, nil
}

func (k *key) has(i int) bool { return k[i/64]&(1<<(i%64)) != 0 }
func (k *key) set(i int)      { k[i/64] |= 1 << (i % 64) }

// The acceptor fields, with -1 and None as 0.
func (k *key) acc(a int) (maxBal, maxVBal, maxVal int) {
	w := k[msgWords] >> (12 * a)
	return int(w & 15), int(w >> 4 & 15), int(w >> 8 & 15)
}

func (k *key) setAcc(a, maxBal, maxVBal, maxVal int) {
	sh := 12 * a
	k[msgWords] = k[msgWords]&^(0xfff<<sh) | uint64(maxBal|maxVBal<<4|maxVal<<8)<<sh
}

func (m *model) bit1a(b int) int { return b }
func (m *model) bit1b(a, b, vote int) int {
	return m.off1b + (a*m.nB+b)*m.votes + vote
}
func (m *model) bit2a(b, v int) int    { return m.off2a + b*m.Values + v }
func (m *model) bit2b(a, b, v int) int { return m.off2b + (a*m.nB+b)*m.Values + v }

// successors calls emit for each successor TLC generates from s.
func (m *model) successors(s *key, emit func(key)) {
	// Phase1a(b)
	for b := 0; b < m.nB; b++ {
		t := *s
		t.set(m.bit1a(b))
		emit(t)
	}
	// Phase2a(b, v)
	for b := 0; b < m.nB; b++ {
		sent2a := false
		for v := 0; v < m.Values; v++ {
			sent2a = sent2a || s.has(m.bit2a(b, v))
		}
		if sent2a {
			continue
		}
		for v := 0; v < m.Values; v++ {
			for _, q := range m.quorums {
				// Every acceptor of q sent a 1b in b; the highest vote reported.
				all, best, bestVal, count := true, -1, 0, 0
				for a := 0; a < m.Acceptors && all; a++ {
					if q&(1<<a) == 0 {
						continue
					}
					found := false
					for vote := 0; vote < m.votes; vote++ {
						if !s.has(m.bit1b(a, b, vote)) {
							continue
						}
						found = true
						if vote == 0 {
							continue
						}
						mb, mv := (vote-1)/m.Values, (vote-1)%m.Values
						switch {
						case mb > best:
							best, bestVal, count = mb, mv, 1
						case mb == best && mv == bestVal:
							count++
						case mb == best:
							count = -1 << 30 // two values in one ballot: no witness is the highest for v alone
						}
					}
					all = found
				}
				if !all {
					continue
				}
				n := 0
				if best < 0 {
					n = 1 // Q1bv = {}
				} else if bestVal == v && count > 0 {
					n = count // each message showing the highest vote, for v
				}
				for range n {
					t := *s
					t.set(m.bit2a(b, v))
					emit(t)
				}
			}
		}
	}
	for a := 0; a < m.Acceptors; a++ {
		maxBal, maxVBal, maxVal := s.acc(a)
		// Phase1b(a): maxBal is stored +1, so m.bal > maxBal-1.
		for b := 0; b < m.nB; b++ {
			if !s.has(m.bit1a(b)) || b+1 <= maxBal {
				continue
			}
			vote := 0
			if maxVBal > 0 {
				vote = 1 + (maxVBal-1)*m.Values + (maxVal - 1)
			}
			t := *s
			t.setAcc(a, b+1, maxVBal, maxVal)
			t.set(m.bit1b(a, b, vote))
			emit(t)
		}
		// Phase2b(a)
		for b := 0; b < m.nB; b++ {
			if b+1 < maxBal {
				continue
			}
			for v := 0; v < m.Values; v++ {
				if !s.has(m.bit2a(b, v)) {
					continue
				}
				t := *s
				t.setAcc(a, b+1, b+1, v+1)
				t.set(m.bit2b(a, b, v))
				emit(t)
			}
		}
	}
}

// agreement: at most one value is chosen (a quorum voted for it in one ballot).
func (m *model) agreement(s *key) bool {
	chosen := -1
	for b := 0; b < m.nB; b++ {
		for v := 0; v < m.Values; v++ {
			var voters uint32
			for a := 0; a < m.Acceptors; a++ {
				if s.has(m.bit2b(a, b, v)) {
					voters |= 1 << a
				}
			}
			for _, q := range m.quorums {
				if voters&q == q {
					if chosen >= 0 && chosen != v {
						return false
					}
					chosen = v
					break
				}
			}
		}
	}
	return true
}

const shards = 256

type shard struct {
	mu  sync.Mutex
	set map[key]struct{}
}

func hash(k *key) uint64 {
	h := uint64(14695981039346656037)
	for _, w := range k {
		h ^= w
		h *= 1099511628211
		h ^= h >> 29
	}
	return h
}

// Explore runs TLC's breadth-first search of the model on workers
// goroutines (0: GOMAXPROCS); the counts do not depend on their number.
func Explore(p Params, workers int, progress func(Stats)) (Stats, error) {
	m, err := newModel(p)
	if err != nil {
		return Stats{}, err
	}
	t0 := time.Now()
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	var sh [shards]shard
	for i := range sh {
		sh[i].set = map[key]struct{}{}
	}
	insert := func(k *key) bool {
		s := &sh[hash(k)%shards]
		s.mu.Lock()
		_, ok := s.set[*k]
		if !ok {
			s.set[*k] = struct{}{}
		}
		s.mu.Unlock()
		return !ok
	}
	var init key
	insert(&init)
	st := Stats{Distinct: 1, Found: 1, Depth: 1, Agreement: true} // TLC counts the initial state as found
	frontier := []key{init}
	last := t0
	for len(frontier) > 0 {
		nexts := make([][]key, workers)
		found := make([]int64, workers)
		agree := make([]bool, workers)
		var wg sync.WaitGroup
		chunk := (len(frontier) + workers - 1) / workers
		for w := range workers {
			lo, hi := w*chunk, min((w+1)*chunk, len(frontier))
			if lo >= hi {
				continue
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				var next []key
				var n int64
				ok := true
				for i := lo; i < hi; i++ {
					m.successors(&frontier[i], func(t key) {
						n++
						if insert(&t) {
							next = append(next, t)
							if ok && !m.agreement(&t) {
								ok = false
							}
						}
					})
				}
				nexts[w], found[w], agree[w] = next, n, ok
			}()
		}
		wg.Wait()
		frontier = frontier[:0:0]
		for w := range workers {
			st.Found += found[w]
			st.Distinct += len(nexts[w])
			st.Agreement = st.Agreement && (nexts[w] == nil || agree[w])
			frontier = append(frontier, nexts[w]...)
			nexts[w] = nil
		}
		if len(frontier) > 0 {
			st.Depth++
		}
		if progress != nil && time.Since(last) >= time.Second {
			last = time.Now()
			st.Elapsed = time.Since(t0)
			progress(st)
		}
	}
	st.Elapsed = time.Since(t0)
	return st, nil
}
