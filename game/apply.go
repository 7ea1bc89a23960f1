package game

import (
	"slices"

	"paxosgame/paxos"
)

// maxDeliverAll bounds deliver all; the protocol never resends by itself,
// so it always ends far below this.
const maxDeliverAll = 1_000_000

// Apply carries out a setup command or an action and returns what
// happened. A command that cannot be carried out returns an error that
// says why, and changes nothing. Expect commands are checked by Check.
//
// The list of the events of an action lives in a buffer of the world
// that the next Apply reuses: a caller that keeps it (history does)
// copies the list. The events themselves are values no one changes.
func (w *World) Apply(c Command) ([]Event, error) {
	if c.Verb.Setup() {
		if w.Started {
			return nil, &Refusal{Cause: SetupTooLate, Verb: c.Verb}
		}
		return w.setup(c)
	}
	if !c.Verb.Action() {
		return nil, &Refusal{Cause: NotAnAction, Verb: c.Verb}
	}
	if err := w.check(c); err != nil {
		return nil, err
	}
	if !w.Started {
		if err := w.Honest(); err != nil {
			return nil, err
		}
	}
	w.Started = true
	w.Step++
	w.events = w.act(c, w.events[:0])
	return w.events, nil
}

// Do carries out an action as Apply does, and makes none of its events:
// an explorer takes millions of steps and reads no event of them.
func (w *World) Do(c Command) error {
	w.quiet = true
	defer func() { w.quiet = false }()
	_, err := w.Apply(c)
	return err
}

// emit appends ev to evs, unless the world makes no events (Do): the
// event is boxed only when it is kept.
func emit[E Event](w *World, evs []Event, ev E) []Event {
	if w.quiet {
		return evs
	}
	return append(evs, ev)
}

// emitAll appends more to evs, unless the world makes no events.
func emitAll(w *World, evs, more []Event) []Event {
	if w.quiet {
		return evs
	}
	return append(evs, more...)
}

