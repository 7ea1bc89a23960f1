package ui

import (
	"cmp"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
)

// prompt is a one-line text field with a label, such as the `:` command
// line or "save to:". It remembers what was entered, for ↑ and ↓.
type prompt struct {
	sh      *shared
	label   string
	w       int // the width of its line
	in      textinput.Model
	history []string
	back    int // how far back in history ↑ went; 0: the line being typed
	draft   string
}

// promptResult is what a key did to the prompt.
type promptResult int

const (
	promptEditing promptResult = iota
	promptSubmitted
	promptCancelled
)

// maxPromptLine is the most characters a field takes where the room sets
// no cap: more than the longest command (a value of game.MaxValue
// characters, each written as an escape) or a file's path, and few enough
// that a field redraws at once whatever is pasted into it (a 50 KB paste
// took 19 s a frame).
const maxPromptLine = 4096

func newPrompt(sh *shared) prompt {
	in := textinput.New()
	in.Prompt = ""
	in.SetVirtualCursor(false) // the terminal's own cursor: no escape codes of ours
	return prompt{sh: sh, in: in}
}

// open focuses the field with a label and a starting value.
func (p *prompt) open(label, value string) {
	p.label = label
	p.setWidth(p.w)
	p.back = 0
	p.in.SetStyles(inputStyles(p.sh))
	p.in.CharLimit = cmp.Or(p.sh.room.MaxLine, maxPromptLine)
	p.in.SetValue(value)
	p.in.CursorEnd()
	p.in.Focus()
}

func (p *prompt) close() { p.in.Blur() }

func (p *prompt) value() string { return p.in.Value() }

// remember keeps a submitted line for ↑.
func (p *prompt) remember(line string) {
	if line != "" && (len(p.history) == 0 || p.history[len(p.history)-1] != line) {
		p.history = append(p.history, line)
	}
}

func (p *prompt) Update(msg tea.Msg) (promptResult, tea.Cmd) {
	k := p.sh.keys
	if msg, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case key.Matches(msg, k.Submit):
			return promptSubmitted, nil
		case key.Matches(msg, k.Cancel):
			return promptCancelled, nil
		case key.Matches(msg, k.HistoryUp):
			p.recall(p.back + 1)
			return promptEditing, nil
		case key.Matches(msg, k.HistoryDown):
			p.recall(p.back - 1)
			return promptEditing, nil
		}
	}
	var cmd tea.Cmd
	p.in, cmd = p.in.Update(msg)
	return promptEditing, cmd
}

// recall shows the line n entries back in history (0: the draft).
func (p *prompt) recall(n int) {
	if n < 0 || n > len(p.history) {
		return
	}
	if p.back == 0 {
		p.draft = p.in.Value()
	}
	p.back = n
	if n == 0 {
		p.in.SetValue(p.draft)
	} else {
		p.in.SetValue(p.history[len(p.history)-n])
	}
	p.in.CursorEnd()
}

// setWidth makes the field fit a line of w cells with its label.
func (p *prompt) setWidth(w int) {
	p.w = w
	p.in.SetWidth(max(w-width(p.label)-1, 1))
}

// View is the label and the field, w cells wide.
func (p *prompt) View(w int) string {
	label := p.sh.styles.Prompt.Render(p.label)
	return pad(label+p.in.View(), w)
}

// Cursor is where the terminal cursor goes, relative to the prompt's line.
func (p *prompt) Cursor() *tea.Cursor {
	c := p.in.Cursor()
	if c == nil {
		return nil
	}
	c.Position.X += width(p.label)
	return c
}

func inputStyles(sh *shared) textinput.Styles {
	plain := lipgloss.NewStyle()
	st := textinput.StyleState{Text: plain, Placeholder: sh.styles.Dim, Suggestion: sh.styles.Dim, Prompt: plain}
	s := textinput.Styles{Focused: st, Blurred: st}
	s.Cursor.Shape = tea.CursorBar
	return s
}
