package ui

import (
	"time"

	"paxosgame/game"
	"paxosgame/internal/words"
	"paxosgame/lessons"
	"paxosgame/paxos"
	"paxosgame/table"
)

// scene is what a board shows: the table as the board last followed it —
// its game, title, file, auto-play, room — and the board's own selection,
// scroll, panes, open dialogs and status line. The board (board.go) owns
// it and changes it in Update; the panes are views of it (cluster.go,
// meter.go, network.go, story.go, timeline.go, choices.go, title.go,
// status.go; layout.go places them), and View only reads it. Its methods,
// and those of the views and parts that embed it, call their receiver p,
// as they did when the board was the play screen.
type scene struct {
	sh   *shared
	role table.Role // the seat's: a student's board offers a student's keys
	side Side       // the pane beside the board; nil: none
	w, h int

	// The table as of the board's last follow. g is read only under the
	// table's lock: another board may be changing it.
	g        *game.Game
	title    string
	path     string        // the file saved to or loaded from
	coached  bool          // a lesson's coach takes the moves
	oneByOne bool          // the coach refuses deliver all: the keys offer no "a all"
	dirty    bool          // the table has unsaved play
	auto     bool          // auto-play runs
	pace     time.Duration // auto-play's pace
	room     roomView      // the room (room.go)
	marks    touched       // what the step at the cursor touched (changed.go)

	selMsg   int           // id of the selected message; if gone, the first the last step sent, or the first in flight, is shown selected
	named    lessons.Named // what a lesson's page names: kept in view, never selected (see follow)
	selNode  paxos.NodeID  // the selected node
	timeline bool          // the space-time diagram instead of network and story
	storyUp  int           // lines the story is scrolled back
	shown    shownPanes    // the panes hidden and zoomed (panes.go)
	overlay  overlay       // the dialogs open (overlay.go)

	// The nodes played by hand that waited for a decision as the board
	// last followed the table (see refocus).
	waits []paxos.NodeID

	status string // the answer to the last key: a refusal, "saved", …
	bad    bool   // the status is an error
	about  about  // what the status speaks of
}

func (p *scene) world() *game.World { return p.g.World() }

// setGame shows another game, as a lesson does when it starts a scene.
func (p *scene) setGame(g *game.Game) {
	if g != p.g {
		p.g, p.selMsg, p.storyUp = g, 0, 0
	}
}

// selected is the selected message and its index in the list. When the
// selection is gone, the message that matters is: the first the step at
// the cursor sent (what a refusal or a promise just put in flight), else
// the first in flight.
func (p *scene) selected() (game.Envelope, int, bool) {
	wo := p.world()
	if i := wo.InFlightIndex(p.selMsg); i >= 0 {
		e, _ := wo.Message(p.selMsg)
		return e, i, true
	}
	if lo, _, ok := p.changedRange(); ok {
		return wo.InFlightRange(lo, lo+1)[0], lo, true
	}
	if wo.NumInFlight() > 0 {
		return wo.InFlightRange(0, 1)[0], 0, true
	}
	return game.Envelope{}, 0, false
}

// changedRange is the first and last index in the list of the messages
// the step at the cursor sent that are still in flight.
func (p *scene) changedRange() (lo, hi int, ok bool) {
	wo := p.world()
	lo, hi = -1, -1
	for id := range p.marks.msgs {
		if i := wo.InFlightIndex(id); i >= 0 {
			if lo < 0 || i < lo {
				lo = i
			}
			hi = max(hi, i)
		}
	}
	return lo, hi, lo >= 0
}

func (p *scene) moveSelection(by int) {
	wo := p.world()
	n := wo.NumInFlight()
	if n == 0 {
		return
	}
	_, i, _ := p.selected()
	j := max(0, min(n-1, i+by))
	p.selMsg = wo.InFlightRange(j, j+1)[0].ID
}

func (p *scene) moveNode(by int) {
	ns := p.world().Nodes()
	i := 0
	for j, n := range ns {
		if n == p.selNode {
			i = j
		}
	}
	p.selNode = ns[(i+by+len(ns))%len(ns)]
}

// neighbour is the id of the message now at index i, or the last one.
func (p *scene) neighbour(i int) int {
	wo := p.world()
	n := wo.NumInFlight()
	if n == 0 {
		return 0
	}
	return wo.InFlightRange(min(i, n-1), min(i, n-1)+1)[0].ID
}

// pick is the command for a key or click that delivers, drops or
// duplicates message e: in words (deliver 2a P2->A2, with the ballot when
// needed) when they pick that message alone, else by its id (#5).
func (p *scene) pick(verb game.Verb, e game.Envelope) game.Command {
	return game.Command{Verb: verb, Sel: table.Pick(p.world(), e)}
}

// readyToAccept is the proposers that may send their accept requests now.
func (p *scene) readyToAccept() []paxos.NodeID {
	return p.world().AcceptReady()
}

// withAll is s with the key of deliver all after it, unless the lesson
// delivers one message at a time here.
func (p *scene) withAll(s, all string) string {
	if p.oneByOne {
		return s
	}
	return s + all
}

// nodeList is "P2", "P2 and P3", "P1, P2 and P3".
func nodeList(ns []paxos.NodeID) string {
	s := make([]string, len(ns))
	for i, n := range ns {
		s[i] = n.String()
	}
	return words.And(s)
}

// isStudent reports whether the board is a student's in a room: it
// changes the game only through the node the student plays.
func (p *scene) isStudent() bool { return p.role == table.Student }

// student reports whether the board is a student's, and the node they
// play: zero while they play none.
func (p *scene) student() (paxos.NodeID, bool) { return p.room.own, p.isStudent() }

// The types of the scene's fields are below, here: the files that work
// with them (panes.go, room.go, changed.go, hand.go) sit above this one.

// paneID names a pane of the play screen, for zoom and for the pane in
// use.
type paneID int

const (
	paneNone     paneID = iota
	paneNodes           // the nodes and the majority meter
	paneNetwork         // the messages in flight
	paneStory           // the narration
	paneTimeline        // the space-time diagram, in place of network and story
	paneSide            // the side pane: a lesson's text, the classroom's
)

// shownPanes is what a board shows of the play screen, for a projector:
// the panes hidden, the pane zoomed to the whole screen, and the pane the
// player worked in last, which z zooms. It is the board's alone: no
// command of the game, nothing of the table, nothing in the history.
type shownPanes struct {
	hideStory, hideNetwork, hideMeter bool
	zoom                              paneID // paneNone: every pane shown
	focus                             paneID // paneNone: the network
}

// roomView is what the board took of the room as it last followed the
// table: who plays which node, the node of its own seat, the poll.
type roomView struct {
	holders  map[paxos.NodeID]string // the names, "bob (left)" for one who left
	own      paxos.NodeID            // the node the board's student plays; zero: none
	poll     table.Poll
	polled   bool   // a poll was asked
	here     int    // the students here
	deciding bool   // a decision of the selected node holds the digits
	game     uint64 // the table's GameVersion
	epoch    table.Epoch
}

// about is what a status line speaks of: a status about the room is
// cleared when the room changes that way.
type about uint8

const (
	aboutGame  about = iota
	aboutNodes       // a node taken or refused
	aboutPoll        // an answer
)

// touched is what the step at the history cursor touched: the nodes that
// acted, received, sent or lost a message, and the messages it sent that
// are still in flight.
type touched struct {
	nodes map[paxos.NodeID]bool
	msgs  map[int]bool
}
