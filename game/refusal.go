package game

import (
	"fmt"
	"strings"

	"paxosgame/internal/words"
	"paxosgame/paxos"
)

// Refusal is a command the rules of the game or of the protocol forbid
// now: why (Cause) and what it concerns, as data. Its sentence is built
// from these fields when it is asked for.
type Refusal struct {
	Cause  RefusalCause
	Verb   Verb         // the command refused
	Node   paxos.NodeID // the node it names, when the cause is about a node
	Ballot paxos.Ballot // BallotRange of a set command: the ballot asked for
	Sel    Selector     // NoMessage, AmbiguousMessage: the message asked for
	IDs    []int        // AmbiguousMessage: the messages in flight that match
	Have   int          // NoSuchNode: how many nodes of its role the cluster has; NoSuchStep: how many steps the history has
	Step   int          // NoSuchStep: the step asked for
	Vote   paxos.Vote   // PromiseBelowVote: the acceptor's vote
	Rule   paxos.Rule   // RuleOverStart: the rule
	Start  *StartFlaw   // Unreachable: why the start is one no run reaches, and what would make it one
	Undo   bool         // SetupTooLate: the game can undo to step 0
	Held   []Envelope   // NothingHeld, WrongHeld: what the node holds
	Err    error        // the protocol's own refusal, for the causes it decides (a *paxos.Refusal, or the cluster's size)
}

// RefusalCause is why a command is refused.
type RefusalCause uint8

const (
	SetupTooLate     RefusalCause = iota + 1 // a setup command after the first action
	NotAnAction                              // World.Apply of a command that is neither setup nor an action
	ConfigAfterSet                           // config after a set command
	ClusterSize                              // a cluster the protocol does not allow
	NoSuchNode                               // a node the cluster does not have
	NodeDown                                 // propose or accept at a crashed proposer
	AlreadyDown                              // crash of a crashed node
	AlreadyUp                                // restart of a running node
	NoMessage                                // no message in flight matches
	AmbiguousMessage                         // several messages in flight match
	BallotRange                              // a ballot below 1 or above paxos.MaxBallot
	BallotNotOwned                           // unique-ballots: the ballot is another proposer's
	BallotUsed                               // the proposer already used this ballot or a higher one
	AutoMode                                 // accept in auto mode, where proposers ask for votes by themselves
	AcceptsSent                              // accept: the proposer already asked for votes in its ballot
	NotRunning                               // accept: the proposer runs no ballot
	NoQuorum                                 // accept: the proposer has promises from fewer than a quorum
	NoSuchStep                               // a jump outside the history
	NotAProposer                             // propose or accept at a node that is not a proposer
	PromiseBelowVote                         // set An promised b below the vote it was set to have
	Unreachable                              // the first action, after a start no run of Paxos reaches with every rule on (World.Honest)
	RuleOverStart                            // rule X on, over a start set up with X off
	NotHand                                  // a decision or auto at a node the game plays
	AlreadyHand                              // hand of a node played by hand
	NothingHeld                              // a decision, and the acceptor holds no message it answers
	WrongHeld                                // a decision on a message of the other kind: vote on a prepare
	NeedValue                                // accept of a proposer played by hand, without the value it picked
	RuleForbids                              // a decision that a rule of the protocol forbids (paxos.Refusal.Rule)
	CannotLearn                              // learn: too few votes, or the value it learned last
	TooManySteps                             // an action past MaxSteps
)

// protocolCauses are the causes of the protocol's refusals.
var protocolCauses = map[paxos.Reason]RefusalCause{
	paxos.BallotOutOfRange: BallotRange,
	paxos.BallotNotOwned:   BallotNotOwned,
	paxos.BallotUsed:       BallotUsed,
	paxos.AcceptsSent:      AcceptsSent,
	paxos.NotRunning:       NotRunning,
	paxos.NoQuorum:         NoQuorum,
	paxos.NotHighestVote:   RuleForbids,
	paxos.FalseReport:      RuleForbids,
	paxos.BelowPromise:     RuleForbids,
	paxos.DifferentBallots: RuleForbids,
	paxos.TooFewVotes:      CannotLearn,
	paxos.AlreadyLearned:   CannotLearn,
}

// byProtocol is the refusal of command c for err, the protocol's own
// *paxos.Refusal, or nil when err is nil.
func byProtocol(c Command, err error) error {
	pr, ok := err.(*paxos.Refusal)
	if !ok {
		return err
	}
	return &Refusal{Cause: protocolCauses[pr.Reason], Verb: c.Verb, Node: c.Node, Ballot: c.Ballot, Err: pr}
}

func (r *Refusal) Unwrap() error { return r.Err }

