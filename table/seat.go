package table

import (
	"fmt"
	"time"

	"paxosgame/game"
	"paxosgame/paxos"
)

// Role is what a seat is for: it sets the seat's rights.
type Role uint8

const (
	// Solo plays a game alone: every right to the game. A local game, a
	// lesson, a private game over SSH.
	Solo Role = iota + 1
	// Lecturer runs the room's game: every right to the game, and the
	// room's: polls, giving nodes to students, sending a student away.
	Lecturer
	// Student plays by hand the node they took or were given (its
	// decisions, and nothing else of the game) and answers polls.
	Student
)

func (r Role) String() string {
	switch r {
	case Solo:
		return "solo"
	case Lecturer:
		return "lecturer"
	case Student:
		return "student"
	}
	return fmt.Sprintf("Role(%d)", uint8(r))
}

// Control is a change of the table other than a command of the game, or
// a capability: what a seat may do is asked by these (Seat.May), and the
// table checks them where the change is made.
type Control uint8

const (
	History Control = iota + 1 // undo, redo and jumps through the history
	Auto                       // start and stop auto-play, change its pace
	Load                       // replace the game, or hand the moves to another coach
	Ahead                      // set the steps ahead of the cursor (the lab's run)
	Lesson                     // move the coach on: a lesson's next page, hint, answer
	Files                      // read and write files of the machine the table runs on
	Ask                        // open and close polls
	Give                       // give nodes to students and back to the game; send a student away
	Take                       // take a free node to play by hand
	Answer                     // answer the open poll
)

var controlWords = map[Control]string{
	History: "move through the history",
	Auto:    "run auto-play",
	Load:    "load another game",
	Ahead:   "set steps ahead",
	Lesson:  "move the lesson on",
	Files:   "read or write files",
	Ask:     "ask polls",
	Give:    "give nodes",
	Take:    "take a node",
	Answer:  "answer polls",
}

func (c Control) String() string {
	if w, ok := controlWords[c]; ok {
		return w
	}
	return fmt.Sprintf("Control(%d)", uint8(c))
}

// rights is what each role may do, beside commands.
var rights = map[Role]map[Control]bool{
	Solo:     {History: true, Auto: true, Load: true, Ahead: true, Lesson: true, Files: true},
	Lecturer: {History: true, Auto: true, Load: true, Ahead: true, Lesson: true, Files: true, Ask: true, Give: true},
	Student:  {Take: true, Answer: true},
}

// Limits bound what a student's seat does in a second; 0: no bound.
type Limits struct {
	Commands int // commands, taking a node included
	Answers  int // answers to polls
}

// Seat is a board's place at a table: the only way to change the table.
// The table checks each change against the seat's role (the lecturer's,
// a student's with the node it plays, a solo player's), so that no
// board, key or screen can do more than its seat may. A seat without
// files may not note a save; over SSH no seat has them.
type Seat struct {
	t     *Table
	role  Role
	files bool

	name string // a student's: printable and unique in the room; never changes

	// Within the table's lock.
	key      string       // a student's SSH key fingerprint, "" for none
	node     paxos.NodeID // the node a student plays; zero: none
	gone     bool         // the session ended; the seat waits with its node
	kicked   bool         // sent away by the lecturer: it never comes back
	commands *Rate
	answers  *Rate
}

// Solo is a seat of one who plays the table's game alone, with files or
// without.
func (t *Table) Solo(files bool) *Seat { return t.sit(Solo, files) }

// Lecturer is the seat of the one who runs the room's game, with files
// or without.
func (t *Table) Lecturer(files bool) *Seat { return t.sit(Lecturer, files) }

func (t *Table) sit(r Role, files bool) *Seat { return &Seat{t: t, role: r, files: files} }

// Subscribe is the table's Subscribe, for the board at the seat: the
// seat is all a board holds of its table, so that it can make no seat of
// its own.
func (s *Seat) Subscribe() (<-chan struct{}, func()) { return s.t.Subscribe() }

// Role is what the seat is for.
func (s *Seat) Role() Role { return s.role }

// May is nil when the seat's role, and its files, allow change c, else a
// *Refusal that says why. Boards ask it before they offer a change; the
// table asks it, and what holds at the moment (a student gone, the
// lecturer in the past), where the change is made.
func (s *Seat) May(c Control) error {
	switch {
	case c == Files && !s.files:
		return &Refusal{Role: s.role, Control: c, Reason: NoFiles}
	case !rights[s.role][c]:
		return &Refusal{Role: s.role, Control: c, Reason: NotYourRole}
	}
	return nil
}

// May is nil when tx's seat may make change c now (see Seat.May); a
// read without a seat may make none.
func (tx *Tx) May(c Control) error {
	if tx.seat == nil {
		return &Refusal{Control: c, Reason: NotYourRole}
	}
	return tx.seat.May(c)
}

// Read calls f with the table as it is, under its read lock, for the
// seat: f may look (tx.Plays, tx.Poll), not change.
func (s *Seat) Read(f func(tx *Tx)) {
	s.t.mu.RLock()
	defer s.t.mu.RUnlock()
	f(&Tx{t: s.t, seat: s})
}

// Act calls f with the table under its write lock, to change it through
// the seat: every change f makes is checked against the seat's rights.
// After f, when it changed anything, every board is told. f must not call
// Read, Act or the table's other locking methods, nor keep tx.
func (s *Seat) Act(f func(tx *Tx)) { s.t.act(s, f) }

// Do runs one command through the seat, as Act would with Tx.Do.
func (s *Seat) Do(c game.Command) (res Result, err error) {
	s.Act(func(tx *Tx) { res, err = tx.Do(c) })
	return res, err
}

