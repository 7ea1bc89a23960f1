// Package refine checks that the game plays Lamport's Paxos.tla (DESIGN
// §10, issue 11): it maps each state of the game's own exploration to a
// state of Paxos.tla and checks that every step of the game is a step of
// Paxos.tla, or leaves the mapped state unchanged (a stutter).
//
// The mapping of a game state:
//
//   - maxBal[a], maxVBal[a], maxVal[a] are acceptor a's promise and vote
//     (the game's ballots are Paxos.tla's; none is -1 and None);
//   - msgs is every prepare (1a), promise (1b, with the vote it reports),
//     accept request (2a) and vote (2b) ever sent, delivered or not,
//     without ids or receivers: a vote sent to the proposer and to each
//     learner is one 2b, a duplicate is the message it copies;
//   - refusals (nacks), the proposers and the learners map to nothing.
//
// A step of the game is judged by the messages it adds to msgs, in the
// order it sent them, and by what it does to the acceptors: a new 1a is
// Phase1a, a new 1b Phase1b, a new 2a Phase2a, a new 2b Phase2b, each with
// its enabling condition checked on msgs as it was; the acceptors must then
// be as those actions leave them. A learner is no part of Paxos.tla: when
// one learns a value, the value must be chosen in msgs (a majority sent a
// 2b for it in one ballot: Voting.tla's chosen, which Paxos.tla refines).
//
// Where the game differs on purpose (Notes), the step is let through and
// counted: an acceptor that promises again a ballot it promised (the
// game's prepare takes b >= promised, Phase1b needs m.bal > maxBal[a]); a
// promise below the promise (the stale-prepare policy promise, or an
// acceptor played by hand); one step of the game that is several of
// Paxos.tla (auto An, which answers every message An held).
package refine

import (
	"encoding/binary"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"

	"paxosgame/explore"
	"paxosgame/game"
	"paxosgame/paxos"
)

// Msg is an element of Paxos.tla's msgs, as a game message maps to it.
type Msg struct {
	Type paxos.MsgType // Prepare (1a), Promise (1b), Accept (2a), Accepted (2b)
	Acc  int           // 1b, 2b: the acceptor
	Bal  paxos.Ballot
	Vote paxos.Vote  // 1b: the vote it reports (mbal, mval)
	Val  paxos.Value // 2a, 2b
}

// mapMsg is the element of msgs a message of the game maps to; false for a
// refusal, which maps to none.
func mapMsg(m *paxos.Message) (Msg, bool) {
	switch m.Type {
	case paxos.Prepare:
		return Msg{Type: m.Type, Bal: m.Ballot}, true
	case paxos.Promise:
		return Msg{Type: m.Type, Acc: m.From.N, Bal: m.Ballot, Vote: m.Vote}, true
	case paxos.Accept:
		return Msg{Type: m.Type, Bal: m.Ballot, Val: m.Value}, true
	case paxos.Accepted:
		return Msg{Type: m.Type, Acc: m.From.N, Bal: m.Ballot, Val: m.Value}, true
	}
	return Msg{}, false
}

// bal writes a ballot as Paxos.tla does: none is -1.
func bal(b paxos.Ballot) string {
	if b == 0 {
		return "-1"
	}
	return strconv.Itoa(int(b))
}

func val(v paxos.Vote) string {
	if v.None() {
		return "None"
	}
	return game.Quote(v.Value)
}

func compareMsgs(a, b Msg) int {
	switch {
	case a.Type != b.Type:
		return int(a.Type) - int(b.Type)
	case a.Acc != b.Acc:
		return a.Acc - b.Acc
	case a.Bal != b.Bal:
		return int(a.Bal - b.Bal)
	case a.Vote.Ballot != b.Vote.Ballot:
		return int(a.Vote.Ballot - b.Vote.Ballot)
	case a.Vote.Value != b.Vote.Value:
		return strings.Compare(string(a.Vote.Value), string(b.Vote.Value))
	}
	return strings.Compare(string(a.Val), string(b.Val))
}

// msgsOf appends to buf the msgs of w, sorted and without repeats.
func msgsOf(w *game.World, buf []Msg) []Msg {
	eachSent(w, func(e *game.Envelope) {
		if m, ok := mapMsg(&e.Msg); ok {
			buf = append(buf, m)
		}
	})
	slices.SortFunc(buf, compareMsgs)
	return slices.Compact(buf)
}

