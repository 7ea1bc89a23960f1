package ui

import (
	"strings"
	"testing"
)

// "A set made while a rule is off stays made with that rule off: the rule
// cannot be switched back on over it (refused, with the reason), and the
// banner says so" (issue 18), at every width.
func TestTheBannerSaysTheStartWasMadeWithARuleOff(t *testing.T) {
	for _, size := range [][2]int{{200, 50}, {80, 24}} {
		m := newTestGame(t, size[0], size[1])
		command(m, "rule keep-promise off")
		command(m, `set A1 voted 9 "z"`)
		if s := screenOf(m); !strings.Contains(s, "✗ a what-if start: set up with keep-promise off, which stays off") {
			t.Errorf("%dx%d: no banner:\n%s", size[0], size[1], s)
		}
		command(m, "rule keep-promise on")
		if s := screenOf(m); !strings.Contains(s, "put rule keep-promise on before the set lines") {
			t.Errorf("%dx%d: rule keep-promise on is not refused with its reason:\n%s", size[0], size[1], s)
		}
	}
	m := newTestGame(t, 200, 50)
	command(m, `set A1 voted 10 "5 EUR"`)
	command(m, `set A2 voted 9 "6 EUR"`)
	if s := screenOf(m); strings.Contains(s, "a what-if start") {
		t.Errorf("a banner over a start made with every rule on:\n%s", s)
	}
}
