package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// DESIGN §10: Paxos.tla with TLC's semantics gives TLC's published counts
// for MCPaxosTiny exactly.
func TestCheckSpecGivesTLCsCounts(t *testing.T) {
	status, out, _ := cli("check", "--spec", "--acceptors", "3", "--values", "2", "--max-ballot", "1")
	for _, want := range []string{"23,563 states generated, 3,921 distinct states found", "search is 17.", "Agreement holds in all 3,921 states"} {
		if status != 0 || !strings.Contains(out, want) {
			t.Fatalf("status %d, want %q in:\n%s", status, want, out)
		}
	}
}

// With majority-quorum off, the shortest break is 8 steps; -o writes it and
// run replays it to a VIOLATION.
func TestCheckFindsTheShortestBreakAndRunReplaysIt(t *testing.T) {
	file := write(t, "mq.paxos", "config proposers 2 acceptors 3 learners 1\nrule majority-quorum off\n")
	outFile := filepath.Join(t.TempDir(), "break.paxos")
	status, out, _ := cli("check", file, "--proposers", "P1,P2", "-o", outFile)
	if status != 1 || !strings.Contains(out, "4,309 distinct states, 10,153 transitions, depth 8") ||
		!strings.Contains(out, "VIOLATION: the shortest run that breaks Agreement or Validity, 8 steps") {
		t.Fatalf("status %d:\n%s", status, out)
	}
	script, err := os.ReadFile(outFile)
	if err != nil || !strings.HasSuffix(string(script), "expect violation\n") {
		t.Fatalf("%v:\n%s", err, script)
	}
	if status, out, errOut := cli("run", outFile); status != 0 || !strings.Contains(out, "VIOLATION: Agreement fails") {
		t.Fatalf("run: status %d:\n%s\n%s", status, out, errOut)
	}
}

// Issue 11: "With all rules on, the default exploration says Agreement and
// Validity hold, with its count of states".
func TestCheckVerdictWithAllRulesOn(t *testing.T) {
	if testing.Short() {
		t.Skip("a search of 718,934 states")
	}
	status, out, _ := cli("check")
	if status != 0 || !strings.Contains(out, "Agreement and Validity hold in all 718,934 states (bounds --proposers P1,P2 --ballots 1 --crashes 0 --duplicates 0)") {
		t.Fatalf("status %d:\n%s", status, out)
	}
}

// --symmetry says how many states it saved.
func TestCheckSymmetrySaysWhatItSaved(t *testing.T) {
	file := write(t, "kp.paxos", "config proposers 2 acceptors 3 learners 0\nrule keep-promise off\n")
	status, out, _ := cli("check", file, "--symmetry")
	if status != 1 || !strings.Contains(out, "7,176 distinct states") || !strings.Contains(out, "symmetry: they stand for 40,109 states with the acceptors renamed: 32,933 saved") {
		t.Fatalf("status %d:\n%s", status, out)
	}
}

func TestCheckFind(t *testing.T) {
	status, out, _ := cli("check", "--find", `expect chosen "1 EUR"`)
	if status != 0 || !strings.Contains(out, `found: the shortest run to chosen "1 EUR", 7 steps`) {
		t.Fatalf("status %d:\n%s", status, out)
	}
}

func TestCheckBadInput(t *testing.T) {
	file := write(t, "bad.paxos", "propose P9\n")
	if status, _, errOut := cli("check", file); status != 2 || !strings.Contains(errOut, "bad.paxos:1:") {
		t.Fatalf("status %d: %s", status, errOut)
	}
	if status, _, _ := cli("check", "--ballots", "x"); status != 2 {
		t.Fatalf("status %d", status)
	}
}
