package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"paxosgame/game"
)

// Input that is not a regular file, or is larger than the game reads, is
// refused at once with exit 2: `run /dev/zero` does not read until memory
// runs out.
func TestRunRefusesWhatIsNotAScript(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.paxos")
	if err := os.WriteFile(big, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(big, game.MaxScriptSize+1); err != nil { // sparse: no disk used
		t.Fatal(err)
	}
	for _, tc := range []struct{ path, want string }{
		{"/dev/zero", "/dev/zero is a device, not a regular file"},
		{dir, dir + " is a directory"},
		{big, big + " is too big: 67108865 bytes, and a script or lesson may have at most 67108864 (64 MB)"},
	} {
		if _, err := os.Stat(tc.path); err != nil {
			t.Logf("%s: %v", tc.path, err)
			continue
		}
		for _, args := range [][]string{{"run", tc.path}, {"lesson", "lint", tc.path}} {
			// Refused for what it is (a device, a directory, its size),
			// before a byte of it is read.
			status, _, errOut := cli(args...)
			if status != 2 || !strings.Contains(errOut, tc.want) {
				t.Errorf("%v: status %d, stderr %q", args, status, errOut)
			}
		}
	}
}

// A file name from outside is shown with its control characters escaped,
// in errors and in the transcript's title.
func TestRunEscapesFileNames(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "evil\x1b[2J.paxos")
	if err := os.WriteFile(name, []byte(cleanRun+"expect chosen \"6 EUR\"\n"), 0o644); err != nil {
		t.Skipf("this file system refuses the name: %v", err)
	}
	status, out, errOut := cli("run", name, filepath.Join(dir, "missing\r.paxos"))
	if status != 2 || strings.ContainsAny(out+errOut, "\x1b\r") {
		t.Errorf("status %d, a raw control character in stdout %q or stderr %q", status, out, errOut)
	}
	if !strings.Contains(out, `evil\x1b[2J.paxos`) || !strings.Contains(errOut, `evil\x1b[2J.paxos:4:1:`) || !strings.Contains(errOut, `missing\r.paxos`) {
		t.Errorf("the names are not shown escaped: stdout %q, stderr %q", out, errOut)
	}
}

// "File names are printed raw by lesson check (its == name header), lesson
// reset, the "no such file" errors of lesson play/check/reset, and serve
// --listen" (issue 18): each is shown escaped, and serve refuses a bad
// address before it makes its host key.
func TestFileNamesFromOutsideAreEscaped(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("PAXOSGAME_CONFIG_DIR", dir)
	evil := "\x1b]52;c;aGk=\x07\x1b[2J\u202e"
	lesson := filepath.Join(dir, "l"+evil+".md")
	if err := os.WriteFile(lesson, []byte("# A lesson\n\nThe roles.\n\n```paxos show\npropose P2\n```\n"), 0o644); err != nil {
		t.Skipf("this file system refuses the name: %v", err)
	}
	missing := filepath.Join(dir, "m"+evil+".md")
	for _, args := range [][]string{
		{"lesson", "check", lesson},
		{"lesson", "reset", lesson},
		{"lesson", "play", missing},
		{"lesson", "check", missing},
		{"lesson", "reset", missing},
		{"lesson", "lint", missing},
		{"run", missing},
		{"export", "--format", "svg", missing},
		{"serve", "--listen", "x" + evil + ":2222"},
		{"serve", "--listen", "127.0.0.1:99999" + evil},
	} {
		_, out, errOut := cli(args...)
		if f, bad := game.FirstFlawInText(strings.ReplaceAll(out+errOut, "\n", " ")); bad {
			t.Errorf("%q: %s %s in stdout %q, stderr %q", args, f.What, f.Why, out, errOut)
		}
		if !strings.Contains(out+errOut, `\x1b]52;c;aGk=\a\x1b[2J\u202e`) {
			t.Errorf("%q: the name is not shown escaped: stdout %q, stderr %q", args, out, errOut)
		}
	}
	if status, _, errOut := cli("serve", "--listen", "127.0.0.1:99999"); status != 2 || !strings.Contains(errOut, "invalid port") {
		t.Errorf("serve --listen 127.0.0.1:99999: %d %q", status, errOut)
	}
	if _, err := os.Stat(filepath.Join(dir, "host_ed25519")); err == nil {
		t.Error("serve with a bad --listen wrote a host key")
	}
}

