package ui

import (
	"errors"
	"fmt"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"paxosgame/explore"
	"paxosgame/explore/budget"
	"paxosgame/game"
	"paxosgame/narrate"
	"paxosgame/paxos"
	"paxosgame/table"
)

// The lab (issue 11, item 2): "check from here". A key opens a small form
// at the bottom of the board: what to look for (a run that breaks
// Agreement or Validity, or one that reaches a state where expect lines
// typed in hold) and the bounds, with the explorer's defaults. The search
// runs in a goroutine on a copy of the world, never holding the table's
// lock, with a progress bar and esc to cancel. A run found becomes the
// steps ahead of the history's cursor (table.Tx.SetAhead): → walks through
// it, narrated like any step, and ← comes back.
//
// Where it may open: in free play; in a lesson only at a goal, once the
// goal is reached (a run found before would be the goal's answer, which
// the lesson gives behind v, as help); never over SSH (the search is the
// lecturer's, on the lecturer's machine: a student's board asks its guard,
// which refuses, and a private game over SSH does not offer it).

// labMaxStates caps a search of the lab, and labMaxMemory is its memory
// budget: the search checks both within a level (explore.Options), and
// esc stops it within a twentieth of a second (Options.Cancel); its memory
// is then given back to the system. The course's cluster with P1 and P2,
// every rule on, takes 122,637 states (learners and idle proposers only
// listen, and acceptors are renamed: explore's reduction and symmetry).
const labMaxStates = 300_000

// labMaxMemory is the lab's memory budget: a gigabyte, or a quarter of
// the machine's memory when that is less.
var labMaxMemory = min(budget.DefaultMaxMemory(), 1<<30)

// labTick is how often the progress line is redrawn while the lab runs.
const labTick = 200 * time.Millisecond

// The fields of the lab's form, in the order tab takes them.
const (
	labGoal = iota // break Agreement, or reach the expect lines
	labExpect
	labProposers
	labBallots
	labCrashes
	labDuplicates
	labDrops
	labFields
)

// labPhase is what the lab shows at the bottom of the board.
type labPhase int

const (
	labEditing labPhase = iota // the form
	labRunning                 // the progress bar; esc cancels
)

// lab is the lab's form and search, on one board: a dialog while it is
// open, kept by the board between openings with its form as the player
// left it.
type lab struct {
	*scene
	host
	seat *table.Seat // the board's: the search's messages go back to it

	phase labPhase
	field int
	reach bool // look for the expect lines, not a break of Agreement
	drops bool
	in    [labFields]textinput.Model // the text fields (labExpect and the numbers)
	ready bool                       // in is made
	err   string                     // what is wrong with the form, with its column

	// The search running.
	job    *labJob
	stats  explore.Stats
	what   string // what it looks for, in words
	bounds explore.Bounds
	conds  []game.Command // the expect lines, when it looks for them
	stamp  labStamp       // where it started
}

// labJob is one search, run in its own goroutine.
type labJob struct {
	seat      *table.Seat // of the board that runs it
	start     time.Time
	cancelled atomic.Bool
	cancel    chan struct{} // closed by esc
	once      sync.Once
	done      chan labDoneMsg

	mu    sync.Mutex
	stats explore.Stats // as last reported by the search
}

// stop cancels the search (esc, or the board closes).
func (j *labJob) stop() {
	j.cancelled.Store(true)
	j.once.Do(func() { close(j.cancel) })
}

// labStamp is where a search started: the game, its setup and the steps
// up to the cursor. A run found is set ahead only from there.
type labStamp struct {
	g     *game.Game
	setup int
	steps []game.Command
}

func stampOf(g *game.Game) labStamp {
	s := labStamp{g: g}
	setup, _ := g.Setup()
	s.setup = len(setup)
	for _, st := range g.Steps()[:g.Cursor()] {
		s.steps = append(s.steps, st.Cmd)
	}
	return s
}

