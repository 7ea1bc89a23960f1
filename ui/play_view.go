package ui

import (
	"fmt"
	"slices"
	"strings"

	tea "charm.land/bubbletea/v2"

	"paxosgame/game"
	"paxosgame/narrate"
	"paxosgame/paxos"
	"paxosgame/table"
)

// Widths from which the play screen uses more columns.
const (
	wideWidth = 150 // cluster | network | story side by side
	sideWidth = 120 // room for a side pane as a column of its own
)

// View draws the board, under the table's read lock. It changes nothing.
func (p *play) View() string {
	f := p.Frame()
	return f.String()
}

// Frame is the board as View draws it, with where each target is, for the
// mouse: clicks are resolved on the last frame drawn (see frame.onMouse).
// It is the frame settle laid out, when neither the board nor the table
// changed since: a class's boards lay out each change once, not twice.
func (p *play) Frame() (f frame) {
	p.seat.Read(func(tx *table.Tx) {
		if d := p.drawn; d.ok && d.version == tx.Version() {
			f = d.f
			return
		}
		f = p.frame()
	})
	f.board = p
	return f
}

// drawn is the frame settle laid out, for View; ok is false once the
// board changed after (follow, say).
type drawn struct {
	f       frame
	version uint64 // the table's
	ok      bool
}

// settle takes in Update the layout that View will draw, so that View
// changes nothing: the story scrolled back no further than it goes, and
// the side pane's size; and keeps the frame for View. Called under the
// table's lock.
func (p *play) settle() {
	p.drawn = drawn{}
	if p.w < minWidth || p.h+1 < minHeight {
		return // never drawn: the screen asks for a bigger terminal
	}
	f := p.frame()
	if f.story {
		p.storyUp = f.storyUp
	}
	pl, placed := p.side.(placer)
	if placed {
		pl.Place(f.sideW, f.sideH) // the pane changed: View lays it out again
	}
	p.drawn = drawn{f: f, version: p.seen, ok: !placed}
}

// frame lays out the whole play screen: title, banners, body, bottom.
func (p *play) frame() frame {
	w, h := p.w, p.h
	var f frame
	f.lines = append(f.lines, p.titleBar(w))
	f.lines = append(f.lines, p.banners(w)...)
	bottom, _ := p.bottom(w)
	choices := p.choicesPane(w)
	bodyH := max(h-len(f.lines)-len(choices.lines)-len(bottom), 1)
	p.body(&f, len(f.lines), w, bodyH)
	for i, t := range choices.targets {
		if t != (target{}) {
			f.hits = append(f.hits, hit{len(f.lines) + i, 0, w, t})
		}
	}
	f.lines = append(f.lines, choices.lines...)
	f.lines = append(f.lines, bottom...)
	return f
}

