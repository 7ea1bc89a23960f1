package lessons

//go:generate go run ./internal/genfigures

import (
	"fmt"
	"regexp"
	"strings"

	"paxosgame/explore"
	"paxosgame/paxos"
)

// Figure is a count of the explorer that the built-in lessons quote: the
// words as the lessons write them (line breaks aside), and which lessons.
// The figures are computed by ExplorerFigures; `go generate ./lessons`
// writes them in figures_gen.go and puts them in the lessons' text in
// place of the old ones. A fast test checks that each lesson says its
// figures; a long test computes them again.
type Figure struct {
	Name    string   // what it counts
	Text    string   // as the lessons say it
	Lessons []string // the built-in lessons that say it
}

// Figures are the figures as go generate last wrote them.
func Figures() []Figure { return figures }

// In reports whether text says f (line breaks and runs of spaces aside).
func (f Figure) In(text string) bool { return f.pattern().MatchString(text) }

// Replace puts g's words in text where f's are, and says how many.
func (f Figure) Replace(text string, g Figure) (string, int) {
	n := 0
	out := f.pattern().ReplaceAllStringFunc(text, func(string) string { n++; return g.Text })
	return out, n
}

func (f Figure) pattern() *regexp.Regexp {
	words := strings.Fields(f.Text)
	for i, w := range words {
		words[i] = regexp.QuoteMeta(w)
	}
	return regexp.MustCompile(`\b` + strings.Join(words, `\s+`) + `\b`)
}

// whatIfs are the what-if lessons, by their rule.
func whatIf(r paxos.Rule) string { return "whatif-" + r.String() }

// ExplorerFigures computes every figure the lessons quote. It searches
// some millions of states: a minute or so.
func ExplorerFigures() ([]Figure, error) {
	search := func(src string, b explore.Bounds, opt explore.Options) (explore.Result, error) {
		w, _, err := explore.Start("figures", src)
		if err != nil {
			return explore.Result{}, err
		}
		return explore.Search(w, b, explore.Violation, opt), nil
	}
	two := "config proposers 2 acceptors 3 learners 0\n"
	var figs []Figure
	on, err := search(two, explore.DefaultBounds(), explore.Options{})
	if err != nil {
		return nil, err
	}
	figs = append(figs, Figure{Name: "every rule on: the states of two proposers with a ballot each",
		Text:    fmt.Sprintf("searches all %s states", explore.Commas(on.States)),
		Lessons: []string{whatIf(paxos.UniqueBallots), whatIf(paxos.PromiseReportsVote), whatIf(paxos.AdoptHighestVote), whatIf(paxos.KeepPromise), whatIf(paxos.MajorityQuorum)}})
	crash := explore.DefaultBounds()
	crash.Crashes = 1
	durable, err := search(two, crash, explore.Options{Symmetry: true})
	if err != nil {
		return nil, err
	}
	figs = append(figs, Figure{Name: "every rule on, one crash, with symmetry",
		Text:    fmt.Sprintf("searches %s states, which stand for all %s", explore.Commas(durable.States), explore.Commas(durable.Worlds)),
		Lessons: []string{whatIf(paxos.DurableAcceptors)}})
	learner, err := search("config proposers 2 acceptors 3 learners 1\n", explore.DefaultBounds(), explore.Options{Symmetry: true})
	if err != nil {
		return nil, err
	}
	figs = append(figs, Figure{Name: "every rule on, a learner, with symmetry",
		Text:    fmt.Sprintf("searches %s states, which stand for all %s", explore.Commas(learner.States), explore.Commas(learner.Worlds)),
		Lessons: []string{whatIf(paxos.SameBallotMajority)}})
	for _, r := range paxos.AllRules() {
		src := "config proposers 2 acceptors 3 learners 0\nrule " + r.String() + " off\n"
		b, opt := explore.DefaultBounds(), explore.Options{}
		switch r {
		case paxos.DurableAcceptors:
			b.Crashes, opt.Symmetry = 1, true
		case paxos.SameBallotMajority:
			src = "config proposers 2 acceptors 3 learners 1\nrule " + r.String() + " off\n"
		}
		res, err := search(src, b, opt)
		if err != nil {
			return nil, err
		}
		figs = append(figs, Figure{Name: "rule " + r.String() + " off: the shortest break",
			Text: fmt.Sprintf("breaks it takes %d steps", len(res.Run)), Lessons: []string{whatIf(r)}})
	}
	course, _, err := explore.Start("figures", "config proposers 5 acceptors 3 learners 2\n")
	if err != nil {
		return nil, err
	}
	duel := explore.Forever(course, explore.Bounds{Proposers: []int{1, 2}, Ballots: explore.ForeverRounds}, explore.Options{})
	alone := explore.Forever(course, explore.Bounds{Proposers: []int{1}, Ballots: explore.ForeverRounds}, explore.Options{})
	if !duel.Found || alone.Found {
		return nil, fmt.Errorf("check --forever: a loop with P1 and P2 %v, with P1 alone %v", duel.Found, alone.Found)
	}
	loops := []string{"battle", "challenge-livelock"}
	figs = append(figs,
		Figure{Name: "check --forever, P1 and P2: the states", Text: fmt.Sprintf("searches %s states", explore.Commas(duel.States)), Lessons: loops},
		Figure{Name: "check --forever, P1 and P2: the loop",
			Text:    fmt.Sprintf("%d steps lead in, then %d steps go round, every ballot raised by %d", len(duel.Way), len(duel.Turn), duel.Raise),
			Lessons: loops},
		Figure{Name: "check --forever, P1 alone: the states", Text: fmt.Sprintf("all %s states", explore.Commas(alone.States)), Lessons: loops},
	)
	return figs, nil
}
