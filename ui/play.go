package ui

import (
	"errors"
	"fmt"
	"strconv"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"paxosgame/game"
	"paxosgame/internal/words"
	"paxosgame/narrate"
	"paxosgame/paxos"
	"paxosgame/table"
)

// SidePane is an extra pane shown beside the play screen, such as the text
// and goals of a lesson. The play screen tells it after every change of the
// game, and gives it a column (or, on a small terminal, the story's place).
// If it has a Place(width, height int) method, the play screen calls it in
// Update with the size View will give it (0×0 when it is not shown), so
// that View changes nothing; a Tip() string method gives the bottom line's
// advice ("" leaves the play screen's own).
type SidePane interface {
	// View renders the pane in at most width×height cells.
	View(width, height int) string
	// Played is called after each command that changed the game or moved
	// through its history.
	Played(g *game.Game)
	// Line is the pane in one line of width cells, for when the timeline
	// takes its place on a small screen.
	Line(width int) string
	// Scroll moves the pane's text by lines (the mouse wheel over it).
	Scroll(lines int)
}

// placer is a side pane that takes its size in Update (see SidePane).
type placer interface{ Place(width, height int) }

// tipper is a side pane that gives the bottom line's advice.
type tipper interface{ Tip() string }

// playMode is what the keys of the play screen go to.
type playMode int

const (
	modeNormal     playMode = iota
	modeCommand             // the `:` command line
	modePropose             // the propose form
	modeSave                // the path to save to
	modeOverwrite           // "the file exists: overwrite?"
	modeLoad                // the path of a script to load
	modeReplace             // "replace your unsaved game?"
	modeExport              // the format and the path to export to
	modeExportOver          // "the file exists: overwrite?" for an export
	modeLab                 // the lab: check from here (lab.go)
)

// play is the play screen, a board: one terminal's view of a table — its
// game's cluster, network, story and timeline — with the board's own
// selection, scroll, size, panes shown, `:` line and forms. Every change to
// the game is a game.Command run on the table through the board's seat
// (do), which tells every board that watches it; the table refuses what
// the seat may not do. Update holds the table's write lock for a message
// that may change the table, its read lock for the rest (the board's own
// state); View holds its read lock and changes nothing.
type play struct {
	sh   *shared
	seat *table.Seat // all the board holds of its table
	side SidePane
	w, h int

	// The table as of the board's last Update (see follow). g is read
	// only under the table's lock: another board may be changing it.
	g        *game.Game
	title    string
	path     string        // the file saved to or loaded from
	coached  bool          // a lesson's coach takes the moves
	oneByOne bool          // the coach refuses deliver all: the keys offer no "a all"
	dirty    bool          // the table has unsaved play
	auto     bool          // auto-play runs
	pace     time.Duration // auto-play's pace
	autoSeq  int           // the auto-play news the board has said
	seen     uint64        // the table's version the board has caught up with

	changes <-chan struct{} // the table's signals of change
	stop    func()          // ends the subscription
	live    bool            // the board listens to its signals (see listening)

	selMsg   int          // id of the selected message; if gone, the first in flight is shown selected
	selNode  paxos.NodeID // the selected node
	timeline bool         // the space-time diagram instead of network and story
	storyUp  int          // lines the story is scrolled back
	marks    touched      // what the step at the cursor touched, as of follow
	shown    shownPanes   // the panes hidden and zoomed (panes.go)
	format   int          // the export's format, an index of exportFormats
	from     int          // the export's first step (pgup/pgdn); it ends at the step on screen

	// The nodes played by hand that waited for a decision as the board
	// last followed the table (see refocus).
	waits []paxos.NodeID

	mode   playMode
	input  prompt
	form   proposeForm
	lab    *lab   // made when first opened: most boards (a class's sixty) never open it
	status string // the answer to the last key: a refusal, "saved", …
	bad    bool   // the status is an error
	about  about  // what the status speaks of (classroom.go)

	room roomView // the room, as of follow (classroom.go)

	loaded *game.Game // a script loaded while the game has unsaved play

	drawn drawn // the frame settle laid out, for View (play_view.go)
}

