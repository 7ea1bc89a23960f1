package narrate

import (
	"errors"
	"fmt"
	"strings"

	"paxosgame/game"
	"paxosgame/internal/words"
	"paxosgame/paxos"
)

// Error tells err, an error of the game, in the narrator's words: each
// refusal in it (a *game.Refusal, also inside a file's error or a run
// that could not be put ahead) by Refusal, the rest as it is. Whoever
// shows a player an error the game returned shows this.
func Error(err error) string {
	if err == nil {
		return ""
	}
	var r *game.Refusal
	if !errors.As(err, &r) {
		return err.Error()
	}
	return retell(err, r, Refusal(r))
}

// retell is err's text with the text of r, which err wraps, replaced by
// its words: a wrapper (a file's error, fmt.Errorf's %w) holds the text
// of what it wraps as it is.
func retell(err error, r *game.Refusal, words string) string {
	s, bare := err.Error(), r.Error()
	if i := strings.LastIndex(s, bare); i >= 0 {
		return s[:i] + words + s[i+len(bare):]
	}
	return s
}

// InLesson is the refusal of err in words where a lesson owns the setup:
// it advises no setup command, which the lesson would refuse.
func InLesson(err error) string {
	var r *game.Refusal
	if errors.As(err, &r) && r.Cause == game.AutoMode {
		return retell(err, r, fmt.Sprintf("this lesson runs in auto mode, where %s sends its accept requests by itself the moment a majority has promised", r.Node))
	}
	return Error(err)
}

// Refusal says why the game refused a command, in the course's words.
func Refusal(r *game.Refusal) string {
	if r.Err != nil {
		return r.Err.Error()
	}
	switch r.Cause {
	case game.SetupTooLate:
		if r.Undo {
			return fmt.Sprintf("%s is a setup command: it must come before the first action (undo to step 0 to change the setup)", r.Verb)
		}
		return fmt.Sprintf("%s is a setup command: it must come before the first action", r.Verb)
	case game.NotAnAction:
		return fmt.Sprintf("%s is not an action", r.Verb)
	case game.ConfigAfterSet:
		return "config must come before set: changing the cluster would forget the state set so far"
	case game.NoSuchNode:
		if r.Have == 0 {
			return fmt.Sprintf("there is no %s: this cluster has no learners", r.Node) // only learners may number 0
		}
		switch l := r.Node.Role.Letter(); r.Have {
		case 1:
			return fmt.Sprintf("there is no %s: this cluster has only %s1", r.Node, l)
		case 2:
			return fmt.Sprintf("there is no %s: this cluster has %s1 and %s2", r.Node, l, l)
		default:
			return fmt.Sprintf("there is no %s: this cluster has %s1 to %s%d", r.Node, l, l, r.Have)
		}
	case game.NodeDown:
		return fmt.Sprintf("%s is down; restart it first", r.Node)
	case game.Unreachable:
		return startWords(r.Start)
	case game.RuleOverStart:
		return fmt.Sprintf("put rule %s on before the set lines: a start set up with %s off stays so, "+
			"since with the rule on no run of Paxos need reach it", r.Rule, r.Rule)
	case game.PromiseBelowVote:
		return fmt.Sprintf("%s voted %s in %d, so it has promised at least %d: a promise of %d would erase that vote; promise %d or more",
			r.Node, r.Vote.Value, r.Vote.Ballot, r.Vote.Ballot, r.Ballot, r.Vote.Ballot)
	case game.NotAProposer:
		return fmt.Sprintf("%s is not a proposer: only a proposer can %s", r.Node, r.Verb)
	case game.AlreadyDown:
		return fmt.Sprintf("%s is already down", r.Node)
	case game.AlreadyUp:
		return fmt.Sprintf("%s is running; only a crashed node can restart", r.Node)
	case game.NoMessage:
		if r.Sel.ID != 0 {
			return fmt.Sprintf("no message #%d is in flight", r.Sel.ID)
		}
		return fmt.Sprintf("no message in flight matches %s", r.Sel)
	case game.AmbiguousMessage:
		var ids strings.Builder
		for _, id := range r.IDs {
			fmt.Fprintf(&ids, " #%d", id)
		}
		return fmt.Sprintf("%d messages in flight match %s:%s; say which by id", len(r.IDs), r.Sel, ids.String())
	case game.BallotRange:
		return fmt.Sprintf("ballots are 1 to %d, not %d", paxos.MaxBallot, r.Ballot)
	case game.AutoMode:
		return fmt.Sprintf("in auto mode %s sends its accept requests by itself the moment a majority has promised; "+
			"switch to manual mode (mode manual) to choose the moment", r.Node)
	case game.TooManySteps:
		return fmt.Sprintf("a game holds at most %s steps, so that it can be saved and read back: this one has them all", words.Thousands(game.MaxSteps))
	case game.NoSuchStep:
		return fmt.Sprintf("there is no step %d: the history has steps 0 to %d", r.Step, r.Have)
	case game.NotHand:
		return fmt.Sprintf("the game plays %s; to %s for it, play it by hand first (hand %s)", r.Node, r.Verb, r.Node)
	case game.AlreadyHand:
		return fmt.Sprintf("%s is already played by hand", r.Node)
	case game.NothingHeld, game.WrongHeld:
		return nothingHeldWords(r)
	case game.NeedValue:
		return fmt.Sprintf("%s is played by hand: say which value it asks the acceptors to vote for, as in accept %s %s", r.Node, r.Node, game.Quote("5 EUR"))
	}
	return fmt.Sprintf("%s is refused", r.Verb)
}

