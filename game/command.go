// Package game is the world of the game: the cluster of Paxos roles, the
// network of messages in flight, the all-seeing observer that checks the
// safety properties, the command language that changes all of it, and the
// history of a game with undo and redo.
package game

import (
	"fmt"
	"strconv"
	"strings"

	"paxosgame/paxos"
)

// Verb is what a command does.
type Verb uint8

const (
	VConfig Verb = iota + 1
	VRule
	VPolicy
	VMode
	VSet
	VPropose
	VDeliver
	VDrop
	VDuplicate
	VAccept
	VCrash
	VRestart
	VHand    // hand A1: the node is played by hand from now on
	VAuto    // auto A1: the game plays it again
	VPromise // promise A1: a decision of an acceptor played by hand, on a prepare it holds
	VVote    // vote A1: on an accept request it holds
	VRefuse  // refuse A1: on either
	VIgnore  // ignore A1: on either
	VLearn   // learn L1 "5 EUR": a learner played by hand decides it has learned
	VExpect
)

var verbNames = map[Verb]string{
	VConfig: "config", VRule: "rule", VPolicy: "policy", VMode: "mode", VSet: "set",
	VPropose: "propose", VDeliver: "deliver", VDrop: "drop", VDuplicate: "duplicate",
	VAccept: "accept", VCrash: "crash", VRestart: "restart",
	VHand: "hand", VAuto: "auto", VPromise: "promise", VVote: "vote", VRefuse: "refuse", VIgnore: "ignore", VLearn: "learn",
	VExpect: "expect",
}

func (v Verb) String() string { return verbNames[v] }

// Setup reports whether the verb sets up the game: it is refused once the
// first action has been taken.
func (v Verb) Setup() bool { return v >= VConfig && v <= VSet }

// Action reports whether the verb is a step of the game, kept in history.
func (v Verb) Action() bool { return v >= VPropose && v <= VLearn }

// Decision reports whether the verb is a decision of an acceptor played
// by hand on a message it holds.
func (v Verb) Decision() bool { return v >= VPromise && v <= VIgnore }

// verbRange is the verbs from first to last, in their order.
func verbRange(first, last Verb) []Verb {
	var vs []Verb
	for v := first; v <= last; v++ {
		vs = append(vs, v)
	}
	return vs
}

// Selector picks one message in flight: by id (#12), by description (1b
// A1->P2, with an optional ballot), or all of them (deliver all).
type Selector struct {
	All      bool // deliver all
	Stale    bool // drop stale: every message whose delivery now would change no node's state
	ID       int
	Type     paxos.MsgType
	From, To paxos.NodeID
	Ballot   paxos.Ballot // 0: any ballot
}

func (s Selector) String() string {
	switch {
	case s.All:
		return "all"
	case s.Stale:
		return "stale"
	case s.ID != 0:
		return "#" + strconv.Itoa(s.ID)
	}
	out := fmt.Sprintf("%s %s->%s", s.Type.Code(), s.From, s.To)
	if s.Ballot != 0 {
		out += " " + strconv.Itoa(int(s.Ballot))
	}
	return out
}

// Matches reports whether message m, with id id, is selected.
func (s Selector) Matches(id int, m paxos.Message) bool {
	switch {
	case s.All:
		return true
	case s.ID != 0:
		return s.ID == id
	}
	return m.Type == s.Type && m.From == s.From && m.To == s.To && (s.Ballot == 0 || m.Ballot == s.Ballot)
}

// Field is what a set command sets on a node.
type Field uint8

const (
	FieldPromised Field = iota + 1 // set A2 promised 17
	FieldVoted                     // set A1 voted 10 "5 EUR"
	FieldValue                     // set P1 value "8 EUR": the proposer's preference
	FieldReport                    // promise A1 reporting none / reporting 9 "6 EUR": the vote a promise reports
)

// Modal is when an expect line's condition must hold.
type Modal uint8

const (
	Now   Modal = iota // at this step
	Ever               // expect ever: at some step so far
	Never              // expect never: at no step so far
)

// PolicyKind is which policy a policy command sets.
type PolicyKind uint8

const (
	StalePrepare PolicyKind = iota // policy stale-prepare refuse|ignore|promise
	StaleAccept                    // policy stale-accept refuse|ignore
)

// ExpectKind is what an expect line checks.
type ExpectKind uint8

