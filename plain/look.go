package plain

import (
	"fmt"
	"strings"

	"paxosgame/game"
	"paxosgame/internal/words"
	"paxosgame/narrate"
	"paxosgame/paxos"
)

// meterRows is how many ballots look describes at most, as the screen's
// meter shows.
const meterRows = 6

// lookMessages is how many messages in flight look describes before it
// leaves the rest to look network.
const lookMessages = 12

// look describes the game, or a part of it: a node, the network, the
// meter, a role.
func (c *console) look(arg string) {
	c.seat.read(func(g *game.Game) {
		w := g.World()
		switch strings.ToLower(arg) {
		case "":
			c.lookAll(g)
		case "network", "messages":
			c.lines(narrate.Network(w))
		case "meter", "majority":
			c.lines(narrate.Meter(w, meterRows))
		case "chosen", "outcome":
			c.lines(narrate.Outcome(w))
		case "proposers", "acceptors", "learners":
			c.lookRole(w, strings.ToUpper(arg[:1]))
		default:
			id, err := game.ParseNode(strings.ToUpper(arg))
			if err != nil || !w.Exists(id) {
				c.p.say(fmt.Sprintf("look takes a node (such as A1), network, meter, chosen, proposers, acceptors or learners; %q is none of them. %s", arg, narrate.Cluster(w.Cfg)))
				return
			}
			c.p.say(narrate.Node(w, id))
		}
	})
}

func (c *console) lines(ls []string) {
	for _, l := range ls {
		c.p.say(l)
	}
}

// lookRole describes every node of a role (P, A or L).
func (c *console) lookRole(w *game.World, letter string) {
	for _, id := range w.Nodes() {
		if id.Role.Letter() == letter {
			c.p.say(narrate.Node(w, id))
		}
	}
}

// lookAll is the whole game: the step, the cluster and its rules, what is
// chosen, every node, the messages in flight, the meter, and who waits
// for a decision.
func (c *console) lookAll(g *game.Game) {
	w := g.World()
	if g.Cursor() == 0 {
		c.p.say(fmt.Sprintf("Step 0 of %d: no action yet.", g.Len()))
	} else {
		c.p.say(fmt.Sprintf("Step %d of %d; the last: %s.", g.Cursor(), g.Len(), g.Steps()[g.Cursor()-1].Cmd))
	}
	cluster := "The cluster: " + narrate.Cluster(w.Cfg)
	var off []string
	for _, r := range paxos.AllRules() {
		if !w.Cfg.Rules.On(r) {
			off = append(off, r.String())
		}
	}
	if len(off) > 0 {
		cluster += " Rules switched off: " + words.And(off) + "."
	}
	c.p.say(cluster)
	c.lines(narrate.Outcome(w))
	for _, id := range w.Nodes() {
		c.p.say(narrate.Node(w, id))
	}
	net := narrate.Network(w)
	if len(net) > lookMessages+1 {
		net = append(net[:lookMessages+1:lookMessages+1], fmt.Sprintf("And %d more: look network lists them all.", len(net)-1-lookMessages))
	}
	c.lines(net)
	c.lines(narrate.Meter(w, meterRows))
	if ws := c.waiting(w); len(ws) > 0 && c.mayDecide() {
		names := make([]string, len(ws))
		for i, id := range ws {
			names[i] = id.String()
		}
		verb := "waits"
		if len(ws) > 1 {
			verb = "wait"
		}
		c.p.say(fmt.Sprintf("%s %s for your decision: choices lists the choices.", words.And(names), verb))
	}
}
