package refine

import (
	"fmt"
	"reflect"
	"unsafe"

	"paxosgame/game"
)

// eachSent calls f with every message w ever sent, in send order: those in
// flight and those delivered, dropped or lost, a duplicate's copy too.
//
// The World keeps them all (a world the explorer keeps whole, Full), but
// it has no exported reader of the messages no longer in flight. Until it
// has one (World.EachSent, or Sent), this reads its log, the one private
// field the refinement needs, by its name and type: if World changes, the
// first call panics, and TestEachSentIsTheLog says so.
func eachSent(w *game.World, f func(e *game.Envelope)) {
	chunks := *(*[][]game.Envelope)(unsafe.Add(unsafe.Pointer(w), logOffset))
	n := 0
	for _, c := range chunks {
		if c == nil && n < w.NextID-1 {
			panic(fmt.Sprintf("refine: the game let go of messages before #%d; a refinement check needs every message ever sent", n+1))
		}
		for i := range c {
			f(&c[i])
		}
		n += len(c)
	}
	if n != w.NextID-1 {
		panic(fmt.Sprintf("refine: the game's log holds %d messages, and it sent %d", n, w.NextID-1))
	}
}

// logOffset is where World keeps every message sent: log [][]Envelope.
var logOffset = func() uintptr {
	f, ok := reflect.TypeFor[game.World]().FieldByName("log")
	if !ok || f.Type != reflect.TypeFor[[][]game.Envelope]() {
		panic("refine: game.World keeps no log [][]Envelope; read every message sent with its own accessor")
	}
	return f.Offset
}()
