package game

import (
	"fmt"
	"path/filepath"
	"slices"
	"testing"

	"pgregory.net/rapid"

	"paxosgame/paxos"
)

// shadow is an observer of its own, kept by the test beside the world's: it
// records every vote it sees an acceptor hold and every value proposed, and
// judges chosen values from them. It relies on a fact of correct Paxos
// (every rule on): an acceptor's new vote is always its highest, so
// watching each acceptor's current vote after every step sees every vote.
type shadow struct {
	quorum   int
	votes    map[paxos.Vote]paxos.Set
	proposed map[paxos.Value]bool
}

func newShadow(w *World) *shadow {
	s := &shadow{quorum: w.Cfg.Acceptors/2 + 1, votes: map[paxos.Vote]paxos.Set{}, proposed: map[paxos.Value]bool{}}
	for _, a := range w.Acceptors {
		if !a.Voted.None() {
			// "Votes given by set count as cast, and their values as proposed."
			s.proposed[a.Voted.Value] = true
		}
	}
	s.see(w, Command{}, nil)
	return s
}

// see records what one step did: the value of a propose, the votes held,
// and every vote cast during the step — read from the votes sent, since an
// acceptor may vote twice in one step (deliver all) and hold only the last.
func (s *shadow) see(w *World, c Command, evs []Event) {
	if c.Verb == VPropose {
		s.proposed[c.Value] = true
	}
	for _, e := range evs {
		if e, ok := e.(Send); ok && e.Msg.Type == paxos.Accepted {
			m := e.Msg
			v := paxos.Vote{Ballot: m.Ballot, Value: m.Value}
			s.votes[v] = s.votes[v].Add(m.From.N)
		}
	}
	for _, a := range w.Acceptors {
		if !a.Voted.None() {
			s.votes[a.Voted] = s.votes[a.Voted].Add(a.N)
		}
	}
}

// chosen is every value that a majority voted for in one ballot.
func (s *shadow) chosen() []paxos.Value {
	var vs []paxos.Value
	for v, by := range s.votes {
		if by.Len() >= s.quorum && !slices.Contains(vs, v.Value) {
			vs = append(vs, v.Value)
		}
	}
	slices.Sort(vs)
	return vs
}

// checkSafety checks Agreement and Validity, as the world's observer judges
// them and as the shadow does.
func checkSafety(w *World, s *shadow) error {
	if !w.Obs.Agreement() {
		return fmt.Errorf("the observer saw a violation: %v", w.Obs.Violations)
	}
	chosen := s.chosen()
	if len(chosen) > 1 {
		return fmt.Errorf("Agreement: %q are all chosen", chosen)
	}
	if v, ok := w.Obs.ChosenValue(); ok != (len(chosen) == 1) || (ok && v != chosen[0]) {
		return fmt.Errorf("the observer says chosen %q (%v), the shadow %q", v, ok, chosen)
	}
	for _, v := range chosen {
		if !s.proposed[v] {
			return fmt.Errorf("Validity: %q is chosen but was never proposed", v)
		}
	}
	for _, l := range w.Learners {
		for _, v := range l.Learned {
			if !slices.Contains(chosen, v.Value) {
				return fmt.Errorf("L%d learned %q, which is not chosen (chosen: %q)", l.N, v.Value, chosen)
			}
		}
	}
	return nil
}

// "Agreement ... Validity ... checked after every step of every game,
// test and exploration" (DESIGN §2): random schedules of a correct Paxos
// (every rule on) in random clusters, with any delivery order, drops,
// duplicates, crashes and restarts of any node and competing proposers,
// never break them.
func TestPropertySafetyWithEveryRuleOn(t *testing.T) {
	withChecks(t, 10000, func() {
		rapid.Check(t, func(t *rapid.T) {
			w := NewWorld()
			for _, c := range drawSetup(t, true) {
				if _, err := w.Apply(c); err != nil {
					t.Fatalf("setup %s refused: %v", c, err)
				}
			}
			s := newShadow(w)
			calm := rapid.SampledFrom([]int{0, 4, 12, 40}).Draw(t, "calm")
			steps := rapid.IntRange(1, 150).Draw(t, "steps")
			for i := 0; i < steps; i++ {
				c := w.Resolve(drawAction(t, w, calm))
				evs, err := w.Apply(c)
				if err != nil {
					t.Fatalf("step %d: %s refused: %v", i+1, c, err)
				}
				s.see(w, c, evs)
				if err := checkSafety(w, s); err != nil {
					t.Fatalf("after step %d (%s): %v\n%s", i+1, c, err, w.Describe())
				}
			}
		})
	})
}

