package ui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"
)

// timelineLines is the timeline on screen: its heading, the node names and
// every row down to the first blank line.
func timelineLines(t *testing.T, m *Model) []string {
	t.Helper()
	lines := strings.Split(screenOf(m), "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, "TIMELINE") {
			out := lines[i:]
			for j, r := range out {
				if strings.TrimSpace(r) == "" {
					out = out[:j]
					break
				}
			}
			return out
		}
	}
	t.Fatalf("no timeline on screen:\n%s", screenOf(m))
	return nil
}

// A node's column is drawn up (│) until the step of its crash, down (┊)
// after it: the timeline drew A3 down from step 0, beside A3's own
// promise, once A3 had crashed at step 3.
func TestTimelineNodeUpUntilItsCrash(t *testing.T) {
	m := newTestGame(t, 100, 80)
	for _, c := range []string{"propose P1", "deliver all", "crash A3", "propose P2", "deliver all", "restart A3", "propose P3"} {
		command(m, c)
	}
	keys(m, "t")
	lines := timelineLines(t, m)
	names := []rune(lines[1])
	col := strings.Index(string(names), "A3") // names are ASCII up to A3
	if col < 0 {
		t.Fatalf("no A3 in %q", lines[1])
	}
	col++ // the column's center, under the 3
	phase := "up"
	for _, l := range lines[2:] {
		r := []rune(l)
		if col >= len(r) {
			t.Fatalf("short line %q", l)
		}
		c := r[col]
		switch {
		case strings.Contains(l, "crash A3") && c == '◆':
			phase = "down"
			continue
		case strings.Contains(l, "restart A3") && c == '◆':
			phase = "up again"
			continue
		}
		// Arrows of other nodes may cross the column.
		if c == '┊' && phase != "down" || c == '│' && phase == "down" {
			t.Errorf("A3 %s, drawn %q in: %s", phase, c, l)
		}
	}
	if phase != "up again" {
		t.Errorf("the timeline shows no crash and restart of A3:\n%s", strings.Join(lines, "\n"))
	}
	golden.RequireEqual(t, strings.Join(lines, "\n"))
}
