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
			"would propose 7 EUR: no vote reported yet"},
		{"no vote reported, sent", []string{"propose P2 17 \"7 EUR\"", "deliver 1a P2->A1", "deliver 1a P2->A2", "deliver 1b A1->P2", "deliver 1b A2->P2"},
			"value 7 EUR — no promise reported a vote, so any value is safe"},
		{"will adopt", []string{"mode manual", "set A1 voted 10 \"5 EUR\"", "set A2 promised 10", "propose P2 17 \"7 EUR\"", "deliver 1a P2->A1", "deliver 1b A1->P2"},
			"will adopt 5 EUR: A1 voted it in 10, the highest so far"},
		{"adopted", []string{"mode manual", "set A1 voted 10 \"5 EUR\"", "set A2 promised 10", "propose P2 17 \"7 EUR\"", "deliver 1a P2->A1", "deliver 1b A1->P2",
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

// A proposer has no favourite price (the course): an idle proposer's row
// says what it would propose if no promise reports a vote, at every width,
// and nothing on the screen says what a proposer "wants".
func TestIdleProposerSaysWhatItWouldPropose(t *testing.T) {
	for _, c := range []struct {
		w, h int
		want string
	}{
		{200, 50, "P1 ● idle · next ballot 1 · would propose 1 EUR"},
		{100, 30, "P1 ● idle · next 1 · would propose 1 EUR"},
		{80, 24, "P1 ● next 1 · would propose 1 EUR"},
	} {
		m := newTestGame(t, c.w, c.h)
		s := screenOf(m)
		if !strings.Contains(s, c.want) {
			t.Errorf("%dx%d: no %q:\n%s", c.w, c.h, c.want, s)
		}
		command(m, "propose P2 17")
		command(m, "deliver all")
		command(m, "deliver all")
		for _, s := range []string{s, screenOf(m)} {
			if strings.Contains(s, "wants") || strings.Contains(s, "own value") {
				t.Errorf("%dx%d: a proposer's value is said to be its own wish:\n%s", c.w, c.h, s)
			}
		}
		checkFits(t, m)
	}
}
