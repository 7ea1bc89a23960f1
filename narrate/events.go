package narrate

import (
	"fmt"
	"io"
	"strings"

	"paxosgame/game"
	"paxosgame/internal/words"
	"paxosgame/paxos"
)

// Event tells one event in a sentence or two. A message sent has no
// sentence of its own: WriteEvents gathers the sends of a step on one
// line.
func Event(e game.Event) string {
	switch e := e.(type) {
	case game.Setup:
		return narrateSetup(e)
	case game.Act:
		return narrateAct(e)
	case game.Deliver:
		switch e.Msg.To.Role {
		case paxos.RoleAcceptor:
			return narrateAcceptor(acceptorTurn{e.Envelope, e.Effect, e.Promised, e.Vote, e.Cfg})
		case paxos.RoleProposer:
			return narrateProposer(e)
		case paxos.RoleLearner:
			return narrateLearner(e)
		}
	case game.Lost:
		if e.Held {
			return fmt.Sprintf("%s (%s) is lost: %s crashed before it decided.", game.Label(e.Envelope), e.Msg.Summary(), e.Msg.To)
		}
		return fmt.Sprintf("%s (%s) is lost: %s is down.", game.Label(e.Envelope), e.Msg.Summary(), e.Msg.To)
	case game.Drop:
		if e.Stale {
			return fmt.Sprintf("%s (%s) is dropped: it was stale.", game.Label(e.Envelope), e.Msg.Summary())
		}
		return fmt.Sprintf("%s (%s) is dropped: the network lost it.", game.Label(e.Envelope), e.Msg.Summary())
	case game.Duplicate:
		return fmt.Sprintf("%s is duplicated: the network will carry it twice; the copy is #%d.",
			game.Label(game.Envelope{ID: e.Orig, Msg: e.Msg}), e.ID)
	case game.Chosen:
		return narrateChosen(e)
	case game.Violation:
		return "VIOLATION: " + Violation(e)
	}
	return "" // a message sent: see Lines
}

// Line is one line of the narration of a step: an event's sentence, or,
// with Kind game.EvSend, the messages sent one after another, gathered.
type Line struct {
	Kind game.EventKind
	Text string          // the sentence; "" for the sends
	Sent []game.Envelope // the messages sent
}

// Lines narrates the events of a step: a line for each event, the
// messages sent in a row gathered on one line.
func Lines(evs []game.Event) []Line {
	var out []Line
	for _, e := range evs {
		sent, ok := e.(game.Send)
		switch {
		case !ok:
			out = append(out, Line{Kind: e.Kind(), Text: Event(e)})
		case len(out) > 0 && out[len(out)-1].Kind == game.EvSend:
			out[len(out)-1].Sent = append(out[len(out)-1].Sent, sent.Envelope)
		default:
			out = append(out, Line{Kind: game.EvSend, Sent: []game.Envelope{sent.Envelope}})
		}
	}
	return out
}

// WriteEvents writes the narration of events, one per line after indent;
// the messages sent are gathered on one line: sends #4 1b A1→P2, …
func WriteEvents(w io.Writer, evs []game.Event, indent string) {
	for _, l := range Lines(evs) {
		if l.Kind == game.EvSend {
			labels := make([]string, len(l.Sent))
			for i, e := range l.Sent {
				labels[i] = game.Label(e)
			}
			fmt.Fprintf(w, "%ssends %s\n", indent, strings.Join(labels, ", "))
			continue
		}
		fmt.Fprintf(w, "%s%s\n", indent, l.Text)
	}
}

// Cluster describes the cluster: how many of each role, and the
// majority.
func Cluster(cfg paxos.Config) string {
	return fmt.Sprintf("%s, %s, %s; a majority is %d.",
		words.Counted(cfg.Proposers, "proposer"), words.Counted(cfg.Acceptors, "acceptor"), words.Counted(cfg.Learners, "learner"), cfg.Acceptors/2+1)
}