// acceptor is one acceptor's variables: maxBal, and the vote <<maxVBal, maxVal>>.
type acceptor struct {
	maxBal paxos.Ballot
	vote   paxos.Vote
}

func acceptorOf(a *paxos.Acceptor) acceptor { return acceptor{a.Promised, a.Voted} }

// Kind is what a step of the game is to Paxos.tla, or where it differs.
type Kind uint8

const (
	Phase1a Kind = iota
	Phase1b
	Phase2a
	Phase2b
	RePromise    // an acceptor promises again the ballot it promised, and sends a new 1b
	StalePromise // an acceptor promises below its promise (policy stale-prepare promise, or by hand)
	Several      // one step of the game that is several of Paxos.tla
	Learned      // a learner learned a value: chosen in msgs
	numKinds
)

var kindNames = [numKinds]string{"Phase1a", "Phase1b", "Phase2a", "Phase2b", "re-promise", "stale promise", "several steps in one", "learned"}

func (k Kind) String() string { return kindNames[k] }

// NotAStep is a step of the game that is no step of Paxos.tla.
type NotAStep struct {
	Action string // the action of Paxos.tla it fails (Phase1b, Phase2a, …), or "" when none changes what it changed
	Why    string // what it did, and why the action does not take it, in the game's names
}

func (e *NotAStep) Error() string { return e.Why }

// Counts are what the steps judged were to Paxos.tla.
type Counts struct {
	Steps    int64            // steps judged
	Kinds    [numKinds]int64  // the Paxos.tla actions taken (a step of several counts each), differences and learners
	Stutters int64            // steps that change no variable of Paxos.tla
	By       map[string]int64 // the stutters, by verb (deliver, drop, crash, …)
}

// Checker judges steps of the game against Paxos.tla: its Step and Key
// are explore.Options'. It may be called from several goroutines.
type Checker struct {
	steps    atomic.Int64
	kinds    [numKinds]atomic.Int64
	stutters [game.VExpect + 1]atomic.Int64
}

// Counts are the steps judged so far.
func (c *Checker) Counts() Counts {
	n := Counts{Steps: c.steps.Load(), By: map[string]int64{}}
	for k := range c.kinds {
		n.Kinds[k] = c.kinds[k].Load()
	}
	for v := range c.stutters {
		if x := c.stutters[v].Load(); x > 0 {
			n.Stutters += x
			n.By[game.Verb(v).String()] = x
		}
	}
	return n
}

// Key appends the mapped msgs of w to a state's key: two states of the
// game alike but for what was sent before are two states of Paxos.tla.
func (c *Checker) Key(buf []byte, w *game.World) []byte {
	var small [64]Msg
	msgs := msgsOf(w, small[:0])
	buf = binary.AppendUvarint(buf, uint64(len(msgs)))
	for _, m := range msgs {
		buf = append(buf, byte(m.Type), byte(m.Acc))
		buf = binary.AppendUvarint(buf, uint64(m.Bal))
		buf = binary.AppendUvarint(buf, uint64(m.Vote.Ballot))
		buf = binary.AppendUvarint(buf, uint64(len(m.Vote.Value)))
		buf = append(buf, m.Vote.Value...)
		buf = binary.AppendUvarint(buf, uint64(len(m.Val)))
		buf = append(buf, m.Val...)
	}
	return buf
}

