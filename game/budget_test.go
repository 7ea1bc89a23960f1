package game

import (
	"runtime"
	"testing"
)

// "memory of the game: < 50 MB RSS" (DESIGN §8). The game's share of it is
// the heap a long game keeps: its history, its checkpoints and the world.
// One op builds a game of 10,000 steps of the long benchmark game and
// reports the heap it holds (heap-MB) after a collection.
func BenchmarkGameMemory10k(b *testing.B) {
	bench100kScript() // built once, outside what is measured
	var held uint64
	for b.Loop() {
		runtime.GC()
		var before runtime.MemStats
		runtime.ReadMemStats(&before)
		g := game10k(b)
		runtime.GC()
		var after runtime.MemStats
		runtime.ReadMemStats(&after)
		held = after.HeapAlloc - min(after.HeapAlloc, before.HeapAlloc)
		runtime.KeepAlive(g)
	}
	b.ReportMetric(float64(held)/(1<<20), "heap-MB")
}
