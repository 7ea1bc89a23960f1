package cli

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func write(t *testing.T, name, src string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestMain runs the tests from the repository's root, where a person
// runs paxosgame: the files they name are the paths the README writes.
func TestMain(m *testing.M) {
	if err := os.Chdir(".."); err != nil {
		panic(err)
	}
	os.Exit(m.Run())
}

// cli runs the command line args, with nothing on standard input.
func cli(args ...string) (int, string, string) { return cliIn("", args...) }

// cliIn runs the command line args, with in on standard input.
func cliIn(in string, args ...string) (int, string, string) {
	var out, errOut bytes.Buffer
	status := Run(args, strings.NewReader(in), &out, &errOut)
	return status, out.String(), errOut.String()
}

const cleanRun = `propose P2 17 "5 EUR"
deliver all
expect chosen "5 EUR"
`

// "exit 0 when every expect holds, 1 when one fails (with its line), 2 on
// bad input" (DESIGN §5).
func TestRunExitStatus(t *testing.T) {
	good := write(t, "good.paxos", cleanRun)
	falseExpect := write(t, "false.paxos", cleanRun+"expect chosen \"6 EUR\"\n")
	typo := write(t, "typo.paxos", "propose P2 17\ndelivr all\n")

	if status, out, _ := cli("run", good); status != 0 || !strings.Contains(out, "CHOSEN: 5 EUR") {
		t.Errorf("good script: status %d, transcript:\n%s", status, out)
	}
	status, _, errOut := cli("run", falseExpect)
	if status != 1 || !strings.Contains(errOut, "false.paxos:4:1: expected chosen \"6 EUR\", but 5 EUR is chosen. Chosen: 5 EUR in ballot 17 at step 2, voted by A1, A2.") {
		t.Errorf("false expect: status %d, stderr %q", status, errOut)
	}
	status, _, errOut = cli("run", typo)
	if status != 2 || !strings.Contains(errOut, "typo.paxos:2:1: expected a command") || !strings.Contains(errOut, "did you mean deliver?") {
		t.Errorf("typo: status %d, stderr %q", status, errOut)
	}
}

// "with nothing run past the error": a missing file or a script that
// cannot be run stops the run, and the files after it are not replayed.
func TestRunStopsAtBadInput(t *testing.T) {
	good := write(t, "good.paxos", cleanRun)
	status, out, errOut := cli("run", filepath.Join(t.TempDir(), "missing.paxos"), good)
	if status != 2 || strings.Contains(out, "good.paxos") || !strings.Contains(errOut, "missing.paxos") {
		t.Errorf("missing file: status %d, stdout %q, stderr %q", status, out, errOut)
	}
	refused := write(t, "refused.paxos", "propose P4 42\n")
	status, out, errOut = cli("run", refused, good)
	want := "refused.paxos:1:1: refused: propose P4 42: 42 mod 5 = 2: ballot 42 belongs to P2; P4's next ballot above 42 is 44"
	if status != 2 || strings.Contains(out, "good.paxos") || !strings.Contains(errOut, want) {
		t.Errorf("refused: status %d, stdout %q, stderr %q", status, out, errOut)
	}
}

// "Same input, same output, byte for byte."
func TestRunIsDeterministic(t *testing.T) {
	f := write(t, "duel.paxos", "propose P2 17\npropose P5 20\ndeliver all\npropose P2 22\ndeliver all\n")
	_, first, _ := cli("run", f)
	for range 5 {
		if _, again, _ := cli("run", f); again != first {
			t.Fatalf("second run differs:\n%s\n---\n%s", first, again)
		}
	}
}

func TestUnknownCommand(t *testing.T) {
	if status, _, errOut := cli("fly"); status != 2 || !strings.Contains(errOut, `unknown command "fly"`) {
		t.Errorf("status %d, stderr %q", status, errOut)
	}
}

// "paxosgame: the game (home screen); paxosgame play FILE: the game, with
// a saved script or scenario loaded" (DESIGN §5), and `paxosgame play`
// with no file opens free play (issue 7): each command line opens its
// screen with the files it names.
func TestPlayAndHomeOpenTheirScreens(t *testing.T) {
	defer func(h func(io.Writer, io.Writer) int, p func([]string, io.Writer, io.Writer) int) {
		homeScreen, playScreen = h, p
	}(homeScreen, playScreen)
	var opened string
	homeScreen = func(io.Writer, io.Writer) int { opened = "home"; return 0 }
	playScreen = func(files []string, _, _ io.Writer) int {
		opened = fmt.Sprintf("play %q", files)
		return 0
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{nil, "home"},
		{[]string{"play"}, `play []`},
		{[]string{"play", "duel.paxos"}, `play ["duel.paxos"]`},
	} {
		opened = ""
		if status, _, _ := cli(tc.args...); status != 0 || opened != tc.want {
			t.Errorf("paxosgame %s: status %d, opened %q, want %q", strings.Join(tc.args, " "), status, opened, tc.want)
		}
	}
}

// `paxosgame play --plain [FILE]` and `paxosgame lesson play --plain NAME`
// play line by line from standard input (issue 22), whatever the place
// of --plain; --plain with --watch is refused.
func TestPlainCommandLines(t *testing.T) {
	t.Setenv("PAXOSGAME_CONFIG_DIR", t.TempDir())
	script := write(t, "clean.paxos", cleanRun)
	for _, tc := range []struct {
		args []string
		in   string
		want []string
	}{
		{[]string{"play", "--plain"}, "propose P2\nlook P2\n", []string{"free play", "> propose P2\nP2 starts ballot 2", "> look P2\nP2 is up."}},
		{[]string{"play", script, "--plain"}, "look chosen\n", []string{"The script has 2 steps and stands at step 2", "> look chosen\nChosen: 5 EUR in ballot 17"}},
		{[]string{"lesson", "play", "--plain", "roles"}, "next\nquit\n", []string{"Lesson 1: The roles and a clean run.", "> next\nPage 2 of 11."}},
	} {
		status, out, errOut := cliIn(tc.in, tc.args...)
		if status != 0 || errOut != "" {
			t.Errorf("paxosgame %s: status %d, %s", strings.Join(tc.args, " "), status, errOut)
		}
		for _, want := range tc.want {
			if !strings.Contains(out, want) {
				t.Errorf("paxosgame %s: the output lacks %q:\n%s", strings.Join(tc.args, " "), want, out)
			}
		}
	}
	if status, _, errOut := cli("lesson", "play", "--plain", "--watch", "roles"); status != 2 || !strings.Contains(errOut, "--watch is for the screen") {
		t.Errorf("--plain --watch: status %d, %q", status, errOut)
	}
	if status, _, errOut := cli("play", "--plain", "a", "b"); status != 2 || errOut == "" {
		t.Errorf("play --plain a b: status %d, %q", status, errOut)
	}
}
