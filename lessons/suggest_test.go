package lessons

import "testing"

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

func TestSuggestForGameMessages(t *testing.T) {
	for _, tt := range []struct{ msg, want string }{
		{`expected a rule (unique-ballots, promise-reports-vote, adopt-highest-vote, keep-promise, majority-quorum, durable-acceptors, same-ballot-majority), found "keep-promis"`,
			`: did you mean keep-promise?`},
		{`expected what to check of A1 (promised, voted, up, crashed), found "promsied"`, `: did you mean promised?`},
		{`expected what to check: chosen, nothing-chosen, agreement, violation, in-flight N, or a node such as A1, found "in-fligth"`,
			`: did you mean in-flight?`},
		{`expected a message: an id such as #12, or a type (1a, 1b, nack, 2a, 2b) and from->to, or all, found "nak"`, `: did you mean nack?`},
		{`expected a ballot number such as 17, found "zero"`, ``},
		{`expected a phase (idle, 1, 2, decided, preempted), found "3"`, ``},
	} {
		if got := suggestFor(tt.msg); got != tt.msg+tt.want {
			t.Errorf("suggestFor(%q)\n got %q\nwant %q", tt.msg, got, tt.msg+tt.want)
		}
	}
}
