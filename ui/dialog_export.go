package ui

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"paxosgame/atomicfile"
	"paxosgame/export"
	"paxosgame/game"
	"paxosgame/table"
)

// The export key (e) writes the game on screen as a diagram or a handout
// (package export): its history up to the step on screen, as the story
// and the timeline show it — the steps ahead of an undo are left out,
// end brings them in — from step 1, or a later first step that pgup and
// pgdn choose (export --from). Locally a file, written as a save is:
// atomically, never over a file without asking. Over SSH no file of the
// server is written: the text is shown, to copy.

// exportFormats are the formats the export key offers, as export.ExportPart
// names them, with the end of the file name each suggests; slide is the
// SVG on a 16:9 slide (export --format svg --slide).
var exportFormats = []exportFormat{
	{"mermaid", ".mmd"},
	{"svg", ".svg"},
	{"svg-dark", "-dark.svg"},
	{"slide", "-slide.svg"},
	{"markdown", ".md"},
	{"cast", ".cast"}, // the play screen, step by step, at 100×30 and 1 s a step
}

type exportFormat struct{ name, suffix string }

// defaultFormat is the format the export key offers first: the picture.
const defaultFormat = 1

// newExportDialog opens the export's line: the format (tab, ↑↓; the
// board keeps it between openings), the first step (pgup, pgdn; the run
// from step 1, or its last export.MaxSteps steps), and the file.
func newExportDialog(sc *scene, h host, format *int) *lineDialog {
	k := sc.sh.keys
	x := &exporter{lineDialog: newLineDialog(sc, h, "", ""), format: format}
	x.from = max(1, sc.g.Cursor()-export.MaxSteps+1)
	x.in.open(x.exportLabel(), x.exportPath())
	x.keys = []key.Binding{k.ExportSubmit, k.Cancel, k.Format, k.ExportFrom}
	x.info = x.exportInfo
	x.first = x.formatKey
	x.submit = func(tx *table.Tx, path string) dialog { return x.exportTo(tx, path, false) }
	return x.lineDialog
}

// exporter is the export's choices as its line takes them.
type exporter struct {
	*lineDialog
	format *int // the index in exportFormats: the board's
	from   int  // the first step; the export ends at the step on screen
}

// exportText is the game on screen in format f (an exportFormats name):
// steps from to the cursor. At step 0 it is the start alone.
func exportText(p *scene, f string, from int) (string, error) {
	g := p.g
	o := export.Options{From: from, To: g.Cursor(), Screen: Cast}
	if g.Cursor() == 0 {
		// No step to draw: the start, a game of no steps.
		setup, _ := g.Setup()
		start, err := game.Load("", slices.Clone(setup))
		if err != nil {
			return "", err
		}
		g, o = start, export.Options{Screen: Cast}
	}
	if f == "slide" {
		f, o.Slide = "svg", true
	}
	return export.ExportPart(f, exportTitle(p), g, o)
}

// exportFrom is the export's first step: p.from, within the steps up to
// the cursor.
func (p *exporter) exportFrom() int { return firstStep(p.scene, p.from) }

// firstStep is an export's first step from, within the steps up to the
// cursor.
func firstStep(p *scene, from int) int { return min(max(from, 1), max(p.g.Cursor(), 1)) }

// fromKey moves the export's first step: pgup one step earlier, pgdn one
// later, up to the step on screen.
func (p *exporter) fromKey(msg tea.KeyPressMsg) bool {
	if !key.Matches(msg, p.sh.keys.ExportFrom) {
		return false
	}
	p.from = p.exportFrom()
	if msg.String() == "pgup" {
		p.from = max(p.from-1, 1)
	} else {
		p.from = min(p.from+1, max(p.g.Cursor(), 1))
	}
	p.status = ""
	return true
}

// exportSteps names the steps the export writes: "steps 1–20".
func (p *exporter) exportSteps() string {
	from, cur := p.exportFrom(), p.g.Cursor()
	switch {
	case cur == 0:
		return "the start"
	case from == cur:
		return fmt.Sprintf("step %d", cur)
	}
	return fmt.Sprintf("steps %d–%d", from, cur)
}

// exportTitle names the run in a handout: the file's name without its
// ending, as `paxosgame export FILE` names it (the same file exported at
// its last step gives the same bytes), else the table's title.
func exportTitle(p *scene) string {
	if p.path == "" {
		return p.title
	}
	return strings.TrimSuffix(filepath.Base(p.path), filepath.Ext(p.path))
}

func (p *exporter) exportLabel() string {
	return fmt.Sprintf("export ‹%s› to: ", exportFormats[*p.format].name)
}

// exportPath is the file the prompt suggests: the game's file, or
// paxos-game, with the format's ending.
func (p *exporter) exportPath() string {
	stem := "paxos-game"
	if p.path != "" {
		stem = strings.TrimSuffix(p.path, filepath.Ext(p.path))
	}
	return stem + exportFormats[*p.format].suffix
}

