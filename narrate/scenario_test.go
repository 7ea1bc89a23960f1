package narrate

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// The scenario scripts in game/testdata/ act out the passages of the
// course. Each must pass (every expect holds), and its narrated transcript
// must match game/testdata/<name>.out byte for byte. After a deliberate
// change of the narration, rewrite the transcripts with
//
//	go test ./narrate/ -run TestScenarios -update
//
// and read the diff before committing it.
// scripts is where the scenario scripts are.
const scripts = "../game/testdata"

var update = flag.Bool("update", false, "rewrite the golden transcripts ../game/testdata/*.out")

// scriptFiles lists the game's testdata/*.paxos, in name order.
func scriptFiles(t testing.TB) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(scripts, "*.paxos"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no scenario scripts in testdata/")
	}
	return files
}

func readFile(t testing.TB, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// runScript runs src as `paxosgame run` would and returns status, stdout
// and stderr.
func runScript(name, src string) (int, string, string) {
	var out, errOut bytes.Buffer
	status := Run(&out, &errOut, name, src)
	return status, out.String(), errOut.String()
}

func TestScenarios(t *testing.T) {
	for _, path := range scriptFiles(t) {
		name := filepath.Base(path)
		t.Run(strings.TrimSuffix(name, ".paxos"), func(t *testing.T) {
			src := readFile(t, path)
			if !strings.HasPrefix(src, "# ") {
				t.Errorf("%s must start with a comment saying which passage of the course it acts out", name)
			}
			status, out, errOut := runScript(name, src)
			if status != RunOK {
				t.Fatalf("status %d, want %d; stderr:\n%s", status, RunOK, errOut)
			}
			if errOut != "" {
				t.Errorf("stderr is not empty:\n%s", errOut)
			}
			golden := strings.TrimSuffix(path, ".paxos") + ".out"
			if *update {
				if err := os.WriteFile(golden, []byte(out), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want := readFile(t, golden)
			if out != want {
				t.Errorf("transcript differs from %s (rerun with -update if the change is meant):\n%s", golden, firstDiff(want, out))
			}
		})
	}
}

// firstDiff shows the first line where got leaves want.
func firstDiff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < max(len(wl), len(gl)); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return "line " + strconv.Itoa(i+1) + ":\n  want: " + w + "\n  got:  " + g
		}
	}
	return "(same lines, different bytes)"
}

// Every golden transcript belongs to a script: a renamed or deleted script
// must take its transcript with it.
func TestGoldenFilesHaveScripts(t *testing.T) {
	outs, err := filepath.Glob(filepath.Join(scripts, "*.out"))
	if err != nil {
		t.Fatal(err)
	}
	for _, out := range outs {
		if _, err := os.Stat(strings.TrimSuffix(out, ".out") + ".paxos"); err != nil {
			t.Errorf("%s has no script beside it", out)
		}
	}
}

// "Same input, same output, byte for byte" (DESIGN §5).
func TestRunIsDeterministic(t *testing.T) {
	for _, path := range scriptFiles(t) {
		src := readFile(t, path)
		s1, out1, err1 := runScript(path, src)
		s2, out2, err2 := runScript(path, src)
		if s1 != s2 || out1 != out2 || err1 != err2 {
			t.Errorf("%s: two runs differ", path)
		}
	}
}

const cleanRun = `propose P2 17 "5 EUR"
deliver all
expect chosen "5 EUR"
`

