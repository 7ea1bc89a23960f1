package narrate

import (
	"slices"
	"strings"
	"testing"

	"paxosgame/game"
)

// DESIGN §9: "every sentence about the game (events, expect lines in
// present and past, refusals, node status in short and long form) comes
// from the narrator; the UI computes no protocol fact and cuts no
// sentence." A row's status comes in forms from the longest to the
// shortest, each whole, so that a narrow screen picks one and cuts none.
func TestStatusInShortForms(t *testing.T) {
	w := worldOf(t, `set A1 voted 10 "5 EUR"`, "mode manual", `set A2 voted 9 "6 EUR"`, "hand L1",
		`propose P2 17 "7 EUR"`, "deliver 1a P2->A1", "deliver 1a P2->A2", "deliver 1b A1->P2", "deliver 1b A2->P2",
		"propose P3 18", "crash P4", "propose P5 15", "crash P5")
	for _, tc := range []struct {
		id   int
		want []string
	}{
		{1, []string{"idle · next ballot 1 · would propose 1 EUR", "idle · next 1 · would propose 1 EUR", "next 1 · would propose 1 EUR"}},
		{2, []string{"ballot 17 · 2/3 promises ✓ majority: 2 sends 2a", "ballot 17 · 2/3 promises ✓ majority", "ballot 17 · 2/3 promises ✓"}},
		{3, []string{"ballot 18 · 1a sent · 0/3 promises", "ballot 18 · 1a sent"}},
		{4, []string{"crashed · used ballot 9, next 14"}}, // the owner of the ballot A2 voted in
		{5, []string{"crashed · used ballot 15, next 20"}},
	} {
		if got := ProposerStatus(w, w.Proposer(tc.id)); !slices.Equal(got.Forms, tc.want) || got.Violation {
			t.Errorf("P%d: %q, want %q", tc.id, got.Forms, tc.want)
		}
	}
	promises, why := ProposerDetails(w, w.Proposer(2))
	if promises != "promises: A1 voted 5 EUR in 10 · A2 voted 6 EUR in 9" || why != "will adopt 5 EUR: A1 voted it in 10, the highest so far" {
		t.Errorf("P2's details: %q, %q", promises, why)
	}
	if got := LearnerStatus(w, w.Learner(1)); !slices.Equal(got.Forms, []string{"heard no vote yet"}) {
		t.Errorf("L1: %q", got.Forms)
	}
	g := mustLoad(t, "propose P2 17 \"5 EUR\"\ndeliver 1a P2->A1\ndeliver 1a P2->A2\ndeliver 1b A1->P2\ndeliver 1b A2->P2\ndeliver 2a P2->A1\ndeliver 2b A1->L1\n")
	w = g.World()
	want := []string{"counts 1/2 for 5 EUR in 17 · learned nothing", "counts 1/2 for 5 EUR in 17", "1/2 for 5 EUR in 17"}
	if got := LearnerStatus(w, w.Learner(1)); !slices.Equal(got.Forms, want) {
		t.Errorf("L1 with one vote: %q, want %q", got.Forms, want)
	}
	g = mustLoad(t, "hand L1\npropose P2 17 \"5 EUR\"\ndeliver all\ndeliver all\n")
	w = g.World()
	want = []string{"counts 3/2 for 5 EUR in 17 · learned nothing — decide", "counts 3/2 for 5 EUR in 17 — decide", "3/2 for 5 EUR in 17 — decide", "3/2 for 5 EUR in 17"}
	if got := LearnerStatus(w, w.Learner(1)); !slices.Equal(got.Forms, want) {
		t.Errorf("L1 with every vote: %q, want %q", got.Forms, want)
	}
	w = playFile(t, "learner-learns-two-values.paxos")
	if got := LearnerStatus(w, w.Learner(1)); !got.Violation || got.Forms[0] != "✗ VIOLATION: learned 1 EUR (in 1), then 2 EUR (in 2)" {
		t.Errorf("L1 that learned two values: %+v", got)
	}
	// Issue 22, "never cut what matters": with keep-promise off, L1 learns
	// 10 EUR, then 8 EUR, then 10 EUR again; a narrow pane gets each value
	// once rather than "…, then…" cut.
	w = playFile(t, "rule-keep-promise-off.paxos")
	got := LearnerStatus(w, w.Learner(1))
	if n := len(got.Forms); !got.Violation || got.Forms[n-2] != "✗ learned 10 EUR and 8 EUR" || got.Forms[n-1] != "✗ learned 2 values" {
		t.Errorf("L1 that learned three times, two values: %q", got.Forms)
	}
}

// The timeline's key line of an event is whole: the first sentence of a
// value chosen is written as one, never cut from the narration at ". ",
// which a value may hold.
func TestKeyLinesAreWhole(t *testing.T) {
	g := mustLoad(t, "propose P2 17 \"Mr. X\"\ndeliver all\n")
	var chosen game.Chosen
	for _, e := range g.Events(2) {
		if c, ok := e.(game.Chosen); ok {
			chosen = c
		}
	}
	if got, want := Key(chosen), "CHOSEN: Mr. X in ballot 17, voted by A1, A2."; got != want {
		t.Errorf("key %q, want %q", got, want)
	}
	if !strings.HasPrefix(Event(chosen), Key(chosen)+" ") {
		t.Errorf("the key line %q does not start the narration %q", Key(chosen), Event(chosen))
	}
	evs := g.Events(1)
	first, _ := game.MessageOf(evs[1])
	last, _ := game.MessageOf(evs[3])
	if got, want := KeySends(first, last), "P2 sends #1–#3: prepare 17"; got != want {
		t.Errorf("sends: %q, want %q", got, want)
	}
}