// Step judges the step cmd from from to to: nil when it is a step of
// Paxos.tla, a stutter or a difference on purpose, else a *NotAStep.
func (c *Checker) Step(from, to *game.World, cmd game.Command) error {
	c.steps.Add(1)
	var small [64]Msg
	msgs := msgsOf(from, small[:0])
	accs := make([]acceptor, len(from.Acceptors))
	for i := range from.Acceptors {
		accs[i] = acceptorOf(&from.Acceptors[i])
	}
	var kinds [numKinds]int64
	actions := 0
	var err error
	n := 0
	eachSent(to, func(e *game.Envelope) {
		n++
		if n < from.NextID || err != nil {
			return // sent before the step
		}
		m, ok := mapMsg(&e.Msg)
		if !ok || slices.Contains(msgs, m) {
			return // a refusal, or a message already in msgs
		}
		var k Kind
		k, err = next(from, msgs, accs, e, m)
		if err != nil {
			return
		}
		kinds[k]++
		if k <= Phase2b {
			actions++
		}
		msgs = append(msgs, m)
	})
	if err != nil {
		return err
	}
	// The acceptors are as those actions leave them.
	for i := range to.Acceptors {
		if got := acceptorOf(&to.Acceptors[i]); got != accs[i] {
			return changed(cmd, i+1, accs[i], got, actions > 0)
		}
	}
	// A learner learns only a value chosen in msgs.
	for i := range to.Learners {
		l, was := &to.Learners[i], len(from.Learners[i].Learned)
		for _, v := range l.Learned[min(was, len(l.Learned)):] {
			if !chosen(msgs, len(to.Acceptors), v.Value) {
				return &NotAStep{Why: fmt.Sprintf("L%d learns %s, which is not chosen: no majority of the acceptors sent a 2b for it in one ballot (chosen, as Voting.tla defines it and Paxos.tla refines it)", l.N, game.Quote(v.Value))}
			}
			kinds[Learned]++
		}
	}
	if actions > 1 {
		kinds[Several]++
	}
	if actions == 0 && kinds[RePromise] == 0 && kinds[StalePromise] == 0 {
		c.stutters[cmd.Verb].Add(1)
	}
	for k, x := range kinds {
		if x > 0 {
			c.kinds[k].Add(x)
		}
	}
	return nil
}

// next judges one message new to msgs, sent by the step from world from,
// and updates the acceptors as its action does.
func next(from *game.World, msgs []Msg, accs []acceptor, e *game.Envelope, m Msg) (Kind, error) {
	switch m.Type {
	case paxos.Prepare:
		return Phase1a, nil
	case paxos.Promise:
		a := &accs[m.Acc-1]
		who := fmt.Sprintf("A%d's promise for ballot %d", m.Acc, m.Bal)
		if !slices.Contains(msgs, Msg{Type: paxos.Prepare, Bal: m.Bal}) {
			return 0, &NotAStep{"Phase1b", fmt.Sprintf("%s is no Phase1b: no prepare (1a) for ballot %d was sent", who, m.Bal)}
		}
		if m.Vote != a.vote {
			did := fmt.Sprintf("A%d has not voted", m.Acc)
			if !a.vote.None() {
				did = fmt.Sprintf("A%d voted for %s in ballot %d", m.Acc, game.Quote(a.vote.Value), a.vote.Ballot)
			}
			return 0, &NotAStep{"Phase1b", fmt.Sprintf("%s is no Phase1b: it reports %s, but %s (Phase1b sends mbal |-> maxVBal[A%d] = %s, mval |-> maxVal[A%d] = %s)",
				who, voteWords(m.Vote), did, m.Acc, bal(a.vote.Ballot), m.Acc, val(a.vote))}
		}
		switch {
		case m.Bal > a.maxBal:
			a.maxBal = m.Bal
			return Phase1b, nil
		case m.Bal == a.maxBal && sent2a(msgs, m.Bal):
			// Its vote changed since it promised b: it voted in b, after
			// b's 2a was sent, so no Phase2a will read this 1b.
			return RePromise, nil
		case m.Bal == a.maxBal:
			return 0, &NotAStep{"Phase1b", fmt.Sprintf("%s is no Phase1b: A%d promised %d already (maxBal[A%d] = %d, not below %d), and no accept request (2a) for ballot %d was sent, so a Phase2a may read this promise", who, m.Acc, a.maxBal, m.Acc, a.maxBal, m.Bal, m.Bal)}
		case from.Cfg.Stale == paxos.StalePromise || from.Hand(paxos.A(m.Acc)):
			return StalePromise, nil
		}
		return 0, &NotAStep{"Phase1b", fmt.Sprintf("%s is no Phase1b: A%d promised %d (maxBal[A%d] = %d, not below %d)", who, m.Acc, a.maxBal, m.Acc, a.maxBal, m.Bal)}
	case paxos.Accept:
		return Phase2a, phase2a(msgs, len(from.Acceptors), e.Msg.From, m)
	case paxos.Accepted:
		a := &accs[m.Acc-1]
		who := fmt.Sprintf("A%d's vote for %s in ballot %d", m.Acc, game.Quote(m.Val), m.Bal)
		if !slices.Contains(msgs, Msg{Type: paxos.Accept, Bal: m.Bal, Val: m.Val}) {
			return 0, &NotAStep{"Phase2b", fmt.Sprintf("%s is no Phase2b: no accept request (2a) for it was sent", who)}
		}
		if m.Bal < a.maxBal {
			return 0, &NotAStep{"Phase2b", fmt.Sprintf("%s is no Phase2b: A%d promised %d (maxBal[A%d] = %d, above %d; Phase2b needs m.bal >= maxBal[a])", who, m.Acc, a.maxBal, m.Acc, a.maxBal, m.Bal)}
		}
		*a = acceptor{maxBal: m.Bal, vote: paxos.Vote{Ballot: m.Bal, Value: m.Val}}
		return Phase2b, nil
	}
	return 0, nil
}

