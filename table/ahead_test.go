package table

import (
	"errors"
	"testing"

	"paxosgame/game"
)

// The lab's run becomes the steps ahead, through the table: every board
// is told, the world stays, the play is unsaved, and → walks the run.
func TestSetAheadThroughTheTable(t *testing.T) {
	g := game.NewGame()
	g.Exec(cmd(t, "propose P1"))
	tb := New(g, "free play", "")
	ch, stop := tb.Subscribe()
	defer stop()
	var (
		dropped int
		err     error
		dirty   bool
	)
	seat(tb).Act(func(tx *Tx) {
		dropped, err = tx.SetAhead([]game.Command{cmd(t, "deliver 1a P1->A1"), cmd(t, "deliver 1b A1->P1")})
		dirty = tx.Dirty()
	})
	if err != nil || dropped != 0 {
		t.Fatalf("SetAhead: %d dropped, %v", dropped, err)
	}
	if told := signalled(ch); !told || !dirty {
		t.Errorf("told %v, dirty %v: want both", told, dirty)
	}
	if g.Cursor() != 1 || g.Len() != 3 {
		t.Errorf("cursor %d of %d: want 1 of 3", g.Cursor(), g.Len())
	}
	var moved bool
	seat(tb).Act(func(tx *Tx) { moved, _ = tx.Jump(3) })
	if !moved || g.World().Acceptor(1).Promised != 1 {
		t.Errorf("→ through the run: moved %v, A1 promised %d", moved, g.World().Acceptor(1).Promised)
	}
	// A refused run changes nothing and tells nobody.
	seat(tb).Act(func(tx *Tx) { tx.Jump(1) })
	signalled(ch)
	v := tb.Version()
	seat(tb).Act(func(tx *Tx) { _, err = tx.SetAhead([]game.Command{cmd(t, "deliver 2a P1->A1")}) })
	var ae *game.AheadError
	if !errors.As(err, &ae) || tb.Version() != v || signalled(ch) || g.Len() != 3 {
		t.Errorf("a refused run: %v, version %d→%d, %d steps", err, v, tb.Version(), g.Len())
	}
}

// strictCoach allows every action but crash.
type strictCoach struct{ coach }

func (c *strictCoach) Allows(cm game.Command) bool { return cm.Verb != game.VCrash }

// With a coach, a run with a step the coach does not allow is refused:
// the coach's redo would take it without asking.
func TestSetAheadAsksTheCoach(t *testing.T) {
	g := game.NewGame()
	c := &strictCoach{coach{g: g}}
	tb := New(nil, "lesson", "", WithCoach(c))
	var err error
	seat(tb).Act(func(tx *Tx) {
		_, err = tx.SetAhead([]game.Command{cmd(t, "propose P1"), cmd(t, "crash A1")})
	})
	var na *NotAllowed
	if !errors.As(err, &na) || na.Index != 1 || g.Len() != 0 {
		t.Fatalf("SetAhead with crash: %v, %d steps", err, g.Len())
	}
	seat(tb).Act(func(tx *Tx) { _, err = tx.SetAhead([]game.Command{cmd(t, "propose P1")}) })
	if err != nil || g.Len() != 1 || g.Cursor() != 0 {
		t.Fatalf("SetAhead: %v, cursor %d of %d", err, g.Cursor(), g.Len())
	}
	var moved, dirty bool
	seat(tb).Act(func(tx *Tx) { moved, _ = tx.Jump(1); dirty = tx.Dirty() })
	if !moved || c.moves != 1 || dirty {
		t.Errorf("→ with a coach: moved %v, the coach's moves %d, dirty %v", moved, c.moves, dirty)
	}
}