func (w *World) setup(c Command) ([]Event, error) {
	ev := Setup{Verb: c.Verb}
	switch c.Verb {
	case VConfig:
		if w.setState {
			return nil, &Refusal{Cause: ConfigAfterSet, Verb: c.Verb}
		}
		cfg := w.Cfg
		if c.Proposers != 0 {
			cfg.Proposers = c.Proposers
		}
		if c.Acceptors != 0 {
			cfg.Acceptors = c.Acceptors
		}
		if c.Learners >= 0 {
			cfg.Learners = c.Learners
		}
		if err := cfg.Validate(); err != nil {
			return nil, &Refusal{Cause: ClusterSize, Verb: c.Verb, Err: err}
		}
		w.configure(cfg)
	case VRule:
		if c.On && !w.setWith.On(c.Rule) {
			return nil, &Refusal{Cause: RuleOverStart, Verb: c.Verb, Rule: c.Rule}
		}
		w.Cfg.Rules.Set(c.Rule, c.On)
		ev.Rule, ev.On = c.Rule, c.On
	case VPolicy:
		if c.PolicyOf == StaleAccept {
			w.Cfg.StaleAccept = c.Policy
		} else {
			w.Cfg.Stale = c.Policy
		}
		ev.Policy = c.PolicyOf
	case VMode:
		w.Cfg.Manual = c.Manual
	case VSet:
		if !w.Exists(c.Node) {
			return nil, w.noSuchNode(c, c.Node)
		}
		if c.Field != FieldValue && (c.Ballot < 1 || c.Ballot > paxos.MaxBallot) {
			return nil, &Refusal{Cause: BallotRange, Verb: c.Verb, Node: c.Node, Ballot: c.Ballot}
		}
		if c.Field == FieldPromised {
			if v := w.Acceptor(c.Node.N).Voted; v.Ballot > c.Ballot {
				return nil, &Refusal{Cause: PromiseBelowVote, Verb: c.Verb, Node: c.Node, Ballot: c.Ballot, Vote: v}
			}
		}
		w.setState = true
		if c.Field != FieldValue {
			// The acceptors' state is what happened before the game:
			// made with a rule off, it stays so.
			for _, r := range paxos.AllRules() {
				if !w.Cfg.Rules.On(r) {
					w.setWith.Set(r, false)
				}
			}
		}
		ev.Node, ev.Field, ev.Ballot, ev.Value = c.Node, c.Field, c.Ballot, c.Value
		switch c.Field {
		case FieldValue:
			w.Proposer(c.Node.N).Preference = c.Value
		case FieldPromised:
			a := w.Acceptor(c.Node.N)
			a.Promised = c.Ballot
		case FieldVoted:
			a := w.Acceptor(c.Node.N)
			a.Voted = paxos.Vote{Ballot: c.Ballot, Value: c.Value}
			a.Promised = max(a.Promised, c.Ballot)
			if w.Cfg.Rules.On(paxos.UniqueBallots) {
				// The ballot of a vote was used by its owner, with that
				// value: the owner has moved past it, and no one else
				// may use it.
				p := w.Proposer(w.Cfg.Owner(c.Ballot))
				p.Used = max(p.Used, c.Ballot)
				ev.Next = p.NextBallot(&w.Cfg)
			}
		}
	}
	ev.Cfg = w.Cfg
	before := w.Obs
	w.rebuildObserver()
	evs := []Event{ev}
	// Tell only what this command changed: each setup command recounts
	// the observer from all the votes set so far.
	for _, ch := range w.Obs.Chosen {
		if !slices.ContainsFunc(before.Chosen, func(b Choice) bool { return b.Vote == ch.Vote }) {
			evs = append(evs, Chosen{Cfg: w.Cfg, Vote: ch.Vote, By: ch.By})
		}
	}
	for _, v := range w.Obs.Violations {
		if !slices.Contains(before.Violations, v) {
			evs = append(evs, v)
		}
	}
	return evs, nil
}

// noSuchNode refuses command c, which names node id that the cluster
// does not have.
func (w *World) noSuchNode(c Command, id paxos.NodeID) error {
	n := map[paxos.Role]int{paxos.RoleProposer: len(w.Proposers), paxos.RoleAcceptor: len(w.Acceptors), paxos.RoleLearner: len(w.Learners)}[id.Role]
	return &Refusal{Cause: NoSuchNode, Verb: c.Verb, Node: id, Have: n}
}

// Resolve fills in what a command left out: the proposer's next ballot and
// its preference, so that history records exactly what was done.
func (w *World) Resolve(c Command) Command {
	if c.Verb == VPropose && w.Exists(c.Node) {
		p := w.Proposer(c.Node.N)
		if c.Ballot == 0 {
			c.Ballot = p.NextBallot(&w.Cfg)
		}
		if c.Value == "" {
			c.Value = p.Preference
		}
	}
	c.Line, c.Col = 0, 0
	return c
}