func (s labStamp) same(g *game.Game) bool {
	setup, _ := g.Setup()
	if g != s.g || len(setup) != s.setup || g.Cursor() != len(s.steps) {
		return false
	}
	for i, st := range g.Steps()[:g.Cursor()] {
		if st.Cmd != s.steps[i] {
			return false
		}
	}
	return true
}

// labMsg is a message of a lab's search, for the board that runs it,
// whatever the screen shows (see Model.routeLab).
type labMsg interface{ labSeat() *table.Seat }

// labTickMsg redraws the progress line.
type labTickMsg struct{ job *labJob }

// labDoneMsg is the end of a search.
type labDoneMsg struct {
	job *labJob
	res explore.Result
}

func (m labTickMsg) labSeat() *table.Seat { return m.job.seat }
func (m labDoneMsg) labSeat() *table.Seat { return m.job.seat }

// reacher is a coach that says whether its goal is reached
// (lessons.Session).
type reacher interface {
	Reached() (reached bool, actions int, helped bool)
}

// labRefusal says why the lab does not open on board p now, or "".
func labRefusal(p *scene, tx *table.Tx) string {
	if err := tx.May(table.Ahead); err != nil {
		return err.Error()
	}
	if p.sh.room.Remote {
		return "the lab searches on the lecturer's machine: over SSH it is off (paxosgame check runs it on yours)"
	}
	c := tx.Coach()
	if c == nil {
		return ""
	}
	r, ok := c.(reacher)
	if !ok {
		return "the lab is for free play"
	}
	atGoal := false
	for v := game.VPropose; v <= game.VLearn; v++ {
		atGoal = atGoal || c.Allows(game.Command{Verb: v})
	}
	if !atGoal {
		return "in a lesson the lab opens at a goal, once it is reached"
	}
	if reached, _, _ := r.Reached(); !reached {
		return "the lab opens at this goal once you reach it: it would find the answer for you (h gives a hint, v the solution)"
	}
	return ""
}

// open readies the lab's form, with the explorer's default bounds (in a
// lesson, those the goal allows).
func (l *lab) open(tx *table.Tx) {
	tx.StopAuto() // it would play on from under the search
	if !l.ready {
		l.ready = true
		for i := range l.in {
			in := textinput.New()
			in.Prompt = ""
			in.SetVirtualCursor(false)
			in.CharLimit = 3
			l.in[i] = in
		}
		l.in[labExpect].CharLimit = 400
		l.in[labExpect].Placeholder = `chosen "2 EUR"; P1 phase 2`
		l.in[labProposers].CharLimit = 40
		b := explore.DefaultBounds()
		names := make([]string, len(b.Proposers))
		for i, n := range b.Proposers {
			names[i] = paxos.P(n).String()
		}
		l.in[labProposers].SetValue(strings.Join(names, ","))
		l.in[labBallots].SetValue(strconv.Itoa(b.Ballots))
		l.in[labCrashes].SetValue(strconv.Itoa(b.Crashes))
		l.in[labDuplicates].SetValue(strconv.Itoa(b.Duplicates))
		l.drops = b.Drops
	}
	for i := range l.in {
		l.in[i].SetStyles(inputStyles(l.sh))
	}
	// Proposers the cluster lacks (a game of one proposer) are no bound.
	var names []string
	for _, name := range strings.FieldsFunc(l.in[labProposers].Value(), func(r rune) bool { return r == ',' || r == ' ' }) {
		if id, err := game.ParseNode(name); err != nil || id.Role != paxos.RoleProposer || id.N <= len(l.world().Proposers) {
			names = append(names, name)
		}
	}
	l.in[labProposers].SetValue(strings.Join(names, ","))
	if c := tx.Coach(); c != nil { // what the goal does not allow is no bound to search
		allows := func(v game.Verb) bool { return c.Allows(game.Command{Verb: v}) }
		if !allows(game.VPropose) {
			l.in[labProposers].SetValue("")
		}
		if !allows(game.VCrash) || !allows(game.VRestart) {
			l.in[labCrashes].SetValue("0")
		}
		if !allows(game.VDuplicate) {
			l.in[labDuplicates].SetValue("0")
		}
		l.drops = l.drops && allows(game.VDrop)
	}
	l.phase, l.err = labEditing, ""
	l.setWidth(l.w)
	l.focus(l.field)
}

