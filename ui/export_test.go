package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"paxosgame/export"
	"paxosgame/game"
	"paxosgame/table"
)

// openBattle is the course's battle, copied to a folder of the test's own and
// opened as `paxosgame play FILE` opens it, at 80×24 with NO_COLOR and
// ASCII marks.
func openBattle(t *testing.T) (m *Model, path string) {
	t.Helper()
	src, err := os.ReadFile(filepath.Join("..", "game", "testdata", "duelling-ballots-17-20-22-42.paxos"))
	if err != nil {
		t.Fatal(err)
	}
	path = filepath.Join(t.TempDir(), "battle.paxos")
	if err := os.WriteFile(path, src, 0o644); err != nil {
		t.Fatal(err)
	}
	g, err := loadScript(path)
	if err != nil {
		t.Fatal(err)
	}
	m = NewWithGame(true, true, g, filepath.Base(path), path)
	send(m, sizeMsg(80, 24))
	return m, path
}

// readFile is a file's text; "" when there is none.
func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	return string(b)
}

// Issue 12: e exports the game on screen. The prompt offers each format
// (tab goes through them, the file's ending follows) and the file beside
// the script; the file written is what export.ExportPart makes of the
// game, the same bytes as `paxosgame export FILE` (cli's
// TestExportIsTheExportKeys).
func TestExportWritesTheGameOnScreen(t *testing.T) {
	m, path := openBattle(t)
	stem := strings.TrimSuffix(path, ".paxos")
	for i, c := range []struct{ format, file string }{
		{"svg", stem + ".svg"},
		{"svg-dark", stem + "-dark.svg"},
		{"markdown", stem + ".md"},
		{"cast", stem + ".cast"},
		{"mermaid", stem + ".mmd"},
	} {
		keys(m, "e")
		if i > 0 {
			keys(m, "tab") // the format after the last one used
		}
		if c.format == "markdown" {
			keys(m, "tab") // past the slide: see TestExportASlideOfAPart
		}
		if p := lineOpen(m.board, "export"); p == nil || exportFormats[m.board.format].name != c.format || p.in.value() != c.file || !shows(m, "export ‹"+c.format+"› to:") {
			t.Fatalf("the prompt does not offer %s to %s:\n%s", c.format, c.file, screenOf(m))
		}
		checkFits(t, m)
		keys(m, "enter")
		want, err := export.ExportPart(c.format, "battle", m.board.g, export.Options{Screen: Cast})
		if err != nil {
			t.Fatal(err)
		}
		if got := readFile(t, c.file); got != want {
			t.Errorf("%s: the file is not export.ExportPart's text:\n%s", c.format, got)
		}
		if !shows(m, fmt.Sprintf("✓ exported steps 1–%d as %s to %s", m.board.g.Len(), c.format, c.file)) {
			t.Errorf("%s: the status does not say what was written:\n%s", c.format, screenOf(m))
		}
	}
	if m.board.Dirty() {
		t.Error("an export made the game unsaved")
	}
}

// The export is the run as the screen shows it: stepped back, the steps
// ahead are left out, and the status says so.
func TestExportUpToTheStepOnScreen(t *testing.T) {
	m, path := openBattle(t)
	keys(m, "left", "left", "left")
	keys(m, "e", "tab", "tab", "tab", "enter") // markdown
	g := m.board.g
	want, err := export.ExportPart("markdown", "battle", g, export.Options{To: g.Cursor()})
	if err != nil {
		t.Fatal(err)
	}
	got := readFile(t, strings.TrimSuffix(path, ".paxos")+".md")
	n := g.Len()
	if got != want || strings.Contains(got, fmt.Sprintf("**%d ·", n)) || !strings.Contains(got, fmt.Sprintf("**%d ·", n-3)) {
		t.Errorf("the export is not the run up to step %d:\n%s", n-3, got)
	}
	if !shows(m, "as on screen (the 3 steps ahead left out: end goes to step") {
		t.Errorf("the status does not say the steps ahead are left out:\n%s", screenOf(m))
	}
	if g.Len() != n || g.Cursor() != n-3 {
		t.Errorf("the export moved the history: step %d of %d", g.Cursor(), g.Len())
	}
}

