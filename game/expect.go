package game

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"paxosgame/paxos"
)

// ExpectArg is what an expect line says after the word of its kind.
type ExpectArg uint8

const (
	NoArg     ExpectArg = iota // expect agreement, expect A1 up
	BallotArg                  // expect A1 promised 17
	VoteArg                    // a ballot and a value: expect A1 voted 10 "5 EUR"
	ValueArg                   // expect P2 value "5 EUR"
	PhaseArg                   // expect P2 phase 2
	CountArg                   // expect in-flight 3
)

// ExpectSpec is one kind of expect line: how it is written, and how the
// answer line of a question asks for it. The parser, the printer, the
// checker, lessons' questions and lint's examples all read expectSpecs.
type ExpectSpec struct {
	Kind    ExpectKind
	Word    string     // what it checks: expect agreement, expect A1 promised 17
	Node    bool       // it is about a node: expect A1 ...
	Role    paxos.Role // the role of that node; 0 for a node of any role
	Arg     ExpectArg
	Nothing bool   // it may say there is none: expect A1 voted nothing; about the game, nothing-chosen
	Query   string // the word an answer line asks for it by; "" when no question does
}

// expectSpecs are the kinds of expect lines in the order the language
// lists them: about the whole game, then about a node.
var expectSpecs = []ExpectSpec{
	{Kind: ExpectChosen, Word: "chosen", Arg: ValueArg, Nothing: true, Query: "chosen"},
	{Kind: ExpectAgreement, Word: "agreement", Query: "agreement"},
	{Kind: ExpectViolation, Word: "violation"}, // answer agreement says which
	{Kind: ExpectInFlight, Word: "in-flight", Arg: CountArg, Query: "in-flight"},
	{Kind: ExpectPromised, Word: "promised", Node: true, Role: paxos.RoleAcceptor, Arg: BallotArg, Nothing: true, Query: "promised"},
	{Kind: ExpectVoted, Word: "voted", Node: true, Role: paxos.RoleAcceptor, Arg: VoteArg, Nothing: true, Query: "voted"},
	{Kind: ExpectPhase, Word: "phase", Node: true, Role: paxos.RoleProposer, Arg: PhaseArg, Query: "phase"},
	{Kind: ExpectBallot, Word: "ballot", Node: true, Role: paxos.RoleProposer, Arg: BallotArg, Query: "ballot"},
	{Kind: ExpectValue, Word: "value", Node: true, Role: paxos.RoleProposer, Arg: ValueArg, Query: "value"},
	{Kind: ExpectLearned, Word: "learned", Node: true, Role: paxos.RoleLearner, Arg: ValueArg, Nothing: true, Query: "learned"},
	{Kind: ExpectUp, Word: "up", Node: true, Query: "state"}, // answer A1 state: up or crashed
	{Kind: ExpectCrashed, Word: "crashed", Node: true},
	{Kind: ExpectHolds, Word: "holds", Node: true, Role: paxos.RoleAcceptor, Arg: CountArg, Nothing: true},
}

// ExpectSpecs are the kinds of expect lines, in the order the language
// lists them.
func ExpectSpecs() []ExpectSpec { return slices.Clone(expectSpecs) }

// Spec is how expect lines of kind k are written.
func (k ExpectKind) Spec() ExpectSpec {
	for _, s := range expectSpecs {
		if s.Kind == k {
			return s
		}
	}
	return ExpectSpec{}
}

// About reports whether the kind's lines are about a node of role r, or
// about the whole game when r is 0.
func (s ExpectSpec) About(r paxos.Role) bool {
	if r == 0 {
		return !s.Node
	}
	return s.Node && (s.Role == 0 || s.Role == r)
}

// nothingWord is how a line about the whole game says there is none.
func (s ExpectSpec) nothingWord() string { return "nothing-" + s.Word }

// expectWords are the words that may follow expect about a node of role
// r, or about the whole game when r is 0 (with nothing-chosen after
// chosen); listed is the same in a message, where in-flight N takes a
// count.
func expectWords(r paxos.Role) (words, listed []string) {
	for _, s := range expectSpecs {
		if !s.About(r) {
			continue
		}
		words, listed = append(words, s.Word), append(listed, s.Word)
		if s.Arg == CountArg {
			listed[len(listed)-1] += " N"
		}
		if r == 0 && s.Nothing {
			words, listed = append(words, s.nothingWord()), append(listed, s.nothingWord())
		}
	}
	return words, listed
}

