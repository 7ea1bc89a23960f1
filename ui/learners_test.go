package ui

import (
	"strings"
	"testing"
)

// learnTwoValues plays issue 7's run on the `:` line: with durable-acceptors
// off, P1's 1 EUR is chosen and learned, A1 and A2 restart blank, and P2's
// 2 EUR is chosen and learned too.
func learnTwoValues(m *Model) {
	for _, line := range []string{
		"rule durable-acceptors off",
		"propose P1", "deliver all",
		"crash A1", "crash A2", "restart A1", "restart A2",
		"propose P2", "deliver all",
	} {
		command(m, line)
	}
}

// rowOf is node id's line ("L1") of the left pane, or "".
func rowOf(m *Model, id string) string {
	for _, line := range strings.Split(screenOf(m), "\n") {
		left, _, _ := strings.Cut(line, "│")
		if m.sh.ascii {
			left, _, _ = strings.Cut(line, "|")
		}
		// The row without its selection mark or the mark of the last step.
		if row := strings.TrimLeft(left, " ▸>◆*"); strings.HasPrefix(row, id+" ") {
			return strings.TrimSpace(row)
		}
	}
	return ""
}

// Issue 7: a learner's row shows every value it learned, "learned 1 EUR,
// then 2 EUR", marked as a violation by a mark and, where it fits, a word:
// not by colour alone (DESIGN §6), so with NO_COLOR and in ASCII too.
func TestLearnerRowShowsEveryValueLearned(t *testing.T) {
	for _, tc := range []struct {
		w, h         int
		noColor, asc bool
		want         string
	}{
		{80, 24, false, false, "L1 ● ✗ learned 1 EUR, then 2 EUR"},
		{120, 40, false, false, "L1 ● ✗ VIOLATION: learned 1 EUR, then 2 EUR"},
		{200, 50, false, false, "L1 ● ✗ VIOLATION: learned 1 EUR (in 1), then 2 EUR (in 2)"},
		{120, 40, true, false, "L1 ● ✗ VIOLATION: learned 1 EUR, then 2 EUR"},
		{100, 30, true, true, "L1 o x VIOLATION: learned 1 EUR, then 2 EUR"},
	} {
		m := New(tc.noColor, tc.asc)
		send(m, sizeMsg(tc.w, tc.h))
		keys(m, "enter") // free play
		learnTwoValues(m)
		checkFits(t, m)
		if got := rowOf(m, "L1"); got != tc.want {
			t.Errorf("%dx%d no-color %v ascii %v: L1's row is %q, want %q\n%s", tc.w, tc.h, tc.noColor, tc.asc, got, tc.want, screenOf(m))
		}
	}
}

// A learner that learned one value keeps its row as it was.
func TestLearnerRowWithOneValue(t *testing.T) {
	m := newTestGame(t, 120, 40)
	command(m, "propose P1")
	command(m, "deliver all")
	if got, want := rowOf(m, "L1"), "L1 ● ✓ learned 1 EUR (in 1)"; got != want {
		t.Errorf("L1's row is %q, want %q", got, want)
	}
}

// A learner that learned a value that was never chosen (same-ballot-majority
// off) is marked as a violation on its row too, not with a ✓.
func TestLearnerRowLearnedUnchosen(t *testing.T) {
	m := newTestGame(t, 120, 40)
	for _, line := range []string{
		"rule same-ballot-majority off",
		`propose P2 17 "8 EUR"`, "deliver 1a P2->A1", "deliver 1a P2->A2", "deliver 1b A1->P2", "deliver 1b A2->P2",
		"deliver 2a P2->A1", "deliver 2b A1->L1 17",
		`propose P5 20 "10 EUR"`, "deliver 1a P5->A2", "deliver 1a P5->A3", "deliver 1b A2->P5", "deliver 1b A3->P5",
		"deliver 2a P5->A2", "deliver 2b A2->L1 20",
		"propose P2 22", "deliver 1a P2->A1 22", "deliver 1a P2->A3 22", "deliver 1b A1->P2 22", "deliver 1b A3->P2 22",
		"deliver 2a P2->A3 22", "deliver 2b A3->L1 22",
	} {
		command(m, line)
	}
	checkFits(t, m)
	if got, want := rowOf(m, "L1"), "L1 ● ✗ VIOLATION: learned 8 EUR, not chosen"; got != want {
		t.Errorf("L1's row is %q, want %q\n%s", got, want, screenOf(m))
	}
}
