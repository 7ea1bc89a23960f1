package game

import (
	"slices"
	"testing"

	"pgregory.net/rapid"

	"paxosgame/paxos"
)

func TestAcceptReady(t *testing.T) {
	for _, c := range []struct {
		name, script string
		want         []paxos.NodeID
	}{
		{"nothing running", "mode manual", nil},
		{"a majority of promises", `
mode manual
propose P1
propose P2
deliver 1a P1->A1
deliver 1a P1->A2
deliver 1b A1->P1
deliver 1b A2->P1
`, []paxos.NodeID{paxos.P(1)}},
		{"not yet a majority", `
mode manual
propose P1
deliver 1a P1->A1
deliver 1b A1->P1
`, nil},
		{"two ready", `
mode manual
config acceptors 1
propose P1
propose P3
deliver all
`, []paxos.NodeID{paxos.P(1), paxos.P(3)}},
		{"crashed", `
mode manual
propose P1
deliver all
crash P1
`, nil},
		{"sent already", `
mode manual
propose P1
deliver all
accept P1
`, nil},
		{"preempted", `
mode manual
propose P1
propose P2
deliver 1a P1->A1
deliver 1a P2->A1
deliver 1a P2->A2
deliver 1a P1->A2
deliver 1b A1->P1
deliver nack A2->P1
`, nil},
		// In auto mode a proposer sends them by itself the moment a
		// majority has promised: accept is refused.
		{"auto mode", `
propose P1
deliver 1a P1->A1
deliver 1a P1->A2
deliver 1b A1->P1
`, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := play(t, c.script).World().AcceptReady(); !slices.Equal(got, c.want) {
				t.Errorf("AcceptReady = %v; want %v", got, c.want)
			}
		})
	}
}

func TestValueReason(t *testing.T) {
	a1, a2, a3 := paxos.A(1), paxos.A(2), paxos.A(3)
	for _, c := range []struct {
		name, script string
		want         Reason
	}{
		{"no promise yet", `
mode manual
propose P2 17 "7 EUR"
`, Reason{Kind: ReasonOwnNoVote, Value: "7 EUR"}},
		{"promises without votes", `
mode manual
propose P2 17 "7 EUR"
deliver 1a P2->A1
deliver 1b A1->P2
`, Reason{Kind: ReasonOwnNoVote, Value: "7 EUR"}},
		{"sent, no vote reported", `
propose P2 17 "7 EUR"
deliver all
`, Reason{Kind: ReasonOwnNoVote, Value: "7 EUR", Sent: true}},
		// The course's very important note: A2 reports 6 EUR in 9, then
		// A1 5 EUR in 10, the highest.
		{"will adopt the highest so far", `
mode manual
set A1 voted 10 "5 EUR"
set A2 voted 9 "6 EUR"
propose P2 17 "7 EUR"
deliver 1a P2->A2
deliver 1b A2->P2
`, Reason{Kind: ReasonAdopted, Value: "6 EUR", From: a2, Vote: paxos.Vote{Ballot: 9, Value: "6 EUR"}}},
		{"will adopt the highest", `
mode manual
set A1 voted 10 "5 EUR"
set A2 voted 9 "6 EUR"
propose P2 17 "7 EUR"
deliver 1a P2->A2
deliver 1b A2->P2
deliver 1a P2->A1
deliver 1b A1->P2
`, Reason{Kind: ReasonAdopted, Value: "5 EUR", From: a1, Vote: paxos.Vote{Ballot: 10, Value: "5 EUR"}}},
		{"adopted", `
set A1 voted 10 "5 EUR"
set A2 voted 9 "6 EUR"
propose P2 17 "7 EUR"
deliver 1a P2->A2
deliver 1b A2->P2
deliver 1a P2->A1
deliver 1b A1->P2
expect P2 phase 2
`, Reason{Kind: ReasonAdopted, Value: "5 EUR", Sent: true, From: a1, Vote: paxos.Vote{Ballot: 10, Value: "5 EUR"}}},
		{"will keep its own, adopt-highest-vote off", `
mode manual
rule adopt-highest-vote off
set A3 voted 9 "6 EUR"
propose P2 17 "7 EUR"
deliver 1a P2->A3
deliver 1b A3->P2
`, Reason{Kind: ReasonOwnAdoptOff, Value: "7 EUR", From: a3, Vote: paxos.Vote{Ballot: 9, Value: "6 EUR"}}},
		{"kept its own, adopt-highest-vote off", `
rule adopt-highest-vote off
set A1 voted 10 "5 EUR"
set A2 voted 10 "5 EUR"
set A3 voted 9 "6 EUR"
propose P2 17 "7 EUR"
deliver 1a P2->A2
deliver 1a P2->A3
deliver 1b A3->P2
deliver 1b A2->P2
expect P2 phase 2
`, Reason{Kind: ReasonOwnAdoptOff, Value: "7 EUR", Sent: true, From: a2, Vote: paxos.Vote{Ballot: 10, Value: "5 EUR"}}},
		// With promise-reports-vote off no promise reports a vote.
		{"votes not reported", `
rule promise-reports-vote off
set A1 voted 10 "5 EUR"
set A2 voted 10 "5 EUR"
propose P2 17 "7 EUR"
deliver all
`, Reason{Kind: ReasonOwnNoVote, Value: "7 EUR", Sent: true}},
	} {
		t.Run(c.name, func(t *testing.T) {
			w := play(t, c.script).World()
			if got := w.ValueReason(w.Proposer(2)); got != c.want {
				t.Errorf("ValueReason = %+v; want %+v", got, c.want)
			}
		})
	}
}

// In random games of every setup: AcceptReady is exactly the proposers
// whose accept is taken; what ValueReason says a proposer would ask for
// is what it asks for once it sends its accept requests; and once sent,
// the reason agrees with Why.
func TestProposerReadModelsAgreeWithTheWorld(t *testing.T) {
	withChecks(t, 300, func() {
		rapid.Check(t, func(t *rapid.T) {
			playRandom(t, 100, func(g *Game, step int) {
				w := g.World()
				ready := w.AcceptReady()
				for i := range w.Proposers {
					id := paxos.P(i + 1)
					c := w.Clone()
					_, err := c.Apply(Command{Verb: VAccept, Node: id})
					if (err == nil) != slices.Contains(ready, id) {
						t.Fatalf("step %d: AcceptReady = %v, but accept %s: %v", step, ready, id, err)
					}
					r := w.ValueReason(w.Proposer(i + 1))
					if err == nil {
						if r.Sent {
							t.Fatalf("step %d: %s ready to send its accept requests: %+v", step, id, r)
						}
						would := r
						would.Sent = true
						if sent := c.ValueReason(c.Proposer(i + 1)); sent != would {
							t.Fatalf("step %d: %s would ask for %+v, asks for %+v", step, id, r, sent)
						}
					}
					if r.Sent {
						// Once sent, the reason is what the proposer recorded
						// when it chose its value.
						p := w.Proposer(i + 1)
						adopted := p.AdoptedFrom != 0
						if r.Value != p.Value || (r.Kind == ReasonAdopted) != adopted ||
							adopted && (r.From != paxos.A(p.AdoptedFrom) || r.Vote != p.Adopted) {
							t.Fatalf("step %d: %s: %+v, but it adopted from A%d (%v) and asks for %q", step, id, r, p.AdoptedFrom, p.Adopted, p.Value)
						}
					}
				}
			})
		})
	})
}
