package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"paxosgame/export"
	"paxosgame/game"
	"paxosgame/ui"
)

// battle is the course's battle of proposers, the examples' run.
const battle = "game/testdata/duelling-ballots-17-20-22-42.paxos"

// Exporting twice gives the same bytes, to standard output or to -o.
func TestExportCastTwice(t *testing.T) {
	dir := t.TempDir()
	var casts []string
	for _, name := range []string{"a.cast", "b.cast"} {
		out := filepath.Join(dir, name)
		if status, _, errOut := cli("export", "--format", "cast", battle, "-o", out, "--pace", "500ms"); status != 0 {
			t.Fatalf("status %d: %s", status, errOut)
		}
		b, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		casts = append(casts, string(b))
	}
	if casts[0] != casts[1] || !strings.HasPrefix(casts[0], `{"version":2,"width":100,"height":30,`) || !strings.Contains(casts[0], "\n[0.500, \"o\", ") {
		t.Errorf("two exports differ, or not at 100x30 every 0.5 s:\n%.200s", casts[0])
	}
}

// Bad input is exit 2 with a message that names it, and nothing written.
func TestExportBadInput(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out.cast")
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--format", "cast", battle, "--size", "60x20"}, "--size 60x20: from 80x24 to 300x100"},
		{[]string{"--format", "cast", battle, "--size", "big"}, `--size "big": want WIDTHxHEIGHT`},
		{[]string{"--format", "cast", battle, "--size", "301x30"}, "--size 301x30"},
		{[]string{"--format", "cast", battle, "--pace", "50ms"}, "--pace 50ms: from 100ms to 10s"},
		{[]string{"--format", "cast", battle, "--pace", "11s"}, "--pace 11s"},
		{[]string{"--format", "cast", battle, "--pace", "soon"}, `--pace "soon": want a duration`},
		{[]string{"--format", "svg", battle, "--size", "100x30"}, "--size goes with --format cast"},
		{[]string{"--format", "mermaid", battle, "--pace", "1s"}, "--pace goes with --format cast"},
		{[]string{"--format", "cast", filepath.Join(dir, "missing.paxos")}, "missing.paxos"},
		{[]string{"--format", "cast", write(t, "bad.paxos", "propose P9 1\n")}, "bad.paxos"},
		{[]string{"--format", "cast", write(t, "long.paxos", strings.Repeat("propose P1\ndeliver all\n", 501))}, "the run has 1002 steps, and an export draws at most 1000"},
		// "A 64 MB script (6.1M propose lines) … export --format svg 9.9 GB" (issue 18).
		{[]string{"--format", "svg", write(t, "long.paxos", strings.Repeat("propose P1\ndeliver all\n", 501))}, "the run has 1002 steps, and an export draws at most 1000"},
		{[]string{"--format", "markdown", write(t, "long.paxos", strings.Repeat("propose P1\ndeliver all\n", 501))}, "the run has 1002 steps, and an export draws at most 1000"},
		{[]string{"--format", "svg", write(t, "huge.paxos", strings.Repeat("propose P1\n", 6_100_000))}, "huge.paxos:100001: a script may have at most 100,000 steps"},
		{[]string{"--format", "gif", battle}, `unknown format "gif": one of mermaid, svg, svg-dark, markdown, cast, or exam`},
		{[]string{"--format", "cast"}, "usage: paxosgame export --format mermaid|svg|svg-dark|markdown|cast|exam FILE [-o OUT [--force]] [--from N] [--to M] [--slide] [--all-lanes] [--size 100x30] [--pace 1s] [--at STEP] [--answers] [--title T]"},
		{[]string{"--format", "svg", battle, "--at", "3"}, "--at goes with --format exam"},
		{[]string{"--format", "cast", battle, "--answers"}, "--answers goes with --format exam"},
		{[]string{"--format", "svg", battle, "--title", "T"}, "--title goes with --format markdown or exam"},
		{[]string{"--format", "exam", battle, "--title", "a\u202eb"}, "--title is printable text"},
		{[]string{"--format", "exam", battle, "--at", "99"}, "--at 99: the scenario has 44 steps (0 is its start, once set up)"},
		{[]string{"--format", "exam", write(t, "exam.paxos", "config proposers 2\n# Q?\n# find: expect A9 up\n")}, "exam.paxos:3:16: find: there is no A9"},
		{[]string{"--format", "svg", battle, "--from", "30", "--to", "12"}, "--from 30 --to 12: the run has steps 1 to 44; want 1 ≤ from ≤ to ≤ 44"},
		{[]string{"--format", "svg", battle, "--to", "45"}, "--from 1 --to 45: the run has steps 1 to 44"},
		{[]string{"--format", "svg", battle, "--from", "0"}, "--from 0: steps count from 1"},
		{[]string{"--format", "svg", battle, "--to", "-3"}, "--to -3: steps count from 1"},
		{[]string{"--format", "svg", battle, "--from", "x"}, `invalid value "x" for flag -from`},
		{[]string{"--format", "markdown", battle, "--slide"}, "--slide goes with --format svg or svg-dark"},
		{[]string{"--format", "cast", battle, "--all-lanes"}, "--all-lanes goes with --format mermaid, svg, svg-dark or markdown"},
		{[]string{"--format", "svg", battle, "--slide"}, "the run's 44 steps take more rows than a slide holds at 18 px; steps 1–14, 15–27, 28–37 and 38–44 fit one each: export each with --from and --to"},
		{[]string{"--format", "svg", write(t, "long.paxos", strings.Repeat("propose P1\ndeliver all\n", 501)), "--from", "1", "--to", "1001"}, "steps 1 to 1001 are 1001, and an export draws at most 1000"},
		{[]string{"--format", "cast", battle, battle}, "usage:"},
		{[]string{"--format", "cast", battle, "--size"}, "flag needs an argument: -size"},
	} {
		status, stdout, errOut := cli(append([]string{"export", "-o", out}, tc.args...)...)
		if status != 2 || !strings.Contains(errOut, tc.want) {
			t.Errorf("export %s: status %d, stderr %q, want 2 and %q", strings.Join(tc.args, " "), status, errOut, tc.want)
		}
		if _, err := os.Stat(out); err == nil || stdout != "" {
			t.Errorf("export %s: wrote something", strings.Join(tc.args, " "))
		}
	}
}