// "1 when one fails (with its line)": the run goes on after a failed
// expect and names every failure with file:line, what was expected, what
// is, and the state that makes it so, in the narrator's words.
func TestRunFalseExpect(t *testing.T) {
	src := cleanRun + "expect chosen \"6 EUR\"\nexpect A1 voted 17 \"5 EUR\"\nexpect P2 phase 1\n"
	status, out, errOut := runScript("false.paxos", src)
	if status != RunFailed {
		t.Fatalf("status %d, want %d", status, RunFailed)
	}
	for _, want := range []string{
		`false.paxos:4:1: expected chosen "6 EUR", but 5 EUR is chosen. Chosen: 5 EUR in ballot 17 at step 2, voted by A1, A2.` + "\n",
		`false.paxos:6:1: expected P2 phase 1, but P2 knows its value is decided. P2 is up. It knows 5 EUR is decided: votes from 3 of 3 in ballot 17.` + "\n",
	} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}
	if strings.Contains(errOut, "false.paxos:5") {
		t.Errorf("stderr names line 5, whose expect holds:\n%s", errOut)
	}
	for _, want := range []string{
		"      expect chosen \"6 EUR\"  ✗ FAILED\n",
		"      expect A1 voted 17 \"5 EUR\"  ✓\n",
		"-- false.paxos: 2 steps, 4 expects, 2 of 4 expects FAILED\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("transcript lacks %q:\n%s", want, out)
		}
	}
}

// "2 for input that cannot be run ... bad syntax": the error names line
// and column, and nothing is run at all.
func TestRunTypo(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{"propose P2 17\ndelivr all\n", "typo.paxos:2:1: expected a command"},
		{"propose P2 17\ndeliver 1b A1-P2\n", `typo.paxos:2:12: expected the sender and receiver such as A1->P2, found "A1-P2"`},
		{"propose P2 17\n  expect P2 phase 3\n", `typo.paxos:2:19: expected a phase (idle, 1, 2, decided, preempted), found "3"`},
		{"propose P2 17 \"5 EUR\n", `typo.paxos:1:15: this value has no closing double quote (")`},
	} {
		status, out, errOut := runScript("typo.paxos", tc.src)
		if status != RunBadInput {
			t.Errorf("%q: status %d, want %d", tc.src, status, RunBadInput)
		}
		if !strings.Contains(errOut, tc.want) {
			t.Errorf("%q: stderr %q lacks %q", tc.src, errOut, tc.want)
		}
		if out != "" {
			t.Errorf("%q: a script with a syntax error ran:\n%s", tc.src, out)
		}
	}
}

// "A command that the protocol forbids (P4 asking for ballot 42 while
// unique-ballots is on ...) is refused with a sentence that teaches why";
// "with nothing run past the error".
func TestRunRefusedCommand(t *testing.T) {
	src := "propose P2 17\ndeliver all\npropose P4 42\ndeliver all\nexpect chosen \"4 EUR\"\n"
	status, out, errOut := runScript("refused.paxos", src)
	if status != RunBadInput {
		t.Fatalf("status %d, want %d", status, RunBadInput)
	}
	want := "refused.paxos:3:1: refused: propose P4 42: 42 mod 5 = 2: ballot 42 belongs to P2; P4's next ballot above 42 is 44"
	if !strings.Contains(errOut, want) {
		t.Errorf("stderr %q lacks %q", errOut, want)
	}
	if !strings.Contains(out, "   2  deliver all\n") {
		t.Errorf("the steps before the refused command did not run:\n%s", out)
	}
	for _, notRun := range []string{"   3  ", "expect chosen", "-- refused.paxos"} {
		if strings.Contains(out, notRun) {
			t.Errorf("the transcript goes past the refused command (%q):\n%s", notRun, out)
		}
	}
}

