// Package table is one game that many boards watch: the game and its
// history, the lesson coach that stands between the players and the game,
// and auto-play. A board is one terminal's view of a table (the ui
// package's play screen): it reads the table under its read lock (Read),
// changes it under its write lock (Act), and subscribes to be told of
// every change, so that a command through one board is on every board at
// once. A local game is one table with one board; the classroom is one
// table with a board per SSH session.
package table

import (
	"sync"

	"paxosgame/game"
)

// Coach stands between the players and the game, as a lesson does: the
// table hands it every move instead of running it on the game, so that it
// can refuse moves (and change nothing). lessons.Session is one.
type Coach interface {
	Do(c game.Command) ([]game.Event, error)
	Undo() bool // the players' own last move; false when there is none
	Redo() bool
	// Allows reports whether the players may take command c now (an
	// action the coach refuses is still handed to it, which says why).
	Allows(c game.Command) bool
	// Game is the game the coach plays now: a lesson's new scene is a new
	// game.
	Game() *game.Game
}

// Table is a game, its history, its coach and its auto-play, safe for
// use by many boards at once. Its zero value is not ready: use New.
type Table struct {
	mu      sync.RWMutex
	g       *game.Game // free play's game; with a coach, the coach's game counts
	coach   Coach
	title   string // "free play", "lesson 3: …", a script's name
	path    string // the file saved to or loaded from
	changes int    // commands run
	savedAt int    // changes when last saved
	version uint64 // one more at every change
	auto    auto

	clock Clock
	loops sync.WaitGroup // auto-play's ticker loops

	subMu  sync.Mutex
	subs   map[int]chan struct{}
	nextID int
	closed bool
}

// Option sets up a new table.
type Option func(*Table)

// WithClock gives auto-play its ticks from c (tests tick by hand).
func WithClock(c Clock) Option { return func(t *Table) { t.clock = c } }

// WithCoach hands every move to c, whose game the table shows.
func WithCoach(c Coach) Option { return func(t *Table) { t.coach = c } }

// New is a table for game g (with a coach, the coach's game counts), with
// a title and the file it was loaded from ("" for none).
func New(g *game.Game, title, path string, opts ...Option) *Table {
	t := &Table{g: g, title: title, path: path, clock: realClock{}, subs: map[int]chan struct{}{}}
	for _, o := range opts {
		o(t)
	}
	return t
}

// Read calls f with the table as it is, under the read lock: many boards
// read at once, none while a board or auto-play changes it. f must not
// call Read, Act or the table's other locking methods, nor keep tx.
func (t *Table) Read(f func(tx *Tx)) {
	t.mu.RLock()
	defer t.mu.RUnlock()
	f(&Tx{t: t})
}

// Act calls f with the table under the write lock, to change it. After
// f, when it changed anything, every subscriber is told. f must not call
// Read, Act or the table's other locking methods, nor keep tx.
func (t *Table) Act(f func(tx *Tx)) {
	changed := func() bool {
		t.mu.Lock()
		defer t.mu.Unlock()
		before := t.version
		f(&Tx{t: t, write: true})
		return t.version != before
	}()
	if changed {
		t.notify()
	}
}

// Do runs one command, as Act would with Tx.Do.
func (t *Table) Do(c game.Command) (res Result, err error) {
	t.Act(func(tx *Tx) { res, err = tx.Do(c) })
	return res, err
}

// Version counts the changes of the table: a board that has seen this
// version has nothing to catch up on.
func (t *Table) Version() (v uint64) {
	t.Read(func(tx *Tx) { v = tx.Version() })
	return v
}

// Subscribe returns a channel that receives a signal after every change
// of the table, and a function that ends the subscription and closes the
// channel. Signals do not queue up: one waits at most, and the board reads
// the table as it is when it takes it. A slow board never slows the table.
func (t *Table) Subscribe() (<-chan struct{}, func()) {
	t.subMu.Lock()
	defer t.subMu.Unlock()
	ch := make(chan struct{}, 1)
	if t.closed {
		close(ch)
		return ch, func() {}
	}
	id := t.nextID
	t.nextID++
	t.subs[id] = ch
	return ch, func() {
		t.subMu.Lock()
		defer t.subMu.Unlock()
		if c, ok := t.subs[id]; ok {
			delete(t.subs, id)
			close(c)
		}
	}
}

// notify signals every subscriber that has no signal waiting.
func (t *Table) notify() {
	t.subMu.Lock()
	defer t.subMu.Unlock()
	for _, ch := range t.subs {
		select {
		case ch <- struct{}{}:
		default: // one is waiting already
		}
	}
}

