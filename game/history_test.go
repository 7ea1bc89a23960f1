package game

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"paxosgame/paxos"
)

// "history with undo, redo, and jump to step k …, fast at 10,000 steps
// (checkpoints, not replay from the start)": in a history longer than the
// dense span, checkpoints are thinned out far from the end, and jumping
// anywhere still gives exactly the world of a replay from the start.
func TestLongHistoryJumps(t *testing.T) {
	var cmds []Command
	for _, c := range benchCommands(3000) {
		if c.Verb.Action() {
			cmds = append(cmds, c)
		}
	}
	g := NewGame()
	for _, c := range cmds {
		if _, err := g.Exec(c); err != nil {
			t.Fatalf("%s: %v", c, err)
		}
	}
	dense := g.Len() / checkpointEvery
	if len(g.checkpoints) >= dense || len(g.checkpoints) < denseSpan/checkpointEvery {
		t.Errorf("%d checkpoints for %d steps; want fewer than %d and at least %d", len(g.checkpoints), g.Len(), dense, denseSpan/checkpointEvery)
	}
	worldAt := func(k int) *World {
		w := NewWorld()
		for _, c := range cmds[:k] {
			if _, err := w.Apply(c); err != nil {
				t.Fatalf("replay %s: %v", c, err)
			}
		}
		return w
	}
	rng := newRand(7)
	for range 40 {
		k := rng.intn(g.Len() + 1)
		if err := g.Jump(k); err != nil {
			t.Fatal(err)
		}
		if d := sameWorld(g.World(), worldAt(k)); d != "" {
			t.Fatalf("jump to %d differs from a replay:%s", k, d)
		}
		if g.Undo() {
			if d := sameWorld(g.World(), worldAt(k-1)); d != "" {
				t.Fatalf("undo to %d differs from a replay:%s", k-1, d)
			}
		}
	}
	// Acting deep in the past drops the future and its checkpoints.
	g.Jump(700)
	act := Command{Verb: VCrash, Node: paxos.A(1)}
	if !g.World().Up(paxos.A(1)) {
		act.Verb = VRestart
	}
	if _, err := g.Exec(act); err != nil {
		t.Fatal(err)
	}
	if g.Len() != 701 {
		t.Errorf("after acting at step 700 the history has %d steps", g.Len())
	}
	for _, cp := range g.checkpoints {
		if cp.step > g.Cursor() {
			t.Errorf("checkpoint at step %d survives a fork at step %d", cp.step, g.Cursor()-1)
		}
	}
}

// Issue 8: "A game loaded from a file keeps that file's comments and
// expect lines in place and writes them back, or, if it cannot, the save
// proposes a new name and says why."
func TestSourceScriptKeepsWhatAPersonWrote(t *testing.T) {
	path := "testdata/duelling-ballots-17-20-22-42.paxos"
	text := readFile(t, path)
	cmds, err := Parse(path, text)
	if err != nil {
		t.Fatal(err)
	}
	g, err := Load(path, cmds)
	if err != nil {
		t.Fatal(err)
	}
	g.KeepSource(path, text)
	if got, ok := g.SourceScript(); !ok || got != text {
		t.Fatalf("as loaded, the script is not the file (ok %v)", ok)
	}
	c, _, perr := ParseLine("propose P1")
	if perr != nil {
		t.Fatal(perr)
	}
	if _, err := g.Exec(c); err != nil {
		t.Fatal(err)
	}
	got, ok := g.SourceScript()
	if !ok || !strings.HasPrefix(got, text) || !strings.HasSuffix(got, "\npropose P1 "+strings.Fields(g.Steps()[g.Len()-1].Cmd.String())[2]+" \"1 EUR\"\n") {
		t.Errorf("a step taken after the file's is appended to it (ok %v):\n%s", ok, got[max(0, len(got)-200):])
	}
	// Replaying what was saved gives the same game.
	again, err := Parse(path, got)
	if err != nil {
		t.Fatal(err)
	}
	if g2, err := Load(path, again); err != nil || g2.World().Describe() != g.World().Describe() {
		t.Errorf("the saved script does not replay to the same world: %v", err)
	}
	// Undo the file's last step and take it again, as written: the
	// history still starts with the file's steps.
	g.Undo()
	g.Undo()
	last := g.Steps()[g.Cursor()].Cmd
	if _, err := g.Exec(last); err != nil {
		t.Fatal(err)
	}
	if _, ok := g.SourceScript(); !ok {
		t.Error("the file's last step, undone and taken again, broke writing back")
	}
	// Undo into the file's steps and act otherwise: the file's story is
	// left, and writing it back would lose what it says.
	g.Undo()
	if _, err := g.Exec(c); err != nil {
		t.Fatal(err)
	}
	if _, ok := g.SourceScript(); ok {
		t.Error("a history that left the file's steps is still written back over it")
	}
	// A new setup at step 0 drops every step of the file.
	g2, err := Load(path, cmds)
	if err != nil {
		t.Fatal(err)
	}
	g2.KeepSource(path, text)
	g2.Jump(0)
	set, _, _ := ParseLine("rule keep-promise off")
	if _, err := g2.Exec(set); err != nil {
		t.Fatal(err)
	}
	if _, err := g2.Exec(c); err != nil {
		t.Fatal(err)
	}
	if _, ok := g2.SourceScript(); ok {
		t.Error("a history with a new setup is still written back over the file")
	}
}

