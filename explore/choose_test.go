package explore

import (
	"os"
	"slices"
	"strings"
	"testing"

	"paxosgame/game"
)

// examEnd is the exam scenario of export/testdata played to its end: P2
// asks for 5 EUR in 17; A1 voted 5 EUR in 10, A2 6 EUR in 9; P3's value
// is 8 EUR.
func examEnd(t *testing.T) *game.World {
	t.Helper()
	src, err := os.ReadFile("../export/testdata/exam.paxos")
	if err != nil {
		t.Fatal(err)
	}
	w, _, err := Start("exam.paxos", string(src))
	if err != nil {
		t.Fatal(err)
	}
	return w
}

func hasWhy(t *testing.T, ch Choice, want string) {
	t.Helper()
	if !slices.ContainsFunc(ch.Why, func(s string) bool { return strings.Contains(s, want) }) {
		t.Errorf("no reason says %q:\n%s", want, strings.Join(ch.Why, "\n"))
	}
}

// Issue 23: "Can 8 EUR be chosen?" mid-game picks the proposers that can
// still matter — 8 EUR is voted nowhere, so only P3, whose value it is —
// ballots above those in play, and as many as fit the budget (1: with 2
// the estimate passes it); the no says exactly what it covers.
func TestChooseAProposerThatCanPutAValueForward(t *testing.T) {
	w := examEnd(t)
	ch := Choose(w, conds(t, `chosen "8 EUR"`), 0, Options{})
	if b := ch.Bounds; !slices.Equal(b.Proposers, []int{3}) || b.Ballots != 1 || !b.Above || b.Crashes != 0 || b.Drops || b.Duplicates != 0 {
		t.Fatalf("bounds %s, want --proposers P3 --ballots 1 --above:\n%s", b, strings.Join(ch.Why, "\n"))
	}
	if ch.Result.Found || ch.Result.Incomplete || ch.Next <= ChooseStates {
		t.Errorf("found %v, incomplete %v, next estimated at %d", ch.Result.Found, ch.Result.Incomplete, ch.Next)
	}
	hasWhy(t, ch, `P3: "8 EUR" is voted nowhere`)
	hasWhy(t, ch, "P2 goes on with the ballot it runs")
	hasWhy(t, ch, "above every ballot in play (up to 17)")
	hasWhy(t, ch, "1 ballot: ")
	if got, want := Cover(w, ch.Bounds), "P3 proposing up to 1 ballot above those in play, P2 going on with the ballot it runs, nothing failing"; got != want {
		t.Errorf("Cover:\n got %s\nwant %s", got, want)
	}
	// Its search is the search within those bounds.
	again := Search(w, ch.Bounds, Holds(conds(t, `chosen "8 EUR"`)), Options{})
	if again.States != ch.Result.States || again.Found {
		t.Errorf("Search within the bounds chosen: %d states, found %v; Choose's: %d", again.States, again.Found, ch.Result.States)
	}
}

// A value voted already: one proposer, idle, is enough to carry it, and
// the fewest ballots that reach it are kept.
func TestChooseOneCarrierForAValueVoted(t *testing.T) {
	ch := Choose(examEnd(t), conds(t, `chosen "6 EUR"`), 0, Options{})
	if b := ch.Bounds; !slices.Equal(b.Proposers, []int{1}) || b.Ballots != 1 || !ch.Result.Found || len(ch.Result.Run) != 7 {
		t.Fatalf("bounds %s: found %v in %d steps; want P1, 1 ballot, 7 steps", b, ch.Result.Found, len(ch.Result.Run))
	}
	hasWhy(t, ch, `"6 EUR" is voted (A2 in 9) already`)
	hasWhy(t, ch, "1 ballot: the fewest that reach it")
	if !strings.HasPrefix(ch.Result.Run[0].String(), "propose P1 21") {
		t.Errorf("P1's ballot is not its first above 17: %s", ch.Result.Run[0])
	}
}

// What a running ballot reaches alone takes no new ballot; a value no
// proposer holds and nothing carries gets no proposer, and the no says
// that none starts a ballot.
func TestChooseNoBallotWhenNoneCanHelp(t *testing.T) {
	w := examEnd(t)
	ch := Choose(w, conds(t, `chosen "5 EUR"`), 0, Options{})
	if ch.Bounds.Ballots != 0 || !ch.Result.Found || len(ch.Result.Run) != 2 {
		t.Errorf("chosen 5 EUR: bounds %s, found %v in %d steps", ch.Bounds, ch.Result.Found, len(ch.Result.Run))
	}
	hasWhy(t, ch, "no new ballot: the ballots running reach it")
	ch = Choose(w, conds(t, `chosen "9 EUR"`), 0, Options{})
	if len(ch.Bounds.Proposers) != 0 || ch.Result.Found {
		t.Errorf("chosen 9 EUR: bounds %s, found %v", ch.Bounds, ch.Result.Found)
	}
	hasWhy(t, ch, `no proposer for "9 EUR"`)
	if got := Cover(w, ch.Bounds); !strings.HasPrefix(got, "no proposer starting a ballot, P2 going on") {
		t.Errorf("Cover: %s", got)
	}
}

// A search for a violation takes two proposers that could disagree, the
// running one first; with durable-acceptors off it allows one crash; a
// node played by hand has its decisions taken.
func TestChooseForAViolation(t *testing.T) {
	w, _, err := Start("t", "config proposers 3 acceptors 3 learners 0\nrule durable-acceptors off\nhand A3\npropose P2\ndeliver 1a P2->A1\n")
	if err != nil {
		t.Fatal(err)
	}
	ch := Choose(w, nil, 2_000, Options{})
	if b := ch.Bounds; !slices.Equal(b.Proposers, []int{1, 2}) || b.Crashes != 1 || !b.Hand || !b.Above {
		t.Errorf("bounds %s:\n%s", b, strings.Join(ch.Why, "\n"))
	}
	hasWhy(t, ch, "P1, P2: Agreement needs two proposers that could disagree")
	hasWhy(t, ch, "one crash: with durable-acceptors off")
	hasWhy(t, ch, "A3 is played by hand")
}

// The budget bounds the search: a budget too small for one ballot keeps
// none, and says so; a search past it with no ballot at all is stopped.
func TestChooseKeepsToTheBudget(t *testing.T) {
	w := examEnd(t)
	ch := Choose(w, conds(t, `chosen "8 EUR"`), 1_000, Options{})
	if ch.Bounds.Ballots != 0 || ch.Result.Incomplete || ch.Result.States > 1_000 {
		t.Errorf("budget 1,000: bounds %s, %d states, incomplete %v", ch.Bounds, ch.Result.States, ch.Result.Incomplete)
	}
	hasWhy(t, ch, "0 ballots: with 1 the search passed the budget of 1,000 states")
	ch = Choose(w, conds(t, `chosen "8 EUR"`), 3, Options{})
	if !ch.Result.Incomplete {
		t.Errorf("budget 3: the search was not stopped: %d states", ch.Result.States)
	}
}
