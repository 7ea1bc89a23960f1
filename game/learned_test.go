package game

import (
	"path/filepath"
	"testing"
)

// expectLine parses one expect line of the command language.
func expectLine(t *testing.T, line string) Command {
	t.Helper()
	c, ok, err := ParseLine(line)
	if err != nil || !ok {
		t.Fatalf("%q: %v", line, err)
	}
	return c
}

// checkExpects checks each line against g's world: want is the error each
// gives, "" where the expect holds.
func checkExpects(t *testing.T, g *Game, want map[string]string) {
	t.Helper()
	for line, msg := range want {
		err := g.World().Check(expectLine(t, line))
		switch {
		case msg == "" && err != nil:
			t.Errorf("step %d: %s: %v", g.Cursor(), line, err)
		case msg != "" && (err == nil || err.Error() != msg):
			t.Errorf("step %d: %s: error %v, want %q", g.Cursor(), line, err, msg)
		}
	}
}

// Issue 7: "A learner keeps every value it learned, in order ... `expect
// L1 learned "1 EUR"` holds when L1 learned 1 EUR at any step." `learned
// nothing` holds only for a learner that learned none, and a false expect
// names every value learned, in order. Stepping back forgets what was
// learned after the step.
func TestExpectLearnedHoldsForEveryValueLearned(t *testing.T) {
	path := filepath.Join("testdata", "learner-learns-two-values.paxos")
	cmds, err := Parse(path, readFile(t, path))
	if err != nil {
		t.Fatal(err)
	}
	g, err := Load(path, cmds)
	if err != nil {
		t.Fatal(err)
	}
	const both = `L1 learned "1 EUR", then "2 EUR"`
	checkExpects(t, g, map[string]string{
		`expect L1 learned "1 EUR"`: "",
		`expect L1 learned "2 EUR"`: "",
		`expect L1 learned "3 EUR"`: `expected L1 learned "3 EUR", but ` + both,
		`expect L1 learned nothing`: `expected L1 learned nothing, but ` + both,
	})
	for g.Cursor() > 2 { // back to the step where 1 EUR is chosen and learned
		g.Undo()
	}
	checkExpects(t, g, map[string]string{
		`expect L1 learned "1 EUR"`: "",
		`expect L1 learned "2 EUR"`: `expected L1 learned "2 EUR", but L1 learned "1 EUR"`,
		`expect L1 learned nothing`: `expected L1 learned nothing, but L1 learned "1 EUR"`,
	})
	for g.Cursor() > 1 {
		g.Undo()
	}
	checkExpects(t, g, map[string]string{
		`expect L1 learned nothing`: "",
		`expect L1 learned "1 EUR"`: `expected L1 learned "1 EUR", but L1 learned nothing`,
	})
	for g.Cursor() < g.Len() {
		g.Redo()
	}
	checkExpects(t, g, map[string]string{`expect L2 learned "1 EUR"`: "", `expect L2 learned "2 EUR"`: ""})
}
