package game

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
)

// Going to any step restores the nearest saved copy of the world at or
// before it (a checkpoint) and replays the steps after it. Checkpoints lie
// checkpointEvery steps apart over the last denseSpan steps of history,
// where undo and redo happen, and sparsely before that: sparseEvery apart,
// a spacing doubled as often as needed to keep at most maxSparse of them,
// so that however long the game, it holds a bounded number of copies.
const (
	checkpointEvery = 64
	denseSpan       = 1024
	sparseEvery     = 512
	maxSparse       = 128
)

// sparseSpacing is the spacing of the sparse checkpoints of a history whose
// last checkpoint is at step end: a power-of-two multiple of sparseEvery,
// so that the ones kept at one spacing are kept at the next.
func sparseSpacing(end int) int {
	s := sparseEvery
	for end/s > maxSparse {
		s *= 2
	}
	return s
}

// checkpoint is a copy of the world after step steps.
type checkpoint struct {
	step int
	w    *World
}

// Step is one action of a game and what it did.
type Step struct {
	Cmd    Command
	Events []Event
}

// Game is a world with its history: the setup, the actions taken, and a
// cursor that undo, redo and jump move. Acting with the cursor before the
// end drops the steps after it.
type Game struct {
	setup       []Command
	setupEvents []Event
	steps       []Step
	cur         int
	w           *World
	checkpoints []checkpoint // by step, always with step 0
	source      *source      // the file the game was loaded from, to write it back

	// Old steps keep no events (see Events): they are rebuilt by replay
	// when asked for, and the last ones rebuilt are kept here. Screens ask
	// under a table's read lock, from several goroutines.
	rebuiltMu sync.Mutex
	rebuilt   map[int][]Event
}

// keptEvents is how many of the last steps keep their events in the
// history; older steps' events are rebuilt by replay (Events), so that a
// long game holds its commands, not every event it ever made.
const keptEvents = 4096

// maxRebuilt bounds the cache of rebuilt events.
const maxRebuilt = 4096

// source is the text of a script a game was loaded from, the setup it
// made and how many steps, so that saving can keep what a person wrote
// there: comments, blank lines, expect lines.
type source struct {
	file   string
	text   string
	setup  []Command
	steps  int  // the history's first steps are the file's
	broken bool // a step of the file was dropped from the history
}

// NewGame is a game of the default cluster at step 0.
func NewGame() *Game {
	g := &Game{w: NewWorld()}
	g.checkpoints = []checkpoint{{0, g.w.Clone()}}
	return g
}

// World is the state at the cursor. Change it only through Exec.
func (g *Game) World() *World { return g.w }

// Cursor is the number of steps applied; Len is the number of steps kept
// (more than Cursor after an undo).
func (g *Game) Cursor() int { return g.cur }
func (g *Game) Len() int    { return len(g.steps) }

// Steps is the whole history, including steps after the cursor. Only the
// last steps keep their events: read a step's events with Events.
func (g *Game) Steps() []Step { return g.steps }

// Setup is the setup commands and what they did.
func (g *Game) Setup() ([]Command, []Event) { return g.setup, g.setupEvents }

// Exec runs one command. A setup command is taken only at step 0 (and
// drops any steps undone); an action becomes the next step, dropping the
// steps after the cursor; an expect is checked and returns its failure as
// the error. On error nothing changes.
func (g *Game) Exec(c Command) ([]Event, error) {
	switch {
	case c.Verb == VExpect:
		return nil, g.CheckSince(c, 0)
	case c.Verb.Setup():
		if g.cur != 0 {
			return nil, &Refusal{Cause: SetupTooLate, Verb: c.Verb, Undo: true}
		}
		evs, err := g.w.Apply(c)
		if err != nil {
			return nil, err
		}
		g.setup = append(g.setup, g.w.Resolve(c))
		g.setupEvents = append(g.setupEvents, evs...)
		g.steps = nil
		g.forgetRebuilt()
		g.checkpoints = []checkpoint{{0, g.w.Clone()}}
		return evs, nil
	}
	if c.Verb.Action() && g.cur >= MaxSteps {
		return nil, &Refusal{Cause: TooManySteps, Verb: c.Verb}
	}
	resolved := g.w.Resolve(c)
	evs, err := g.w.Apply(c)
	if err != nil {
		return nil, err
	}
	evs = slices.Clone(evs) // Apply's buffer is reused by the next step
	g.dropFromSource(resolved)
	g.steps = append(g.steps[:g.cur], Step{Cmd: resolved, Events: evs})
	if old := len(g.steps) - 1 - keptEvents; old >= 0 {
		g.steps[old].Events = nil // rebuilt by Events when asked for
	}
	g.forgetRebuilt()
	for len(g.checkpoints) > 0 && g.checkpoints[len(g.checkpoints)-1].step > g.cur {
		g.checkpoints = g.checkpoints[:len(g.checkpoints)-1] // the dropped future's
	}
	g.cur++
	g.checkpoint()
	return evs, nil
}

