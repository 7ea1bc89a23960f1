package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"paxosgame/lessons"
	"paxosgame/paxos"
)

// lastCmd is the command of the step at the history cursor.
func lastCmd(m *Model) string {
	g := playOf(m).g
	if g.Cursor() == 0 {
		return ""
	}
	return g.Steps()[g.Cursor()-1].Cmd.String()
}

// handGame is free play at w×h with the scene of handScene; P2, the first
// to wait for a decision, is selected.
func handGame(t *testing.T, w, h int) *Model {
	t.Helper()
	m := newTestGame(t, w, h)
	handScene(m)
	if playOf(m).g.Len() != 8 {
		t.Fatalf("the scene did not play:\n%s", screenOf(m))
	}
	return m
}

// h takes the selected node by hand and gives it back; 1 takes its first
// choice, as the command a player would type.
func TestHandKeyThenDecide(t *testing.T) {
	m := newTestGame(t, 100, 30)
	keys(m, "tab", "tab", "tab", "tab", "tab") // A1
	keys(m, "h")
	if lastCmd(m) != "hand A1" || !world(m).Hand(paxos.A(1)) {
		t.Fatalf("h ran %q", lastCmd(m))
	}
	s := screenOf(m)
	for _, want := range []string{"▸A1 ✋ by hand", "✋ A1 is yours: what it receives waits for your decision · h gives it back", "ACCEPTORS  promised · voted · ✋ by hand"} {
		if !strings.Contains(s, want) {
			t.Errorf("the screen lacks %q:\n%s", want, s)
		}
	}
	command(m, "propose P2 17")
	keys(m, "enter") // #1, the prepare to A1
	s = screenOf(m)
	for _, want := range []string{"holds prepare 17 from P2 — decide", "A1 ✋ DECIDES  prepare 17 from P2 (#1): press 1–3 or click",
		"1  promise P2 not to vote below 17; report no vote", "3  ignore it: answer nothing"} {
		if !strings.Contains(s, want) {
			t.Errorf("the screen lacks %q:\n%s", want, s)
		}
	}
	checkFits(t, m)
	keys(m, "1")
	if lastCmd(m) != "promise A1" || world(m).Acceptor(1).Promised != 17 {
		t.Errorf("1 ran %q; A1 promised %d", lastCmd(m), world(m).Acceptor(1).Promised)
	}
	if strings.Contains(screenOf(m), "DECIDES") {
		t.Errorf("the choices still show after the decision:\n%s", screenOf(m))
	}
	keys(m, "h")
	if lastCmd(m) != "auto A1" || world(m).Hand(paxos.A(1)) || !strings.Contains(screenOf(m), "A1 is played by the game again") {
		t.Errorf("h again ran %q:\n%s", lastCmd(m), screenOf(m))
	}
}

// A choice a rule forbids is refused with the rule's reason, on the status
// line, and nothing changes.
func TestForbiddenDecisionIsRefused(t *testing.T) {
	m := handGame(t, 100, 30)
	keys(m, "tab", "tab", "tab", "tab") // A1
	before, n := world(m).Describe(), playOf(m).g.Len()
	keys(m, "2") // promise, hiding the vote
	s := screenOf(m)
	if !strings.Contains(s, "✗ promise A1 reporting none: A1 voted 5 EUR in 10; its promise must say so — promise-reports-vote") {
		t.Errorf("the refusal and its reason do not show:\n%s", s)
	}
	if world(m).Describe() != before || playOf(m).g.Len() != n {
		t.Error("a refused decision changed the game")
	}
	if !strings.Contains(s, "A1 ✋ DECIDES") {
		t.Errorf("the choices went away after a refusal:\n%s", s)
	}
	keys(m, "7")
	if !strings.Contains(screenOf(m), "✗ A1 has 4 choices: 1 to 4") || playOf(m).g.Len() != n {
		t.Errorf("7 of 4 choices:\n%s", screenOf(m))
	}
}

