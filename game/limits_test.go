package game

import (
	"errors"
	"strings"
	"testing"

	"paxosgame/paxos"
)

// "A 64 MB script (6.1M propose lines) passes the read limit, then run
// takes 5.3 GB": a script is read up to its limits and no further, and
// the error names the limit (issue 18).
func TestParseStopsAtTheStepLimit(t *testing.T) {
	src := strings.Repeat("propose P1\n", 6_100_000) // 67 MB, the script
	cmds, err := Parse("big.paxos", src)
	var es Errors
	if !errors.As(err, &es) || len(es) != 1 {
		t.Fatalf("errors: %v", err)
	}
	want := "big.paxos:100001: a script may have at most 100,000 steps (actions such as propose and deliver): this is one more; the rest of the script is not read"
	if es[0].Error() != want || es[0].Kind != OutOfRange {
		t.Errorf("error:\n got %s\nwant %s", es[0], want)
	}
	if len(cmds) != MaxSteps {
		t.Errorf("%d commands kept, want %d", len(cmds), MaxSteps)
	}
	if _, err := Open("big.paxos", src); err == nil || !strings.Contains(err.Error(), "at most 100,000 steps") {
		t.Errorf("Open: %v", err)
	}
}

func TestParseLimitsOtherCommands(t *testing.T) {
	src := "propose P1\n" + strings.Repeat("expect agreement\n", MaxOthers+5)
	cmds, err := Parse("x.paxos", src)
	if err == nil || !strings.Contains(err.Error(), "x.paxos:100002: a script may have at most 100,000 commands besides its steps (setup and expect lines)") {
		t.Errorf("error: %v", err)
	}
	if len(cmds) != MaxOthers+1 {
		t.Errorf("%d commands kept", len(cmds))
	}
	// At the limits exactly, a script is read whole.
	src = strings.Repeat("crash A1\nrestart A1\n", MaxSteps/2) + strings.Repeat("expect agreement\n", MaxOthers)
	if cmds, err := Parse("x.paxos", src); err != nil || len(cmds) != MaxSteps+MaxOthers {
		t.Errorf("at the limits: %d commands, %v", len(cmds), err)
	}
}

// A script of nothing but mistakes gets the first maxErrors of them and a
// line that says the rest is not read.
func TestParseStopsAfterManyErrors(t *testing.T) {
	_, err := Parse("bad.paxos", strings.Repeat("delivr all\n", 1_000_000))
	var es Errors
	if !errors.As(err, &es) || len(es) != maxErrors+1 {
		t.Fatalf("%d errors", len(es))
	}
	if got := es[maxErrors].Error(); got != "bad.paxos:100: 100 errors: the rest of the script is not read" {
		t.Errorf("last error: %s", got)
	}
}

// A game holds at most MaxSteps steps, so that what it saves reads back.
func TestGameStopsAtTheStepLimit(t *testing.T) {
	g := NewGame()
	crash, restart := Command{Verb: VCrash, Node: paxos.A(1)}, Command{Verb: VRestart, Node: paxos.A(1)}
	for i := range MaxSteps {
		c := crash
		if i%2 == 1 {
			c = restart
		}
		if _, err := g.Exec(c); err != nil {
			t.Fatalf("step %d: %v", i+1, err)
		}
	}
	_, err := g.Exec(crash)
	var r *Refusal
	if !errors.As(err, &r) || r.Cause != TooManySteps {
		t.Fatalf("step %d: %v", MaxSteps+1, err)
	}
	// An undo makes room again: the step replaces the ones after it.
	if err := g.Jump(MaxSteps - 1); err != nil {
		t.Fatal(err)
	}
	if _, err := g.Exec(restart); err != nil {
		t.Errorf("after an undo: %v", err)
	}
}