// check says why an action cannot be carried out now, or nil.
func (w *World) check(c Command) error {
	switch c.Verb {
	case VPropose, VAccept, VCrash, VRestart, VHand, VAuto, VPromise, VVote, VRefuse, VIgnore, VLearn:
		if !w.Exists(c.Node) {
			return w.noSuchNode(c, c.Node)
		}
	}
	if (c.Verb == VPropose || c.Verb == VAccept) && c.Node.Role != paxos.RoleProposer {
		return &Refusal{Cause: NotAProposer, Verb: c.Verb, Node: c.Node}
	}
	switch c.Verb {
	case VPropose:
		if !w.Up(c.Node) {
			return &Refusal{Cause: NodeDown, Verb: c.Verb, Node: c.Node}
		}
		p := w.Proposer(c.Node.N)
		b := c.Ballot
		if b == 0 {
			b = p.NextBallot(&w.Cfg) // checked too: it may be past MaxBallot
		}
		c.Ballot = b
		return byProtocol(c, p.CheckBallot(b, &w.Cfg))
	case VAccept:
		hand := w.Hand(c.Node)
		if !w.Cfg.Manual && !hand {
			return &Refusal{Cause: AutoMode, Verb: c.Verb, Node: c.Node}
		}
		if !w.Up(c.Node) {
			return &Refusal{Cause: NodeDown, Verb: c.Verb, Node: c.Node}
		}
		p := w.Proposer(c.Node.N)
		if err := p.CanAccept(&w.Cfg); err != nil {
			return byProtocol(c, err)
		}
		if hand && c.Value == "" {
			return &Refusal{Cause: NeedValue, Verb: c.Verb, Node: c.Node}
		}
		if c.Value != "" {
			return byProtocol(c, p.CheckValue(c.Value, &w.Cfg))
		}
	case VHand:
		if w.Hand(c.Node) {
			return &Refusal{Cause: AlreadyHand, Verb: c.Verb, Node: c.Node}
		}
	case VAuto:
		if !w.Hand(c.Node) {
			return &Refusal{Cause: NotHand, Verb: c.Verb, Node: c.Node}
		}
	case VPromise, VVote, VRefuse, VIgnore:
		if !w.Hand(c.Node) {
			return &Refusal{Cause: NotHand, Verb: c.Verb, Node: c.Node}
		}
		e, err := w.heldFor(c)
		if err != nil {
			return err
		}
		a := w.Acceptor(c.Node.N)
		switch c.Verb {
		case VPromise:
			return byProtocol(c, a.CheckPromise(e.Msg, w.report(c), &w.Cfg))
		case VVote:
			return byProtocol(c, a.CheckVote(e.Msg, &w.Cfg))
		}
	case VLearn:
		if !w.Hand(c.Node) {
			return &Refusal{Cause: NotHand, Verb: c.Verb, Node: c.Node}
		}
		if !w.Up(c.Node) {
			return &Refusal{Cause: NodeDown, Verb: c.Verb, Node: c.Node}
		}
		_, err := w.Learner(c.Node.N).CheckLearn(c.Value, &w.Cfg)
		return byProtocol(c, err)
	case VCrash:
		if !w.Up(c.Node) {
			return &Refusal{Cause: AlreadyDown, Verb: c.Verb, Node: c.Node}
		}
	case VRestart:
		if w.Up(c.Node) {
			return &Refusal{Cause: AlreadyUp, Verb: c.Verb, Node: c.Node}
		}
	case VDeliver, VDrop, VDuplicate:
		if c.Sel.All || c.Sel.Stale {
			return nil
		}
		if c.Sel.ID != 0 {
			if _, ok := w.Message(c.Sel.ID); !ok {
				return &Refusal{Cause: NoMessage, Verb: c.Verb, Sel: c.Sel}
			}
			return nil
		}
		for _, id := range []paxos.NodeID{c.Sel.From, c.Sel.To} {
			if !w.Exists(id) {
				return w.noSuchNode(c, id)
			}
		}
		found := w.Find(c.Sel)
		switch {
		case len(found) == 0:
			return &Refusal{Cause: NoMessage, Verb: c.Verb, Sel: c.Sel}
		case len(found) > 1:
			ids := make([]int, len(found))
			for i, e := range found {
				ids[i] = e.ID
			}
			return &Refusal{Cause: AmbiguousMessage, Verb: c.Verb, Sel: c.Sel, IDs: ids}
		}
	}
	return nil
}

