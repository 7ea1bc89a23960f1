package lessons

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func run(t *testing.T, args ...string) (status int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	status = Command(args, &out, &errOut)
	return status, out.String(), errOut.String()
}

func TestCommandLint(t *testing.T) {
	t.Setenv(ConfigEnv, t.TempDir())
	if st, out, _ := run(t, "lint", "testdata/example.md"); st != 0 || out != "testdata/example.md: ok\n" {
		t.Errorf("clean: %d %q", st, out)
	}
	st, _, errOut := run(t, "lint", "testdata/example.md", "testdata/lint-mistakes.md")
	if st != 2 || !strings.Contains(errOut, "testdata/lint-mistakes.md:9:3: unknown command") {
		t.Errorf("mistakes: %d %q", st, errOut)
	}
	if st, _, _ := run(t, "lint"); st != 2 {
		t.Error("lint with no file")
	}
	if st, _, _ := run(t, "lint", "testdata/none.md"); st != 2 {
		t.Error("lint of a missing file")
	}
}

func TestCommandCheck(t *testing.T) {
	t.Setenv(ConfigEnv, t.TempDir())
	st, out, errOut := run(t, "check")
	if st != 0 || errOut != "" || strings.Count(out, "\n== ")+1 != len(Builtins()) {
		t.Errorf("check of the built-ins: %d\n%s%s", st, out, errOut)
	}
	if st, _, _ := run(t, "check", "roles", "testdata/example.md"); st != 0 {
		t.Error("check by name and by file")
	}
	if st, out, _ := run(t, "check", "-v", "testdata/example.md"); st != 0 || !strings.Contains(out, "✓ 3. 5 EUR") {
		t.Errorf("check -v prints the transcript: %d\n%s", st, out)
	}
	if st, out, _ := run(t, "check", "testdata/play-mistakes.md"); st != 1 || !strings.Contains(out, "mistakes") {
		t.Errorf("a lesson that reads but does not play: %d\n%s", st, out)
	}
	if st, _, _ := run(t, "check", "testdata/lint-mistakes.md"); st != 2 {
		t.Error("a lesson that cannot be read")
	}
}

func TestCommandListAndReset(t *testing.T) {
	dir := t.TempDir()
	t.Setenv(ConfigEnv, dir)
	st := OpenStore()
	st.Finish("roles", Score{})
	st.Finish("challenge-six-eur", Score{Challenge: true, Complete: true, Actions: 8, Par: 3})

	status, out, _ := run(t, "list")
	if status != 0 || !strings.Contains(out, "  1  roles") || !strings.Contains(out, "best 8, par 3") {
		t.Errorf("list: %d\n%s", status, out)
	}
	for _, line := range strings.Split(out, "\n") {
		if n := len([]rune(line)); n > 80 && !strings.Contains(line, dir) {
			t.Errorf("a line of %d columns: %q", n, line)
		}
	}
	if status, _, _ := run(t, "reset", "roles"); status != 0 || OpenStore().Get("roles").Status != NotStarted {
		t.Error("reset roles")
	}
	if status, _, _ := run(t, "reset", "--all"); status != 0 || OpenStore().Get("challenge-six-eur").Status != NotStarted {
		t.Error("reset --all")
	}
	if status, _, _ := run(t, "reset", "nonsense"); status != 2 {
		t.Error("reset of an unknown lesson")
	}
}

// A damaged progress file: list still works, says so once, and the next
// run finds a fresh file.
func TestCommandWithDamagedProgress(t *testing.T) {
	dir := t.TempDir()
	t.Setenv(ConfigEnv, dir)
	os.WriteFile(filepath.Join(dir, "progress.json"), []byte("\x00garbage"), 0o644)
	status, out, errOut := run(t, "list")
	if status != 0 || !strings.Contains(out, "roles") || strings.Count(errOut, "damaged") != 2 {
		t.Errorf("list with a damaged file: %d\n%s", status, errOut)
	}
	if _, _, errOut := run(t, "list"); errOut != "" {
		t.Errorf("told once: %q", errOut)
	}
}

