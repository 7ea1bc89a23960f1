package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"paxosgame/game"
	"paxosgame/paxos"
	"paxosgame/table"
)

// Update handles a message that may change the table with the table's
// write lock held, through the board's seat; every other message — the
// table's signal of change, a key that moves the board's own selection,
// scroll or panes, the typing of a line — with its read lock alone, so
// that the boards of a class of sixty wait for nobody to follow the table
// and move their own state (DESIGN §9).
func (b *board) Update(msg tea.Msg) (cmd tea.Cmd) {
	if b.mayChange(msg) {
		b.seat.Act(func(tx *table.Tx) { cmd = b.update(tx, msg) })
		return cmd
	}
	b.seat.Read(func(tx *table.Tx) { cmd = b.update(tx, msg) })
	return cmd
}

// mayChange reports whether msg may change the table. The keys a student's
// seat may never use go with the board's own keys: the table refuses them
// without the write lock (a refusal is not a change). A message taken
// here for the board's own that changes the table after all panics, in
// the table: the tests press every key with every dialog open.
func (b *board) mayChange(msg tea.Msg) bool {
	k := b.sh.keys
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		switch d := b.overlay.top(); {
		case d != nil:
			return d.mayChange(msg)
		case b.isStudent():
			return key.Matches(msg, k.Hand, k.Decide, k.Accept)
		}
		return !key.Matches(msg, k.MsgUp, k.MsgDown, k.NextNode, k.PrevNode, k.Timeline, k.StoryOlder, k.StoryNewer,
			k.HideStory, k.HideNetwork, k.HideMeter, k.Zoom, k.ZoomNext, k.Command, k.Back, k.Help, k.Save, k.Export, k.Load)
	case tea.MouseClickMsg:
		return b.auto && b.seat.May(table.Auto) == nil // a click stops auto-play
	case pointMsg:
		return !msg.wheel
	case labDoneMsg:
		return true
	}
	return false
}

// update handles a message within the table's Act or Read: the board
// follows the table before and after, and lays out the frame View will
// draw (settle).
func (b *board) update(tx *table.Tx, msg tea.Msg) tea.Cmd {
	if _, ok := msg.(changedMsg); ok && b.quiet(tx) {
		return b.handle(tx, msg) // listens on
	}
	b.follow(tx)
	cmd := b.handle(tx, msg)
	b.follow(tx)
	b.settle()
	return cmd
}

// handle handles a message within the table's lock: a key or a paste
// goes to the dialog on top, if one is open.
func (b *board) handle(tx *table.Tx, msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		if d := b.overlay.top(); d != nil {
			return b.toDialog(tx, d, msg)
		}
		return b.key(tx, msg)
	case tea.PasteMsg:
		if d := b.overlay.top(); d != nil {
			return b.toDialog(tx, d, msg)
		}
	case tea.MouseClickMsg: // what was clicked comes as a pointMsg
		if b.auto && b.seat.May(table.Auto) == nil {
			tx.StopAuto()
		}
	case pointMsg:
		switch {
		case msg.by != b: // drawn by another board
		case msg.wheel:
			b.wheel(msg)
		default:
			b.click(tx, msg)
		}
	case labTickMsg, labDoneMsg:
		return b.labMsg(tx, msg)
	case changedMsg: // followed
		if msg.seat == b.seat && b.live {
			return b.listen()
		}
	}
	return nil
}

// toDialog gives a key or a paste to dialog d, on top: what it returns
// takes its place.
func (b *board) toDialog(tx *table.Tx, d dialog, msg tea.Msg) tea.Cmd {
	next, cmd := d.update(tx, msg)
	if next != nil && next != d {
		next.setWidth(b.w)
	}
	b.overlay.replace(next)
	return cmd
}

// key is a key with no dialog open: a student's keys first; then the
// first part of the board that knows the key acts — the keys that open a
// dialog, the panes', the game's, the nodes played by hand.
func (b *board) key(tx *table.Tx, msg tea.KeyPressMsg) tea.Cmd {
	k := b.sh.keys
	if !key.Matches(msg, k.Help) {
		b.status, b.about = "", aboutGame
	}
	if b.isStudent() && (roomKeys{b.scene, b}).studentKey(tx, msg) {
		return nil
	}
	cmd, ok := b.openKey(tx, msg)
	if !ok {
		ok = paneKeys{b.scene, b}.key(msg)
	}
	if !ok {
		ok = gameKeys{b.scene, b}.key(tx, msg)
	}
	if !ok {
		hands{b.scene, b}.key(tx, msg)
	}
	// The pane the player works in, which z zooms.
	switch {
	case key.Matches(msg, k.MsgUp, k.MsgDown, k.Deliver, k.DeliverOldest, k.DeliverAll, k.Drop, k.Duplicate):
		b.use(paneNetwork)
	case key.Matches(msg, k.NextNode, k.PrevNode, k.Crash, k.Hand, k.Propose, k.Accept):
		b.use(paneNodes)
	}
	return cmd
}

