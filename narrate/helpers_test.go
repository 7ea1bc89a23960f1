package narrate

import (
	"os"
	"strings"
	"testing"

	"paxosgame/game"
)

// playFile plays a script of the game's testdata into a world, checking
// no expect.
func playFile(t *testing.T, name string) *game.World {
	t.Helper()
	src, err := os.ReadFile(scripts + "/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return mustLoad(t, string(src)).World()
}

// worldOf plays script lines into a new game.
func worldOf(t *testing.T, lines ...string) *game.World {
	t.Helper()
	return mustLoad(t, strings.Join(lines, "\n")+"\n").World()
}

func mustLoad(t *testing.T, src string) *game.Game {
	t.Helper()
	g, err := game.Open("t.paxos", src)
	if err != nil {
		t.Fatal(Error(err))
	}
	return g
}
