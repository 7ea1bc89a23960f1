package ui

import (
	"errors"
	"fmt"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"paxosgame/game"
	"paxosgame/narrate"
	"paxosgame/table"
)

// lineDialog is a dialog of one line — the `:` line, save, open, export
// (dialog_command.go, dialog_save.go, dialog_open.go, dialog_export.go):
// a field with its label, the line above it that says what it is for
// (or the last error, in its place), and what enter does with the line.
// esc closes it.
type lineDialog struct {
	*scene
	host
	in     prompt
	keys   []key.Binding                          // its keys, for the footer
	info   func(w int) string                     // the line above the field, w cells wide
	first  func(k tea.KeyPressMsg) bool           // takes a key before the field (the export's format); nil: none
	submit func(tx *table.Tx, line string) dialog // what takes the dialog's place once enter gave it the line
}

// newLineDialog opens a line with label and value in it.
func newLineDialog(sc *scene, h host, label, value string) *lineDialog {
	p := &lineDialog{scene: sc, host: h, in: newPrompt(sc.sh)}
	p.in.setWidth(sc.w)
	p.in.open(label, value)
	return p
}

// newPathLine opens a line that takes the path of a file, path
// suggested, info above it: enter closes it and hands the path to act.
func newPathLine(sc *scene, h host, label, path, info string, act func(p *lineDialog, tx *table.Tx, path string) dialog) *lineDialog {
	k := sc.sh.keys
	p := newLineDialog(sc, h, label, path)
	p.keys = []key.Binding{k.Submit, k.Cancel}
	p.info = func(int) string { return info }
	p.submit = func(tx *table.Tx, path string) dialog {
		p.in.close()
		return act(p, tx, path)
	}
	return p
}

func (p *lineDialog) setWidth(w int) { p.in.setWidth(w) }

func (p *lineDialog) mayChange(k tea.KeyPressMsg) bool { return key.Matches(k, p.sh.keys.Submit) }

func (p *lineDialog) help() bindings { return bindings{short: p.keys} }

func (p *lineDialog) update(tx *table.Tx, msg tea.Msg) (dialog, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok && p.first != nil && p.first(k) {
		return p, nil
	}
	res, cmd := p.in.Update(msg)
	switch res {
	case promptCancelled:
		p.in.close()
		p.status = ""
		return nil, cmd
	case promptSubmitted:
		return p.submit(tx, p.in.value()), cmd
	}
	return p, cmd
}

// view is the line that says what the field is for, or the last error in
// its place, and the field, with the terminal cursor in it.
func (p *lineDialog) view(w int) ([]string, *tea.Cursor) {
	st := p.sh.styles
	lines := []string{st.Dim.Render(fit(p.info(w), w))}
	if p.status != "" && p.bad {
		lines = statusLines(p.status, w, 2)
		for i := range lines {
			lines[i] = st.Bad.Render(lines[i])
		}
	}
	lines = append(lines, p.in.View(w))
	c := p.in.Cursor()
	if c != nil {
		c.Position.Y = len(lines) - 1
	}
	return lines, c
}

// errorText words an error for the screen; a parse error points at its
// column.
func errorText(err error) string {
	var pe *game.Error
	if errors.As(err, &pe) && pe.Line == 0 && pe.Col > 0 {
		return fmt.Sprintf("column %d: %s", pe.Col, narrate.Error(pe))
	}
	return narrate.Error(err)
}
