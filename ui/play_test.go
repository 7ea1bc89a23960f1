package ui

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"paxosgame/game"
	"paxosgame/lessons"
	"paxosgame/paxos"
	"paxosgame/table"
)

// state is everything a command could change: the script, the cursor and
// the world.
func state(m *Model) string {
	g := playOf(m).g
	return fmt.Sprintf("%s\n%s\ncursor %d", g.Script(), g.World().Describe(), g.Cursor())
}

// A whole round with keys alone: propose, deliver the promises, watch the
// majority form, see CHOSEN.
func TestRoundWithKeys(t *testing.T) {
	m := newTestGame(t, 100, 30)
	keys(m, "p", "enter") // P1 proposes its own value in its next ballot
	if n := world(m).NumInFlight(); n != 3 {
		t.Fatalf("after propose, %d messages in flight, want 3 prepares", n)
	}
	keys(m, "space", "space", "space") // the three prepares
	keys(m, "space")                   // one promise: 1 of 3
	if !strings.Contains(screenOf(m), "promises █░┃░ 1/3") {
		t.Errorf("the meter does not show 1 of 3 promises:\n%s", screenOf(m))
	}
	keys(m, "space") // the second promise: a majority, 2a goes out
	if !strings.Contains(screenOf(m), "promises ██┃░ 2/3 ✓") {
		t.Errorf("the meter does not mark the majority of promises:\n%s", screenOf(m))
	}
	for i := 0; i < 20 && len(world(m).Obs.Chosen) == 0; i++ {
		keys(m, "space")
	}
	s := screenOf(m)
	if !strings.Contains(s, "★ CHOSEN: 1 EUR in ballot 1") || !strings.Contains(s, "no acceptor knows it yet") {
		t.Errorf("no CHOSEN banner:\n%s", s)
	}
}

// The same round with the `:` command line alone.
func TestRoundWithCommandLine(t *testing.T) {
	m := newTestGame(t, 80, 24)
	for _, line := range []string{
		`propose P2 17 "5 EUR"`,
		"deliver 1a P2->A1", "deliver 1a P2->A2",
		"deliver 1b A1->P2", "deliver 1b A2->P2",
		"deliver 2a P2->A1", "deliver 2a P2->A3",
		`expect chosen "5 EUR"`,
	} {
		command(m, line)
		if m.board.bad {
			t.Fatalf("%s: %s", line, m.board.status)
		}
	}
	if !strings.Contains(screenOf(m), "CHOSEN: 5 EUR in ballot 17") {
		t.Errorf("no CHOSEN banner:\n%s", screenOf(m))
	}
	checkFits(t, m)
}

func TestBadCommandLineChangesNothing(t *testing.T) {
	for _, line := range []string{
		"propose",               // no proposer
		"propose P9",            // no such proposer
		"propose P2 18",         // 18 belongs to P3
		`propose P2 "5 EUR`,     // no closing quote
		"deliver #99",           // not in flight
		"deliver 1b A1->P2",     // none matches
		"drop 1a P1->A1 1 2",    // extra words
		"crash Z1",              // not a node
		"restart A1",            // it is up
		"accept P1",             // auto mode
		"config proposers 3",    // setup after the first action
		"rule no-such-rule off", // unknown rule
		"frobnicate",            // unknown command
		`expect chosen "9 EUR"`, // fails
	} {
		t.Run(line, func(t *testing.T) {
			m := newTestGame(t, 80, 24)
			keys(m, "p", "enter", "space")
			before, screenBefore := state(m), screenOf(m)
			dirty := m.board.changes
			command(m, line)
			if got := state(m); got != before {
				t.Errorf("the game changed:\nbefore %s\nafter  %s", before, got)
			}
			if m.board.changes != dirty {
				t.Error("the game counts as changed")
			}
			if lineOpen(m.board, ":") == nil || !m.board.bad {
				t.Errorf("the error is not shown inline with the line kept open:\n%s", screenOf(m))
			}
			if !strings.Contains(screenOf(m), ": "+line) {
				t.Errorf("the line typed is gone:\n%s", screenOf(m))
			}
			checkFits(t, m)
			keys(m, "esc")
			if got := screenOf(m); got != screenBefore {
				t.Errorf("after esc the screen differs:\nbefore\n%s\nafter\n%s", screenBefore, got)
			}
		})
	}
}