// act carries out an action that check accepted.
func (w *World) act(c Command, evs []Event) []Event {
	switch c.Verb {
	case VPropose:
		c = w.Resolve(c)
		p := w.Proposer(c.Node.N)
		ev := w.acted(c)
		ev.Ballot, ev.Value = c.Ballot, c.Value
		if p.Phase == paxos.Phase1 || p.Phase == paxos.Phase2 {
			ev.Abandoned = p.Ballot
		}
		w.Obs.propose(c.Value)
		res := p.Propose(c.Ballot, c.Value, &w.Cfg)
		evs = emit(w, evs, ev)
		evs = w.send(evs, res.Sent)
	case VAccept:
		p := w.Proposer(c.Node.N)
		var res paxos.Result
		if c.Value != "" {
			w.Obs.propose(c.Value) // the value its player picked is proposed
			res = p.SendAcceptOf(c.Value, &w.Cfg)
		} else {
			res = p.SendAccept(&w.Cfg)
		}
		ev := w.acted(c)
		ev.Ballot, ev.Value, ev.Reason = p.Ballot, p.Value, w.ValueReason(p)
		evs = emit(w, evs, ev)
		evs = w.send(evs, res.Sent)
	case VHand:
		w.setHand(c.Node, true)
		evs = emit(w, evs, w.acted(c))
	case VAuto:
		w.setHand(c.Node, false)
		evs = emit(w, evs, w.acted(c))
		evs = w.catchUp(evs, c.Node)
	case VPromise, VVote, VRefuse, VIgnore:
		evs = w.decide(evs, c)
	case VLearn:
		l := w.Learner(c.Node.N)
		v, _ := l.CheckLearn(c.Value, &w.Cfg)
		ev := w.acted(c)
		ev.Before, ev.Ballot, ev.Value = l.Last(), v.Ballot, v.Value
		l.Learn(v)
		evs = emit(w, evs, ev)
		evs = emitAll(w, evs, w.Obs.learned(c.Node.N, v.Value, w.Step))
	case VCrash:
		evs = emit(w, evs, w.crash(w.acted(c)))
		for _, e := range w.HeldBy(c.Node) {
			// Delivered, not yet answered: lost with what the node knew.
			w.unhold(e.ID)
			evs = emit(w, evs, Lost{Envelope: e, Held: true})
		}
	case VRestart:
		evs = emit(w, evs, w.restart(w.acted(c)))
	case VDeliver:
		if c.Sel.All {
			for n := 0; w.NumInFlight() > 0 && n < maxDeliverAll; n++ {
				evs = w.deliver(evs, w.oldest())
			}
			break
		}
		e, _ := w.first(c.Sel)
		evs = w.deliver(evs, e)
	case VDrop:
		if c.Sel.Stale {
			// The count first, then each message dropped.
			stale := w.StaleMessages()
			ev := w.acted(c)
			ev.Dropped = len(stale)
			evs = emit(w, evs, ev)
			for _, e := range stale {
				w.remove(e.ID)
				evs = emit(w, evs, Drop{Envelope: e, Stale: true})
			}
			break
		}
		for _, e := range w.Find(c.Sel) {
			w.remove(e.ID)
			evs = emit(w, evs, Drop{Envelope: e})
		}
	case VDuplicate:
		for _, e := range w.Find(c.Sel) {
			copyID := w.NextID
			w.NextID++
			w.put(Envelope{copyID, e.Msg})
			evs = emit(w, evs, Duplicate{Envelope: Envelope{copyID, e.Msg}, Orig: e.ID})
		}
	}
	return evs
}

// acted is the event of a node's action c, to be filled in.
func (w *World) acted(c Command) Act {
	return Act{Verb: c.Verb, Node: c.Node, Cfg: w.Cfg}
}

func (w *World) send(evs []Event, msgs []paxos.Message) []Event {
	for _, m := range msgs {
		e := Envelope{w.NextID, m}
		w.NextID++
		w.put(e)
		evs = emit(w, evs, Send{e})
	}
	return evs
}