// Other refusals teach too, and each stops the run with status 2.
func TestRunRefusals(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{"config learners 0\ndrop 1b A1->L1\n", "2:13: refused: drop 1b A1->L1: there is no L1: this cluster has no learners"},
		{"propose P2 17\npropose P2 12\n", "2:1: refused: propose P2 12: P2 already used ballot 17 and a proposer's ballots strictly increase; its next ballot is 22"},
		{"mode manual\npropose P2 17\ndeliver 1a P2->A1\ndeliver 1b A1->P2\naccept P2\n",
			"5:1: refused: accept P2: P2 has promises from 1 of 3 acceptors for ballot 17; it needs a majority of 2 before it may ask for votes"},
		{"propose P2 17\naccept P2\n", "2:1: refused: accept P2: in auto mode P2 sends its accept requests by itself"},
		{"propose P2 17\nrule keep-promise off\n", "2:1: refused: rule keep-promise off: rule is a setup command: it must come before the first action"},
		{"propose P2 17\ndeliver 1b A1->P2\n", "2:1: refused: deliver 1b A1->P2: no message in flight matches 1b A1->P2"},
		{"propose P2 17\nduplicate #1\ndeliver 1a P2->A1\n", "3:1: refused: deliver 1a P2->A1: 2 messages in flight match 1a P2->A1: #1 #4; say which by id"},
		{"propose P2 17\ndeliver #9\n", "2:1: refused: deliver #9: no message #9 is in flight"},
		{"propose P2 17\ndeliver 2a P2->A9\n", "2:16: refused: deliver 2a P2->A9: there is no A9: this cluster has A1 to A3"},
		{"propose P7 17\n", "1:9: refused: propose P7 17: there is no P7: this cluster has P1 to P5"},
		// A node the cluster lacks is shown at its own column, counted
		// in characters after a byte order mark and a value with a euro sign.
		{"\ufeffset A1 voted 3 \"€€\"\n  crash    L7\n", "2:12: refused: crash L7: there is no L7"},
		{"crash A1\ncrash A1\n", "2:1: refused: crash A1: A1 is already down"},
		// Decisions by hand that a rule forbids, or that have nothing to
		// answer (the scenarios hand-*.paxos take the others).
		{"set A1 voted 10 \"5 EUR\"\nset A2 promised 10\nhand A1\npropose P2 17\ndeliver 1a P2->A1\npromise A1 reporting none\n",
			"6:1: refused: promise A1 reporting none: A1 voted 5 EUR in 10; its promise must say so — promise-reports-vote"},
		{"hand A1\npropose P2 17\ndeliver 1a P2->A1\npromise A1 reporting 9 \"6 EUR\"\n",
			"4:1: refused: promise A1 reporting 9 \"6 EUR\": A1 has not voted; its promise must say so — promise-reports-vote"},
		{"set A1 promised 20\nhand A1\npropose P2 17\ndeliver all\npropose P2 22\nvote A1\n",
			"6:1: refused: vote A1: A1 promised not to vote below 20; it may not vote in 17 — keep-promise"},
		{"hand A1\npropose P2 17\ndeliver 1a P2->A1\nvote A1\n", "4:1: refused: vote A1: A1 holds no accept request to vote; it holds #1 1a P2→A1 (prepare 17: promise, refuse, ignore)"},
		{"hand A1\npropose P2 17\ndeliver 1a P2->A1\nvote A1 #1\n", "4:1: refused: vote A1 #1: #1 is not an accept request: A1 cannot vote it"},
		{"hand A1\npropose P2 17\nignore A1 #2\n", "3:1: refused: ignore A1 #2: A1 holds no message #2; a message delivered to it waits here for its decision"},
		{"propose P2 17\ndeliver 1a P2->A1\npromise A1\n", "3:1: refused: promise A1: the game plays A1; to promise for it, play it by hand first (hand A1)"},
		{"hand A1\nhand A1\n", "2:1: refused: hand A1: A1 is already played by hand"},
		{"auto A1\n", "1:1: refused: auto A1: the game plays A1; to auto for it, play it by hand first (hand A1)"},
		{"set A1 voted 10 \"5 EUR\"\nset A2 promised 10\nhand P2\npropose P2 17\ndeliver 1a P2->A1\ndeliver 1a P2->A2\ndeliver all\naccept P2\n",
			"8:1: refused: accept P2: P2 is played by hand: say which value it asks the acceptors to vote for, as in accept P2 \"5 EUR\""},
		{"set A1 voted 10 \"5 EUR\"\nset A2 promised 10\nhand P2\npropose P2 17\ndeliver all\ndeliver all\naccept P2 \"2 EUR\"\n",
			"7:1: refused: accept P2 \"2 EUR\": A1 reported a vote for 5 EUR in 10, the highest among P2's promises; P2 must ask for 5 EUR — adopt-highest-vote"},
		{"hand L1\npropose P2 17\ndeliver all\ndeliver all\ndeliver all\ndeliver all\nlearn L1 \"2 EUR\"\nlearn L1 \"2 EUR\"\n",
			"8:1: refused: learn L1 \"2 EUR\": L1 has already learned 2 EUR"},
		{"hand L1\npropose P2 17\nlearn L1 \"2 EUR\"\n", "3:1: refused: learn L1 \"2 EUR\": L1 heard votes for 2 EUR from 0 acceptors; it needs 2 in the same ballot"},
		{"restart A1\n", "1:1: refused: restart A1: A1 is running; only a crashed node can restart"},
		{"crash P2\npropose P2\n", "2:1: refused: propose P2: P2 is down; restart it first"},
		{"set A1 voted 10 \"5 EUR\"\nconfig acceptors 5\n", "2:1: refused: config acceptors 5: config must come before set"},
		// Ballots stop at paxos.MaxBallot, so that the next ballot of a
		// proposer is always a number (it once overflowed and looped).
		{"set A1 promised 999999999\nset A2 promised 999999999\npropose P2 2\ndeliver all\npropose P2\n", "5:1: refused: propose P2: ballot 1000000002 is too high: ballots go up to 999999999"},
	} {
		status, _, errOut := runScript("r.paxos", tc.src)
		if status != RunBadInput || !strings.Contains(errOut, "r.paxos:"+tc.want) {
			t.Errorf("%q: status %d, stderr %q; want status 2 and %q", tc.src, status, errOut, tc.want)
		}
	}
}

