package game

import (
	"fmt"
	"slices"
)

// AheadError is why SetAhead refused a run: step Index (from 0) of it,
// Cmd, was no action, or the game refused it (Err) where the run puts it.
type AheadError struct {
	Index int
	Cmd   Command
	Err   error // the game's refusal; nil when Cmd is no action
}

func (e *AheadError) Error() string {
	if e.Err == nil {
		return fmt.Sprintf("step %d of the run, %s, is not an action", e.Index+1, e.Cmd)
	}
	return fmt.Sprintf("step %d of the run, %s: %v", e.Index+1, e.Cmd, e.Err)
}

func (e *AheadError) Unwrap() error { return e.Err }

// SetAhead puts run in place of the steps ahead of the cursor (those redo
// takes), as one operation of the history: a run the explorer found from
// here, for redo to walk through. Each command is played on a copy of the
// world first; at the first one refused SetAhead returns an *AheadError
// and nothing changes. The world and the cursor stay where they are: no
// state of the game changes until redo takes the steps, each narrated by
// its events like any step. It returns how many steps that were ahead it
// dropped.
func (g *Game) SetAhead(run []Command) (dropped int, err error) {
	w := g.w.Clone()
	steps := make([]Step, 0, len(run))
	for i, c := range run {
		if !c.Verb.Action() {
			return 0, &AheadError{Index: i, Cmd: c}
		}
		resolved := w.Resolve(c)
		evs, err := w.Apply(c)
		if err != nil {
			return 0, &AheadError{Index: i, Cmd: c, Err: err}
		}
		steps = append(steps, Step{Cmd: resolved, Events: slices.Clone(evs)})
	}
	dropped = len(g.steps) - g.cur
	g.dropAheadFromSource(steps)
	g.steps = append(g.steps[:g.cur:g.cur], steps...)
	for i := max(0, g.cur-keptEvents); i < len(g.steps)-keptEvents; i++ {
		g.steps[i].Events = nil // rebuilt by Events when asked for
	}
	g.forgetRebuilt()
	for len(g.checkpoints) > 0 && g.checkpoints[len(g.checkpoints)-1].step > g.cur {
		g.checkpoints = g.checkpoints[:len(g.checkpoints)-1] // the dropped future's
	}
	return dropped, nil
}

// dropAheadFromSource notes, before steps take the place of the steps
// ahead of the cursor, whether that drops a step of the file the game was
// loaded from (see dropFromSource).
func (g *Game) dropAheadFromSource(steps []Step) {
	src := g.source
	if src == nil || g.cur >= src.steps {
		return
	}
	for k := g.cur; k < src.steps; k++ {
		if k-g.cur >= len(steps) || k >= len(g.steps) || g.steps[k].Cmd != steps[k-g.cur].Cmd {
			src.broken = true
			return
		}
	}
}
