package narrate

import (
	"fmt"

	"paxosgame/game"
)

// Key is event e's key line on the timeline, the few words beside its
// row of the diagram: "#4 promise 17 · no vote", "#4 lost: A1 is down",
// "CHOSEN: 5 EUR in ballot 17, voted by A1, A2." (the first sentence of
// its narration, whole). "" for a message sent (KeySends tells a burst of
// them) and for an action, whose row shows its command.
func Key(e game.Event) string {
	switch e := e.(type) {
	case game.Deliver:
		return fmt.Sprintf("#%d %s", e.ID, e.Msg.Summary())
	case game.Lost:
		return fmt.Sprintf("#%d lost: %s is down", e.ID, e.Msg.To)
	case game.Drop:
		return fmt.Sprintf("#%d dropped: %s", e.ID, e.Msg.Summary())
	case game.Duplicate:
		return fmt.Sprintf("#%d copy of a %s %s→%s", e.ID, e.Msg.Type.Word(), e.Msg.From, e.Msg.To)
	case game.Chosen:
		head, _ := chosenWords(e)
		return head
	case game.Violation:
		return Event(e)
	}
	return ""
}

// KeySends is the key line of messages one node sent in a row, first to
// last (the same one when it sent one): "P2 sends #1–#3: prepare 17".
func KeySends(first, last game.Envelope) string {
	ids := fmt.Sprintf("#%d", first.ID)
	if last.ID != first.ID {
		ids = fmt.Sprintf("#%d–#%d", first.ID, last.ID)
	}
	return fmt.Sprintf("%s sends %s: %s", first.Msg.From, ids, first.Msg.Summary())
}
