package spec

import (
	"bytes"
	"strings"
	"testing"

	"paxosgame/explore/budget"
	"paxosgame/paxos"
)

// MCPaxosTiny, as the TLA+ Examples' manifest records TLC's result.
func TestTinyModelCountsAreTLCs(t *testing.T) {
	for _, workers := range []int{1, 2} {
		st, err := Explore(Params{Acceptors: 3, Values: 2, MaxBallot: 1}, workers, budget.Bounds{})
		if err != nil {
			t.Fatal(err)
		}
		if st.Distinct != 3921 || st.Found != 23563 || st.Depth != 17 || !st.Agreement || st.Violation != nil {
			t.Errorf("workers %d: %d distinct, %d found, depth %d, agreement %v; TLC: 3921, 23563, 17, true", workers, st.Distinct, st.Found, st.Depth, st.Agreement)
		}
	}
}

// With all rules on, the model of --max-ballot 2 keeps Agreement too.
func TestMaxBallot2(t *testing.T) {
	st, err := Explore(Params{Acceptors: 3, Values: 2, MaxBallot: 2}, 0, budget.Bounds{})
	if err != nil {
		t.Fatal(err)
	}
	if st.Distinct != 185369 || st.Found != 1361380 || st.Depth != 25 || !st.Agreement {
		t.Errorf("%d distinct, %d found, depth %d, agreement %v", st.Distinct, st.Found, st.Depth, st.Agreement)
	}
}

// Each rule off breaks Agreement in MCPaxosTiny; the search stops at the
// end of the level of the first violation, so its counts, and the length
// of the shortest behavior, are the same on any number of workers.
func TestEachRuleOffGivesItsShortestViolation(t *testing.T) {
	for _, c := range []struct {
		rule            paxos.Rule
		distinct, depth int
		found           int64
		steps           int
		fails           string
	}{
		{paxos.UniqueBallots, 3031, 10, 15405, 9, "v1 is chosen in ballot 0 (2b from {a1, a2}); v2 is chosen in ballot 0"},
		{paxos.PromiseReportsVote, 4381, 13, 21013, 12, "v2 is chosen in ballot 1"},
		{paxos.AdoptHighestVote, 4381, 13, 21013, 12, "v2 is chosen in ballot 1"},
		{paxos.KeepPromise, 6975, 13, 39115, 12, "v2 is chosen in ballot 1"},
		{paxos.MajorityQuorum, 2811, 9, 11565, 8, "v2 is chosen in ballot 1 (2b from {a1})"},
		{paxos.DurableAcceptors, 87973, 14, 565770, 13, "v2 is chosen in ballot 1"},
		{paxos.SameBallotMajority, 1947, 11, 8447, 10, "a learner may learn v1 from the 2b of {a1, a3} in different ballots, and v1 is not chosen"},
	} {
		t.Run(c.rule.String(), func(t *testing.T) {
			p := Params{Acceptors: 3, Values: 2, MaxBallot: 1}
			p.Rules.Set(c.rule, false)
			var runs []string
			for _, workers := range []int{1, 2} {
				st, err := Explore(p, workers, budget.Bounds{})
				if err != nil {
					t.Fatal(err)
				}
				if st.Agreement || st.Violation == nil {
					t.Fatalf("workers %d: no violation", workers)
				}
				if st.Distinct != c.distinct || st.Found != c.found || st.Depth != c.depth || st.Violation.Steps() != c.steps {
					t.Errorf("workers %d: %d distinct, %d found, depth %d, %d steps; want %d, %d, %d, %d",
						workers, st.Distinct, st.Found, st.Depth, st.Violation.Steps(), c.distinct, c.found, c.depth, c.steps)
				}
				if !strings.Contains(st.Violation.Fails, c.fails) {
					t.Errorf("fails: %s", st.Violation.Fails)
				}
				var out bytes.Buffer
				st.Violation.Write(&out, p.Invariant())
				runs = append(runs, out.String())
				checkBehavior(t, p, st.Violation)
			}
			if runs[0] != runs[1] {
				t.Errorf("the behaviors differ:\n%s\n%s", runs[0], runs[1])
			}
		})
	}
}

// checkBehavior replays a violation's behavior on the model: each state is
// a successor of the one before by the action it names, and only the last
// breaks Agreement.
func checkBehavior(t *testing.T, p Params, v *Violation) {
	t.Helper()
	m, _ := newModel(p)
	if v.Trace[0].Action != "Initial predicate" || m.encode(&v.Trace[0]) != (key{}) {
		t.Fatalf("state 1: %+v", v.Trace[0])
	}
	for i := 1; i < len(v.Trace); i++ {
		s, u := m.encode(&v.Trace[i-1]), m.encode(&v.Trace[i])
		if name := m.label(&s, &u); name != v.Trace[i].Action || name == "?" {
			t.Errorf("state %d: %s is no step of %s", i+1, v.Trace[i].Action, name)
		}
		if ok := m.agreement(&u); ok == (i == len(v.Trace)-1) {
			t.Errorf("state %d: agreement %v", i+1, ok)
		}
	}
}

