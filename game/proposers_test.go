package game

import (
	"slices"
	"testing"

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