// newPlay is a board of the table seat s sits at. Close it when done
// with it.
func newPlay(sh *shared, s *table.Seat) *play {
	p := &play{sh: sh, seat: s, selNode: paxos.P(1), input: newPrompt(sh), format: defaultFormat}
	p.form = newProposeForm(sh)
	p.changes, p.stop = s.Subscribe()
	s.Read(func(tx *table.Tx) {
		p.follow(tx)
		p.autoSeq = tx.Auto().Seq // news from before this board is not said
	})
	return p
}

// Close ends the board's subscription to its table.
func (p *play) Close() {
	p.stop()
	if p.lab != nil {
		p.lab.stop()
	}
}

// summary is the title of the table's game and where its history is.
func (p *play) summary() (title string, cur, n int) {
	p.seat.Read(func(tx *table.Tx) {
		g := tx.Game()
		title, cur, n = tx.Title(), g.Cursor(), g.Len()
	})
	return title, cur, n
}

// catchUp follows the table outside Update, as after the root stopped
// auto-play.
func (p *play) catchUp() { p.seat.Read(p.follow) }

// changedMsg is the table's signal that it changed, for the board at
// seat.
type changedMsg struct{ seat *table.Seat }

// listening is the command that waits for the table's signals, from the
// program's start: each one comes as a changedMsg, and the board waits
// for the next after it.
func (p *play) listening() tea.Cmd {
	p.live = true
	return p.listen()
}

// listen waits for the table's next signal of change; nil once the board
// is closed.
func (p *play) listen() tea.Cmd {
	ch, s := p.changes, p.seat
	return func() tea.Msg {
		if _, ok := <-ch; !ok {
			return nil
		}
		return changedMsg{s}
	}
}

// follow brings the board up to the table: a new game (a loaded script, a
// lesson's new scene) starts the selection and the story afresh; the
// title, the marks and auto-play's news are the table's.
func (p *play) follow(tx *table.Tx) {
	p.drawn.ok = false
	p.setGame(tx.Game())
	p.title, p.path, p.dirty, p.coached = tx.Title(), tx.Path(), tx.Dirty(), tx.Coach() != nil
	c := tx.Coach()
	p.oneByOne = c != nil && !c.Allows(game.Command{Verb: game.VDeliver, Sel: game.Selector{All: true}})
	a := tx.Auto()
	p.auto, p.pace = a.On, a.Pace
	if a.Seq != p.autoSeq {
		p.autoSeq = a.Seq
		p.say(false, "%s", autoWords(a))
	}
	p.seen = tx.Version()
	p.marks = p.lastTouched()
	p.followRoom(tx)
	p.refocus()
	if f, ok := p.side.(Follower); ok {
		f.Follow(tx)
	}
}

// SetSide adds a side pane (nil removes it).
func (p *play) SetSide(s SidePane) { p.side, p.drawn.ok = s, false }

// setGame shows another game, as a lesson does when it starts a scene.
func (p *play) setGame(g *game.Game) {
	if g != p.g {
		p.g, p.selMsg, p.storyUp = g, 0, 0
	}
}

func (p *play) SetSize(w, h int) {
	p.w, p.h = w, h
	p.input.setWidth(w)
	p.form.setWidth(w)
	if p.lab != nil {
		p.lab.setWidth(w)
	}
	p.seat.Read(func(*table.Tx) { p.settle() })
}

// Dirty reports whether there is play that has not been saved. A lesson
// keeps its own progress: nothing is lost by leaving it.
func (p *play) Dirty() bool { return p.dirty }

// Typing reports whether a text field has the keyboard.
func (p *play) Typing() bool { return p.mode != modeNormal }

func (p *play) world() *game.World { return p.g.World() }

// run carries out one line of the command language, as typed on the `:`
// line. On error nothing changed and the error says why (a *game.Error for
// bad syntax).
func (p *play) run(tx *table.Tx, line string) error {
	if handled, err := p.roomLine(tx, line); handled {
		return err
	}
	if handled, err := p.answerLine(tx, line); handled {
		return err
	}
	cmd, ok, perr := game.ParseLine(line)
	if perr != nil {
		return perr
	}
	if !ok {
		return nil
	}
	return p.do(tx, cmd)
}