// However long the game, it keeps a bounded number of checkpoints (each a
// copy of the world), and jumping far back still lands on the right step.
func TestCheckpointsBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("plays MaxSteps (100,000) steps")
	}
	g := NewGame()
	for k := range MaxSteps {
		verb := VCrash
		if k%2 == 1 {
			verb = VRestart
		}
		if _, err := g.Exec(Command{Verb: verb, Node: paxos.A(1)}); err != nil {
			t.Fatal(err)
		}
	}
	if most := maxSparse + denseSpan/checkpointEvery + 2; len(g.checkpoints) > most {
		t.Errorf("%d checkpoints for %d steps; want at most %d", len(g.checkpoints), g.Len(), most)
	}
	rng := newRand(3)
	for range 20 {
		k := rng.intn(g.Len() + 1)
		g.Jump(k)
		if g.Cursor() != k || g.World().Step != k || g.World().Up(paxos.A(1)) != (k%2 == 0) {
			t.Fatalf("jump to %d: cursor %d, step %d, A1 up %v", k, g.Cursor(), g.World().Step, g.World().Up(paxos.A(1)))
		}
	}
}

// A long game keeps only its last steps' events; an older step's events,
// rebuilt by replay, are exactly what the step did when it was taken.
func TestOldStepsEventsAreRebuilt(t *testing.T) {
	cmds, _ := bench100kScript()
	g := NewGame()
	var did [][]Event
	for _, c := range cmds {
		if g.Len() == keptEvents+1500 {
			break
		}
		if c.Verb == VExpect {
			continue
		}
		evs, err := g.Exec(c)
		if err != nil {
			t.Fatal(err)
		}
		did = append(did, slices.Clone(evs))
	}
	if g.Steps()[0].Events != nil {
		t.Fatal("the oldest step still holds its events")
	}
	for _, k := range []int{1, 2, 63, 64, 65, 700, 1499, 1500, 1501, keptEvents + 1500} {
		if got := g.Events(k); !reflect.DeepEqual(got, did[k-1]) {
			t.Errorf("step %d: rebuilt %d events, it did %d", k, len(got), len(did[k-1]))
		}
	}
	g.Jump(10) // stepping back does not change what the steps did
	if got := g.Events(5); !reflect.DeepEqual(got, did[4]) {
		t.Error("step 5 after a jump back")
	}
}

// "A CRLF script saved from play gets mixed line endings" (issue 18): the
// steps added end as the file's lines do.
func TestSourceScriptKeepsLineEndings(t *testing.T) {
	for _, eol := range []string{"\n", "\r\n"} {
		for _, last := range []string{eol, ""} { // with and without a last line ending
			text := "# a game\r\npropose P1 1" + eol + "deliver all" + last
			text = strings.ReplaceAll(text, "\r\n", eol)
			g, err := Open("g.paxos", text)
			if err != nil {
				t.Fatal(err)
			}
			c, _, _ := ParseLine("deliver all")
			if _, err := g.Exec(c); err != nil {
				t.Fatal(err)
			}
			got, ok := g.SourceScript()
			want := strings.ReplaceAll("# a game\npropose P1 1\ndeliver all\ndeliver all\n", "\n", eol)
			if !ok || got != want {
				t.Errorf("%q: saved %q, want %q", text, got, want)
			}
		}
	}
}
