package lessons

import (
	"errors"
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
// The narrator words both (narrate.Question, narrate.Refusal).

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
