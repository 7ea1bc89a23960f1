// Package words holds the small helpers of the game's prose that every
// package writing a sentence shares: lists ("A1, A2 and A3"), counts in
// the singular or plural ("1 learner", "2 learners"), numbers with
// thousands marked, and the names of acceptors. The sentences themselves
// are the narrator's (package narrate); the game's own errors of parsing
// use these helpers too, so this package sits below both and knows only
// the protocol's types.
package words

import (
	"strconv"
	"strings"

	"paxosgame/paxos"
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

// Plural is word in the plural unless n is 1: "learner", "learners".
func Plural(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}

// Counted is n and the word, in the plural unless n is 1: "1 learner",
// "0 learners", "2 commands".
func Counted(n int, word string) string { return strconv.Itoa(n) + " " + Plural(n, word) }

// Thousands is n with its thousands marked: 100000 is "100,000".
func Thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// Acceptors are the names of the acceptors of s, in order: A1, A3.
func Acceptors(s paxos.Set) []string {
	var names []string
	for _, n := range s.Members() {
		names = append(names, paxos.A(n).String())
	}
	return names
}