func TestParseErrorPointsAtColumn(t *testing.T) {
	m := newTestGame(t, 100, 30)
	command(m, "propose X9")
	if !strings.Contains(screenOf(m), `column 9: expected a proposer such as P2, found "X9"`) {
		t.Errorf("no column in the error:\n%s", screenOf(m))
	}
}

// Undo back to step 0 and redo to the end restore every screen exactly.
func TestUndoRedoRestoresEveryScreen(t *testing.T) {
	m := newTestGame(t, 120, 40)
	seedDuel(m)
	keys(m, "space", "down", "x", "d", "tab", "tab", "c", "c", "p", "enter", "a")
	if m.board.overlay.open() {
		t.Fatalf("a form is still open:\n%s", screenOf(m))
	}
	n := m.board.g.Len()
	views := func() [2]string {
		a := screenOf(m)
		keys(m, "t")
		b := screenOf(m)
		keys(m, "t")
		return [2]string{a, b}
	}
	end := views()
	back := make([][2]string, n+1)
	for k := n; k >= 0; k-- {
		if m.board.g.Cursor() != k {
			t.Fatalf("cursor at %d, want %d", m.board.g.Cursor(), k)
		}
		back[k] = views()
		keys(m, "left")
	}
	keys(m, "left") // at step 0 already: nothing happens
	for k := 0; k <= n; k++ {
		if got := views(); got != back[k] {
			t.Fatalf("step %d: the screen on the way forward differs from the way back:\n%s\n---\n%s", k, back[k][0], got[0])
		}
		keys(m, "right")
	}
	if got := views(); got != end {
		t.Errorf("after undo to 0 and redo to the end the screen differs:\n%s\n---\n%s", end[0], got[0])
	}
	keys(m, "home")
	if m.board.g.Cursor() != 0 {
		t.Error("home does not go to step 0")
	}
	keys(m, "pgdown", "pgdown", "pgup")
	if m.board.g.Cursor() != 1 {
		t.Errorf("pgdown pgdown pgup: at step %d, want 1", m.board.g.Cursor())
	}
	keys(m, "end")
	if got := views(); got != end {
		t.Error("end does not restore the last screen")
	}
}

func TestActingAfterUndoDropsTheFuture(t *testing.T) {
	m := newTestGame(t, 100, 30)
	keys(m, "p", "enter", "space", "space", "left", "left")
	if m.board.g.Len() != 3 || m.board.g.Cursor() != 1 {
		t.Fatalf("len %d cursor %d", m.board.g.Len(), m.board.g.Cursor())
	}
	if !strings.Contains(screenOf(m), "2 more steps ahead") {
		t.Errorf("the story does not say steps are ahead:\n%s", screenOf(m))
	}
	keys(m, "x") // drop: a new step forks the history
	if m.board.g.Len() != 2 {
		t.Errorf("history has %d steps, want 2", m.board.g.Len())
	}
}

func TestNodeKeys(t *testing.T) {
	m := newTestGame(t, 100, 30)
	keys(m, "shift+tab", "shift+tab", "shift+tab") // L2, L1, A3
	keys(m, "c")
	if world(m).Up(m.board.selNode) || m.board.selNode.String() != "A3" {
		t.Fatalf("c did not crash A3 (selected %s)", m.board.selNode)
	}
	if !strings.Contains(screenOf(m), "▸A3 ✗") {
		t.Errorf("a crashed node is not marked ✗:\n%s", screenOf(m))
	}
	keys(m, "c")
	if !world(m).Up(m.board.selNode) {
		t.Error("c did not restart A3")
	}
	// Manual 2a.
	m = newTest(t, 100, 30)
	keys(m, "down", "down", "down", "enter") // settings
	keys(m, "down", "down", "down", "down", "enter", "esc", "up", "up", "up", "enter")
	if !world(m).Cfg.Manual {
		t.Fatalf("the settings did not make a manual game:\n%s", m.board.g.Script())
	}
	keys(m, "p", "enter", "a")
	if !strings.Contains(screenOf(m), "2 sends its accept requests") {
		t.Errorf("no hint to send 2a:\n%s", screenOf(m))
	}
	keys(m, "2")
	if got := m.board.g.Steps()[m.board.g.Cursor()-1].Cmd.String(); got != "accept P1" {
		t.Errorf("2 ran %q", got)
	}
}

