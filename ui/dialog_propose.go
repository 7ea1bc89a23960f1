package ui

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"paxosgame/game"
	"paxosgame/paxos"
	"paxosgame/table"
)

// proposeForm asks which proposer proposes, with which ballot (its next by
// default) and which value (its own by default). It makes one `propose`
// command, and shows it as the line the history will record.
type proposeForm struct {
	*scene
	host
	proposer int
	field    int // 0 proposer, 1 ballot, 2 value
	ballot   textinput.Model
	value    textinput.Model
	edited   [3]bool // fields the player typed in keep their text when the proposer changes
	// selected: the focused field's whole text is selected, as when a
	// field is tabbed into: typing replaces it, backspace clears it, an
	// arrow key puts the cursor back in it.
	selected bool
	err      string
}

const (
	fieldProposer = iota
	fieldBallot
	fieldValue
)

// newProposeForm opens the form for proposer n.
func newProposeForm(sc *scene, h host, n int) *proposeForm {
	f := &proposeForm{scene: sc, host: h, ballot: textinput.New(), value: textinput.New()}
	for _, in := range []*textinput.Model{&f.ballot, &f.value} {
		in.Prompt = ""
		in.SetVirtualCursor(false)
	}
	f.ballot.CharLimit = 9
	f.proposer, f.field = n, fieldProposer
	f.ballot.SetStyles(inputStyles(f.sh))
	f.value.SetStyles(inputStyles(f.sh))
	f.setWidth(f.scene.w)
	f.fill(f.world())
	f.focus()
	return f
}

func (f *proposeForm) mayChange(k tea.KeyPressMsg) bool { return key.Matches(k, f.sh.keys.Submit) }

func (f *proposeForm) help() bindings {
	k := f.sh.keys
	if f.field != fieldProposer {
		return bindings{short: []key.Binding{k.Submit, k.Cancel, k.NextField}}
	}
	return bindings{short: []key.Binding{k.Submit, k.Cancel, k.NextField, k.Left}}
}

// update edits the form; submitted, it proposes through the board's seat,
// and on a refusal stays open to say why.
func (f *proposeForm) update(tx *table.Tx, msg tea.Msg) (dialog, tea.Cmd) {
	res, cmd := f.edit(msg, f.world())
	switch res {
	case promptCancelled:
		return nil, cmd
	case promptSubmitted:
		c, err := f.command()
		if err == nil {
			err = f.do(tx, c)
		}
		if err != nil {
			f.err = errorText(err)
			return f, nil
		}
		f.selNode = paxos.P(f.proposer)
		return nil, cmd
	}
	return f, cmd
}

// fill puts the proposer's next ballot and own value in the fields the
// player has not typed in.
func (f *proposeForm) fill(w *game.World) {
	p := w.Proposer(f.proposer)
	if !f.edited[fieldBallot] {
		f.ballot.SetValue(strconv.Itoa(int(p.NextBallot(&w.Cfg))))
	}
	if !f.edited[fieldValue] {
		f.value.SetValue(string(p.Preference))
	}
	f.ballot.CursorEnd()
	f.value.CursorEnd()
}

func (f *proposeForm) focus() {
	f.ballot.Blur()
	f.value.Blur()
	f.selected = false
	if in := f.input(); in != nil {
		in.Focus()
		in.CursorEnd()
		f.selected = in.Value() != ""
	}
}

// input is the text field in focus; nil on the proposer.
func (f *proposeForm) input() *textinput.Model {
	switch f.field {
	case fieldBallot:
		return &f.ballot
	case fieldValue:
		return &f.value
	}
	return nil
}

// replaceSelection acts on the selection before a key or a paste reaches
// the field: text typed or pasted replaces it, backspace and delete clear
// it, any other key leaves the text and ends the selection.
func (f *proposeForm) replaceSelection(msg tea.Msg, in *textinput.Model) (swallow bool) {
	if !f.selected {
		return false
	}
	f.selected = false
	switch msg := msg.(type) {
	case tea.PasteMsg:
		in.SetValue("")
	case tea.KeyPressMsg:
		switch {
		case msg.Code == tea.KeyBackspace || msg.Code == tea.KeyDelete:
			in.SetValue("")
			return true
		case msg.Text != "" && msg.Mod&(tea.ModCtrl|tea.ModAlt) == 0:
			in.SetValue("")
		}
	default:
		f.selected = true // not a key: the selection stays
	}
	return false
}

// command is the propose command the form makes; an error when the
// ballot is not a ballot.
func (f *proposeForm) command() (game.Command, error) {
	c := game.Command{Verb: game.VPropose, Node: paxos.P(f.proposer)}
	if v := f.value.Value(); v != "" { // empty: the proposer's preference
		value, err := game.ParseValue(v)
		if err != nil {
			return c, errors.New(err.Msg)
		}
		c.Value = value
	}
	if b := strings.TrimSpace(f.ballot.Value()); b != "" { // empty: its next ballot
		ballot, err := game.ParseBallot(b)
		if err != nil {
			return c, errors.New(err.Msg)
		}
		c.Ballot = ballot
	}
	return c, nil
}