// nothingHeldWords says why a decision has no message to answer: what
// the acceptor holds, and what it may do with it.
func nothingHeldWords(r *game.Refusal) string {
	want := map[game.Verb]string{game.VPromise: "prepare", game.VVote: "accept request"}[r.Verb]
	if want == "" {
		want = "message"
	}
	article := "a"
	if r.Verb == game.VVote {
		article = "an"
	}
	var text string
	switch {
	case r.Sel.ID != 0 && r.Cause == game.WrongHeld:
		text = fmt.Sprintf("#%d is not %s %s: %s cannot %s it", r.Sel.ID, article, want, r.Node, r.Verb)
	case r.Sel.ID != 0:
		text = fmt.Sprintf("%s holds no message #%d", r.Node, r.Sel.ID)
	default:
		text = fmt.Sprintf("%s holds no %s to %s", r.Node, want, r.Verb)
	}
	if len(r.Held) == 0 {
		return text + "; a message delivered to it waits here for its decision"
	}
	var what []string
	for _, e := range r.Held {
		what = append(what, fmt.Sprintf("%s (%s: %s)", game.Label(e), e.Msg.Summary(), strings.Join(decisionVerbs(e.Msg), ", ")))
	}
	return text + "; it holds " + strings.Join(what, " and ")
}

// decisionVerbs are the decisions an acceptor played by hand may take on
// a message it holds, as verbs: promise, refuse, ignore for a prepare;
// vote, refuse, ignore for an accept request.
func decisionVerbs(m paxos.Message) []string {
	if m.Type == paxos.Accept {
		return []string{"vote", "refuse", "ignore"}
	}
	return []string{"promise", "refuse", "ignore"}
}

// startWords says the flaw of a start in the course's words, and the lines that mend it.
func startWords(f *game.StartFlaw) string {
	a := paxos.A(f.Acceptor)
	b, v := f.Vote.Ballot, f.Vote.Value
	var why string
	switch f.Kind {
	case game.VoteAbovePromise:
		why = fmt.Sprintf("%s voted %s in %d but promised only %d, and an acceptor that votes in a ballot has promised at least that ballot",
			a, v, b, f.Promised)
	case game.TwoValues:
		why = fmt.Sprintf("%s voted %s in %d while %s voted %s in %d, and the proposer of a ballot asks for votes for one value only",
			a, v, b, andList(f.Others), f.Other, b)
	case game.OpenBelow:
		why = fmt.Sprintf("a vote in %d needs a majority that promised %d (the request to vote is sent out when there is a majority of promises), "+
			"and %s %s not promised above %d: %s can still vote in %d",
			b, b, andList(f.Others), hasHave(f.Others), f.Below, theyIt(f.Others), f.Below)
	case game.OutvotedBelow:
		why = fmt.Sprintf("a vote in %d needs a majority that promised %d, and every majority holds %s, which voted %s in %d: "+
			"the proposer of %d would have heard of it and kept %s, yet %s voted %s",
			b, b, orList(f.Others), f.Other, f.Below, b, f.Other, a, v)
	}
	if len(f.Fix) == 0 {
		return "no run of Paxos reaches this start: " + why + "; switch a rule off to set it up anyway"
	}
	// The lines first: a narrow screen shows the start of a refusal.
	return "no run of Paxos reaches this start; " + fixWords(f.Fix) + ", since " + why
}

// fixWords says which lines make the start honest: the votes to write
// instead (a fix changes only votes there are), the promises to add.
func fixWords(fix []game.Command) string {
	var votes, promises []string
	for _, c := range fix {
		if c.Field == game.FieldVoted {
			votes = append(votes, c.String())
		} else {
			promises = append(promises, c.String())
		}
	}
	var parts []string
	if len(votes) > 0 {
		parts = append(parts, "write "+words.And(votes)+" instead")
	}
	if len(promises) > 0 {
		parts = append(parts, "add "+words.And(promises))
	}
	return strings.Join(parts, " and ")
}

// andList names acceptors: A2, A2 and A3, A1, A2 and A3.
func andList(s paxos.Set) string { return words.And(words.Acceptors(s)) }

// orList names acceptors as alternatives: A1 or A2.
func orList(s paxos.Set) string { return words.Or(words.Acceptors(s)) }

func hasHave(s paxos.Set) string {
	if s.Len() == 1 {
		return "has"
	}
	return "have"
}

func theyIt(s paxos.Set) string {
	if s.Len() == 1 {
		return "it"
	}
	return "they"
}

// Start says, when the start was made with rules off, that it stays
// a start of the what-if lab; "" otherwise.
func Start(w *game.World) string {
	off := w.StartRulesOff()
	if len(off) == 0 {
		return ""
	}
	names := make([]string, len(off))
	for i, r := range off {
		names[i] = r.String()
	}
	stays := "stays"
	if len(names) > 1 {
		stays = "stay"
	}
	return fmt.Sprintf("a what-if start: set up with %s off, which %s off", words.And(names), stays)
}

// Question is a refusal of command c in w worded for a student who has
// not asked for the answer yet (a lesson's first refusal at a goal): the
// rule that forbids c and the question that leads to the answer, without
// the answer; "" when Refusal's own sentence gives nothing away.
func Question(w *game.World, c game.Command, r *game.Refusal) string {
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
