package game

import (
	"strconv"
	"strings"
)

// And joins words as prose does: "P2", "P2 and P3", "P1, P2 and P3".
func And(words []string) string { return list(words, " and ") }

// Or joins choices as prose does: "up", "up or crashed", "promised, voted
// or state".
func Or(words []string) string { return list(words, " or ") }

func list(words []string, last string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + last + words[len(words)-1]
}

// Counted is n and the word, in the plural unless n is 1: "1 learner",
// "0 learners", "2 commands".
func Counted(n int, word string) string { return strconv.Itoa(n) + " " + plural(n, word) }
