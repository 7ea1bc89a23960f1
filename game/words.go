package game

import "strings"

// And joins words as prose does: "P2", "P2 and P3", "P1, P2 and P3".
func And(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " and " + words[len(words)-1]
}