// formatKey: tab and ↓ take the next format, shift+tab and ↑ the one
// before; a file name that ends as the old format's ends as the new one's.
func (p *exporter) formatKey(msg tea.KeyPressMsg) bool {
	if p.fromKey(msg) {
		return true
	}
	k := p.sh.keys
	by := 0
	switch {
	case key.Matches(msg, k.NextField):
		by = 1
	case key.Matches(msg, k.PrevField):
		by = len(exportFormats) - 1
	default:
		return false
	}
	old := exportFormats[*p.format]
	*p.format = (*p.format + by) % len(exportFormats)
	name := p.in.value()
	// "x-dark.svg" ends as svg's ".svg" does, but is svg-dark's name.
	longer := slices.ContainsFunc(exportFormats, func(f exportFormat) bool {
		return len(f.suffix) > len(old.suffix) && strings.HasSuffix(name, f.suffix)
	})
	if stem, ok := strings.CutSuffix(name, old.suffix); ok && !longer {
		p.in.in.SetValue(stem + exportFormats[*p.format].suffix)
		p.in.in.CursorEnd()
	}
	p.in.label = p.exportLabel()
	p.in.setWidth(p.w)
	p.status = ""
	return true
}

// exportInfo is the line above the export's prompt.
func (p *exporter) exportInfo(w int) string {
	names := make([]string, len(exportFormats))
	for i, f := range exportFormats {
		names[i] = f.name
	}
	steps := p.exportSteps()
	formats := "tab or ↑↓: " + strings.Join(names, ", ")
	return firstFit(w,
		steps+", as on screen (pgup/pgdn: first step) · "+formats+" · enter export · esc cancel",
		steps+" (pgup/pgdn) · "+formats+" · esc cancel",
		steps+" (pgup/pgdn) · "+formats,
		steps+" (pgup/pgdn) · tab: "+strings.Join(names, ", "),
		formats)
}

// exportTo writes the game on screen to path in the chosen format: never
// over an existing file unless overwrite (it asks first), never half
// written. It returns what takes the line's place: the line, to fix the
// name; the question whether to overwrite; or nil.
func (p *exporter) exportTo(tx *table.Tx, path string, overwrite bool) dialog {
	name := game.Printable(path)
	if err := tx.May(table.Files); err != nil {
		p.say(true, "✗ not exported: %s", err)
		return nil
	}
	if path == "" {
		p.say(true, "✗ give a file name to export to")
		return p.lineDialog
	}
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		p.say(true, "✗ not exported: %s is a folder; give a file name", name)
		return p.lineDialog
	}
	f := exportFormats[*p.format].name
	text, err := exportText(p.scene, f, p.exportFrom())
	if err == nil {
		err = atomicfile.Write(path, []byte(text), overwrite)
	}
	if errors.Is(err, fs.ErrExist) {
		return p.overwrite(path)
	}
	if err != nil {
		p.say(true, "✗ not exported: %s", game.Printable(err.Error()))
		return nil
	}
	cur, n, steps := p.g.Cursor(), p.g.Len(), p.exportSteps()
	done := func(name string) string {
		if ahead := n - cur; ahead > 0 {
			return fmt.Sprintf("✓ exported %s, as on screen (the %d %s ahead left out: end goes to step %d), as %s to %s",
				steps, ahead, plural(ahead, "step"), n, f, name)
		}
		return fmt.Sprintf("✓ exported %s as %s to %s", steps, f, name)
	}
	msg := done(name)
	if len(wrap(msg, p.w)) > 2 {
		msg = done(game.Printable(filepath.Base(path))) // the path leaves no room
	}
	p.say(false, "%s", msg)
	return nil
}

// overwrite asks whether the export may replace the file at path.
func (p *exporter) overwrite(path string) dialog {
	return &confirm{
		scene: p.scene, host: p.host,
		question: func(w int) []string {
			lines := overwriteQuestion(path, w)
			for i := range lines {
				lines[i] = p.sh.styles.Bad.Render(lines[i])
			}
			return lines
		},
		yes: func(tx *table.Tx) { p.exportTo(tx, path, true) },
		no:  fmt.Sprintf("nothing exported: %s is kept as it was", game.Printable(path)),
	}
}

// overwriteQuestion asks whether the export may replace the file, in at
// most two lines of w cells: with the file's name alone when its path
// leaves no room for the question.
func overwriteQuestion(path string, w int) []string {
	q := nb("Overwrite it with the export?") + " " + nb("y yes · n no")
	for _, name := range []string{path, filepath.Base(path)} {
		if lines := wrap(game.Printable(name)+" exists. "+q, w); len(lines) <= 2 {
			return lines
		}
	}
	return wrapMax(game.Printable(filepath.Base(path))+" exists. "+q, w, 2)
}
