package export

import (
	"fmt"
	"slices"

	"paxosgame/game"
	"paxosgame/paxos"
)

// Options choose what an export draws of a run. The zero Options draw
// the whole run, without the lanes of nodes that never act.
type Options struct {
	// From and To are the steps drawn, both included (0: the first, the
	// last). What came before From is the picture's start: the votes and
	// promises it left, the messages it left in flight.
	From, To int
	// AllLanes keeps a lane for every node, even one that never acts in
	// the steps drawn.
	AllLanes bool
	// Slide lays an SVG out on a 16:9 slide (see SlideWidth).
	Slide bool
	// Cast is a cast's terminal and pace; zero: DefaultCast.
	Cast CastOptions
	// Screen draws a cast's frames; nil, the cast format is refused.
	Screen Screen
	// Title is a handout's title, over the one its script's first
	// comment gives; "" for that one.
	Title string
}

// part is the steps of a run an export draws, with the world before the
// first and after the last, and the nodes that get a lane.
type part struct {
	g          *game.Game
	from, to   int
	rows       []game.TraceRow
	start, end *game.World
	nodes      []paxos.NodeID
	allLanes   bool   // every node has a lane
	title      string // Options.Title
}

// cut is the part of g that o asks for: the steps From to To, at most
// MaxSteps of them. A range outside the run is an error that says the
// run's steps.
func cut(g *game.Game, o Options) (*part, error) {
	n := g.Len()
	from, to := o.From, o.To
	if from == 0 {
		from = 1
	}
	if to == 0 {
		to = n
	}
	switch {
	case n == 0 && (o.From > 0 || o.To > 0):
		return nil, fmt.Errorf("--from and --to pick steps, and the run has none")
	case from < 1 || from > n && n > 0 || to > n || to < from && n > 0:
		return nil, fmt.Errorf("--from %d --to %d: the run has steps 1 to %d; want 1 ≤ from ≤ to ≤ %d", from, to, n, n)
	case o.From == 0 && o.To == 0:
		if err := exportable(g); err != nil {
			return nil, err
		}
	case to-from+1 > MaxSteps:
		return nil, fmt.Errorf("steps %d to %d are %d, and an export draws at most %d", from, to, to-from+1, MaxSteps)
	}
	start, err := worldAt(g, from-1)
	if err != nil {
		return nil, err
	}
	end, err := worldAt(g, to)
	if err != nil {
		return nil, err
	}
	p := newPart(g, from, to, start, end, o.AllLanes)
	p.title = o.Title
	return p, nil
}

// newPart is steps from to to of g, between worlds start and end.
func newPart(g *game.Game, from, to int, start, end *game.World, allLanes bool) *part {
	p := &part{g: g, from: from, to: to, rows: g.Trace(from, to), start: start, end: end, allLanes: allLanes}
	p.nodes = p.lanes(allLanes)
	return p
}

// worldAt is the world after step k of g (0: after the setup): g's own
// at its cursor, else a replay; g is not changed.
func worldAt(g *game.Game, k int) (*game.World, error) {
	if k == g.Cursor() {
		return g.World(), nil
	}
	setup, _ := g.Setup()
	cmds := slices.Clone(setup)
	for _, s := range g.Steps()[:k] {
		cmds = append(cmds, s.Cmd)
	}
	h, err := game.Load("", cmds)
	if err != nil {
		// The game took these very steps: a refusal here is a bug.
		return nil, fmt.Errorf("replaying the run: %w", err)
	}
	return h.World(), nil
}

// lanes is the nodes the part draws, in the screen's order: every node
// with all, else those that act in it — send, receive, lose or have
// dropped a message, propose, decide, crash or restart — or start it with
// a promise or a vote, or have a message in flight at its end. A part
// where no node acts has them all.
func (p *part) lanes(all bool) []paxos.NodeID {
	nodes := p.start.Nodes()
	if all {
		return nodes
	}
	acts := map[paxos.NodeID]bool{}
	for _, r := range p.rows {
		for _, e := range r.Events {
			if act, ok := e.(game.Act); ok && act.Node.Role != 0 {
				acts[act.Node] = true
			} else if m, ok := game.MessageOf(e); ok {
				acts[m.Msg.From], acts[m.Msg.To] = true, true
			}
		}
	}
	for _, s := range p.startState() {
		acts[s.node] = true
	}
	for _, e := range p.end.InFlight() {
		acts[e.Msg.From], acts[e.Msg.To] = true, true
	}
	var out []paxos.NodeID
	for _, id := range nodes {
		if acts[id] {
			out = append(out, id)
		}
	}
	if len(out) == 0 {
		return nodes
	}
	return out
}

// startNote is what an acceptor holds when the part starts: its promise
// and its vote (set by the script's setup, or left by the steps before).
type startNote struct {
	node     paxos.NodeID
	promised paxos.Ballot
	voted    paxos.Vote
}

// text is the note in the words of the messages' labels: `voted 10 "5
// EUR"`, with `promised 12 · ` before it when the promise is higher.
func (s startNote) text() string {
	switch {
	case s.voted.None():
		return fmt.Sprintf("promised %d", s.promised)
	case s.promised > s.voted.Ballot:
		return fmt.Sprintf("promised %d · voted %s", s.promised, s.voted)
	}
	return "voted " + s.voted.String()
}

// startState is the acceptors that start the part with a promise or a
// vote, in order.
func (p *part) startState() []startNote {
	var out []startNote
	for i := range p.start.Acceptors {
		a := p.start.Acceptor(i + 1)
		if a.Promised != 0 || !a.Voted.None() {
			out = append(out, startNote{paxos.A(i + 1), a.Promised, a.Voted})
		}
	}
	return out
}

// hasStart reports whether the part starts with something to show: a
// promise or a vote, a message in flight, or the steps before it.
func (p *part) hasStart() bool {
	return p.from > 1 || p.start.NumInFlight() > 0 || len(p.startState()) > 0
}

// vote reports whether event e is a vote, and by which acceptor: an
// accept request delivered and voted for, or a vote decided by hand.
func vote(e game.Event) (paxos.NodeID, bool) {
	voted := func(f paxos.Effect) bool { return f == paxos.Voted || f == paxos.VotedBelowPromise }
	switch e := e.(type) {
	case game.Deliver:
		if voted(e.Effect) && e.Msg.Type == paxos.Accept {
			return e.Msg.To, true
		}
	case game.Act:
		if voted(e.Effect) && e.Verb == game.VVote {
			return e.Node, true
		}
	}
	return paxos.NodeID{}, false
}

// rangeWords names the part in a title: "" for the whole run, else
// "steps 12–20".
func (p *part) rangeWords() string {
	if p.from == 1 && p.to == p.g.Len() {
		return ""
	}
	if p.from == p.to {
		return fmt.Sprintf("step %d", p.from)
	}
	return fmt.Sprintf("steps %d–%d", p.from, p.to)
}
