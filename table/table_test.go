package table

import (
	"errors"
	"sync"
	"testing"
	"time"

	"paxosgame/game"
	"paxosgame/paxos"
)

func cmd(t *testing.T, line string) game.Command {
	t.Helper()
	c, ok, err := game.ParseLine(line)
	if err != nil || !ok {
		t.Fatalf("%s: %v", line, err)
	}
	return c
}

// signalled reports whether ch holds a signal, taking it.
func signalled(ch <-chan struct{}) bool {
	select {
	case _, ok := <-ch:
		return ok
	default:
		return false
	}
}

// waitSignal waits a while for a signal on ch.
func waitSignal(t *testing.T, ch <-chan struct{}) {
	t.Helper()
	select {
	case <-ch:
	case <-time.After(5 * time.Second):
		t.Fatal("no signal from the table")
	}
}

// A change through the table is told to every subscriber; a refused
// command and an expect change nothing and tell nobody.
func TestEverySubscriberIsTold(t *testing.T) {
	tb := New(game.NewGame(), "free play", "")
	a, stopA := tb.Subscribe()
	b, stopB := tb.Subscribe()
	defer stopB()
	if _, err := seat(tb).Do(cmd(t, "propose P1")); err != nil {
		t.Fatal(err)
	}
	if !signalled(a) || !signalled(b) {
		t.Fatal("a subscriber was not told of a change")
	}
	for _, line := range []string{"restart A1", "expect in-flight 3"} {
		v := tb.Version()
		_, err := seat(tb).Do(cmd(t, line))
		if line == "restart A1" && err == nil {
			t.Fatal("restart A1 was taken with A1 up")
		}
		if signalled(a) || signalled(b) || tb.Version() != v {
			t.Errorf("%s: told as a change", line)
		}
	}
	// Signals do not queue: one waits, however many changes.
	for range 5 {
		seat(tb).Do(cmd(t, "deliver all"))
		seat(tb).Do(cmd(t, "propose P2"))
	}
	if !signalled(a) || signalled(a) {
		t.Error("the signals queued up, or none came")
	}
	signalled(b)
	stopA()
	if _, ok := <-a; ok {
		t.Error("the channel is open after the subscription ended")
	}
	stopA() // twice is harmless
	tb.Close()
	if _, ok := <-b; ok {
		t.Error("Close did not end a subscription")
	}
	if c, _ := tb.Subscribe(); !isClosed(c) {
		t.Error("a subscription to a closed table stays open")
	}
}

func isClosed(ch <-chan struct{}) bool {
	select {
	case _, ok := <-ch:
		return !ok
	default:
		return false
	}
}

// Do says how many steps ahead of the cursor a command dropped, and keeps
// count of what is not saved.
func TestDoCountsDroppedStepsAndUnsavedPlay(t *testing.T) {
	tb := New(game.NewGame(), "free play", "")
	dirty := func() (d bool) {
		tb.Read(func(tx *Tx) { d = tx.Dirty() })
		return d
	}
	for _, l := range []string{"propose P1", "deliver all"} {
		if res, err := seat(tb).Do(cmd(t, l)); err != nil || res.Dropped != 0 {
			t.Fatalf("%s: %v, dropped %d", l, err, res.Dropped)
		}
	}
	if !dirty() {
		t.Error("play is not counted as unsaved")
	}
	seat(tb).Act(func(tx *Tx) { tx.Saved("x.paxos") })
	if dirty() {
		t.Error("saved play counts as unsaved")
	}
	var moved bool
	seat(tb).Act(func(tx *Tx) { moved, _ = tx.Jump(0) })
	if !moved || dirty() {
		t.Errorf("jump to 0: moved %v, dirty %v", moved, dirty())
	}
	res, err := seat(tb).Do(cmd(t, "propose P2"))
	if err != nil || res.Dropped != 2 {
		t.Errorf("propose at step 0 of 2: %v, dropped %d, want 2", err, res.Dropped)
	}
	seat(tb).Act(func(tx *Tx) { moved, _ = tx.Jump(0) })
	res, err = seat(tb).Do(cmd(t, "mode manual"))
	if err != nil || res.Dropped != 1 {
		t.Errorf("a setup command drops every step: %v, dropped %d, want 1", err, res.Dropped)
	}
}

// A change in Read is a mistake of the caller.
func TestReadRefusesChanges(t *testing.T) {
	tb := New(game.NewGame(), "free play", "")
	defer func() {
		if recover() == nil {
			t.Error("Do in Read did not panic")
		}
	}()
	tb.Read(func(tx *Tx) { tx.Do(cmd(t, "propose P1")) })
}

// coach is a coach that refuses crash and counts the moves it took.
type coach struct {
	g     *game.Game
	moves int
}

