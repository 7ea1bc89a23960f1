package game_test

import (
	"errors"
	"strings"
	"testing"

	"pgregory.net/rapid"

	"paxosgame/explore"
	"paxosgame/game"
	"paxosgame/internal/long"
	"paxosgame/paxos"
)

// Issue 18: "a property test draws random set starts; every accepted one
// is explored within bounds and holds." Each start drawn is explored as it
// is when World.Honest takes it, and with the lines its refusal says would
// make it honest when it does not: no run within the bounds, from either,
// breaks Agreement or Validity. Every proposer starts a ballot; a search
// stops at maxStates. The default run is small: most of its searches end
// with every state seen, the others at 5,000 states (runs of 8 to 17
// steps). The long one (PAXOSGAME_LONG=1) draws more starts and searches
// far enough to break some of the starts refused, with the check put
// aside: a search that can fail.
func TestPropertyHonestStartsHold(t *testing.T) {
	honestStartsHold(t, 30, 5_000, false)
}

func TestPropertyHonestStartsHoldLong(t *testing.T) {
	long.Test(t)
	honestStartsHold(t, 150, 100_000, true)
}

// honestStartsHold draws checks starts and searches each up to maxStates;
// sure: the draw and the searches are large enough to meet each kind of
// start, and to break some refused ones with the check put aside.
func honestStartsHold(t *testing.T, checks, maxStates int, sure bool) {
	// Not a test that cannot fail: starts with votes are taken as drawn,
	// and others are refused.
	var taken, mended, broken int
	game.WithChecks(t, checks, func() {
		rapid.Check(t, func(t *rapid.T) {
			setup := drawStart(t)
			w := game.NewWorld()
			for _, c := range setup {
				if _, err := w.Apply(c); err != nil {
					t.Fatalf("%s refused: %v", c, err)
				}
			}
			search := func(w *game.World) explore.Result {
				b := explore.Bounds{Ballots: 1}
				for i := range w.Proposers {
					b.Proposers = append(b.Proposers, i+1)
				}
				return explore.Search(w, b, explore.Violation, explore.Options{Workers: 1, MaxStates: maxStates})
			}
			var r *game.Refusal
			switch err := w.Honest(); {
			case errors.As(err, &r):
				past := w.Clone()
				past.Started = true // the check put aside
				if search(past).Found {
					broken++
				}
				if len(r.Start.Fix) == 0 {
					t.Fatalf("no line is said to make the start honest: %v", err)
				}
				for _, c := range r.Start.Fix {
					if _, err := w.Apply(c); err != nil {
						t.Fatalf("the line said %s is refused: %v", c, err)
					}
					setup = append(setup, c)
				}
				if err := w.Honest(); err != nil {
					t.Fatalf("with the lines said, %v", err)
				}
				mended++
			case err != nil:
				t.Fatal(err)
			case w.Obs.Cast.List != nil:
				taken++
			}
			if res := search(w); res.Found {
				t.Fatalf("an honest start breaks Agreement or Validity:\n%s", explore.Script("found", setup, res.Run, nil))
			}
		})
	})
	// rapid draws at random (and fewer with -short): only the long run
	// draws enough to be sure of each kind.
	if sure && (taken == 0 || mended == 0 || broken == 0) {
		t.Errorf("of the starts drawn, %d with votes were taken, %d refused, %d of those broken: the draw tries too little", taken, mended, broken)
	}
	t.Logf("%d starts with votes taken, %d refused and mended; with the check put aside, %d of those break Agreement", taken, mended, broken)
}

// drawStart draws a small cluster (so that a search of it is quick), a
// stale-prepare policy, and a few set lines of votes and promises in
// ballots 1 to 9: every rule on.
func drawStart(t *rapid.T) []game.Command {
	cfg := game.Command{
		Verb:      game.VConfig,
		Proposers: rapid.IntRange(1, 3).Draw(t, "proposers"),
		Acceptors: rapid.IntRange(1, 3).Draw(t, "acceptors"),
		Learners:  0,
	}
	policy := rapid.SampledFrom([]paxos.StalePolicy{paxos.StaleRefuse, paxos.StaleIgnore, paxos.StalePromise}).Draw(t, "policy")
	cmds := []game.Command{cfg, {Verb: game.VPolicy, Policy: policy}}
	voted := map[int]paxos.Ballot{} // a promise is never set below a vote set
	for range rapid.IntRange(1, 4).Draw(t, "sets") {
		n := rapid.IntRange(1, cfg.Acceptors).Draw(t, "acceptor")
		b := paxos.Ballot(rapid.IntRange(1, 9).Draw(t, "ballot"))
		if rapid.Bool().Draw(t, "vote") {
			v := rapid.SampledFrom([]paxos.Value{"x", "y"}).Draw(t, "value")
			cmds = append(cmds, game.Command{Verb: game.VSet, Node: paxos.A(n), Field: game.FieldVoted, Ballot: b, Value: v})
			voted[n] = b
		} else {
			cmds = append(cmds, game.Command{Verb: game.VSet, Node: paxos.A(n), Field: game.FieldPromised, Ballot: max(b, voted[n])})
		}
	}
	return cmds
}

// The refusal is not idle: starts that Honest refuses (issue 18's lone
// vote, a vote above a chosen one, the old start of acceptors-remember),
// set up with a rule off and then every rule put back on behind the game's
// back, have runs that break Agreement within the default bounds of check.
func TestRefusedStartsBreakAgreement(t *testing.T) {
	for _, setup := range []string{
		"config proposers 2 acceptors 3 learners 0\nset A1 voted 9 \"z\"\n",
		"config learners 0\nset A1 voted 10 \"X\"\nset A3 voted 11 \"Y\"\nset A2 voted 10 \"X\"\n",
		"config learners 0\nset A1 voted 12 \"7 EUR\"\n",
	} {
		w := game.NewWorld()
		cmds, err := game.Parse("s.paxos", "rule keep-promise off\n"+setup)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range cmds {
			if _, err := w.Apply(c); err != nil {
				t.Fatal(err)
			}
		}
		w.Cfg.Rules = paxos.Rules{}
		if w.Honest() == nil {
			t.Fatalf("%q is taken", setup)
		}
		w.Started = true // past the check
		res := explore.Search(w, explore.DefaultBounds(), explore.Violation, explore.Options{})
		if !res.Found {
			t.Errorf("%q: no run breaks Agreement (%d states)", setup, res.States)
			continue
		}
		var run []string
		for _, c := range res.Run {
			run = append(run, c.String())
		}
		t.Logf("%s→ %s (%d states)", strings.ReplaceAll(setup, "\n", "; "), strings.Join(run, "; "), res.States)
	}

}
