package game_test

import (
	"bytes"
	"testing"

	"paxosgame/game"
	"paxosgame/narrate"
)

// Run never panics nor hangs on any input, returns one of its three
// statuses, and gives the same output twice.
func FuzzRun(f *testing.F) {
	game.AddSeeds(f)
	f.Fuzz(func(t *testing.T, src string) {
		var out1, err1, out2, err2 bytes.Buffer
		s1 := narrate.Run(&out1, &err1, "fuzz", src)
		if s1 != narrate.RunOK && s1 != narrate.RunFailed && s1 != narrate.RunBadInput {
			t.Fatalf("status %d", s1)
		}
		if s1 == narrate.RunBadInput && err1.Len() == 0 {
			t.Fatalf("status 2 with nothing on stderr")
		}
		s2 := narrate.Run(&out2, &err2, "fuzz", src)
		if s1 != s2 || out1.String() != out2.String() || err1.String() != err2.String() {
			t.Fatalf("two runs of %q differ", src)
		}
	})
}