// "export --from N --to M (and the e key's choice of range) to cut a run"
// (issue 22): pgup and pgdn move the export's first step, up to the step
// on screen, and the line above the prompt says which steps; the slide
// format is the SVG of those steps on a 16:9 slide, refused with the parts
// that fit when they do not.
func TestExportASlideOfAPart(t *testing.T) {
	m, path := openBattle(t)
	keys(m, "home")
	for range 16 {
		keys(m, "right")
	}
	keys(m, "e", "tab", "tab") // slide
	if p := lineOpen(m.board, "export"); p == nil || exportFormats[m.board.format].name != "slide" || !strings.HasSuffix(p.in.value(), "battle-slide.svg") {
		t.Fatalf("the prompt does not offer a slide:\n%s", screenOf(m))
	}
	keys(m, "pgup") // not before step 1
	for range 6 {
		keys(m, "pgdown")
	}
	if !shows(m, "steps 7–16") {
		t.Errorf("the line above the prompt does not say steps 7–16:\n%s", screenOf(m))
	}
	checkFits(t, m)
	keys(m, "enter")
	file := strings.TrimSuffix(path, ".paxos") + "-slide.svg"
	want, err := export.ExportPart("svg", "battle", m.board.g, export.Options{From: 7, To: 16, Slide: true})
	if err != nil {
		t.Fatal(err)
	}
	if got := readFile(t, file); got != want || !strings.Contains(got, `width="1920" height="1080"`) {
		t.Errorf("the slide is not steps 7 to 16:\n%.300s", got)
	}
	if !shows(m, "✓ exported steps 7–16, as on screen") {
		t.Errorf("the status:\n%s", screenOf(m))
	}
	keys(m, "end", "e", "enter") // the slide again
	if !shows(m, "✗ not exported: the run's 44 steps take more rows than a slide holds") {
		t.Errorf("the whole battle on a slide is not refused:\n%s", screenOf(m))
	}
}

// An export never writes over a file without asking: n keeps it, y
// replaces it. An empty name or a folder is refused, and nothing written.
func TestExportAsksBeforeOverwriting(t *testing.T) {
	m, path := openBattle(t)
	file := strings.TrimSuffix(path, ".paxos") + ".svg"
	if err := os.WriteFile(file, []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	keys(m, "e", "enter")
	if !shows(m, file+" exists. Overwrite it with the export? y yes · n no") {
		t.Fatalf("no question:\n%s", screenOf(m))
	}
	keys(m, "n")
	if got := readFile(t, file); got != "mine" {
		t.Fatalf("n: the file was written over: %q", got)
	}
	keys(m, "e", "enter", "y")
	if got := readFile(t, file); !strings.HasPrefix(got, "<svg") && !strings.HasPrefix(got, "<?xml") {
		t.Errorf("y: the file is not the export: %.40q", got)
	}

	dir := t.TempDir()
	keys(m, "e", "ctrl+u", "enter")
	if !shows(m, "✗ give a file name to export to") || lineOpen(m.board, "export") == nil {
		t.Errorf("an empty name: no refusal, or the prompt closed:\n%s", screenOf(m))
	}
	typeText(m, dir)
	keys(m, "enter")
	if !shows(m, "is a folder") || lineOpen(m.board, "export") == nil {
		t.Errorf("a folder: no refusal, or the prompt closed:\n%s", screenOf(m))
	}
	keys(m, "esc")
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("something was written in the folder: %v", entries)
	}
}

