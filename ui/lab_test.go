package ui

import (
	"bytes"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"paxosgame/game"
	"paxosgame/internal/long"
	"paxosgame/lessons"
	"paxosgame/table"
)

// labGame is free play at 80×24 on the course's small cluster, with the
// setup lines given.
func labGame(t *testing.T, setup ...string) *Model {
	t.Helper()
	m := newTestGame(t, 80, 24)
	command(m, "config proposers 2 acceptors 3 learners 1")
	for _, l := range setup {
		command(m, l)
	}
	return m
}

// openLabWith opens the lab and types the proposers that may propose.
func openLabWith(t *testing.T, m *Model, proposers string) {
	t.Helper()
	keys(m, "L")
	if !isOpen[*lab](playOf(m)) || !strings.Contains(screenOf(m), "CHECK FROM HERE") {
		t.Fatalf("L did not open the lab:\n%s", screenOf(m))
	}
	keys(m, "tab") // the proposers (the expect lines are skipped: it looks for a break)
	in := &playOf(m).lab.in[labProposers]
	in.SetValue("")
	typeText(m, proposers)
}

// The lab in free play with majority-quorum off finds the shortest break
// (8 steps, as paxosgame check does), sets it ahead of the cursor without
// changing the game, → walks through it narrated to the VIOLATION, and ←
// comes back.
func TestLabFindsABreakAndWalksIt(t *testing.T) {
	m := labGame(t, "rule majority-quorum off")
	before := world(m).Describe()
	openLabWith(t, m, "P1,P2")
	checkFits(t, m)
	keys(m, "enter")
	p := playOf(m)
	s := screenOf(m)
	if p.overlay.open() || !strings.Contains(s, "found: a run of 8 steps that breaks Agreement or Validity") ||
		!strings.Contains(s, "707 states") {
		t.Fatalf("the verdict:\n%s", s)
	}
	if !strings.Contains(s, "step 0 of 8 · 8 ahead") || world(m).Describe() != before {
		t.Errorf("the run is not ahead, or the game changed:\n%s", s)
	}
	checkFits(t, m)
	for range 8 {
		keys(m, "right")
	}
	s = screenOf(m)
	if world(m).Obs.Agreement() || !strings.Contains(s, "VIOLATION at step 8") {
		t.Errorf("→ through the run does not reach the VIOLATION:\n%s", s)
	}
	last := p.g.Steps()[7].Cmd.String()
	if !strings.Contains(s, "8 · "+last) {
		t.Errorf("the story does not narrate step 8 (%s):\n%s", last, s)
	}
	for range 8 {
		keys(m, "left")
	}
	if world(m).Describe() != before || p.g.Cursor() != 0 || p.g.Len() != 8 {
		t.Errorf("← did not come back: at %d of %d", p.g.Cursor(), p.g.Len())
	}
}

// With every rule on, the verdict that nothing breaks, with the count of
// states, and nothing is set ahead.
func TestLabAllRulesOnHolds(t *testing.T) {
	m := labGame(t)
	openLabWith(t, m, "P1")
	keys(m, "enter")
	s := screenOf(m)
	if !strings.Contains(s, "Agreement and Validity hold in all 318 states") ||
		!strings.Contains(playOf(m).status, "(bounds --proposers P1 --ballots 1 --crashes 0 --duplicates 0)") {
		t.Errorf("the verdict:\n%s", s)
	}
	if g := playOf(m).g; g.Len() != 0 {
		t.Errorf("%d steps ahead after a search that found nothing", g.Len())
	}
	checkFits(t, m)
}

