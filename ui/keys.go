package ui

import "charm.land/bubbles/v2/key"

// KeyMap is every key binding of the game. Each screen lists the ones it
// uses in its help; the footer shows them with bubbles/help.
type KeyMap struct {
	// Everywhere.
	Help, Quit, Back key.Binding

	// Menus and the settings.
	Up, Down, Choose, Left, Right key.Binding

	// The network: the messages in flight.
	MsgUp, MsgDown, Deliver, DeliverOldest, DeliverAll, Drop, Duplicate key.Binding

	// The nodes; Hand and Decide for a node played by hand (HandInLesson
	// is Hand as a lesson's help shows it: there h is the hint).
	NextNode, PrevNode, Crash, Propose, Accept, Hand, HandInLesson, Decide key.Binding

	// For the help only: the mouse (no key is "click"), ← → in short, and
	// tab and shift+tab on one line.
	Click, History, Nodes key.Binding
	// A student's keys, and those over SSH.
	Take, Select, ShowScript, ShowExport key.Binding

	// History.
	StepBack, StepForward, First, Last key.Binding

	// Views, files and the lecturer's slow auto-play.
	Timeline, StoryOlder, StoryNewer, Command, Save, Load, Export, AutoPlay, Faster, Slower key.Binding

	// The board's panes, for a projector: hide or show the story, the
	// network and the majority meter; zoom the pane in use, or the next
	// one, to the whole screen. Panes and Zooms are for the help only.
	HideStory, HideNetwork, HideMeter, Zoom, ZoomNext, Panes, Zooms key.Binding

	// An overlay of text (the script or an export over SSH), and the
	// export's format.
	NextPage, Format, ExportSubmit, ExportFrom key.Binding

	// The lab: check from here (ui/lab.go).
	Lab key.Binding

	// Prompts and forms.
	Submit, Cancel, NextField, PrevField, Yes, No, HistoryUp, HistoryDown key.Binding

	// A lesson: its pages, hints, questions and solution.
	LessonNext, LessonBack, Hint, Answer, Solution, Restart, TextUp, TextDown, TextScroll, LessonMenu key.Binding

	// The lesson menu.
	Start, ResetProgress, ResetAllProgress, Home key.Binding
}

