package ui

import (
	"strings"
	"testing"
)

// The proposer's details say which value it will ask for and why, from
// the game's ValueReason: before and after its accept requests, with
// adopt-highest-vote on and off.
func TestProposerWhyLines(t *testing.T) {
	for _, c := range []struct {
		name  string
		lines []string
		want  string
	}{
		{"no vote reported", []string{"mode manual", "propose P2 17 \"7 EUR\"", "deliver 1a P2->A2", "deliver 1b A2->P2"},
			"own value 7 EUR: no vote reported yet"},
		{"will adopt", []string{"mode manual", "set A1 voted 10 \"5 EUR\"", "propose P2 17 \"7 EUR\"", "deliver 1a P2->A1", "deliver 1b A1->P2"},
			"will adopt 5 EUR: A1 voted it in 10, the highest so far"},
		{"adopted", []string{"mode manual", "set A1 voted 10 \"5 EUR\"", "propose P2 17 \"7 EUR\"", "deliver 1a P2->A1", "deliver 1b A1->P2",
			"deliver 1a P2->A2", "deliver 1b A2->P2", "accept P2"},
			"value 5 EUR — adopted: A1 voted it in 10"},
		{"will keep its own", []string{"mode manual", "rule adopt-highest-vote off", "set A1 voted 10 \"5 EUR\"", "propose P2 17 \"7 EUR\"",
			"deliver 1a P2->A1", "deliver 1b A1->P2"},
			"keeps its own 7 EUR although A1 reported 5 EUR"},
		{"kept its own", []string{"rule adopt-highest-vote off", "set A1 voted 10 \"5 EUR\"", "propose P2 17 \"7 EUR\"",
			"deliver 1a P2->A1", "deliver 1b A1->P2", "deliver 1a P2->A2", "deliver 1b A2->P2"},
			"value 7 EUR — its own value, although A1 reported"},
	} {
		t.Run(c.name, func(t *testing.T) {
			m := newTestGame(t, 200, 50)
			for _, l := range c.lines {
				command(m, l)
			}
			if len(playOf(m).g.Steps()) == 0 {
				t.Fatalf("the commands were not run:\n%s", screenOf(m))
			}
			if s := screenOf(m); !strings.Contains(s, c.want) {
				t.Errorf("no %q on screen:\n%s", c.want, s)
			}
		})
	}
}
