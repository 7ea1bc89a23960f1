package table

import (
	"fmt"

	"paxosgame/game"
)

// NotAllowed is why SetAhead refused a run with a coach: step Index (from
// 0) of it, Cmd, is not something the players may do here.
type NotAllowed struct {
	Index int
	Cmd   game.Command
}

func (e *NotAllowed) Error() string {
	return fmt.Sprintf("step %d of the run, %s, is not allowed here", e.Index+1, e.Cmd)
}

// SetAhead puts run in place of the steps ahead of the history's cursor:
// a run found by the lab, which → then walks through, narrated like any
// step, and ← comes back from. No state of the game changes until then;
// the history does, so the table counts it as a change (saving writes the
// steps ahead too), and auto-play stops (A then walks the run). With a
// coach, every step must be one the coach allows now: its Redo walks them
// without asking again. On error (*NotAllowed, *game.AheadError) nothing
// changed. It returns how many steps that were ahead it dropped.
func (tx *Tx) SetAhead(run []game.Command) (dropped int, err error) {
	if err := tx.may(Ahead); err != nil {
		return 0, err
	}
	if c := tx.t.coach; c != nil {
		for i, cmd := range run {
			if !c.Allows(cmd) {
				return 0, &NotAllowed{Index: i, Cmd: cmd}
			}
		}
	}
	dropped, err = tx.Game().SetAhead(run)
	if err != nil {
		return 0, err
	}
	tx.stopAuto(StopAsked)
	tx.t.changes++
	tx.changed()
	return dropped, nil
}
