package game

// DidYouMean is the word of known that word is likely a typo of, or "":
// the one nearest to it, at most two edits away (a letter added, dropped
// or changed, or two neighbours swapped) and fewer edits than word has
// letters, when no other is as near. The parser suggests with it (a
// command, a rule, a message type: "did you mean deliver?"), and so does
// lesson lint (a block, an option, an answer line), so that run and lint
// guess alike.
func DidYouMean(word string, known []string) string {
	best, bestDist, tie := "", 3, false
	a := []rune(word)
	for _, k := range known {
		b := []rune(k)
		if n := len(a) - len(b); n > 2 || n < -2 {
			continue // more than two edits apart: and a 5 MB word costs nothing
		}
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