// checkpoint saves the world at the cursor if it falls on a checkpoint
// step that has none, then thins out the checkpoints far from the end.
func (g *Game) checkpoint() {
	if g.cur%checkpointEvery != 0 {
		return
	}
	i, found := slices.BinarySearchFunc(g.checkpoints, g.cur, func(c checkpoint, step int) int { return c.step - step })
	if found {
		return
	}
	g.checkpoints = slices.Insert(g.checkpoints, i, checkpoint{g.cur, g.w.Clone()})
	end := g.checkpoints[len(g.checkpoints)-1].step
	sparse := sparseSpacing(end)
	g.checkpoints = slices.DeleteFunc(g.checkpoints, func(c checkpoint) bool {
		return c.step < end-denseSpan && c.step%sparse != 0
	})
}

// Events is what step k (1..Len) did. The last steps keep their events;
// an older step's are rebuilt by replaying from the checkpoint before it,
// with the steps around it, which screens are likely to ask for next.
func (g *Game) Events(k int) []Event {
	if evs := g.steps[k-1].Events; evs != nil {
		return evs
	}
	g.rebuiltMu.Lock()
	defer g.rebuiltMu.Unlock()
	if evs, ok := g.rebuilt[k]; ok {
		return evs
	}
	if len(g.rebuilt) > maxRebuilt {
		g.rebuilt = nil
	}
	if g.rebuilt == nil {
		g.rebuilt = map[int][]Event{}
	}
	i, found := slices.BinarySearchFunc(g.checkpoints, k-1, func(c checkpoint, step int) int { return c.step - step })
	if !found {
		i-- // the nearest before; step 0 always has one
	}
	cp := g.checkpoints[i]
	w := cp.w.Clone()
	var want []Event
	for s := cp.step; s < k; s++ {
		evs, err := w.Apply(g.steps[s].Cmd)
		if err != nil {
			panic(fmt.Sprintf("replay of step %d (%s) failed: %v", s+1, g.steps[s].Cmd, err))
		}
		if s+1 == k || k-(s+1) < 64 { // the step asked for, and the ones just before it
			g.rebuilt[s+1] = slices.Clone(evs)
		}
	}
	want = g.rebuilt[k]
	return want
}

func (g *Game) forgetRebuilt() {
	g.rebuiltMu.Lock()
	g.rebuilt = nil
	g.rebuiltMu.Unlock()
}

// Undo steps back once; it reports false at step 0.
func (g *Game) Undo() bool {
	if g.cur == 0 {
		return false
	}
	g.Jump(g.cur - 1)
	return true
}

// Redo steps forward once along the kept history; false at its end.
func (g *Game) Redo() bool {
	if g.cur == len(g.steps) {
		return false
	}
	g.Jump(g.cur + 1)
	return true
}

// Jump moves the cursor to step k (0..Len).
func (g *Game) Jump(k int) error {
	if k < 0 || k > len(g.steps) {
		return &Refusal{Cause: NoSuchStep, Step: k, Have: len(g.steps)}
	}
	i, found := slices.BinarySearchFunc(g.checkpoints, k, func(c checkpoint, step int) int { return c.step - step })
	if !found {
		i-- // the nearest before k; step 0 always has one
	}
	if cp := g.checkpoints[i]; k < g.cur || cp.step > g.cur {
		g.w = cp.w.Clone()
		g.cur = cp.step
	}
	for g.cur < k {
		if _, err := g.w.Apply(g.steps[g.cur].Cmd); err != nil {
			// The step was taken once from this very state: replay is
			// deterministic, so this cannot happen unless the world has a bug.
			panic(fmt.Sprintf("replay of step %d (%s) failed: %v", g.cur+1, g.steps[g.cur].Cmd, err))
		}
		g.cur++
		g.checkpoint()
	}
	return nil
}