// "export -o /nonexistent/x.svg creates the directory; -o overwrites the
// source script without asking" (issue 18): -o of export and check never
// makes a directory, replaces a file only with --force, and never the
// script it comes from; nothing is written when it refuses.
func TestOutputFilesAreKeptWhole(t *testing.T) {
	dir := t.TempDir()
	script := filepath.Join(dir, "game.paxos")
	if err := os.WriteFile(script, []byte(cleanRun), 0o644); err != nil {
		t.Fatal(err)
	}
	kept := filepath.Join(dir, "kept.svg")
	os.WriteFile(kept, []byte("mine"), 0o644)
	missingDir := filepath.Join(dir, "nonexistent", "x.svg")
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"export", "--format", "svg", script, "-o", missingDir}, "cannot write " + missingDir + ": there is no directory " + filepath.Dir(missingDir)},
		{[]string{"export", "--format", "svg", script, "-o", kept}, kept + " exists: add --force to replace it"},
		{[]string{"export", "--format", "svg", script, "-o", script, "--force"}, script + " is the script it comes from: write it to another file"},
		{[]string{"check", script, "-o", missingDir}, "-o: cannot write " + missingDir},
		{[]string{"check", script, "-o", kept}, "-o: " + kept + " exists: add --force to replace it"},
		{[]string{"check", script, "-o", script, "--force"}, "-o: " + script + " is the script it comes from"},
	} {
		status, _, errOut := cli(tc.args...)
		if status == 0 || !strings.Contains(errOut, tc.want) {
			t.Errorf("%q: status %d, stderr %q, want %q", tc.args, status, errOut, tc.want)
		}
	}
	if _, err := os.Stat(filepath.Dir(missingDir)); err == nil {
		t.Error("a directory was made")
	}
	if got, _ := os.ReadFile(kept); string(got) != "mine" {
		t.Errorf("an existing file was replaced: %q", got)
	}
	if got, _ := os.ReadFile(script); string(got) != cleanRun {
		t.Errorf("the script was replaced: %q", got)
	}
	if status, _, errOut := cli("export", "--format", "svg", script, "-o", kept, "--force"); status != 0 {
		t.Errorf("with --force: %d %s", status, errOut)
	}
	if got, _ := os.ReadFile(kept); !strings.HasPrefix(string(got), "<svg") && !strings.HasPrefix(string(got), "<?xml") {
		t.Errorf("with --force the file is %.40q", got)
	}
}

// "puts a file name's raw ESC, OSC 52 (clipboard write), BEL and ESC[2J
// into the title — straight to the terminal when written to stdout": the
// Markdown written to standard output holds no such byte.
func TestMarkdownToStdoutOfAnEvilName(t *testing.T) {
	name := filepath.Join(t.TempDir(), "evil\x1b]52;c;aGk=\x07\x1b[2J.paxos")
	if err := os.WriteFile(name, []byte(cleanRun), 0o644); err != nil {
		t.Skipf("this file system refuses the name: %v", err)
	}
	status, out, errOut := cli("export", "--format", "markdown", name)
	if status != 0 || strings.ContainsAny(out, "\x1b\x07") {
		t.Errorf("status %d %s, raw escapes in %.200q", status, errOut, out)
	}
	if !strings.HasPrefix(out, `# evil\\x1b\]52;c;aGk=\\a\\x1b\[2J`) {
		t.Errorf("title: %.80q", out)
	}
}