// body is the panes between the banners and the bottom lines: the pane
// zoomed alone, or every pane the board does not hide.
func (p *play) body(f *frame, top, w, h int) {
	sep := " " + p.sh.styles.Dim.Render("│") + " "
	sepW := 3
	if z := p.zoomed(); z != paneNone {
		f.place(top, h, sep, []int{w}, p.zoomPane(f, z, w, h))
		return
	}
	var side []string
	if p.side != nil && w >= sideWidth {
		sw := min(60, w/3)
		f.sideW, f.sideH = sw, h
		side = strings.Split(p.side.View(sw, h), "\n")
		for i := range side {
			side[i] = pad(side[i], sw)
		}
		w -= sw + sepW
		defer func() { // the side pane is the last column
			rows := block(side, sw, h)
			for i := range h {
				f.lines[top+i] += sep + rows[i]
				f.hits = append(f.hits, hit{top + i, w + sepW, w + sepW + sw, target{side: true}})
			}
		}()
	}
	network, story := !p.shown.hideNetwork, !p.shown.hideStory
	if w >= wideWidth {
		lw := w * 34 / 100
		if p.timeline {
			tw := w - lw - sepW
			f.place(top, h, sep, []int{lw, tw}, p.clusterPane(lw, h), p.timelinePane(tw, h))
			return
		}
		switch {
		case network && story:
			nw := (w - lw - 2*sepW) / 2
			sw := w - lw - nw - 2*sepW
			st := p.storyPane(sw, h)
			f.story, f.storyUp = true, st.scroll
			f.place(top, h, sep, []int{lw, nw, sw}, p.clusterPane(lw, h), p.networkPane(nw, h), st)
		case network:
			rw := w - lw - sepW
			f.place(top, h, sep, []int{lw, rw}, p.clusterPane(lw, h), p.networkPane(rw, h))
		case story:
			rw := w - lw - sepW
			st := p.storyPane(rw, h)
			f.story, f.storyUp = true, st.scroll
			f.place(top, h, sep, []int{lw, rw}, p.clusterPane(lw, h), st)
		default:
			f.place(top, h, sep, []int{w}, p.clusterPane(w, h))
		}
		return
	}
	if p.timeline && p.side != nil && side == nil {
		// The timeline needs the whole width: the side pane keeps one
		// line under it.
		var tl pane
		if h > 1 {
			tl = p.timelinePane(w, h-1)
			tl.lines = block(tl.lines, w, h-1)
		}
		tl.add(p.sh.styles.Heading.Render(fit(p.side.Line(w), w)), target{side: true})
		f.place(top, h, sep, []int{w}, tl)
		return
	}
	if p.timeline {
		f.place(top, h, sep, []int{w}, p.timelinePane(w, h))
		return
	}
	// No room for a column: the side pane takes the story's place.
	sideHere := p.side != nil && side == nil
	lower := sideHere || story
	if !network && !lower {
		f.place(top, h, sep, []int{w}, p.clusterPane(w, h))
		return
	}
	lw := max(38, w*45/100)
	rw := w - lw - sepW
	var right pane
	nh := 0
	if network {
		nh = max(4, min(p.world().NumInFlight()+1, h/2))
		if sideHere {
			nh = max(4, min(nh, h/3)) // the side pane, in the story's place, needs the room more
		}
		if !lower {
			nh = h
		}
		right = p.networkPane(rw, nh)
		right.lines = block(right.lines, rw, nh)
		for len(right.targets) < nh {
			right.targets = append(right.targets, target{})
		}
		right.targets = right.targets[:nh]
	}
	if lower {
		var below pane
		if sideHere {
			f.sideW, f.sideH = rw, h-nh
			for _, l := range strings.Split(p.side.View(rw, h-nh), "\n") {
				below.add(l, target{side: true})
			}
		} else {
			below = p.storyPane(rw, h-nh)
			f.story, f.storyUp = true, below.scroll
		}
		right.lines = append(right.lines, below.lines...)
		right.targets = append(right.targets, below.targets...)
	}
	f.place(top, h, sep, []int{lw, rw}, p.clusterPane(lw, h), right)
}

// zoomPane is pane z drawn alone in w×h cells, the whole body.
func (p *play) zoomPane(f *frame, z paneID, w, h int) pane {
	switch z {
	case paneNodes:
		return p.clusterPane(w, h)
	case paneStory:
		st := p.storyPane(w, h)
		f.story, f.storyUp = true, st.scroll
		return st
	case paneTimeline:
		return p.timelinePane(w, h)
	case paneSide:
		var pn pane
		f.sideW, f.sideH = w, h
		for _, l := range strings.Split(p.side.View(w, h), "\n") {
			pn.add(l, target{side: true})
		}
		return pn
	}
	return p.networkPane(w, h)
}

