package narrate

import (
	"slices"
	"strings"
	"testing"

	"paxosgame/game"
	"paxosgame/paxos"
)

func decisionLines(w *game.World, id paxos.NodeID) []string {
	var out []string
	for _, d := range w.Decisions(id) {
		out = append(out, d.Cmd.String()+" = "+Decision(w, d))
	}
	return out
}

// Each decision of a node played by hand says what it means, and for a
// proposer's value where it comes from, not which the rule picks: "which
// is the one to pick is for its player to work out".
func TestDecisionWords(t *testing.T) {
	g := mustLoad(t, `set A1 voted 10 "5 EUR"
set A2 voted 9 "6 EUR"
hand A1
hand P2
hand L1
propose P2 17
deliver 1a P2->A1
`)
	check := func(id paxos.NodeID, want ...string) {
		t.Helper()
		if got := decisionLines(g.World(), id); !slices.Equal(got, want) {
			t.Errorf("%s's decisions:\n%s\nwant\n%s", id, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
	check(paxos.A(1),
		"promise A1 #1 = promise P2 not to vote below 17; report its vote, 5 EUR in 10",
		"promise A1 #1 reporting none = promise P2 not to vote below 17; hide its vote (report none)",
		"refuse A1 #1 = refuse prepare 17: send P2 a refusal",
		"ignore A1 #1 = ignore it: answer nothing")
	mustExec(t, g, "promise A1", "deliver 1a P2->A2", "deliver 1b A1->P2", "deliver 1b A2->P2")
	// Its own value first, then each reported, by acceptor: the order
	// does not give away which is right (issue 20).
	check(paxos.P(2),
		`accept P2 "2 EUR" = ask for votes for 2 EUR in 17 (the value it was given)`,
		`accept P2 "5 EUR" = ask for votes for 5 EUR in 17 (A1 reported a vote for it in 10)`,
		`accept P2 "6 EUR" = ask for votes for 6 EUR in 17 (A2 reported a vote for it in 9)`)
	// A prepare below its promise, and an accept request.
	mustExec(t, g, `accept P2 "5 EUR"`, "deliver 2a P2->A1", "propose P1 11", "deliver 1a P1->A1")
	check(paxos.A(1),
		"vote A1 #6 = vote for 5 EUR in 17",
		"refuse A1 #6 = refuse to vote in 17: send P2 a refusal",
		"ignore A1 #6 = ignore it: answer nothing")
	mustExec(t, g, "vote A1")
	check(paxos.A(1),
		"promise A1 #9 = promise P1 not to vote below 11 (it promised 17: it will never vote in 11); report its vote, 5 EUR in 17",
		"promise A1 #9 reporting none = promise P1 not to vote below 11 (it promised 17: it will never vote in 11); hide its vote (report none)",
		"refuse A1 #9 = refuse prepare 11: send P1 a refusal",
		"ignore A1 #9 = ignore it: answer nothing")
	mustExec(t, g, "deliver all")
	check(paxos.L(1), `learn L1 "5 EUR" = learn 5 EUR (votes heard for it: 3 in 17)`)
}

func mustExec(t *testing.T, g *game.Game, lines ...string) {
	t.Helper()
	for _, line := range lines {
		c, _, perr := game.ParseLine(line)
		if perr != nil {
			t.Fatal(perr)
		}
		if _, err := g.Exec(c); err != nil {
			t.Fatalf("%s: %s", line, Error(err))
		}
	}
}

// A learner's pick counts the votes heard ballot by ballot: two votes in
// two ballots read apart from two in one (issue 20, lesson 9: "votes
// heard for it: 2" read the same whether the rule refused the pick or not).
func TestLearnCountsVotesByBallot(t *testing.T) {
	g := mustLoad(t, `hand L1
propose P1 1
deliver 1a P1->A1
deliver 1a P1->A2
deliver 1b A1->P1
deliver 1b A2->P1
deliver 2a P1->A1
propose P3 3
deliver 1a P3->A1
deliver 1a P3->A2
deliver 1b A1->P3
deliver 1b A2->P3
deliver 2a P3->A2
`)
	check := func(want string) {
		t.Helper()
		if got := decisionLines(g.World(), paxos.L(1)); !slices.Equal(got, []string{want}) {
			t.Errorf("L1's decisions: %q, want %q", got, want)
		}
	}
	mustExec(t, g, "deliver 2b A1->L1", "deliver 2b A2->L1")
	check(`learn L1 "1 EUR" = learn 1 EUR (votes heard for it: 1 in 1, 1 in 3)`)
	mustExec(t, g, "deliver 2a P3->A1", "deliver 2b A1->L1 3")
	check(`learn L1 "1 EUR" = learn 1 EUR (votes heard for it: 1 in 1, 2 in 3)`)
}
