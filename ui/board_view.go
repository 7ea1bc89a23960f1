package ui

import (
	tea "charm.land/bubbletea/v2"

	"paxosgame/game"
	"paxosgame/paxos"
	"paxosgame/table"
)

// View draws the board, under the table's read lock. It changes nothing.
func (b *board) View() string {
	f := b.Frame()
	return f.String()
}

// Frame is the board as View draws it, with where each target is, for the
// mouse: clicks are resolved on the last frame drawn (see frame.onMouse).
// It is the frame settle laid out, when neither the board nor the table
// changed since: a class's boards lay out each change once, not twice.
func (b *board) Frame() (f frame) {
	b.seat.Read(func(tx *table.Tx) {
		if d := b.drawn; d.ok && d.version == tx.Version() {
			f = d.f
			return
		}
		f = b.draw(b.layout())
	})
	f.by = b
	return f
}

// drawn is the frame settle laid out, for View; ok is false once the
// board changed after (follow, say).
type drawn struct {
	f       frame
	version uint64 // the table's
	ok      bool
}

// settle lays out in Update the frame View will draw, so that View
// changes nothing: it tells the side pane its size, draws the panes once,
// keeps the frame for View, and takes the story's scroll as far back as
// it goes. Called under the table's lock.
func (b *board) settle() {
	b.drawn = drawn{}
	if b.w < minWidth || b.h+1 < minHeight {
		return // never drawn: the screen asks for a bigger terminal
	}
	pl := b.layout()
	if b.side != nil {
		b.side.Place(pl.sideW, pl.sideH)
		pl = b.layout() // its advice on the bottom line may have changed
	}
	f := b.draw(pl)
	if f.story {
		b.storyUp = f.storyUp
	}
	b.drawn = drawn{f: f, version: b.seen, ok: true}
}

// Cursor is the terminal cursor in the dialog on top, if it has one.
func (b *board) Cursor() *tea.Cursor {
	d := b.overlay.top()
	if d == nil {
		return nil
	}
	lines, c := d.view(b.w)
	if c != nil {
		c.Position.Y += b.h - len(lines)
	}
	return c
}

// click selects what was clicked; a click on the selected message
// delivers it.
func (b *board) click(tx *table.Tx, pt pointMsg) {
	if b.overlay.open() || pt.mouse.Button != tea.MouseLeft {
		return
	}
	t := pt.t
	b.useAt(t)
	switch {
	case t.side, t.story:
	case t.msg != 0:
		if sel, _, any := b.selected(); any && sel.ID == t.msg && !b.isStudent() {
			b.act(tx, b.pick(game.VDeliver, sel))
			return
		}
		b.selMsg = t.msg
	case t.choice != 0:
		hands{b.scene, b}.clickChoice(tx, t)
	case t.node != (paxos.NodeID{}):
		b.selNode = t.node
	}
}

// useAt makes the pane of a target the pane in use (what z zooms).
func (p *scene) useAt(t target) {
	switch {
	case t.side:
		p.use(paneSide)
	case t.story:
		p.use(paneStory)
	case t.msg != 0:
		p.use(paneNetwork)
	case t.choice != 0, t.node != (paxos.NodeID{}):
		p.use(paneNodes)
	}
}

// wheel scrolls the pane the mouse is over: the story, the side pane (a
// lesson's text) or the network.
func (b *board) wheel(pt pointMsg) {
	t := pt.t
	up := pt.mouse.Button == tea.MouseWheelUp
	if t.side || t.story || t.msg != 0 {
		b.useAt(t)
	}
	switch {
	case t.side && up:
		b.side.Scroll(-1)
	case t.side:
		b.side.Scroll(1)
	case t.story && up:
		b.storyUp++
	case t.story:
		b.storyUp = max(0, b.storyUp-1)
	case t.msg != 0 && up:
		b.moveSelection(-1)
	case t.msg != 0:
		b.moveSelection(1)
	}
}