func (l *lab) mayChange(tea.KeyPressMsg) bool { return true }

// focus puts the keyboard in field f.
func (l *lab) focus(f int) {
	l.field = f
	for i := range l.in {
		l.in[i].Blur()
	}
	if l.text(f) {
		l.in[f].Focus()
		l.in[f].CursorEnd()
	}
}

// text reports whether field f is typed in.
func (l *lab) text(f int) bool {
	return f == labExpect || f == labProposers || f == labBallots || f == labCrashes || f == labDuplicates
}

// step moves the focus by one field, over the expect lines while the lab
// looks for a break.
func (l *lab) step(by int) {
	f := l.field
	for {
		f = (f + by + labFields) % labFields
		if f != labExpect || l.reach {
			break
		}
	}
	l.focus(f)
}

// labRow is the second line of the form: the bounds.
var labRow = []struct {
	field int
	name  string
}{{labProposers, "proposers"}, {labBallots, "ballots"}, {labCrashes, "crashes"}, {labDuplicates, "duplicates"}, {labDrops, "drops"}}

// Widths of the fields, in cells between their brackets.
var labWidths = [labFields]int{labProposers: 7, labBallots: 3, labCrashes: 3, labDuplicates: 3}

func (l *lab) setWidth(w int) {
	for f, n := range labWidths {
		if n > 0 && l.ready {
			l.in[f].SetWidth(n - 1)
		}
	}
	if l.ready {
		l.in[labExpect].SetWidth(max(w-width(labExpectX)-2, 8))
	}
}

// labExpectX is the first line of the form up to the expect field.
const labExpectX = "CHECK FROM HERE  look for ‹reach› ▸expect ["

// update takes a key (or a paste) while the lab is open: esc cancels the
// search running, or closes the form.
func (l *lab) update(tx *table.Tx, msg tea.Msg) (dialog, tea.Cmd) {
	k := l.sh.keys
	km, isKey := msg.(tea.KeyPressMsg)
	if l.phase == labRunning {
		if isKey && key.Matches(km, k.Cancel) && l.job != nil {
			l.job.stop()
		}
		return l, nil
	}
	if isKey {
		switch {
		case key.Matches(km, k.Cancel):
			l.status = ""
			return nil, nil
		case key.Matches(km, k.Submit):
			return l, l.startLab(tx)
		case key.Matches(km, k.NextField):
			l.step(1)
			return l, nil
		case key.Matches(km, k.PrevField):
			l.step(-1)
			return l, nil
		}
		switch l.field {
		case labGoal:
			if key.Matches(km, k.Left, k.Right, k.Choose) {
				l.reach, l.err = !l.reach, ""
			}
			return l, nil
		case labDrops:
			if key.Matches(km, k.Left, k.Right, k.Choose) {
				if c := tx.Coach(); !l.drops && c != nil && !c.Allows(game.Command{Verb: game.VDrop}) {
					l.err = "this goal does not allow drop"
					return l, nil
				}
				l.drops, l.err = !l.drops, ""
			}
			return l, nil
		}
	}
	if !l.text(l.field) {
		return l, nil
	}
	in := &l.in[l.field]
	before := in.Value()
	var cmd tea.Cmd
	*in, cmd = in.Update(msg)
	if in.Value() != before {
		l.err = ""
	}
	return l, cmd
}

// labFieldError is a mistake in a field of the lab's form: in the expect
// lines, at a column of the field.
type labFieldError struct {
	Col int // from 1; 0: none
	Msg string
}

func (e *labFieldError) Error() string {
	if e.Col > 0 {
		return fmt.Sprintf("column %d: %s", e.Col, e.Msg)
	}
	return e.Msg
}

