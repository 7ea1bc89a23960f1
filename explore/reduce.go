package explore

import (
	"paxosgame/game"
	"paxosgame/paxos"
)

// The partial-order reduction (DESIGN §10: "learners only listen: their
// deliveries commute with everything"). Options.NoReduce turns it off.
//
// A node is passive when it sends nothing, whatever happens: a learner
// (it hears votes and learns; played by the game or by hand, it never
// sends), and a proposer the bounds do not let propose that runs no phase
// 1 at the start (it may still hear answers to an old ballot — a late
// promise, a vote, a refusal — but none makes it send: only a propose, or
// a majority of promises in phase 1, does). Passive at the start, a node
// stays passive. An action is passive when it acts on a passive node and
// nothing else: a message to it delivered, dropped or duplicated; its
// crash, restart, hand or auto; a learner's learn.
//
// Facts, from the engine (game/apply.go and the roles):
//
//  1. A passive action changes only its node, the network's messages to
//     that node, the bounds spent (crashes, duplicates) and, when a learner
//     learns a value not chosen, the observer's verdict. No other action
//     reads any of these, but the bounds, and each bound only ever grows:
//     an action allowed with more spent is allowed with less.
//  2. So a passive action and any other action commute (taken in either
//     order from a state, both are allowed and end in the same state), and
//     a passive action never allows or forbids another action; two passive
//     actions on different nodes commute too. Another action may send a
//     passive node a message (a vote to a learner): it stays in flight
//     until a passive action takes it, so a passive action allowed once
//     stays allowed when taken later.
//  3. A learner breaks Agreement only by learning a value that is not
//     chosen; with same-ballot-majority on it never does: it learns v in
//     b from a majority of votes for (b, v) it heard, each a vote the
//     observer counted as cast, so a majority voted (b, v): v is chosen.
//     A passive proposer never breaks anything.
//
// The reduced search takes, from a state, every action that is not
// passive, and the passive actions the goal may need; once it takes a
// passive action it takes only passive ones (the tail), on nodes in the
// order of Nodes (and, for Violation, on that one node only). Where the
// tail is (not yet, or on which node) is part of a state.
//
// Why the shortest run is the same length. Every run the reduced search
// takes is a run of the game, so it finds none shorter. Take a shortest
// run r of the full search to a state that meets the goal:
//
//   - For Violation, the last step of r breaks Agreement and none before.
//     If that step is not passive, the passive steps of r can all be left
//     out (1, 2): the run is shorter and still breaks. So r has none, and
//     the reduced search takes r. If it is passive, on node n: move the
//     steps on n, in their order, after all the others, and leave out the
//     passive steps on other nodes. By 1 and 2 each step is still
//     allowed, and n's last step finds n, and the observer, as in r (every
//     step that is not passive came before it in r too): it breaks
//     Agreement. The run is no longer than r; the reduced search takes
//     it.
//   - For Holds (expect lines), r's last state meets the lines. Move the
//     passive steps of r to its end, in the order of their nodes, each
//     node's in their order, and leave out those on nodes the lines do not
//     name (all are needed by a line that counts messages in flight). By
//     1 and 2 the run ends in the same state as r but for the nodes left
//     out and the verdict, which can only have held longer; the lines do
//     not read those nodes, and "agreement" holds if it held in r. "expect
//     violation" reads the verdict the other way: with learners that can
//     break Agreement, such a goal is searched in full.
//
// One more step is left out of a search for Violation: the crash of a
// proposer that has no ballot left within the bounds. Crashed, it loses
// its round and the messages sent to it while it is down; restarted, it
// runs no ballot and may start none. In a run that crashes it, leave out
// the crash, the restart and every delivery to it from the crash on: it
// sends nothing then either (only a propose, or the promises of a
// majority in phase 1, make a proposer send, and the deliveries to it are
// left out), so every other node, and the observer, go as in the run,
// with one crash less spent: the run is shorter and breaks as it did.
// Nor the crash of an idle proposer that has seen no ballot above the
// highest it used (one that never ran one, or did and crashed since):
// Proposer.Crash leaves it as it was, and while it is down it can only
// lose messages, which the run without the crash leaves in flight.
//
// The messages to a passive node whose actions the search leaves out can
// never be delivered, dropped or duplicated in its runs: they are taken
// off its worlds, which makes them smaller (a learner gets a copy of every
// vote) and no other state.
//
// Symmetry renames acceptors, never a passive node, so both go together;
// each keeps the shortest length (tests: TestReductionKeepsVerdictsAndLengths).
type reducer struct {
	passive [paxos.RoleLearner + 1]uint32 // by role, bit n: node n is passive
	needed  [paxos.RoleLearner + 1]uint32 // the passive nodes whose actions the goal may need
	index   [paxos.RoleLearner + 1][33]uint8
	one     bool // the tail acts on one node only (Violation)

	// mayForget, bit n: Pn may fall silent (below): the bounds never let
	// it propose, the goal does not read it, and the search takes no
	// decision by hand (--hand: none may).
	mayForget uint32

	// crashes: a node the search crashes is restarted at once, and a
	// crash that a restart would undo is not taken (below).
	crashes bool
}

