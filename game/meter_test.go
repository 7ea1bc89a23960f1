package game

import (
	"cmp"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"pgregory.net/rapid"

	"paxosgame/paxos"
)

// meterText is the meter as lines: "ballot [proposer promises k/m] votes
// value k/m … [in flight n]", with ✓ where a count reaches the quorum.
func meterText(rows []MeterRow) string {
	count := func(c Count) string {
		s := fmt.Sprintf("%d/%d", c.N(), c.Of)
		if c.Reached() {
			s += "✓"
		}
		return s
	}
	var b strings.Builder
	for _, r := range rows {
		fmt.Fprintf(&b, "%d", r.Ballot)
		if r.Running() {
			fmt.Fprintf(&b, " %s promises %s", r.Proposer, count(r.Promises))
		}
		for _, v := range r.Votes {
			fmt.Fprintf(&b, " · %s %s", v.Value, count(v.Votes))
		}
		if r.InFlight > 0 {
			fmt.Fprintf(&b, " · %d in flight", r.InFlight)
		}
		b.WriteByte('\n')
	}
	return b.String()
}

func TestMeter(t *testing.T) {
	for _, c := range []struct {
		name, script, want string
		n                  int
	}{
		{"nothing in play", ``, "", 6},
		{"promises counted", `
propose P1
deliver #1
deliver #4
`, "1 P1 promises 1/3\n", 6},
		{"a ballot chosen, the next one starting", `
propose P1
deliver all
propose P2
deliver 1a P2->A1
`, "2 P2 promises 0/3\n1 P1 promises 2/3✓ · 1 EUR 3/3✓\n", 6},
		// P2 crashes: no proposer runs 2, but its prepares and A1's
		// promise may still be delivered.
		{"a ballot whose proposer crashed", `
propose P1
deliver all
propose P2
deliver 1a P2->A1
crash P2
`, "2 · 3 in flight\n1 P1 promises 2/3✓ · 1 EUR 3/3✓\n", 6},
		// P2 moves on to 7: ballot 2 keeps its votes, and its accept
		// request to A3 and the six votes on their way to P2 and the
		// learners are still in flight.
		{"an abandoned ballot with votes", `
mode manual
propose P2
deliver all
accept P2
deliver 2a P2->A1
deliver 2a P2->A2
propose P2
`, "7 P2 promises 0/3\n2 · 2 EUR 2/3✓ · 7 in flight\n", 6},
		// The seed's duel: P2 runs 17, P5 runs 20, P2 comes back with 22.
		// A1 voted in 17 before it promised 20; P2's prepare and accept
		// request to A3 and A1's vote to P2 and the learners are in
		// flight.
		{"the seed's duel", `
propose P2 17
deliver 1a P2->A1
deliver 1a P2->A2
deliver 1b A1->P2
deliver 1b A2->P2
deliver 2a P2->A1
propose P5 20
deliver 1a P5->A2
deliver 1a P5->A3
deliver 2a P2->A2
deliver nack A2->P2
propose P2 22
`, "22 P2 promises 0/3\n20 P5 promises 0/3\n17 · 2 EUR 1/3 · 5 in flight\n", 6},
		// A1 refuses P1's prepare 1; the refusal in flight does not count,
		// P1's prepares to A2 and A3 do.
		{"a refusal in flight", `
propose P1
propose P2
deliver 1a P2->A1
deliver 1a P1->A1
crash P1
expect in-flight 6
`, "2 P2 promises 0/3\n1 · 2 in flight\n", 6},
		// With unique-ballots off two proposers run ballot 5: a row each,
		// both with the votes for both values.
		{"two proposers in one ballot", `
rule unique-ballots off
propose P1 5
propose P2 5
deliver all
`, "5 P1 promises 2/3✓ · 1 EUR 3/3✓ · 2 EUR 3/3✓\n5 P2 promises 2/3✓ · 1 EUR 3/3✓ · 2 EUR 3/3✓\n", 6},
		{"a quorum of two of five, majority-quorum off", `
config acceptors 5
rule majority-quorum off
propose P1
deliver 1a P1->A1
deliver 1a P1->A2
deliver 1b A1->P1
deliver 1b A2->P1
`, "1 P1 promises 2/5✓\n", 6},
	} {
		t.Run(c.name, func(t *testing.T) {
			g := play(t, c.script)
			if got := meterText(g.World().Meter(c.n)); got != c.want {
				t.Errorf("meter:\n%s\nwant:\n%s", got, c.want)
			}
		})
	}
}

