package refine

import (
	"fmt"

	"paxosgame/game"
)

// eachSent calls f with every message w ever sent, in send order: those in
// flight and those delivered, dropped or lost, a duplicate's copy too. The
// search keeps each state whole (Options.Full), so none is let go; if one
// were, the count says so.
func eachSent(w *game.World, f func(e *game.Envelope)) {
	n := 0
	for e := range w.EachSent {
		if e.ID != n+1 {
			panic(fmt.Sprintf("refine: the game let go of messages before #%d; a refinement check needs every message ever sent", e.ID))
		}
		f(e)
		n++
	}
	if n != w.NextID-1 {
		panic(fmt.Sprintf("refine: the game's log holds %d messages, and it sent %d", n, w.NextID-1))
	}
}