// titleBar: the game, the step, the mode, the rules off, saved or not.
// When it is too long, the command of the step is shortened first, then
// the title and the list of rules off; the step, the rules being off and
// the unsaved mark always show.
func (p *play) titleBar(w int) string {
	st := p.sh.styles
	cfg := p.world().Cfg
	left := "PAXOS · " + p.title // its width decides how much of the right side shows
	step := fmt.Sprintf("step %d of %d", p.g.Cursor(), p.g.Len())
	if ahead := p.g.Len() - p.g.Cursor(); ahead > 0 && p.isStudent() {
		step += " · the room replays" // the lecturer shows the past: students wait
	} else if ahead > 0 {
		step += fmt.Sprintf(" · %d ahead", ahead) // acting drops them
	}
	cmd := ""
	if c := p.g.Cursor(); c > 0 {
		cmd = p.g.Steps()[c-1].Cmd.String()
	}
	mode := "auto 2a"
	if cfg.Manual {
		mode = "manual 2a"
	}
	var off []string
	for _, r := range paxos.AllRules() {
		if !cfg.Rules.On(r) {
			off = append(off, r.String())
		}
	}
	unsaved := ""
	if p.Dirty() && !p.isStudent() { // the lecturer's to save
		unsaved = "● unsaved"
	}
	auto := ""
	if p.auto {
		auto = "▶ auto-play " + paceWords(p.pace)
	}
	rights := []string{
		joinNonEmpty(" · ", auto, mode, offWords(off, false), unsaved),
		joinNonEmpty(" · ", auto, mode, offWords(off, true), unsaved),
		joinNonEmpty(" · ", auto, offWords(off, true), unsaved),
	}
	const sepW = 6 // two " │ "
	right := rights[len(rights)-1]
	for _, r := range rights {
		if width(step)+width(r)+sepW+min(width(left), 16) <= w {
			right = r
			break
		}
	}
	left, cmd = titleAndCommand(w-width(step)-width(right)-sepW, p.title, cmd)
	if cmd != "" {
		step += ": " + cmd
	}
	gap := max(w-width(left)-width(step)-width(right)-sepW, 0)
	line := st.Title.Render(left) + " │ " + st.Strong.Render(step) + " │ " + strings.Repeat(" ", gap) + right
	return pad(line, w)
}

// titleAndCommand fit the game's title and the step's command in room
// cells: the command loses words first (down to its first two), then the
// title its "PAXOS · ", then the command goes, then the title is cut.
func titleAndCommand(room int, title, cmd string) (string, string) {
	lefts := []string{"PAXOS · " + title, title}
	for _, l := range lefts {
		if width(l) > room {
			continue
		}
		if cmd == "" {
			return l, ""
		}
		cr := room - width(l) - 2
		if width(cmd) <= cr {
			return l, cmd
		}
		if c := fit(cmd, cr); strings.Contains(c, " ") {
			return l, c
		}
	}
	for _, l := range lefts {
		if width(l) <= room {
			return l, ""
		}
	}
	return fit(title, max(room, 8)), ""
}

// offWords names the rules switched off, or counts them.
func offWords(off []string, short bool) string {
	switch {
	case len(off) == 0:
		return ""
	case short && len(off) > 1:
		return fmt.Sprintf("✗ %d rules off", len(off))
	}
	return "✗ off: " + strings.Join(off, ", ")
}

func joinNonEmpty(sep string, parts ...string) string {
	var out []string
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, sep)
}

// banners: CHOSEN the moment a quorum voted in one ballot, VIOLATION when
// a safety property failed, and a start set up with a rule off. Each says
// what it means in words.
func (p *play) banners(w int) []string {
	st := p.sh.styles
	wo := p.world()
	var out []string
	if len(wo.Obs.Chosen) > 0 {
		// Shorter forms on a narrow screen: the words that matter always show.
		texts := narrate.ChosenBanner(wo.Obs.Chosen[0], wo.Cfg)
		lines := []string{firstFit(w, texts...)}
		if width(texts[len(texts)-1]) > w { // a long value: two lines
			lines = wrapMax(texts[2], w, 2)
		}
		for _, l := range lines {
			out = append(out, st.Chosen.Render(pad(l, w)))
		}
	}
	if v := wo.Obs.Violations; len(v) > 0 {
		text := "✗ " + narrate.ViolationBanner(v[0])
		for _, l := range wrapMax(text, w, 2) {
			out = append(out, st.Violation.Render(pad(l, w)))
		}
	}
	if text := narrate.Start(wo); text != "" {
		// A start made with a rule off stays so: say it while it lasts.
		out = append(out, st.Bad.Render(fit("✗ "+text, w)))
	}
	return out
}

