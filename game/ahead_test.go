package game

import (
	"errors"
	"slices"
	"testing"
)

func lines(t *testing.T, ls ...string) []Command {
	t.Helper()
	var out []Command
	for _, l := range ls {
		c, ok, err := ParseLine(l)
		if err != nil || !ok {
			t.Fatalf("%q: %v", l, err)
		}
		out = append(out, c)
	}
	return out
}

func execAll(t *testing.T, g *Game, cmds []Command) {
	t.Helper()
	for _, c := range cmds {
		if _, err := g.Exec(c); err != nil {
			t.Fatalf("%s: %v", c, err)
		}
	}
}

// The lab's run becomes the steps ahead of the cursor, in one operation:
// the steps that were ahead are dropped, the world and the cursor stay,
// redo walks the run with its events, and undo comes back.
func TestSetAheadIsRedoable(t *testing.T) {
	g := NewGame()
	execAll(t, g, lines(t, "config proposers 2 acceptors 3 learners 1", "rule majority-quorum off",
		"propose P1", "deliver 1a P1->A1", "deliver 1a P1->A2", "crash A3"))
	g.Undo()
	g.Undo()
	key := string(g.World().AppendKey(nil))
	run := lines(t, "deliver 1a P1->A3", "deliver 1b A1->P1", "propose P2")
	dropped, err := g.SetAhead(run)
	if err != nil {
		t.Fatal(err)
	}
	if dropped != 2 || g.Cursor() != 2 || g.Len() != 5 {
		t.Fatalf("dropped %d, cursor %d, len %d; want 2, 2, 5", dropped, g.Cursor(), g.Len())
	}
	if string(g.World().AppendKey(nil)) != key {
		t.Error("SetAhead changed the world at the cursor")
	}
	if got := g.Steps()[4].Cmd.String(); got != "propose P2 2 \"2 EUR\"" {
		t.Errorf("the history records %q: want the proposal resolved, as Exec records it", got)
	}
	cmds, perr := Parse("script", g.Script())
	if perr != nil {
		t.Fatal(perr)
	}
	replay, err := Load("script", cmds)
	if err != nil {
		t.Fatal(err)
	}
	want := replay.World()
	for g.Redo() {
		if len(g.Events(g.Cursor())) == 0 {
			t.Errorf("step %d (%s) has no events to narrate", g.Cursor(), g.Steps()[g.Cursor()-1].Cmd)
		}
	}
	if d := sameWorld(g.World(), want); d != "" {
		t.Errorf("redo to the end differs from a replay:%s", d)
	}
	for g.Cursor() > 2 {
		g.Undo()
	}
	if string(g.World().AppendKey(nil)) != key {
		t.Error("undo did not come back")
	}
}

// A run the game refuses where it would go changes nothing, and says
// which of its steps and why.
func TestSetAheadRefusedChangesNothing(t *testing.T) {
	g := NewGame()
	execAll(t, g, lines(t, "propose P1", "deliver 1a P1->A1"))
	g.Undo()
	before := slices.Clone(g.Steps())
	for _, run := range [][]Command{
		lines(t, "deliver 1a P1->A2", "deliver 2a P1->A1"), // nothing of the kind in flight
		lines(t, "deliver 1a P1->A2", "expect chosen \"1 EUR\""),
	} {
		_, err := g.SetAhead(run)
		var ae *AheadError
		if !errors.As(err, &ae) || ae.Index != 1 {
			t.Fatalf("SetAhead(%v) = %v; want an *AheadError at step 2", run, err)
		}
		if run[1].Verb == VExpect && ae.Err != nil {
			t.Errorf("an expect line: %v; want no refusal, it is no action", ae.Err)
		}
		if g.Cursor() != 1 || !slices.EqualFunc(g.Steps(), before, func(a, b Step) bool { return a.Cmd == b.Cmd }) {
			t.Errorf("a refused run changed the history: cursor %d, %d steps", g.Cursor(), g.Len())
		}
	}
}

// A game loaded from a file keeps its text to write back only while its
// history starts with the file's steps.
func TestSetAheadAndTheSourceFile(t *testing.T) {
	src := "propose P1\ndeliver 1a P1->A1\n"
	g, err := Open("f.paxos", src)
	if err != nil {
		t.Fatal(err)
	}
	g.Undo()
	if _, err := g.SetAhead(lines(t, "deliver 1a P1->A1", "deliver 1a P1->A2")); err != nil {
		t.Fatal(err)
	}
	if _, ok := g.SourceScript(); !ok {
		t.Error("the file's steps are still the history's first: it can be written back")
	}
	if _, err := g.SetAhead(lines(t, "deliver 1a P1->A2")); err != nil {
		t.Fatal(err)
	}
	if _, ok := g.SourceScript(); ok {
		t.Error("a step of the file was dropped: writing over it would lose it")
	}
}