// do carries out one command on the table, through the board's seat:
// from the `:` line, a key, a click or a form. On error (a refusal of the
// seat, or of the game) nothing changed and the error says why.
func (p *play) do(tx *table.Tx, cmd game.Command) error {
	sel, selIdx, _ := p.selected()
	before := p.world().NumInFlight()
	res, err := tx.Do(cmd)
	if err != nil {
		return err
	}
	p.follow(tx)
	ahead := res.Dropped
	switch {
	case cmd.Verb == game.VExpect:
		p.say(false, "✓ expect %s: it holds", cmd.String()[len("expect "):])
		return nil
	case cmd.Verb.Setup():
		p.say(false, "✓ setup: %s", cmd)
	default:
		p.status = ""
	}
	if ahead > 0 {
		note := fmt.Sprintf("⚠ %d steps that were ahead were dropped: the history goes on from your move", ahead)
		if ahead == 1 {
			note = "⚠ 1 step that was ahead was dropped: the history goes on from your move"
		}
		if p.status != "" {
			note = p.status + " · " + note
		}
		p.say(false, "%s", note)
	}
	p.storyUp = 0
	// The selected message is gone: select its neighbour in the list.
	if _, ok := p.world().Message(sel.ID); !ok && before > 0 {
		p.selMsg = p.neighbour(selIdx)
	}
	p.played()
	return nil
}

// neighbour is the id of the message now at index i, or the last one.
func (p *play) neighbour(i int) int {
	wo := p.world()
	n := wo.NumInFlight()
	if n == 0 {
		return 0
	}
	return wo.InFlightRange(min(i, n-1), min(i, n-1)+1)[0].ID
}

func (p *play) played() {
	if p.side != nil {
		p.side.Played(p.g)
	}
}

// act runs the command of a key or a click and reports a refusal in the
// status line.
func (p *play) act(tx *table.Tx, c game.Command) {
	if err := p.do(tx, c); err != nil {
		p.say(true, "✗ %s: %s", c, err)
	}
}

func (p *play) say(bad bool, format string, args ...any) {
	p.drawn.ok = false
	for i, a := range args {
		if err, ok := a.(error); ok {
			args[i] = narrate.Error(err) // a refusal in the narrator's words
		}
	}
	p.status, p.bad = fmt.Sprintf(format, args...), bad
}

// selected is the selected message and its index in the list.
func (p *play) selected() (game.Envelope, int, bool) {
	wo := p.world()
	if i := wo.InFlightIndex(p.selMsg); i >= 0 {
		e, _ := wo.Message(p.selMsg)
		return e, i, true
	}
	if wo.NumInFlight() > 0 {
		return wo.InFlightRange(0, 1)[0], 0, true
	}
	return game.Envelope{}, 0, false
}

func (p *play) moveSelection(by int) {
	wo := p.world()
	n := wo.NumInFlight()
	if n == 0 {
		return
	}
	_, i, _ := p.selected()
	j := max(0, min(n-1, i+by))
	p.selMsg = wo.InFlightRange(j, j+1)[0].ID
}

func (p *play) moveNode(by int) {
	ns := p.world().Nodes()
	i := 0
	for j, n := range ns {
		if n == p.selNode {
			i = j
		}
	}
	p.selNode = ns[(i+by+len(ns))%len(ns)]
}

// jump moves through history; the game's world is replayed, not changed.
// With a coach, only through the player's own moves, one at a time.
func (p *play) jump(tx *table.Tx, k int) {
	k = max(0, min(p.g.Len(), k))
	if k == p.g.Cursor() {
		return
	}
	switch moved, err := tx.Jump(k); {
	case err != nil:
		p.say(true, "✗ %s", err)
		return
	case !moved:
		p.say(true, "✗ ← and → undo and redo your own moves at a goal; b goes back a page of the lesson")
		return
	}
	p.follow(tx)
	p.status = ""
	p.storyUp = 0
	p.played()
}

