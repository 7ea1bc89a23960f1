package game

import (
	"strings"
	"testing"
)

func TestDidYouMean(t *testing.T) {
	kinds := []string{"setup", "show", "goal", "predict", "hint", "solution", "allow"}
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
		{"gaol", kinds, "goal"},        //
		{"shwo", kinds, "show"},        //
		{"solutoin", kinds, "solution"},
		{"Deliver", verbs, "deliver"},                                 // case is a letter changed
		{"deliver", verbs, ""},                                        // known: nothing to suggest
		{"jump", verbs, ""},                                           // nothing near
		{"dlvr", verbs, ""},                                           // three edits away
		{"2c", []string{"1a", "1b", "nack", "2a", "2b"}, ""},          // 2a or 2b: no guess
		{"3", []string{"idle", "1", "2", "decided", "preempted"}, ""}, // a one-letter word is anything
		{"ab", []string{"1a"}, ""},                                    // as many edits as letters
	} {
		if got := DidYouMean(tt.word, tt.known); got != tt.want {
			t.Errorf("DidYouMean(%q) = %q, want %q", tt.word, got, tt.want)
		}
	}
}

// What the parser expected, as it lists it, gives its guess; and the
// guess is in the error's sentence, for run as for lint.
func TestSuggestFromTheGamesChoices(t *testing.T) {
	for _, tt := range []struct{ line, want string }{
		{"rule keep-promis off", "keep-promise"},
		{"expect A1 promsied 17", "promised"},
		{"expect in-fligth 3", "in-flight"},
		{"deliver nak A1->P2", "nack"},
		{"deliver al", "all"},
		{"delivr all", "deliver"},       // the command itself: run says so as lint does
		{"expect A1 promised zero", ""}, // a ballot: no list to guess from
		{"expect P1 phase 3", ""},       // a one-letter word is anything
		{"expect chosen", ""},           // nothing found
	} {
		_, _, err := ParseLine(tt.line)
		if err == nil {
			t.Fatalf("%q parses", tt.line)
		}
		if got := DidYouMean(err.Found, err.Choices); got != tt.want || err.Suggest != tt.want {
			t.Errorf("%q: %v: guess %q, want %q", tt.line, err, got, tt.want)
		}
		if said := strings.Contains(err.Msg, "did you mean"); said != (tt.want != "") {
			t.Errorf("%q: %q", tt.line, err.Msg)
		}
	}
}
