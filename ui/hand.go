package ui

import (
	"fmt"
	"slices"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"paxosgame/game"
	"paxosgame/paxos"
	"paxosgame/table"
)

// Nodes played by hand (DESIGN §2): h takes the selected node by hand and
// gives it back; the choices of the node that decides show numbered under
// the board (choices.go), and 1–9 or a click take one. Each is one
// command of the language, as every other key.

// hands are the board's keys for the nodes played by hand: h, 1–9, and 2
// (a proposer's accept requests, in manual mode).
type hands struct {
	*scene
	host
}

// key acts on k; it reports false for a key not its.
func (p hands) key(tx *table.Tx, msg tea.KeyPressMsg) bool {
	k := p.sh.keys
	switch {
	case key.Matches(msg, k.Hand):
		p.toggleHand(tx)
	case key.Matches(msg, k.Decide) && p.decideKey(tx, int(msg.Code-'0')):
		// decided, or said why not; a 2 that is no decision sends 2a
	case key.Matches(msg, k.Accept):
		if id, ok := p.acceptTarget(); ok {
			p.act(tx, game.Command{Verb: game.VAccept, Node: id})
		}
	default:
		return false
	}
	return true
}

// acceptTarget is the proposer `2` sends 2a for: the selected one; when
// the selection is not a proposer, the only one that can send 2a now. It
// says why there is none.
func (p hands) acceptTarget() (paxos.NodeID, bool) {
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

// handMark is the sign of a node played by hand, for rows and headings.
func (p *scene) handMark() string {
	if p.sh.ascii {
		return "[H]"
	}
	return "✋"
}

// handKey is the key that plays a node by hand: in a lesson h asks for a
// hint, and H does it.
func (p *scene) handKey() string {
	if p.coached {
		return "H"
	}
	return "h"
}

// asked reports whether the side pane has the digits for a question of
// its own: while it asks, 1–9 are its, and the choices of a node played by
// hand do not show.
func (p *scene) asked() bool { return p.side != nil && p.side.Asking() }

// decider is the node whose choices 1–9 take, and the choices: the
// selected node, when it is played by hand and has a decision to take.
// A node that comes to wait for a decision is selected (see refocus).
func (p *scene) decider() (paxos.NodeID, []game.Decision) {
	wo := p.world()
	if wo.Exists(p.selNode) && wo.Hand(p.selNode) {
		if ds := wo.Decisions(p.selNode); len(ds) > 0 {
			return p.selNode, ds
		}
	}
	return paxos.NodeID{}, nil
}

// refocus selects a node played by hand the moment it comes to wait for
// a decision (a message reached it, a majority of promises did), unless
// the selected node waits for one too, and the next that waits once the
// selected one has decided: its choices show at once. Called
// as the board follows the table, so a lesson's steps and undo do it too;
// moving the selection by hand is left alone.
func (p *scene) refocus() {
	now := p.waiting()
	before := p.waits
	p.waits = now
	if own, ok := p.student(); ok {
		// A student's board goes to the student's own node alone.
		if own.N != 0 && slices.Contains(now, own) && !slices.Contains(before, own) {
			p.selNode = own
		}
		return
	}
	if slices.Contains(now, p.selNode) {
		return
	}
	for _, id := range now {
		if !slices.Contains(before, id) {
			p.selNode = id
			return
		}
	}
	// The selected node has just decided: the next that waits is selected
	// (a node the player selected that never waited keeps the selection).
	if len(now) > 0 && slices.Contains(before, p.selNode) {
		p.selNode = now[0]
	}
}

// waiting is the nodes played by hand that have a decision to take.
func (p *scene) waiting() []paxos.NodeID {
	wo := p.world()
	own, student := p.student()
	var out []paxos.NodeID
	for _, id := range wo.Nodes() {
		if student && id != own {
			continue // another's decisions are not this board's to take
		}
		if wo.Hand(id) && len(wo.Decisions(id)) > 0 {
			out = append(out, id)
		}
	}
	return out
}

// withheld says why the player may not take decision c now, or "": a
// lesson's page that plays by itself offers none.
func (p *scene) withheld(c game.Command) string {
	if p.side != nil {
		return p.side.Withholds(c)
	}
	return ""
}

// choicesShown reports whether the choices of a node are on screen, and
// whose: 1–9 and a click take them.
func (p *scene) choicesShown() (paxos.NodeID, []game.Decision, bool) {
	if p.overlay.open() || p.asked() {
		return paxos.NodeID{}, nil, false
	}
	id, ds := p.decider()
	if len(ds) > 0 && p.withheld(p.decision(id, ds[0])) != "" {
		return paxos.NodeID{}, nil, false
	}
	return id, ds, len(ds) > 0
}

// decision is the command of choice d of node id, in the words a player
// would type: a decision on the oldest message the acceptor holds does
// not name it (promise A1, not promise A1 #12), as the oldest is the one
// a decision answers when none is named.
func (p *scene) decision(id paxos.NodeID, d game.Decision) game.Command {
	c := d.Cmd
	if held := p.world().HeldBy(id); c.Sel.ID != 0 && len(held) > 0 && held[0].ID == c.Sel.ID {
		c.Sel = game.Selector{}
	}
	return c
}

// toggleHand plays the selected node by hand, or gives it back to the
// game.
func (p hands) toggleHand(tx *table.Tx) {
	id := p.selNode
	c := game.Command{Verb: game.VHand, Node: id}
	if p.world().Hand(id) {
		c.Verb = game.VAuto
	}
	if err := p.do(tx, c); err != nil {
		p.say(true, "✗ %s: %s", c, err)
		return
	}
	if c.Verb == game.VAuto {
		p.say(false, "%s is played by the game again", id)
		return
	}
	what := map[paxos.Role]string{
		paxos.RoleAcceptor: "what it receives waits for your decision",
		paxos.RoleProposer: "at a majority of promises you pick the value",
		paxos.RoleLearner:  "you decide when it has learned",
	}[id.Role]
	p.say(false, "%s %s is yours: %s · %s gives it back", p.handMark(), id, what, p.handKey())
}

// decideKey takes choice n (1–9) of the selected node, or says why there
// is none. It reports false when the key is not a decision: with no
// choices on screen, 2 sends a proposer's accept requests (manual mode).
func (p hands) decideKey(tx *table.Tx, n int) bool {
	if w := p.waiting(); len(w) > 0 && !p.asked() {
		if why := p.withheld(p.decision(w[0], p.world().Decisions(w[0])[0])); why != "" {
			p.say(true, "✗ %s", why) // not "tab selects A1, then 1–9": they may not
			return true
		}
	}
	id, ds, ok := p.choicesShown()
	if !ok && n == 2 {
		return false
	}
	if !ok {
		p.say(true, "✗ %s", p.nothingToDecide())
		return true
	}
	p.take(tx, id, ds, n)
	return true
}

// take runs choice n (from 1) of node id's choices ds. A choice a rule
// forbids is refused, with the rule's reason in the status line.
func (p hands) take(tx *table.Tx, id paxos.NodeID, ds []game.Decision, n int) {
	switch {
	case len(ds) == 1 && n != 1:
		p.say(true, "✗ %s has one choice: 1", id)
		return
	case n < 1 || n > len(ds):
		p.say(true, "✗ %s has %d choices: 1 to %d", id, len(ds), len(ds))
		return
	}
	p.act(tx, p.decision(id, ds[n-1]))
}

// nothingToDecide says why 1–9 have no choice to take.
func (p hands) nothingToDecide() string {
	wo := p.world()
	if w := p.waiting(); len(w) > 0 {
		return fmt.Sprintf("%s: tab or a click selects %s, then 1–9 decide", waitWords(w), itOrOne(w))
	}
	id := p.selNode
	if !wo.Exists(id) || !wo.Hand(id) {
		return fmt.Sprintf("1–9 take the decisions of a node played by hand: tab selects a node, %s plays it by hand", p.handKey())
	}
	if !wo.Up(id) {
		return fmt.Sprintf("%s is crashed: c restarts it", id)
	}
	switch id.Role {
	case paxos.RoleAcceptor:
		return fmt.Sprintf("%s holds nothing to answer: a prepare or accept request delivered to it waits here for its decision", id)
	case paxos.RoleProposer:
		return fmt.Sprintf("%s has nothing to decide: with promises from a majority it waits for you to pick the value", id)
	}
	return fmt.Sprintf("%s has nothing to decide: once it hears votes, you decide whether it learned", id)
}

// clickChoice takes the choice clicked, if it is still on screen as it
// was drawn.
func (p hands) clickChoice(tx *table.Tx, t target) {
	id, ds, ok := p.choicesShown()
	if !ok || id != t.node {
		return // the game moved on since the frame was drawn
	}
	p.take(tx, id, ds, t.choice)
}

// waitWords says which nodes wait for a decision: "A1 waits for your
// decision", "A1 and P2 wait for your decision".
func waitWords(ids []paxos.NodeID) string {
	if len(ids) == 1 {
		return ids[0].String() + " waits for your decision"
	}
	return nodeList(ids) + " wait for your decision"
}

// itOrOne is "it" for one node, "one" for several.
func itOrOne(ids []paxos.NodeID) string {
	if len(ids) == 1 {
		return "it"
	}
	return "one"
}
