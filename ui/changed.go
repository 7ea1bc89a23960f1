package ui

import (
	"paxosgame/game"
	"paxosgame/paxos"
)

// changeMark marks, for one step, a node or a message in flight that the
// step at the history cursor touched: a sign in the column of the
// selection mark, with weight and colour where the terminal has them, so
// that a class sees where to look with NO_COLOR and on a washed-out
// projector. The next step (or a step back) takes the marks with it.
const changeMark = "◆"

// lastTouched reads the step at the cursor's events. Under the table's lock.
func (p *scene) lastTouched() touched {
	t := touched{nodes: map[paxos.NodeID]bool{}, msgs: map[int]bool{}}
	cur := p.g.Cursor()
	if cur == 0 {
		return t
	}
	for _, e := range p.g.Events(cur) {
		switch e := e.(type) {
		case game.Act:
			if e.Verb != game.VDrop { // drop stale acts on the network, not a node
				t.nodes[e.Node] = true
			}
		case game.Deliver:
			t.nodes[e.Msg.To] = true
		case game.Lost:
			t.nodes[e.Msg.To] = true
		case game.Send:
			t.nodes[e.Msg.From] = true
			t.msgs[e.ID] = true
		case game.Duplicate:
			t.msgs[e.ID] = true
		}
	}
	return t
}

// nodeChanged and msgChanged report whether the last step touched a node
// or a message; the marks are drawn from the frame's touched set.
func (p *scene) nodeChanged(id paxos.NodeID) bool { return p.marks.nodes[id] }
func (p *scene) msgChanged(id int) bool           { return p.marks.msgs[id] }
