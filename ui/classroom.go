package ui

import (
	"fmt"

	tea "charm.land/bubbletea/v2"

	"paxosgame/game"
	"paxosgame/lessons"
	"paxosgame/paxos"
	"paxosgame/table"
)

// The hooks of the classroom (DESIGN §11): a board of a table that others
// play too, over SSH. The classroom package makes the boards; the play
// screen asks these hooks and knows nothing of rooms.

// Guard decides what a board may change on its table. Every change a
// board makes asks it first, where the change goes to the table: each
// command (a key, a click, a form, the : line) and each move of the
// table's history or auto-play. A refusal changes nothing and is said on
// the board's status line. It is called within the table's Act.
type Guard interface {
	// Command is nil when the board may run c on the table, with world w.
	Command(w *game.World, c game.Command) error
	// Control is nil when the board may move the table's history, start
	// or stop auto-play, or open a script: what says which, in words.
	Control(what string) error
}

// RoomKeys is a side pane that takes keys before the board: a student's
// key that takes a node, a digit that answers a poll. It is offered each
// key of the board's normal mode within the table's Act (tx), with the
// board's selected node; handled keys go no further. It may change the
// table through tx (a command, tx.Changed for news of the room).
type RoomKeys interface {
	RoomKey(tx *table.Tx, msg tea.KeyPressMsg, sel paxos.NodeID) (handled bool, status string, bad bool)
}

// RoomLines is a side pane that takes lines of the : line before the
// game's language: the lecturer's poll, close, give. Within the table's
// Act. Unhandled lines are the game's.
type RoomLines interface {
	RoomLine(tx *table.Tx, line string) (handled bool, status string, err error)
}

// Follower is a side pane told of the table each time the board follows
// it, within the table's lock: what it shows of the table it takes then.
type Follower interface{ Follow(tx *table.Tx) }

// Player is a side pane of a student who plays a node: the board selects
// that node when it comes to wait for a decision, and no other.
type Player interface{ Plays() (paxos.NodeID, bool) }

// BoardOptions make a board of a room.
type BoardOptions struct {
	Guard Guard    // nil: the board may change anything
	Side  SidePane // the room's pane beside the board
	// Label is the words after a node's hand mark on every row: who plays
	// it. It is called while the table is read; "" for none. It must be
	// printable (the classroom escapes user names).
	Label func(id paxos.NodeID) string
	// Remote: the board is over SSH; no file on the server is read or
	// written: s shows the script, e the export as text, o and the home
	// screen's "load" are refused.
	Remote bool
	// Fixed: the board is the screen's only one: esc goes to no home
	// screen. (q asks about unsaved play only on a board that is not
	// Remote: the room's play is the lecturer's to save.)
	Fixed bool
	// MaxLine caps a typed line (the : line and other fields); 0: no cap.
	MaxLine int
}

// NewRoomBoard is the root model straight at a board of table t, which
// others watch and change too, with the room's hooks.
func NewRoomBoard(t *table.Table, noColor, ascii bool, o BoardOptions) *Model {
	m := New(noColor, ascii)
	m.sh.room = o
	b := newPlay(m.sh, t)
	b.side = o.Side
	m.setBoard(b, false)
	return m
}

// NewSolo is the root model of a private game over SSH, at the home
// screen: free play and the lessons, with progress kept in store; no file
// on the server is read or written but the store's.
func NewSolo(noColor, ascii bool, store *lessons.Store, maxLine int) *Model {
	m := New(noColor, ascii)
	m.sh.room = BoardOptions{Remote: true, MaxLine: maxLine}
	m.store = store
	return m
}

// guardCommand asks the board's guard whether c may run.
func (p *play) guardCommand(c game.Command) error {
	if g := p.sh.room.Guard; g != nil {
		return g.Command(p.world(), c)
	}
	return nil
}

// guardControl asks the board's guard whether it may move the table's
// history or auto-play.
func (p *play) guardControl(what string) error {
	if g := p.sh.room.Guard; g != nil {
		return g.Control(what)
	}
	return nil
}

// roomKey offers a key to the side pane of a room first.
func (p *play) roomKey(tx *table.Tx, msg tea.KeyPressMsg) bool {
	rk, ok := p.side.(RoomKeys)
	if !ok {
		return false
	}
	handled, status, bad := rk.RoomKey(tx, msg, p.selNode)
	if handled {
		p.follow(tx)
		if status != "" {
			p.say(bad, "%s", status)
		}
	}
	return handled
}

// roomLine offers a line of the : line to the side pane of a room first.
func (p *play) roomLine(tx *table.Tx, line string) (bool, error) {
	rl, ok := p.side.(RoomLines)
	if !ok {
		return false, nil
	}
	handled, status, err := rl.RoomLine(tx, line)
	if handled && err == nil {
		p.follow(tx)
		p.say(false, "%s", status)
	}
	return handled, err
}

// label is who plays node id by hand, as the room says: "" for nobody.
func (p *play) label(id paxos.NodeID) string {
	if f := p.sh.room.Label; f != nil && p.world().Hand(id) {
		return f(id)
	}
	return ""
}

// remoteSave is the key s over SSH: the script, shown.
func (p *play) remoteSave() tea.Cmd {
	msg := showTextMsg{
		title: "THE SCRIPT — copy it from here: over SSH nothing is saved on the server",
		pages: []textPage{{"script", p.g.Script()}},
	}
	n := p.g.Len()
	p.say(false, "the script of %d %s is shown: over SSH nothing is saved on the server", n, plural(n, "step"))
	return func() tea.Msg { return msg }
}

// errRemoteFiles is the refusal to open a file over SSH.
var errRemoteFiles = fmt.Errorf("over SSH no file of the server is opened: the lecturer loads scripts")

// student reports whether the board is a student's in a room (its guard
// lets through only the decisions of the node they play), and that node:
// zero while they play none.
func (p *play) student() (paxos.NodeID, bool) {
	if p.sh.room.Guard == nil {
		return paxos.NodeID{}, false
	}
	if pl, ok := p.sh.room.Side.(Player); ok {
		if id, plays := pl.Plays(); plays {
			return id, true
		}
	}
	return paxos.NodeID{}, true
}