func TestCommandPlay(t *testing.T) {
	t.Setenv(ConfigEnv, t.TempDir())
	if st, _, errOut := run(t, "play", "roles"); st != 2 || !strings.Contains(errOut, "not ready") {
		t.Errorf("play before the screen is wired: %d %q", st, errOut)
	}
	var got *Lesson
	var gotOpts PlayOptions
	Play = func(l *Lesson, opts PlayOptions, stdout, stderr io.Writer) int {
		got, gotOpts = l, opts
		return 0
	}
	defer func() { Play = nil }()
	if st, _, _ := run(t, "play", "4"); st != 0 || got.Name != "unique-ballots" || gotOpts.Store == nil || gotOpts.Watch {
		t.Errorf("play 4: %d %+v %+v", st, got, gotOpts)
	}
	if st, _, _ := run(t, "play", "testdata/example.md", "--watch"); st != 0 || !gotOpts.Watch || gotOpts.Path != "testdata/example.md" {
		t.Errorf("play --watch: %d %+v", st, gotOpts)
	}
	if st, _, _ := run(t, "play", "roles", "--watch"); st != 2 {
		t.Error("--watch of a built-in lesson")
	}
	if st, _, _ := run(t, "play"); st != 2 {
		t.Error("play with no lesson")
	}
}

// Progress that cannot be forgotten is not said to be: with the config
// directory a regular file, reset says why and exits 1.
func TestCommandResetThatCannotSave(t *testing.T) {
	file := filepath.Join(t.TempDir(), "config")
	os.WriteFile(file, []byte("not a directory"), 0o644)
	t.Setenv(ConfigEnv, file)
	for _, args := range [][]string{{"reset", "--all"}, {"reset", "roles"}} {
		status, out, errOut := run(t, args...)
		if status != 1 || strings.Contains(out, "forgotten") || !strings.Contains(errOut, "could not be forgotten") || !strings.Contains(errOut, "not a directory") {
			t.Errorf("%v: %d %q %q", args, status, out, errOut)
		}
	}
}

// The case of issue 8: one record with an empty status costs that record only.
func TestCommandListWithOneBadRecord(t *testing.T) {
	dir := t.TempDir()
	t.Setenv(ConfigEnv, dir)
	os.WriteFile(filepath.Join(dir, "progress.json"), []byte(`{"version":1,"lessons":{"roles":{"status":"done"},"promises":{"status":""}}}`), 0o644)
	status, out, errOut := run(t, "list")
	if status != 0 || !strings.Contains(errOut, `has a record that cannot be read (lesson "promises" has the status ""`) || !strings.Contains(errOut, "it is dropped and the others kept") {
		t.Errorf("list: %d %q", status, errOut)
	}
	if !regexpMatch(`roles .* done\n`, out) {
		t.Errorf("roles is still done:\n%s", out)
	}
}

func regexpMatch(re, s string) bool { return regexp.MustCompile(re).MatchString(s) }

// A lesson with nothing to play is refused by lint, not first by play.
func TestCommandLintOfATitleAlone(t *testing.T) {
	t.Setenv(ConfigEnv, t.TempDir())
	want := "testdata/only-title.md:1:3: this lesson has only its title"
	if st, _, errOut := run(t, "lint", "testdata/only-title.md"); st != 2 || !strings.Contains(errOut, want) {
		t.Errorf("lint: %d %q", st, errOut)
	}
	Play = func(*Lesson, PlayOptions, io.Writer, io.Writer) int {
		t.Error("a lesson with no steps is played")
		return 0
	}
	defer func() { Play = nil }()
	if st, _, errOut := run(t, "play", "testdata/only-title.md"); st != 2 || !strings.Contains(errOut, want) {
		t.Errorf("play: %d %q", st, errOut)
	}
}
