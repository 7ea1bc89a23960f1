package paxos

import "testing"

// One prepare and one accept request handled by an acceptor.
func BenchmarkAcceptorStep(b *testing.B) {
	cfg := DefaultConfig()
	a := Acceptor{N: 1}
	bal := Ballot(0)
	for b.Loop() {
		bal++
		a.Step(prepare(2, bal, 1), &cfg)
		a.Step(accept(2, bal, "5 EUR", 1), &cfg)
	}
}

// A whole round of a proposer: propose, promises from a majority (it sends
// its accept requests), votes from a majority.
func BenchmarkProposerRound(b *testing.B) {
	cfg := DefaultConfig()
	p := Proposer{N: 2}
	for b.Loop() {
		bal := p.NextBallot(&cfg)
		if bal > MaxBallot {
			p = Proposer{N: 2}
			bal = p.NextBallot(&cfg)
		}
		p.Propose(bal, "5 EUR", &cfg)
		p.Step(promise(1, bal, Vote{}, 2), &cfg)
		p.Step(promise(2, bal, Vote{}, 2), &cfg)
		p.Step(accepted(1, bal, "5 EUR", P(2)), &cfg)
		p.Step(accepted(2, bal, "5 EUR", P(2)), &cfg)
	}
}
