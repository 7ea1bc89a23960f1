package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"paxosgame/table"
)

// confirm is a yes/no question on the board's overlay: "the file exists:
// overwrite it?", "replace your unsaved game?", a lesson's "play the
// solution?". y does yes; n (or esc) closes it, saying no; other keys
// wait for an answer.
type confirm struct {
	*scene
	host
	question func(w int) []string // the question's lines, styled, in w cells
	yes      func(tx *table.Tx)
	no       string // the status said when the answer is no
}

func (p *confirm) setWidth(int) {}

func (p *confirm) mayChange(k tea.KeyPressMsg) bool { return key.Matches(k, p.sh.keys.Yes) }

func (p *confirm) help() bindings {
	k := p.sh.keys
	return bindings{short: []key.Binding{k.Yes, k.No}}
}

func (p *confirm) update(tx *table.Tx, msg tea.Msg) (dialog, tea.Cmd) {
	k := p.sh.keys
	km, ok := msg.(tea.KeyPressMsg)
	switch {
	case !ok:
	case key.Matches(km, k.Yes):
		p.yes(tx)
		return nil, nil
	case key.Matches(km, k.No):
		p.say(false, "%s", p.no)
		return nil, nil
	}
	return p, nil
}

func (p *confirm) view(w int) ([]string, *tea.Cursor) { return p.question(w), nil }

// askLine is a question in one line of w cells, in the style of a
// refusal: it stops the game until it is answered.
func askLine(p *scene, q string) func(w int) []string {
	return func(w int) []string { return []string{p.sh.styles.Bad.Render(fit(q, w))} }
}
