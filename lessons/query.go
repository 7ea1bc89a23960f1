package lessons

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"paxosgame/game"
	"paxosgame/internal/words"
	"paxosgame/paxos"
)

// queries are the words an answer line may ask for about a node of role
// r, or about the whole game when r is 0, and the kind of expect each
// measures: from the game's table of expect kinds.
func queries(r paxos.Role) (words []string, kinds []game.ExpectKind) {
	for _, s := range game.ExpectSpecs() {
		if s.Query != "" && s.About(r) {
			words, kinds = append(words, s.Query), append(kinds, s.Kind)
		}
	}
	return words, kinds
}

// queryExample is what an answer line most often asks of each role.
var queryExample = map[paxos.Role]string{paxos.RoleAcceptor: "promised", paxos.RoleProposer: "value", paxos.RoleLearner: "learned"}

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
	// What is missing is said just after the last word, as the game's
	// parser does: `answer` is told at column 7.
	end := utf8.RuneCountInString(strings.TrimRight(code, " \t")) + 1
	q := Query{Text: strings.TrimSpace(code), Col: ws[0].col}
	q.Cmd.Verb = game.VExpect
	fail := func(col int, msg string) (Query, *game.Error) { return Query{}, &game.Error{Col: col, Msg: msg} }
	about, aboutKinds := queries(0)
	what := strings.Join(about, ", ") + ", or a node and what of it, such as answer P2 value"
	if len(ws) < 2 {
		return fail(end, "say what answers the question after answer: "+what)
	}
	rest := 3
	if i := slices.Index(about, ws[1].text); i >= 0 {
		q.Cmd.Expect, rest = aboutKinds[i], 2
	} else {
		id, err := game.ParseNode(ws[1].text)
		if err != nil {
			msg := strconv.Quote(ws[1].text) + " is not something a question can ask about: "
			if s := cmp.Or(err.Suggest, game.DidYouMean(ws[1].text, about)); s != "" {
				return fail(ws[1].col, msg+"did you mean "+s+"?")
			}
			return fail(ws[1].col, msg+"write "+what)
		}
		q.Cmd.Node = id
		names, kinds := queries(id.Role)
		if len(ws) < 3 {
			return fail(end, "say what of "+id.String()+" answers the question: "+words.Or(names))
		}
		i := slices.Index(names, ws[2].text)
		if i < 0 {
			msg := strconv.Quote(ws[2].text) + " is not something a question can ask of " + id.String() + ": "
			if s := game.DidYouMean(ws[2].text, names); s != "" {
				return fail(ws[2].col, msg+"did you mean "+s+"?")
			}
			return fail(ws[2].col, msg+"ask for its "+words.Or(names)+", such as answer "+id.String()+" "+queryExample[id.Role])
		}
		q.Cmd.Expect = kinds[i]
	}
	if len(ws) > rest {
		return fail(ws[rest].col, "the answer line ends before this word: remove it (the choices give the last word, such as - 17)")
	}
	return q, nil
}

// answerKey is the last words of an expect, without quotes: what a choice
// of a predict block is compared with. A ballot 0 is "nothing".
func answerKey(c game.Command) string {
	ballot := func(b paxos.Ballot) string {
		if b == 0 {
			return "nothing"
		}
		return strconv.Itoa(int(b))
	}
	s := c.Expect.Spec()
	switch {
	case c.Nothing && s.Nothing:
		return "nothing"
	case s.Kind == 0:
		return "?"
	}
	switch s.Arg {
	case game.BallotArg:
		return ballot(c.Ballot)
	case game.VoteArg:
		return ballot(c.Ballot) + " " + string(c.Value)
	case game.ValueArg:
		return string(c.Value)
	case game.PhaseArg:
		return c.Phase.String()
	case game.CountArg:
		return strconv.Itoa(c.Count)
	}
	return s.Word // agreement, up...
}