// argWords are what expect line c says after its word, for arg a.
func (c Command) argWords(a ExpectArg) []string {
	switch a {
	case BallotArg:
		return []string{strconv.Itoa(int(c.Ballot))}
	case VoteArg:
		return []string{strconv.Itoa(int(c.Ballot)), Quote(c.Value)}
	case ValueArg:
		return []string{Quote(c.Value)}
	case PhaseArg:
		return []string{c.Phase.String()}
	case CountArg:
		return []string{strconv.Itoa(c.Count)}
	}
	return nil
}

// Claim is what expect line c claims, as written after expect and its
// modal: chosen "5 EUR", A1 promised 17, P2 phase 2.
func (c Command) Claim() string {
	s := c.Expect.Spec()
	if s.Kind == 0 {
		return "?"
	}
	var words []string
	if s.Node {
		words = append(words, c.Node.String())
	}
	switch {
	case c.Nothing && s.Nothing && !s.Node:
		words = append(words, s.nothingWord())
	case c.Nothing && s.Nothing:
		words = append(words, s.Word, "nothing")
	default:
		words = append(words, s.Word)
		words = append(words, c.argWords(s.Arg)...)
	}
	return strings.Join(words, " ")
}

// ExpectExamples are an expect line of each kind about node id, or about
// the whole game when id is zero, each followed by its line that says
// there is none: how such lines are written, for an author.
func ExpectExamples(id paxos.NodeID) []Command {
	var cmds []Command
	for _, s := range expectSpecs {
		if !s.About(id.Role) {
			continue
		}
		c := Command{Verb: VExpect, Expect: s.Kind, Node: id}
		switch s.Arg {
		case BallotArg:
			c.Ballot = 17
		case VoteArg:
			c.Ballot, c.Value = 10, "5 EUR"
		case ValueArg:
			c.Value = "5 EUR"
		case PhaseArg:
			c.Phase = paxos.Phase2
		case CountArg:
			c.Count = 3
		}
		cmds = append(cmds, c)
		if s.Nothing {
			cmds = append(cmds, Command{Verb: VExpect, Expect: s.Kind, Node: id, Nothing: true})
		}
	}
	return cmds
}

// Check evaluates an expect command against the world. It returns nil
// when the expectation holds, or an *Unmet that says what is instead.
func (w *World) Check(c Command) error {
	if c.Node.N != 0 && !w.Exists(c.Node) {
		return w.noSuchNode(c, c.Node)
	}
	if c.Modal != Now {
		panic("World.Check of " + c.String() + ": a world has no history; check it with Game.CheckSince or Run")
	}
	got := w.Actual(c)
	if got.Claim() == c.Claim() {
		return nil
	}
	u := &Unmet{Expect: c, Actual: got}
	if c.Expect == ExpectLearned {
		u.Learned = w.Learner(c.Node.N).Learned
	}
	return u
}

// Unmet is an expect that does not hold: what it claims, and the expect
// of its kind that holds instead. For a learner, Learned is every value it
// learned, in order: with Agreement broken there may be several.
type Unmet struct {
	Expect, Actual Command
	Learned        []paxos.Vote
	Step           int // expect never: the first step at which the condition held
}

func (u *Unmet) Error() string {
	switch u.Expect.Modal {
	case Ever:
		return fmt.Sprintf("expected %s at some step, but it held at none", u.Expect.Claim())
	case Never:
		return fmt.Sprintf("expected %s at no step, but it held at step %d", u.Expect.Claim(), u.Step)
	}
	if len(u.Learned) > 1 {
		return fmt.Sprintf("expected %s, but %s learned %s", u.Expect.Claim(), u.Expect.Node, learnedWords(u.Learned))
	}
	return fmt.Sprintf("expected %s, but %s", u.Expect.Claim(), u.Actual.Claim())
}