// The meter shows the newest ballots only, however many were voted in.
func TestMeterNewest(t *testing.T) {
	var script strings.Builder
	for i := range 40 {
		fmt.Fprintf(&script, "propose P%d\ndeliver all\n", i%5+1)
	}
	w := play(t, script.String()).World()
	// Once 1 EUR is chosen in ballot 1, every proposer adopts it.
	want := "40 P5 promises 2/3✓ · 1 EUR 3/3✓\n39 P4 promises 2/3✓ · 1 EUR 3/3✓\n38 P3 promises 2/3✓ · 1 EUR 3/3✓\n"
	if got := meterText(w.Meter(3)); got != want {
		t.Errorf("Meter(3):\n%s\nwant:\n%s", got, want)
	}
	rows := w.Meter(8)
	if len(rows) != 8 || rows[7].Ballot != 33 || rows[7].Running() || rows[5].Ballot != 35 || rows[4].Proposer.String() != "P1" {
		t.Errorf("Meter(8):\n%s", meterText(rows))
	}
	if rows := w.Meter(0); len(rows) != 0 {
		t.Errorf("Meter(0):\n%s", meterText(rows))
	}
}

// The meter of a game of 10,000 steps, proposers taking turns and each
// round delivered at once, so that votes were cast in 5,000 ballots: it is
// drawn with every frame.
func BenchmarkMeter10k(b *testing.B) {
	g := NewGame()
	for i := 0; g.Len() < 10_000; i++ {
		for _, c := range []Command{{Verb: VPropose, Node: paxos.P(i%5 + 1)}, {Verb: VDeliver, Sel: Selector{All: true}}} {
			if _, err := g.Exec(c); err != nil {
				b.Fatal(err)
			}
		}
	}
	g.Exec(Command{Verb: VPropose, Node: paxos.P(1)})
	w := g.World()
	b.ReportAllocs()
	for b.Loop() {
		_ = w.Meter(6)
	}
}

// meterOneRowPerBallot is the meter as the screen first worked it out,
// building a row for each ballot voted in and keeping the newest n: the
// reference for Meter, which finds the newest ballots first.
func meterOneRowPerBallot(w *World, n int) []MeterRow {
	m, q := w.Cfg.Acceptors, w.Cfg.Quorum()
	count := func(s paxos.Set) Count { return Count{By: s, Of: m, Quorum: q} }
	var rows []MeterRow
	at := map[paxos.Ballot][]int{}
	for i := range w.Proposers {
		pr := &w.Proposers[i]
		if pr.Phase != paxos.Idle && pr.Ballot != 0 {
			at[pr.Ballot] = append(at[pr.Ballot], len(rows))
			rows = append(rows, MeterRow{Ballot: pr.Ballot, Proposer: paxos.P(pr.N), Promises: count(pr.Promises)})
		}
	}
	for _, e := range w.InFlight() {
		if e.Msg.Type == paxos.Nack || e.Msg.Ballot == 0 {
			continue
		}
		is, ok := at[e.Msg.Ballot]
		if !ok {
			is = []int{len(rows)}
			at[e.Msg.Ballot] = is
			rows = append(rows, MeterRow{Ballot: e.Msg.Ballot, Promises: count(0)})
		}
		if !rows[is[0]].Running() {
			rows[is[0]].InFlight++
		}
	}
	var others []MeterRow
	for _, c := range w.Obs.Cast.List {
		v := MeterVote{Value: c.Vote.Value, Votes: count(c.By)}
		if is, ok := at[c.Vote.Ballot]; ok {
			for _, i := range is {
				rows[i].Votes = append(rows[i].Votes, v)
			}
			continue
		}
		i, found := slices.BinarySearchFunc(others, c.Vote.Ballot, func(r MeterRow, b paxos.Ballot) int { return cmp.Compare(b, r.Ballot) })
		switch {
		case found:
			others[i].Votes = append(others[i].Votes, v)
		case i < n:
			others = slices.Insert(others, i, MeterRow{Ballot: c.Vote.Ballot, Promises: count(0), Votes: []MeterVote{v}})
			others = others[:min(len(others), n)]
		}
	}
	rows = append(rows, others...)
	slices.SortStableFunc(rows, func(a, b MeterRow) int { return cmp.Compare(b.Ballot, a.Ballot) })
	return rows[:min(len(rows), n)]
}

// In random games of every setup, with ballots voted in out of order,
// Meter gives the rows of the reference.
func TestMeterMatchesOneRowPerBallot(t *testing.T) {
	withChecks(t, 300, func() {
		rapid.Check(t, func(t *rapid.T) {
			playRandom(t, 150, func(g *Game, step int) {
				w, n := g.World(), rapid.IntRange(0, 8).Draw(t, "rows")
				if got, want := w.Meter(n), meterOneRowPerBallot(w, n); len(got)+len(want) > 0 && !reflect.DeepEqual(got, want) { // nil and empty are alike
					t.Fatalf("step %d: Meter(%d):\n%s\nwant:\n%s", step, n, meterText(got), meterText(want))
				}
			})
		})
	})
}