func TestProposeForm(t *testing.T) {
	m := newTestGame(t, 100, 30)
	keys(m, "p", "right", "right", "right", "right") // P5
	keys(m, "tab", "backspace")
	typeText(m, "20")
	keys(m, "tab", "ctrl+u")
	typeText(m, "6 EUR")
	keys(m, "enter")
	if got := m.board.g.Steps()[0].Cmd.String(); got != `propose P5 20 "6 EUR"` {
		t.Errorf("the form ran %q", got)
	}
	// A refused proposal keeps the form open with the reason.
	keys(m, "p", "2", "tab", "backspace", "backspace")
	typeText(m, "3")
	keys(m, "enter")
	if !isOpen[*proposeForm](m.board) || !strings.Contains(screenOf(m), "belongs to P3") {
		t.Errorf("a refused proposal does not say why:\n%s", screenOf(m))
	}
	keys(m, "esc")
	if m.board.g.Len() != 1 {
		t.Error("a refused proposal changed the game")
	}
}

func TestSaveAndLoad(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "round.txt")
	m := newTestGame(t, 100, 30)
	keys(m, "p", "enter", "a")
	keys(m, "s", "ctrl+u")
	typeText(m, path)
	keys(m, "enter")
	got, err := os.ReadFile(path)
	if err != nil || string(got) != m.board.g.Script() {
		t.Fatalf("saved %q (%v), want the script %q", got, err, m.board.g.Script())
	}
	if m.board.Dirty() {
		t.Error("still unsaved after saving")
	}
	// Saving again asks before overwriting.
	keys(m, "left", "x", "s", "enter")
	if !isOpen[*confirm](m.board) {
		t.Fatalf("no question before overwriting:\n%s", screenOf(m))
	}
	keys(m, "n")
	if again, _ := os.ReadFile(path); string(again) != string(got) {
		t.Error("n overwrote the file")
	}
	keys(m, "s", "enter", "y")
	if again, _ := os.ReadFile(path); string(again) != m.board.g.Script() {
		t.Error("y did not overwrite the file")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("temporary files left: %v", entries)
	}

	// A bad script: the error has file:line:col, the game stays.
	bad := filepath.Join(dir, "bad.txt")
	os.WriteFile(bad, []byte("propose P1\ndeliver #1\npropose P2 3\n"), 0o644)
	before := state(m)
	keys(m, "o", "ctrl+u")
	typeText(m, bad)
	keys(m, "enter")
	if !strings.Contains(screenOf(m), bad+":3:1: refused") || state(m) != before {
		t.Errorf("a bad script: no file:line:col, or the game changed:\n%s", screenOf(m))
	}
	// A good one replaces the game (here after saving, so no question).
	keys(m, "o", "ctrl+u")
	typeText(m, path)
	keys(m, "enter")
	if m.board.g.Script() != string(mustRead(t, path)) || m.board.title != "round.txt" {
		t.Errorf("the script was not loaded:\n%s", screenOf(m))
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestQuitAsksWhenUnsaved(t *testing.T) {
	m := newTestGame(t, 80, 24)
	if !keys(m, "q") {
		t.Fatal("q does not quit a game with nothing to save")
	}
	m = newTestGame(t, 80, 24)
	keys(m, "p", "enter")
	if keys(m, "q") || !m.quitting {
		t.Fatal("q quit with unsaved play without asking")
	}
	if keys(m, "n") || m.quitting {
		t.Fatal("n did not cancel")
	}
	if !keys(m, "ctrl+c", "y") {
		t.Fatal("ctrl+c then y did not quit")
	}
}

func TestMouse(t *testing.T) {
	m := newTestGame(t, 100, 30)
	keys(m, "p", "enter")
	f := frameOf(m.board)
	find := func(want target) (int, int) {
		for _, h := range f.hits {
			if h.t == want {
				return h.x0 + 1, h.y
			}
		}
		t.Fatalf("%+v is nowhere on screen", want)
		return 0, 0
	}
	x, y := find(target{msg: 2})
	click := tea.MouseClickMsg{X: x, Y: y, Button: tea.MouseLeft}
	send(m, click)
	if m.board.selMsg != 2 || m.board.g.Len() != 1 {
		t.Fatalf("a click did not select #2 (selected #%d)", m.board.selMsg)
	}
	send(m, click)
	if m.board.g.Len() != 2 || m.board.g.Steps()[1].Cmd.String() != "deliver 1a P1->A2" {
		t.Fatal("a second click did not deliver #2")
	}
	f = frameOf(m.board)
	x, y = find(target{node: paxos.A(2)})
	send(m, tea.MouseClickMsg{X: x, Y: y, Button: tea.MouseLeft})
	if m.board.selNode.String() != "A2" {
		t.Errorf("a click on A2 selected %s", m.board.selNode)
	}
}

func TestMainLoadsOrFails(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.txt")
	os.WriteFile(bad, []byte("propose P1\ndeliver 9z\n"), 0o644)
	var out, errOut bytes.Buffer
	if code := Main([]string{bad}, &out, &errOut); code != 2 {
		t.Errorf("a bad script: exit %d, want 2", code)
	}
	if !strings.Contains(errOut.String(), bad+":2:9:") {
		t.Errorf("the error does not name file:line:col: %q", errOut.String())
	}
	errOut.Reset()
	if code := Main([]string{filepath.Join(dir, "missing.txt")}, &out, &errOut); code != 2 || errOut.Len() == 0 {
		t.Errorf("a missing script: exit %d, %q", code, errOut.String())
	}
}

// The play screen can take a side pane, as a lesson will.
type notePane struct {
	BaseSide
	played int
}

func (n *notePane) View(w, h int) string { return fit("LESSON: promises", w) }
func (n *notePane) Played(*game.Game)    { n.played++ }
func (n *notePane) Line(w int) string    { return fit("LESSON: promises", w) }
func (n *notePane) Scroll(int)           {}

func TestSidePane(t *testing.T) {
	for _, sz := range [][2]int{{80, 24}, {160, 40}} {
		m := newTestGame(t, sz[0], sz[1])
		side := &notePane{}
		m.board.SetSide(side)
		keys(m, "p", "enter", "space")
		if !strings.Contains(screenOf(m), "LESSON: promises") || side.played != 2 {
			t.Errorf("%v: side pane not shown or not told (%d):\n%s", sz, side.played, screenOf(m))
		}
		checkFits(t, m)
	}
}

// A field that still holds its default is selected when tabbed into:
// typing replaces it; after that, editing works as usual.
func TestProposeFormTypingReplacesTheDefault(t *testing.T) {
	m := newTestGame(t, 80, 24)
	keys(m, "p", "2", "tab")
	if s := screenOf(m); !strings.Contains(s, "typing replaces 2") {
		t.Errorf("the selected default is not said:\n%s", s)
	}
	typeText(m, "17")
	keys(m, "tab")
	typeText(m, "9 EUR")
	s := screenOf(m)
	if !strings.Contains(s, "ballot [17 ") || !strings.Contains(s, `runs: propose P2 17 "9 EUR"`) {
		t.Errorf("typing did not replace the defaults:\n%s", s)
	}
	// Editing after that: backspace takes one character, typing appends.
	keys(m, "backspace")
	typeText(m, "8")
	if got := topOf[*proposeForm](m.board).line(); got != `propose P2 17 "9 EU8"` {
		t.Errorf("editing after typing: %q", got)
	}
	// An arrow key keeps the default and edits it.
	keys(m, "esc", "p", "3", "tab", "right")
	typeText(m, "0")
	if got := topOf[*proposeForm](m.board).line(); got != `propose P3 30 "3 EUR"` {
		t.Errorf("→ then 0: %q, want the default 3 with 0 appended", got)
	}
	// Backspace clears a selected default; a paste replaces it.
	keys(m, "tab", "backspace")
	send(m, tea.PasteMsg{Content: "7 EUR"})
	keys(m, "shift+tab")
	send(m, tea.PasteMsg{Content: "13"})
	if got := topOf[*proposeForm](m.board).line(); got != `propose P3 13 "7 EUR"` {
		t.Errorf("backspace and paste: %q", got)
	}
	keys(m, "enter")
	if got := m.board.g.Steps()[0].Cmd.String(); got != `propose P3 13 "7 EUR"` {
		t.Errorf("the form ran %q", got)
	}
	checkFits(t, m)
}

// Stepping back shows the steps ahead in the title; acting then says at
// once how many were dropped.
func TestDroppedStepsAreSaid(t *testing.T) {
	m := newTestGame(t, 80, 24)
	keys(m, "p", "enter", "space", "space", "space", "left", "left")
	s := screenOf(m)
	if !strings.Contains(s, "step 2 of 4 · 2 ahead") || !strings.Contains(s, "2 more steps ahead") {
		t.Errorf("the steps ahead are not shown:\n%s", s)
	}
	keys(m, "right")
	if s := screenOf(m); !strings.Contains(s, "1 more step ahead") || !strings.Contains(s, "· 1 ahead") {
		t.Errorf("one step ahead is not said so:\n%s", s)
	}
	keys(m, "left", "x") // a new step drops the two ahead
	s = screenOf(m)
	if !strings.Contains(s, "2 steps that were ahead were dropped") || strings.Contains(s, "ahead:") {
		t.Errorf("the dropped steps are not said:\n%s", s)
	}
	if m.board.g.Len() != 3 {
		t.Errorf("history has %d steps, want 3", m.board.g.Len())
	}
	keys(m, "left")
	command(m, "crash A1")
	if s := screenOf(m); !strings.Contains(s, "1 step that was ahead was dropped") {
		t.Errorf("one dropped step is not said:\n%s", s)
	}
	checkFits(t, m)
	keys(m, "space") // acting at the end drops nothing, and says nothing of it
	if s := screenOf(m); strings.Contains(s, "dropped") {
		t.Errorf("a drop is said where none was:\n%s", s)
	}
}

// A ballot stays on the majority meter while its messages are in flight,
// even once its proposer crashed and lost its round.
func TestMeterKeepsABallotWhoseProposerCrashed(t *testing.T) {
	m := newTestGame(t, 80, 24)
	for _, line := range []string{"config acceptors 5", "mode manual", "propose P3 3"} {
		command(m, line)
	}
	keys(m, "a") // the prepares, then the promises
	command(m, "accept P3")
	command(m, "crash P3")
	s := screenOf(m)
	if strings.Contains(s, "no ballot in play yet") || !strings.Contains(s, "  3    votes ░░░┃░░ 0/5 · 5 in flight") {
		t.Errorf("the meter loses ballot 3:\n%s", s)
	}
	keys(m, "space", "space")
	if s := screenOf(m); !strings.Contains(s, "  3    votes 3 EUR ██░┃░░ 2/5") {
		t.Errorf("the meter does not count the votes cast in ballot 3:\n%s", s)
	}
	keys(m, "a")
	if s := screenOf(m); !strings.Contains(s, "  3    votes 3 EUR ███┃██ 5/5 ✓") {
		t.Errorf("the meter does not keep the votes cast in ballot 3:\n%s", s)
	}
	checkFits(t, m)
}

// Saving at a step back writes the whole history, and says so.
func TestSaveMidHistorySaysAllIsSaved(t *testing.T) {
	path := filepath.Join(t.TempDir(), "mid.paxos")
	m := newTestGame(t, 80, 24)
	keys(m, "p", "enter", "space", "space", "space", "left", "left", "left")
	keys(m, "s", "ctrl+u")
	typeText(m, path)
	keys(m, "enter")
	if got := string(mustRead(t, path)); got != m.board.g.Script() || strings.Count(got, "\n") != 4 {
		t.Errorf("saved %q, want the whole history of 4 steps", got)
	}
	s := wordsOf(screenOf(m))
	if !strings.Contains(s, "saved 4 steps to "+path+" — the whole history, including 3 ahead of you; opened, it starts at step 4") {
		t.Errorf("the save does not say it wrote the steps ahead:\n%s", screenOf(m))
	}
	checkFits(t, m)
}

// update gives a message to the model without running the command it
// returns (a tick would wait), and returns that command.
func update(m *Model, msg tea.Msg) tea.Cmd {
	_, cmd := m.Update(msg)
	return cmd
}

// Slow auto-play: A starts it, each tick of the table's clock delivers the
// oldest message as space does, it stops by itself at CHOSEN or when
// nothing is in flight, and any other key stops it; a stopped auto-play
// takes no tick. (A tick of a stopped generation: table.TestAutoPlay.)
func TestAutoPlay(t *testing.T) {
	clock := &table.ManualClock{}
	m := newTest(t, 80, 24)
	m.clock = clock
	keys(m, "enter") // Free play
	if keys(m, "A"); m.board.auto {
		t.Fatal("auto-play started with nothing in flight")
	}
	keys(m, "p", "enter")
	changes, stop := m.board.seat.Subscribe()
	defer stop()
	// tick ticks the table's clock; the board follows the table's signal.
	tick := func() bool {
		t.Helper()
		select {
		case <-changes:
		default:
		}
		if !clock.Tick() {
			return false
		}
		select {
		case <-changes:
		case <-time.After(5 * time.Second):
			t.Fatal("the tick changed nothing")
		}
		send(m, changedMsg{m.board.seat})
		return true
	}
	if keys(m, "A"); !m.board.auto {
		t.Fatal("A does not start auto-play")
	}
	title := func() string { return strings.Split(screenOf(m), "\n")[0] }
	if !strings.Contains(title(), "▶ auto-play") {
		t.Errorf("the title does not show auto-play: %s", title())
	}
	oldest := world(m).InFlight()[0].ID
	if !tick() {
		t.Error("auto-play takes no tick")
	}
	if m.board.g.Len() != 2 {
		t.Fatalf("a tick did not deliver: %d steps", m.board.g.Len())
	}
	if _, still := world(m).Message(oldest); still {
		t.Errorf("the tick did not deliver the oldest message #%d", oldest)
	}
	// Any other key stops it; it takes no tick.
	keys(m, "down")
	if m.board.auto || strings.Contains(title(), "▶ auto-play") {
		t.Errorf("a key did not stop auto-play: %s", title())
	}
	if tick() || m.board.g.Len() != 2 {
		t.Error("a stopped auto-play's tick acted")
	}
	// Again, until CHOSEN: it stops by itself at that step.
	keys(m, "A")
	for i := 0; i < 20 && m.board.auto; i++ {
		tick()
	}
	if m.board.auto || len(world(m).Obs.Chosen) == 0 {
		t.Fatalf("auto-play did not stop at CHOSEN:\n%s", screenOf(m))
	}
	last := m.board.g.Steps()[m.board.g.Cursor()-1]
	chose := false
	for _, e := range last.Events {
		chose = chose || e.Kind() == game.EvChosen
	}
	if !chose || world(m).NumInFlight() == 0 {
		t.Errorf("auto-play did not stop at the very step of CHOSEN (%s)", last.Cmd)
	}
	if s := screenOf(m); !strings.Contains(s, "auto-play stopped: a value is chosen") {
		t.Errorf("the stop is not said:\n%s", s)
	}
	// Then on to the end: it stops when nothing is left in flight.
	keys(m, "A")
	for i := 0; i < 50 && m.board.auto; i++ {
		tick()
	}
	if m.board.auto || world(m).NumInFlight() != 0 || !strings.Contains(screenOf(m), "nothing is in flight") {
		t.Errorf("auto-play did not stop with nothing in flight:\n%s", screenOf(m))
	}
	// ? and q stop it too; A stops it as it started it.
	keys(m, "p", "enter")
	keys(m, "A")
	keys(m, "?")
	if m.board.auto {
		t.Error("? did not stop auto-play")
	}
	keys(m, "esc")
	keys(m, "A")
	keys(m, "A")
	if m.board.auto {
		t.Error("A did not stop auto-play")
	}
	checkFits(t, m)
	// In a lesson, n plays the steps: no auto-play.
	m = newTest(t, 80, 24)
	openLesson(m, 1)
	untilPage(t, m, lessons.KindGoal)
	if update(m, keyMsg("A")) != nil || m.lesson.play.auto {
		t.Error("auto-play started in a lesson")
	}
}

// Issue 22: auto-play from home walks the steps ahead as → does and says
// so; it drops none ("step 3 of 3 · ● unsaved" was the bug), and the
// words change once it delivers the oldest message.
func TestAutoPlayWalksAheadOnTheBoard(t *testing.T) {
	clock := &table.ManualClock{}
	m := newTest(t, 100, 30)
	m.clock = clock
	keys(m, "enter") // Free play
	keys(m, "p", "enter", "space", "space", "home")
	script := m.board.g.Script()
	changes, stop := m.board.seat.Subscribe()
	defer stop()
	tick := func() {
		t.Helper()
		select {
		case <-changes:
		default:
		}
		if !clock.Tick() {
			t.Fatal("auto-play took no tick")
		}
		<-changes
		send(m, changedMsg{m.board.seat})
	}
	if keys(m, "A"); !m.board.auto {
		t.Fatalf("A at step 0 of 3 did not start auto-play:\n%s", screenOf(m))
	}
	if s := screenOf(m); !strings.Contains(s, "the 3 steps ahead") {
		t.Errorf("auto-play does not say it walks the steps ahead:\n%s", s)
	}
	for range 3 {
		tick()
	}
	if g := m.board.g; g.Cursor() != 3 || g.Script() != script {
		t.Fatalf("after 3 ticks: step %d of %d:\n%s", g.Cursor(), g.Len(), g.Script())
	}
	if s := screenOf(m); !strings.Contains(s, "the oldest message every") || strings.Contains(s, "dropped") {
		t.Errorf("at the last step auto-play does not say it delivers the oldest:\n%s", s)
	}
	tick()
	if g := m.board.g; g.Len() != 4 {
		t.Errorf("the fourth tick did not deliver: %d steps", g.Len())
	}
}

// 2 sends the selected proposer's accept requests; with a node other than
// a proposer selected, those of the only proposer that can, or it asks
// for a proposer to be selected.
func TestAcceptKeyFollowsTheSelection(t *testing.T) {
	m := newTestGame(t, 100, 30)
	command(m, "mode manual")
	command(m, "propose P3 3")
	command(m, "propose P4 4")
	keys(m, "a")
	lastCmd := func() string { return m.board.g.Steps()[m.board.g.Cursor()-1].Cmd.String() }
	// P1 is selected: the hint says which proposer to select.
	if s := screenOf(m); !strings.Contains(s, "P3 and P4 have a majority of promises: tab selects one") {
		t.Errorf("the hint does not say to select a proposer:\n%s", s)
	}
	keys(m, "2")
	if !strings.Contains(screenOf(m), "✗ accept P1: P1 is not running a ballot") {
		t.Errorf("2 did not act for the selected P1:\n%s", screenOf(m))
	}
	keys(m, "tab", "tab", "tab", "2") // P4
	if lastCmd() != "accept P4" {
		t.Errorf("2 with P4 selected ran %q", lastCmd())
	}
	keys(m, "tab", "tab") // A1: not a proposer; only P3 can send 2a now
	keys(m, "2")
	if lastCmd() != "accept P3" {
		t.Errorf("2 with A1 selected ran %q, want the only proposer ready, P3", lastCmd())
	}
	n := m.board.g.Len()
	keys(m, "2") // nobody can now
	if m.board.g.Len() != n || !strings.Contains(screenOf(m), "select a proposer (tab) first") {
		t.Errorf("2 with no proposer ready does not ask for one:\n%s", screenOf(m))
	}
	// Two ready and no proposer selected: it asks which.
	m = newTestGame(t, 100, 30)
	command(m, "mode manual")
	command(m, "propose P3 3")
	command(m, "propose P4 4")
	keys(m, "a", "tab", "tab", "tab", "tab", "tab", "2") // A1
	if s := screenOf(m); !strings.Contains(s, "select a proposer (tab) first: P3 and P4 can send 2a now") {
		t.Errorf("2 does not ask which proposer:\n%s", s)
	}
	// Auto mode: 2 is for manual mode.
	m = newTestGame(t, 100, 30)
	keys(m, "tab", "tab", "tab", "tab", "tab", "2")
	if s := screenOf(m); !strings.Contains(s, "2 is for manual mode") {
		t.Errorf("2 in auto mode does not say it is for manual mode:\n%s", s)
	}
}

// A message delivered, dropped or duplicated by key or click is recorded
// in words when they name it alone, by its id otherwise.
func TestKeysRecordReadableCommands(t *testing.T) {
	m := newTestGame(t, 100, 30)
	keys(m, "p", "enter") // P1's prepares #1 #2 #3
	keys(m, "enter")      // #1
	keys(m, "down", "x")  // drops #3 (the selection moved to #2, then down)
	keys(m, "space")      // #2
	keys(m, "d")          // duplicates the selected promise
	keys(m, "enter")      // two promises A1→P1 alike: by id
	var got []string
	for _, s := range m.board.g.Steps() {
		got = append(got, s.Cmd.String())
	}
	want := []string{`propose P1 1 "1 EUR"`, "deliver 1a P1->A1", "drop 1a P1->A3", "deliver 1a P1->A2", "duplicate 1b A1->P1", "deliver #4"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("recorded\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// The same command names the same message when the script is replayed.
	g, err := game.Load("replay", mustParse(t, m.board.g.Script()))
	if err != nil || g.World().Describe() != world(m).Describe() {
		t.Errorf("the script does not replay to the same game: %v", err)
	}
	// Two ballots between the same nodes: the ballot tells them apart.
	m = newTestGame(t, 100, 30)
	command(m, "propose P1")
	command(m, "propose P1")
	keys(m, "enter") // the message that matters: the last step's, ballot 6
	if got := m.board.g.Steps()[2].Cmd.String(); got != "deliver 1a P1->A1 6" {
		t.Errorf("recorded %q, want the ballot to tell the messages apart", got)
	}
}

func mustParse(t *testing.T, src string) []game.Command {
	t.Helper()
	cmds, err := game.Parse("replay", src)
	if err != nil {
		t.Fatal(err)
	}
	return cmds
}

// The words of the screens: help lists every key's aliases, the settings
// say what each rule means, the home screen says what free play will be,
// the lesson menu explains its marks and par, saving proposes a .paxos
// file.
func TestWordsOfTheScreens(t *testing.T) {
	m := newTestGame(t, 120, 40)
	keys(m, "?")
	s := screenOf(m)
	for _, want := range []string{"←/u/pgup", "→/r/ctrl+r/pgdn", "send 2a (manual mode)", "A auto-play"} {
		if !strings.Contains(s, want) {
			t.Errorf("the help lacks %q:\n%s", want, s)
		}
	}
	keys(m, "esc", "s")
	if s := screenOf(m); !strings.Contains(s, "save to: paxos-game.paxos") {
		t.Errorf("the save prompt does not propose a .paxos file:\n%s", s)
	}
	keys(m, "esc")
	m = newTest(t, 80, 24)
	keys(m, "down", "down", "down", "enter") // settings
	s = screenOf(m)
	for _, want := range []string{"unique-ballots        ✓ on · a ballot belongs to one proposer (b mod n)",
		"same-ballot-majority  ✓ on · learners count votes within one ballot"} {
		if !strings.Contains(s, want) {
			t.Errorf("the settings lack %q:\n%s", want, s)
		}
	}
	for range 8 {
		keys(m, "down") // keep-promise
	}
	keys(m, "enter")
	if s := screenOf(m); !strings.Contains(s, "keep-promise          ✗ OFF: unsafe · it votes in any ballot") {
		t.Errorf("a rule off does not say what it means:\n%s", s)
	}
	keys(m, "up", "up", "up", "up", "enter") // phase 2: manual
	keys(m, "esc")
	if s := screenOf(m); !strings.Contains(wordsOf(s), "5 proposers, 3 acceptors, 2 learners · keep-promise off · manual 2a") {
		t.Errorf("the home screen does not say what free play will be:\n%s", s)
	}
	checkFits(t, m)
	keys(m, "up", "up", "enter") // lessons
	if s := screenOf(m); !strings.Contains(s, "✓ done · ● started · ○ not started · par: the fewest actions") {
		t.Errorf("the lesson menu does not explain its marks and par:\n%s", s)
	}
}