// A node that comes to wait for a decision is selected, unless the
// selected node waits too. Two nodes wait and neither is selected: the hint
// says to select one, and a digit changes nothing.
func TestDecisionsOfSeveralNodes(t *testing.T) {
	m := handGame(t, 100, 30)
	// P2 waited first (a majority promised), then A1 (the prepare reached
	// it): P2 stays selected. Its own value first, then A2's vote, 6 EUR
	// in 9, until A1's promise arrives with 5 EUR in 10.
	if s := screenOf(m); playOf(m).selNode != paxos.P(2) || !strings.Contains(s, "P2 ✋ DECIDES  promises from a majority for 17: pick the value (1–2 or click), or wait for more") ||
		!strings.Contains(s, "2  ask for votes for 6 EUR in 17") {
		t.Errorf("P2's choices do not show:\n%s", s)
	}
	keys(m, "shift+tab") // P1
	n := playOf(m).g.Len()
	if s := screenOf(m); !strings.Contains(s, "P2 and A1 wait for your decision: tab or a click selects one") || strings.Contains(s, "DECIDES") {
		t.Errorf("no hint to select a node:\n%s", s)
	}
	keys(m, "1")
	if playOf(m).g.Len() != n || !strings.Contains(screenOf(m), "✗ P2 and A1 wait for your decision: tab or a click selects one, then 1–9 decide") {
		t.Errorf("1 with two nodes waiting:\n%s", screenOf(m))
	}
	keys(m, "tab", "tab", "tab", "tab", "tab", "1") // A1 promises, reporting 5 EUR in 10
	command(m, "deliver 1b A1->P2")
	// A1 has decided: P2, which waits still, is selected (issue 20: the
	// node that waits for the player's decision is selected).
	if playOf(m).selNode != paxos.P(2) || !strings.Contains(screenOf(m), "P2 ✋ DECIDES") {
		t.Errorf("the selection did not move to P2, which waits:\n%s", screenOf(m))
	}
	f := frameOf(playOf(m))
	for _, h := range f.hits {
		if h.t == (target{node: paxos.P(2)}) {
			send(m, tea.MouseClickMsg{X: h.x0 + 1, Y: h.y, Button: tea.MouseLeft})
			break
		}
	}
	if s := screenOf(m); !strings.Contains(s, "P2 ✋ DECIDES") || !strings.Contains(s, `2  ask for votes for 5 EUR in 17 (A1 reported a vote for it in 10)`) {
		t.Errorf("a click on P2 does not show its choices:\n%s", s)
	}
	keys(m, "2")
	if lastCmd(m) != `accept P2 "5 EUR"` {
		t.Errorf("1 ran %q", lastCmd(m))
	}
	// P2's accept request reaches A1: A1 comes to wait, and is selected.
	command(m, "deliver 2a P2->A1")
	if playOf(m).selNode != paxos.A(1) || !strings.Contains(screenOf(m), `A1 ✋ DECIDES  accept 17 "5 EUR" from P2`) {
		t.Errorf("A1 is not selected when the accept request reaches it:\n%s", screenOf(m))
	}
}

// In manual mode 2 still sends the accept requests of the selected
// proposer played by the game, even while a node played by hand waits.
func TestTwoStillSends2a(t *testing.T) {
	m := newTestGame(t, 100, 30)
	command(m, "mode manual")
	command(m, "hand A3")
	command(m, "propose P1")
	keys(m, "a") // A3 holds the prepare, and is selected; A1 and A2 promised
	if !strings.Contains(screenOf(m), "A3 ✋ DECIDES") {
		t.Fatalf("A3's choices do not show:\n%s", screenOf(m))
	}
	for range 7 {
		keys(m, "shift+tab") // to P1
	}
	keys(m, "2")
	if lastCmd(m) != "accept P1" {
		t.Errorf("2 with P1 selected ran %q", lastCmd(m))
	}
}