const (
	ExpectChosen    ExpectKind = iota + 1 // expect chosen "v" / expect nothing-chosen
	ExpectPromised                        // expect A1 promised 17
	ExpectVoted                           // expect A1 voted 10 "v" / expect A1 voted nothing
	ExpectPhase                           // expect P2 phase 2
	ExpectBallot                          // expect P2 ballot 17
	ExpectValue                           // expect P2 value "v"
	ExpectLearned                         // expect L1 learned "v" / expect L1 learned nothing
	ExpectInFlight                        // expect in-flight 3
	ExpectAgreement                       // expect agreement
	ExpectViolation                       // expect violation
	ExpectUp                              // expect A1 up
	ExpectCrashed                         // expect A1 crashed
	ExpectHolds                           // expect A1 holds 2 / expect A1 holds nothing: messages it holds for its decision
)

// Command is one line of the command language. Which fields mean something
// depends on Verb (and, for expect, on Expect).
type Command struct {
	Verb      Verb
	Line, Col int // where it was read; 0 when made by the game

	Node    paxos.NodeID
	Ballot  paxos.Ballot
	Value   paxos.Value
	Nothing bool // "voted nothing", "learned nothing", "nothing-chosen"
	Sel     Selector

	// config: how many of each; Proposers and Acceptors 0 and Learners -1
	// mean unchanged (the parser sets Learners to -1 when it is not given).
	Proposers, Acceptors, Learners int
	Rule                           paxos.Rule
	On                             bool // rule on/off
	Policy                         paxos.StalePolicy
	PolicyOf                       PolicyKind
	Modal                          Modal // expect ever, expect never
	Manual                         bool  // mode manual
	Field                          Field
	Expect                         ExpectKind
	Phase                          paxos.Phase
	Count                          int // expect in-flight N
}

// Quote writes a value as the language reads it: in double quotes.
func Quote(v paxos.Value) string { return strconv.Quote(string(v)) }

// String prints the command as one line of the language; parsing it gives
// the same command back.
func (c Command) String() string {
	var b strings.Builder
	b.WriteString(c.Verb.String())
	w := func(parts ...string) {
		for _, p := range parts {
			b.WriteByte(' ')
			b.WriteString(p)
		}
	}
	itoa := func(n int) string { return strconv.Itoa(n) }
	switch c.Verb {
	case VConfig:
		if c.Proposers != 0 {
			w("proposers", itoa(c.Proposers))
		}
		if c.Acceptors != 0 {
			w("acceptors", itoa(c.Acceptors))
		}
		if c.Learners >= 0 {
			w("learners", itoa(c.Learners))
		}
	case VRule:
		w(c.Rule.String(), onOff(c.On))
	case VPolicy:
		w(c.PolicyOf.String(), c.Policy.String())
	case VMode:
		if c.Manual {
			w("manual")
		} else {
			w("auto")
		}
	case VSet:
		w(c.Node.String())
		switch c.Field {
		case FieldPromised:
			w("promised", itoa(int(c.Ballot)))
		case FieldVoted:
			w("voted", itoa(int(c.Ballot)), Quote(c.Value))
		case FieldValue:
			w("value", Quote(c.Value))
		}
	case VPropose:
		w(c.Node.String())
		if c.Ballot != 0 {
			w(itoa(int(c.Ballot)))
		}
		if c.Value != "" {
			w(Quote(c.Value))
		}
	case VDeliver, VDrop, VDuplicate:
		w(c.Sel.String())
	case VCrash, VRestart, VHand, VAuto:
		w(c.Node.String())
	case VAccept, VLearn:
		w(c.Node.String())
		if c.Value != "" {
			w(Quote(c.Value))
		}
	case VPromise, VVote, VRefuse, VIgnore:
		w(c.Node.String())
		if c.Sel.ID != 0 {
			w(c.Sel.String())
		}
		if c.Field == FieldReport && c.Nothing {
			w("reporting", "none")
		} else if c.Field == FieldReport {
			w("reporting", itoa(int(c.Ballot)), Quote(c.Value))
		}
	case VExpect:
		if c.Modal != Now {
			w(c.Modal.String())
		}
		w(c.Claim())
	}
	return b.String()
}

var modalNames = []string{"", "ever", "never"}

func (m Modal) String() string { return modalNames[m] }

var policyNames = []string{"stale-prepare", "stale-accept"}

func (k PolicyKind) String() string { return policyNames[k] }

func onOff(on bool) string {
	if on {
		return "on"
	}
	return "off"
}
