package plain

import (
	"paxosgame/game"
	"paxosgame/lessons"
	"paxosgame/table"
)

// seat is where the plain console meets its table: every call it makes to
// the table is here. The table will hand a board a seat of its own (the
// lecturer, a student with a node, a solo player) that checks its rights;
// the console will then act through that seat, and only this file changes.
type seat struct{ t *table.Table }

// read calls f with the game on the table (a lesson's game when a lesson
// is the coach), under the table's read lock.
func (s seat) read(f func(g *game.Game)) {
	s.t.Read(func(tx *table.Tx) { f(tx.Game()) })
}

// do runs one command of the language through the table (and its coach).
func (s seat) do(c game.Command) (table.Result, error) { return s.t.Do(c) }

// step moves the history's cursor one step back (by -1) or forward (by 1);
// with a lesson, through the student's own moves only. It reports whether
// the cursor moved.
func (s seat) step(by int) (moved bool) {
	s.t.Act(func(tx *table.Tx) { moved = tx.Jump(tx.Game().Cursor() + by) })
	return moved
}

// lesson calls f with the lesson session, the table's coach, under the
// table's write lock, and tells the table's other boards that the lesson
// moved (a page, a hint, an answer).
func (s seat) lesson(f func(sess *lessons.Session)) {
	s.t.Act(func(tx *table.Tx) {
		f(tx.Coach().(*lessons.Session))
		tx.Changed()
	})
}

// readLesson calls f with the lesson session under the read lock.
func (s seat) readLesson(f func(sess *lessons.Session)) {
	s.t.Read(func(tx *table.Tx) { f(tx.Coach().(*lessons.Session)) })
}
