package lessons

import (
	"fmt"
	"strings"
)

// Words says how the student's answer went, in a sentence: "Right: 5 EUR.",
// "Not quite: the answer is 2.", or, when the game computes none of the
// choices, that the lesson is wrong.
func (v Verdict) Words() string {
	switch {
	case v.Answer < 0:
		return fmt.Sprintf("The game computes %s, which is none of the choices: a mistake of the lesson.", v.Text)
	case v.Right:
		return "Right: " + sentence(v.Text)
	}
	return "Not quite: the answer is " + sentence(v.Text)
}

// PastWords says that the line held at a step the student went past (see
// GoalLine.HeldAt): "It held at step 5, 2 moves ago: you went past it."
// "" when it did not.
func (gl GoalLine) PastWords() string {
	switch {
	case gl.HeldAt == 0:
		return ""
	case gl.StepsBack == 1:
		return fmt.Sprintf("It held at step %d, one move ago: you went past it.", gl.HeldAt)
	}
	return fmt.Sprintf("It held at step %d, %d moves ago: you went past it.", gl.HeldAt, gl.StepsBack)
}

// ReachedWords says that the current goal is reached, and how: "Goal
// reached in 3 actions; par 2." "" when it is not.
func (s *Session) ReachedWords() string {
	reached, actions, helped := s.Reached()
	switch {
	case !reached:
		return ""
	case helped:
		return "Goal reached, with the solution."
	case s.Step().Goal.Challenge:
		return fmt.Sprintf("Goal reached in %d %s; par %d.", actions, plural(actions, "action"), s.Step().Goal.Par())
	}
	return "Goal reached."
}

// sentence ends s with a full stop unless it ends a sentence already.
func sentence(s string) string {
	if strings.HasSuffix(s, ".") || strings.HasSuffix(s, "?") || strings.HasSuffix(s, "!") {
		return s
	}
	return s + "."
}

// plural is word, with an s unless n is 1.
func plural(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}
