package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"paxosgame/game"
	"paxosgame/table"
)

// The classroom's boards (DESIGN §11): a board of a table that others
// play too, over SSH. The board acts through the seat it was given — the
// lecturer's or a student's — and the table checks the seat's rights at
// every change: the board offers a student a student's keys, and the
// table refuses the rest. The classroom package makes the boards
// (NewRoomBoard, root.go) and the room's side panes (Side).

// roomKeys are what a board does in a room that a board of its own does
// not: a student's keys (h takes the selected node, the digits answer the
// poll) and `answer N`; the lecturer's lines of the : line, which the
// room's pane takes (Side.RoomLine); and s and e over SSH, which show the
// script and the export as text, as no file of the server is written.
type roomKeys struct {
	*scene
	host
}

// sayRoom says a status about the room's nodes or poll.
func (p roomKeys) sayRoom(a about, bad bool, format string, args ...any) {
	p.say(bad, format, args...)
	p.about = a
}

// line offers a line of the : line to the side pane of a room first (the
// lecturer's poll, close, give, kick), then takes a student's answer.
func (p roomKeys) line(tx *table.Tx, line string) (bool, error) {
	if p.side != nil {
		handled, status, err := p.side.RoomLine(tx, line)
		if handled && err == nil {
			p.follow(tx)
			p.say(false, "%s", status)
		}
		if handled {
			return true, err
		}
	}
	return p.answerLine(tx, line)
}

// remoteSave is the key s over SSH: the script, shown. A student's shows
// the game up to the step on screen: the lecturer's steps ahead are not
// theirs to read before the room gets there.
func (p roomKeys) remoteSave() tea.Cmd {
	script, n := p.g.Script(), p.g.Len()
	title := "THE SCRIPT — copy it from here: over SSH nothing is saved on the server"
	if p.isStudent() && p.g.Cursor() < n {
		script, n = scriptUpTo(p.g, p.g.Cursor()), p.g.Cursor()
		title = fmt.Sprintf("THE SCRIPT up to step %d, the step on screen — copy it from here", n)
	}
	msg := showTextMsg{title: title, pages: []textPage{{"script", script}}}
	p.say(false, "the script of %d %s is shown: over SSH nothing is saved on the server", n, plural(n, "step"))
	return func() tea.Msg { return msg }
}

// remoteExport is the export key over SSH: no file on the server, the
// game on screen as Mermaid and Markdown text, shown to copy.
func (p roomKeys) remoteExport() tea.Cmd {
	var pages []textPage
	for _, f := range []struct{ format, name string }{{"mermaid", "Mermaid"}, {"markdown", "Markdown"}} {
		text, err := exportText(p.scene, f.format, 1) // from step 1
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

// scriptUpTo is the script of game g's setup and its first k steps.
func scriptUpTo(g *game.Game, k int) string {
	var b strings.Builder
	setup, _ := g.Setup()
	for _, c := range setup {
		b.WriteString(c.String() + "\n")
	}
	for _, s := range g.Steps()[:k] {
		b.WriteString(s.Cmd.String() + "\n")
	}
	return b.String()
}

// errRemoteFiles is the refusal to open a file over SSH.
var errRemoteFiles = fmt.Errorf("over SSH no file of the server is opened: the lecturer loads scripts")

// studentKey takes a student's h (take the selected node) and 1–9 (the
// decision of their node; else the open poll's answer). It reports false
// for other keys.
func (p roomKeys) studentKey(tx *table.Tx, msg tea.KeyPressMsg) bool {
	k := p.sh.keys
	switch {
	case key.Matches(msg, k.Hand):
		id := p.selNode
		if err := tx.Take(id); err != nil {
			p.sayRoom(aboutNodes, true, "✗ %s", err)
			return true
		}
		p.follow(tx)
		p.sayRoom(aboutNodes, false, "✋ %s is yours: what reaches it waits for your decision, 1–9", id)
		return true
	case key.Matches(msg, k.Decide):
		if _, _, ok := p.choicesShown(); ok || !p.room.poll.Open {
			return false // the decision's digits, or why there is none
		}
		p.answer(tx, int(msg.Code-'0'))
		return true
	}
	return false
}

// answer answers the open poll with choice n (from 1).
func (p roomKeys) answer(tx *table.Tx, n int) {
	if err := tx.Answer(n - 1); err != nil {
		p.sayRoom(aboutPoll, true, "✗ %s", err)
		return
	}
	p.follow(tx)
	p.sayRoom(aboutPoll, false, "✓ your answer: %d — you may change it until the lecturer closes the poll", n)
}

// answerLine is a student's `answer N` on the : line: the poll's answer
// while a decision of their node holds the digits. It reports false for
// other lines.
func (p roomKeys) answerLine(tx *table.Tx, line string) (bool, error) {
	f := strings.Fields(line)
	if !p.isStudent() || len(f) == 0 || f[0] != "answer" {
		return false, nil
	}
	n := 0
	if len(f) != 2 || !p.room.polled {
		return true, fmt.Errorf("answer N answers the open poll with its choice N")
	}
	if _, err := fmt.Sscan(f[1], &n); err != nil || n < 1 || n > len(p.room.poll.Choices) {
		return true, fmt.Errorf("answer N: N is a choice of the poll, 1 to %d", len(p.room.poll.Choices))
	}
	if err := tx.Answer(n - 1); err != nil {
		return true, err
	}
	p.follow(tx)
	p.sayRoom(aboutPoll, false, "✓ your answer: %d — you may change it until the lecturer closes the poll", n)
	return true, nil
}