// InLesson is the refusal's sentence where a lesson owns the setup: it
// advises no setup command, which the lesson would refuse.
func (r *Refusal) InLesson() string {
	if r.Cause == AutoMode {
		return fmt.Sprintf("this lesson runs in auto mode, where %s sends its accept requests by itself the moment a majority has promised", r.Node)
	}
	return r.Error()
}

func (r *Refusal) Error() string {
	if r.Err != nil {
		return r.Err.Error()
	}
	switch r.Cause {
	case SetupTooLate:
		if r.Undo {
			return fmt.Sprintf("%s is a setup command: it must come before the first action (undo to step 0 to change the setup)", r.Verb)
		}
		return fmt.Sprintf("%s is a setup command: it must come before the first action", r.Verb)
	case NotAnAction:
		return fmt.Sprintf("%s is not an action", r.Verb)
	case ConfigAfterSet:
		return "config must come before set: changing the cluster would forget the state set so far"
	case NoSuchNode:
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
	case NodeDown:
		return fmt.Sprintf("%s is down; restart it first", r.Node)
	case Unreachable:
		return r.Start.words()
	case RuleOverStart:
		return fmt.Sprintf("put rule %s on before the set lines: a start set up with %s off stays so, "+
			"since with the rule on no run of Paxos need reach it", r.Rule, r.Rule)
	case PromiseBelowVote:
		return fmt.Sprintf("%s voted %s in %d, so it has promised at least %d: a promise of %d would erase that vote; promise %d or more",
			r.Node, r.Vote.Value, r.Vote.Ballot, r.Vote.Ballot, r.Ballot, r.Vote.Ballot)
	case NotAProposer:
		return fmt.Sprintf("%s is not a proposer: only a proposer can %s", r.Node, r.Verb)
	case AlreadyDown:
		return fmt.Sprintf("%s is already down", r.Node)
	case AlreadyUp:
		return fmt.Sprintf("%s is running; only a crashed node can restart", r.Node)
	case NoMessage:
		if r.Sel.ID != 0 {
			return fmt.Sprintf("no message #%d is in flight", r.Sel.ID)
		}
		return fmt.Sprintf("no message in flight matches %s", r.Sel)
	case AmbiguousMessage:
		var ids strings.Builder
		for _, id := range r.IDs {
			fmt.Fprintf(&ids, " #%d", id)
		}
		return fmt.Sprintf("%d messages in flight match %s:%s; say which by id", len(r.IDs), r.Sel, ids.String())
	case BallotRange:
		return fmt.Sprintf("ballots are 1 to %d, not %d", paxos.MaxBallot, r.Ballot)
	case AutoMode:
		return fmt.Sprintf("in auto mode %s sends its accept requests by itself the moment a majority has promised; "+
			"switch to manual mode (mode manual) to choose the moment", r.Node)
	case TooManySteps:
		return fmt.Sprintf("a game holds at most %s steps, so that it can be saved and read back: this one has them all", words.Thousands(MaxSteps))
	case NoSuchStep:
		return fmt.Sprintf("there is no step %d: the history has steps 0 to %d", r.Step, r.Have)
	case NotHand:
		return fmt.Sprintf("the game plays %s; to %s for it, play it by hand first (hand %s)", r.Node, r.Verb, r.Node)
	case AlreadyHand:
		return fmt.Sprintf("%s is already played by hand", r.Node)
	case NothingHeld, WrongHeld:
		return nothingHeldWords(r)
	case NeedValue:
		return fmt.Sprintf("%s is played by hand: say which value it asks the acceptors to vote for, as in accept %s %s", r.Node, r.Node, Quote("5 EUR"))
	}
	return fmt.Sprintf("%s is refused", r.Verb)
}

// nothingHeldWords says why a decision has no message to answer: what
// the acceptor holds, and what it may do with it.
func nothingHeldWords(r *Refusal) string {
	want := map[Verb]string{VPromise: "prepare", VVote: "accept request"}[r.Verb]
	if want == "" {
		want = "message"
	}
	article := "a"
	if r.Verb == VVote {
		article = "an"
	}
	var text string
	switch {
	case r.Sel.ID != 0 && r.Cause == WrongHeld:
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
		what = append(what, fmt.Sprintf("%s (%s: %s)", Label(e), e.Msg.Summary(), strings.Join(DecisionWords(e.Msg), ", ")))
	}
	return text + "; it holds " + strings.Join(what, " and ")
}

// DecisionWords are the decisions an acceptor played by hand may take on
// a message it holds, as verbs: promise, refuse, ignore for a prepare;
// vote, refuse, ignore for an accept request.
func DecisionWords(m paxos.Message) []string {
	if m.Type == paxos.Accept {
		return []string{"vote", "refuse", "ignore"}
	}
	return []string{"promise", "refuse", "ignore"}
}
