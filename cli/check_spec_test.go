package cli

import (
	"os"
	"path/filepath"
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

// --refines: with every rule on, every step of the game's exploration is
// a step of Paxos.tla or a stutter; it says where the game differs.
func TestCheckRefinesHoldsWithEveryRuleOn(t *testing.T) {
	status, out, _ := cli("check", "--refines")
	for _, want := range []string{
		"check --refines (default): is every step of the game a step of Paxos.tla",
		"mapping: maxBal[a], maxVBal[a], maxVal[a] are acceptor a's promise and vote",
		"1,746 distinct states, 6,274 transitions, depth 16",
		"every step is a step of Paxos.tla or a stutter: 6,274 steps from 1,746 states (bounds --proposers P1 --ballots 1 --crashes 0 --duplicates 0)",
		"steps of Paxos.tla: Phase1a 1, Phase1b 99, Phase2a 12, Phase2b 915",
		"stutters: 4,947 (deliver 4,947)",
		"where the game differs from Paxos.tla on purpose:\n  re-promise, 300 steps:",
		"stale promise, 0 steps:",
		"stutters on purpose: the proposers",
	} {
		if status != 0 || !strings.Contains(out, want) {
			t.Fatalf("status %d, want %q in:\n%s", status, want, out)
		}
	}
}

// With a rule off, the shortest run to the first step that is no step of
// Paxos.tla, as a script that run replays; -o writes it.
func TestCheckRefinesRuleOff(t *testing.T) {
	file := write(t, "kp.paxos", "config proposers 2 acceptors 3 learners 0\nrule keep-promise off\n")
	outFile := filepath.Join(t.TempDir(), "step.paxos")
	status, out, _ := cli("check", "--refines", file, "--proposers", "P1,P2", "-o", outFile)
	want := `NOT A STEP OF PAXOS.TLA: the shortest run to a step that no action of Paxos.tla takes, 8 steps:`
	last := `deliver 2a P1->A1
# A1's vote for "1 EUR" in ballot 1 is no Phase2b: A1 promised 2 (maxBal[A1] = 2, above 1; Phase2b needs m.bal >= maxBal[a])
`
	if status != 1 || !strings.Contains(out, "774 distinct states") || !strings.Contains(out, want) || !strings.HasSuffix(out, last) {
		t.Fatalf("status %d:\n%s", status, out)
	}
	script, err := os.ReadFile(outFile)
	if err != nil || !strings.HasSuffix(string(script), last) {
		t.Fatalf("%v:\n%s", err, script)
	}
	if status, out, errOut := cli("run", outFile); status != 0 {
		t.Fatalf("run: status %d:\n%s\n%s", status, out, errOut)
	}
	if status, _, errOut := cli("check", "--refines", "--find", "expect nothing-chosen"); status != 2 || !strings.Contains(errOut, "--refines takes no --find") {
		t.Fatalf("status %d: %s", status, errOut)
	}
}
