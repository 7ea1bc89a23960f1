package lessons

import (
	"errors"
	"fmt"
	"regexp"
	"strings"

	"paxosgame/game"
	"paxosgame/paxos"
)

// Refusals that teach (issue 20, DESIGN §13): the game's own refusal of a
// decision often holds the answer the student is looking for ("P2 must ask
// for 5 EUR — adopt-highest-vote", "ballot 42 belongs to P3; P4's next
// ballot above 42 is 44"). In a lesson, the first refusal at a goal names
// the rule and asks the question that leads to the answer; the game's own
// sentence, with the answer, comes only after a hint or a second refusal.

// teachingRefusal is a refusal of the game worded for a student who has
// not asked for the answer yet: the rule, and a question.
type teachingRefusal struct {
	r     *game.Refusal
	words string
}

func (e teachingRefusal) Error() string { return e.words }
func (e teachingRefusal) Unwrap() error { return e.r }

// Mistake reports whether err is a move the protocol refused: a decision
// or a ballot its rules forbid, a learner that may not learn yet, a
// proposer that may not ask for votes. Those are what a lesson counts as
// mistakes; a typing slip (no such message, a node the cluster lacks) or
// a move the lesson does not allow is not one.
func Mistake(err error) bool {
	var r *game.Refusal
	if !errors.As(err, &r) {
		return false
	}
	var pr *paxos.Refusal
	return errors.As(r.Err, &pr)
}

// teach is the first refusal of c at a goal in w: the rule that forbids
// it and the question that leads to the answer, without the answer; ""
// when the game's own sentence gives nothing away.
func teach(w *game.World, c game.Command, r *game.Refusal) string {
	var pr *paxos.Refusal
	if !errors.As(r.Err, &pr) {
		return ""
	}
	n := w.Cfg.Proposers
	// Short: at 80×24 the status line holds two lines, the command first.
	switch pr.Reason {
	case paxos.NotHighestVote:
		return fmt.Sprintf("adopt-highest-vote: %s must ask for the value of the highest-ballot vote its promises report. Which vote is that?", c.Node)
	case paxos.FalseReport:
		return fmt.Sprintf("promise-reports-vote: %s's promise must report its last vote, or none if it has not voted. What did %s vote last?", c.Node, c.Node)
	case paxos.BelowPromise:
		return fmt.Sprintf("keep-promise: an acceptor never votes below what it promised. What has %s promised?", c.Node)
	case paxos.DifferentBallots:
		return fmt.Sprintf("same-ballot-majority: %s learns only from a majority of votes cast in one ballot. In which ballots were its votes cast?", c.Node)
	case paxos.TooFewVotes:
		return fmt.Sprintf("%s learns only from a majority of votes cast in one ballot. How many has it heard for %s in one ballot?", c.Node, c.Value)
	case paxos.BallotNotOwned:
		return fmt.Sprintf("unique-ballots: %s owns the ballots that leave %d when divided by %d. Whose is %d, and which ballot is %s's?",
			c.Node, c.Node.N%n, n, c.Ballot, c.Node)
	case paxos.BallotUsed:
		return fmt.Sprintf("%s's ballots only rise, and %d is not above the highest it used. Which of its own comes next?", c.Node, c.Ballot)
	}
	return ""
}

// quoted are the spans of text in backquotes: the commands a page quotes.
var quoted = regexp.MustCompile("`([^`]+)`")

// invited reports whether the page's text quotes command c, as a page
// that asks the student to try a move and read what the game says does
// ("Try `propose P4 42` first"): its refusal is then no mistake. A quoted
// decision that names no message (`:vote A1`) is the one the student
// takes with a key, which names the message it answers.
func invited(text string, c game.Command) bool {
	for _, m := range quoted.FindAllStringSubmatch(text, -1) {
		q, ok, err := game.ParseLine(strings.TrimPrefix(strings.TrimSpace(m[1]), ":"))
		if err != nil || !ok {
			continue
		}
		took := c
		if q.Sel == (game.Selector{}) {
			took.Sel = game.Selector{}
		}
		if q.String() == took.String() {
			return true
		}
	}
	return false
}
