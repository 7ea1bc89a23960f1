package ui

import (
	"paxosgame/paxos"
	"paxosgame/table"
)

// The room as a board shows it (DESIGN §11): who plays which node, the
// student's own node, the poll — taken as the board follows the table.

// followRoom takes the room as it is.
func (p *scene) followRoom(tx *table.Tx) {
	r := p.roomOf(tx)
	if e := r.epoch; e != p.room.epoch {
		// A status about the nodes, or the poll, may no longer be true.
		if p.about == aboutNodes && e.Nodes != p.room.epoch.Nodes || p.about == aboutPoll && e.Poll != p.room.epoch.Poll {
			p.status, p.about = "", aboutGame
		}
	}
	p.room = r
}

// roomOf is the room as the board shows it.
func (p *scene) roomOf(tx *table.Tx) roomView {
	r := roomView{holders: map[paxos.NodeID]string{}, game: tx.GameVersion(), epoch: tx.Epoch()}
	for _, id := range p.world().Nodes() {
		switch name, gone := tx.Holder(id); {
		case name == "":
		case gone:
			r.holders[id] = name + " (left)"
		default:
			r.holders[id] = name
		}
	}
	r.own, _ = tx.Plays()
	r.poll, r.polled = tx.Poll()
	r.here = tx.Here()
	_, ds := p.decider()
	r.deciding = len(ds) > 0
	return r
}

// label is who plays node id by hand, as the room says: "" for nobody.
func (p *scene) label(id paxos.NodeID) string {
	if p.world().Hand(id) {
		return p.room.holders[id]
	}
	return ""
}