// phase2a checks Phase2a(b, v)'s enabling condition on msgs.
func phase2a(msgs []Msg, acceptors int, by paxos.NodeID, m Msg) error {
	who := fmt.Sprintf("%s's accept request for %s in ballot %d", by, game.Quote(m.Val), m.Bal)
	for _, x := range msgs {
		if x.Type == paxos.Accept && x.Bal == m.Bal {
			return &NotAStep{"Phase2a", fmt.Sprintf("%s is no Phase2a: an accept request (2a) for %s in ballot %d was sent already, and Phase2a sends one for each ballot", who, game.Quote(x.Val), m.Bal)}
		}
	}
	need := acceptors/2 + 1
	var promised paxos.Set // the acceptors that sent a 1b in b
	for _, x := range msgs {
		if x.Type == paxos.Promise && x.Bal == m.Bal {
			promised = promised.Add(x.Acc)
		}
	}
	if promised.Len() < need {
		return &NotAStep{"Phase2a", fmt.Sprintf("%s is no Phase2a: no quorum (a majority, %d of %d) sent a promise (1b) for ballot %d; %s did",
			who, need, acceptors, m.Bal, setWords(promised))}
	}
	// \E Q \in Quorum: every a in Q sent a 1b in b, and none reports a
	// vote, or the highest vote they report is for v.
	var allowed []paxos.Value
	for q := paxos.Set(0); q < 1<<(acceptors+1); q += 2 {
		if q.Len() != need || q&promised != q {
			continue
		}
		var best paxos.Ballot
		var values []paxos.Value
		for _, x := range msgs {
			if x.Type != paxos.Promise || x.Bal != m.Bal || !q.Has(x.Acc) || x.Vote.None() {
				continue
			}
			switch {
			case x.Vote.Ballot > best:
				best, values = x.Vote.Ballot, []paxos.Value{x.Vote.Value}
			case x.Vote.Ballot == best:
				values = append(values, x.Vote.Value)
			}
		}
		if best == 0 || slices.Contains(values, m.Val) {
			return nil
		}
		for _, v := range values {
			if !slices.Contains(allowed, v) {
				allowed = append(allowed, v)
			}
		}
	}
	quoted := make([]string, len(allowed))
	for i, v := range allowed {
		quoted[i] = game.Quote(v)
	}
	return &NotAStep{"Phase2a", fmt.Sprintf("%s is no Phase2a: the promises (1b) of every quorum for ballot %d report a vote, and the highest is for %s", who, m.Bal, strings.Join(quoted, " or "))}
}

// sent2a reports whether msgs has a 2a in ballot b.
func sent2a(msgs []Msg, b paxos.Ballot) bool {
	return slices.ContainsFunc(msgs, func(x Msg) bool { return x.Type == paxos.Accept && x.Bal == b })
}

// chosen reports whether a majority sent a 2b for v in one ballot.
func chosen(msgs []Msg, acceptors int, v paxos.Value) bool {
	by := map[paxos.Ballot]paxos.Set{}
	for _, x := range msgs {
		if x.Type == paxos.Accepted && x.Val == v {
			by[x.Bal] = by[x.Bal].Add(x.Acc)
			if by[x.Bal].Len() > acceptors/2 {
				return true
			}
		}
	}
	return false
}