func narrateSetup(e game.Setup) string {
	cfg := e.Cfg
	switch e.Verb {
	case game.VConfig:
		return "The cluster: " + Cluster(cfg)
	case game.VRule:
		text := fmt.Sprintf("Rule %s is %s.", e.Rule, onOff(e.On))
		if !e.On {
			text += " The protocol is no longer safe."
		}
		return text
	case game.VPolicy:
		if e.Policy == game.StaleAccept {
			return "An acceptor that gets an accept request below its promise will " + map[paxos.StalePolicy]string{
				paxos.StaleRefuse: "refuse it.",
				paxos.StaleIgnore: "ignore it.",
			}[cfg.StaleAccept]
		}
		return "An acceptor that gets a prepare below its promise will " + map[paxos.StalePolicy]string{
			paxos.StaleRefuse:  "refuse it.",
			paxos.StaleIgnore:  "ignore it.",
			paxos.StalePromise: "promise anyway, but never vote in it (the false expectation).",
		}[cfg.Stale]
	case game.VMode:
		if cfg.Manual {
			return "A proposer waits for you to send its accept requests (accept P2)."
		}
		return "A proposer sends its accept requests by itself the moment a majority has promised."
	case game.VSet:
		switch e.Field {
		case game.FieldValue:
			return fmt.Sprintf("%s prefers %s.", e.Node, e.Value)
		case game.FieldPromised:
			return fmt.Sprintf("Before the game, %s has promised not to vote below %d.", e.Node, e.Ballot)
		case game.FieldVoted:
			text := fmt.Sprintf("Before the game, %s has voted for %s in ballot %d (so it has promised at least %d).",
				e.Node, e.Value, e.Ballot, e.Ballot)
			if e.Next != 0 {
				text += fmt.Sprintf(" %s, which owns ballot %d, asked for that vote: its next ballot is %d.",
					paxos.P(cfg.Owner(e.Ballot)), e.Ballot, e.Next)
			}
			return text
		}
	}
	return ""
}