// StopAuto stops auto-play, when it runs and the seat may.
func (s *Seat) StopAuto() (err error) {
	s.Act(func(tx *Tx) { err = tx.StopAuto() })
	return err
}

// Reason is why a seat was refused, typed: boards and tests tell the
// reasons apart without reading the words.
type Reason uint8

const (
	NotYourRole Reason = iota + 1 // the seat's role never has this right
	NoFiles                       // the seat has no files (over SSH)
	NoNode                        // a student who plays no node yet
	NotYourNode                   // not a decision of the node the student plays
	Replaying                     // the lecturer shows a step of the past: students wait for the present
	TooFast                       // over the seat's limit a second
	Gone                          // the seat's session ended
)

// Refusal is a change the table refused a seat. Nothing changed.
type Refusal struct {
	Role    Role
	Control Control      // what was refused; 0 for a command
	Cmd     game.Command // the command, when Control is 0
	Reason  Reason
	Node    paxos.NodeID // NotYourNode: the node the student plays
	Step    int          // Replaying: the step on screen…
	Steps   int          // …of this many
	Rate    int          // TooFast: the limit a second
}

func (r *Refusal) Error() string {
	what := r.Control.String()
	if r.Control == 0 {
		what = r.Cmd.String()
	}
	switch r.Reason {
	case NoFiles:
		return "over SSH no file of the server is read or written"
	case NoNode:
		return "you play no node yet: tab selects one, h takes it; the lecturer runs the network"
	case NotYourNode:
		return fmt.Sprintf("you play %s: its decisions are yours (1–9 when it has one); the lecturer runs the network", r.Node)
	case Replaying:
		if r.Role == Student {
			return fmt.Sprintf("the lecturer is showing step %d of %d — your decisions wait for the present", r.Step, r.Steps)
		}
		return fmt.Sprintf("step %d of %d is on screen: end goes back to the present first, so that no step is lost", r.Step, r.Steps)
	case TooFast:
		return fmt.Sprintf("slow down: at most %d a second", r.Rate)
	case Gone:
		return "your session has ended"
	}
	if r.Role == Student {
		return fmt.Sprintf("the lecturer's board does that (%s): yours shows the room's game", what)
	}
	return fmt.Sprintf("a %s's seat may not %s", r.Role, what)
}

// refuse is a refusal of control c to tx's seat, for reason why.
func (tx *Tx) refuse(c Control, why Reason) *Refusal {
	return &Refusal{Role: tx.seat.role, Control: c, Reason: why}
}

// may checks that tx's seat may make change c now (a Refusal if not),
// and that tx may change the table at all (a panic in Read).
func (tx *Tx) may(c Control) error {
	if tx.seat == nil {
		panic("table: a change without a seat")
	}
	if err := tx.seat.May(c); err != nil {
		return err
	}
	if tx.seat.gone {
		return tx.refuse(c, Gone)
	}
	tx.mustWrite()
	return nil
}

// present is nil when the game is at its last step, else the refusal to
// tx's seat of a change (c, or command cmd) that would drop the steps
// ahead: no student removes a step of the lecturer's history, and no
// room change (giving a node) does it by the way.
func (tx *Tx) present(c Control, cmd game.Command) error {
	g := tx.Game()
	if g.Cursor() == g.Len() {
		return nil
	}
	return &Refusal{Role: tx.seat.role, Control: c, Cmd: cmd, Reason: Replaying, Step: g.Cursor(), Steps: g.Len()}
}

// mayRun checks that tx's seat may run command c now: a student only the
// decisions of the node they play, at the present, within their limit.
func (tx *Tx) mayRun(c game.Command) error {
	if tx.seat == nil {
		panic("table: a command without a seat")
	}
	s := tx.seat
	if s.gone {
		return &Refusal{Role: s.role, Cmd: c, Reason: Gone}
	}
	if s.role != Student {
		tx.mustWrite()
		return nil
	}
	switch {
	case s.node == (paxos.NodeID{}):
		return &Refusal{Role: s.role, Cmd: c, Reason: NoNode}
	case !Decision(c.Verb) || c.Node != s.node:
		return &Refusal{Role: s.role, Cmd: c, Reason: NotYourNode, Node: s.node}
	}
	if err := tx.present(0, c); err != nil {
		return err
	}
	tx.mustWrite()
	if !s.commands.Allow(tx.t.now()) {
		return &Refusal{Role: s.role, Cmd: c, Reason: TooFast, Rate: s.commands.n}
	}
	return nil
}

// Decision reports whether v is a decision of a node played by hand: what
// a student may run on the node they play.
func Decision(v game.Verb) bool {
	switch v {
	case game.VPromise, game.VVote, game.VRefuse, game.VIgnore, game.VAccept, game.VLearn:
		return true
	}
	return false
}

// Rate allows n events a second, in bursts of up to n: a seat's
// commands and answers, a session's keys.
type Rate struct {
	n      int
	tokens float64
	last   time.Time
}

// NewRate is a Rate of n a second; n ≤ 0 allows every event.
func NewRate(n int) *Rate { return &Rate{n: n, tokens: float64(n)} }

// Limit is the events allowed a second; 0 for no limit.
func (l *Rate) Limit() int {
	if l == nil {
		return 0
	}
	return max(l.n, 0)
}

// Allow takes one event at time now; false when it is over the limit.
func (l *Rate) Allow(now time.Time) bool {
	if l == nil || l.n <= 0 {
		return true
	}
	if !l.last.IsZero() {
		l.tokens = min(float64(l.n), l.tokens+now.Sub(l.last).Seconds()*float64(l.n))
	}
	l.last = now
	if l.tokens < 1 {
		return false
	}
	l.tokens--
	return true
}
