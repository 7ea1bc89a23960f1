package game

import (
	"fmt"
	"strings"
	"testing"
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