// A message delivered to a crashed node is lost, and the transcript says so.
func TestRunSaysWhenAMessageIsLost(t *testing.T) {
	status, out, _ := runScript("lost.paxos", "propose P2 17\ncrash A1\ndeliver 1a P2->A1\nexpect A1 voted nothing\nexpect in-flight 2\n")
	if status != RunOK {
		t.Fatalf("status %d", status)
	}
	if want := "#1 1a P2→A1 (prepare 17) is lost: A1 is down."; !strings.Contains(out, want) {
		t.Errorf("transcript lacks %q:\n%s", want, out)
	}
}

// "1 when one fails (with its line)", for expect ever and never lines too:
// "expect ever P5 phase 2", "expect never chosen "1 EUR"". Each says at
// which step a never line first held.
func TestRunExpectEverNever(t *testing.T) {
	src := `propose P2 17 "5 EUR"
deliver all
propose P5 20
expect ever P2 phase 2
expect ever P2 phase 1
expect never P5 phase 2
expect never chosen "5 EUR"
expect ever chosen "1 EUR"
`
	status, out, errOut := runScript("ever.paxos", src)
	if status != RunFailed {
		t.Fatalf("status %d, want 1:\n%s%s", status, out, errOut)
	}
	for _, want := range []string{
		"expect ever P2 phase 1  ✓", "expect never P5 phase 2  ✓",
		"expect ever P2 phase 2  ✗ FAILED", // phase 2 and decided within one deliver all: no step ended in phase 2
		`ever.paxos:7:1: expected chosen "5 EUR" at no step, but it held at step 2`,
		`ever.paxos:8:1: expected chosen "1 EUR" at some step, but it held at none`,
	} {
		if !strings.Contains(out+errOut, want) {
			t.Errorf("lacks %q:\n%s%s", want, out, errOut)
		}
	}
}

// Issue 8: "expect A7 promised 3 on three acceptors exits 1; naming a
// node the cluster lacks is bad input, exit 2, wherever it appears."
func TestRunExpectOfANodeTheClusterLacks(t *testing.T) {
	status, _, errOut := runScript("a7.paxos", "propose P1\nexpect A7 promised 3\n")
	if status != RunBadInput || !strings.Contains(errOut, "a7.paxos:2:8: refused: ") || !strings.Contains(errOut, "there is no A7") {
		t.Errorf("status %d, errors %q", status, errOut)
	}
}