// Close stops auto-play and waits for its loop to end, and ends every
// subscription. The table can still be read and changed; nobody is told.
func (t *Table) Close() {
	t.Act(func(tx *Tx) { tx.stopAuto(StopClosed) })
	t.loops.Wait()
	t.subMu.Lock()
	defer t.subMu.Unlock()
	for id, ch := range t.subs {
		delete(t.subs, id)
		close(ch)
	}
	t.closed = true
}

// Result is what a command did.
type Result struct {
	Events []game.Event
	// Dropped is how many steps that were ahead of the history's cursor
	// the command dropped (every step, for a setup command).
	Dropped int
}

// Tx is the table while a board (or auto-play) holds its lock, in Read
// or Act. Its changes may be made in Act only; they panic in Read.
type Tx struct {
	t     *Table
	write bool
}

// Game is the game at its cursor: free play's, or the coach's.
func (tx *Tx) Game() *game.Game {
	if tx.t.coach != nil {
		return tx.t.coach.Game()
	}
	return tx.t.g
}

// Coach is the coach of the table; nil in free play.
func (tx *Tx) Coach() Coach { return tx.t.coach }

// Title is the game's title; Path the file it was saved to or loaded
// from, "" when none.
func (tx *Tx) Title() string { return tx.t.title }
func (tx *Tx) Path() string  { return tx.t.path }

// Dirty reports whether there is play that has not been saved. A lesson
// keeps its own progress: nothing is lost by leaving it.
func (tx *Tx) Dirty() bool { return tx.t.coach == nil && tx.t.changes != tx.t.savedAt }

// Version counts the changes of the table.
func (tx *Tx) Version() uint64 { return tx.t.version }

func (tx *Tx) mustWrite() {
	if !tx.write {
		panic("table: a change in Read")
	}
}

// changed marks the table changed: every subscriber is told after Act.
func (tx *Tx) changed() {
	tx.mustWrite()
	tx.t.version++
}

// Changed tells every board that the table changed in a way the table
// cannot see: the coach moved on (a lesson's next page, its answer).
func (tx *Tx) Changed() { tx.changed() }

// Do runs one command: through the coach when there is one. An action
// becomes the next step and drops the steps after the cursor; a setup
// command drops every step; an expect is checked and changes nothing. On
// error nothing changed.
func (tx *Tx) Do(c game.Command) (Result, error) {
	tx.mustWrite()
	g := tx.Game()
	ahead := g.Len() - g.Cursor() // an action drops them; a setup command drops every step
	if c.Verb.Setup() {
		ahead = g.Len()
	}
	exec := g.Exec
	if tx.t.coach != nil {
		exec = tx.t.coach.Do
	}
	evs, err := exec(c)
	if err != nil {
		return Result{}, err
	}
	if c.Verb == game.VExpect {
		return Result{Events: evs}, nil
	}
	tx.t.changes++
	tx.changed()
	return Result{Events: evs, Dropped: ahead}, nil
}

// Jump moves the history's cursor to step k (clamped to 0..Len), replaying
// the world. With a coach, only through the players' own moves, one at a
// time, as far as the coach lets it. It reports whether the cursor moved.
func (tx *Tx) Jump(k int) bool {
	tx.mustWrite()
	g := tx.Game()
	k = max(0, min(g.Len(), k))
	start := g.Cursor()
	if c := tx.t.coach; c != nil {
		for k != g.Cursor() {
			step := c.Redo
			if k < g.Cursor() {
				step = c.Undo
			}
			if !step() {
				break
			}
		}
	} else {
		g.Jump(k)
	}
	if g.Cursor() == start {
		return false
	}
	tx.changed()
	return true
}

// Replace puts game g in place of free play's game, as loading a script
// does: with its title and file, and nothing unsaved.
func (tx *Tx) Replace(g *game.Game, title, path string) {
	tx.changed()
	tx.stopAuto(StopReplaced)
	tx.t.g, tx.t.title, tx.t.path = g, title, path
	tx.t.changes, tx.t.savedAt = 0, 0
}

// Saved notes that the game was saved to path.
func (tx *Tx) Saved(path string) {
	tx.changed()
	tx.t.path, tx.t.savedAt = path, tx.t.changes
}

// SetCoach hands the moves to another coach, as a lesson reloaded from
// its file does, with the game's title.
func (tx *Tx) SetCoach(c Coach, title string) {
	tx.changed()
	tx.t.coach, tx.t.title = c, title
}