// Update handles a message that may change the table with the table's
// write lock held, through the board's seat; every other message — the
// table's signal of change, a key that moves the board's own selection,
// scroll or panes, the typing of a line — with its read lock alone, so
// that the boards of a class of sixty wait for nobody to follow the table
// and move their own state (DESIGN §9).
func (p *play) Update(msg tea.Msg) (cmd tea.Cmd) {
	if p.mayChange(msg) {
		p.seat.Act(func(tx *table.Tx) { cmd = p.update(tx, msg) })
		return cmd
	}
	p.seat.Read(func(tx *table.Tx) { cmd = p.update(tx, msg) })
	return cmd
}

// mayChange reports whether msg may change the table. The keys a student's
// seat may never use go with the board's own keys: the table refuses them
// without the write lock (a refusal is not a change). A message taken
// here for the board's own that changes the table after all panics, in
// the table: the tests press every key in every mode.
func (p *play) mayChange(msg tea.Msg) bool {
	k := p.sh.keys
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		switch p.mode {
		case modeNormal:
			if p.isStudent() {
				return key.Matches(msg, k.Hand, k.Decide, k.Accept)
			}
			return !key.Matches(msg, k.MsgUp, k.MsgDown, k.NextNode, k.PrevNode, k.Timeline, k.StoryOlder, k.StoryNewer,
				k.HideStory, k.HideNetwork, k.HideMeter, k.Zoom, k.ZoomNext, k.Command, k.Back, k.Help, k.Save, k.Export, k.Load)
		case modeLab:
			return true
		case modeOverwrite, modeReplace, modeExportOver:
			return key.Matches(msg, k.Yes)
		}
		return key.Matches(msg, k.Submit) // a line or a form: its submission
	case tea.MouseClickMsg:
		return p.auto && p.seat.May(table.Auto) == nil // a click stops auto-play
	case pointMsg:
		return !msg.wheel
	case labDoneMsg:
		return true
	}
	return false
}

// update handles a message within the table's Act or Read: the board
// follows the table before and after, and takes the layout View will draw
// (settle).
func (p *play) update(tx *table.Tx, msg tea.Msg) tea.Cmd {
	if _, ok := msg.(changedMsg); ok && p.quiet(tx) {
		return p.handle(tx, msg) // listens on
	}
	p.follow(tx)
	cmd := p.handle(tx, msg)
	p.follow(tx)
	p.settle()
	return cmd
}

// handle handles a message within the table's Act.
func (p *play) handle(tx *table.Tx, msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		return p.key(tx, msg)
	case tea.MouseClickMsg: // what was clicked comes as a pointMsg
		if p.auto && p.seat.May(table.Auto) == nil {
			tx.StopAuto()
		}
	case pointMsg:
		switch {
		case msg.board != p: // drawn by another board
		case msg.wheel:
			p.wheel(msg)
		default:
			p.click(tx, msg)
		}
	case labTickMsg, labDoneMsg:
		return p.labMsg(tx, msg)
	case changedMsg: // followed
		if msg.seat == p.seat && p.live {
			return p.listen()
		}
	case tea.PasteMsg:
		if p.mode != modeNormal {
			return p.typing(tx, msg)
		}
	}
	return nil
}

