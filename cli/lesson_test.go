package cli

import (
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"paxosgame/lessons"
)

// run is paxosgame lesson args.
func run(t *testing.T, args ...string) (status int, stdout, stderr string) {
	t.Helper()
	return cli(append([]string{"lesson"}, args...)...)
}

func TestCommandLint(t *testing.T) {
	t.Setenv(lessons.ConfigEnv, t.TempDir())
	if st, out, _ := run(t, "lint", "lessons/testdata/example.md"); st != 0 || out != "lessons/testdata/example.md: ok\n" {
		t.Errorf("clean: %d %q", st, out)
	}
	st, _, errOut := run(t, "lint", "lessons/testdata/example.md", "lessons/testdata/lint-mistakes.md")
	if st != 2 || !strings.Contains(errOut, "lessons/testdata/lint-mistakes.md:9:3: unknown command") {
		t.Errorf("mistakes: %d %q", st, errOut)
	}
	if st, _, _ := run(t, "lint"); st != 2 {
		t.Error("lint with no file")
	}
	if st, _, _ := run(t, "lint", "lessons/testdata/none.md"); st != 2 {
		t.Error("lint of a missing file")
	}
}

func TestCommandCheck(t *testing.T) {
	t.Setenv(lessons.ConfigEnv, t.TempDir())
	st, out, errOut := run(t, "check")
	if st != 0 || errOut != "" || strings.Count(out, "\n== ")+1 != len(lessons.Builtins()) {
		t.Errorf("check of the built-ins: %d\n%s%s", st, out, errOut)
	}
	if st, _, _ := run(t, "check", "roles", "lessons/testdata/example.md"); st != 0 {
		t.Error("check by name and by file")
	}
	if st, out, _ := run(t, "check", "-v", "lessons/testdata/example.md"); st != 0 || !strings.Contains(out, "✓ 3. 5 EUR") {
		t.Errorf("check -v prints the transcript: %d\n%s", st, out)
	}
	if st, out, _ := run(t, "check", "lessons/testdata/play-mistakes.md"); st != 1 || !strings.Contains(out, "mistakes") {
		t.Errorf("a lesson that reads but does not play: %d\n%s", st, out)
	}
	if st, _, _ := run(t, "check", "lessons/testdata/lint-mistakes.md"); st != 2 {
		t.Error("a lesson that cannot be read")
	}
}

