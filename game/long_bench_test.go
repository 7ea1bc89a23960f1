package game

import (
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// The long games of issue 8, item 3, built here rather than kept as files.
// Budgets: 100,000 steps run in under a second however many messages are
// in flight; a 100,000-step game opens in under a second within 100 MB,
// and a key (undo, redo, jump) takes under 16 ms.

// proposesThenDelivers is 50,000 `propose P2` (three prepares each) and
// then 50,000 `deliver #N` of distinct ids among them, in a shuffled order.
func proposesThenDelivers() string {
	const n = 50_000
	var b strings.Builder
	for range n {
		b.WriteString("propose P2\n")
	}
	ids := make([]int, 3*n)
	for i := range ids {
		ids[i] = i + 1
	}
	rng := newRand(8)
	for i := len(ids) - 1; i > 0; i-- {
		j := rng.intn(i + 1)
		ids[i], ids[j] = ids[j], ids[i]
	}
	for _, id := range ids[:n] {
		b.WriteString("deliver #" + strconv.Itoa(id) + "\n")
	}
	return b.String()
}

// duplicatesThenDeliverAll is two proposals (messages #1 to #6), 20,000
// `duplicate #6`, and `deliver all`.
func duplicatesThenDeliverAll() string {
	var b strings.Builder
	b.WriteString("propose P1\npropose P2\n")
	for range 20_000 {
		b.WriteString("duplicate #6\n")
	}
	b.WriteString("deliver all\n")
	return b.String()
}

var (
	proposes100kOnce sync.Once
	proposes100k     []Command
)

// proposes100kCommands is a save of 100,000 `propose P2` lines, parsed.
func proposes100kCommands(tb testing.TB) []Command {
	proposes100kOnce.Do(func() {
		cmds, err := Parse("proposes", strings.Repeat("propose P2\n", 100_000))
		if err != nil {
			panic(err)
		}
		proposes100k = cmds
	})
	return proposes100k
}

// "a 100,000-step game opens in under a second, within 100 MB": one op
// loads the game of 100,000 `propose P2`; heap-MB is the heap it holds
// after a collection.
func BenchmarkOpen100kProposes(b *testing.B) {
	cmds := proposes100kCommands(b)
	var held uint64
	for b.Loop() {
		runtime.GC()
		var before runtime.MemStats
		runtime.ReadMemStats(&before)
		g, err := Load("proposes", cmds)
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		runtime.GC()
		var after runtime.MemStats
		runtime.ReadMemStats(&after)
		held = after.HeapAlloc - min(after.HeapAlloc, before.HeapAlloc)
		runtime.KeepAlive(g)
		b.StartTimer()
	}
	b.ReportMetric(float64(held)/(1<<20), "heap-MB")
}

// "keys under 16 ms": one op is a jump to a random step of the game of
// 100,000 `propose P2`.
func BenchmarkJump100kProposes(b *testing.B) {
	g := proposes100kGame(b)
	rng := newRand(7)
	b.ResetTimer()
	for b.Loop() {
		g.Jump(rng.intn(g.Len() + 1))
	}
}

// One op is an undo and a redo at a random step of the same game.
func BenchmarkUndo100kProposes(b *testing.B) {
	benchUndoRedo(b, proposes100kGame(b))
}

// What a screen pays to list the network of the game of 100,000
// `propose P2` (300,000 messages in flight): one op is World.InFlight.
func BenchmarkInFlight300k(b *testing.B) {
	g := proposes100kGame(b)
	w := g.World()
	b.ResetTimer()
	for b.Loop() {
		if len(w.InFlight()) != 300_000 {
			b.Fatal("not 300,000 in flight")
		}
	}
}

// What the play screen pays per frame instead: the index of the selected
// message (the newest, the worst case) and a page of 40 around it.
func BenchmarkInFlightPage300k(b *testing.B) {
	g := proposes100kGame(b)
	w := g.World()
	b.ResetTimer()
	for b.Loop() {
		i := w.InFlightIndex(w.NextID - 1)
		if len(w.InFlightRange(i-20, i+20)) != 21 { // the 20 before it and itself
			b.Fatal("not a page")
		}
	}
}

// The majority meter of a frame, with 300,000 messages in flight.
func BenchmarkMeter300k(b *testing.B) {
	g := proposes100kGame(b)
	w := g.World()
	b.ResetTimer()
	for b.Loop() {
		w.Meter(2)
	}
}

// proposes100kGame is the game of 100,000 `propose P2`, loaded.
func proposes100kGame(b *testing.B) *Game {
	g, err := Load("proposes", proposes100kCommands(b))
	if err != nil {
		b.Fatal(err)
	}
	return g
}