// labConds reads the expect lines typed in the lab: separated by ";"
// (outside quotes), each with or without its word "expect", each checked
// now (the lab looks for a state), each about nodes the cluster has.
func labConds(s string, w *game.World) ([]game.Command, error) {
	rs := []rune(s)
	var conds []game.Command
	start := 0
	inQuote := false
	for i := 0; i <= len(rs); i++ {
		if i < len(rs) {
			switch {
			case inQuote && rs[i] == '\\':
				i++
				continue
			case rs[i] == '"':
				inQuote = !inQuote
				continue
			case rs[i] != ';' || inQuote:
				continue
			}
		}
		piece := string(rs[start:i])
		off := start + len([]rune(piece)) - len([]rune(strings.TrimLeft(piece, " \t")))
		piece = strings.TrimSpace(piece)
		start = i + 1
		if piece == "" {
			continue
		}
		line, shift := piece, 0
		if f := strings.Fields(piece); f[0] != "expect" {
			line, shift = "expect "+piece, len("expect ")
		}
		c, ok, perr := game.ParseLine(line)
		if perr != nil {
			return nil, &labFieldError{Col: max(perr.Col-shift, 1) + off, Msg: perr.Msg}
		}
		if !ok {
			continue
		}
		if c.Modal != game.Now {
			return nil, &labFieldError{Col: off + 1, Msg: "the lab looks for a state where the lines hold now: expect ever and never look at a whole run"}
		}
		if err := w.Check(c); err != nil && !errors.As(err, new(*game.Unmet)) {
			return nil, &labFieldError{Col: off + 1, Msg: narrate.Error(err)}
		}
		conds = append(conds, c)
	}
	if len(conds) == 0 {
		return nil, &labFieldError{Msg: `type the lines to reach, such as chosen "2 EUR" (; between two)`}
	}
	return conds, nil
}

// labBounds reads the bounds of the form, for the world w; with a coach,
// only what its goal allows.
func (l *lab) labBounds(w *game.World, c table.Coach) (explore.Bounds, error) {
	var b explore.Bounds
	for _, name := range strings.FieldsFunc(l.in[labProposers].Value(), func(r rune) bool { return r == ',' || r == ' ' }) {
		id, err := game.ParseNode(name)
		if err != nil || id.Role != paxos.RoleProposer {
			return b, fmt.Errorf("proposers: %q is not a proposer (P1, P2, …)", game.Printable(name))
		}
		if id.N > len(w.Proposers) {
			return b, fmt.Errorf("proposers: the cluster has no %s", id)
		}
		if !slices.Contains(b.Proposers, id.N) {
			b.Proposers = append(b.Proposers, id.N)
		}
	}
	slices.Sort(b.Proposers)
	for _, f := range []struct {
		field int
		name  string
		dst   *int
	}{{labBallots, "ballots", &b.Ballots}, {labCrashes, "crashes", &b.Crashes}, {labDuplicates, "duplicates", &b.Duplicates}} {
		n, err := strconv.Atoi(strings.TrimSpace(l.in[f.field].Value()))
		if err != nil || n < 0 || n > 255 {
			return b, fmt.Errorf("%s: a number from 0 to 255", f.name)
		}
		*f.dst = n
	}
	b.Drops = l.drops
	for _, id := range w.Nodes() {
		b.Hand = b.Hand || w.Hand(id) // else what reaches them would wait for ever
	}
	if c != nil {
		for _, v := range []struct {
			verb game.Verb
			used bool
		}{
			{game.VPropose, len(b.Proposers) > 0 && b.Ballots > 0},
			{game.VCrash, b.Crashes > 0}, {game.VRestart, b.Crashes > 0},
			{game.VDuplicate, b.Duplicates > 0}, {game.VDrop, b.Drops},
		} {
			if v.used && !c.Allows(game.Command{Verb: v.verb}) {
				return b, fmt.Errorf("this goal does not allow %s: the lab takes only what it allows", v.verb)
			}
		}
	}
	return b, nil
}

