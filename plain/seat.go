package plain

import (
	"paxosgame/game"
	"paxosgame/lessons"
	"paxosgame/table"
)

// seat is where the plain console meets its table: every call it makes to
// the table is here, through the seat the table gave it, which checks its
// rights: a solo seat (with files on the player's own machine, without
// over SSH), or a student's in the classroom.
type seat struct {
	s     *table.Seat
	owned *table.Table // the table the console made for a lesson, to close
}

// close closes the table the console made, if it made one.
func (s seat) close() {
	if s.owned != nil {
		s.owned.Close()
	}
}

// read calls f with the game on the table (a lesson's game when a lesson
// is the coach), under the table's read lock.
func (s seat) read(f func(g *game.Game)) {
	s.s.Read(func(tx *table.Tx) { f(tx.Game()) })
}

// do runs one command of the language through the table (and its coach).
func (s seat) do(c game.Command) (table.Result, error) { return s.s.Do(c) }

// act calls f with the table under its write lock, through the seat.
func (s seat) act(f func(tx *table.Tx)) { s.s.Act(f) }

// readTx calls f with the table under its read lock, for the seat.
func (s seat) readTx(f func(tx *table.Tx)) { s.s.Read(f) }

// step moves the history's cursor one step back (by -1) or forward (by 1);
// with a lesson, through the student's own moves only. It reports whether
// the cursor moved.
func (s seat) step(by int) (moved bool) {
	s.s.Act(func(tx *table.Tx) { moved, _ = tx.Jump(tx.Game().Cursor() + by) }) // a solo seat may
	return moved
}

// lesson calls f with the lesson session, the table's coach, under the
// table's write lock, and tells the table's other boards that the lesson
// moved (a page, a hint, an answer).
func (s seat) lesson(f func(sess *lessons.Session)) {
	s.s.Act(func(tx *table.Tx) {
		f(tx.Coach().(*lessons.Session))
		_ = tx.Changed() // a solo seat may move its lesson on
	})
}

// readLesson calls f with the lesson session under the read lock.
func (s seat) readLesson(f func(sess *lessons.Session)) {
	s.s.Read(func(tx *table.Tx) { f(tx.Coach().(*lessons.Session)) })
}
