package ui

import (
	"fmt"
	"testing"

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
		m.play.t.Act(func(tx *table.Tx) { err = m.play.run(tx, line) })
		return err
	}
	for i := 0; m.play.g.Len() < n; i++ {
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
		m.play.timeline = c.timeline
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				keys(m, c.key)
				_ = m.View()
			}
		})
	}
}