// line is the command the form makes, as the history records it.
func (f *proposeForm) line() string {
	s := fmt.Sprintf("propose P%d", f.proposer)
	if b := strings.TrimSpace(f.ballot.Value()); b != "" {
		s += " " + b
	}
	if v := f.value.Value(); v != "" {
		s += " " + game.Quote(paxos.Value(v))
	}
	return s
}

// edit edits the form; once it is submitted, command is the command to
// run.
func (f *proposeForm) edit(msg tea.Msg, w *game.World) (promptResult, tea.Cmd) {
	k := f.sh.keys
	if msg, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case key.Matches(msg, k.Submit):
			return promptSubmitted, nil
		case key.Matches(msg, k.Cancel):
			return promptCancelled, nil
		case key.Matches(msg, k.NextField):
			f.field = (f.field + 1) % 3
			f.focus()
			return promptEditing, nil
		case key.Matches(msg, k.PrevField):
			f.field = (f.field + 2) % 3
			f.focus()
			return promptEditing, nil
		}
		if f.field == fieldProposer {
			f.chooseProposer(msg, w)
			return promptEditing, nil
		}
	}
	in := f.input()
	if in == nil {
		return promptEditing, nil
	}
	before := in.Value()
	var cmd tea.Cmd
	if !f.replaceSelection(msg, in) {
		*in, cmd = in.Update(msg)
	}
	if in.Value() != before {
		f.edited[f.field] = true
		f.err = ""
	}
	return promptEditing, cmd
}

// chooseProposer: ←/→ or a digit picks the proposer.
func (f *proposeForm) chooseProposer(msg tea.KeyPressMsg, w *game.World) {
	n := len(w.Proposers)
	switch {
	case key.Matches(msg, f.sh.keys.Left):
		f.proposer = (f.proposer+n-2)%n + 1
	case key.Matches(msg, f.sh.keys.Right):
		f.proposer = f.proposer%n + 1
	case len(msg.Text) == 1 && msg.Text[0] >= '1' && msg.Text[0] <= '9':
		if d := int(msg.Text[0] - '0'); d <= n {
			f.proposer = d
		}
	default:
		return
	}
	f.err = ""
	f.fill(w)
}

// fieldView is a field as it shows: its whole text marked when selected.
func (f *proposeForm) fieldView(field int, in *textinput.Model) string {
	if f.field == field && f.selected {
		return f.sh.styles.Selected.Render(fit(in.Value(), in.Width()))
	}
	return in.View()
}

// setWidth fits the fields in lines of w cells, as view lays them out.
func (f *proposeForm) setWidth(w int) {
	valueX := width("New proposal  ") + width("proposer ‹P1›") + 2 + width("ballot ") + 1 + 7 + 3 + width("value ")
	f.ballot.SetWidth(6)
	f.value.SetWidth(max(w-valueX-3, 4))
}

// view is the form in two lines of w cells, and the terminal cursor in its
// first line.
func (f *proposeForm) view(w int) ([]string, *tea.Cursor) {
	lines, x := f.draw(w)
	if x < 0 {
		return lines, nil
	}
	c := tea.NewCursor(x, 0)
	c.Shape = tea.CursorBar
	return lines, c
}

// draw is the form in two lines of w cells; cursorX is where the terminal
// cursor goes on the first line (-1: none).
func (f *proposeForm) draw(w int) (lines []string, cursorX int) {
	st := f.sh.styles
	mark := func(field int, s string) string {
		if f.field == field {
			return st.Selected.Render(s)
		}
		return s
	}
	head := st.Prompt.Render("New proposal  ")
	x := width("New proposal  ")
	who := fmt.Sprintf("proposer ‹P%d›", f.proposer)
	line := head + mark(fieldProposer, who) + "  "
	x += width(who) + 2
	lb := "ballot "
	line += mark(fieldBallot, lb)
	x += width(lb)
	ballotX := x
	line += "[" + pad(f.fieldView(fieldBallot, &f.ballot), 7) + "]  "
	x += 1 + 7 + 3
	lv := "value "
	line += mark(fieldValue, lv)
	x += width(lv)
	valueX := x
	line += "[" + pad(f.fieldView(fieldValue, &f.value), max(w-x-2, 5)) + "]"

	cursorX = -1
	switch f.field {
	case fieldBallot:
		if c := f.ballot.Cursor(); c != nil {
			cursorX = ballotX + 1 + c.Position.X
		}
	case fieldValue:
		if c := f.value.Cursor(); c != nil {
			cursorX = valueX + 1 + c.Position.X
		}
	}
	second := "runs: " + f.line()
	switch {
	case f.field == fieldProposer:
		second += "  · ←/→ or 1-9 choose the proposer · tab next field"
	case f.selected:
		second += "  · typing replaces " + f.input().Value() + " · → edits it"
	}
	if f.err != "" {
		return []string{pad(line, w), st.Bad.Render(fit("✗ "+f.err, w))}, cursorX
	}
	return []string{pad(line, w), st.Dim.Render(fit(second, w))}, cursorX
}