func (p *play) key(tx *table.Tx, msg tea.KeyPressMsg) tea.Cmd {
	k := p.sh.keys
	if p.mode != modeNormal {
		return p.typing(tx, msg)
	}
	w := p.world()
	sel, _, any := p.selected()
	if !key.Matches(msg, k.Help) {
		p.status, p.about = "", aboutGame
	}
	if p.isStudent() && p.studentKey(tx, msg) {
		return nil
	}
	switch {
	case key.Matches(msg, k.Back) && p.sh.room.Fixed:
		// the room's board is the only screen
	case key.Matches(msg, k.Save) && p.sh.room.Remote:
		return p.remoteSave()
	case key.Matches(msg, k.Load) && p.sh.room.Remote:
		p.say(true, "✗ %s", errRemoteFiles)
	case key.Matches(msg, k.Back):
		return func() tea.Msg { return goHomeMsg{} }
	case key.Matches(msg, k.HideStory):
		p.toggleHide(paneStory)
	case key.Matches(msg, k.HideNetwork):
		p.toggleHide(paneNetwork)
	case key.Matches(msg, k.HideMeter):
		p.toggleMeter()
	case key.Matches(msg, k.Zoom):
		p.zoomKey()
	case key.Matches(msg, k.ZoomNext):
		p.zoomNext()
	case key.Matches(msg, k.Export) && p.sh.room.Remote:
		return p.remoteExport()
	case key.Matches(msg, k.Export):
		p.openExport()
	case key.Matches(msg, k.MsgUp):
		p.moveSelection(-1)
	case key.Matches(msg, k.MsgDown):
		p.moveSelection(1)
	case key.Matches(msg, k.Deliver):
		p.onMessage(tx, game.VDeliver, sel, any)
	case key.Matches(msg, k.Drop):
		p.onMessage(tx, game.VDrop, sel, any)
	case key.Matches(msg, k.Duplicate):
		p.onMessage(tx, game.VDuplicate, sel, any)
	case key.Matches(msg, k.DeliverOldest):
		if w.NumInFlight() == 0 {
			p.say(true, "✗ nothing is in flight: p to propose")
			break
		}
		p.act(tx, p.pick(game.VDeliver, w.InFlightRange(0, 1)[0]))
	case key.Matches(msg, k.DeliverAll):
		if w.NumInFlight() == 0 {
			p.say(true, "✗ nothing is in flight: p to propose")
			break
		}
		p.act(tx, game.Command{Verb: game.VDeliver, Sel: game.Selector{All: true}})
	case key.Matches(msg, k.NextNode):
		p.moveNode(1)
	case key.Matches(msg, k.PrevNode):
		p.moveNode(-1)
	case key.Matches(msg, k.Crash):
		verb := game.VCrash
		if !w.Up(p.selNode) {
			verb = game.VRestart
		}
		p.act(tx, game.Command{Verb: verb, Node: p.selNode})
	case key.Matches(msg, k.Hand):
		p.toggleHand(tx)
	case key.Matches(msg, k.Decide) && p.decideKey(tx, int(msg.Code-'0')):
		// decided, or said why not; a 2 that is no decision sends 2a
	case key.Matches(msg, k.Accept):
		if id, ok := p.acceptTarget(); ok {
			p.act(tx, game.Command{Verb: game.VAccept, Node: id})
		}
	case key.Matches(msg, k.Propose):
		n := 1
		if p.selNode.Role == paxos.RoleProposer {
			n = p.selNode.N
		}
		if c := tx.Coach(); c != nil && !c.Allows(game.Command{Verb: game.VPropose}) {
			p.act(tx, game.Command{Verb: game.VPropose, Node: paxos.P(n)}) // refused: the coach says why
			break
		}
		p.mode = modePropose
		p.form.open(w, n)
	case key.Matches(msg, k.StepBack):
		p.jump(tx, p.g.Cursor()-1)
	case key.Matches(msg, k.StepForward):
		p.jump(tx, p.g.Cursor()+1)
	case key.Matches(msg, k.First):
		p.jump(tx, 0)
	case key.Matches(msg, k.Last):
		p.jump(tx, p.g.Len())
	case key.Matches(msg, k.Timeline):
		p.timeline = !p.timeline
		p.use(paneTimeline) // the network once it is closed
	case key.Matches(msg, k.StoryOlder):
		p.storyUp += 3
		p.use(paneStory)
	case key.Matches(msg, k.StoryNewer):
		p.storyUp = max(0, p.storyUp-3)
		p.use(paneStory)
	case key.Matches(msg, k.Command):
		p.mode = modeCommand
		p.input.open(": ", "")
	case key.Matches(msg, k.Save):
		p.mode = modeSave
		p.input.open("save to: ", p.defaultPath())
	case key.Matches(msg, k.AutoPlay):
		p.toggleAuto(tx)
	case key.Matches(msg, k.Faster), key.Matches(msg, k.Slower):
		p.changePace(tx, key.Matches(msg, k.Faster))
	case key.Matches(msg, k.Lab):
		p.openLab(tx)
	case key.Matches(msg, k.Load) && p.coached:
		p.say(true, "✗ a lesson plays its own game: open scripts from free play")
	case key.Matches(msg, k.Load):
		p.mode = modeLoad
		p.input.open("open script: ", p.path)
	}
	switch {
	case key.Matches(msg, k.MsgUp, k.MsgDown, k.Deliver, k.DeliverOldest, k.DeliverAll, k.Drop, k.Duplicate):
		p.use(paneNetwork)
	case key.Matches(msg, k.NextNode, k.PrevNode, k.Crash, k.Hand, k.Propose, k.Accept):
		p.use(paneNodes)
	}
	return nil
}

