package game

import (
	"fmt"

	"paxosgame/paxos"
)

// EventKind is what happened.
type EventKind uint8

const (
	EvSetup     EventKind = iota + 1 // a setup command took effect
	EvAct                            // a node acted: propose, accept, crash, restart
	EvSend                           // a message was sent (ID, Msg)
	EvDeliver                        // a message was delivered and handled (ID, Msg)
	EvLost                           // a message reached a crashed node (ID, Msg)
	EvDrop                           // a message was dropped (ID, Msg)
	EvDuplicate                      // a message was duplicated; ID is the copy's
	EvChosen                         // a value was chosen
	EvViolation                      // a safety property failed
)

// Event is one thing that happened at one step, with its narration.
type Event struct {
	Kind EventKind
	Step int
	ID   int // the message, for message events
	Msg  paxos.Message
	Node paxos.NodeID // the node that acted, for EvAct
	Text string       // the narration; empty for EvSend
}

// Label names a message in flight: `#12 1b A1→P2`.
func Label(e Envelope) string {
	return fmt.Sprintf("#%d %s %s→%s", e.ID, e.Msg.Type.Code(), e.Msg.From, e.Msg.To)
}