// openKey takes the keys that open a dialog (: p s o e L) or leave the
// board (esc), and says why one does not open; it reports false for any
// other key. Over SSH s and e show the script and the export as text.
func (b *board) openKey(tx *table.Tx, msg tea.KeyPressMsg) (tea.Cmd, bool) {
	k := b.sh.keys
	remote := b.sh.room.Remote
	switch {
	case key.Matches(msg, k.Back) && b.sh.room.Fixed:
		// the room's board is the only screen
	case key.Matches(msg, k.Back):
		return msgCmd(goHomeMsg{}), true
	case key.Matches(msg, k.Save) && remote:
		return roomKeys{b.scene, b}.remoteSave(), true
	case key.Matches(msg, k.Export) && remote:
		return roomKeys{b.scene, b}.remoteExport(), true
	case key.Matches(msg, k.Load) && remote:
		b.say(true, "✗ %s", errRemoteFiles)
	case key.Matches(msg, k.Command):
		if b.line == nil {
			b.line = newCommandLine(b.scene, b)
		}
		b.line.reopen()
		b.open(b.line)
	case key.Matches(msg, k.Propose):
		n := 1
		switch {
		case b.named.Proposer.N != 0: // the proposer the lesson's page names
			n = b.named.Proposer.N
		case b.selNode.Role == paxos.RoleProposer:
			n = b.selNode.N
		}
		if c := tx.Coach(); c != nil && !c.Allows(game.Command{Verb: game.VPropose}) {
			b.act(tx, game.Command{Verb: game.VPropose, Node: paxos.P(n)}) // refused: the coach says why
			break
		}
		b.open(newProposeForm(b.scene, b, n))
	case key.Matches(msg, k.Save):
		b.open(newSaveDialog(b.scene, b, savePath(b.scene)))
	case key.Matches(msg, k.Export):
		b.open(newExportDialog(b.scene, b, &b.format))
	case key.Matches(msg, k.Lab):
		b.openLab(tx)
	case key.Matches(msg, k.Load) && b.coached:
		b.say(true, "✗ a lesson plays its own game: open scripts from free play")
	case key.Matches(msg, k.Load):
		b.open(newOpenDialog(b.scene, b, b.path))
	default:
		return nil, false
	}
	return nil, true
}

// Help is the keys of the board, or of the dialog on top.
func (b *board) Help() bindings {
	k := b.sh.keys
	if d := b.overlay.top(); d != nil {
		return d.help()
	}
	hand := k.Hand
	if b.coached {
		hand = k.HandInLesson
	}
	if own, student := b.student(); student {
		// A student changes the game only through the node they play:
		// their keys are a student's, and no other.
		first := []key.Binding{k.Nodes, k.Take} // no node yet: take one
		if own.N != 0 {
			first = []key.Binding{k.Nodes, k.Decide}
		}
		if b.room.poll.Open && !b.room.deciding {
			first = []key.Binding{k.Nodes, k.Answer} // the digits answer the poll
		}
		return bindings{
			wide:   b.panesFooter(append(first[:2:2], k.Command, k.Timeline, k.Zoom, k.Help, k.Quit)),
			short:  b.panesFooter(append(first[:2:2], k.Command, k.Timeline, k.Help, k.Quit)),
			narrow: b.panesFooter([]key.Binding{first[1], k.Timeline, k.Zoom, k.Help, k.Quit}),
			full: [][]key.Binding{
				{k.Nodes, k.Take, k.Decide, k.Select, k.Command},
				{k.MsgUp, k.MsgDown, k.Timeline, k.StoryOlder, k.StoryNewer},
				{k.Panes, k.Zooms, k.ShowScript, k.ShowExport},
				{k.Help, k.Quit},
			},
		}
	}
	return bindings{
		wide:   b.panesFooter([]key.Binding{k.Deliver, k.DeliverOldest, k.Propose, k.History, k.Command, k.Timeline, k.Zoom, k.Help, k.Quit}),
		short:  b.panesFooter([]key.Binding{k.Deliver, k.DeliverOldest, k.Propose, k.History, k.Command, k.Timeline, k.Help, k.Quit}),
		narrow: b.panesFooter([]key.Binding{k.Propose, k.History, k.Command, k.Timeline, k.Zoom, k.Help, k.Quit}), // the hint above tells enter and space
		full: [][]key.Binding{
			// 1-9 decide what a node played by hand does with a message it holds.
			{k.MsgUp, k.MsgDown, k.Deliver, k.DeliverOldest, k.DeliverAll, k.Drop, k.Duplicate, k.Click, k.Decide},
			{k.Propose, k.Accept, k.Nodes, k.Crash, hand, k.Lab},
			{k.StepBack, k.StepForward, k.First, k.Last},
			{k.Timeline, k.StoryOlder, k.StoryNewer, k.Command, k.Save, k.Load, k.Export, k.AutoPlay, k.Faster, k.Slower},
			{k.Panes, k.Zooms},
			{k.Help, k.Back, k.Quit},
		},
	}
}

// openLab opens the lab's form, or says why not.
func (b *board) openLab(tx *table.Tx) {
	if why := labRefusal(b.scene, tx); why != "" {
		b.say(true, "✗ %s", why)
		return
	}
	if b.lab == nil {
		b.lab = &lab{scene: b.scene, host: b, seat: b.seat}
	}
	b.lab.open(tx)
	b.open(b.lab)
}

// labMsg takes a message of the lab's search: its end closes the lab.
func (b *board) labMsg(tx *table.Tx, msg tea.Msg) tea.Cmd {
	if b.lab == nil {
		return nil
	}
	cmd, over := b.lab.message(tx, msg)
	if over && b.overlay.top() == dialog(b.lab) {
		b.overlay.replace(nil)
	}
	return cmd
}
