package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"paxosgame/game"
)

// shownText is text the root shows in place of the screen, to read and
// copy: the game's script or its export over SSH, where no file of the
// server is written. Its pages are texts that tab goes through.
type shownText struct {
	title string
	pages []textPage
	page  int // the page shown
	up    int // lines it is scrolled down
}

// showTextMsg asks the root to show text in place of the screen, in
// pages that tab goes through: the script, an export, over SSH.
type showTextMsg struct {
	title string // says what it is, and that nothing is written
	pages []textPage
}

// textPage is one text of a showTextMsg.
type textPage struct{ name, text string }

// lines is the page shown, escaped (nothing raw to the terminal) and
// broken into lines of w cells, every character kept: a long line goes on
// on the next, so that what is copied is all there.
func (o *shownText) lines(w int) []string {
	var out []string
	for _, l := range strings.Split(strings.TrimRight(o.pages[o.page].text, "\n"), "\n") {
		out = append(out, breakLine(game.Printable(l), w)...)
	}
	return out
}

// breakLine cuts plain text s into lines of at most w cells, keeping
// every character and space: before the last space that fits (the space
// starts the next line), or in a word longer than the line.
func breakLine(s string, w int) []string {
	var out []string
	for w > 0 && width(s) > w {
		head := ansi.Truncate(s, w, "")
		if i := strings.LastIndexByte(head, ' '); i > 0 && strings.TrimLeft(head[:i], " ") != "" {
			head = head[:i]
		}
		out = append(out, head)
		s = s[len(head):]
	}
	return append(out, s)
}

// textRows is how many lines of the text show in h rows: two are the
// title and the keys.
func textRows(h int) int { return max(h-2, 1) }

// view is the text shown, with its title and keys, in w×h cells.
func (o *shownText) view(st Styles, w, h int) string {
	lines := []string{st.Title.Render(fit(o.title, w)), st.Dim.Render(fit(o.keysLine(), w))}
	body := o.lines(w)
	off := max(0, min(o.up, len(body)-textRows(h)))
	lines = append(lines, body[off:]...)
	return strings.Join(block(lines, w, h), "\n")
}

// keysLine names the pages, the one shown marked, and the keys.
func (o *shownText) keysLine() string {
	keys := "↑↓ pgup pgdn scroll · esc closes"
	if len(o.pages) < 2 {
		return keys
	}
	names := make([]string, len(o.pages))
	for i, p := range o.pages {
		names[i] = p.name
		if i == o.page {
			names[i] = "▸ " + p.name
		}
	}
	return strings.Join(names, " · ") + " (tab: the other) · " + keys
}

// textDone is what a key did to the text shown.
type textDone int

const (
	textOpen   textDone = iota // it is still shown
	textClosed                 // any other key closes it
	textQuit                   // ctrl+c: quit
)

// key is a key while the text is shown in w×h cells: ↑↓ (k j), pgup
// pgdn, home end scroll, tab shows the next page, ctrl+c quits, any other
// key closes.
func (o *shownText) key(k KeyMap, msg tea.KeyPressMsg, w, h int) textDone {
	rows := textRows(h)
	last := max(0, len(o.lines(w))-rows)
	switch s := msg.String(); {
	case key.Matches(msg, k.Up):
		o.up--
	case key.Matches(msg, k.Down):
		o.up++
	case s == "pgup":
		o.up -= max(rows-1, 1)
	case s == "pgdown":
		o.up += max(rows-1, 1)
	case s == "home":
		o.up = 0
	case s == "end":
		o.up = last
	case key.Matches(msg, k.NextPage) && len(o.pages) > 1:
		o.page, o.up = (o.page+1)%len(o.pages), 0
		return textOpen
	case key.Matches(msg, k.Quit) && s == "ctrl+c":
		return textQuit
	default:
		return textClosed
	}
	o.up = max(0, min(o.up, last))
	return textOpen
}

// help is the footer's keys while the text is shown.
func (o *shownText) help(k KeyMap) bindings {
	bs := []key.Binding{k.Up, k.Down}
	if len(o.pages) > 1 {
		bs = append(bs, k.NextPage)
	}
	return bindings{short: append(bs, key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "close")))}
}