// The check can fail: with any one rule off, a search of random schedules
// in a small cluster finds a run where the observer sees Agreement fail,
// and the fixed script testdata/rule-X-off.paxos breaks it too.
func TestPropertyEachRuleOffCanBreakAgreement(t *testing.T) {
	for _, r := range paxos.AllRules() {
		t.Run(r.String(), func(t *testing.T) {
			path := filepath.Join("testdata", "rule-"+r.String()+"-off.paxos")
			w, err := replay(path, readFile(t, path))
			if err != nil || len(w.Obs.Violations) == 0 {
				t.Errorf("%s: %v; violations %v", path, err, w.Obs.Violations)
			}
			if found := searchViolation(r, 20000); found == "" {
				t.Errorf("no random schedule broke agreement with %s off", r)
			} else {
				// The run found is a script: replayed, it breaks agreement too.
				cmds, err := Parse("found", found)
				if err != nil {
					t.Fatal(err)
				}
				g, err := Load("found", cmds)
				if err != nil {
					t.Fatalf("%v\n%s", err, found)
				}
				if g.World().Obs.Agreement() {
					t.Errorf("the script found keeps agreement when replayed:\n%s", found)
				}
			}
		})
	}
}

// searchViolation tries up to tries random schedules of the default
// cluster (two competing proposers, crashes, drops) with rule r off and
// returns the first that breaks agreement, as a script.
func searchViolation(r paxos.Rule, tries int) string {
	rng := newRand(uint64(r) + 1)
	for try := 0; try < tries; try++ {
		g := NewGame()
		setup := []Command{{Verb: VConfig, Proposers: 5, Acceptors: 3 + rng.intn(2), Learners: 1}, {Verb: VRule, Rule: r}}
		for _, c := range setup {
			if _, err := g.Exec(c); err != nil {
				panic(err)
			}
		}
		for step := 0; step < 80; step++ {
			c := randomAction(rng, g.World())
			if _, err := g.Exec(c); err != nil {
				panic(fmt.Sprintf("%s refused: %v", c, err))
			}
			if !g.World().Obs.Agreement() {
				return g.Script()
			}
		}
	}
	return ""
}

// rand is a small deterministic generator (splitmix64), so that the search
// finds the same runs every time.
type rand struct{ s uint64 }

func newRand(seed uint64) *rand { return &rand{seed} }

func (r *rand) next() uint64 {
	r.s += 0x9e3779b97f4a7c15
	z := r.s
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

func (r *rand) intn(n int) int { return int(r.next() % uint64(n)) }

// randomAction picks an action for the search among those w.Enabled
// lists: two proposers (P2, P4) with values of their own, ballots that
// repeat when unique-ballots is off, crashes and restarts of acceptors,
// deliveries in any order, drops.
func randomAction(rng *rand, w *World) Command {
	for {
		switch k := rng.intn(10); {
		case k < 2:
			n := []int{2, 4}[rng.intn(2)]
			c, ok := enabledOn(w, paxos.P(n), VPropose)
			if !ok {
				continue // down
			}
			if p := w.Proposer(n); !w.Cfg.Rules.On(paxos.UniqueBallots) {
				// Ballots 10 to 12, so that the two proposers share them.
				c.Ballot = max(p.Used+1, paxos.Ballot(10+rng.intn(3)))
			}
			return c
		case k < 8:
			if w.NumInFlight() == 0 {
				continue
			}
			i := rng.intn(w.NumInFlight())
			verb := VDeliver
			if rng.intn(8) == 0 {
				verb = VDrop
			}
			return w.enabled(nil, verb)[i]
		default:
			c, _ := enabledOn(w, paxos.A(1+rng.intn(len(w.Acceptors))), VCrash, VRestart)
			return c
		}
	}
}
