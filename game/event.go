package game

import (
	"strconv"

	"paxosgame/paxos"
)

// Event is one thing that happened at one step, as data; the narrator
// (package narrate) puts it into the course's words. Each kind of event
// is a type of its own with only its fields, so that a field means one
// thing: Setup, Act, Send, Deliver, Lost, Drop, Duplicate, Chosen,
// Violation. They are values: an event in a history is never changed.
type Event interface {
	Kind() EventKind
}

// EventKind is what happened: the kind of an Event.
type EventKind uint8

const (
	EvSetup     EventKind = iota + 1 // Setup
	EvAct                            // Act
	EvSend                           // Send
	EvDeliver                        // Deliver
	EvLost                           // Lost
	EvDrop                           // Drop
	EvDuplicate                      // Duplicate
	EvChosen                         // Chosen
	EvViolation                      // Violation
)

// Setup is a setup command that took effect.
type Setup struct {
	Verb Verb         // config, rule, policy, mode or set
	Cfg  paxos.Config // the configuration with the command in force

	Rule   paxos.Rule // rule: the rule switched
	On     bool       // rule: switched on
	Policy PolicyKind // policy: which policy was set (what it is now, Cfg says)

	Node   paxos.NodeID // set: the node set
	Field  Field        // set: what was set
	Ballot paxos.Ballot // set: the ballot promised, or voted in
	Value  paxos.Value  // set: the value voted for, or preferred
	Next   paxos.Ballot // set of a vote, with unique-ballots on: the next ballot of the ballot's owner; 0 otherwise
}

// Act is an action of one node: propose, accept, hand, auto, a decision
// of a node played by hand (promise, vote, refuse, ignore, learn), crash,
// restart; or drop stale, which no node takes (Verb VDrop, Node zero).
type Act struct {
	Verb Verb
	Node paxos.NodeID // the node that acted; zero for drop stale
	Cfg  paxos.Config // the configuration in force

	// propose, accept: the ballot the proposer runs and the value it asks
	// for; learn: the value learned and the ballot of the votes it heard.
	Ballot    paxos.Ballot
	Value     paxos.Value
	Abandoned paxos.Ballot // propose: the ballot it gave up running; 0 when it ran none
	Reason    Reason       // accept: where the value comes from
	Before    paxos.Vote   // learn: what the learner had learned before; none when nothing

	Dropped int // drop stale: how many messages it dropped

	// A decision of an acceptor played by hand: the message it answers,
	// what it did, and whether its player said which vote a promise
	// reports (promise A1 reporting ...).
	Held   Envelope
	Effect paxos.Effect
	Report bool

	// An acceptor's promise and vote: before its decision, kept over a
	// crash, read back at a restart. The vote of a promise is the one it
	// reports. A learner's restart: Vote is the value it learned last
	// (none when it learned nothing).
	Promised paxos.Ballot
	Vote     paxos.Vote

	Used paxos.Ballot // crash of a proposer: the highest ballot it used; 0 when none
	Next paxos.Ballot // restart of a proposer: its next ballot
}

// Send is a message sent.
type Send struct{ Envelope }

// Deliver is a message delivered to a node that is up, and what the node
// did with it.
type Deliver struct {
	Envelope
	Effect paxos.Effect // what the receiver did
	Hand   bool         // the receiver is played by hand
	Cfg    paxos.Config // the configuration in force

	// An acceptor: the promise it had, and the vote it has (a promise
	// reports it when promise-reports-vote is on).
	Promised paxos.Ballot
	Vote     paxos.Vote

	// A proposer, once it handled the message: its phase, ballot and value,
	// the ballot that preempted it, its next ballot, and whether the vote
	// was one it had counted; the reason for its value when it sent its
	// accept requests (SentAccept).
	Phase       paxos.Phase
	Ballot      paxos.Ballot
	Value       paxos.Value
	PreemptedBy paxos.Ballot
	Next        paxos.Ballot
	Repeat      bool
	Reason      Reason

	// A proposer: the promises it counts for its ballot (the votes, for a
	// vote); a learner: the votes it heard for the message's value in its
	// ballot, against Cfg.Quorum().
	Count int

	Before paxos.Vote // a learner: what it had learned before; none when nothing
}

// Lost is a message that reached a node that is down: delivered to a
// crashed node, or held for the decision of a node that crashed first.
type Lost struct {
	Envelope
	Held bool // held for a decision: its receiver crashed before it decided
}

// Drop is a message the network dropped.
type Drop struct {
	Envelope
	Stale bool // drop stale dropped it: delivered, it would change no node's state
}

// Duplicate is a message the network will carry twice: Envelope is the
// copy, Orig the id of the original.
type Duplicate struct {
	Envelope
	Orig int
}

// Chosen is a value chosen: a quorum of acceptors voted for it in one
// ballot.
type Chosen struct {
	Step   int          // 0: chosen by the votes of the setup
	Cfg    paxos.Config // the configuration, whose quorum judged it
	Vote   paxos.Vote   // the value and its ballot
	By     paxos.Set    // the acceptors that voted for it
	Repeat bool         // the same value was chosen before, in another ballot
}

// Violation is a safety property that failed.
type Violation struct {
	Step     int
	Property Property
	Value    paxos.Value  // the value chosen (TwoChosen, ChosenUnproposed) or learned (LearnedUnchosen)
	Ballot   paxos.Ballot // TwoChosen: the ballot it was chosen in
	By       paxos.Set    // TwoChosen: the acceptors that chose it
	Prior    paxos.Value  // TwoChosen: the value chosen before
	Node     paxos.NodeID // LearnedUnchosen: the learner
}

func (Setup) Kind() EventKind     { return EvSetup }
func (Act) Kind() EventKind       { return EvAct }
func (Send) Kind() EventKind      { return EvSend }
func (Deliver) Kind() EventKind   { return EvDeliver }
func (Lost) Kind() EventKind      { return EvLost }
func (Drop) Kind() EventKind      { return EvDrop }
func (Duplicate) Kind() EventKind { return EvDuplicate }
func (Chosen) Kind() EventKind    { return EvChosen }
func (Violation) Kind() EventKind { return EvViolation }

// MessageOf is the message event e is about, for a Send, Deliver, Lost,
// Drop or Duplicate (the copy); false for the others.
func MessageOf(e Event) (Envelope, bool) {
	m, ok := e.(interface{ envelope() Envelope })
	if !ok {
		return Envelope{}, false
	}
	return m.envelope(), true
}

func (e Envelope) envelope() Envelope { return e }

// Property names the safety property that failed, and how.
type Property uint8

const (
	// TwoChosen: a second value is chosen (Agreement).
	TwoChosen Property = iota + 1
	// LearnedUnchosen: a learner learned a value that was not chosen (Agreement).
	LearnedUnchosen
	// ChosenUnproposed: a chosen value that no proposer proposed (Validity).
	ChosenUnproposed
)

// Agreement reports whether the failure is one of Agreement (else Validity).
func (p Property) Agreement() bool { return p != ChosenUnproposed }

// Label names a message in flight: `#12 1b A1→P2`.
func Label(e Envelope) string {
	return "#" + strconv.Itoa(e.ID) + " " + e.Msg.Type.Code() + " " + e.Msg.From.String() + "→" + e.Msg.To.String()
}