// Crashes, in a search for Violation without --hand from a start where
// every node is up and none is played by hand. Take a shortest run r of
// the game to a state that breaks Agreement:
//
//  1. r delivers nothing to a node that is down. Such a delivery only
//     takes the message off the network (the message is lost): leave it
//     out, and the message stays in flight, which no later step of r
//     reads (steps name messages by id; a message is never delivered
//     twice); every other node and the observer go as in r. The run is
//     shorter and breaks: r was not shortest.
//  2. So a node that r crashes takes no step until it restarts: a node
//     that is down proposes nothing, sends no accept, and hears nothing
//     (1); without --hand it holds no message a crash would lose. No
//     step of another node reads its state or whether it is up (a
//     proposer reads an acceptor's answers, never the acceptor).
//  3. r restarts every node it crashes: else leave out the crash (it
//     changes only that node, which takes no step after it, 2) — shorter,
//     and it breaks.
//  4. Move each restart to right after its crash: the steps in between
//     neither change nor read the node (2), and the restart reads only
//     the node. The run is as long as r, its steps all allowed, and it
//     ends in r's last state.
//  5. A crash then a restart that leave the node as it was — an acceptor
//     that has promised nothing, a learner (which keeps what it heard and
//     learned) — are two steps that change nothing but the crashes spent:
//     leave both out, and every later step is allowed (fewer crashes
//     spent) and does the same. So r has none. (With durable-acceptors on
//     no acceptor's restart changes it either; the search still takes
//     those crashes, so that its states are runs with a crash, as the
//     lesson on durable acceptors counts them.)
//
// The reduced search takes, from a state where a node is down, only its
// restart, and never a crash of 5: it takes the run of 4, whose crashes
// are not of 5 (it is as short as r). The passive tail and the silent
// proposers move or leave out steps on other nodes than a crash and its
// restart (or both together, a passive node's), so the runs they take
// keep each restart right after its crash. A crash is alone for sleep
// sets (sleep.go): the step after it is forced, so the other order of a
// crash and a step it commutes with is not in the reduced search.

// A proposer can fall silent on the way, too: one the bounds never let
// propose, once it is out of phase 1 (only a propose, or the promises of
// a majority in phase 1, make a proposer send; a crash and a restart
// leave it idle) sends nothing ever again. Its state and the messages to
// it then matter to no other node nor to the observer: a search whose
// goal does not read it (no expect line names it or counts messages in
// flight) takes the messages to it off its worlds from then on (silent).
// Every run of the reduced search is a run of the game (the messages
// taken off are ones it never delivers); a run of the game to the goal,
// without its steps on a silent proposer's messages (deliveries, drops,
// duplicates, which change only that proposer and the message, and the
// bounds they spend), is a run the reduced search takes, no longer, to a
// state that meets the goal as well. Which proposers are silent depends
// on their own state alone, which only steps on them change: two steps
// on other nodes commute as before (sleep sets). --forever keeps them:
// its loops must deliver every message (fair).

// newReducer is the reduction of a search for goal from start within b,
// or nil when it is off: NoReduce, or options it cannot follow (its own
// actions, a judge of every step, expect ever lines, the whole network),
// or a goal it knows nothing of.
func newReducer(start *game.World, b Bounds, goal Goal, opt *Options) *reducer {
	if opt.NoReduce || opt.Actions != nil || opt.Step != nil || len(opt.Ever) > 0 || opt.Full || goal.kind == goalOpaque {
		return nil
	}
	r := &reducer{one: goal.kind == goalViolation}
	r.crashes = r.one && !b.Hand
	for _, id := range start.Nodes() {
		r.crashes = r.crashes && start.Up(id) && !start.Hand(id)
	}
	k := uint8(0)
	mark := func(id paxos.NodeID) {
		r.passive[id.Role] |= 1 << id.N
		k++
		r.index[id.Role][id.N] = k
	}
	for i := range start.Proposers {
		p := &start.Proposers[i]
		if !contains(b.Proposers, p.N) && p.Phase != paxos.Phase1 {
			mark(paxos.P(p.N))
		}
	}
	for i := range start.Learners {
		mark(paxos.L(i + 1))
	}
	for i := range start.Proposers {
		if n := start.Proposers[i].N; !contains(b.Proposers, n) && !b.Hand {
			r.mayForget |= 1 << n
		}
	}
	learnersBreak := !start.Cfg.Rules.On(paxos.SameBallotMajority)
	need := func(id paxos.NodeID) {
		r.needed[id.Role] |= r.passive[id.Role] & (1 << id.N)
		if id.Role == paxos.RoleProposer {
			r.mayForget &^= 1 << id.N
		}
	}
	switch goal.kind {
	case goalViolation:
		if learnersBreak {
			r.needed[paxos.RoleLearner] = r.passive[paxos.RoleLearner]
		}
	case goalHolds:
		for _, c := range goal.conds {
			switch c.Expect {
			case game.ExpectInFlight:
				r.needed = r.passive
				r.mayForget = 0
			case game.ExpectViolation:
				if learnersBreak && len(start.Learners) > 0 {
					return nil
				}
			case game.ExpectChosen, game.ExpectAgreement:
			default:
				need(c.Node)
			}
		}
	}
	return r
}

