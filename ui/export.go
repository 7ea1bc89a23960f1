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

// exportText is the game on screen in format f (an exportFormats name):
// steps p.from to the cursor. At step 0 it is the start alone.
func (p *play) exportText(f string) (string, error) {
	g := p.g
	o := export.Options{From: p.exportFrom(), To: g.Cursor(), Screen: Cast}
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
	return export.ExportPart(f, p.exportTitle(), g, o)
}

// exportFrom is the export's first step: p.from, within the steps up to
// the cursor.
func (p *play) exportFrom() int { return min(max(p.from, 1), max(p.g.Cursor(), 1)) }

// fromKey moves the export's first step: pgup one step earlier, pgdn one
// later, up to the step on screen.
func (p *play) fromKey(msg tea.KeyPressMsg) bool {
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
func (p *play) exportSteps() string {
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
func (p *play) exportTitle() string {
	if p.path == "" {
		return p.title
	}
	return strings.TrimSuffix(filepath.Base(p.path), filepath.Ext(p.path))
}

// openExport opens the export's prompt: the format, and the file; the
// run from step 1, or its last export.MaxSteps steps.
func (p *play) openExport() {
	p.mode, p.from = modeExport, max(1, p.g.Cursor()-export.MaxSteps+1)
	p.input.open(p.exportLabel(), p.exportPath())
}

func (p *play) exportLabel() string {
	return fmt.Sprintf("export ‹%s› to: ", exportFormats[p.format].name)
}

// exportPath is the file the prompt suggests: the game's file, or
// paxos-game, with the format's ending.
func (p *play) exportPath() string {
	stem := "paxos-game"
	if p.path != "" {
		stem = strings.TrimSuffix(p.path, filepath.Ext(p.path))
	}
	return stem + exportFormats[p.format].suffix
}

// formatKey: tab and ↓ take the next format, shift+tab and ↑ the one
// before; a file name that ends as the old format's ends as the new one's.
func (p *play) formatKey(msg tea.KeyPressMsg) bool {
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
	old := exportFormats[p.format]
	p.format = (p.format + by) % len(exportFormats)
	name := p.input.value()
	// "x-dark.svg" ends as svg's ".svg" does, but is svg-dark's name.
	longer := slices.ContainsFunc(exportFormats, func(f exportFormat) bool {
		return len(f.suffix) > len(old.suffix) && strings.HasSuffix(name, f.suffix)
	})
	if stem, ok := strings.CutSuffix(name, old.suffix); ok && !longer {
		p.input.in.SetValue(stem + exportFormats[p.format].suffix)
		p.input.in.CursorEnd()
	}
	p.input.label = p.exportLabel()
	p.input.setWidth(p.w)
	p.status = ""
	return true
}

// exportInfo is the line above the export's prompt.
func (p *play) exportInfo(w int) string {
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
// written.
func (p *play) exportTo(path string, overwrite bool) {
	name := game.Printable(path)
	if err := p.seat.May(table.Files); err != nil {
		p.say(true, "✗ not exported: %s", err)
		return
	}
	if path == "" {
		p.mode = modeExport
		p.say(true, "✗ give a file name to export to")
		return
	}
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		p.mode = modeExport
		p.say(true, "✗ not exported: %s is a folder; give a file name", name)
		return
	}
	f := exportFormats[p.format].name
	text, err := p.exportText(f)
	if err == nil {
		err = atomicfile.Write(path, []byte(text), overwrite)
	}
	if errors.Is(err, fs.ErrExist) {
		p.mode = modeExportOver
		p.input.in.SetValue(path)
		return
	}
	if err != nil {
		p.say(true, "✗ not exported: %s", game.Printable(err.Error()))
		return
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
}

// overwriteQuestion asks whether the export may replace the file, in at
// most two lines of w cells: with the file's name alone when its path
// leaves no room for the question.
func (p *play) overwriteQuestion(w int) []string {
	path := p.input.value()
	q := nb("Overwrite it with the export?") + " " + nb("y yes · n no")
	for _, name := range []string{path, filepath.Base(path)} {
		if lines := wrap(game.Printable(name)+" exists. "+q, w); len(lines) <= 2 {
			return lines
		}
	}
	return wrapMax(game.Printable(filepath.Base(path))+" exists. "+q, w, 2)
}

// showTextMsg asks the root to show text in place of the screen, in
// pages that tab goes through: the script, an export, over SSH.
type showTextMsg struct {
	title string // says what it is, and that nothing is written
	pages []textPage
}

// textPage is one text of a showTextMsg.
type textPage struct{ name, text string }

// remoteExport is the export key over SSH: no file on the server, the
// game on screen as Mermaid and Markdown text, shown to copy.
func (p *play) remoteExport() tea.Cmd {
	var pages []textPage
	for _, f := range []struct{ format, name string }{{"mermaid", "Mermaid"}, {"markdown", "Markdown"}} {
		text, err := p.exportText(f.format)
		if err != nil {
			p.say(true, "✗ not exported: %s", game.Printable(err.Error()))
			return nil
		}
		pages = append(pages, textPage{f.name, text})
	}
	cur := p.g.Cursor()
	p.say(false, "the run up to step %d was shown as Mermaid and Markdown: over SSH nothing is written on the server", cur)
	msg := showTextMsg{
		title: fmt.Sprintf("EXPORT · the run up to step %d · copy it from here: over SSH no file is written", cur),
		pages: pages,
	}
	return func() tea.Msg { return msg }
}