func TestCommandListAndReset(t *testing.T) {
	dir := t.TempDir()
	t.Setenv(lessons.ConfigEnv, dir)
	st := lessons.OpenStore()
	st.Finish("roles", lessons.Score{})
	st.Finish("challenge-six-eur", lessons.Score{Challenge: true, Complete: true, Actions: 8, Par: 3})

	status, out, _ := run(t, "list")
	if status != 0 || !strings.Contains(out, "  1  roles") || !strings.Contains(out, "best 8, par 3") {
		t.Errorf("list: %d\n%s", status, out)
	}
	for _, line := range strings.Split(out, "\n") {
		if n := len([]rune(line)); n > 80 && !strings.Contains(line, dir) {
			t.Errorf("a line of %d columns: %q", n, line)
		}
	}
	if status, _, _ := run(t, "reset", "roles"); status != 0 || lessons.OpenStore().Get("roles").Status != lessons.NotStarted {
		t.Error("reset roles")
	}
	if status, _, _ := run(t, "reset", "--all"); status != 0 || lessons.OpenStore().Get("challenge-six-eur").Status != lessons.NotStarted {
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
	t.Setenv(lessons.ConfigEnv, dir)
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
	t.Setenv(lessons.ConfigEnv, t.TempDir())
	var got *lessons.Lesson
	var gotOpts lessons.PlayOptions
	defer func(f func(*lessons.Lesson, lessons.PlayOptions, io.Writer, io.Writer) int) { lessonScreen = f }(lessonScreen)
	lessonScreen = func(l *lessons.Lesson, opts lessons.PlayOptions, stdout, stderr io.Writer) int {
		got, gotOpts = l, opts
		return 0
	}
	if st, _, _ := run(t, "play", "4"); st != 0 || got.Name != "unique-ballots" || gotOpts.Store == nil || gotOpts.Watch {
		t.Errorf("play 4: %d %+v %+v", st, got, gotOpts)
	}
	if st, _, _ := run(t, "play", "lessons/testdata/example.md", "--watch"); st != 0 || !gotOpts.Watch || gotOpts.Path != "lessons/testdata/example.md" {
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
	t.Setenv(lessons.ConfigEnv, file)
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
	t.Setenv(lessons.ConfigEnv, dir)
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
	t.Setenv(lessons.ConfigEnv, t.TempDir())
	want := "lessons/testdata/only-title.md:1:3: this lesson has only its title"
	if st, _, errOut := run(t, "lint", "lessons/testdata/only-title.md"); st != 2 || !strings.Contains(errOut, want) {
		t.Errorf("lint: %d %q", st, errOut)
	}
	defer func(f func(*lessons.Lesson, lessons.PlayOptions, io.Writer, io.Writer) int) { lessonScreen = f }(lessonScreen)
	lessonScreen = func(*lessons.Lesson, lessons.PlayOptions, io.Writer, io.Writer) int {
		t.Error("a lesson with no steps is played")
		return 0
	}
	if st, _, errOut := run(t, "play", "lessons/testdata/only-title.md"); st != 2 || !strings.Contains(errOut, want) {
		t.Errorf("play: %d %q", st, errOut)
	}
}

// lesson check says which goals and questions a mistake kept from being
// played, pointing at the mistake, and plays the scenes after it.
func TestCheckPointsAtTheMistakeThatStopsAScene(t *testing.T) {
	t.Setenv(lessons.ConfigEnv, t.TempDir())
	st, out, errOut := run(t, "check", "lessons/testdata/setup-refused.md")
	want := "== lessons/testdata/setup-refused.md: A setup the game refuses stops its scene\n" +
		"   ✗ question at line 8 is not played: the mistake at line 5 stops its scene\n" +
		"   ✗ goal at line 17 is not played: the mistake at line 5 stops its scene\n" +
		"   ✓ goal at line 31 reached by its solution in 2 actions\n" +
		"-- lessons/testdata/setup-refused.md: 1 of 2 goals reached, 0 questions; 1 mistake\n"
	if st != 1 || out != want {
		t.Errorf("status %d, output\n%s\nwant\n%s", st, out, want)
	}
	wantErr := "lessons/testdata/setup-refused.md:5:1: the game refuses this command at this point of the lesson: " +
		"config must come before set: changing the cluster would forget the state set so far; " +
		"fix it or the commands before it. Until then the rest of this scene is not checked\n"
	if errOut != wantErr {
		t.Errorf("stderr\n%s\nwant\n%s", errOut, wantErr)
	}
}

// Issue 23, "a lint that warns": lint exits 0 with warnings, 1 with
// --strict (lessons' TestLintWarnsOfEachWhereItIs has the warnings).
func TestLintWarnsAndExits(t *testing.T) {
	const file = "lessons/testdata/warnings.md"
	st, out, errOut := run(t, "lint", file)
	if st != 0 || out != file+": ok, with 6 warnings\n" || !strings.Contains(errOut, file+":41:1: warning: you expect the answer ballot 22") {
		t.Errorf("lint: %d %q\n%s", st, out, errOut)
	}
	if st, _, _ := run(t, "lint", "--strict", file); st != 1 {
		t.Errorf("lint --strict of a lesson with warnings: %d, want 1", st)
	}
	for _, clean := range []string{"lessons/testdata/example.md", "lessons/testdata/do.md"} {
		if st, out, errOut := run(t, "lint", "--strict", clean); st != 0 || errOut != "" {
			t.Errorf("lint --strict of a clean lesson: %d\n%s%s", st, out, errOut)
		}
	}
	if st, _, _ := run(t, "lint", "--strict", file, "lessons/testdata/lint-mistakes.md"); st != 2 {
		t.Errorf("lint --strict with a mistake: %d, want 2", st)
	}
}

// `lesson lint --par-states N` bounds the search, within a command too,
// and --max-memory its memory; lint prints what it proved of each par, and
// warns of a par it could not prove the fewest, saying which bound stopped
// it (issue 23: it used to say "ok" and exit 0, as if proven): --strict
// exits 1 then.
func TestLintParStatesFlag(t *testing.T) {
	st, out, errOut := run(t, "lint", "--par-states", "20", "lessons/testdata/par-fewest.md")
	if st != 0 || !strings.Contains(errOut, "lessons/testdata/par-fewest.md:59:1: warning: par 7 of the challenge at line 55 is not proven the fewest: no run of 1 command or fewer reaches its goal (9 states searched); runs of 2 would take about 81 states, past the bound of 20 (--par-states raises it)") ||
		!strings.Contains(out, "par 2 of the challenge at line 7 is the fewest") || strings.Contains(out, "not proven") {
		t.Errorf("lint --par-states 20: %d\n%s%s", st, out, errOut)
	}
	st, _, errOut = run(t, "lint", "--par-states", "10", "lessons/testdata/par-fewest.md")
	if st != 0 || !strings.Contains(errOut, "par 2 of the challenge at line 7 is not proven the fewest: no run of 0 commands or fewer reaches its goal (1 state searched); runs of 1 pass the bound of 10 states (--par-states raises it)") {
		t.Errorf("lint --par-states 10: %d\n%s", st, errOut)
	}
	if st, _, _ := run(t, "lint", "--strict", "--par-states", "10", "lessons/testdata/par-fewest.md"); st != 1 {
		t.Errorf("lint --strict of a par not proven: %d, want 1", st)
	}
	st, _, errOut = run(t, "lint", "--max-memory", "1M", "lessons/testdata/par-fewest.md")
	if st != 0 || !strings.Contains(errOut, "pass the memory budget of 1 MB (--max-memory raises it)") {
		t.Errorf("lint --max-memory 1M: %d\n%s", st, errOut)
	}
	for _, bad := range [][]string{{"--par-states"}, {"--par-states", "none", "lessons/testdata/par-fewest.md"}, {"--par-states", "0", "lessons/testdata/par-fewest.md"}} {
		if st, _, errOut := run(t, append([]string{"lint"}, bad...)...); st != 2 || !strings.Contains(errOut, "--par-states takes a number") {
			t.Errorf("lint %v: %d %q", bad, st, errOut)
		}
	}
	if st, _, errOut := run(t, "lint", "--max-memory", "lots", "lessons/testdata/par-fewest.md"); st != 2 || !strings.Contains(errOut, "--max-memory takes a size") {
		t.Errorf("lint --max-memory lots: %d %q", st, errOut)
	}
}
