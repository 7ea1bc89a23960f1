package table

import (
	"errors"
	"sync"
	"time"

	"paxosgame/game"
)

// Every is the pace of auto-play at first: slow enough to tell a class
// what each step did. The pace is the table's, so every board goes at
// one; SetPace changes it, from MinPace to MaxPace.
const (
	Every    = 1500 * time.Millisecond
	MinPace  = 500 * time.Millisecond
	MaxPace  = 5 * time.Second
	PaceStep = 500 * time.Millisecond
)

// Clock makes the ticks of auto-play.
type Clock interface {
	// Ticker ticks every d until stop is called.
	Ticker(d time.Duration) (ticks <-chan time.Time, stop func())
}

type realClock struct{}

func (realClock) Ticker(d time.Duration) (<-chan time.Time, func()) {
	tk := time.NewTicker(d)
	return tk.C, tk.Stop
}

// Why says why auto-play runs or stopped.
type Why uint8

const (
	Running       Why = iota // it takes a step at every tick (Next says which)
	StopAsked                // a player stopped it: a key, a click
	StopIdle                 // at the last step, nothing is in flight
	StopChosen               // the step chose a value
	StopViolation            // the step broke a safety property
	StopRefused              // the game refused the delivery; Err says why
	StopReplaced             // another game took the table's place
	StopClosed               // the table closed
)

// Move is what auto-play's next tick does, so that a board says it.
type Move uint8

const (
	MoveOldest Move = iota // deliver the oldest message in flight, as space does
	MoveAhead              // walk to the next step ahead of the cursor, as → does
	MoveLoop               // go round the loop the history ends in again (game.LoopNext)
)

// AutoPlay is the state of auto-play, as boards show it.
type AutoPlay struct {
	On  bool
	Why Why
	// Next is what the next tick does while it runs; Ahead, how many
	// steps are ahead of the cursor then (with MoveAhead).
	Next  Move
	Ahead int
	Err   error // the refusal, with StopRefused
	// Seq is one more at every start, tick and stop, so that a board
	// says each once.
	Seq int
	// Pace is the time between two deliveries (Every at first).
	Pace time.Duration
	// Ignored is how many deliveries the last tick made without a pause
	// before its own: each changed no node's state (game.World.Stale).
	Ignored int
}

// The refusals of StartAuto.
var (
	ErrCoached = errors.New("auto-play is for free play")
	ErrIdle    = errors.New("nothing is in flight to auto-play")
)

type auto struct {
	AutoPlay
	// Each start and stop makes a new generation: a tick of an old one
	// does nothing.
	gen       int
	stop      chan struct{} // closed when this generation stops
	stopTicks func()
}

// Auto is the state of auto-play.
func (tx *Tx) Auto() AutoPlay {
	a := tx.t.auto.AutoPlay
	if a.Pace == 0 {
		a.Pace = Every
	}
	return a
}

// SetPace sets the pace of auto-play, clamped to MinPace–MaxPace; when
// it runs, the next delivery comes after the new pace.
func (tx *Tx) SetPace(d time.Duration) error {
	if err := tx.may(Auto); err != nil {
		return err
	}
	d = min(max(d, MinPace), MaxPace)
	a := &tx.t.auto
	if a.Pace == d {
		return nil
	}
	tx.changed()
	a.Pace = d
	if !a.On {
		return nil
	}
	// A new ticker, in the same generation.
	a.stopTicks()
	close(a.stop)
	a.stop = make(chan struct{})
	var ticks <-chan time.Time
	ticks, a.stopTicks = tx.t.clock.Ticker(d)
	tx.t.loops.Add(1)
	go tx.t.autoLoop(a.gen, a.stop, ticks)
	return nil
}

// StartAuto starts auto-play: at every tick of the table's clock, one
// step. While there are steps ahead of the cursor (a loaded script, a
// jump back) it walks them, as → does, so that it drops none; at the last
// step it delivers the oldest message in flight, through the same command
// as a player's key — or, when the history ends in a loop (game.LoopNext),
// takes the step that goes round it again. It stops by itself at the last
// step with nothing in flight, or at the step that chose a value or broke
// a safety property.
func (tx *Tx) StartAuto() error {
	if err := tx.may(Auto); err != nil {
		return err
	}
	t := tx.t
	switch {
	case t.auto.On:
		return nil
	case t.coach != nil:
		return ErrCoached
	case tx.idle():
		return ErrIdle
	}
	tx.changed()
	a := &t.auto
	a.On, a.Why, a.Err = true, Running, nil
	a.Seq++
	a.gen++
	a.stop = make(chan struct{})
	var ticks <-chan time.Time
	if a.Pace == 0 {
		a.Pace = Every
	}
	ticks, a.stopTicks = t.clock.Ticker(a.Pace)
	t.loops.Add(1)
	go t.autoLoop(a.gen, a.stop, ticks)
	tx.autoNext()
	return nil
}

// idle reports whether auto-play has nothing to do: the game is at its
// last step and nothing is in flight.
func (tx *Tx) idle() bool {
	g := tx.Game()
	return g.Cursor() == g.Len() && g.World().NumInFlight() == 0
}

// autoNext notes what auto-play's next tick does, for the boards' words.
func (tx *Tx) autoNext() {
	a := &tx.t.auto
	g := tx.Game()
	a.Ahead = g.Len() - g.Cursor()
	switch _, loops := g.LoopNext(); {
	case a.Ahead > 0:
		a.Next = MoveAhead
	case loops:
		a.Next = MoveLoop
	default:
		a.Next = MoveOldest
	}
}