// crash takes a node down. The event has what the node keeps: a
// proposer's highest ballot used, an acceptor's promise and vote.
func (w *World) crash(ev Act) Act {
	id := ev.Node
	w.setUp(id, false)
	switch id.Role {
	case paxos.RoleProposer:
		p := w.Proposer(id.N)
		p.Crash()
		ev.Used = p.Used
	case paxos.RoleAcceptor:
		a := w.Acceptor(id.N)
		ev.Promised, ev.Vote = a.Promised, a.Voted
	}
	return ev
}

// restart brings a node back up. The event has what it came back with: a
// proposer's next ballot, an acceptor's promise and vote, a learner's
// value learned last (none when it learned nothing).
func (w *World) restart(ev Act) Act {
	id := ev.Node
	w.setUp(id, true)
	switch id.Role {
	case paxos.RoleProposer:
		ev.Next = w.Proposer(id.N).NextBallot(&w.Cfg)
	case paxos.RoleAcceptor:
		a := w.Acceptor(id.N)
		a.Restart(&w.Cfg)
		ev.Promised, ev.Vote = a.Promised, a.Voted
	case paxos.RoleLearner:
		ev.Vote = w.Learner(id.N).Last()
	}
	return ev
}

// deliver hands one message to its receiver; the event says what the
// receiver did, with what the narrator needs to tell it.
func (w *World) deliver(evs []Event, e Envelope) []Event {
	w.remove(e.ID)
	if !w.Up(e.Msg.To) {
		return emit(w, evs, Lost{Envelope: e})
	}
	return w.receive(evs, e)
}

// receive is a message handled by its receiver, which is up. A node
// played by hand holds a prepare or an accept request for its decision,
// waits before it asks for votes, and learns only when it decides.
func (w *World) receive(evs []Event, e Envelope) []Event {
	m := e.Msg
	hand := w.Hand(m.To)
	ev := Deliver{Envelope: e, Cfg: w.Cfg, Hand: hand}
	var res paxos.Result
	switch m.To.Role {
	case paxos.RoleAcceptor:
		a := w.Acceptor(m.To.N)
		ev.Promised = a.Promised
		if hand && (m.Type == paxos.Prepare || m.Type == paxos.Accept) {
			w.Held = append(w.Held, e)
			res.Effect = paxos.Held
		} else {
			res = a.Step(m, &w.Cfg)
		}
		ev.Vote = a.Voted
	case paxos.RoleProposer:
		p := w.Proposer(m.To.N)
		ev.Repeat = p.Votes.Has(m.From.N) // a repeated vote
		cfg := w.Cfg
		cfg.Manual = cfg.Manual || hand // its player asks for votes
		res = p.Step(m, &cfg)
		ev.Phase, ev.Ballot, ev.PreemptedBy, ev.Value = p.Phase, p.Ballot, p.PreemptedBy, p.Value
		ev.Next = p.NextBallot(&w.Cfg)
		ev.Count = p.Promises.Len()
		if m.Type == paxos.Accepted {
			ev.Count = p.Votes.Len()
		}
		if res.Effect == paxos.SentAccept {
			ev.Reason = w.ValueReason(p)
		}
	case paxos.RoleLearner:
		l := w.Learner(m.To.N)
		ev.Before = l.Last()
		if hand {
			res = l.Hear(m)
		} else {
			res = l.Step(m, &w.Cfg)
		}
		ev.Count = l.Count(paxos.Vote{Ballot: m.Ballot, Value: m.Value}, &w.Cfg).Len()
	}
	ev.Effect = res.Effect
	evs = emit(w, evs, ev)
	evs = w.send(evs, res.Sent)
	switch {
	case res.Effect == paxos.Voted || res.Effect == paxos.VotedBelowPromise:
		evs = emitAll(w, evs, w.Obs.cast(m.To.N, paxos.Vote{Ballot: m.Ballot, Value: m.Value}, &w.Cfg, w.Step))
	case res.Effect == paxos.Learned:
		evs = emitAll(w, evs, w.Obs.learned(m.To.N, m.Value, w.Step))
	}
	return evs
}