// bottom is the status line, or the open prompt or form, and the column
// of the terminal cursor in its last line (-1: none).
func (p *play) bottom(w int) ([]string, int) {
	st := p.sh.styles
	switch p.mode {
	case modeLab:
		return p.labView(w), -1
	case modePropose:
		lines, x := p.form.View(w)
		return lines, x
	case modeCommand, modeSave, modeLoad, modeExport:
		info := map[playMode]string{
			modeCommand: `any command: propose P2 17 "5 EUR" · deliver #4 · drop 1a P1->A2 · crash A2 · expect chosen "1 EUR" · ↑ earlier · esc`,
			modeSave:    "the game as a script: every step kept, undone ones too · enter save · esc cancel",
			modeLoad:    "replays a script; if it fails, your game stays as it is · enter open · esc cancel",
			modeExport:  p.exportInfo(w),
		}[p.mode]
		lines := []string{st.Dim.Render(fit(info, w))}
		if p.status != "" && p.bad {
			lines = statusLines(p.status, w, 2)
			for i := range lines {
				lines[i] = st.Bad.Render(lines[i])
			}
		}
		return append(lines, p.input.View(w)), 0
	case modeOverwrite:
		return []string{st.Bad.Render(fit(p.input.value()+" exists. Overwrite it? y yes · n no", w))}, -1
	case modeReplace:
		return []string{st.Bad.Render(fit("Your game has unsaved play. Replace it with "+p.input.value()+"? y yes · n no", w))}, -1
	case modeExportOver:
		lines := p.overwriteQuestion(w)
		for i := range lines {
			lines[i] = st.Bad.Render(lines[i])
		}
		return lines, -1
	}
	if p.status != "" {
		style := st.Good
		if p.bad {
			style = st.Bad
		}
		lines := statusLines(keepKeyPhrases(p.status), w, 2)
		for i := range lines {
			lines[i] = style.Render(lines[i])
		}
		return lines, -1
	}
	tips := p.hint()
	if t, ok := p.side.(tipper); ok && t.Tip() != "" {
		tips = []string{t.Tip()}
	} else if _, _, ok := p.choicesShown(); ok {
		return nil, -1 // the choices' heading says what to do
	}
	return []string{st.Dim.Render(firstFit(w, tips...))}, -1
}

// hint suggests what to do next, from the state of the game alone (so
// that undo and redo give the same screen): the same advice in fewer
// words after the first, for a narrow screen.
func (p *play) hint() []string {
	wo := p.world()
	if p.replaying() {
		return []string{fmt.Sprintf("the room replays: the lecturer is showing step %d of %d — your decisions wait for the present", p.g.Cursor(), p.g.Len()),
			fmt.Sprintf("the room replays step %d of %d: your decisions wait", p.g.Cursor(), p.g.Len())}
	}
	if own, student := p.student(); student && len(p.waiting()) == 0 {
		if own.N == 0 {
			return []string{"the lecturer runs the game · tab selects a free node, h takes it and you play it",
				"tab selects a free node, h takes it"}
		}
		return []string{fmt.Sprintf("the lecturer runs the network · when a message reaches %s its choices show: 1–9 take one", own),
			fmt.Sprintf("when a message reaches %s, 1–9 decide", own)}
	}
	if len(wo.Obs.Violations) > 0 {
		return []string{"Agreement failed. ← steps back to see how · t shows the timeline"}
	}
	if w := p.waiting(); len(w) > 0 {
		// The selected node does not wait: its choices would show.
		who, it := waitWords(w), itOrOne(w)
		return []string{fmt.Sprintf("%s: tab or a click selects %s, its choices show, 1–9 take one", who, it),
			fmt.Sprintf("%s: tab selects %s, 1–9 decide", who, it)}
	}
	if _, ok := wo.Obs.ChosenValue(); ok && wo.NumInFlight() == 0 {
		return []string{"A value is chosen. ← steps back · t timeline · p proposes again: it can only confirm it",
			"A value is chosen: p proposes again, it can only confirm it · ← steps back",
			"A value is chosen · ← steps back · t timeline"}
	}
	if ready := p.readyToAccept(); wo.Cfg.Manual && len(ready) > 0 {
		who := nodeList(ready)
		has, it := "has", "it"
		if len(ready) > 1 {
			has, it = "have", "one"
		}
		if p.selNode.Role == paxos.RoleProposer && !slices.Contains(ready, p.selNode) {
			// 2 acts for the selected proposer: say which to select.
			return []string{fmt.Sprintf("%s %s a majority of promises: tab selects %s, then 2 sends its accept requests (2a)", who, has, it),
				fmt.Sprintf("%s %s a majority of promises: tab selects %s, 2 sends 2a", who, has, it)}
		}
		return []string{fmt.Sprintf("%s %s a majority of promises: 2 sends its accept requests (2a), or wait for more", who, has),
			fmt.Sprintf("%s %s a majority of promises: 2 sends its accept requests (2a)", who, has)}
	}
	if wo.NumInFlight() > 0 {
		all := p.withAll("", " · a all")
		return []string{"enter delivers the selected message · space the oldest" + all + " · x drops · d duplicates",
			"enter delivers the selected · space the oldest" + all + " · x drops · d duplicates",
			"enter delivers · space the oldest" + all + " · x drops · d duplicates"}
	}
	return []string{fmt.Sprintf("p proposes · : types a command · tab selects a node: c crashes it, %s plays it by hand · ? all keys", p.handKey()),
		"p proposes · : types a command · tab selects a node, c crashes it · ? all keys"}
}

