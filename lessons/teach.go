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
	switch pr.Reason {
	case paxos.NotHighestVote:
		return fmt.Sprintf("%s may not ask for %s — adopt-highest-vote: a proposer asks for the value of the vote with the highest ballot "+
			"among those its promises report. Which votes did %s's promises report, and in which ballots?", c.Node, c.Value, c.Node)
	case paxos.FalseReport:
		return fmt.Sprintf("%s's promise must tell what %s voted last, or that it has not voted — promise-reports-vote. "+
			"What does %s's row say it voted, and in which ballot?", c.Node, c.Node, c.Node)
	case paxos.BelowPromise:
		return fmt.Sprintf("%s may not vote there — keep-promise: an acceptor never votes in a ballot below the one it promised. "+
			"What has %s promised, and in which ballot is it asked to vote?", c.Node, c.Node)
	case paxos.DifferentBallots:
		return fmt.Sprintf("%s may not learn %s yet — same-ballot-majority: a learner learns a value from the votes of a majority "+
			"cast in one ballot. In which ballots were the votes it heard for %s cast?", c.Node, c.Value, c.Value)
	case paxos.TooFewVotes:
		return fmt.Sprintf("%s may not learn %s yet: a learner learns a value from the votes of a majority cast in one ballot. "+
			"How many votes for %s has it heard in one ballot, and how many make a majority?", c.Node, c.Value, c.Value)
	case paxos.BallotNotOwned:
		i := c.Node.N % n
		return fmt.Sprintf("ballot %d is not %s's — unique-ballots: with %d proposers, %s owns the ballots that leave %d when divided by %d. "+
			"Which proposer owns %d, and which ballot of %s's would do?", c.Ballot, c.Node, n, c.Node, i, n, c.Ballot, c.Node)
	case paxos.BallotUsed:
		return fmt.Sprintf("%s may not use ballot %d — a proposer's ballots strictly increase, and it never reuses one. "+
			"Which is the highest ballot %s has used or heard of, and which of its own comes next?", c.Node, c.Ballot, c.Node)
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