// CheckSince checks expect line c at the cursor; an expect ever or never
// line looks at every step from step from (0: the start, after the
// setup) to the cursor.
func (g *Game) CheckSince(c Command, from int) error {
	if c.Modal == Now {
		return g.w.Check(c)
	}
	e := NewEverHeld(c)
	if err := g.w.Check(e.Cond); errors.As(err, new(*Refusal)) {
		return err // a node the cluster lacks
	}
	from = min(max(from, 0), g.cur)
	i, found := slices.BinarySearchFunc(g.checkpoints, from, func(c checkpoint, step int) int { return c.step - step })
	if !found {
		i--
	}
	w := g.checkpoints[i].w.Clone()
	for k := g.checkpoints[i].step; ; k++ {
		if k >= from {
			e.See(w, k)
		}
		if k == g.cur || e.Held {
			break
		}
		if _, err := w.Apply(g.steps[k].Cmd); err != nil {
			panic(fmt.Sprintf("replay of step %d (%s) failed: %v", k+1, g.steps[k].Cmd, err))
		}
	}
	return e.Verdict(c)
}

// Script prints the game as a script: the setup, then every step kept.
// Replaying it gives the same world as the end of the history.
func (g *Game) Script() string {
	var b strings.Builder
	for _, c := range g.setup {
		b.WriteString(c.String())
		b.WriteByte('\n')
	}
	for _, s := range g.steps {
		b.WriteString(s.Cmd.String())
		b.WriteByte('\n')
	}
	return b.String()
}

// KeepSource records text as the script the game was just loaded from
// file:
// while the history still starts with that script's setup and steps,
// SourceScript writes the text back with the steps taken since appended.
func (g *Game) KeepSource(file, text string) {
	g.source = &source{file: file, text: text, setup: slices.Clone(g.setup), steps: len(g.steps)}
}

// dropFromSource notes, before c becomes the step at the cursor, whether
// that drops a step of the file the game was loaded from: a different
// command in its place, or any of its steps after the cursor. The file's
// steps are not kept twice to compare later: a long game would hold them
// twice.
func (g *Game) dropFromSource(c Command) {
	src := g.source
	if src == nil || g.cur >= src.steps {
		return
	}
	if g.cur+1 < src.steps || g.cur >= len(g.steps) || g.steps[g.cur].Cmd != c {
		src.broken = true
	}
}

// SourceScript is the game as a script that keeps the file it was loaded
// from: that file's text as written, then every step taken after its
// last, with the file's line ending. ok is false when there is no such file, or when the history no
// longer starts with the file's steps (a step of it was undone and
// another taken, or the setup changed): then writing over the file would
// lose what a person wrote, and the caller should save elsewhere.
func (g *Game) SourceScript() (text string, ok bool) {
	src := g.source
	if src == nil || src.broken || !slices.Equal(src.setup, g.setup) || len(g.steps) < src.steps {
		return "", false
	}
	// The lines added end as the file's first line does: \r\n in a file
	// written on Windows, so that a save keeps one kind of line ending.
	eol := "\n"
	if i := strings.IndexByte(src.text, '\n'); i > 0 && src.text[i-1] == '\r' {
		eol = "\r\n"
	}
	var b strings.Builder
	b.WriteString(src.text)
	if src.text != "" && !strings.HasSuffix(src.text, "\n") {
		b.WriteString(eol)
	}
	for _, s := range g.steps[src.steps:] {
		b.WriteString(s.Cmd.String())
		b.WriteString(eol)
	}
	return b.String(), true
}

// SourceFile is the file the game was loaded from, or "".
func (g *Game) SourceFile() string {
	if g.source == nil {
		return ""
	}
	return g.source.file
}

// Load replays the commands of a script into a new game, checking no
// expect. The first command refused stops it, with its line.
func Load(file string, cmds []Command) (*Game, error) {
	return load(file, "", cmds)
}

// Open parses a script's text and replays it into a new game that keeps
// the text to write back (KeepSource). A node the cluster lacks is
// reported at its own column; a start no run of Paxos reaches, at the set
// line at fault, even when the script takes no action.
func Open(file, src string) (*Game, error) {
	cmds, err := Parse(file, src)
	if err != nil {
		return nil, err
	}
	g, err := load(file, src, cmds)
	if err != nil {
		return nil, err
	}
	if err := g.w.Honest(); err != nil {
		return nil, RefusedIn(file, src, cmds, Command{}, err)
	}
	g.KeepSource(file, src)
	return g, nil
}

func load(file, src string, cmds []Command) (*Game, error) {
	g := NewGame()
	for _, c := range cmds {
		if c.Verb == VExpect {
			continue
		}
		if _, err := g.Exec(c); err != nil {
			return nil, RefusedIn(file, src, cmds, c, err)
		}
	}
	return g, nil
}
