// Package table is one game that many boards watch: the game and its
// history, the lesson coach that stands between the players and the game,
// auto-play, and the room around it — the seats, the nodes students play,
// the poll. A board is one terminal's view of a table (the ui package's
// play screen): it reads the table under its read lock (Read), and changes
// it only through a seat (Seat.Act), whose rights the table checks at each
// change; it subscribes to be told of every change, so that a command
// through one board is on every board at once. A local game is one table
// with one solo seat; the classroom is one table with the lecturer's seat
// and a student's seat for each SSH session.
package table

import (
	"sync"
	"time"

	"paxosgame/game"
	"paxosgame/paxos"
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
	// one more at every change but the room's alone (roomChanged)
	gameVersion uint64
	auto        auto

	clock Clock
	now   func() time.Time // the limits' clock
	loops sync.WaitGroup   // auto-play's ticker loops

	room // the seats, the nodes they play, the poll (room.go)

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
	t := &Table{g: g, title: title, path: path, clock: realClock{}, now: time.Now, subs: map[int]chan struct{}{}}
	t.holders = map[paxos.NodeID]*Seat{}
	t.kicked = map[string]bool{}
	for _, o := range opts {
		o(t)
	}
	return t
}

// Read calls f with the table as it is, under the read lock: many boards
// read at once, none while a board or auto-play changes it. f must not
// call Read, Act or the table's other locking methods, nor keep tx; it
// changes nothing (a seat's Act does).
func (t *Table) Read(f func(tx *Tx)) {
	t.mu.RLock()
	defer t.mu.RUnlock()
	f(&Tx{t: t})
}

// act calls f with the table under the write lock, for seat s (nil: the
// table itself, as auto-play). After f, when a command ran or the game
// was replaced, the nodes the game no longer plays by hand at the present
// are no student's (a jump to the past leaves them theirs); when
// anything changed, every subscriber is told.
func (t *Table) act(s *Seat, f func(tx *Tx)) {
	changed := func() bool {
		t.mu.Lock()
		defer t.mu.Unlock()
		before := t.version
		f(&Tx{t: t, seat: s, write: true})
		if t.resync {
			t.resync = false
			t.syncNodes(t.game().World())
		}
		return t.version != before
	}()
	if changed {
		t.notify()
	}
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

// Subscribers counts the subscriptions: the boards that watch the table.
func (t *Table) Subscribers() int {
	t.subMu.Lock()
	defer t.subMu.Unlock()
	return len(t.subs)
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
	t.act(nil, func(tx *Tx) { tx.stopAuto(StopClosed) })
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
// or Act, through a seat (none in Table.Read). Each change is checked
// against the seat's rights: a refusal is an error (*Refusal) and changes
// nothing. Changes are made in Act only: a change the seat may make
// panics in Read.
type Tx struct {
	t     *Table
	seat  *Seat
	write bool
}

// Game is the game at its cursor: free play's, or the coach's.
func (tx *Tx) Game() *game.Game { return tx.t.game() }

func (t *Table) game() *game.Game {
	if t.coach != nil {
		return t.coach.Game()
	}
	return t.g
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

// GameVersion counts the changes of the table but the room's alone: the
// game, its history, auto-play, the title, the coach.
func (tx *Tx) GameVersion() uint64 { return tx.t.gameVersion }

func (tx *Tx) mustWrite() {
	if !tx.write {
		panic("table: a change in Read")
	}
}

// changed marks the table changed: every subscriber is told after Act.
func (tx *Tx) changed() {
	tx.roomChanged()
	tx.t.gameVersion++
}

// roomChanged marks the room changed, not the game: a student came or
// went, an answer. Every subscriber is told; a student's board whose
// view of the room is the same keeps its frame (GameVersion).
func (tx *Tx) roomChanged() {
	tx.mustWrite()
	tx.t.version++
}

// Changed tells every board that the table changed in a way the table
// cannot see: the coach moved on (a lesson's next page, its answer). The
// seat must have the right to move the lesson on.
func (tx *Tx) Changed() error {
	if err := tx.may(Lesson); err != nil {
		return err
	}
	tx.changed()
	return nil
}

// Do runs one command through the seat: through the coach when there is
// one. An action becomes the next step and drops the steps after the
// cursor; a setup command drops every step; an expect is checked and
// changes nothing. A student runs only the decisions of the node they
// play, at the present. On error nothing changed.
func (tx *Tx) Do(c game.Command) (Result, error) {
	if err := tx.mayRun(c); err != nil {
		return Result{}, err
	}
	return tx.do(c)
}

// do runs command c, whoever asks: the table's own moves (auto-play, a
// node taken or given) after their own checks.
func (tx *Tx) do(c game.Command) (Result, error) {
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
	tx.t.resync = true
	tx.changed()
	return Result{Events: evs, Dropped: ahead}, nil
}

// Jump moves the history's cursor to step k (clamped to 0..Len), replaying
// the world. With a coach, only through the players' own moves, one at a
// time, as far as the coach lets it. It reports whether the cursor moved.
func (tx *Tx) Jump(k int) (bool, error) {
	if err := tx.may(History); err != nil {
		return false, err
	}
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
		return false, nil
	}
	tx.changed()
	return true, nil
}

// Replace puts game g in place of free play's game, as loading a script
// does: with its title and file, and nothing unsaved.
func (tx *Tx) Replace(g *game.Game, title, path string) error {
	if err := tx.may(Load); err != nil {
		return err
	}
	tx.changed()
	tx.stopAuto(StopReplaced)
	tx.t.g, tx.t.title, tx.t.path = g, title, path
	tx.t.changes, tx.t.savedAt = 0, 0
	tx.t.resync = true
	return nil
}

// Saved notes that the game was saved to path: by a seat with files.
func (tx *Tx) Saved(path string) error {
	if err := tx.may(Files); err != nil {
		return err
	}
	tx.changed()
	tx.t.path, tx.t.savedAt = path, tx.t.changes
	return nil
}

// SetCoach hands the moves to another coach, as a lesson reloaded from
// its file does, with the game's title.
func (tx *Tx) SetCoach(c Coach, title string) error {
	if err := tx.may(Load); err != nil {
		return err
	}
	tx.changed()
	tx.t.coach, tx.t.title = c, title
	tx.t.resync = true
	return nil
}
