package lessons

import (
	"fmt"
	"strings"

	"paxosgame/internal/words"
)

// The game counts (issue 20): at each goal, the student's mistakes (moves
// the protocol refused, but those the page asked them to try), the hints
// they read, the times they played the solution, and whether the move
// that reached it was deliver all; at each question, whether they
// answered it and a wrong answer as a mistake. The progress file keeps
// the count of the lesson's last play; `lesson list`, the lesson menu and
// the end of a lesson show it.

// Tally is how the student did at one goal or question of a lesson.
type Tally struct {
	Page       int  `json:"page"`                  // the page, from 1
	Question   bool `json:"question,omitempty"`    // a question (predict or do); else a goal
	Done       bool `json:"done,omitempty"`        // the goal reached, the question answered
	Mistakes   int  `json:"mistakes,omitempty"`    // moves the protocol refused; a wrong answer
	Hints      int  `json:"hints,omitempty"`       // hints read
	Solutions  int  `json:"solutions,omitempty"`   // times the solution was played
	DeliverAll bool `json:"deliver_all,omitempty"` // the move that reached the goal was deliver all
}

// Tally is what the student did at every goal and question of the lesson,
// in their order; those not reached yet too.
func (s *Session) Tally() []Tally {
	var out []Tally
	for i, st := range s.l.Steps {
		t := Tally{Page: i + 1}
		gs := s.goals[i]
		if gs == nil {
			gs = &goalState{}
		}
		switch st.Kind {
		case KindGoal:
			t.Done, t.Hints, t.Solutions, t.DeliverAll = gs.reached, gs.hints, gs.solutions, gs.byAll
		case KindPredict:
			_, t.Done = s.answers[i]
			t.Question = true
		case KindDo:
			_, t.Done = s.did[i]
			t.Question = true
		default:
			continue
		}
		t.Mistakes = gs.mistakes
		out = append(out, t)
	}
	return out
}

// Totals sums a lesson's tallies.
type Totals struct {
	Goals, Reached        int // goals, and those reached
	Questions, Answered   int
	Mistakes, Hints       int
	Solutions, DeliverAll int // solutions played; goals reached by deliver all
}

// Total sums tallies.
func Total(ts []Tally) Totals {
	var t Totals
	for _, x := range ts {
		if x.Question {
			t.Questions++
			if x.Done {
				t.Answered++
			}
		} else {
			t.Goals++
			if x.Done {
				t.Reached++
			}
			if x.DeliverAll {
				t.DeliverAll++
			}
		}
		t.Mistakes += x.Mistakes
		t.Hints += x.Hints
		t.Solutions += x.Solutions
	}
	return t
}

// Words says the totals in a few words: "3 goals, 1 hint, 2 mistakes";
// "1 of 3 goals, no hint, no mistake, 1 solution played"; "" when there
// is nothing to count.
func (t Totals) Words() string {
	if t.Goals == 0 && t.Questions == 0 {
		return ""
	}
	var parts []string
	switch {
	case t.Goals == 0:
	case t.Reached == t.Goals:
		parts = append(parts, words.Counted(t.Goals, "goal"))
	default:
		parts = append(parts, fmt.Sprintf("%d of %s", t.Reached, words.Counted(t.Goals, "goal")))
	}
	if t.Goals > 0 {
		parts = append(parts, none(t.Hints, "hint"))
	}
	parts = append(parts, none(t.Mistakes, "mistake"))
	if t.Solutions > 0 {
		parts = append(parts, words.Counted(t.Solutions, "solution")+" played")
	}
	if t.DeliverAll > 0 {
		parts = append(parts, fmt.Sprintf("%d reached by deliver all", t.DeliverAll))
	}
	return strings.Join(parts, ", ")
}

// none counts n of a thing, "no hint" for none.
func none(n int, word string) string {
	if n == 0 {
		return "no " + word
	}
	return words.Counted(n, word)
}