// A bad expect line shows its error with its column, keeps the form open,
// and changes nothing; a good one is reached, and → walks there.
func TestLabExpectLines(t *testing.T) {
	m := labGame(t)
	keys(m, "L", "right") // look for expect lines
	keys(m, "tab")        // to them
	before := state(m)
	for _, c := range []struct{ typed, want string }{
		{`chosen "2 EUR`, "✗ expect, column 8: this value has no closing double quote"},
		{`chosen "1 EUR"; A7 voted 1 "1 EUR"`, "✗ expect, column 17: there is no A7"},
		{`ever chosen "1 EUR"`, "✗ expect, column 1: the lab looks for a state"},
		{`chosen "1 EUR"; propose P1`, "✗ expect, column 17:"},
		{` ; `, "type the lines to reach"},
	} {
		playOf(m).lab.in[labExpect].SetValue("")
		typeText(m, c.typed)
		keys(m, "enter")
		s := screenOf(m)
		if !strings.Contains(s, c.want) || !isOpen[*lab](playOf(m)) || state(m) != before {
			t.Errorf("%q: want %q, the form open and nothing changed:\n%s", c.typed, c.want, s)
		}
		checkFits(t, m)
	}
	for playOf(m).lab.field != labProposers {
		keys(m, "shift+tab")
	}
	playOf(m).lab.in[labProposers].SetValue("")
	typeText(m, "P2")
	for playOf(m).lab.field != labExpect {
		keys(m, "tab")
	}
	playOf(m).lab.in[labExpect].SetValue("")
	typeText(m, `chosen "2 EUR"; L1 learned "2 EUR"`)
	keys(m, "enter")
	if s := screenOf(m); !strings.Contains(s, `found: a run of 9 steps to where chosen "2 EUR" and L1 learned "2 EUR" holds`) {
		t.Fatalf("the verdict:\n%s", s)
	}
	keys(m, "end")
	if v, _ := world(m).Obs.ChosenValue(); v != "2 EUR" || !world(m).Learners[0].HasLearned("2 EUR") {
		t.Errorf("the end of the run: chosen %q, L1 learned %v", v, world(m).Learners[0].Last())
	}
}