// A click on a choice takes it.
func TestClickAChoice(t *testing.T) {
	m := handGame(t, 100, 30)
	keys(m, "tab", "tab", "tab", "tab") // A1
	f := frameOf(playOf(m))
	for _, h := range f.hits {
		if h.t == (target{node: paxos.A(1), choice: 3}) {
			send(m, tea.MouseClickMsg{X: h.x0 + 4, Y: h.y, Button: tea.MouseLeft})
			if lastCmd(m) != "refuse A1" {
				t.Errorf("a click on choice 3 ran %q", lastCmd(m))
			}
			return
		}
	}
	t.Fatalf("choice 3 is nowhere on screen:\n%s", screenOf(m))
}

// The choices draw no escape code under NO_COLOR, and only ASCII in
// ASCII mode, the hand as [H].
func TestHandMarksWithoutColourOrUnicode(t *testing.T) {
	m := New(true, true)
	send(m, sizeMsg(80, 24))
	keys(m, "enter")
	command(m, "hand A1")
	command(m, "propose P2 17")
	command(m, "deliver 1a P2->A1") // A1 is selected
	s := m.Content()
	if strings.Contains(s, "\x1b") {
		t.Errorf("an escape code with NO_COLOR")
	}
	for _, r := range s {
		if r > 127 {
			t.Fatalf("ASCII mode draws %q:\n%s", r, s)
		}
	}
	if !strings.Contains(s, ">A1 [H] promised") || !strings.Contains(s, "A1 [H] DECIDES") {
		t.Errorf("the hand is not marked [H]:\n%s", s)
	}
	checkFits(t, m)
}

// In a lesson 1–9 answer the question when one is asked, and decide
// otherwise; H plays a node by hand (h is the hint).
func TestLessonDigitsAnswerThenDecide(t *testing.T) {
	path := filepath.Join(t.TempDir(), "hand.md")
	os.WriteFile(path, []byte("# By hand\n\nA1 is yours.\n\n```paxos setup\nconfig proposers 5 acceptors 3 learners 2\nhand A1\npropose P2 17\ndeliver 1a P2->A1\n```\n\n"+
		"```paxos predict\n? What has A1 promised?\n- 17\n- nothing\nanswer A1 promised\n```\n\n"+
		"Answer P2's prepare.\n\n```paxos allow\ndeliver promise vote refuse ignore hand\n```\n\n```paxos goal\nexpect A1 promised 17\n```\n\n```paxos solution\npromise A1\n```\n"), 0o644)
	l, err := lessons.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	m := NewWithLesson(false, false, l, lessons.PlayOptions{Path: path, Store: lessons.OpenStore()})
	send(m, sizeMsg(100, 30))
	untilAsked := 0
	for !m.lesson.asking() && untilAsked < 10 {
		keys(m, "n")
		untilAsked++
	}
	if !m.lesson.asking() {
		t.Fatalf("no question:\n%s", screenOf(m))
	}
	if strings.Contains(screenOf(m), "DECIDES") {
		t.Errorf("the choices show while a question takes the digits:\n%s", screenOf(m))
	}
	keys(m, "2") // nothing: right, A1 has not promised yet
	if _, ok := m.lesson.sess.Verdict(); !ok || world(m).Acceptor(1).Promised != 0 {
		t.Fatalf("2 did not answer the question (A1 promised %d)", world(m).Acceptor(1).Promised)
	}
	for m.lesson.sess.Step().Kind != lessons.KindGoal {
		keys(m, "n")
	}
	if s := screenOf(m); !strings.Contains(s, "A1 ✋ DECIDES") {
		t.Fatalf("the goal does not show A1's choices:\n%s", s)
	}
	keys(m, "1")
	if lastCmd(m) != "promise A1" {
		t.Errorf("1 at the goal ran %q:\n%s", lastCmd(m), screenOf(m))
	}
	keys(m, "tab", "H") // A1 was selected, as it waited: A2
	if lastCmd(m) != "hand A2" {
		t.Errorf("H in a lesson ran %q:\n%s", lastCmd(m), screenOf(m))
	}
}
