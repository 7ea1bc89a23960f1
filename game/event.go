package game

import (
	"strconv"

	"paxosgame/paxos"
)

// EventKind is what happened.
type EventKind uint8

const (
	EvSetup     EventKind = iota + 1 // a setup command took effect (Verb, and what it set)
	EvAct                            // a node acted: propose, accept, crash, restart, a decision by hand (Verb, Node); or drop stale (Verb VDrop, Count dropped, no Node)
	EvSend                           // a message was sent (ID, Msg)
	EvDeliver                        // a message was delivered and handled (ID, Msg, Effect)
	EvLost                           // a message reached a crashed node (ID, Msg)
	EvDrop                           // a message was dropped (ID, Msg; Verb VDrop when drop stale dropped it)
	EvDuplicate                      // a message was duplicated; ID is the copy's, Orig the original's
	EvChosen                         // a value was chosen (Vote, By)
	EvViolation                      // a safety property failed (Property, ...)
)

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

// Event is one thing that happened at one step, as data; the narrator
// (Narrate) puts it into the course's words. Which fields mean something
// depends on Kind, Verb and Effect; the comments say where each is used.
type Event struct {
	Kind EventKind
	Step int          // 0 is the setup
	Verb Verb         // EvSetup, EvAct: the command's verb
	Node paxos.NodeID // the node that acted or was set, or the learner of a violation
	Cfg  paxos.Config // the configuration in force: quorum, rules, policy, mode

	ID     int           // the message's id (a duplicate's: the copy's)
	Orig   int           // EvDuplicate: the original's id
	Msg    paxos.Message // message events
	Effect paxos.Effect  // EvDeliver: what the receiver did

	Field  Field        // EvSetup of set: what was set; EvAct of promise: FieldReport when the report was chosen
	Policy PolicyKind   // EvSetup of policy: which policy
	Rule   paxos.Rule   // EvSetup of rule: which rule
	On     bool         // EvSetup of rule: switched on
	Ballot paxos.Ballot // the ballot the event is about (propose, accept, set; a proposer's current)
	Value  paxos.Value  // the value it is about (propose, accept, set, learned, violation)
	Was    paxos.Ballot // before: the acceptor's promise, the ballot abandoned, the ballot that preempted
	Next   paxos.Ballot // a proposer's next ballot, or the highest it used (crash)
	Vote   paxos.Vote   // the acceptor's vote; a learner's value before; chosen: what was chosen
	Phase  paxos.Phase  // a proposer's phase after the delivery
	Count  int          // promises or votes counted, against Cfg.Quorum() of Cfg.Acceptors
	By     paxos.Set    // the acceptors that voted (chosen, violation)
	Repeat bool         // a vote counted before; chosen again; promise handled before
	Hand   bool         // EvDeliver: the receiver is played by hand
	Reason Reason       // why a proposer asks for its value

	Property Property    // EvViolation: what failed
	Prior    paxos.Value // EvViolation of TwoChosen: the value chosen before
}

// Envelope is the message of a message event, with its id.
func (e Event) Envelope() Envelope { return Envelope{e.ID, e.Msg} }

// Label names a message in flight: `#12 1b A1→P2`.
func Label(e Envelope) string {
	return "#" + strconv.Itoa(e.ID) + " " + e.Msg.Type.Code() + " " + e.Msg.From.String() + "→" + e.Msg.To.String()
}
