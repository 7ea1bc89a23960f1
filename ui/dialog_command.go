package ui

import (
	"errors"
	"fmt"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"paxosgame/game"
	"paxosgame/table"
)

// commandLine is the `:` line: any command of the language, and the
// lines of a room (the lecturer's poll, a student's answer). It stays
// open, the line kept, until the line runs; ↑ and ↓ recall the lines
// entered before, so the board keeps it between openings.
type commandLine struct {
	*scene
	host
	in prompt
}

func newCommandLine(sc *scene, h host) *commandLine {
	return &commandLine{scene: sc, host: h, in: newPrompt(sc.sh)}
}

// reopen starts an empty line, w cells wide.
func (p *commandLine) reopen() {
	p.in.setWidth(p.w)
	p.in.open(": ", "")
}

func (p *commandLine) setWidth(w int) { p.in.setWidth(w) }

func (p *commandLine) mayChange(k tea.KeyPressMsg) bool { return key.Matches(k, p.sh.keys.Submit) }

func (p *commandLine) help() bindings {
	k := p.sh.keys
	return bindings{short: []key.Binding{k.Submit, k.Cancel, k.HistoryUp, k.HistoryDown}}
}

func (p *commandLine) update(tx *table.Tx, msg tea.Msg) (dialog, tea.Cmd) {
	res, cmd := p.in.Update(msg)
	switch res {
	case promptCancelled:
		p.in.close()
		p.status = ""
		return nil, cmd
	case promptSubmitted:
		line := p.in.value()
		p.in.remember(line)
		if err := p.run(tx, line); err != nil {
			p.say(true, "✗ %s", errorText(err))
			return p, cmd // the line stays open to be fixed; nothing changed
		}
		p.in.close()
		return nil, cmd
	}
	return p, cmd
}

func (p *commandLine) view(w int) ([]string, *tea.Cursor) {
	return promptView(p.scene, `any command: propose P2 17 "5 EUR" · deliver #4 · drop 1a P1->A2 · crash A2 · expect chosen "1 EUR" · ↑ earlier · esc`, &p.in, w)
}

// promptView is a prompt's lines at the bottom of the board, w cells
// wide: the line that says what it is for (or the last error, in its
// place), then the field, with the terminal cursor in it.
func promptView(p *scene, info string, in *prompt, w int) ([]string, *tea.Cursor) {
	st := p.sh.styles
	lines := []string{st.Dim.Render(fit(info, w))}
	if p.status != "" && p.bad {
		lines = statusLines(p.status, w, 2)
		for i := range lines {
			lines[i] = st.Bad.Render(lines[i])
		}
	}
	lines = append(lines, in.View(w))
	c := in.Cursor()
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
		return fmt.Sprintf("column %d: %s", pe.Col, pe.Msg)
	}
	return err.Error()
}