// A part of a long run exports, as long as it draws at most 1,000 steps;
// the same part gives the same bytes.
func TestExportPartOfALongRun(t *testing.T) {
	long := write(t, "long.paxos", strings.Repeat("propose P1\ndeliver all\n", 600))
	var outs []string
	for range 2 {
		status, out, errOut := cli("export", "--format", "svg", long, "--from", "1001", "--to", "1010")
		if status != 0 {
			t.Fatalf("status %d: %s", status, errOut)
		}
		outs = append(outs, out)
	}
	if outs[0] != outs[1] || !strings.Contains(outs[0], `>as step 1000 left it<`) {
		t.Errorf("two exports differ, or do not start at step 1000:\n%.600s", outs[0])
	}
}

// The usage names the cast and its flags.
func TestUsageNamesTheCast(t *testing.T) {
	_, out, _ := cli("help")
	if !strings.Contains(out, "markdown|cast FILE [-o OUT]") || !strings.Contains(out, "[--size 100x30] [--pace 1s]") {
		t.Errorf("usage:\n%s", out)
	}
}

// export --format exam writes the sheet, and with --answers its key; -o
// writes it as the other formats do.
func TestExportExam(t *testing.T) {
	out := filepath.Join(t.TempDir(), "exam.md")
	status, _, errOut := cli("export", "--format", "exam", "export/testdata/exam.paxos", "--answers", "--title", "Exam 1", "-o", out)
	text, err := os.ReadFile(out)
	if status != 0 || err != nil || !strings.HasPrefix(string(text), "# Exam 1\n") || !strings.Contains(string(text), "## Answer key") {
		t.Fatalf("status %d, %v, %s\n%s", status, err, errOut, text)
	}
	status, sheet, _ := cli("export", "--format", "exam", "export/testdata/exam.paxos", "--at", "0")
	if status != 0 || !strings.Contains(sheet, "## The state at the start") || strings.Contains(sheet, "Answer key") {
		t.Errorf("status %d:\n%s", status, sheet)
	}
}

// `paxosgame export FILE` writes what the export key (e) of the play
// screen writes of the same game: export.ExportPart's text, the cast
// drawn by ui.Cast (ui's TestExportWritesTheGameOnScreen checks the key's
// side).
func TestExportIsTheExportKeys(t *testing.T) {
	src, err := os.ReadFile(battle)
	if err != nil {
		t.Fatal(err)
	}
	g, err := game.Open(battle, string(src))
	if err != nil {
		t.Fatal(err)
	}
	for _, format := range []string{"mermaid", "svg", "svg-dark", "markdown", "cast"} {
		want, err := export.ExportPart(format, "duelling-ballots-17-20-22-42", g, export.Options{Screen: ui.Cast})
		if err != nil {
			t.Fatal(err)
		}
		if status, out, errOut := cli("export", "--format", format, battle); status != 0 || out != want {
			t.Errorf("%s: not the bytes of the export key (exit %d) %s", format, status, errOut)
		}
	}
}