// encode is the key of a state that decode gave.
func (m *model) encode(st *State) key {
	var k key
	for a := range st.MaxBal {
		k.setAcc(a, st.MaxBal[a]+1, st.MaxVBal[a]+1, st.MaxVal[a]+1)
	}
	for _, msg := range st.Msgs {
		switch msg.Type {
		case "1a":
			k.set(m.bit1a(msg.Bal))
		case "1b":
			vote := 0
			if msg.MBal >= 0 {
				vote = 1 + msg.MBal*m.Values + msg.MVal
			}
			k.set(m.bit1b(msg.Acc, msg.Bal, vote))
		case "2a":
			k.set(m.bit2a(msg.Bal, msg.Val))
		case "2b":
			k.set(m.bit2b(msg.Acc, msg.Bal, msg.Val))
		}
	}
	return k
}

func TestRuleOffTraceReadsAsTLCs(t *testing.T) {
	p := Params{Acceptors: 3, Values: 2, MaxBallot: 1}
	p.Rules.Set(paxos.MajorityQuorum, false)
	st, _ := Explore(p, 0, budget.Bounds{})
	var out bytes.Buffer
	st.Violation.Write(&out, p.Invariant())
	for _, want := range []string{
		"Error: Invariant Agreement is violated: ",
		"Error: The behavior up to this point is (a shortest one: 8 steps):\nState 1: <Initial predicate>\n/\\ maxBal = (a1 :> -1 @@ a2 :> -1 @@ a3 :> -1)\n",
		"/\\ maxVal = (a1 :> None @@ a2 :> None @@ a3 :> None)\n/\\ msgs = {}\n\nState 2: <Phase1a(0)>\n/\\ msgs = msgs \\cup {[type |-> \"1a\", bal |-> 0]}\n",
		"<Phase2a(0, v1)>",
		"State 9: <Phase2b(a2)>\n/\\ maxBal = (a1 :> 1 @@ a2 :> 0 @@ a3 :> -1)\n",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("want %q in:\n%s", want, out.String())
		}
	}
}

// Issue 18: "--spec --max-ballot 4: 2.3 GB at 60 s". Every search has a
// budget, checked within a level: with a bound on states the search stops
// before a level would pass it, with the counts of the levels before (the
// same on any number of workers), and says which bound stopped it.
func TestStopsAtTheBoundOnStates(t *testing.T) {
	for _, workers := range []int{1, 2} {
		st, err := Explore(Params{Acceptors: 3, Values: 2, MaxBallot: 4}, workers, budget.Bounds{MaxStates: 50_000})
		if err != nil {
			t.Fatal(err)
		}
		if st.Stopped != budget.States || st.Distinct > 50_000 || st.Distinct < 10_000 || !st.Agreement {
			t.Fatalf("workers %d: stopped %v at %d states, depth %d", workers, st.Stopped, st.Distinct, st.Depth)
		}
	}
	cancel := make(chan struct{})
	close(cancel)
	if st, _ := Explore(Params{Acceptors: 3, Values: 2, MaxBallot: 4}, 0, budget.Bounds{Cancel: cancel}); st.Stopped != budget.Cancelled {
		t.Fatalf("cancelled: stopped %v at %d states", st.Stopped, st.Distinct)
	}
}

func TestBadParams(t *testing.T) {
	for _, p := range []Params{{Acceptors: 0, Values: 2}, {Acceptors: 3, Values: 16}, {Acceptors: 5, Values: 15, MaxBallot: 14}} {
		if _, err := Explore(p, 1, budget.Bounds{}); err == nil {
			t.Errorf("%+v: no error", p)
		}
	}
}

func BenchmarkMaxBallot2(b *testing.B) {
	for b.Loop() {
		st, _ := Explore(Params{Acceptors: 3, Values: 2, MaxBallot: 2}, 0, budget.Bounds{})
		b.ReportMetric(float64(st.Distinct), "states")
	}
}

func BenchmarkMaxBallot3(b *testing.B) {
	if testing.Short() {
		b.Skip("about 8 million states")
	}
	for b.Loop() {
		st, _ := Explore(Params{Acceptors: 3, Values: 2, MaxBallot: 3}, 0, budget.Bounds{})
		b.ReportMetric(float64(st.Distinct), "states")
	}
}
