package lessons

import (
	"testing"

	"paxosgame/game"
)

func TestDidYouMean(t *testing.T) {
	verbs := []string{"propose", "deliver", "drop", "duplicate", "accept", "crash", "restart", "expect"}
	for _, tt := range []struct {
		word  string
		known []string
		want  string
	}{
		{"delivr", verbs, "deliver"},   // a letter dropped
		{"deliverr", verbs, "deliver"}, // added
		{"propse", verbs, "propose"},   //
		{"restrat", verbs, "restart"},  // two neighbours swapped: one edit
		{"gaol", blockKinds, "goal"},   //
		{"shwo", blockKinds, "show"},   //
		{"solutoin", blockKinds, "solution"},
		{"Deliver", verbs, "deliver"},                                 // case is a letter changed
		{"deliver", verbs, ""},                                        // known: nothing to suggest
		{"jump", verbs, ""},                                           // nothing near
		{"dlvr", verbs, ""},                                           // three edits away
		{"2c", []string{"1a", "1b", "nack", "2a", "2b"}, ""},          // 2a or 2b: no guess
		{"3", []string{"idle", "1", "2", "decided", "preempted"}, ""}, // a one-letter word is anything
		{"ab", []string{"1a"}, ""},                                    // as many edits as letters
	} {
		if got := didYouMean(tt.word, tt.known); got != tt.want {
			t.Errorf("didYouMean(%q) = %q, want %q", tt.word, got, tt.want)
		}
	}
}

// What the game's parser expected, as it lists it, gives lint its guess.
func TestSuggestFromTheGamesChoices(t *testing.T) {
	for _, tt := range []struct{ line, want string }{
		{"rule keep-promis off", "keep-promise"},
		{"expect A1 promsied 17", "promised"},
		{"expect in-fligth 3", "in-flight"},
		{"deliver nak A1->P2", "nack"},
		{"deliver al", "all"},
		{"expect A1 promised zero", ""}, // a ballot: no list to guess from
		{"expect P1 phase 3", ""},       // a one-letter word is anything
		{"expect chosen", ""},           // nothing found
	} {
		_, _, err := game.ParseLine(tt.line)
		if err == nil {
			t.Fatalf("%q parses", tt.line)
		}
		if got := didYouMean(err.Found, err.Choices); got != tt.want {
			t.Errorf("%q: %v: guess %q, want %q", tt.line, err, got, tt.want)
		}
	}
}
