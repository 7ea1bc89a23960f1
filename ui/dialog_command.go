package ui

import (
	"charm.land/bubbles/v2/key"

	"paxosgame/table"
)

// newCommandLine is the `:` line: any command of the language, and the
// lines of a room (the lecturer's poll, a student's answer). It stays
// open, the line kept, until the line runs; ↑ and ↓ recall the lines
// entered before, so the board keeps it between openings (reopen).
func newCommandLine(sc *scene, h host) *lineDialog {
	k := sc.sh.keys
	p := newLineDialog(sc, h, ": ", "")
	p.keys = []key.Binding{k.Submit, k.Cancel, k.HistoryUp, k.HistoryDown}
	p.info = func(int) string {
		return `any command: propose P2 17 "5 EUR" · deliver #4 · drop 1a P1->A2 · crash A2 · expect chosen "1 EUR" · ↑ earlier · esc`
	}
	p.submit = func(tx *table.Tx, line string) dialog {
		p.in.remember(line)
		if err := p.run(tx, line); err != nil {
			p.say(true, "✗ %s", errorText(err))
			return p // the line stays open to be fixed; nothing changed
		}
		p.in.close()
		return nil
	}
	return p
}

// reopen starts the `:` line afresh, its history kept.
func (p *lineDialog) reopen() {
	p.in.setWidth(p.w)
	p.in.open(": ", "")
}