// esc cancels a search that runs: the verdict says so and nothing is set
// ahead. (The search runs in its own goroutine: the key comes while it
// runs, and the board holds no lock meanwhile.)
func TestLabCancels(t *testing.T) {
	m := newTestGame(t, 80, 24) // 5 proposers, 2 learners: a big space
	keys(m, "L", "tab")
	playOf(m).lab.in[labProposers].SetValue("P1,P2,P3")
	_, cmd := m.Update(keyMsg("enter"))
	p := playOf(m)
	if p.lab.phase != labRunning {
		t.Fatalf("enter did not start the search:\n%s", screenOf(m))
	}
	s := screenOf(m)
	if !strings.Contains(s, "searching for a run that breaks Agreement") || !strings.Contains(s, "esc cancels") {
		t.Errorf("the running lab:\n%s", s)
	}
	checkFits(t, m)
	// Another board of the table acts while the search runs: the lock is free.
	done := make(chan bool)
	go func() { _, err := p.seat.Do(cmdLine(t, "expect in-flight 0")); done <- err == nil }()
	select {
	case ok := <-done:
		if !ok {
			t.Error("expect in-flight 0 failed")
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the table's lock is held while the lab searches")
	}
	keys(m, "esc")
	if s := screenOf(m); !strings.Contains(s, "cancelling") {
		t.Errorf("esc: %s", s)
	}
	run(m, cmd)
	if s := screenOf(m); p.overlay.open() || !strings.Contains(s, "the lab was cancelled after") || p.g.Len() != 0 {
		t.Errorf("after esc:\n%s", s)
	}
}

func cmdLine(t *testing.T, line string) game.Command {
	t.Helper()
	c, ok, err := game.ParseLine(line)
	if err != nil || !ok {
		t.Fatalf("%s: %v", line, err)
	}
	return c
}

// Issue 21: "the lab in free play answers P1,P2 under its cap" — the
// course's cluster, every rule on: the learners and P3 to P5 only listen,
// and the acceptors are renamed. With P3 too, it stops at its cap, within
// a level, and says so.
func TestLabCap(t *testing.T) {
	long.Test(t)
	m := newTestGame(t, 80, 24)
	keys(m, "L") // the explorer's default bounds: P1 and P2 with a ballot each
	if got := playOf(m).lab.in[labProposers].Value(); got != "P1,P2" {
		t.Errorf("the proposers by default: %q", got)
	}
	keys(m, "enter")
	if s := screenOf(m); !strings.Contains(s, "Agreement and Validity hold in all 718,934 states") {
		t.Errorf("the verdict:\n%s", s)
	}
	keys(m, "L", "tab")
	playOf(m).lab.in[labProposers].SetValue("P1,P2,P3")
	keys(m, "enter")
	if s := screenOf(m); !strings.Contains(s, "stopped at the lab's cap of 300,000 states") {
		t.Errorf("the verdict:\n%s", s)
	}
	if st := playOf(m).status; !strings.Contains(st, "states") {
		t.Errorf("the status: %s", st)
	}
}

// In a lesson, the lab opens only at a goal once it is reached, takes only
// the actions the goal allows, and its run is walked with → as the
// student's own moves.
func TestLabInALesson(t *testing.T) {
	m := exampleLesson(t, "../lessons/testdata/example.md")
	keys(m, "L")
	if p := m.lesson.play; p.overlay.open() || !strings.Contains(screenOf(m), "opens at a goal") {
		t.Errorf("the lab on a show page:\n%s", screenOf(m))
	}
	for m.lesson.sess.Step().Kind != lessons.KindGoal {
		keys(m, "1", "n")
	}
	keys(m, "L")
	if !strings.Contains(screenOf(m), "once you reach it") {
		t.Errorf("the lab before the goal is reached:\n%s", screenOf(m))
	}
	command(m, "deliver 2a P2->A1")
	command(m, "deliver 2a P2->A2")
	if reached, _, _ := m.lesson.sess.Reached(); !reached {
		t.Fatalf("the goal is not reached:\n%s", screenOf(m))
	}
	keys(m, "L")
	p := m.lesson.play
	if !isOpen[*lab](p) || p.lab.in[labProposers].Value() != "" {
		t.Fatalf("the lab at a reached goal that allows deliver only: open %v, proposers %q:\n%s",
			isOpen[*lab](p), p.lab.in[labProposers].Value(), screenOf(m))
	}
	keys(m, "tab", "tab", "tab", "tab", "tab") // drops
	keys(m, "right")
	if !strings.Contains(screenOf(m), "this goal does not allow drop") || p.lab.drops {
		t.Errorf("drops at a goal that allows deliver only:\n%s", screenOf(m))
	}
	keys(m, "enter")
	if s := p.status; !strings.Contains(s, "Agreement and Validity hold in all 4 states, each for its renamings of the acceptors, (bounds --proposers none --ballots 1") {
		t.Errorf("the verdict with deliveries only: %s", s)
	}
	keys(m, "L", "tab", "right", "tab") // look for the expect lines
	typeText(m, `L1 learned "5 EUR"`)
	keys(m, "enter")
	s := screenOf(m)
	if !strings.Contains(s, `found: a run of 2 steps to where L1 learned "5 EUR" holds`) {
		t.Fatalf("the verdict:\n%s", s)
	}
	at := p.g.Cursor()
	keys(m, "right", "right")
	if p.g.Cursor() != at+2 || !p.g.World().Learners[0].HasLearned("5 EUR") {
		t.Errorf("→ in the lesson: at %d (want %d), L1 learned %v", p.g.Cursor(), at+2, p.g.World().Learners[0].Last())
	}
	keys(m, "left", "left")
	if p.g.Cursor() != at {
		t.Errorf("← in the lesson: at %d, want %d", p.g.Cursor(), at)
	}
	checkFits(t, m)
}

// Over SSH the lab is off: a student's seat may not set steps ahead; a private game over SSH does not offer it either.
func TestLabIsOffOverSSH(t *testing.T) {
	tb := table.New(game.NewGame(), "room", "")
	defer tb.Close()
	bob, _, err := tb.Student("bob", "", table.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	m := NewRoomBoard(bob, false, false, BoardOptions{Remote: true, Fixed: true})
	send(m, sizeMsg(80, 24))
	keys(m, "L")
	if m.board.overlay.open() || !strings.Contains(screenOf(m), "the lecturer's board does that (set steps ahead)") {
		t.Errorf("a student's L:\n%s", screenOf(m))
	}
	solo := NewSolo(false, false, lessons.OpenStoreIn(t.TempDir()), 0)
	send(solo, sizeMsg(80, 24))
	keys(solo, "enter", "L")
	if solo.board.overlay.open() || !strings.Contains(screenOf(solo), "over SSH it is off") {
		t.Errorf("a private game's L over SSH:\n%s", screenOf(solo))
	}
}

// The lab in a (virtual) terminal of 80×24 without colour: opened, run,
// its run walked to the VIOLATION and back.
func TestLabInATerminal(t *testing.T) {
	tm := teatest.NewTestModel(t, New(true, false), teatest.WithInitialTermSize(80, 24))
	shows := func(s string) {
		t.Helper()
		teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte(s)) },
			teatest.WithDuration(10*time.Second))
	}
	typeLine := func(s string) {
		for _, r := range s {
			if r == ' ' {
				tm.Send(tea.KeyPressMsg{Code: tea.KeySpace, Text: " "})
				continue
			}
			tm.Send(tea.KeyPressMsg{Code: r, Text: string(r)})
		}
	}
	shows("Free play")
	tm.Send(keyMsg("enter"))
	shows("PROPOSERS")
	for _, l := range []string{"config proposers 2 acceptors 3 learners 1", "rule majority-quorum off"} {
		tm.Send(keyMsg(":"))
		typeLine(l)
		tm.Send(keyMsg("enter"))
	}
	shows("majority-quorum")
	tm.Send(keyMsg("L"))
	shows("CHECK FROM HERE")
	tm.Send(keyMsg("tab"))
	typeLine(",P2")
	tm.Send(keyMsg("enter"))
	shows("found: a run of 8 steps")
	for range 8 {
		tm.Send(keyMsg("right"))
	}
	shows("VIOLATION")
	tm.Send(keyMsg("home"))
	shows("0 of 8")
	tm.Send(keyMsg("ctrl+c"))
	tm.Send(keyMsg("y"))
	m := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(*Model)
	if g := m.board.g; g.Cursor() != 0 || g.Len() != 8 {
		t.Errorf("at step %d of %d, want 0 of 8", g.Cursor(), g.Len())
	}
}

