package game

import (
	"fmt"
	"slices"

	"paxosgame/paxos"
)

// maxDeliverAll bounds deliver all; the protocol never resends by itself,
// so it always ends far below this.
const maxDeliverAll = 1_000_000

// Apply carries out a setup command or an action and returns what
// happened. A command that cannot be carried out returns an error that
// says why, and changes nothing. Expect commands are checked by Check.
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
	w.Started = true
	w.Step++
	return w.act(c), nil
}

func (w *World) setup(c Command) ([]Event, error) {
	var text string
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
		text = fmt.Sprintf("The cluster: %d proposers, %d acceptors, %d learners; a majority is %d.",
			cfg.Proposers, cfg.Acceptors, cfg.Learners, cfg.Acceptors/2+1)
	case VRule:
		w.Cfg.Rules.Set(c.Rule, c.On)
		text = fmt.Sprintf("Rule %s is %s.", c.Rule, onOff(c.On))
		if !c.On {
			text += " The protocol is no longer safe."
		}
	case VPolicy:
		w.Cfg.Stale = c.Policy
		text = "An acceptor that gets a prepare below its promise will " + map[paxos.StalePolicy]string{
			paxos.StaleRefuse:  "refuse it.",
			paxos.StaleIgnore:  "ignore it.",
			paxos.StalePromise: "promise anyway, but never vote in it (the false expectation).",
		}[c.Policy]
	case VMode:
		w.Cfg.Manual = c.Manual
		text = "A proposer sends its accept requests by itself the moment a majority has promised."
		if c.Manual {
			text = "A proposer waits for you to send its accept requests (accept P2)."
		}
	case VSet:
		if !w.Exists(c.Node) {
			return nil, w.noSuchNode(c, c.Node)
		}
		if c.Field != FieldValue && (c.Ballot < 1 || c.Ballot > paxos.MaxBallot) {
			return nil, &Refusal{Cause: BallotRange, Verb: c.Verb, Node: c.Node, Ballot: c.Ballot}
		}
		w.setState = true
		switch c.Field {
		case FieldValue:
			w.Proposer(c.Node.N).Preference = c.Value
			text = fmt.Sprintf("%s prefers %s.", c.Node, c.Value)
		case FieldPromised:
			a := w.Acceptor(c.Node.N)
			a.Promised = c.Ballot
			if a.Voted.Ballot > c.Ballot {
				a.Voted = paxos.Vote{}
			}
			text = fmt.Sprintf("Before the game, %s has promised not to vote below %d.", c.Node, c.Ballot)
		case FieldVoted:
			a := w.Acceptor(c.Node.N)
			a.Voted = paxos.Vote{Ballot: c.Ballot, Value: c.Value}
			a.Promised = max(a.Promised, c.Ballot)
			text = fmt.Sprintf("Before the game, %s has voted for %s in ballot %d (so it has promised at least %d).",
				c.Node, c.Value, c.Ballot, c.Ballot)
		}
	}
	before := w.Obs
	w.rebuildObserver()
	evs := []Event{{Kind: EvSetup, Text: text}}
	// Tell only what this command changed: each setup command recounts
	// the observer from all the votes set so far.
	for _, ch := range w.Obs.Chosen {
		if !slices.ContainsFunc(before.Chosen, func(b Choice) bool { return b.Vote == ch.Vote }) {
			evs = append(evs, Event{Kind: EvChosen, Text: fmt.Sprintf(
				"With these votes %s is already chosen in ballot %d (%s).", ch.Vote.Value, ch.Vote.Ballot, acceptorList(ch.By))})
		}
	}
	for _, v := range w.Obs.Violations {
		if !slices.ContainsFunc(before.Violations, func(b Violation) bool { return b.What == v.What }) {
			evs = append(evs, Event{Kind: EvViolation, Text: "VIOLATION: " + v.What})
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
	case VPropose, VAccept, VCrash, VRestart:
		if !w.Exists(c.Node) {
			return w.noSuchNode(c, c.Node)
		}
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
		if !w.Cfg.Manual {
			return &Refusal{Cause: AutoMode, Verb: c.Verb, Node: c.Node}
		}
		if !w.Up(c.Node) {
			return &Refusal{Cause: NodeDown, Verb: c.Verb, Node: c.Node}
		}
		return byProtocol(c, w.Proposer(c.Node.N).CanAccept(&w.Cfg))
	case VCrash:
		if !w.Up(c.Node) {
			return &Refusal{Cause: AlreadyDown, Verb: c.Verb, Node: c.Node}
		}
	case VRestart:
		if w.Up(c.Node) {
			return &Refusal{Cause: AlreadyUp, Verb: c.Verb, Node: c.Node}
		}
	case VDeliver, VDrop, VDuplicate:
		if c.Sel.All {
			return nil
		}
		if c.Sel.ID == 0 {
			for _, id := range []paxos.NodeID{c.Sel.From, c.Sel.To} {
				if !w.Exists(id) {
					return w.noSuchNode(c, id)
				}
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
func (w *World) act(c Command) []Event {
	var evs []Event
	switch c.Verb {
	case VPropose:
		c = w.Resolve(c)
		p := w.Proposer(c.Node.N)
		text := fmt.Sprintf("%s starts ballot %d with %s in mind: it asks every acceptor to promise not to vote below %d.",
			c.Node, c.Ballot, c.Value, c.Ballot)
		if p.Phase == paxos.Phase1 || p.Phase == paxos.Phase2 {
			text = fmt.Sprintf("%s abandons ballot %d. ", c.Node, p.Ballot) + text
		}
		w.Obs.propose(c.Value)
		res := p.Propose(c.Ballot, c.Value, &w.Cfg)
		evs = append(evs, Event{Kind: EvAct, Step: w.Step, Node: c.Node, Text: text})
		evs = w.send(evs, res.Sent)
	case VAccept:
		p := w.Proposer(c.Node.N)
		res := p.SendAccept(&w.Cfg)
		evs = append(evs, Event{Kind: EvAct, Step: w.Step, Node: c.Node, Text: fmt.Sprintf(
			"%s asks every acceptor to vote for %s in ballot %d (%s).", c.Node, p.Value, p.Ballot, w.Why(p))})
		evs = w.send(evs, res.Sent)
	case VCrash:
		evs = append(evs, Event{Kind: EvAct, Step: w.Step, Node: c.Node, Text: w.crash(c.Node)})
	case VRestart:
		evs = append(evs, Event{Kind: EvAct, Step: w.Step, Node: c.Node, Text: w.restart(c.Node)})
	case VDeliver:
		if c.Sel.All {
			for n := 0; len(w.InFlight) > 0 && n < maxDeliverAll; n++ {
				evs = w.deliver(evs, w.InFlight[0])
			}
			break
		}
		evs = w.deliver(evs, w.Find(c.Sel)[0])
	case VDrop:
		for _, e := range w.Find(c.Sel) {
			w.remove(e.ID)
			evs = append(evs, Event{Kind: EvDrop, Step: w.Step, ID: e.ID, Msg: e.Msg, Text: fmt.Sprintf(
				"%s (%s) is dropped: the network lost it.", Label(e), e.Msg.Summary())})
		}
	case VDuplicate:
		for _, e := range w.Find(c.Sel) {
			copyID := w.NextID
			w.NextID++
			w.InFlight = append(w.InFlight, Envelope{copyID, e.Msg})
			evs = append(evs, Event{Kind: EvDuplicate, Step: w.Step, ID: copyID, Msg: e.Msg, Text: fmt.Sprintf(
				"%s is duplicated: the network will carry it twice; the copy is #%d.", Label(e), copyID)})
		}
	}
	return evs
}

func (w *World) send(evs []Event, msgs []paxos.Message) []Event {
	for _, m := range msgs {
		e := Envelope{w.NextID, m}
		w.NextID++
		w.InFlight = append(w.InFlight, e)
		evs = append(evs, Event{Kind: EvSend, Step: w.Step, ID: e.ID, Msg: m})
	}
	return evs
}

func (w *World) crash(id paxos.NodeID) string {
	w.setUp(id, false)
	switch id.Role {
	case paxos.RoleProposer:
		p := w.Proposer(id.N)
		p.Crash()
		if p.Used == 0 {
			return fmt.Sprintf("%s crashes.", id)
		}
		return fmt.Sprintf("%s crashes and loses its round; it remembers only that it used ballot %d, so it never reuses it.", id, p.Used)
	case paxos.RoleAcceptor:
		a := w.Acceptor(id.N)
		if !w.Cfg.Rules.On(paxos.DurableAcceptors) {
			return fmt.Sprintf("%s crashes; it keeps nothing on disk, so it will forget its promise and its vote (durable-acceptors is off).", id)
		}
		return fmt.Sprintf("%s crashes. Its promise (%s) and its vote (%s) stay on its persistent store.", id, ballotWords(a.Promised), voteWords(a.Voted))
	}
	return fmt.Sprintf("%s crashes; messages sent to it while it is down are lost.", id)
}

func (w *World) restart(id paxos.NodeID) string {
	w.setUp(id, true)
	switch id.Role {
	case paxos.RoleProposer:
		p := w.Proposer(id.N)
		return fmt.Sprintf("%s restarts, idle; its next ballot is %d.", id, p.NextBallot(&w.Cfg))
	case paxos.RoleAcceptor:
		a := w.Acceptor(id.N)
		a.Restart(&w.Cfg)
		if !w.Cfg.Rules.On(paxos.DurableAcceptors) {
			return fmt.Sprintf("%s restarts blank: it forgot its promise and its vote.", id)
		}
		return fmt.Sprintf("%s restarts and reads back its promise (%s) and its vote (%s).", id, ballotWords(a.Promised), voteWords(a.Voted))
	}
	return fmt.Sprintf("%s restarts and still knows what it learned.", id)
}

func ballotWords(b paxos.Ballot) string {
	if b == 0 {
		return "none"
	}
	return fmt.Sprintf("not below %d", b)
}

func voteWords(v paxos.Vote) string {
	if v.None() {
		return "none"
	}
	return fmt.Sprintf("%s in %d", v.Value, v.Ballot)
}

// deliver hands one message to its receiver and narrates what it did.
func (w *World) deliver(evs []Event, e Envelope) []Event {
	w.remove(e.ID)
	m := e.Msg
	ev := Event{Kind: EvDeliver, Step: w.Step, ID: e.ID, Msg: m}
	if !w.Up(m.To) {
		ev.Kind = EvLost
		ev.Text = fmt.Sprintf("%s (%s) is lost: %s is down.", Label(e), m.Summary(), m.To)
		return append(evs, ev)
	}
	var res paxos.Result
	switch m.To.Role {
	case paxos.RoleAcceptor:
		a := w.Acceptor(m.To.N)
		before := a.Promised
		res = a.Step(m, &w.Cfg)
		ev.Text = w.tellAcceptor(m, res.Effect, before)
	case paxos.RoleProposer:
		p := w.Proposer(m.To.N)
		counted := p.Votes.Has(m.From.N) // a repeated vote
		res = p.Step(m, &w.Cfg)
		ev.Text = w.tellProposer(m, res.Effect, p, counted)
	case paxos.RoleLearner:
		l := w.Learner(m.To.N)
		before := l.Learned
		res = l.Step(m, &w.Cfg)
		ev.Text = w.tellLearner(m, res.Effect, l)
		if res.Effect == paxos.Learned && !before.None() && before.Value != m.Value {
			ev.Text += fmt.Sprintf(" It had learned %s before: it has now learned two different values.", before.Value)
		}
	}
	evs = append(evs, ev)
	evs = w.send(evs, res.Sent)
	switch {
	case res.Effect == paxos.Voted || res.Effect == paxos.VotedBelowPromise:
		evs = append(evs, w.Obs.cast(m.To.N, paxos.Vote{Ballot: m.Ballot, Value: m.Value}, &w.Cfg, w.Step)...)
	case res.Effect == paxos.Learned:
		evs = append(evs, w.Obs.learned(m.To.N, m.Value, w.Step)...)
	}
	return evs
}

func (w *World) tellAcceptor(m paxos.Message, eff paxos.Effect, promised paxos.Ballot) string {
	a, p, b := m.To, m.From, m.Ballot
	switch eff {
	case paxos.Promised:
		acc := w.Acceptor(a.N)
		text := fmt.Sprintf("%s promises %s not to vote below %d; ", a, p, b)
		switch {
		case acc.Voted.None():
			return text + "it has not voted yet."
		case !w.Cfg.Rules.On(paxos.PromiseReportsVote):
			return text + fmt.Sprintf("it voted %s in %d but does not say so (promise-reports-vote is off).", acc.Voted.Value, acc.Voted.Ballot)
		}
		return text + fmt.Sprintf("it already voted %s in %d and says so.", acc.Voted.Value, acc.Voted.Ballot)
	case paxos.PromisedStale:
		return fmt.Sprintf("%s answers %s's prepare %d with a promise although it promised %d: a false expectation, since it will NOT vote in %d.", a, p, b, promised, b)
	case paxos.Refused:
		if m.Type == paxos.Accept {
			return fmt.Sprintf("%s refuses to vote for %s in %d: it promised not to vote below %d.", a, m.Value, b, promised)
		}
		return fmt.Sprintf("%s refuses %s's prepare %d: it promised not to vote below %d.", a, p, b, promised)
	case paxos.Ignored:
		return fmt.Sprintf("%s ignores %s's %s %d: it promised not to vote below %d, and an acceptor does not have to reply.", a, p, m.Type.Word(), b, promised)
	case paxos.Voted:
		return fmt.Sprintf("%s votes for %s in ballot %d and tells %s and every learner.", a, m.Value, b, p)
	case paxos.VotedBelowPromise:
		return fmt.Sprintf("%s votes for %s in %d although it promised not to vote below %d (keep-promise is off).", a, m.Value, b, promised)
	}
	return ""
}

// Why says where the value of a proposer's accept requests came from.
func (w *World) Why(p *paxos.Proposer) string {
	from, v := p.HighestReported()
	switch {
	case p.AdoptedFrom != 0:
		return fmt.Sprintf("adopted: A%d voted it in %d, the highest vote reported", p.AdoptedFrom, p.Adopted.Ballot)
	case from != 0:
		return fmt.Sprintf("its own value, although A%d reported %s in %d (adopt-highest-vote is off)", from, v.Value, v.Ballot)
	}
	return "its own value: no promise reported a vote"
}

func (w *World) tellProposer(m paxos.Message, eff paxos.Effect, p *paxos.Proposer, counted bool) string {
	a, id, b := m.From, m.To, m.Ballot
	need, of := w.Cfg.Quorum(), w.Cfg.Acceptors
	switch eff {
	case paxos.PromiseCounted:
		return fmt.Sprintf("%s has promises from %d of %d acceptors for %d; it needs %d.", id, p.Promises.Len(), of, b, need)
	case paxos.PromiseMajority:
		return fmt.Sprintf("%s has promises from %s (%d of %d) for %d; it may ask for votes now (accept %s) or wait for more promises.", id, w.quorumWords(), p.Promises.Len(), of, b, id)
	case paxos.SentAccept:
		return fmt.Sprintf("%s has promises from %s (%d of %d) for %d and asks every acceptor to vote for %s (%s).", id, w.quorumWords(), p.Promises.Len(), of, b, p.Value, w.Why(p))
	case paxos.Late:
		if b == p.Ballot && p.Phase != paxos.Idle {
			return fmt.Sprintf("%s ignores %s's %s for %d: it is done with that ballot (it is %s).", id, a, m.Type.Word(), b, p.PhaseWords())
		}
		return fmt.Sprintf("%s ignores %s's %s for %d: it is not running that ballot (it is %s).", id, a, m.Type.Word(), b, p.PhaseWords())
	case paxos.Extra:
		switch {
		case m.Type == paxos.Accepted && !counted:
			return fmt.Sprintf("%s counts %s's vote too (%d of %d).", id, a, p.Votes.Len(), of)
		case m.Type == paxos.Accepted:
			return fmt.Sprintf("%s already counted %s's vote for %s in %d (%d of %d).", id, a, m.Value, b, p.Votes.Len(), of)
		case p.Phase == paxos.Phase1:
			return fmt.Sprintf("%s already counted %s's promise for %d (%d of %d); it still needs %d.", id, a, b, p.Promises.Len(), of, need)
		}
		return fmt.Sprintf("%s already asked for votes in %d; %s's promise changes nothing.", id, b, a)
	case paxos.Preempted:
		return fmt.Sprintf("%s is preempted: %s promised not to vote below %d. It may start again with a higher ballot (its next is %d).", id, a, m.Promised, p.NextBallot(&w.Cfg))
	case paxos.VoteCounted:
		return fmt.Sprintf("%s has votes from %d of %d acceptors for %s in %d; it needs %d.", id, p.Votes.Len(), of, p.Value, b, need)
	case paxos.Decided:
		return fmt.Sprintf("%s knows %s is decided: %s (%d of %d) voted for it in %d.", id, p.Value, w.quorumWords(), p.Votes.Len(), of, b)
	}
	return ""
}

// quorumWords names the quorum in narration: a majority, unless the
// majority-quorum rule is off.
func (w *World) quorumWords() string {
	if w.Cfg.Rules.On(paxos.MajorityQuorum) {
		return "a majority"
	}
	return "a quorum"
}

func (w *World) tellLearner(m paxos.Message, eff paxos.Effect, l *paxos.Learner) string {
	a, id := m.From, m.To
	v := paxos.Vote{Ballot: m.Ballot, Value: m.Value}
	switch eff {
	case paxos.Learned:
		if w.Cfg.Rules.On(paxos.SameBallotMajority) {
			return fmt.Sprintf("%s learns %s: %s voted for it in the same ballot %d.", id, m.Value, w.quorumWords(), m.Ballot)
		}
		return fmt.Sprintf("%s learns %s: votes for it from %s, counted across ballots (same-ballot-majority is off).", id, m.Value, w.quorumWords())
	case paxos.Extra:
		return fmt.Sprintf("%s hears that %s voted %s in %d; it already knew.", id, a, m.Value, m.Ballot)
	}
	return fmt.Sprintf("%s hears that %s voted %s in %d (%d of %d needed).", id, a, m.Value, m.Ballot, l.Count(v, &w.Cfg).Len(), w.Cfg.Quorum())
}
