package game

import (
	"slices"

	"paxosgame/paxos"
)

// Crashed is a set of nodes that are down: per role, a bitmask by node
// number. The zero Crashed has every node up.
type Crashed [4]uint16

// Up reports whether node id is not in the set.
func (c Crashed) Up(id paxos.NodeID) bool { return c[id.Role]&(1<<id.N) == 0 }

// with is the set after id crashes (up false) or restarts (up true).
func (c Crashed) with(id paxos.NodeID, up bool) Crashed {
	if up {
		c[id.Role] &^= 1 << id.N
	} else {
		c[id.Role] |= 1 << id.N
	}
	return c
}

// TraceRow is one step of a game: the action, everything it did in order,
// and which nodes were down before and after it.
type TraceRow struct {
	Step   int     // 1 for the first action
	Cmd    Command // the action, as history recorded it
	Events []Event // what it did, in order; shared with the history: do not change
	Before Crashed // the nodes down when the step began
	After  Crashed // the nodes down when it ended
}

// Down is the nodes down after the first i events of the step: Before
// for i = 0, After once the step's first event has happened. A crash or a
// restart is a step of its own whose first event is the node's act, so
// the change of Before into After falls there, and every other step has
// After equal to Before.
func (r TraceRow) Down(i int) Crashed {
	if i <= 0 {
		return r.Before
	}
	return r.After
}

// Sent, Delivered, Dropped, Lost and Duplicated are the messages the step
// sent, delivered to a running node, dropped, delivered to a crashed
// node, and duplicated (the copies), each in the order it happened.
func (r TraceRow) Sent() []Envelope       { return r.messages(EvSend) }
func (r TraceRow) Delivered() []Envelope  { return r.messages(EvDeliver) }
func (r TraceRow) Dropped() []Envelope    { return r.messages(EvDrop) }
func (r TraceRow) Lost() []Envelope       { return r.messages(EvLost) }
func (r TraceRow) Duplicated() []Envelope { return r.messages(EvDuplicate) }

func (r TraceRow) messages(k EventKind) []Envelope {
	var out []Envelope
	for _, e := range r.Events {
		if m, ok := MessageOf(e); ok && e.Kind() == k {
			out = append(out, m)
		}
	}
	return out
}

// Trace is the rows of steps from to to (1 to Len, both included; out of
// range bounds are clamped), including steps after the cursor. Its cost
// grows with to-from, not with the length of the history: the nodes down
// before step from are read from the nearest checkpoint and the crashes
// and restarts after it.
func (g *Game) Trace(from, to int) []TraceRow {
	from, to = max(from, 1), min(to, len(g.steps))
	if from > to {
		return nil
	}
	// The world at the nearest checkpoint at or before step from-1.
	i, found := slices.BinarySearchFunc(g.checkpoints, from-1, func(c checkpoint, step int) int { return c.step - step })
	if !found {
		i-- // step 0 always has one
	}
	cp := g.checkpoints[i]
	down := Crashed(cp.w.down)
	for s := cp.step; s < from-1; s++ {
		down = down.after(g.steps[s].Cmd)
	}
	rows := make([]TraceRow, 0, to-from+1)
	for s := from; s <= to; s++ {
		st := g.steps[s-1]
		next := down.after(st.Cmd)
		rows = append(rows, TraceRow{Step: s, Cmd: st.Cmd, Events: g.Events(s), Before: down, After: next})
		down = next
	}
	return rows
}

// after is the set once action c has run: only a crash or a restart
// changes it (both are refused unless they change it).
func (c Crashed) after(cmd Command) Crashed {
	switch cmd.Verb {
	case VCrash:
		return c.with(cmd.Node, false)
	case VRestart:
		return c.with(cmd.Node, true)
	}
	return c
}
