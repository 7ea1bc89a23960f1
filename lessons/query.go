package lessons

import (
	"cmp"
	"maps"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"paxosgame/game"
	"paxosgame/paxos"
)

// queryWords are what an answer line may measure of each role; "state" is
// up or crashed.
var queryWords = map[paxos.Role]map[string]game.ExpectKind{
	paxos.RoleAcceptor: {"promised": game.ExpectPromised, "voted": game.ExpectVoted, "state": game.ExpectUp},
	paxos.RoleProposer: {"phase": game.ExpectPhase, "ballot": game.ExpectBallot, "value": game.ExpectValue, "state": game.ExpectUp},
	paxos.RoleLearner:  {"learned": game.ExpectLearned, "state": game.ExpectUp},
}

var queryExample = map[paxos.Role]string{paxos.RoleAcceptor: "promised", paxos.RoleProposer: "value", paxos.RoleLearner: "learned"}

var queryNames = map[paxos.Role]string{
	paxos.RoleAcceptor: "promised, voted or state",
	paxos.RoleProposer: "phase, ballot, value or state",
	paxos.RoleLearner:  "learned or state",
}

// parseQuery reads `answer chosen`, `answer agreement`, `answer in-flight`
// or `answer NODE WHAT`. The error has its column set, its line not.
func parseQuery(raw string) (Query, *game.Error) {
	code, _ := splitComment(raw)
	type word struct {
		text string
		col  int
	}
	var ws []word
	from := 0
	for _, f := range strings.Fields(code) {
		i := from + strings.Index(code[from:], f)
		ws = append(ws, word{f, utf8.RuneCountInString(code[:i]) + 1})
		from = i + len(f)
	}
	end := utf8.RuneCountInString(strings.TrimRight(code, " \t")) + 2
	q := Query{Text: strings.TrimSpace(code), Col: ws[0].col}
	q.Cmd.Verb = game.VExpect
	fail := func(col int, msg string) (Query, *game.Error) { return Query{}, &game.Error{Col: col, Msg: msg} }
	if len(ws) < 2 {
		return fail(end, "say what answers the question after answer: chosen, agreement, in-flight, or a node and what of it, such as answer P2 value")
	}
	rest := 3
	switch ws[1].text {
	case "chosen":
		q.Cmd.Expect, rest = game.ExpectChosen, 2
	case "agreement":
		q.Cmd.Expect, rest = game.ExpectAgreement, 2
	case "in-flight":
		q.Cmd.Expect, rest = game.ExpectInFlight, 2
	default:
		id, err := game.ParseNode(ws[1].text)
		if err != nil {
			msg := strconv.Quote(ws[1].text) + " is not something a question can ask about: "
			if s := cmp.Or(err.Suggest, didYouMean(ws[1].text, []string{"chosen", "agreement", "in-flight"})); s != "" {
				return fail(ws[1].col, msg+"did you mean "+s+"?")
			}
			return fail(ws[1].col, msg+"write chosen, agreement, in-flight, or a node and what of it, such as answer P2 value")
		}
		q.Cmd.Node = id
		if len(ws) < 3 {
			return fail(end, "say what of "+id.String()+" answers the question: "+queryNames[id.Role])
		}
		kind, ok := queryWords[id.Role][ws[2].text]
		if !ok {
			msg := strconv.Quote(ws[2].text) + " is not something a question can ask of " + id.String() + ": "
			if s := didYouMean(ws[2].text, slices.Sorted(maps.Keys(queryWords[id.Role]))); s != "" {
				return fail(ws[2].col, msg+"did you mean "+s+"?")
			}
			return fail(ws[2].col, msg+"ask for its "+queryNames[id.Role]+", such as answer "+id.String()+" "+queryExample[id.Role])
		}
		q.Cmd.Expect = kind
	}
	if len(ws) > rest {
		return fail(ws[rest].col, "the answer line ends before this word: remove it (the choices give the last word, such as - 17)")
	}
	return q, nil
}

// actual is the expect command of c's kind that holds in w now: what the
// world says where c makes a claim. For a chosen claim it keeps c's value
// when that value is chosen.
func actual(w *game.World, c game.Command) game.Command {
	a := game.Command{Verb: game.VExpect, Expect: c.Expect, Node: c.Node}
	n := c.Node.N
	switch c.Expect {
	case game.ExpectChosen:
		v, ok := w.Obs.ChosenValue()
		switch {
		case !c.Nothing && w.Obs.IsChosen(c.Value):
			a.Value = c.Value
		case ok:
			a.Value = v
		default:
			a.Nothing = true
		}
	case game.ExpectPromised:
		a.Ballot = w.Acceptor(n).Promised
	case game.ExpectVoted:
		v := w.Acceptor(n).Voted
		a.Ballot, a.Value, a.Nothing = v.Ballot, v.Value, v.None()
	case game.ExpectPhase:
		a.Phase = w.Proposer(n).Phase
	case game.ExpectBallot:
		a.Ballot = w.Proposer(n).Ballot
	case game.ExpectValue:
		a.Value = game.ProposerValue(w.Proposer(n))
	case game.ExpectLearned:
		v := w.Learner(n).Learned
		a.Value, a.Nothing = v.Value, v.None()
	case game.ExpectInFlight:
		a.Count = len(w.InFlight)
	case game.ExpectAgreement, game.ExpectViolation:
		a.Expect = game.ExpectAgreement
		if !w.Obs.Agreement() {
			a.Expect = game.ExpectViolation
		}
	case game.ExpectUp, game.ExpectCrashed:
		a.Expect = game.ExpectUp
		if !w.Up(c.Node) {
			a.Expect = game.ExpectCrashed
		}
	}
	return a
}

// answerKey is the last words of an expect, without quotes: what a choice
// of a predict block is compared with.
func answerKey(c game.Command) string {
	ballot := func(b paxos.Ballot) string {
		if b == 0 {
			return "nothing"
		}
		return strconv.Itoa(int(b))
	}
	switch c.Expect {
	case game.ExpectChosen, game.ExpectLearned:
		if c.Nothing {
			return "nothing"
		}
		return string(c.Value)
	case game.ExpectPromised, game.ExpectBallot:
		return ballot(c.Ballot)
	case game.ExpectVoted:
		if c.Nothing {
			return "nothing"
		}
		return ballot(c.Ballot) + " " + string(c.Value)
	case game.ExpectPhase:
		return c.Phase.String()
	case game.ExpectValue:
		return string(c.Value)
	case game.ExpectInFlight:
		return strconv.Itoa(c.Count)
	case game.ExpectAgreement:
		return "agreement"
	case game.ExpectViolation:
		return "violation"
	case game.ExpectUp:
		return "up"
	case game.ExpectCrashed:
		return "crashed"
	}
	return "?"
}
