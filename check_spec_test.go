package main

import (
	"strings"
	"testing"
)

// --spec --rule NAME off: Paxos.tla weakened as the game is with the rule
// off gives its shortest violation, TLC-style, exit 1.
func TestCheckSpecRuleOff(t *testing.T) {
	status, out, _ := cli("check", "--spec", "--rule", "keep-promise", "off")
	for _, want := range []string{
		"rule keep-promise off: Phase2b(a) votes on any 2a, also below maxBal[a]",
		"Error: Invariant Agreement is violated: v1 is chosen in ballot 0 (2b from {a1, a2}); v2 is chosen in ballot 1 (2b from {a1, a2}).",
		"(a shortest one: 12 steps)",
		"State 13: <Phase2b(a2)>",
		"39,115 states generated, 6,975 distinct states found",
		"VIOLATION: Agreement (at most one value is chosen) fails after 12 steps of Paxos.tla",
	} {
		if status != 1 || !strings.Contains(out, want) {
			t.Fatalf("status %d, want %q in:\n%s", status, want, out)
		}
	}
	// on again: Paxos.tla itself
	if status, out, _ := cli("check", "--spec", "--rule", "keep-promise", "off", "--rule", "keep-promise", "on"); status != 0 || !strings.Contains(out, "Agreement holds in all 3,921 states") {
		t.Fatalf("status %d:\n%s", status, out)
	}
}

func TestCheckRuleFlagBadInput(t *testing.T) {
	for _, args := range [][]string{
		{"check", "--spec", "--rule", "keep-promises", "off"},
		{"check", "--spec", "--rule", "keep-promise"},
		{"check", "--spec", "--rule", "keep-promise", "of"},
		{"check", "--rule", "keep-promise", "off"}, // a game: the rule goes in FILE
	} {
		if status, _, errOut := cli(args...); status != 2 || !strings.Contains(errOut, "rule") {
			t.Errorf("%v: status %d: %s", args, status, errOut)
		}
	}
}