// startLab reads the form and starts the search on a copy of the world.
func (l *lab) startLab(tx *table.Tx) tea.Cmd {
	w := l.world()
	if err := w.Honest(); err != nil {
		l.err = narrate.Error(err) // no search starts from a start no run reaches
		return nil
	}
	b, err := l.labBounds(w, tx.Coach())
	if err != nil {
		l.err = err.Error()
		return nil
	}
	goal, what := explore.Violation, "a run that breaks Agreement or Validity"
	l.conds = nil
	if l.reach {
		conds, err := labConds(l.in[labExpect].Value(), w)
		if err != nil {
			l.err = "expect, " + err.Error()
			l.focus(labExpect)
			return nil
		}
		l.conds = conds
		goal, what = explore.Holds(conds), "a run to where "+explore.Lines(conds)+" holds"
	}
	tx.StopAuto()
	start := w.Clone() // the search never holds the table's lock
	// What the lesson allows, read now: the search asks from its own
	// goroutines, and the coach is the table's.
	var allow func(game.Command) bool
	if c := tx.Coach(); c != nil {
		allowed := map[game.Verb]bool{}
		for _, v := range []game.Verb{game.VHand, game.VAuto, game.VPromise, game.VVote, game.VRefuse, game.VIgnore, game.VLearn, game.VAccept, game.VPropose, game.VCrash, game.VRestart, game.VDrop, game.VDuplicate, game.VDeliver} {
			allowed[v] = c.Allows(game.Command{Verb: v})
		}
		allow = func(cmd game.Command) bool { return allowed[cmd.Verb] }
	}
	j := &labJob{seat: l.seat, start: time.Now(), cancel: make(chan struct{}), done: make(chan labDoneMsg, 1)}
	l.job, l.phase, l.err = j, labRunning, ""
	l.stats, l.what, l.bounds, l.stamp = explore.Stats{}, what, b, stampOf(l.g)
	go func() {
		res := explore.Search(start, b, goal, explore.Options{
			// one state for all renamings of the acceptors: the same
			// verdicts and lengths, five times fewer states
			Symmetry:  true,
			Allow:     allow,
			MaxStates: labMaxStates,
			MaxMemory: labMaxMemory,
			Cancel:    j.cancel,
			Progress: func(s explore.Stats) {
				j.mu.Lock()
				j.stats = s
				j.mu.Unlock()
			},
		})
		if _, alike := start.AppendSymmetricKey(nil, new(game.World)); alike != 1 {
			res.Worlds = 0 // the renamings of a state need not all be reachable
		}
		debug.FreeOSMemory() // what the search held goes back to the system now
		j.done <- labDoneMsg{j, res}
	}()
	return tea.Batch(j.wait(), j.tick())
}

func (j *labJob) wait() tea.Cmd {
	return func() tea.Msg { return <-j.done }
}

func (j *labJob) tick() tea.Cmd {
	return tea.Tick(labTick, func(time.Time) tea.Msg { return labTickMsg{j} })
}

// stop cancels the search, if one runs: the board closes.
func (l *lab) stop() {
	if l.job != nil {
		l.job.stop()
	}
}

// message takes a message of the lab's search; over: the search ended,
// and the lab closes.
func (l *lab) message(tx *table.Tx, msg tea.Msg) (cmd tea.Cmd, over bool) {
	switch msg := msg.(type) {
	case labTickMsg:
		if msg.job != l.job {
			return nil, false // a search that is over
		}
		msg.job.mu.Lock()
		l.stats = msg.job.stats
		msg.job.mu.Unlock()
		l.stats.Elapsed = time.Since(msg.job.start)
		return msg.job.tick(), false
	case labDoneMsg:
		if msg.job != l.job {
			return nil, false
		}
		l.job = nil
		l.labVerdict(tx, msg.res)
		l.follow(tx)
		return nil, true
	}
	return nil, false
}

