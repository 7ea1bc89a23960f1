package narrate

import (
	"strings"
	"testing"

	"paxosgame/game"
	"paxosgame/paxos"
)

// "The VIOLATION banner names the property that failed in docs/playing.md's words:
// two values chosen (Agreement), a learner learned a value that was not
// chosen, a chosen value never proposed (Validity)." (issue 7)
func TestViolationBannerNamesTheProperty(t *testing.T) {
	for _, tc := range []struct {
		file string
		want game.Property
		text string
	}{
		{"rule-majority-quorum-off.paxos", game.TwoChosen, "two values chosen (Agreement): "},
		{"rule-same-ballot-majority-off.paxos", game.LearnedUnchosen, "a learner learned a value that was not chosen: L1 learned 8 EUR"},
	} {
		w := playFile(t, tc.file)
		if len(w.Obs.Violations) == 0 {
			t.Fatalf("%s: no violation", tc.file)
		}
		v := w.Obs.Violations[0]
		if v.Property != tc.want {
			t.Errorf("%s: property %d, want %d", tc.file, v.Property, tc.want)
		}
		if b := ViolationBanner(v); !strings.Contains(b, tc.text) {
			t.Errorf("%s: banner %q lacks %q", tc.file, b, tc.text)
		}
	}
	// No script reaches it with every value coming from a proposer or a
	// set line, so the Validity banner is checked on the event alone.
	v := game.Violation{Step: 3, Property: game.ChosenUnproposed, Value: "9 EUR"}
	if b, want := ViolationBanner(v), "VIOLATION at step 3: a chosen value never proposed (Validity): 9 EUR"; b != want {
		t.Errorf("banner %q, want %q", b, want)
	}
}

// "The engine returns typed events (what happened, to whom, with which
// ballot, value, counts, rule). One narrator turns events into the course's
// words." (DESIGN §9) The events of a step carry the facts the narration
// tells, so a screen can draw them without reading the sentence.
func TestEventsCarryTheirFacts(t *testing.T) {
	g := game.NewGame()
	for _, line := range []string{"propose P2 17", "deliver 1a P2->A1", "deliver 1b A1->P2", "deliver 1a P2->A2", "deliver 1b A2->P2"} {
		c, _, perr := game.ParseLine(line)
		if perr != nil {
			t.Fatal(perr)
		}
		if _, err := g.Exec(c); err != nil {
			t.Fatalf("%s: %v", line, err)
		}
	}
	evs := g.Steps()[4].Events
	got, ok := evs[0].(game.Deliver)
	if !ok || got.Effect != paxos.SentAccept || got.Count != 2 || got.Value != "2 EUR" ||
		got.Reason.Kind != game.ReasonOwnNoVote || got.Cfg.Quorum() != 2 {
		t.Errorf("the majority of promises: %+v", evs[0])
	}
	if sent, ok := evs[1].(game.Send); len(evs) != 4 || !ok || sent.Msg.Type != paxos.Accept {
		t.Errorf("want the delivery and three accept requests, got %v", evs)
	}
	want := "P2 has promises from a majority (2 of 3) for 17 and asks every acceptor to vote for 2 EUR (no promise reported a vote, so any value is safe)."
	if s := Event(got); s != want {
		t.Errorf("narration:\n got %q\nwant %q", s, want)
	}
}

// drop stale drops the answers to abandoned ballots, keeps what a node
// still counts on, and says how many it dropped.
func TestDropStale(t *testing.T) {
	w := game.NewWorld()
	for _, line := range []string{
		"propose P2 17", "deliver 1a P2->A1", "deliver 1a P2->A2",
		"propose P2 22", // the promises for 17 are now answers to an abandoned ballot
		"deliver 1a P2->A1 22",
	} {
		c, _, perr := game.ParseLine(line)
		if perr != nil {
			t.Fatal(perr)
		}
		if _, err := w.Apply(c); err != nil {
			t.Fatalf("%s: %v", line, err)
		}
	}
	var stale []string
	for _, e := range w.StaleMessages() {
		stale = append(stale, game.Label(e))
	}
	if got, want := strings.Join(stale, ", "), "#4 1b A1→P2, #5 1b A2→P2"; got != want {
		t.Fatalf("stale: %s, want %s", got, want)
	}
	evs, err := w.Apply(game.Command{Verb: game.VDrop, Sel: game.Selector{Stale: true}})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := Event(evs[0]), "Dropped 2 stale messages: delivering them would have changed no node's state."; got != want {
		t.Errorf("narration: %q, want %q", got, want)
	}
	if drop, ok := evs[1].(game.Drop); len(evs) != 3 || !ok || !drop.Stale || w.NumInFlight() != 4 {
		t.Errorf("events %v, in flight %d", evs, w.NumInFlight())
	}
}

// Issue 20: "L2 restarts and still knows what it learned" was said of a
// learner that had learned nothing. A learner keeps what it heard across a
// crash; the restart says what it learned, or that it learned nothing.
func TestLearnerRestartSaysWhatItLearned(t *testing.T) {
	g := mustLoad(t, "config proposers 5 acceptors 3 learners 2\n")
	mustExec(t, g, "propose P1", "crash L2", "deliver all")
	evs, err := g.Exec(game.Command{Verb: game.VRestart, Node: paxos.L(2)})
	if err != nil {
		t.Fatal(err)
	}
	if got := Event(evs[0]); got != "L2 restarts and still knows the votes it heard; it has learned nothing yet." {
		t.Errorf("L2, which heard nothing: %q", got)
	}
	mustExec(t, g, "crash L1")
	evs, err = g.Exec(game.Command{Verb: game.VRestart, Node: paxos.L(1)})
	if err != nil {
		t.Fatal(err)
	}
	if got := Event(evs[0]); got != "L1 restarts and still knows what it learned: 1 EUR (in 1)." {
		t.Errorf("L1, which learned 1 EUR: %q", got)
	}
}