// Issue 12: over SSH the export key writes no file on the server: it shows
// the Mermaid and the Markdown text, escaped (nothing raw reaches the
// terminal), to scroll and copy.
func TestExportOverSSHShowsTheText(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	g := game.NewGame()
	for _, line := range []string{"propose P1", "deliver all", "deliver all", "deliver all"} {
		cmd, _, err := game.ParseLine(line)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := g.Exec(cmd); err != nil {
			t.Fatal(err)
		}
	}
	tb := table.New(g, "the \x1b[31mclass", "")
	defer tb.Close()
	student := func() *table.Seat {
		s, _, err := tb.Student("bob", "", table.Limits{})
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	for _, b := range []struct {
		seat *table.Seat
		opts BoardOptions
	}{
		{student(), BoardOptions{Remote: true, Fixed: true}}, // a student's board
		{tb.Solo(false), BoardOptions{Remote: true}},         // a private game over SSH
	} {
		m := NewRoomBoard(b.seat, true, true, b.opts)
		send(m, sizeMsg(80, 24))
		keys(m, "e")
		if m.text == nil {
			t.Fatalf("e over SSH shows no text:\n%s", screenOf(m))
		}
		screen := screenOf(m)
		if !strings.Contains(screen, "sequenceDiagram") || !strings.Contains(screen, "over SSH no file is written") {
			t.Errorf("no Mermaid text:\n%s", screen)
		}
		checkFits(t, m)
		keys(m, "tab")
		screen = screenOf(m)
		if !strings.Contains(screen, `# the \\x1b\[31mclass`) || !strings.Contains(screen, "## Step by step") {
			t.Errorf("tab: no Markdown, or its title not escaped:\n%s", screen)
		}
		if strings.Contains(m.Content(), "\x1b") {
			t.Errorf("an escape code reached the terminal: %q", m.Content())
		}
		keys(m, "end")
		if screen := screenOf(m); !strings.Contains(screen, "```") {
			t.Errorf("end does not scroll to the end of the handout:\n%s", screen)
		}
		keys(m, "home", "down", "pgdown", "up", "pgup")
		checkFits(t, m)
		keys(m, "esc")
		if m.text != nil || !strings.Contains(screenOf(m), "PROPOSERS") {
			t.Errorf("esc does not close the text:\n%s", screenOf(m))
		}
		if !shows(m, "the run up to step 4 was shown as Mermaid and Markdown") {
			t.Errorf("the status does not say what was shown:\n%s", screenOf(m))
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("a board over SSH wrote files: %v", entries)
	}
	if v := tb.Version(); v != 1 { // the student came
		t.Errorf("the export changed the table: version %d", v)
	}
}

// A long line of the text shown over SSH goes on on the next line, every
// character kept, so that what is copied is all there.
func TestShownTextKeepsLongLines(t *testing.T) {
	long := strings.Repeat("0123456789", 20)
	o := &shownText{pages: []textPage{{"x", "    indented\n" + long + "\n"}}}
	lines := o.lines(80)
	if lines[0] != "    indented" {
		t.Errorf("the indent is lost: %q", lines[0])
	}
	if got := strings.Join(lines[1:], ""); got != long || len(lines) != 4 {
		t.Errorf("the long line is not kept whole in lines of 80: %q", lines[1:])
	}
	// Between words where it can: the space starts the next line.
	text := "- CHOSEN: 1 EUR in ballot 1, voted by A1, A2. No acceptor knows it yet: each knows only its own vote."
	lines = breakLine(text, 80)
	if strings.Join(lines, "") != text || !strings.HasPrefix(lines[1], " ") || !strings.HasSuffix(lines[0], "each") {
		t.Errorf("not broken between words, every character kept: %q", lines)
	}
}

// A game longer than an export draws exports its last export.MaxSteps
// steps up to the one on screen, unless pgup asks for more.
func TestExportOfALongGame(t *testing.T) {
	t.Chdir(t.TempDir())
	g, err := game.Open("long.paxos", strings.Repeat("propose P1\ndeliver all\n", 501))
	if err != nil {
		t.Fatal(err)
	}
	m := NewWithGame(true, true, g, "long.paxos", "long.paxos")
	send(m, sizeMsg(100, 30))
	keys(m, "e")
	if !shows(m, "steps 3–1002") {
		t.Errorf("the export is not of the last 1,000 steps:\n%s", screenOf(m))
	}
	keys(m, "enter")
	if !shows(m, "✓ exported steps 3–1002 as svg to long.svg") {
		t.Errorf("not exported:\n%s", screenOf(m))
	}
	keys(m, "e", "pgup", "enter")
	if !shows(m, "✗ not exported: steps 2 to 1002 are 1001, and an export draws at most 1000") {
		t.Errorf("1,001 steps exported:\n%s", screenOf(m))
	}
}
