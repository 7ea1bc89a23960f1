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
	cmds, _ := bench100kScript()
	var held uint64
	for b.Loop() {
		runtime.GC()
		var before runtime.MemStats
		runtime.ReadMemStats(&before)
		g := NewGame()
		for _, c := range cmds {
			if g.Len() == 10_000 {
				break
			}
			if c.Verb == VExpect {
				continue
			}
			if _, err := g.Exec(c); err != nil {
				b.Fatal(err)
			}
		}
		runtime.GC()
		var after runtime.MemStats
		runtime.ReadMemStats(&after)
		held = after.HeapAlloc - min(after.HeapAlloc, before.HeapAlloc)
		runtime.KeepAlive(g)
	}
	b.ReportMetric(float64(held)/(1<<20), "heap-MB")
}
