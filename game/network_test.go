package game

import (
	"slices"
	"testing"
)

// The network's ways in agree with the whole list: Message, Find by id,
// InFlightIndex and InFlightRange give what InFlight has, at every step of
// a long game with deliveries in any order, drops and duplicates, and on
// clones taken along the way.
func TestNetworkViews(t *testing.T) {
	w := NewWorld()
	rng := newRand(11)
	var clones []*World
	for _, c := range benchCommands(4000) {
		if c.Verb == VExpect {
			continue
		}
		if _, err := w.Apply(c); err != nil {
			t.Fatalf("%s: %v", c, err)
		}
		if w.Step%500 == 0 {
			clones = append(clones, w.Clone())
		}
		in := w.InFlight()
		if len(in) != w.NumInFlight() {
			t.Fatalf("step %d: %d in flight, NumInFlight %d", w.Step, len(in), w.NumInFlight())
		}
		for i, e := range in {
			if i > 0 && in[i-1].ID >= e.ID {
				t.Fatalf("step %d: not in send order at %d", w.Step, i)
			}
		}
		if len(in) == 0 {
			continue
		}
		i := rng.intn(len(in))
		e := in[i]
		if got, ok := w.Message(e.ID); !ok || got != e {
			t.Fatalf("step %d: Message(%d) = %v, %v", w.Step, e.ID, got, ok)
		}
		if got := w.Find(Selector{ID: e.ID}); len(got) != 1 || got[0] != e {
			t.Fatalf("step %d: Find #%d = %v", w.Step, e.ID, got)
		}
		if got := w.InFlightIndex(e.ID); got != i {
			t.Fatalf("step %d: InFlightIndex(%d) = %d, want %d", w.Step, e.ID, got, i)
		}
		j := i + rng.intn(5)
		if got, want := w.InFlightRange(i, j), in[i:min(j, len(in))]; !slices.Equal(got, want) {
			t.Fatalf("step %d: InFlightRange(%d, %d) = %v, want %v", w.Step, i, j, got, want)
		}
		if _, ok := w.Message(w.NextID); ok {
			t.Fatalf("step %d: a message of the next id", w.Step)
		}
	}
	// Clones are unchanged by what the world did after them.
	for _, c := range clones {
		replay := NewWorld()
		for _, cmd := range benchCommands(c.Step) {
			if cmd.Verb != VExpect {
				replay.Apply(cmd)
			}
		}
		if !slices.Equal(c.InFlight(), replay.InFlight()) {
			t.Fatalf("the clone at step %d changed", c.Step)
		}
	}
}