// heldFor is the message that decision c answers: the one it names, or
// the oldest its acceptor holds that it may answer (a prepare for a
// promise, an accept request for a vote, either for the others).
func (w *World) heldFor(c Command) (Envelope, error) {
	fits := func(t paxos.MsgType) bool {
		switch c.Verb {
		case VPromise:
			return t == paxos.Prepare
		case VVote:
			return t == paxos.Accept
		}
		return true
	}
	held := w.HeldBy(c.Node)
	for _, e := range held {
		if (c.Sel.ID == 0 || e.ID == c.Sel.ID) && fits(e.Msg.Type) {
			return e, nil
		}
	}
	r := &Refusal{Cause: NothingHeld, Verb: c.Verb, Node: c.Node, Sel: c.Sel, Held: held}
	if c.Sel.ID != 0 && slices.ContainsFunc(held, func(e Envelope) bool { return e.ID == c.Sel.ID }) {
		r.Cause = WrongHeld // it holds the message, of the other kind
	}
	return Envelope{}, r
}

// report is the vote the promise of decision c reports: the acceptor's
// own, unless c says another (reporting none, reporting 9 "6 EUR").
func (w *World) report(c Command) paxos.Vote {
	switch {
	case c.Field != FieldReport:
		return w.Acceptor(c.Node.N).Voted
	case c.Nothing:
		return paxos.Vote{}
	}
	return paxos.Vote{Ballot: c.Ballot, Value: c.Value}
}

// decide carries out the decision of an acceptor played by hand on a
// message it holds, which check accepted.
func (w *World) decide(evs []Event, c Command) []Event {
	e, _ := w.heldFor(c)
	w.unhold(e.ID)
	a := w.Acceptor(c.Node.N)
	ev := w.acted(c)
	ev.Held, ev.Promised, ev.Report = e, a.Promised, c.Field == FieldReport
	var res paxos.Result
	switch c.Verb {
	case VPromise:
		res = a.PromiseReporting(e.Msg, w.report(c))
	case VVote:
		res = a.Vote(e.Msg, &w.Cfg)
	case VRefuse:
		res = a.Refuse(e.Msg)
	case VIgnore:
		res.Effect = paxos.Ignored
	}
	ev.Effect, ev.Vote = res.Effect, a.Voted
	if c.Verb == VPromise {
		ev.Vote = w.report(c) // what the promise says
	}
	evs = emit(w, evs, ev)
	evs = w.send(evs, res.Sent)
	if res.Effect == paxos.Voted || res.Effect == paxos.VotedBelowPromise {
		evs = emitAll(w, evs, w.Obs.cast(c.Node.N, paxos.Vote{Ballot: e.Msg.Ballot, Value: e.Msg.Value}, &w.Cfg, w.Step))
	}
	return evs
}

// catchUp is what a node given back to the game does at once: an acceptor
// answers the messages it held, in order; a proposer with the promises of
// a quorum asks for votes (in auto mode); a learner learns what the votes
// it heard teach.
func (w *World) catchUp(evs []Event, id paxos.NodeID) []Event {
	switch id.Role {
	case paxos.RoleAcceptor:
		for _, e := range w.HeldBy(id) {
			w.unhold(e.ID)
			evs = w.receive(evs, e)
		}
	case paxos.RoleProposer:
		if p := w.Proposer(id.N); !w.Cfg.Manual && w.Up(id) && p.CanAccept(&w.Cfg) == nil {
			evs = w.act(Command{Verb: VAccept, Node: id}, evs)
		}
	case paxos.RoleLearner:
		l := w.Learner(id.N)
		if v, by := l.Leading(&w.Cfg); w.Up(id) && !v.None() && by.Reached(&w.Cfg) && l.Last().Value != v.Value {
			evs = w.act(Command{Verb: VLearn, Node: id, Value: v.Value}, evs)
		}
	}
	return evs
}
