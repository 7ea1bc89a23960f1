package game

import (
	"errors"
	"reflect"
	"testing"

	"pgregory.net/rapid"

	"paxosgame/paxos"
)

// The table of expect kinds has every kind once, and each example it
// gives is a line the parser reads back as that very command.
func TestExpectSpecs(t *testing.T) {
	seen := map[ExpectKind]int{}
	for _, s := range ExpectSpecs() {
		seen[s.Kind]++
		if s.Kind.Spec() != s {
			t.Errorf("%s: Spec() is another", s.Word)
		}
	}
	for k := ExpectChosen; k <= ExpectCrashed; k++ {
		if seen[k] != 1 {
			t.Errorf("kind %d has %d specs", k, seen[k])
		}
	}
	for _, id := range []paxos.NodeID{{}, paxos.A(2), paxos.P(3), paxos.L(1)} {
		examples := ExpectExamples(id)
		if len(examples) == 0 {
			t.Errorf("no example about %v", id)
		}
		for _, c := range examples {
			got, ok, err := ParseLine(c.String())
			got.Col = 0
			if !ok || err != nil || !reflect.DeepEqual(got, c) {
				t.Errorf("%q parses to %+v, %v; want %+v", c, got, err, c)
			}
		}
	}
}

// What Actual says of a world holds in it, and Check of a claim that does
// not hold says both as data.
func TestPropertyActualHolds(t *testing.T) {
	withChecks(t, 300, func() {
		rapid.Check(t, func(t *rapid.T) {
			w := drawGame(t, 30).World()
			for _, s := range ExpectSpecs() {
				about := []paxos.NodeID{{}} // the whole game
				if s.Node {
					about = nil
					for _, r := range []paxos.Role{paxos.RoleProposer, paxos.RoleAcceptor, paxos.RoleLearner} {
						for id := (paxos.NodeID{Role: r, N: 1}); s.About(r) && w.Exists(id); id.N++ {
							about = append(about, id)
						}
					}
				}
				for _, id := range about {
					claim := Command{Verb: VExpect, Expect: s.Kind, Node: id}
					got := w.Actual(claim)
					if err := w.Check(got); err != nil {
						t.Fatalf("%s: what holds, %s, does not: %v\n%s", claim, got, err, w.Describe())
					}
					// The opposite kind, or the claim of nothing, fails.
					wrong := got
					switch got.Expect {
					case ExpectAgreement:
						wrong.Expect = ExpectViolation
					case ExpectViolation:
						wrong.Expect = ExpectAgreement
					case ExpectUp:
						wrong.Expect = ExpectCrashed
					case ExpectCrashed:
						wrong.Expect = ExpectUp
					default:
						wrong.Nothing = false
						wrong.Count++
						wrong.Value += "?"
						wrong.Ballot++
						wrong.Phase = (wrong.Phase + 1) % (paxos.Abandoned + 1)
					}
					var u *Unmet
					if err := w.Check(wrong); !errors.As(err, &u) || u.Expect != wrong || u.Actual.String() != w.Actual(wrong).String() {
						t.Fatalf("%s holds, and so does %s: %v", got, wrong, err)
					}
				}
			}
		})
	})
}

// "expect ever P5 phase 2", "expect never chosen "1 EUR"": a game checks
// them over its history, from a given step.
func TestCheckSinceEverNever(t *testing.T) {
	src := `propose P2 17 "5 EUR"
deliver all
propose P5 20
`
	g := mustLoad(t, src)
	never, _, _ := ParseLine(`expect never chosen "5 EUR"`)
	if err := g.CheckSince(never, 0); err == nil {
		t.Error("expect never chosen 5 EUR holds over the whole game")
	}
	ever, _, _ := ParseLine("expect ever P2 phase 1")
	if err := g.CheckSince(ever, 2); err == nil {
		t.Error("from step 2, P2 was never in phase 1, yet expect ever holds")
	}
	if err := g.CheckSince(ever, 0); err != nil {
		t.Errorf("from the start: %v", err)
	}
}