// Cursor is the terminal cursor of the open prompt or form.
func (p *play) Cursor() *tea.Cursor {
	switch p.mode {
	case modeCommand, modeSave, modeLoad, modeExport:
		c := p.input.Cursor()
		if c == nil {
			return nil
		}
		c.Position.Y = p.h - 1
		return c
	case modeLab:
		return p.labCursor()
	case modePropose:
		lines, x := p.form.View(p.w)
		if x < 0 {
			return nil
		}
		c := tea.NewCursor(x, p.h-len(lines))
		c.Shape = tea.CursorBar
		return c
	}
	return nil
}

// pointMsg is a click or a turn of the wheel over a target of the last
// frame drawn: the view's OnMouse resolves it (see frame.onMouse).
type pointMsg struct {
	board *play // the board that drew the frame
	t     target
	mouse tea.Mouse
	wheel bool
}

// click selects what was clicked; a click on the selected message
// delivers it.
func (p *play) click(tx *table.Tx, pt pointMsg) {
	if p.mode != modeNormal || pt.mouse.Button != tea.MouseLeft {
		return
	}
	t := pt.t
	p.useAt(t)
	switch {
	case t.side, t.story:
	case t.msg != 0:
		if sel, _, any := p.selected(); any && sel.ID == t.msg && !p.isStudent() {
			p.act(tx, p.pick(game.VDeliver, sel))
			return
		}
		p.selMsg = t.msg
	case t.choice != 0:
		p.clickChoice(tx, t)
	case t.node != (paxos.NodeID{}):
		p.selNode = t.node
	}
}

// useAt makes the pane of a target the pane in use (what z zooms).
func (p *play) useAt(t target) {
	switch {
	case t.side:
		p.use(paneSide)
	case t.story:
		p.use(paneStory)
	case t.msg != 0:
		p.use(paneNetwork)
	case t.choice != 0, t.node != (paxos.NodeID{}):
		p.use(paneNodes)
	}
}

// wheel scrolls the pane the mouse is over: the story, the side pane (a
// lesson's text) or the network.
func (p *play) wheel(pt pointMsg) {
	t := pt.t
	up := pt.mouse.Button == tea.MouseWheelUp
	if t.side || t.story || t.msg != 0 {
		p.useAt(t)
	}
	switch {
	case t.side && up:
		p.side.Scroll(-1)
	case t.side:
		p.side.Scroll(1)
	case t.story && up:
		p.storyUp++
	case t.story:
		p.storyUp = max(0, p.storyUp-1)
	case t.msg != 0 && up:
		p.moveSelection(-1)
	case t.msg != 0:
		p.moveSelection(1)
	}
}
