package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"paxosgame/lessons"
	"paxosgame/table"
)

// View of the default cluster at 200×50, mid-round: budget 2 ms.
func BenchmarkView200x50(b *testing.B) {
	m := newTestGame(b, 200, 50)
	keys(m, "p", "enter", "space", "space", "space", "space")
	for b.Loop() {
		_ = m.View()
	}
}

// longGame is a game of n steps: proposers taking turns, each round
// delivered at once.
func longGame(b *testing.B, n int) *Model {
	m := newTestGame(b, 200, 50)
	run := func(line string) (err error) {
		m.board.seat.Act(func(tx *table.Tx) { err = m.board.run(tx, line) })
		return err
	}
	for i := 0; m.board.g.Len() < n; i++ {
		if err := run(fmt.Sprintf("propose P%d", i%5+1)); err != nil {
			b.Fatal(err)
		}
		if err := run("deliver all"); err != nil {
			b.Fatal(err)
		}
	}
	return m
}

// A keypress and the frame it draws, with 10,000 steps of history:
// budget 16 ms. Moving the selection, stepping back and forward, and the
// timeline.
func BenchmarkKeypress10000Steps(b *testing.B) {
	m := longGame(b, 10_000)
	keys(m, "left") // something in flight to select
	for _, c := range []struct {
		name, key string
		timeline  bool
	}{
		{"down", "down", false}, {"left", "left", false}, {"right", "right", false},
		{"timeline/left", "left", true}, {"timeline/right", "right", true},
	} {
		m.board.timeline = c.timeline
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				keys(m, c.key)
				_ = m.View()
			}
		})
	}
}

// Issue 8: "A save of 100,000 `propose P2` lines … Budget: a 100,000-step
// game opens in under a second, within 100 MB, with keys under 16 ms."
// The game is opened as `paxosgame play FILE` does; it has 300,000
// messages in flight. heap-MB is the heap held once it is open.
func BenchmarkKeypress100kProposes(b *testing.B) {
	path := filepath.Join(b.TempDir(), "proposes.paxos")
	if err := os.WriteFile(path, []byte(strings.Repeat("propose P2\n", 100_000)), 0o644); err != nil {
		b.Fatal(err)
	}
	b.Setenv(lessons.ConfigEnv, b.TempDir())
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	start := time.Now()
	m, err := NewPlay(false, false, []string{path})
	if err != nil {
		b.Fatal(err)
	}
	send(m, tea.WindowSizeMsg{Width: 100, Height: 30})
	_ = m.View()
	opened := time.Since(start)
	runtime.GC()
	runtime.ReadMemStats(&after)
	for _, key := range []string{"down", "left", "right"} {
		b.Run(key, func(b *testing.B) {
			for b.Loop() {
				keys(m, key)
				_ = m.View()
			}
			b.ReportMetric(float64(opened.Milliseconds()), "open-ms")
			b.ReportMetric(float64(after.HeapAlloc-min(after.HeapAlloc, before.HeapAlloc))/(1<<20), "heap-MB")
		})
	}
}
