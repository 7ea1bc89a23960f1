package game

import (
	"strings"

	"paxosgame/paxos"
)

// Refusal is a command the rules of the game or of the protocol forbid
// now: why (Cause) and what it concerns, as data. Its sentence is the
// narrator's (narrate.Refusal, narrate.Error); Error is short, for logs
// and tests.
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

// Error is the refusal in short: the command's verb and node, and the
// cause, "propose P7 refused: no such node"; the protocol's own refusal
// as it says it.
func (r *Refusal) Error() string {
	if r.Err != nil {
		return r.Err.Error()
	}
	var b strings.Builder
	if r.Verb != 0 {
		b.WriteString(r.Verb.String() + " ")
	}
	if r.Node.N != 0 {
		b.WriteString(r.Node.String() + " ")
	}
	return b.String() + "refused: " + r.Cause.String()
}

// String names the cause: "no such node".
func (c RefusalCause) String() string { return causeNames[c] }

var causeNames = map[RefusalCause]string{
	SetupTooLate:     "setup after the first action",
	NotAnAction:      "not an action",
	ConfigAfterSet:   "config after set",
	ClusterSize:      "cluster size",
	NoSuchNode:       "no such node",
	NodeDown:         "node down",
	AlreadyDown:      "already down",
	AlreadyUp:        "already up",
	NoMessage:        "no such message",
	AmbiguousMessage: "ambiguous message",
	BallotRange:      "ballot out of range",
	BallotNotOwned:   "ballot not owned",
	BallotUsed:       "ballot used",
	AutoMode:         "auto mode",
	AcceptsSent:      "accepts sent",
	NotRunning:       "not running",
	NoQuorum:         "no quorum",
	NoSuchStep:       "no such step",
	NotAProposer:     "not a proposer",
	PromiseBelowVote: "promise below vote",
	Unreachable:      "start no run reaches",
	RuleOverStart:    "rule over a start",
	NotHand:          "not by hand",
	AlreadyHand:      "already by hand",
	NothingHeld:      "nothing held",
	WrongHeld:        "wrong message held",
	NeedValue:        "value needed",
	RuleForbids:      "rule forbids",
	CannotLearn:      "cannot learn",
	TooManySteps:     "too many steps",
}