// A run found is set ahead only from where the search started: when the
// table moved on meanwhile (another board of a classroom), the lab says so
// and sets nothing.
func TestLabGameMovedOn(t *testing.T) {
	m := labGame(t, "rule majority-quorum off")
	openLabWith(t, m, "P1,P2")
	_, cmd := m.Update(keyMsg("enter"))
	p := playOf(m)
	if _, err := p.seat.Do(cmdLine(t, "propose P1")); err != nil {
		t.Fatal(err)
	}
	run(m, cmd)
	if s := screenOf(m); !strings.Contains(s, "the game moved on while the lab searched") || p.g.Len() != 1 {
		t.Errorf("after the game moved on:\n%s", s)
	}
}

// In a game of one proposer, the form leaves out the default P2.
func TestLabOneProposer(t *testing.T) {
	m := newTestGame(t, 80, 24)
	command(m, "config proposers 1 acceptors 3 learners 1")
	keys(m, "L")
	if got := playOf(m).lab.in[labProposers].Value(); got != "P1" {
		t.Errorf("the proposers of a cluster of one: %q", got)
	}
	keys(m, "enter")
	if s := playOf(m).status; !strings.Contains(s, "Agreement and Validity hold in all") {
		t.Errorf("the verdict: %s", s)
	}
}

// The lab searches from a start a run of Paxos reaches: over one that no
// run reaches (set lines typed at step 0), it says why and what would
// make it one, and searches nothing.
func TestLabRefusesADishonestStart(t *testing.T) {
	m := labGame(t, `set A1 voted 9 "z"`)
	openLabWith(t, m, "P1,P2")
	keys(m, "enter")
	p := playOf(m)
	if p.lab.job != nil || !strings.Contains(p.lab.err, "add set A2 promised 9, since a vote in 9 needs a majority that promised 9") {
		t.Errorf("the lab over a dishonest start: job %v, error %q\n%s", p.lab.job, p.lab.err, screenOf(m))
	}
	checkFits(t, m)
}