// autoLoop ticks auto-play's generation gen until it stops.
func (t *Table) autoLoop(gen int, stop <-chan struct{}, ticks <-chan time.Time) {
	defer t.loops.Done()
	for {
		select {
		case <-stop:
			return
		case <-ticks:
			t.act(nil, func(tx *Tx) { tx.autoStep(gen) })
		}
	}
}

// StopAuto stops auto-play, when it runs, because a player asked: any key
// but the one that starts it.
func (tx *Tx) StopAuto() error {
	if err := tx.may(Auto); err != nil {
		return err
	}
	tx.stopAuto(StopAsked)
	return nil
}

func (tx *Tx) stopAuto(why Why) {
	a := &tx.t.auto
	if !a.On {
		return
	}
	tx.changed()
	a.On, a.Why = false, why
	a.Seq++
	a.gen++
	a.stopTicks()
	close(a.stop)
	a.stop, a.stopTicks = nil, nil
}

// autoStep is a tick of generation gen: it walks to the next step ahead
// when there is one, else delivers the oldest message (or goes round the
// loop), and goes on unless nothing is left to do or the step chose a
// value or broke agreement.
func (tx *Tx) autoStep(gen int) {
	a := &tx.t.auto
	if !a.On || gen != a.gen {
		return // stopped since this tick was on its way
	}
	a.Ignored = 0
	if g := tx.Game(); g.Cursor() < g.Len() {
		// A step ahead: walked as → walks it, at the pace, stale or not.
		g.Jump(g.Cursor() + 1) // as Tx.Jump: the nodes students play stay theirs
		tx.changed()
		if tx.autoStops(g.Events(g.Cursor())) {
			return
		}
	} else if !tx.autoPlayOn() {
		return
	}
	if tx.idle() {
		tx.stopAuto(StopIdle)
		return
	}
	tx.autoNext()
	a.Seq++ // it runs on: a board says so again
}

// autoPlayOn takes auto-play's step at the last step: the oldest message,
// and the stale ones after it without a pause, or the loop's next step.
// It reports false when auto-play stopped.
func (tx *Tx) autoPlayOn() bool {
	a := &tx.t.auto
	for {
		w := tx.Game().World()
		if w.NumInFlight() == 0 {
			tx.stopAuto(StopIdle)
			return false
		}
		e := w.InFlightRange(0, 1)[0]
		stale := w.Stale(e) // it will change nothing: no pause for it
		cmd := game.Command{Verb: game.VDeliver, Sel: Pick(w, e)}
		if next, ok := tx.Game().LoopNext(); ok {
			// The history ends in a loop (check --forever's): go round again.
			cmd, stale = next, false
		}
		res, err := tx.do(cmd)
		if err != nil {
			tx.stopAuto(StopRefused)
			a.Err = err
			return false
		}
		if tx.autoStops(res.Events) {
			return false
		}
		if !stale || a.Ignored >= maxIgnored {
			return true
		}
		a.Ignored++
	}
}

// autoStops stops auto-play when a step's events chose a value or broke
// agreement, and reports whether it did.
func (tx *Tx) autoStops(evs []game.Event) bool {
	for _, e := range evs {
		switch e.Kind() {
		case game.EvChosen:
			tx.stopAuto(StopChosen)
			return true
		case game.EvViolation:
			tx.stopAuto(StopViolation)
			return true
		}
	}
	return false
}

// maxIgnored bounds the deliveries one tick makes without a pause.
const maxIgnored = 1000

// Pick is the selector that a player's key or click, and auto-play,
// record for message e: in words (2a P2->A2, with the ballot when needed)
// when they pick that message alone, else by its id (#5).
func Pick(w *game.World, e game.Envelope) game.Selector {
	sel := game.Selector{Type: e.Msg.Type, From: e.Msg.From, To: e.Msg.To}
	for _, s := range []game.Selector{sel, {Type: sel.Type, From: sel.From, To: sel.To, Ballot: e.Msg.Ballot}} {
		if found := w.Find(s); len(found) == 1 && found[0].ID == e.ID {
			return s
		}
	}
	return game.Selector{ID: e.ID}
}

// ManualClock is a Clock that ticks when told: for tests, and for a
// lecturer who steps auto-play by hand.
type ManualClock struct {
	mu    sync.Mutex
	ticks chan time.Time // the running ticker's; nil when none runs
}

// Ticker implements Clock.
func (c *ManualClock) Ticker(time.Duration) (<-chan time.Time, func()) {
	ch := make(chan time.Time)
	c.mu.Lock()
	c.ticks = ch
	c.mu.Unlock()
	return ch, func() {
		c.mu.Lock()
		defer c.mu.Unlock()
		if c.ticks == ch {
			c.ticks = nil
		}
	}
}

// Tick ticks the running ticker and reports whether one took the tick
// (within a second). The table acts on it after Tick returns: wait for
// its signal to see what the tick did.
func (c *ManualClock) Tick() bool {
	c.mu.Lock()
	ch := c.ticks
	c.mu.Unlock()
	if ch == nil {
		return false
	}
	select {
	case ch <- time.Now():
		return true
	case <-time.After(time.Second):
		return false
	}
}