func narrateAct(e game.Act) string {
	id := e.Node
	switch e.Verb {
	case game.VPropose:
		text := fmt.Sprintf("%s starts ballot %d with %s in mind: it asks every acceptor to promise not to vote below %d.",
			id, e.Ballot, e.Value, e.Ballot)
		if e.Abandoned != 0 {
			text = fmt.Sprintf("%s abandons ballot %d. ", id, e.Abandoned) + text
		}
		return text
	case game.VAccept:
		return fmt.Sprintf("%s asks every acceptor to vote for %s in ballot %d (%s).", id, e.Value, e.Ballot, Reason(e.Reason))
	case game.VHand:
		switch id.Role {
		case paxos.RoleAcceptor:
			return fmt.Sprintf("%s is played by hand from now on: a prepare or accept request delivered to it waits for its decision.", id)
		case paxos.RoleProposer:
			return fmt.Sprintf("%s is played by hand from now on: with promises from %s it waits for its player to pick the value it asks votes for.", id, quorumWords(e.Cfg))
		}
		return fmt.Sprintf("%s is played by hand from now on: it counts the votes it hears, and learns when its player decides.", id)
	case game.VAuto:
		return fmt.Sprintf("%s is played by the game again.", id)
	case game.VDrop: // drop stale
		switch e.Dropped {
		case 0:
			return "Dropped no stale message: delivering any message in flight would still change a node's state."
		case 1:
			return "Dropped 1 stale message: delivering it would have changed no node's state."
		}
		return fmt.Sprintf("Dropped %d stale messages: delivering them would have changed no node's state.", e.Dropped)
	case game.VPromise, game.VVote, game.VRefuse, game.VIgnore:
		return narrateDecision(e)
	case game.VLearn:
		return narrateLearned(e.Cfg, e.Before, id, e.Value, e.Ballot)
	case game.VCrash:
		switch id.Role {
		case paxos.RoleProposer:
			if e.Used == 0 {
				return fmt.Sprintf("%s crashes.", id)
			}
			return fmt.Sprintf("%s crashes and loses its round; it remembers only that it used ballot %d, so it never reuses it.", id, e.Used)
		case paxos.RoleAcceptor:
			if !e.Cfg.Rules.On(paxos.DurableAcceptors) {
				return fmt.Sprintf("%s crashes; it keeps nothing on disk, so it will forget its promise and its vote (durable-acceptors is off).", id)
			}
			return fmt.Sprintf("%s crashes. Its promise (%s) and its vote (%s) stay on its persistent store.", id, ballotWords(e.Promised), voteWords(e.Vote))
		}
		return fmt.Sprintf("%s crashes; messages sent to it while it is down are lost.", id)
	case game.VRestart:
		switch id.Role {
		case paxos.RoleProposer:
			return fmt.Sprintf("%s restarts, idle; its next ballot is %d.", id, e.Next)
		case paxos.RoleAcceptor:
			if !e.Cfg.Rules.On(paxos.DurableAcceptors) {
				return fmt.Sprintf("%s restarts blank: it forgot its promise and its vote.", id)
			}
			return fmt.Sprintf("%s restarts and reads back its promise (%s) and its vote (%s).", id, ballotWords(e.Promised), voteWords(e.Vote))
		}
		if e.Vote.None() {
			// Issue 20: "still knows what it learned" of a learner that
			// had learned nothing.
			return fmt.Sprintf("%s restarts and still knows the votes it heard; it has learned nothing yet.", id)
		}
		return fmt.Sprintf("%s restarts and still knows what it learned: %s (in %d).", id, e.Vote.Value, e.Vote.Ballot)
	}
	return ""
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

// narrateDecision tells the decision of an acceptor played by hand on a
// message it held.
func narrateDecision(e game.Act) string {
	m := e.Held.Msg
	a, p, b, promised := m.To, m.From, m.Ballot, e.Promised
	switch {
	case e.Effect == paxos.Promised && e.Report && !e.Cfg.Rules.On(paxos.PromiseReportsVote):
		return fmt.Sprintf("%s promises %s not to vote below %d and reports %s as its last vote: with promise-reports-vote off, nothing makes a promise tell the truth.", a, p, b, voteWords(e.Vote))
	case e.Effect == paxos.Refused && m.Type == paxos.Prepare && b >= promised:
		return fmt.Sprintf("%s refuses %s's prepare %d, though it could have promised: refusing is always safe, and %s is preempted.", a, p, b, p)
	case e.Effect == paxos.Refused && m.Type == paxos.Accept && b >= promised:
		return fmt.Sprintf("%s refuses to vote for %s in %d, though it could have: refusing is always safe.", a, m.Value, b)
	case e.Effect == paxos.Ignored:
		return fmt.Sprintf("%s ignores %s's %s %d: an acceptor does not have to reply to anything.", a, p, m.Type.Word(), b)
	}
	return narrateAcceptor(acceptorTurn{e.Held, e.Effect, e.Promised, e.Vote, e.Cfg})
}

// acceptorTurn is what an acceptor did with a message, by itself (a
// Deliver) or by the decision of its player (an Act): the message, the
// effect, the promise it had, and its vote (the vote a promise reports).
type acceptorTurn struct {
	game.Envelope
	Effect   paxos.Effect
	Promised paxos.Ballot
	Vote     paxos.Vote
	Cfg      paxos.Config
}

func narrateAcceptor(e acceptorTurn) string {
	m := e.Msg
	a, p, b, promised := m.To, m.From, m.Ballot, e.Promised
	switch e.Effect {
	case paxos.Held:
		return fmt.Sprintf("%s (%s) reaches %s, played by hand: it waits for %s's decision (%s).",
			game.Label(e.Envelope), m.Summary(), a, a, words.Or(decisionVerbs(m)))
	case paxos.Promised:
		text := fmt.Sprintf("%s promises %s not to vote below %d; ", a, p, b)
		switch {
		case e.Vote.None():
			return text + "it has not voted yet."
		case !e.Cfg.Rules.On(paxos.PromiseReportsVote):
			return text + fmt.Sprintf("it voted %s in %d but does not say so (promise-reports-vote is off).", e.Vote.Value, e.Vote.Ballot)
		}
		return text + fmt.Sprintf("it already voted %s in %d and says so.", e.Vote.Value, e.Vote.Ballot)
	case paxos.PromisedStale:
		if !e.Cfg.Rules.On(paxos.KeepPromise) {
			return fmt.Sprintf("%s answers %s's prepare %d with a promise although it promised %d; with keep-promise off it may still vote in %d.", a, p, b, promised, b)
		}
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

// Reason says where the value of a proposer's accept requests came
// from, as the story tells it.
func Reason(r game.Reason) string {
	switch r.Kind {
	case game.ReasonAdopted:
		return fmt.Sprintf("adopted: %s voted it in %d, the highest vote reported", r.From, r.Vote.Ballot)
	case game.ReasonOwnAdoptOff:
		return fmt.Sprintf("its own value, although %s reported %s in %d (adopt-highest-vote is off)", r.From, r.Vote.Value, r.Vote.Ballot)
	case game.ReasonPicked:
		if r.From.N != 0 {
			return fmt.Sprintf("picked by its player, although %s reported %s in %d, the highest vote (adopt-highest-vote is off)", r.From, r.Vote.Value, r.Vote.Ballot)
		}
		return "picked by its player: no promise reported a vote, so any value may be proposed"
	}
	return "no promise reported a vote, so any value is safe"
}

// StandsFor is a proposer's line on the screen: the value it stands for,
// and why; before it asks for votes, what it would ask for now.
func StandsFor(r game.Reason) string {
	if r.Sent {
		return fmt.Sprintf("value %s — %s", r.Value, Reason(r))
	}
	switch r.Kind {
	case game.ReasonAdopted:
		return fmt.Sprintf("will adopt %s: %s voted it in %d, the highest so far", r.Value, r.From, r.Vote.Ballot)
	case game.ReasonOwnAdoptOff:
		return fmt.Sprintf("keeps its own %s although %s reported %s (adopt-highest-vote is off)", r.Value, r.From, r.Vote.Value)
	}
	return fmt.Sprintf("would propose %s: no vote reported yet", r.Value)
}

// phaseWords describes where a proposer is, as an event saw it.
func phaseWords(e game.Deliver) string {
	p := paxos.Proposer{Phase: e.Phase, Ballot: e.Ballot, PreemptedBy: e.PreemptedBy}
	return p.PhaseWords()
}

func narrateProposer(e game.Deliver) string {
	m := e.Msg
	a, id, b := m.From, m.To, m.Ballot
	need, of := e.Cfg.Quorum(), e.Cfg.Acceptors
	switch e.Effect {
	case paxos.PromiseCounted:
		return fmt.Sprintf("%s has promises from %d of %d acceptors for %d; it needs %d.", id, e.Count, of, b, need)
	case paxos.PromiseMajority:
		if e.Hand {
			return fmt.Sprintf("%s has promises from %s (%d of %d) for %d; its player picks the value it asks votes for (accept %s \"…\"), or waits for more promises.", id, quorumWords(e.Cfg), e.Count, of, b, id)
		}
		return fmt.Sprintf("%s has promises from %s (%d of %d) for %d; it may ask for votes now (accept %s) or wait for more promises.", id, quorumWords(e.Cfg), e.Count, of, b, id)
	case paxos.SentAccept:
		return fmt.Sprintf("%s has promises from %s (%d of %d) for %d and asks every acceptor to vote for %s (%s).", id, quorumWords(e.Cfg), e.Count, of, b, e.Value, Reason(e.Reason))
	case paxos.Late:
		if b == e.Ballot && e.Phase != paxos.Idle {
			return fmt.Sprintf("%s ignores %s's %s for %d: it is done with that ballot (it is %s).", id, a, m.Type.Word(), b, phaseWords(e))
		}
		return fmt.Sprintf("%s ignores %s's %s for %d: it is not running that ballot (it is %s).", id, a, m.Type.Word(), b, phaseWords(e))
	case paxos.Extra:
		switch {
		case m.Type == paxos.Accepted && !e.Repeat:
			return fmt.Sprintf("%s counts %s's vote too (%d of %d).", id, a, e.Count, of)
		case m.Type == paxos.Accepted:
			return fmt.Sprintf("%s already counted %s's vote for %s in %d (%d of %d).", id, a, m.Value, b, e.Count, of)
		case e.Phase == paxos.Phase1:
			return fmt.Sprintf("%s already counted %s's promise for %d (%d of %d); it still needs %d.", id, a, b, e.Count, of, need)
		}
		return fmt.Sprintf("%s already asked for votes in %d; %s's promise changes nothing.", id, b, a)
	case paxos.Preempted:
		return fmt.Sprintf("%s is preempted: %s promised not to vote below %d. It may start again with a higher ballot (its next is %d).", id, a, m.Promised, e.Next)
	case paxos.VoteCounted:
		return fmt.Sprintf("%s has votes from %d of %d acceptors for %s in %d; it needs %d.", id, e.Count, of, e.Value, b, need)
	case paxos.Decided:
		return fmt.Sprintf("%s knows %s is decided: %s (%d of %d) voted for it in %d.", id, e.Value, quorumWords(e.Cfg), e.Count, of, b)
	}
	return ""
}

// quorumWords names the quorum in narration: a majority, unless the
// majority-quorum rule is off.
func quorumWords(cfg paxos.Config) string {
	if cfg.Rules.On(paxos.MajorityQuorum) {
		return "a majority"
	}
	return "a quorum"
}

// narrateLearned tells learner id learning v in ballot b; before is what
// it had learned before.
func narrateLearned(cfg paxos.Config, before paxos.Vote, id paxos.NodeID, v paxos.Value, b paxos.Ballot) string {
	var text string
	if cfg.Rules.On(paxos.SameBallotMajority) {
		text = fmt.Sprintf("%s learns %s: %s voted for it in the same ballot %d.", id, v, quorumWords(cfg), b)
	} else {
		text = fmt.Sprintf("%s learns %s: votes for it from %s, counted across ballots (same-ballot-majority is off).", id, v, quorumWords(cfg))
	}
	if !before.None() && before.Value != v {
		text += fmt.Sprintf(" It had learned %s before: it has now learned two different values.", before.Value)
	}
	return text
}

func narrateLearner(e game.Deliver) string {
	m := e.Msg
	a, id := m.From, m.To
	switch e.Effect {
	case paxos.Learned:
		return narrateLearned(e.Cfg, e.Before, id, m.Value, m.Ballot)
	case paxos.VoteCounted:
		if e.Hand && e.Count >= e.Cfg.Quorum() {
			return fmt.Sprintf("%s hears that %s voted %s in %d (%d of %d needed): its player may decide it has learned %s (learn %s %s).",
				id, a, m.Value, m.Ballot, e.Count, e.Cfg.Quorum(), m.Value, id, game.Quote(m.Value))
		}
	case paxos.Extra:
		return fmt.Sprintf("%s hears that %s voted %s in %d; it already knew.", id, a, m.Value, m.Ballot)
	}
	return fmt.Sprintf("%s hears that %s voted %s in %d (%d of %d needed).", id, a, m.Value, m.Ballot, e.Count, e.Cfg.Quorum())
}

func narrateChosen(e game.Chosen) string {
	head, tail := chosenWords(e)
	if tail == "" {
		return head
	}
	return head + " " + tail
}

// chosenWords tells a value chosen in its first sentence, the key line of
// the timeline, and the rest ("" when there is none).
func chosenWords(e game.Chosen) (head, tail string) {
	v, by := e.Vote, acceptorList(e.By)
	if q := quorumNote(e.Cfg, e.By); q != "" {
		by += " (" + q + ")"
	}
	switch {
	case e.Step == 0:
		return fmt.Sprintf("With these votes %s is already chosen in ballot %d (%s).", v.Value, v.Ballot, by), ""
	case e.Repeat:
		return fmt.Sprintf("%s is chosen again, now in ballot %d (%s): the same value, so agreement holds.",
			v.Value, v.Ballot, by), ""
	}
	return fmt.Sprintf("CHOSEN: %s in ballot %d, voted by %s.", v.Value, v.Ballot, by),
		"No acceptor knows it yet: each knows only its own vote."
}

// quorumNote says, when majority-quorum is off, that the voters of a
// chosen value are a quorum but not a majority: the observer judges with
// the quorum the game is configured with. "" when the quorum is a majority.
func quorumNote(cfg paxos.Config, by paxos.Set) string {
	if cfg.Rules.On(paxos.MajorityQuorum) || 2*by.Len() > cfg.Acceptors {
		return ""
	}
	return fmt.Sprintf("a quorum of %d of %d, not a majority: majority-quorum is off", by.Len(), cfg.Acceptors)
}

// ChosenBanner is the CHOSEN banner of the screen for choice c, in forms
// from the longest to the shortest, so that a narrow screen shows the
// words that matter.
func ChosenBanner(c game.Choice, cfg paxos.Config) []string {
	v, b, by := c.Vote.Value, c.Vote.Ballot, acceptorList(c.By)
	if q := quorumNote(cfg, c.By); q != "" {
		return []string{
			fmt.Sprintf("★ CHOSEN: %s in ballot %d at step %d by %s — %s", v, b, c.Step, by, q),
			fmt.Sprintf("★ CHOSEN: %s in ballot %d by %s — %s", v, b, by, q),
			fmt.Sprintf("★ CHOSEN %s in %d by %d of %d — not a majority", v, b, c.By.Len(), cfg.Acceptors),
			fmt.Sprintf("★ CHOSEN %s in %d — not a majority", v, b),
		}
	}
	return []string{
		fmt.Sprintf("★ CHOSEN: %s in ballot %d at step %d, voted by %s — no acceptor knows it yet", v, b, c.Step, by),
		fmt.Sprintf("★ CHOSEN: %s in ballot %d, voted by %s — no acceptor knows it yet", v, b, by),
		fmt.Sprintf("★ CHOSEN %s in %d (%s) — no acceptor knows it yet", v, b, by),
		fmt.Sprintf("★ CHOSEN %s in %d — no acceptor knows it yet", v, b),
	}
}

// Violation says which safety property failed, and how.
func Violation(e game.Violation) string {
	switch e.Property {
	case game.TwoChosen:
		return fmt.Sprintf("Agreement fails: %s is chosen in ballot %d (%s), but %s was already chosen.",
			e.Value, e.Ballot, acceptorList(e.By), e.Prior)
	case game.LearnedUnchosen:
		return fmt.Sprintf("Agreement fails: %s learned %s, which has not been chosen.", e.Node, e.Value)
	case game.ChosenUnproposed:
		return fmt.Sprintf("Validity fails: %s is chosen but no proposer proposed it.", e.Value)
	}
	return ""
}

// Property names what failed, in docs/playing.md's words: two values
// chosen (Agreement), a learner learned a value that was not chosen, a
// chosen value never proposed (Validity).
func Property(p game.Property) string {
	switch p {
	case game.TwoChosen:
		return "two values chosen (Agreement)"
	case game.LearnedUnchosen:
		return "a learner learned a value that was not chosen"
	case game.ChosenUnproposed:
		return "a chosen value never proposed (Validity)"
	}
	return ""
}

// ViolationBanner is the headline of a violation: what failed, then the
// values and nodes involved.
func ViolationBanner(e game.Violation) string {
	var what string
	switch e.Property {
	case game.TwoChosen:
		what = fmt.Sprintf("%s, then %s in ballot %d (%s)", e.Prior, e.Value, e.Ballot, acceptorList(e.By))
	case game.LearnedUnchosen:
		what = fmt.Sprintf("%s learned %s", e.Node, e.Value)
	case game.ChosenUnproposed:
		what = string(e.Value)
	}
	return fmt.Sprintf("VIOLATION at step %d: %s: %s", e.Step, Property(e.Property), what)
}

func acceptorList(s paxos.Set) string { return strings.Join(words.Acceptors(s), ", ") }

func onOff(on bool) string {
	if on {
		return "on"
	}
	return "off"
}
