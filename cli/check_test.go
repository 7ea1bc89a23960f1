package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"paxosgame/internal/long"
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
// run replays it to a VIOLATION. The learner only listens: the search
// leaves its deliveries out (--no-reduce takes them, for the same length).
func TestCheckFindsTheShortestBreakAndRunReplaysIt(t *testing.T) {
	file := write(t, "mq.paxos", "config proposers 2 acceptors 3 learners 1\nrule majority-quorum off\n")
	if status, out, _ := cli("check", file, "--no-reduce"); status != 1 || !strings.Contains(out, "4,309 distinct states, 10,153 transitions, depth 8") ||
		!strings.Contains(out, "VIOLATION: the shortest run that breaks Agreement or Validity, 8 steps") {
		t.Fatalf("--no-reduce: status %d:\n%s", status, out)
	}
	outFile := filepath.Join(t.TempDir(), "break.paxos")
	status, out, _ := cli("check", file, "--proposers", "P1,P2", "-o", outFile)
	if status != 1 || !strings.Contains(out, "3,288 distinct states, 3,543 transitions, depth 8") ||
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
// Issue 21: the course's setup, config proposers 5 acceptors 3 learners 2,
// holds in as many states: P3 to P5 and the learners only listen.
func TestCheckVerdictWithAllRulesOn(t *testing.T) {
	long.Test(t)
	course := write(t, "course.paxos", "config proposers 5 acceptors 3 learners 2\n")
	for _, args := range [][]string{{"check"}, {"check", course}} {
		status, out, _ := cli(args...)
		if status != 0 || !strings.Contains(out, "Agreement and Validity hold in all 718,934 states (bounds --proposers P1,P2 --ballots 1 --crashes 0 --duplicates 0)") {
			t.Fatalf("%v: status %d:\n%s", args, status, out)
		}
	}
}

// Issue 18: "Every search has a budget": check (the game, --spec,
// --refines, --forever) stops at --max-states or --max-memory, checked
// within a level, says so with what it searched, and exits 3 — not 1, the
// status of a violation found.
func TestCheckStopsAtItsBudget(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"check", "--max-states", "1000"}, "STOPPED at the bound on states (--max-states 1,000)"},
		{[]string{"check", "--ballots", "5", "--crashes", "3", "--duplicates", "3", "--max-memory", "100M"}, "STOPPED at the memory budget (--max-memory 100 MB)"},
		{[]string{"check", "--spec", "--max-ballot", "4", "--max-states", "20000"}, "STOPPED at the bound on states (--max-states 20,000)"},
		{[]string{"check", "--refines", "--max-states", "500"}, "STOPPED at the bound on states (--max-states 500)"},
		{[]string{"check", "--forever", "--max-states", "2000"}, "STOPPED at the bound on states (--max-states 2,000)"},
	} {
		status, out, errOut := cli(c.args...)
		if status != 3 || !strings.Contains(out, c.want) {
			t.Errorf("%v: status %d, want 3 and %q:\n%s\n%s", c.args, status, c.want, out, errOut)
		}
	}
	for _, args := range [][]string{{"check", "--max-memory", "lots"}, {"check", "--max-states", "0"}, {"check", "--forever", "--crashes", "1"}} {
		if status, _, _ := cli(args...); status != 2 {
			t.Errorf("%v: status %d, want 2", args, status)
		}
	}
}

// Issue 21: "check --forever on the course's setup prints a loop that run
// replays with no value chosen ...; with --proposers P1 it reports none."
func TestCheckForever(t *testing.T) {
	course := write(t, "course.paxos", "config proposers 5 acceptors 3 learners 2\n")
	outFile := filepath.Join(t.TempDir(), "loop.paxos")
	status, out, _ := cli("check", "--forever", course, "-o", outFile)
	if status != 0 || !strings.Contains(out, "LOOP: the shortest run that comes back with every ballot raised by 5 and nothing chosen, 7 steps in and 14 round") ||
		!strings.Contains(out, "every ballot raised by 5: 1 to 6, 2 to 7") {
		t.Fatalf("status %d:\n%s", status, out)
	}
	if status, out, errOut := cli("run", outFile); status != 0 || strings.Contains(out, "CHOSEN") || !strings.Contains(out, "expect nothing-chosen  ✓") {
		t.Fatalf("run: status %d:\n%s\n%s", status, out, errOut)
	}
	if status, out, _ := cli("check", "--forever", course, "--proposers", "P1"); status != 1 || !strings.Contains(out, "no loop within the bounds") {
		t.Fatalf("--proposers P1: status %d:\n%s", status, out)
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

// Issue 23: "Can 8 EUR be chosen?" on the exam scenario, with no bound
// given: check picks them from the scenario, prints them and why before
// it answers, and its no says what it covers. Any bound given is kept as
// given, and nothing is chosen.
func TestCheckChoosesBoundsMidGame(t *testing.T) {
	status, out, _ := cli("check", "export/testdata/exam.paxos", "--find", `expect chosen "8 EUR"`)
	for _, want := range []string{
		"bounds chosen from the scenario: --proposers P3 --ballots 1 --crashes 0 --duplicates 0 --above\n",
		`  - P3: "8 EUR" is voted nowhere and no message or proposer carries it`,
		"  - 1 ballot: 16,268 states, and with 2 about ",
		`no run with P3 proposing up to 1 ballot above those in play, P2 going on with the ballot it runs, nothing failing, reaches chosen "8 EUR" (16,268 states)`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("no %q in:\n%s", want, out)
		}
	}
	if status != 1 {
		t.Errorf("status %d, want 1 (not found)", status)
	}
	status, out, _ = cli("check", "export/testdata/exam.paxos", "--proposers", "P3", "--find", `expect chosen "8 EUR"`)
	if status != 1 || !strings.Contains(out, "bounds: --proposers P3 --ballots 1 --crashes 0 --duplicates 0\n") || strings.Contains(out, "chosen from") ||
		!strings.Contains(out, `no run with P3 proposing up to 1 ballot, P2 going on with the ballot it runs, nothing failing, reaches chosen "8 EUR" (684 states)`) {
		t.Errorf("status %d:\n%s", status, out)
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
