package lessons

import (
	"strconv"
	"strings"
)

// didYouMean is the word of known that word is likely a typo of, or "":
// the one nearest to it, at most two edits away (a letter added, dropped
// or changed, or two neighbours swapped) and fewer edits than word has
// letters, when no other is as near.
func didYouMean(word string, known []string) string {
	best, bestDist, tie := "", 3, false
	a := []rune(word)
	for _, k := range known {
		b := []rune(k)
		// d[i][j]: edits from a[:i] to b[:j] (optimal string alignment)
		d := make([][]int, len(a)+1)
		for i := range d {
			d[i] = make([]int, len(b)+1)
			d[i][0] = i
		}
		for j := range d[0] {
			d[0][j] = j
		}
		for i := 1; i <= len(a); i++ {
			for j := 1; j <= len(b); j++ {
				cost := 1
				if a[i-1] == b[j-1] {
					cost = 0
				}
				d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
				if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
					d[i][j] = min(d[i][j], d[i-2][j-2]+1)
				}
			}
		}
		switch dist := d[len(a)][len(b)]; {
		case dist == 0:
			return "" // not a typo: a known word
		case dist < bestDist:
			best, bestDist, tie = k, dist, false
		case dist == bestDist && k != best:
			tie = true
		}
	}
	if tie || bestDist >= len(a) {
		return ""
	}
	return best
}

// suggestFor adds "did you mean ...?" to one of the game's messages that
// lists what it expected and quotes what it found, such as
// `expected a rule (unique-ballots, ..., same-ballot-majority), found
// "keep-promis"`, when what was found is a likely typo of one of those.
func suggestFor(msg string) string {
	i := strings.LastIndex(msg, `, found "`)
	if i < 0 {
		return msg
	}
	found, err := strconv.Unquote(msg[i+len(", found "):])
	if err != nil {
		return msg
	}
	expected := msg[:i]
	open, end := strings.LastIndex(expected, "("), strings.LastIndex(expected, ")")
	switch {
	case open >= 0 && end > open: // expected a rule (unique-ballots, ...)
		expected = expected[open+1 : end]
	case strings.Contains(expected, ": "): // expected what to check: chosen, ...
		_, expected, _ = strings.Cut(expected, ": ")
	default:
		return msg
	}
	var words []string
	expected = strings.ReplaceAll(" "+expected, " or ", ",")
	for _, item := range strings.Split(expected, ",") {
		if f := strings.Fields(item); len(f) == 1 || len(f) == 2 && f[1] == "N" {
			words = append(words, f[0]) // not "a node such as A1"; "in-flight N"
		}
	}
	if s := didYouMean(found, words); s != "" {
		return msg + ": did you mean " + s + "?"
	}
	return msg
}