func (c *coach) Do(cm game.Command) ([]game.Event, error) {
	if cm.Verb == game.VCrash {
		return nil, errors.New("not in this lesson")
	}
	c.moves++
	return c.g.Exec(cm)
}
func (c *coach) Undo() bool {
	if c.moves == 0 {
		return false
	}
	c.moves--
	return c.g.Undo()
}
func (c *coach) Redo() bool               { c.moves++; return c.g.Redo() }
func (c *coach) Allows(game.Command) bool { return true }
func (c *coach) Game() *game.Game         { return c.g }

// With a coach, moves go through it, and the history moves only through
// the players' own moves; a lesson's play is never unsaved.
func TestCoachTakesTheMoves(t *testing.T) {
	g := game.NewGame()
	g.Exec(cmd(t, "propose P1")) // the lesson's own step
	c := &coach{g: g}
	tb := New(nil, "lesson", "", WithCoach(c))
	if _, err := seat(tb).Do(cmd(t, "crash A1")); err == nil {
		t.Fatal("the coach's refusal did not come back")
	}
	seat(tb).Do(cmd(t, "deliver all"))
	var moved, dirty bool
	seat(tb).Act(func(tx *Tx) { moved, _ = tx.Jump(0); dirty = tx.Dirty() })
	if !moved || g.Cursor() != 1 || dirty {
		t.Errorf("jump to 0 with a coach: moved %v, at step %d (want 1, the lesson's), dirty %v", moved, g.Cursor(), dirty)
	}
	seat(tb).Act(func(tx *Tx) { moved, _ = tx.Jump(0) })
	if moved {
		t.Error("the history moved past the players' own moves")
	}
	seat(tb).Act(func(tx *Tx) {
		if err := tx.StartAuto(); !errors.Is(err, ErrCoached) {
			t.Errorf("auto-play with a coach: %v", err)
		}
	})
}

// auto reads the state of auto-play.
func autoOf(tb *Table) (a AutoPlay) {
	tb.Read(func(tx *Tx) { a = tx.Auto() })
	return a
}

// Auto-play delivers the oldest message at each tick of the table's
// clock, through the command a key records; it stops by itself at the
// step that chose a value and when nothing is in flight, and when asked;
// a tick of a stopped generation does nothing.
func TestAutoPlay(t *testing.T) {
	clock := &ManualClock{}
	tb := New(game.NewGame(), "free play", "", WithClock(clock))
	defer tb.Close()
	ch, stop := tb.Subscribe()
	defer stop()
	start := func() error {
		var err error
		seat(tb).Act(func(tx *Tx) { err = tx.StartAuto() })
		signalled(ch)
		return err
	}
	if err := start(); !errors.Is(err, ErrIdle) {
		t.Fatalf("auto-play with nothing in flight: %v", err)
	}
	seat(tb).Do(cmd(t, "propose P1"))
	signalled(ch)
	if err := start(); err != nil || !autoOf(tb).On {
		t.Fatalf("auto-play did not start: %v", err)
	}
	g := tb.g
	oldest := g.World().InFlight()[0]
	seq := autoOf(tb).Seq
	if !clock.Tick() {
		t.Fatal("no ticker took the tick")
	}
	waitSignal(t, ch)
	if g.Len() != 2 || g.Steps()[1].Cmd.String() != "deliver 1a P1->A1" {
		t.Fatalf("the tick did not deliver the oldest message #%d in words: %s", oldest.ID, g.Script())
	}
	if a := autoOf(tb); !a.On || a.Seq != seq+1 {
		t.Errorf("after a tick: %+v, want it on with a new Seq", a)
	}
	// A tick of an old generation does nothing.
	seat(tb).Act(func(tx *Tx) { tx.autoStep(tb.auto.gen - 1) })
	if g.Len() != 2 {
		t.Error("a tick of an old generation acted")
	}
	seat(tb).StopAuto()
	if a := autoOf(tb); a.On || a.Why != StopAsked {
		t.Errorf("after StopAuto: %+v", a)
	}
	if clock.Tick() || g.Len() != 2 {
		t.Error("a stopped auto-play took a tick")
	}
	// Again, to CHOSEN.
	signalled(ch)
	start()
	for i := 0; i < 20 && autoOf(tb).On; i++ {
		clock.Tick()
		waitSignal(t, ch)
	}
	if a := autoOf(tb); a.On || a.Why != StopChosen || g.World().NumInFlight() == 0 {
		t.Fatalf("auto-play did not stop at the step that chose: %+v", a)
	}
	// Then to the end.
	start()
	for i := 0; i < 50 && autoOf(tb).On; i++ {
		clock.Tick()
		waitSignal(t, ch)
	}
	if a := autoOf(tb); a.On || a.Why != StopIdle || g.World().NumInFlight() != 0 {
		t.Errorf("auto-play did not stop with nothing in flight: %+v", a)
	}
}