// onMessage runs deliver, drop or duplicate on the selected message.
func (p *play) onMessage(tx *table.Tx, verb game.Verb, sel game.Envelope, any bool) {
	if !any {
		p.say(true, "✗ nothing is in flight to %s: p to propose", verb)
		return
	}
	p.act(tx, p.pick(verb, sel))
}

// acceptTarget is the proposer `2` sends 2a for: the selected one; when
// the selection is not a proposer, the only one that can send 2a now. It
// says why there is none.
func (p *play) acceptTarget() (paxos.NodeID, bool) {
	if p.selNode.Role == paxos.RoleProposer {
		return p.selNode, true
	}
	if !p.world().Cfg.Manual {
		p.say(true, "✗ 2 is for manual mode: in auto mode a proposer sends its accept requests by itself the moment a majority has promised")
		return paxos.NodeID{}, false
	}
	ready := p.readyToAccept()
	switch len(ready) {
	case 1:
		return ready[0], true
	case 0:
		p.say(true, "✗ select a proposer (tab) first: none has the promises of a majority to send 2a now")
	default:
		p.say(true, "✗ select a proposer (tab) first: %s can send 2a now", nodeList(ready))
	}
	return paxos.NodeID{}, false
}

// readyToAccept is the proposers that may send their accept requests now.
func (p *play) readyToAccept() []paxos.NodeID {
	return p.world().AcceptReady()
}

// nodeList is "P2", "P2 and P3", "P1, P2 and P3".
func nodeList(ns []paxos.NodeID) string {
	s := make([]string, len(ns))
	for i, n := range ns {
		s[i] = n.String()
	}
	return words.And(s)
}

func (p *play) defaultPath() string {
	if p.path != "" {
		return p.path
	}
	return "paxos-game.paxos"
}

// typing handles keys while a prompt, form or question is open.
func (p *play) typing(tx *table.Tx, msg tea.Msg) tea.Cmd {
	k := p.sh.keys
	switch p.mode {
	case modeLab:
		return p.labKey(tx, msg)
	case modePropose:
		res, cmd := p.form.Update(msg, p.world())
		switch res {
		case promptCancelled:
			p.mode = modeNormal
		case promptSubmitted:
			c, err := p.form.command()
			if err == nil {
				err = p.do(tx, c)
			}
			if err != nil {
				p.form.err = errorText(err)
				return nil
			}
			p.mode = modeNormal
			p.selNode = paxos.P(p.form.proposer)
		}
		return cmd
	case modeOverwrite, modeReplace, modeExportOver:
		if msg, ok := msg.(tea.KeyPressMsg); ok {
			switch {
			case key.Matches(msg, k.Yes) && p.mode == modeExportOver:
				p.mode = modeNormal
				p.exportTo(p.input.value(), true)
			case key.Matches(msg, k.No) && p.mode == modeExportOver:
				p.say(false, "nothing exported: %s is kept as it was", game.Printable(p.input.value()))
			case key.Matches(msg, k.Yes) && p.mode == modeOverwrite:
				p.save(tx, p.input.value(), true)
			case key.Matches(msg, k.Yes):
				p.replace(tx, p.loaded, p.input.value())
			case key.Matches(msg, k.No):
				p.say(false, "nothing changed")
			default:
				return nil
			}
			p.mode, p.loaded = modeNormal, nil
		}
		return nil
	}
	if msg, ok := msg.(tea.KeyPressMsg); ok && p.mode == modeExport && p.formatKey(msg) {
		return nil
	}
	res, cmd := p.input.Update(msg)
	switch res {
	case promptCancelled:
		p.mode = modeNormal
		p.input.close()
		p.status = ""
	case promptSubmitted:
		p.submit(tx)
	}
	return cmd
}

