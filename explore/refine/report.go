package refine

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"paxosgame/explore"
)

// Mapping says, for the output, how a state of the game maps to Paxos.tla.
const Mapping = `mapping: maxBal[a], maxVBal[a], maxVal[a] are acceptor a's promise and vote (none: -1, None);
  msgs is every prepare (1a), promise (1b, with the vote it reports), accept request (2a) and
  vote (2b) ever sent, delivered or not, without ids or receivers (a vote to the proposer and to
  each learner is one 2b); refusals, the proposers and the learners map to nothing, and a learner
  may learn only a value chosen in msgs (a majority sent a 2b for it in one ballot)`

// Differences are the ways the game differs from Paxos.tla on purpose,
// each with the kind of step that counts it (Several: none, for the
// stutters on purpose).
var Differences = []struct {
	Kind Kind
	Text string
}{
	{RePromise, "an acceptor promises again the ballot it promised (the game's prepare takes b >= promised; Phase1b needs m.bal > maxBal[a]): a new 1b only when it voted in that ballot since, so after the ballot's 2a, and no Phase2a reads it"},
	{StalePromise, "with the policy stale-prepare promise, or played by hand, an acceptor answers a prepare below its promise with a promise it will not keep (Phase1b needs m.bal > maxBal[a]); maxBal[a] stays, the 1b joins msgs and later steps are judged with it"},
	{Several, "auto An answers at once every message An held: one step of the game, several of Paxos.tla, each judged in turn"},
}

// Stutters says which steps are stutters on purpose.
const Stutters = "the proposers (a proposer's crash and restart too: it keeps its highest ballot), the learners, refusals, drops, duplicates, messages lost, and crashes and restarts of durable acceptors change no variable of Paxos.tla"

// Write writes what the steps judged were.
func (c *Counts) Write(w io.Writer) {
	fmt.Fprintf(w, "  steps of Paxos.tla: Phase1a %s, Phase1b %s, Phase2a %s, Phase2b %s\n",
		explore.Commas(c.Kinds[Phase1a]), explore.Commas(c.Kinds[Phase1b]), explore.Commas(c.Kinds[Phase2a]), explore.Commas(c.Kinds[Phase2b]))
	verbs := make([]string, 0, len(c.By))
	for v := range c.By {
		verbs = append(verbs, v)
	}
	slices.SortFunc(verbs, func(a, b string) int {
		if c.By[a] != c.By[b] {
			return int(c.By[b] - c.By[a])
		}
		return strings.Compare(a, b)
	})
	for i, v := range verbs {
		verbs[i] = v + " " + explore.Commas(c.By[v])
	}
	fmt.Fprintf(w, "  stutters: %s (%s)\n", explore.Commas(c.Stutters), strings.Join(verbs, ", "))
	fmt.Fprintf(w, "  learners learned %s times, each a value chosen in msgs\n", explore.Commas(c.Kinds[Learned]))
	fmt.Fprintln(w, "where the game differs from Paxos.tla on purpose:")
	for _, d := range Differences {
		fmt.Fprintf(w, "  %s, %s steps: %s\n", d.Kind, explore.Commas(c.Kinds[d.Kind]), d.Text)
	}
	fmt.Fprintf(w, "  stutters on purpose: %s\n", Stutters)
}