// Close stops auto-play and waits for its loop: no goroutine is left.
func TestCloseEndsAutoPlay(t *testing.T) {
	tb := New(game.NewGame(), "free play", "") // the real clock
	seat(tb).Do(cmd(t, "propose P1"))
	seat(tb).Act(func(tx *Tx) { tx.StartAuto() })
	done := make(chan struct{})
	go func() { tb.Close(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("Close did not end auto-play's loop")
	}
	if a := autoOf(tb); a.On || a.Why != StopClosed {
		t.Errorf("after Close: %+v", a)
	}
}

// Pick names a message in words when they name it alone, else by id.
func TestPick(t *testing.T) {
	g := game.NewGame()
	g.Exec(cmd(t, "propose P1"))
	w := g.World()
	if got := Pick(w, w.InFlight()[0]).String(); got != "1a P1->A1" {
		t.Errorf("one prepare to A1: %q", got)
	}
	g.Exec(cmd(t, "propose P1"))
	if got := Pick(w, w.InFlight()[0]).String(); got != "1a P1->A1 1" {
		t.Errorf("two prepares to A1 in two ballots: %q", got)
	}
	g.Exec(cmd(t, "duplicate #1"))
	if got := Pick(w, w.InFlight()[0]).String(); got != "#1" {
		t.Errorf("a prepare and its twin: %q", got)
	}
}

// Boards on many goroutines act and read at once; each reads a world
// that is whole (run with -race).
func TestManyBoardsAtOnce(t *testing.T) {
	clock := &ManualClock{}
	tb := New(game.NewGame(), "free play", "", WithClock(clock))
	defer tb.Close()
	var wg sync.WaitGroup
	const rounds = 50
	for b := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ch, stop := tb.Subscribe()
			defer stop()
			for i := range rounds {
				c := game.Command{Verb: game.VPropose, Node: paxos.P(b + 1)}
				if i%2 == 1 {
					c = game.Command{Verb: game.VDeliver, Sel: game.Selector{All: true}}
				}
				seat(tb).Do(c) // deliver all may find nothing: refused
				tb.Read(func(tx *Tx) {
					g := tx.Game()
					if g.Cursor() != g.Len() {
						t.Errorf("board %d read step %d of %d", b, g.Cursor(), g.Len())
					}
					_ = g.World().Describe()
				})
				signalled(ch)
				if b == 0 && i == rounds/2 {
					seat(tb).Act(func(tx *Tx) { tx.StartAuto() })
					clock.Tick()
				}
			}
		}()
	}
	wg.Wait()
	var n int
	tb.Read(func(tx *Tx) { n = tx.Game().Len() })
	if n < 4*rounds/2 {
		t.Errorf("%d steps, want at least the %d proposals", n, 4*rounds/2)
	}
}

// The pace of auto-play goes from MinPace to MaxPace; a tick delivers the
// stale messages at the head of the network without a pause, then one
// that changes something.
func TestAutoPlayPaceAndIgnored(t *testing.T) {
	clock := &ManualClock{}
	tb := New(game.NewGame(), "free play", "", WithClock(clock))
	defer tb.Close()
	ch, stop := tb.Subscribe()
	defer stop()
	for _, d := range []struct{ set, want time.Duration }{{0, MinPace}, {2 * time.Second, 2 * time.Second}, {time.Minute, MaxPace}} {
		seat(tb).Act(func(tx *Tx) { tx.SetPace(d.set) })
		if got := autoOf(tb).Pace; got != d.want {
			t.Errorf("SetPace(%v): %v, want %v", d.set, got, d.want)
		}
	}
	// The promises for 17 are answers to an abandoned ballot once P2 runs 22.
	for _, line := range []string{"propose P2 17", "deliver 1a P2->A1", "deliver 1a P2->A2", "deliver 1a P2->A3", "propose P2 22"} {
		seat(tb).Do(cmd(t, line))
	}
	g := tb.g
	var err error
	seat(tb).Act(func(tx *Tx) { err = tx.StartAuto() })
	if err != nil {
		t.Fatal(err)
	}
	for len(ch) > 0 {
		<-ch
	}
	before := g.Len()
	if !clock.Tick() {
		t.Fatal("no ticker took the tick")
	}
	waitSignal(t, ch)
	a := autoOf(tb)
	if a.Ignored != 3 || g.Len() != before+4 {
		t.Fatalf("one tick: %d ignored, %d steps, want 3 and 4:\n%s", a.Ignored, g.Len()-before, g.Script())
	}
}

// seat is a solo seat at tb, with files: every right to the game.
func seat(tb *Table) *Seat { return tb.Solo(true) }
