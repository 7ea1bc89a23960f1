package game_test

import (
	"io"
	"strings"
	"testing"

	"paxosgame/game"
	"paxosgame/narrate"
)

// The budgets of DESIGN §8 for `paxosgame run`, the engine and its
// narrator together: "headless run of a 100,000-step script: < 1 s", and
// the long games of issue 8, item 3.

// The generated script is a fair test: it runs, every expect holds, and it
// is as long as it says.
func TestBenchScript(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 100,000-step script")
	}
	_, src := game.Bench100kScript()
	var errOut strings.Builder
	var out strings.Builder
	if status := narrate.Run(&out, &errOut, "bench", src); status != narrate.RunOK {
		t.Fatalf("status %d: %s", status, errOut.String())
	}
	if !strings.Contains(out.String(), "-- bench: 100000 steps, 100 expects, every expect holds\n") {
		t.Errorf("transcript ends %q", out.String()[max(out.Len()-200, 0):])
	}
	if !strings.Contains(out.String(), "CHOSEN: ") {
		t.Errorf("the long game never chose a value")
	}
}

// "headless run of a 100,000-step script: < 1 s"
func BenchmarkRun100k(b *testing.B) {
	_, src := game.Bench100kScript()
	b.SetBytes(int64(len(src)))
	b.ResetTimer()
	for b.Loop() {
		if status := narrate.Run(io.Discard, io.Discard, "bench", src); status != narrate.RunOK {
			b.Fatalf("status %d", status)
		}
	}
}

func benchRun(b *testing.B, src string) {
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		var errOut strings.Builder
		if status := narrate.Run(io.Discard, &errOut, "bench", src); status != narrate.RunOK {
			b.Fatalf("status %d: %s", status, errOut.String())
		}
	}
}

// "50,000 propose P2 then 50,000 deliver #N: < 1 s"
func BenchmarkRunDeliverByID(b *testing.B) { benchRun(b, game.ProposesThenDelivers()) }

// "20,000 duplicate #6 and deliver all: < 1 s"
func BenchmarkRunDuplicateDeliverAll(b *testing.B) { benchRun(b, game.DuplicatesThenDeliverAll()) }
