package ui

import (
	"errors"
	"fmt"
	"strconv"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"paxosgame/game"
	"paxosgame/table"
)

// gameKeys are the board's keys that move through the game: the messages
// in flight (↑↓ select, enter delivers, space the oldest, a all, x drops,
// d duplicates), the nodes (tab selects, c crashes and restarts), the
// history (← → home end) and auto-play (A, + and -). Each change is a
// command through the board's seat.
type gameKeys struct {
	*scene
	host
}

// key acts on k; it reports false for a key not its.
func (p gameKeys) key(tx *table.Tx, msg tea.KeyPressMsg) bool {
	k := p.sh.keys
	w := p.world()
	sel, _, any := p.selected()
	switch {
	case key.Matches(msg, k.MsgUp):
		p.moveSelection(-1)
	case key.Matches(msg, k.MsgDown):
		p.moveSelection(1)
	case key.Matches(msg, k.Deliver):
		p.onMessage(tx, game.VDeliver, sel, any)
	case key.Matches(msg, k.Drop):
		p.onMessage(tx, game.VDrop, sel, any)
	case key.Matches(msg, k.Duplicate):
		p.onMessage(tx, game.VDuplicate, sel, any)
	case key.Matches(msg, k.DeliverOldest):
		if w.NumInFlight() == 0 {
			p.say(true, "✗ nothing is in flight: p to propose")
			break
		}
		p.act(tx, p.pick(game.VDeliver, w.InFlightRange(0, 1)[0]))
	case key.Matches(msg, k.DeliverAll):
		if w.NumInFlight() == 0 {
			p.say(true, "✗ nothing is in flight: p to propose")
			break
		}
		p.act(tx, game.Command{Verb: game.VDeliver, Sel: game.Selector{All: true}})
	case key.Matches(msg, k.NextNode):
		p.moveNode(1)
	case key.Matches(msg, k.PrevNode):
		p.moveNode(-1)
	case key.Matches(msg, k.Crash):
		verb := game.VCrash
		if !w.Up(p.selNode) {
			verb = game.VRestart
		}
		p.act(tx, game.Command{Verb: verb, Node: p.selNode})
	case key.Matches(msg, k.StepBack):
		p.jump(tx, p.g.Cursor()-1)
	case key.Matches(msg, k.StepForward):
		p.jump(tx, p.g.Cursor()+1)
	case key.Matches(msg, k.First):
		p.jump(tx, 0)
	case key.Matches(msg, k.Last):
		p.jump(tx, p.g.Len())
	case key.Matches(msg, k.AutoPlay):
		p.toggleAuto(tx)
	case key.Matches(msg, k.Faster), key.Matches(msg, k.Slower):
		p.changePace(tx, key.Matches(msg, k.Faster))
	default:
		return false
	}
	return true
}

// onMessage runs deliver, drop or duplicate on the selected message.
func (p gameKeys) onMessage(tx *table.Tx, verb game.Verb, sel game.Envelope, any bool) {
	if !any {
		p.say(true, "✗ nothing is in flight to %s: p to propose", verb)
		return
	}
	p.act(tx, p.pick(verb, sel))
}

// jump moves through history; the game's world is replayed, not changed.
// With a coach, only through the player's own moves, one at a time.
func (p gameKeys) jump(tx *table.Tx, k int) {
	k = max(0, min(p.g.Len(), k))
	if k == p.g.Cursor() {
		return
	}
	switch moved, err := tx.Jump(k); {
	case err != nil:
		p.say(true, "✗ %s", err)
		return
	case !moved:
		p.say(true, "✗ ← and → undo and redo your own moves at a goal; b goes back a page of the lesson")
		return
	}
	p.follow(tx)
	p.status = ""
	p.storyUp = 0
	p.played()
}

// changePace makes auto-play faster or slower by table.PaceStep.
func (p gameKeys) changePace(tx *table.Tx, faster bool) {
	d := tx.Auto().Pace
	if faster {
		d -= table.PaceStep
	} else {
		d += table.PaceStep
	}
	if err := tx.SetPace(d); err != nil {
		p.say(true, "✗ %s", err)
		return
	}
	p.follow(tx)
	p.status = fmt.Sprintf("auto-play: a step every %s (+ faster, - slower: %s to %s)",
		paceWords(tx.Auto().Pace), paceWords(table.MinPace), paceWords(table.MaxPace))
	p.bad = false
}

// toggleAuto starts or stops the table's auto-play.
func (p gameKeys) toggleAuto(tx *table.Tx) {
	if p.auto {
		if err := tx.StopAuto(); err != nil {
			p.say(true, "✗ %s", err)
		}
		return
	}
	switch err := tx.StartAuto(); {
	case errors.Is(err, table.ErrCoached):
		p.say(true, "✗ auto-play is for free play: in a lesson, n plays the lesson's steps")
	case errors.Is(err, table.ErrIdle):
		p.say(true, "✗ nothing is in flight to auto-play: p to propose")
	case err != nil:
		p.say(true, "✗ %s", err)
	}
}

// paceWords is a pace as the title says it: "1.5 s".
func paceWords(d time.Duration) string { return strconv.FormatFloat(d.Seconds(), 'f', -1, 64) + " s" }

// autoWords says what auto-play does, or why it stopped.
func autoWords(a table.AutoPlay) string {
	switch a.Why {
	case table.Running:
		s := fmt.Sprintf("▶ auto-play: %s · + and - change the pace · any other key stops it", autoMoveWords(a))
		if a.Ignored == 1 {
			s = "▶ auto-play: 1 delivery that changed nothing (ignored) went by without a pause"
		} else if a.Ignored > 1 {
			s = fmt.Sprintf("▶ auto-play: %d deliveries that changed nothing (ignored) went by without a pause", a.Ignored)
		}
		return s
	case table.StopIdle:
		return "■ auto-play stopped: nothing is in flight"
	case table.StopChosen:
		return "■ auto-play stopped: a value is chosen (← steps back, A goes on)"
	case table.StopViolation:
		return "■ auto-play stopped: agreement failed (← steps back, A goes on)"
	case table.StopRefused:
		return fmt.Sprintf("■ auto-play stopped: %v", a.Err)
	}
	return "■ auto-play stopped"
}

// autoMoveWords says what auto-play's ticks do now, at its pace.
func autoMoveWords(a table.AutoPlay) string {
	every := paceWords(a.Pace)
	switch {
	case a.Next == table.MoveAhead && a.Ahead == 1:
		return fmt.Sprintf("the step ahead in %s, as → does, then the oldest message", every)
	case a.Next == table.MoveAhead:
		return fmt.Sprintf("the %d steps ahead, one every %s as → does, then the oldest message", a.Ahead, every)
	case a.Next == table.MoveLoop:
		return fmt.Sprintf("round the loop again, a step every %s, ballots rising", every)
	}
	return fmt.Sprintf("the oldest message every %s, as space does", every)
}
