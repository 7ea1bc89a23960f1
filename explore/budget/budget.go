// Package budget keeps a search within its bounds (DESIGN §8: "every
// search stops at its memory budget"): a watch that, while a search runs,
// measures the memory the process holds, counts the states, reports the
// progress at least once a second, and tells the search to stop — at its
// memory budget, its bound on states, or when it is cancelled — within a
// level, not only between two. The game's explorer, --spec and lint's par
// all search under one.
package budget

import (
	"bufio"
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Limit is what stopped a search before its end.
type Limit uint8

const (
	None      Limit = iota // the search ran to its end
	Depth                  // the bound on the length of runs (lint's par goes one command deeper at a time)
	States                 // the bound on distinct states (--max-states)
	Memory                 // the memory budget (--max-memory)
	Cancelled              // the player asked (esc in the lab)
)

// String names the limit as a message says it.
func (l Limit) String() string {
	return [...]string{"", "the bound on the length of runs", "the bound on states", "the memory budget", "cancelled"}[l]
}

// Bounds are what a search may spend.
type Bounds struct {
	// MaxMemory is the memory the process may hold, in bytes, as the Go
	// runtime counts it (heap, stacks and the rest it took from the
	// system and has not given back); 0: no budget.
	MaxMemory uint64
	// MaxStates is the distinct states a search may keep; 0: no bound.
	MaxStates int
	// Cancel, when closed, stops the search.
	Cancel <-chan struct{}
	// Progress, when set, is called about once a second from the watch's
	// own goroutine while the search runs.
	Progress func(Progress)
}

// Progress is a search's counts as the watch last saw them.
type Progress struct {
	States  int           // distinct states so far (within a level: about, an upper bound)
	Depth   int           // the level being searched
	Elapsed time.Duration // since the watch started
	Memory  uint64        // bytes the process holds
}

// tick is how often the watch looks: it stops a search within this, and
// a state is no more than tick's worth of work.
const tick = 50 * time.Millisecond

// Watch watches one search. The search counts its states with Add and
// asks Stopped often (it is one atomic load); Done ends the watch.
type Watch struct {
	b      Bounds
	start  time.Time
	stop   atomic.Uint32 // a Limit
	states atomic.Int64  // states counted
	depth  atomic.Int64
	peak   atomic.Uint64
	done   chan struct{}
	wg     sync.WaitGroup
}

// limits are the memory budgets of the watches running: while there are
// some, the Go runtime's soft memory limit is the least of them, so that
// the collector works harder before a budget is reached, and the
// collector lets the heap grow to five times what is live (GOGC 400, not
// 100) below it, so that it runs a quarter as often: a search makes
// millions of states, most of which it keeps. Both are given back when
// the last one ends.
var limits struct {
	sync.Mutex
	budgets map[*Watch]uint64
	before  int64 // the limit before the first
	percent int   // GOGC before the first
}

// searchGC is GOGC while a search with a memory budget runs.
const searchGC = 400

func (w *Watch) limit(on bool) {
	limits.Lock()
	defer limits.Unlock()
	if limits.budgets == nil {
		limits.budgets = map[*Watch]uint64{}
	}
	if on {
		if len(limits.budgets) == 0 {
			limits.before = debug.SetMemoryLimit(-1)
			limits.percent = debug.SetGCPercent(searchGC)
			if limits.percent < 0 || limits.percent > searchGC {
				debug.SetGCPercent(limits.percent) // collecting less already
			}
		}
		limits.budgets[w] = w.b.MaxMemory
	} else {
		delete(limits.budgets, w)
	}
	if len(limits.budgets) == 0 {
		debug.SetMemoryLimit(limits.before)
		debug.SetGCPercent(limits.percent)
		return
	}
	least := uint64(1 << 62)
	for _, m := range limits.budgets {
		least = min(least, m)
	}
	debug.SetMemoryLimit(int64(least))
}

// Start starts watching a search with bounds b (and, with a memory
// budget, keeps the runtime's soft memory limit to it until Done).
func Start(b Bounds) *Watch {
	w := &Watch{b: b, start: time.Now(), done: make(chan struct{})}
	if b.MaxMemory > 0 {
		w.limit(true)
	}
	w.look()
	w.wg.Add(1)
	go w.run()
	return w
}

func (w *Watch) run() {
	defer w.wg.Done()
	t := time.NewTicker(tick)
	defer t.Stop()
	last := w.start
	for {
		select {
		case <-w.done:
			return
		case now := <-t.C:
			w.look()
			if w.b.Progress != nil && now.Sub(last) >= time.Second {
				last = now
				w.b.Progress(w.Progress())
			}
		}
	}
}

// look measures the memory and checks the bounds.
func (w *Watch) look() {
	select {
	case <-w.b.Cancel:
		w.Halt(Cancelled)
	default:
	}
	used, live := Used()
	if used > w.peak.Load() {
		w.peak.Store(used)
	}
	// The collector lets the heap grow to twice what is live before it
	// runs (less near the soft limit): stop while there is room for that.
	if m := w.b.MaxMemory; m > 0 && (used >= m || live+live/4 >= m) {
		w.Halt(Memory)
	}
}

// Halt stops the search at limit l (the first limit reached is kept).
func (w *Watch) Halt(l Limit) { w.stop.CompareAndSwap(0, uint32(l)) }

// Stopped is the limit that stopped the search, or None while it may go on.
func (w *Watch) Stopped() Limit { return Limit(w.stop.Load()) }

// Add counts n more states (an upper bound within a level is fine) and
// stops the search once they pass MaxStates.
func (w *Watch) Add(n int) {
	if s := w.states.Add(int64(n)); w.b.MaxStates > 0 && s > int64(w.b.MaxStates) {
		w.Halt(States)
	}
}

// Set sets the count of states (at the end of a level, the exact one) and
// the level searched.
func (w *Watch) Set(states, depth int) {
	w.states.Store(int64(states))
	w.depth.Store(int64(depth))
	if w.b.MaxStates > 0 && states > w.b.MaxStates {
		w.Halt(States)
	}
}

// Progress is the counts now.
func (w *Watch) Progress() Progress {
	return Progress{States: int(w.states.Load()), Depth: int(w.depth.Load()), Elapsed: time.Since(w.start), Memory: w.peak.Load()}
}

// Peak is the most memory the process held while watched, as measured.
func (w *Watch) Peak() uint64 { w.look(); return w.peak.Load() }

// Done ends the watch and gives the memory limit back.
func (w *Watch) Done() {
	close(w.done)
	w.wg.Wait()
	if w.b.MaxMemory > 0 {
		w.limit(false)
	}
}

var samples = []metrics.Sample{
	{Name: "/memory/classes/total:bytes"},
	{Name: "/memory/classes/heap/released:bytes"},
	{Name: "/gc/heap/live:bytes"},
}

var samplesMu sync.Mutex

// Used is the memory the process holds as the Go runtime counts it (all
// it mapped, less what it gave back), and the heap live at the last
// collection.
func Used() (used, live uint64) {
	samplesMu.Lock()
	defer samplesMu.Unlock()
	metrics.Read(samples)
	total, released := samples[0].Value.Uint64(), samples[1].Value.Uint64()
	return total - min(released, total), samples[2].Value.Uint64()
}

// DefaultMaxMemory is the default budget: a quarter of the machine's
// memory (or of the control group's limit, when lower); 2 GB when neither
// can be read.
func DefaultMaxMemory() uint64 {
	total := memTotal()
	if total == 0 {
		return 2 << 30
	}
	return total / 4
}

// memTotal is the memory of the machine, or of the control group when it
// has a lower limit; 0 when unknown.
func memTotal() uint64 {
	var total uint64
	if runtime.GOOS == "linux" {
		if f, err := os.Open("/proc/meminfo"); err == nil {
			sc := bufio.NewScanner(f)
			for sc.Scan() {
				if fs := strings.Fields(sc.Text()); len(fs) >= 2 && fs[0] == "MemTotal:" {
					if kb, err := strconv.ParseUint(fs[1], 10, 64); err == nil {
						total = kb << 10
					}
				}
			}
			f.Close()
		}
		if data, err := os.ReadFile("/sys/fs/cgroup/memory.max"); err == nil {
			if n, err := strconv.ParseUint(strings.TrimSpace(string(data)), 10, 64); err == nil && n > 0 && (total == 0 || n < total) {
				total = n
			}
		}
	}
	return total
}

// ParseSizeHelp says what ParseSize reads.
const ParseSizeHelp = "a size such as 4G, 512M or 1.5G (a positive number of bytes, with K, M, G or T)"

// ParseSize reads a memory size as --max-memory takes it: a number of
// bytes with an optional unit, K, M, G or T (powers of 1024; KB, MB, GB,
// TB and KiB… the same).
func ParseSize(s string) (uint64, error) {
	t := strings.ToUpper(strings.TrimSpace(s))
	t = strings.TrimSuffix(strings.TrimSuffix(t, "IB"), "B")
	shift := 0
	if n := len(t); n > 0 {
		switch t[n-1] {
		case 'K':
			shift = 10
		case 'M':
			shift = 20
		case 'G':
			shift = 30
		case 'T':
			shift = 40
		}
		if shift > 0 {
			t = t[:n-1]
		}
	}
	n, err := strconv.ParseFloat(strings.TrimSpace(t), 64)
	if err != nil || n <= 0 || n*float64(uint64(1)<<shift) > 1<<62 {
		return 0, fmt.Errorf("%s", ParseSizeHelp)
	}
	return uint64(n * float64(uint64(1)<<shift)), nil
}

// Size writes bytes as a message says them: 1.4 GB, 380 MB.
func Size(b uint64) string {
	switch {
	case b >= 10<<30:
		return fmt.Sprintf("%d GB", b>>30)
	case b >= 1<<30:
		return fmt.Sprintf("%.1f GB", float64(b)/(1<<30))
	}
	return fmt.Sprintf("%d MB", b>>20)
}