// labVerdict says what the search found, and sets a run found ahead of
// the cursor.
func (l *lab) labVerdict(tx *table.Tx, res explore.Result) {
	counts := fmt.Sprintf("%s states, depth %d, %s", explore.Commas(res.States), res.Depth, labSeconds(res.Elapsed))
	switch {
	case res.Stopped == budget.Cancelled:
		l.say(false, "■ the lab was cancelled after %s: nothing found so far", counts)
	case !res.Found && res.Stopped == budget.Memory:
		l.say(false, "■ stopped at the lab's memory budget of %s (%s): nothing found so far — try one proposer, or paxosgame check (a larger budget)",
			budget.Size(labMaxMemory), counts)
	case !res.Found && res.Incomplete:
		l.say(false, "■ stopped at the lab's cap of %s states (%s): nothing found so far — try one proposer, or paxosgame check (no cap)",
			explore.Commas(labMaxStates), counts)
	case !res.Found && l.conds != nil:
		l.say(false, "✗ no run within the bounds reaches %s (%s; bounds %s)", explore.Lines(l.conds), counts, l.bounds)
	case !res.Found:
		l.say(false, "✓ Agreement and Validity hold in all %s (bounds %s) · %s", labStates(res.Stats), l.bounds, labSeconds(res.Elapsed))
	case !l.stamp.same(tx.Game()):
		l.say(true, "✗ the game moved on while the lab searched: nothing was set ahead; L searches again from here")
	case len(res.Run) == 0 && l.conds != nil:
		l.say(false, "✓ %s holds here already: there is no step to take", explore.Lines(l.conds))
	case len(res.Run) == 0:
		l.say(false, "✓ Agreement is already broken at this step: ← steps back to see how")
	default:
		dropped, err := tx.SetAhead(res.Run)
		var na *table.NotAllowed
		switch {
		case errors.As(err, &na):
			l.say(true, "✗ the shortest run within the bounds takes %s at step %d, which this goal does not allow: nothing was set ahead", na.Cmd, na.Index+1)
			return
		case err != nil:
			l.say(true, "✗ the run found was refused: %s", errorText(err))
			return
		}
		to := "that breaks Agreement or Validity"
		if l.conds != nil {
			to = "to where " + explore.Lines(l.conds) + " holds"
		}
		s := fmt.Sprintf("✓ found: a run of %d %s %s — → walks through it, ← comes back · %s", len(res.Run), plural(len(res.Run), "step"), to, counts)
		if dropped > 0 {
			s += fmt.Sprintf(" · it took the place of %d %s that %s ahead", dropped, plural(dropped, "step"), map[bool]string{true: "was", false: "were"}[dropped == 1])
		}
		l.say(false, "%s", s)
	}
}

// labSeconds is a time as the lab says it: "0.4 s".
func labSeconds(d time.Duration) string {
	return strconv.FormatFloat(d.Seconds(), 'f', 1, 64) + " s"
}

// view is the lab at the bottom of the board, in lines of w cells, and
// the terminal cursor in its focused text field.
func (l *lab) view(w int) ([]string, *tea.Cursor) {
	lines := l.lines(w)
	return lines, l.cursor()
}