// submit acts on the line of the open prompt.
func (p *play) submit(tx *table.Tx) {
	line := p.input.value()
	switch p.mode {
	case modeCommand:
		p.input.remember(line)
		if err := p.run(tx, line); err != nil {
			p.say(true, "✗ %s", errorText(err))
			return // the line stays open to be fixed; nothing changed
		}
		p.mode = modeNormal
	case modeSave:
		p.mode = modeNormal
		p.save(tx, line, false)
		if p.mode == modeSave {
			return // it asks for another name
		}
	case modeLoad:
		p.mode = modeNormal
		p.load(tx, line)
	case modeExport:
		p.mode = modeNormal
		p.exportTo(line, false)
		if p.mode != modeNormal {
			return // it asks to overwrite, or for another name
		}
	}
	p.input.close()
}

// errorText words an error for the screen; a parse error points at its
// column.
func errorText(err error) string {
	var pe *game.Error
	if errors.As(err, &pe) && pe.Line == 0 && pe.Col > 0 {
		return fmt.Sprintf("column %d: %s", pe.Col, narrate.Error(pe))
	}
	return narrate.Error(err)
}

// Help is the keys of the play screen in its current mode.
func (p *play) Help() bindings {
	k := p.sh.keys
	switch p.mode {
	case modeCommand:
		return bindings{short: []key.Binding{k.Submit, k.Cancel, k.HistoryUp, k.HistoryDown}}
	case modeSave, modeLoad:
		return bindings{short: []key.Binding{k.Submit, k.Cancel}}
	case modeExport:
		return bindings{short: []key.Binding{k.ExportSubmit, k.Cancel, k.Format, k.ExportFrom}}
	case modeOverwrite, modeReplace, modeExportOver:
		return bindings{short: []key.Binding{k.Yes, k.No}}
	case modeLab:
		return p.labHelp()
	case modePropose:
		if p.form.field != fieldProposer {
			return bindings{short: []key.Binding{k.Submit, k.Cancel, k.NextField}}
		}
		return bindings{short: []key.Binding{k.Submit, k.Cancel, k.NextField, k.Left}}
	}
	hand := k.Hand
	if p.coached {
		hand = k.HandInLesson
	}
	if own, student := p.student(); student {
		// A student changes the game only through the node they play:
		// their keys are a student's, and no other.
		first := []key.Binding{k.Nodes, k.Take} // no node yet: take one
		if own.N != 0 {
			first = []key.Binding{k.Nodes, k.Decide}
		}
		if p.room.poll.Open && !p.room.deciding {
			first = []key.Binding{k.Nodes, k.Answer} // the digits answer the poll
		}
		return bindings{
			wide:   p.panesFooter(append(first[:2:2], k.Command, k.Timeline, k.Zoom, k.Help, k.Quit)),
			short:  p.panesFooter(append(first[:2:2], k.Command, k.Timeline, k.Help, k.Quit)),
			narrow: p.panesFooter([]key.Binding{first[1], k.Timeline, k.Zoom, k.Help, k.Quit}),
			full: [][]key.Binding{
				{k.Nodes, k.Take, k.Decide, k.Select, k.Command},
				{k.MsgUp, k.MsgDown, k.Timeline, k.StoryOlder, k.StoryNewer},
				{k.Panes, k.Zooms, k.ShowScript, k.ShowExport},
				{k.Help, k.Quit},
			},
		}
	}
	return bindings{
		wide:   p.panesFooter([]key.Binding{k.Deliver, k.DeliverOldest, k.Propose, k.History, k.Command, k.Timeline, k.Zoom, k.Help, k.Quit}),
		short:  p.panesFooter([]key.Binding{k.Deliver, k.DeliverOldest, k.Propose, k.History, k.Command, k.Timeline, k.Help, k.Quit}),
		narrow: p.panesFooter([]key.Binding{k.Propose, k.History, k.Command, k.Timeline, k.Zoom, k.Help, k.Quit}), // the hint above tells enter and space
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

// changePace makes auto-play faster or slower by table.PaceStep.
func (p *play) changePace(tx *table.Tx, faster bool) {
	d := tx.Auto().Pace
	if faster {
		d -= table.PaceStep
	} else {
		d += table.PaceStep
	}
	if err := tx.SetPace(d); err != nil {
		p.say(true, "✗ %s", err)
		return
	}
	p.follow(tx)
	p.status = fmt.Sprintf("auto-play: a step every %s (+ faster, - slower: %s to %s)",
		paceWords(tx.Auto().Pace), paceWords(table.MinPace), paceWords(table.MaxPace))
	p.bad = false
}

// paceWords is a pace as the title says it: "1.5 s".
func paceWords(d time.Duration) string { return strconv.FormatFloat(d.Seconds(), 'f', -1, 64) + " s" }

// toggleAuto starts or stops the table's auto-play.
func (p *play) toggleAuto(tx *table.Tx) {
	if p.auto {
		if err := tx.StopAuto(); err != nil {
			p.say(true, "✗ %s", err)
		}
		return
	}
	switch err := tx.StartAuto(); {
	case errors.Is(err, table.ErrCoached):
		p.say(true, "✗ auto-play is for free play: in a lesson, n plays the lesson's steps")
	case errors.Is(err, table.ErrIdle):
		p.say(true, "✗ nothing is in flight to auto-play: p to propose")
	case err != nil:
		p.say(true, "✗ %s", err)
	}
}

// autoWords says what auto-play does, or why it stopped.
func autoWords(a table.AutoPlay) string {
	switch a.Why {
	case table.Running:
		s := fmt.Sprintf("▶ auto-play: %s · + and - change the pace · any other key stops it", autoMoveWords(a))
		if a.Ignored == 1 {
			s = "▶ auto-play: 1 delivery that changed nothing (ignored) went by without a pause"
		} else if a.Ignored > 1 {
			s = fmt.Sprintf("▶ auto-play: %d deliveries that changed nothing (ignored) went by without a pause", a.Ignored)
		}
		return s
	case table.StopIdle:
		return "■ auto-play stopped: nothing is in flight"
	case table.StopChosen:
		return "■ auto-play stopped: a value is chosen (← steps back, A goes on)"
	case table.StopViolation:
		return "■ auto-play stopped: agreement failed (← steps back, A goes on)"
	case table.StopRefused:
		return fmt.Sprintf("■ auto-play stopped: %v", a.Err)
	}
	return "■ auto-play stopped"
}

// autoMoveWords says what auto-play's ticks do now, at its pace.
func autoMoveWords(a table.AutoPlay) string {
	every := paceWords(a.Pace)
	switch {
	case a.Next == table.MoveAhead && a.Ahead == 1:
		return fmt.Sprintf("the step ahead in %s, as → does, then the oldest message", every)
	case a.Next == table.MoveAhead:
		return fmt.Sprintf("the %d steps ahead, one every %s as → does, then the oldest message", a.Ahead, every)
	case a.Next == table.MoveLoop:
		return fmt.Sprintf("round the loop again, a step every %s, ballots rising", every)
	}
	return fmt.Sprintf("the oldest message every %s, as space does", every)
}

// pick is the command for a key or click that delivers, drops or
// duplicates message e: in words (deliver 2a P2->A2, with the ballot when
// needed) when they pick that message alone, else by its id (#5).
func (p *play) pick(verb game.Verb, e game.Envelope) game.Command {
	return game.Command{Verb: verb, Sel: table.Pick(p.world(), e)}
}