// Actual is the expect command of c's kind that holds in w now: what the
// world says where c makes a claim. For a chosen claim it keeps c's value
// when that value is chosen. c's node must exist.
func (w *World) Actual(c Command) Command {
	a := Command{Verb: VExpect, Expect: c.Expect, Node: c.Node}
	n := c.Node.N
	switch c.Expect {
	case ExpectChosen:
		v, ok := w.Obs.ChosenValue()
		switch {
		case !c.Nothing && w.Obs.IsChosen(c.Value):
			a.Value = c.Value
		case ok:
			a.Value = v
		default:
			a.Nothing = true
		}
	case ExpectPromised:
		a.Ballot = w.Acceptor(n).Promised
		a.Nothing = a.Ballot == 0
	case ExpectVoted:
		v := w.Acceptor(n).Voted
		a.Ballot, a.Value, a.Nothing = v.Ballot, v.Value, v.None()
	case ExpectPhase:
		a.Phase = w.Proposer(n).Phase
	case ExpectBallot:
		a.Ballot = w.Proposer(n).Ballot
	case ExpectValue:
		a.Value = ProposerValue(w.Proposer(n))
	case ExpectLearned:
		// A learner that learned two values (Agreement broken) learned
		// each of them: the expect holds for any value it learned.
		l := w.Learner(n)
		switch {
		case len(l.Learned) == 0:
			a.Nothing = true
		case !c.Nothing && l.HasLearned(c.Value):
			a.Value = c.Value
		default:
			a.Value = l.Last().Value
		}
	case ExpectInFlight:
		a.Count = w.NumInFlight()
	case ExpectHolds:
		// holds nothing and holds 0 say the same.
		a.Count = len(w.HeldBy(c.Node))
		a.Nothing = a.Count == 0 && c.Nothing
	case ExpectAgreement, ExpectViolation:
		a.Expect = ExpectAgreement
		if !w.Obs.Agreement() {
			a.Expect = ExpectViolation
		}
	case ExpectUp, ExpectCrashed:
		a.Expect = ExpectUp
		if !w.Up(c.Node) {
			a.Expect = ExpectCrashed
		}
	}
	return a
}

// learnedWords is what a learner learned, in order, in the words of an
// expect line: "1 EUR", then "2 EUR".
func learnedWords(vs []paxos.Vote) string {
	parts := make([]string, len(vs))
	for i, v := range vs {
		parts[i] = Quote(v.Value)
	}
	return strings.Join(parts, ", then ")
}

// ProposerValue is the value a proposer stands for: the value of its
// accept requests once it has sent them, its preference before.
func ProposerValue(p *paxos.Proposer) paxos.Value {
	if p.Phase == paxos.Phase2 || p.Phase == paxos.Done {
		return p.Value
	}
	return p.Preference
}

// Describe is a one-line summary of the world, for failed expectations and
// round-trip tests: every node's state, the network, the observer.
func (w *World) Describe() string {
	var b strings.Builder
	for _, p := range w.Proposers {
		fmt.Fprintf(&b, "P%d{%s b=%d used=%d seen=%d v=%q pref=%q prom=%v votes=%v up=%v} ",
			p.N, p.Phase, p.Ballot, p.Used, p.Seen, p.Value, p.Preference, p.Promises.Members(), p.Votes.Members(), w.Up(paxos.P(p.N)))
	}
	for _, a := range w.Acceptors {
		fmt.Fprintf(&b, "A%d{promised=%d voted=%s up=%v} ", a.N, a.Promised, a.Voted, w.Up(paxos.A(a.N)))
	}
	for _, l := range w.Learners {
		fmt.Fprintf(&b, "L%d{learned=%v heard=%d up=%v} ", l.N, l.Learned, l.Heard, w.Up(paxos.L(l.N)))
	}
	for _, e := range w.InFlight() {
		fmt.Fprintf(&b, "%s:%s ", Label(e), e.Msg.Summary())
	}
	fmt.Fprintf(&b, "chosen=%v violations=%d", w.Obs.Chosen, len(w.Obs.Violations))
	return b.String()
}

// CheckEver is the verdict on expect line c at the end of a run: Check
// for a line about now, e's verdict for an expect ever or never line (e
// tracked its condition step after step); a refusal when c names a node
// the cluster lacks.
func (w *World) CheckEver(c Command, e *EverHeld) error {
	switch {
	case c.Modal == Now:
		return w.Check(c)
	case c.Node.N != 0 && !w.Exists(c.Node):
		return w.noSuchNode(c, c.Node)
	}
	return e.Verdict(c)
}

// EverHeld tracks, step after step, whether the condition of an expect
// ever or never line has held so far: Run and a game's history feed it
// each state in turn.
type EverHeld struct {
	Cond Command // the condition, as a line checked now
	Held bool
	At   int // the first step it held at
}

// NewEverHeld tracks the condition of expect line c.
func NewEverHeld(c Command) *EverHeld {
	c.Modal = Now
	return &EverHeld{Cond: c}
}

// See looks at the world at step k.
func (e *EverHeld) See(w *World, k int) {
	if !e.Held && (e.Cond.Node.N == 0 || w.Exists(e.Cond.Node)) && w.Check(e.Cond) == nil {
		e.Held, e.At = true, k
	}
}

// Verdict is the expect line c's error, given what was seen: nil when it
// holds.
func (e *EverHeld) Verdict(c Command) error {
	if (c.Modal == Ever) == e.Held {
		return nil
	}
	return &Unmet{Expect: c, Step: e.At}
}