// lines is the lab at the bottom of the board, in lines of w cells.
func (l *lab) lines(w int) []string {
	st := l.sh.styles
	head := st.Prompt.Render("CHECK FROM HERE")
	if l.phase == labRunning {
		line1 := head + " " + fit("searching for "+l.what, w-width("CHECK FROM HERE "))
		info := fmt.Sprintf(" %s / %s states · depth %d · %s states/s · %s", explore.Commas(l.stats.States), explore.Commas(labMaxStates),
			l.stats.Depth, explore.Commas(int(l.stats.Rate())), labSeconds(l.stats.Elapsed))
		barW := max(w/5, 10)
		line2 := l.labBar(float64(l.stats.States)/labMaxStates, barW) + info
		third := fmt.Sprintf("esc cancels · %s of %s · bounds %s", budget.Size(l.stats.Memory), budget.Size(labMaxMemory), l.bounds)
		if l.job != nil && l.job.cancelled.Load() {
			third = "cancelling… · bounds " + l.bounds.String()
		}
		return []string{pad(line1, w), pad(fit(line2, w), w), st.Dim.Render(fit(third, w))}
	}
	mark := func(f int) string {
		if l.field == f {
			return "▸"
		}
		return " "
	}
	label := func(f int, s string) string {
		if l.field == f {
			return st.Selected.Render(s)
		}
		return s
	}
	line1 := head + " " + mark(labGoal) + label(labGoal, "look for") + " "
	if l.reach {
		line1 += "‹reach› " + mark(labExpect) + label(labExpect, "expect") + " [" + pad(l.in[labExpect].View(), max(w-width(labExpectX)-1, 8)) + "]"
	} else {
		line1 += "‹break Agreement or Validity›"
		if room := w - width(line1) - 2; room > 0 {
			line1 += "  " + st.Dim.Render(firstFit(room, "←/→: or reach expect lines", "←/→: or reach", ""))
		}
	}
	var line2 string
	for _, f := range labRow {
		line2 += mark(f.field) + label(f.field, f.name) + " "
		if f.field == labDrops {
			line2 += map[bool]string{true: "‹on›", false: "‹off›"}[l.drops]
			continue
		}
		line2 += "[" + pad(l.in[f.field].View(), labWidths[f.field]) + "]"
	}
	if l.err != "" {
		return []string{pad(line1, w), pad(line2, w), st.Bad.Render(fit("✗ "+l.err, w))}
	}
	info := fmt.Sprintf("enter searches (up to %s states) · tab next · esc closes", explore.Commas(labMaxStates))
	switch l.field {
	case labGoal, labDrops:
		info = "←/→ changes it · " + info
	case labExpect:
		info = `expect lines, ; between two: chosen "2 EUR"; A1 promised 2 · ` + info
	}
	return []string{pad(line1, w), pad(line2, w), st.Dim.Render(fit(info, w))}
}

// labStates counts the states of a search that held. The search keeps one
// state for all the renamings of the acceptors; from a start whose
// acceptors are alike, those stand for exactly the states without that,
// the count paxosgame check gives.
func labStates(s explore.Stats) string {
	if s.Worlds > 0 {
		return explore.Commas(s.Worlds) + " states"
	}
	return explore.Commas(s.States) + " states, each for its renamings of the acceptors,"
}

// labBar is the progress bar: the share of the lab's cap of states seen.
func (l *lab) labBar(frac float64, w int) string {
	n := max(w-2, 1)
	full := int(min(max(frac, 0), 1) * float64(n))
	on, off := "█", "░"
	if l.sh.ascii {
		on, off = "#", "."
	}
	return "[" + l.sh.styles.Good.Render(strings.Repeat(on, full)) + strings.Repeat(off, n-full) + "]"
}

// cursor is the terminal cursor in the lab's focused text field, its row
// counted from the lab's first line.
func (l *lab) cursor() *tea.Cursor {
	if l.phase != labEditing || !l.text(l.field) {
		return nil
	}
	c := l.in[l.field].Cursor()
	if c == nil {
		return nil
	}
	row, x := 0, width(labExpectX)
	if l.field != labExpect {
		row, x = 1, 0
		for _, f := range labRow {
			x += 1 + width(f.name) + 2 // the mark, the name, " ["
			if f.field == l.field {
				break
			}
			x += labWidths[f.field] + 1
		}
	}
	cur := tea.NewCursor(x+c.Position.X, row)
	cur.Shape = tea.CursorBar
	return cur
}

// help is the keys of the lab.
func (l *lab) help() bindings {
	k := l.sh.keys
	if l.phase == labRunning {
		return bindings{short: []key.Binding{key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel the search"))}}
	}
	return bindings{short: []key.Binding{k.Submit, k.Cancel, k.NextField, k.Left}}
}
