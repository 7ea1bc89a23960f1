package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"paxosgame/paxos"
)

// The panes a board shows, for a projector (issue 12): hidden, zoomed,
// and the one in use, which z zooms. The scene's fields say which
// (shownPanes, scene.go); paneKeys take the keys.

// resolve is the pane drawn for id as the board is now: the timeline
// stands in the network's and the story's place, and they in its place
// once it is closed; the side pane only when the board has one.
func (p *scene) resolve(id paneID) paneID {
	switch {
	case id == paneNone:
		return paneNone
	case p.timeline && (id == paneNetwork || id == paneStory):
		return paneTimeline
	case !p.timeline && id == paneTimeline:
		return paneNetwork
	case id == paneSide && p.side == nil:
		return paneNetwork
	}
	return id
}

// zoomed is the pane that fills the screen, or paneNone.
func (p *scene) zoomed() paneID { return p.resolve(p.shown.zoom) }

// inUse is the pane z zooms: the one the player worked in last (tab, a
// node clicked: the nodes; ↑↓, enter, a message clicked: the network;
// [ ] or the wheel: the story or the lesson). At first a lesson's text
// (the side pane of a coached board), else the network; the nodes when
// that is hidden.
func (p *scene) inUse() paneID {
	id := p.shown.focus
	if id == paneNone {
		id = paneNetwork
		if p.side != nil && p.coached {
			id = paneSide
		}
	}
	id = p.resolve(id)
	if id == paneNetwork && p.shown.hideNetwork || id == paneStory && p.shown.hideStory {
		return paneNodes
	}
	return id
}

// use notes the pane the player works in.
func (p *scene) use(id paneID) { p.shown.focus = id }

// useAt makes the pane of a target the pane in use (what z zooms).
func (p *scene) useAt(t target) {
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

// paneKeys are the board's keys for its panes, for a projector: S N M
// hide and show the story, the network and the meter; z zooms the pane in
// use and Z the next; t opens the timeline; [ and ] scroll the story.
// They change the board alone: nothing of the table.
type paneKeys struct {
	*scene
	host
}

// key acts on k; it reports false for a key not its.
func (p paneKeys) key(msg tea.KeyPressMsg) bool {
	k := p.sh.keys
	switch {
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
	case key.Matches(msg, k.Timeline):
		p.timeline = !p.timeline
		p.use(paneTimeline) // the network once it is closed
	case key.Matches(msg, k.StoryOlder):
		p.storyUp += 3
		p.use(paneStory)
	case key.Matches(msg, k.StoryNewer):
		p.storyUp = max(0, p.storyUp-3)
		p.use(paneStory)
	default:
		return false
	}
	return true
}

// paneName is a pane in the status line's words.
func (p paneKeys) paneName(id paneID) string {
	switch id {
	case paneNodes:
		return "nodes"
	case paneNetwork:
		return "network"
	case paneStory:
		return "story"
	case paneTimeline:
		return "timeline"
	case paneSide:
		return p.side.Name()
	}
	return ""
}

// paneOrder is the panes Z goes through, left to right as the screen
// shows them.
func (p paneKeys) paneOrder() []paneID {
	order := []paneID{paneNodes, paneNetwork, paneStory}
	if p.timeline {
		order = []paneID{paneNodes, paneTimeline}
	}
	if p.side != nil {
		order = append(order, paneSide)
	}
	return order
}

// zoomKey is z: the pane in use fills the screen; zoomed, every pane
// shows again.
func (p paneKeys) zoomKey() {
	if z := p.zoomed(); z != paneNone {
		p.shown.zoom = paneNone
		p.say(false, "every pane shown — z zooms the %s again, Z the next pane", p.paneName(z))
		return
	}
	p.zoomTo(p.inUse())
}

// zoomNext is Z: the next pane fills the screen; after the last, every
// pane shows again.
func (p paneKeys) zoomNext() {
	order := p.paneOrder()
	next := order[0]
	if z := p.zoomed(); z != paneNone {
		next = paneNone
		for i, id := range order {
			if id == z && i+1 < len(order) {
				next = order[i+1]
			}
		}
	}
	if next == paneNone {
		p.shown.zoom = paneNone
		p.say(false, "every pane shown — Z zooms the %s, z the pane in use", p.paneName(order[0]))
		return
	}
	p.zoomTo(next)
}

func (p paneKeys) zoomTo(id paneID) {
	p.shown.zoom, p.shown.focus = id, id
	p.say(false, "%s zoomed to the whole screen — z shows every pane, Z zooms the next", p.paneName(id))
}

// toggleHide is S and N: hide the story or the network, or show it
// again. Hiding the pane that is zoomed ends the zoom.
func (p paneKeys) toggleHide(id paneID) {
	hidden, k := &p.shown.hideStory, "S"
	if id == paneNetwork {
		hidden, k = &p.shown.hideNetwork, "N"
	}
	*hidden = !*hidden
	name := p.paneName(id)
	// Where the pane is not drawn anyway, the status says why.
	note := ""
	switch {
	case id == paneStory && p.side != nil && p.w < sideWidth:
		note = fmt.Sprintf(" (at this width the %s has the story's place; Z zooms the story)", p.paneName(paneSide))
	case p.timeline:
		note = " (the timeline has its place: t closes it)"
	}
	if *hidden {
		if p.zoomed() == id {
			p.shown.zoom = paneNone
		}
		if p.shown.focus == id {
			p.shown.focus = paneNone
		}
		p.say(false, "%s hidden — %s shows it%s", name, k, note)
		return
	}
	if p.zoomed() != paneNone {
		note = " (z ends the zoom)"
	}
	p.say(false, "%s shown — %s hides it%s", name, k, note)
}

// toggleMeter is M: hide the majority meter under the nodes, or show it.
func (p paneKeys) toggleMeter() {
	p.shown.hideMeter = !p.shown.hideMeter
	if p.shown.hideMeter {
		p.say(false, "majority meter hidden — M shows it")
		return
	}
	p.say(false, "majority meter shown — M hides it")
}

// panesFooter is the footer's keys with the way back first: z when a
// pane is zoomed (its own "z zoom" left out), the keys that show the
// hidden panes again;
// nil stays nil (no narrow keys).
func (p *scene) panesFooter(bs []key.Binding) []key.Binding {
	if bs == nil {
		return nil
	}
	k := p.sh.keys
	var out []key.Binding
	if p.zoomed() != paneNone {
		out = append(out, key.NewBinding(key.WithKeys("z"), key.WithHelp("z", "all panes")))
		for _, b := range bs {
			if b.Help() != k.Zoom.Help() {
				out = append(out, b)
			}
		}
		return out
	}
	var ks, names []string
	for _, h := range []struct {
		on        bool
		key, name string
	}{
		{p.shown.hideStory, "S", "story"},
		{p.shown.hideNetwork, "N", "network"},
		{p.shown.hideMeter, "M", "meter"},
	} {
		if h.on {
			ks, names = append(ks, h.key), append(names, h.name)
		}
	}
	if len(ks) > 0 {
		out = append(out, key.NewBinding(key.WithKeys(ks...), key.WithHelp(strings.Join(ks, "/"), "show "+strings.Join(names, ", "))))
	}
	return append(out, bs...)
}
