package ui

import (
	tea "charm.land/bubbletea/v2"

	"paxosgame/game"
	"paxosgame/table"
)

// The dialogs of a board — the `:` line, the propose form, save, open,
// export, the lab and the yes/no questions — are components on its
// overlay: the dialog on top takes the keys (and pastes) first, draws its
// lines at the bottom of the board in place of the status line, and names
// its keys in the footer. Each is in a file of its own, dialog_*.go.

// dialog is a component on a board's overlay.
type dialog interface {
	// update takes a key or a paste, within the table's lock (its write
	// lock when mayChange said so). It returns what takes the dialog's
	// place: itself while it stays open, nil once it closed, or the
	// question it asks next.
	update(tx *table.Tx, msg tea.Msg) (dialog, tea.Cmd)
	// mayChange reports whether key k may change the table: the board
	// then takes the table's write lock for it.
	mayChange(k tea.KeyPressMsg) bool
	// view is the dialog's lines, w cells wide, and the terminal cursor
	// in them (nil: none), its row counted from the first line. It
	// changes nothing.
	view(w int) ([]string, *tea.Cursor)
	// help is the dialog's keys, for the footer.
	help() bindings
	// setWidth fits the dialog's fields to a board w cells wide.
	setWidth(w int)
}

// overlay is a board's open dialogs, the top one last.
type overlay []dialog

// top is the dialog that has the keys; nil when none is open.
func (o overlay) top() dialog {
	if len(o) == 0 {
		return nil
	}
	return o[len(o)-1]
}

// open reports whether a dialog is open.
func (o overlay) open() bool { return len(o) > 0 }

// push opens d on top.
func (o *overlay) push(d dialog) { *o = append(*o, d) }

// replace puts d in the top dialog's place; nil closes it.
func (o *overlay) replace(d dialog) {
	*o = (*o)[:len(*o)-1]
	if d != nil {
		*o = append(*o, d)
	}
}

// host is what a part of the board — a dialog, the keys of the panes,
// of the nodes played by hand, of a room — may ask of the board, within
// the table's lock (tx): to carry out a command or a line through its
// seat, to say a status, to follow the table again. The table checks the
// seat's rights at every change.
type host interface {
	// do carries out a command through the seat; on error (a refusal)
	// nothing changed and the error says why.
	do(tx *table.Tx, c game.Command) error
	// act does c and says a refusal in the status line.
	act(tx *table.Tx, c game.Command)
	// run carries out a line of the `:` line.
	run(tx *table.Tx, line string) error
	// say puts a status on the bottom line; bad: it is an error.
	say(bad bool, format string, args ...any)
	// follow brings the board up to the table, after a change.
	follow(tx *table.Tx)
	// played tells the side pane of a move of the player.
	played()
}
