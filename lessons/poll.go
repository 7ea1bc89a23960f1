package lessons

import (
	"fmt"
	"strings"

	"paxosgame/game"
)

// Polls: the classroom asks a lesson's predict block, or one the lecturer
// types, of a whole class (DESIGN §11), and computes its answer the way a
// lesson does.

// Predicts is the predict steps of a lesson, in order.
func (l *Lesson) Predicts() []*Step {
	var out []*Step
	for i := range l.Steps {
		if l.Steps[i].Kind == KindPredict {
			out = append(out, &l.Steps[i])
		}
	}
	return out
}

// ParsePoll reads a question typed on one line, its parts apart by "|":
// the question, two or more choices written as a predict block's (such as
// "5 EUR" or 17), then the answer line, such as answer P2 value:
//
//	What will P2 ask for? | "5 EUR" | "6 EUR" | answer P2 value
//
// It is read as a predict block of a lesson, so the same mistakes are
// told the same way.
func ParsePoll(line string) (*Step, error) {
	parts := strings.Split(line, "|")
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
	}
	if len(parts) < 4 {
		return nil, fmt.Errorf(`a poll is: question | choice | choice … | answer what, such as: poll What will P2 ask for? | "5 EUR" | "6 EUR" | answer P2 value`)
	}
	last := parts[len(parts)-1]
	if last != "answer" && !strings.HasPrefix(last, "answer ") {
		return nil, fmt.Errorf("end a poll with what answers it, such as | answer P2 value")
	}
	var b strings.Builder
	b.WriteString("# poll\n\n```paxos predict\n? " + parts[0] + "\n")
	for _, c := range parts[1 : len(parts)-1] {
		if strings.ContainsAny(c, "\n`") {
			return nil, fmt.Errorf("a choice is one line, without backquotes")
		}
		b.WriteString("- " + c + "\n")
	}
	b.WriteString(last + "\n```\n")
	l, err := Parse("poll", b.String())
	if err != nil {
		return nil, err
	}
	ps := l.Predicts()
	if len(ps) != 1 {
		return nil, fmt.Errorf("a poll is one question")
	}
	return ps[0], nil
}

// Answer plays the commands of predict step st on a copy of g and reads
// what its answer line measures: the index of the choice it is (-1 when
// none is) and its words. g is not changed. What the lesson says of each
// choice (its > lines) is st.Explanation(i): a poll that closes shows it
// for the right choice, and to each student for their own pick (the
// classroom's panes and its plain console do, through table.Question's
// Explain).
func Answer(g *game.Game, st *Step) (choice int, words string, err error) {
	got, err := answer(g, st)
	if err != nil {
		return -1, "", err
	}
	key := answerKey(got)
	for i, ch := range st.Predict.Choices {
		if ch.key == key {
			return i, ch.Text, nil
		}
	}
	return -1, choiceText(got), nil
}

// MemoryStore is progress kept only while the game runs: for a student
// over SSH who has no key to keep it under.
func MemoryStore() *Store {
	return &Store{lessons: map[string]Record{}, told: map[string]bool{}}
}