// changed is the error of a step that changed acceptor n otherwise than
// its messages' actions do.
func changed(cmd game.Command, n int, want, got acceptor, acted bool) error {
	var what []string
	if got.maxBal != want.maxBal {
		what = append(what, fmt.Sprintf("maxBal[A%d] from %s to %s", n, bal(want.maxBal), bal(got.maxBal)))
	}
	if got.vote != want.vote {
		what = append(what, fmt.Sprintf("<<maxVBal[A%d], maxVal[A%d]>> from <<%s, %s>> to <<%s, %s>>", n, n, bal(want.vote.Ballot), val(want.vote), bal(got.vote.Ballot), val(got.vote)))
	}
	why := "no action of Paxos.tla changes them without sending a message"
	if got.maxBal < want.maxBal || got.vote.Ballot < want.vote.Ballot {
		why = "no action of Paxos.tla lowers them"
	}
	if acted {
		why = "the messages it sent do not account for that"
	}
	return &NotAStep{Why: fmt.Sprintf("%s is no step of Paxos.tla: it takes %s; %s", cmd, strings.Join(what, " and "), why)}
}

func voteWords(v paxos.Vote) string {
	if v.None() {
		return "no vote"
	}
	return fmt.Sprintf("a vote for %s in ballot %d", game.Quote(v.Value), v.Ballot)
}

func setWords(s paxos.Set) string {
	if s == 0 {
		return "none"
	}
	var names []string
	for _, n := range s.Members() {
		names = append(names, fmt.Sprintf("A%d", n))
	}
	if len(names) == 1 {
		return "only " + names[0]
	}
	return "only " + strings.Join(names, " and ")
}

// Result is what Check found.
type Result struct {
	explore.Result
	Counts Counts
	// NotInit says why the state after the setup is not Paxos.tla's Init
	// (set lines), or is empty.
	NotInit string
	// Prefix is the file's actions, played and judged before the search;
	// when one of them is no Paxos.tla step, Found is set, StepErr says
	// why and PrefixFailed is set: Run is then empty.
	Prefix       []game.Command
	PrefixFailed bool
}

// Check explores the game from the setup and actions of cmds (expect lines
// are skipped) within the bounds and judges every step, those of cmds
// too. The options' Full, Key and Step are its own.
func Check(cmds []game.Command, b explore.Bounds, opt explore.Options) (Result, error) {
	var res Result
	c := &Checker{}
	w := game.NewWorld()
	for _, cmd := range cmds {
		if cmd.Verb == game.VExpect {
			continue
		}
		if cmd.Verb.Action() && !w.Started {
			res.NotInit = notInit(w)
		}
		var from *game.World
		if cmd.Verb.Action() {
			from = w.Clone()
		}
		if _, err := w.Apply(cmd); err != nil {
			if set, ok := game.BlamedSet(cmds, err); ok {
				cmd = set // a start no run reaches: its set line at fault
			}
			return res, fmt.Errorf("%d:%d: refused: %s: %w", cmd.Line, cmd.Col, cmd, err)
		}
		if from == nil {
			continue
		}
		res.Prefix = append(res.Prefix, w.Resolve(cmd))
		if err := c.Step(from, w, cmd); err != nil {
			res.Found, res.StepErr, res.PrefixFailed = true, err, true
			res.Counts = c.Counts()
			return res, nil
		}
	}
	if !w.Started {
		res.NotInit = notInit(w)
		if err := w.Honest(); err != nil {
			set, _ := game.BlamedSet(cmds, err)
			return res, fmt.Errorf("%d:%d: refused: %s: %w", set.Line, set.Col, set, err)
		}
	}
	opt.Full, opt.Key, opt.Step = true, c.Key, c.Step
	res.Result = explore.Search(w, b, explore.GoalFunc(func(*game.World) bool { return false }), opt)
	res.Counts = c.Counts()
	return res, nil
}

// notInit says why the state of w, after its setup, is not Init.
func notInit(w *game.World) string {
	var why []string
	for _, a := range w.Acceptors {
		if a.Promised != 0 || !a.Voted.None() {
			why = append(why, fmt.Sprintf("maxBal[A%d] = %s, <<maxVBal[A%d], maxVal[A%d]>> = <<%s, %s>>", a.N, bal(a.Promised), a.N, a.N, bal(a.Voted.Ballot), val(a.Voted)))
		}
	}
	return strings.Join(why, "; ")
}