// DefaultKeyMap is the key map of the game.
func DefaultKeyMap() KeyMap {
	b := func(help, desc string, keys ...string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, desc))
	}
	return KeyMap{
		Help: b("?", "help", "?"),
		Quit: b("q", "quit", "q", "ctrl+c"),
		Back: b("esc", "back / home", "esc"),

		Up:     b("↑/k", "up", "up", "k"),
		Down:   b("↓/j", "down", "down", "j"),
		Choose: b("enter/space", "choose", "enter", "space"),
		Left:   b("←/h →/l", "change", "left", "h"),
		Right:  b("→", "change", "right", "l"),

		MsgUp:         b("↑/k", "prev msg", "up", "k"),
		MsgDown:       b("↓/j", "next msg", "down", "j"),
		Deliver:       b("enter", "deliver", "enter"),
		DeliverOldest: b("space", "oldest", "space"),
		DeliverAll:    b("a", "all", "a"),
		Drop:          b("x", "drop", "x"),
		Duplicate:     b("d", "duplicate", "d"),

		NextNode:     b("tab", "next node", "tab"),
		PrevNode:     b("shift+tab", "prev node", "shift+tab"),
		Crash:        b("c", "crash/restart", "c"),
		Propose:      b("p", "propose", "p"),
		Accept:       b("2", "send 2a (manual mode)", "2"),
		Hand:         b("h", "by hand / give back", "h", "H"),
		HandInLesson: b("H", "by hand / give back", "H"),
		Decide:       b("1-9", "decide (by hand)", "1", "2", "3", "4", "5", "6", "7", "8", "9"),
		Click:        b("click", "select; again: deliver", "click"),
		Take:         b("h", "take the selected node", "h", "H"),
		Select:       b("click", "select; a choice: take it", "click"),
		ShowScript:   b("s", "show the script", "s"),
		ShowExport:   b("e", "export, shown as text", "e"),
		History:      b("←/→", "undo/redo", "left", "right"),
		Nodes:        b("tab/shift+tab", "next/prev node", "tab", "shift+tab"),

		StepBack:    b("←/u/pgup", "step back (undo)", "left", "u", "pgup"),
		StepForward: b("→/r/ctrl+r/pgdn", "step forward (redo)", "right", "r", "ctrl+r", "pgdown"),
		First:       b("home", "step 0", "home"),
		Last:        b("end", "last step", "end"),

		Timeline:   b("t", "timeline", "t"),
		StoryOlder: b("[", "story older", "["),
		StoryNewer: b("]", "story newer", "]"),
		Command:    b(":", "command", ":"),
		Save:       b("s", "save", "s"),
		Load:       b("o", "open", "o"),
		Export:     b("e", "export: diagram, handout, cast", "e"),
		AutoPlay:   b("A", "auto-play: → then space, at a pace", "A"),
		Faster:     b("+", "auto-play faster (down to 0.5 s)", "+", "="),
		Slower:     b("-", "auto-play slower (up to 5 s)", "-"),
		Lab:        b("L", "lab: check from here", "L"),

		HideStory:   b("S", "hide/show the story", "S"),
		HideNetwork: b("N", "hide/show the network", "N"),
		HideMeter:   b("M", "hide/show the majority meter", "M"),
		Zoom:        b("z", "zoom", "z"),
		ZoomNext:    b("Z", "zoom the next pane", "Z"),
		Panes:       b("S N M", "hide/show story, network, meter", "S", "N", "M"),
		Zooms:       b("z Z", "zoom the pane in use / the next", "z", "Z"),

		NextPage:     b("tab", "other format", "tab"),
		Format:       b("tab/↑↓", "format", "tab", "shift+tab", "up", "down"),
		ExportSubmit: b("enter", "export", "enter"),
		ExportFrom:   b("pgup/pgdn", "first step", "pgup", "pgdown"),

		Submit:      b("enter", "run", "enter"),
		Cancel:      b("esc", "cancel", "esc"),
		NextField:   b("tab", "next field", "tab", "down"),
		PrevField:   b("shift+tab", "prev field", "shift+tab", "up"),
		Yes:         b("y", "yes", "y", "Y"),
		No:          b("n", "no", "n", "N", "esc"),
		HistoryUp:   b("↑", "earlier command", "up"),
		HistoryDown: b("↓", "later command", "down"),

		LessonNext: b("n", "next", "n"),
		LessonBack: b("b", "back", "b"),
		Hint:       b("h", "hint", "h"),
		Answer:     b("1-9", "answer", "1", "2", "3", "4", "5", "6", "7", "8", "9"),
		Solution:   b("v", "solution", "v"),
		Restart:    b("R", "restart lesson", "R"),
		TextUp:     b("[", "lesson text up", "["),
		TextDown:   b("]", "lesson text down", "]"),
		TextScroll: b("[ ]", "scroll", "[", "]"), // for the footer only
		LessonMenu: b("esc", "lessons", "esc"),

		Start:            b("enter/space", "start", "enter", "space"),
		ResetProgress:    b("r", "reset one", "r"),
		ResetAllProgress: b("R", "reset all", "R"),
		Home:             b("esc", "home", "esc"),
	}
}

// bindings is the help of one screen or mode, for bubbles/help.
type bindings struct {
	short  []key.Binding
	wide   []key.Binding // more keys, for when they fit the footer; nil: short
	narrow []key.Binding // fewer keys, for when short does not fit the footer; nil: short
	full   [][]key.Binding
}

func (b bindings) ShortHelp() []key.Binding  { return b.short }
func (b bindings) FullHelp() [][]key.Binding { return b.full }