func contains(ns []int, n int) bool {
	for _, x := range ns {
		if x == n {
			return true
		}
	}
	return false
}

// forgets says whether the messages to node id never matter: it is
// passive and the goal does not need its actions, which the search leaves
// out. The search takes them off its worlds (World.ForgetMessagesTo).
func (r *reducer) forgets(id paxos.NodeID) bool {
	return (r.passive[id.Role]&^r.needed[id.Role])&(1<<id.N) != 0
}

// forgetsAny says whether some node's messages never matter.
func (r *reducer) forgetsAny() bool { return r.passive != r.needed }

// silent is the proposers that have fallen silent in w, whose messages
// the search takes off (bit n: Pn); 0 when none.
func (r *reducer) silent(w *game.World) (out uint32) {
	if r.mayForget == 0 {
		return 0
	}
	for i := range w.Proposers {
		p := &w.Proposers[i]
		if r.mayForget&(1<<p.N) != 0 && p.Phase != paxos.Phase1 && r.passive[paxos.RoleProposer]&(1<<p.N) == 0 {
			out |= 1 << p.N
		}
	}
	return out
}

// passiveNode is the node a passive action acts on; ok is false when cmd
// is not passive.
func (r *reducer) passiveNode(w *game.World, cmd game.Command) (id paxos.NodeID, ok bool) {
	switch cmd.Verb {
	case game.VDeliver, game.VDrop, game.VDuplicate:
		e, found := w.Message(cmd.Sel.ID)
		if !found {
			return id, false
		}
		id = e.Msg.To
	case game.VCrash, game.VRestart, game.VHand, game.VAuto, game.VLearn:
		id = cmd.Node
	default:
		return id, false
	}
	return id, r.passive[id.Role]&(1<<id.N) != 0
}

// allows says whether the reduced search takes cmd from w with the tail at
// tail, and where the tail is after it.
func (r *reducer) allows(w *game.World, cmd game.Command, tail uint8) (bool, uint8) {
	id, passive := r.passiveNode(w, cmd)
	if !passive {
		return tail == 0, 0
	}
	if r.needed[id.Role]&(1<<id.N) == 0 {
		return false, tail
	}
	k := r.index[id.Role][id.N]
	if tail != 0 && (k < tail || r.one && k != tail) {
		return false, tail
	}
	return true, k
}

// uselessCrash says whether crashing proposer p can only silence it, so
// that a search for Violation leaves the crash out: p has no ballot left
// to start, or it is idle and has seen no ballot above the one it used.
func uselessCrash(p *paxos.Proposer, ballotsLeft bool) bool {
	return !ballotsLeft || p.Phase == paxos.Idle && p.Seen <= p.Used
}

// down is, with crashes reduced, the node w has down: the search crashed
// it and restarts it next.
func (r *reducer) down(w *game.World) (paxos.NodeID, bool) {
	for role, n := range [...]int{paxos.RoleProposer: len(w.Proposers), paxos.RoleAcceptor: len(w.Acceptors), paxos.RoleLearner: len(w.Learners)} {
		for i := 1; i <= n; i++ {
			if id := (paxos.NodeID{Role: paxos.Role(role), N: i}); !w.Up(id) {
				return id, true
			}
		}
	}
	return paxos.NodeID{}, false
}

// undone says whether a crash of node id and its restart leave it as it
// was (5 above): a learner; an acceptor that has promised nothing.
func undone(w *game.World, id paxos.NodeID) bool {
	switch id.Role {
	case paxos.RoleLearner:
		return true
	case paxos.RoleAcceptor:
		a := w.Acceptor(id.N)
		return a.Promised == 0 && a.Voted.None()
	}
	return false
}
