package paxos

import (
	"errors"
	"strings"
	"testing"
)

func promise(from int, b Ballot, vote Vote, to int) Message {
	return Message{Type: Promise, From: A(from), To: P(to), Ballot: b, Vote: vote}
}

func accepted(from int, b Ballot, v Value, to NodeID) Message {
	return Message{Type: Accepted, From: A(from), To: to, Ballot: b, Value: v}
}

func accepts(p int, b Ballot, v Value, acceptors int) []Message {
	ms := make([]Message, acceptors)
	for i := range ms {
		ms[i] = accept(p, b, v, i+1)
	}
	return ms
}

// "With n proposers, Pi owns the numbers b with b mod n == i mod n (with 5
// proposers: P2 owns 2, 7, 12, 17, 22, 42; P5 owns 5, 10, 20)."
func TestBallotOwnership(t *testing.T) {
	cfg := DefaultConfig()
	for owner, ballots := range map[int][]Ballot{2: {2, 7, 12, 17, 22, 42}, 5: {5, 10, 20}, 4: {4, 9, 14, 19, 44}, 1: {1, 6, 16}, 3: {3, 13}} {
		for _, b := range ballots {
			if got := cfg.Owner(b); got != owner {
				t.Errorf("Owner(%d) = P%d, want P%d", b, got, owner)
			}
		}
	}
	for n := 1; n <= MaxProposers; n++ {
		cfg.Proposers = n
		for b := Ballot(1); b <= 100; b++ {
			i := cfg.Owner(b)
			if i < 1 || i > n || int(b)%n != i%n {
				t.Errorf("%d proposers: Owner(%d) = %d", n, b, i)
			}
		}
	}
}

// "A proposer's ballots strictly increase. Next ballot for a proposer = its
// smallest owned number above every ballot it has seen (in promises,
// refusals, votes)."
func TestNextBallot(t *testing.T) {
	cfg := DefaultConfig()
	for _, tc := range []struct {
		n          int
		used, seen Ballot
		want       Ballot
	}{
		{2, 0, 0, 2},
		{5, 0, 0, 5},
		{2, 17, 0, 22},
		{2, 17, 20, 22},
		{2, 17, 22, 27},
		{5, 10, 17, 20},
		{5, 0, 42, 45},
		{4, 0, 42, 44},
		{1, 0, 0, 1},
	} {
		p := Proposer{N: tc.n, Used: tc.used, Seen: tc.seen}
		if got := p.NextBallot(&cfg); got != tc.want {
			t.Errorf("P%d used %d seen %d: next %d, want %d", tc.n, tc.used, tc.seen, got, tc.want)
		}
	}
	// For every size of cluster, the next ballot is owned, above every
	// ballot used or seen, and the smallest such.
	for n := 1; n <= MaxProposers; n++ {
		cfg.Proposers = n
		for i := 1; i <= n; i++ {
			for above := Ballot(0); above <= 60; above++ {
				p := Proposer{N: i, Used: above / 2, Seen: above}
				b := p.NextBallot(&cfg)
				if cfg.Owner(b) != i || b <= above || b-Ballot(n) > above {
					t.Errorf("%d proposers, P%d above %d: next ballot %d", n, i, above, b)
				}
			}
		}
	}
	// unique-ballots off: "any proposer may use any number".
	cfg = DefaultConfig()
	cfg.Rules.Set(UniqueBallots, false)
	if got := (&Proposer{N: 4, Used: 17, Seen: 20}).NextBallot(&cfg); got != 21 {
		t.Errorf("unique-ballots off: next %d, want 21", got)
	}
}

// "A command that the protocol forbids (P4 asking for ballot 42 while
// unique-ballots is on, a ballot not above the proposer's last one) is
// refused with a sentence that teaches why ('42 mod 5 = 2: ballot 42
// belongs to P2; P4's next ballot is 44')." (issue 2)
func TestCheckBallot(t *testing.T) {
	cfg := DefaultConfig()
	for _, tc := range []struct {
		p    Proposer
		b    Ballot
		why  Reason
		want string // "" when allowed
	}{
		{Proposer{N: 4}, 42, BallotNotOwned, "42 mod 5 = 2: ballot 42 belongs to P2; P4's next ballot above 42 is 44"},
		{Proposer{N: 5}, 17, BallotNotOwned, "17 mod 5 = 2: ballot 17 belongs to P2; P5's next ballot above 17 is 20"},
		{Proposer{N: 2}, 42, 0, ""},
		{Proposer{N: 5}, 20, 0, ""},
		{Proposer{N: 2, Used: 17}, 12, BallotUsed, "P2 already used ballot 17 and a proposer's ballots strictly increase; its next ballot is 22"},
		{Proposer{N: 2, Used: 17}, 17, BallotUsed, "P2 already used ballot 17"},
		{Proposer{N: 2}, 0, BallotOutOfRange, "ballots are positive numbers; P2's next ballot is 2"},
		{Proposer{N: 4}, MaxBallot, 0, ""}, // 999999999 mod 5 = 4
		{Proposer{N: 4}, MaxBallot + 5, BallotOutOfRange, "ballot 1000000004 is too high: ballots go up to 999999999"},
		// A ballot seen but not used may be passed over or not: only the
		// proposer's own ballots must increase.
		{Proposer{N: 2, Used: 7, Seen: 20}, 12, 0, ""},
	} {
		err := tc.p.CheckBallot(tc.b, &cfg)
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("P%d ballot %d: refused: %v", tc.p.N, tc.b, err)
		case tc.want != "" && (err == nil || !strings.HasPrefix(err.Error(), tc.want)):
			t.Errorf("P%d ballot %d: error %v, want %q", tc.p.N, tc.b, err, tc.want)
		case reason(err) != tc.why:
			t.Errorf("P%d ballot %d: error %#v, want reason %d", tc.p.N, tc.b, err, tc.why)
		}
	}
	cfg.Rules.Set(UniqueBallots, false)
	if err := (&Proposer{N: 4}).CheckBallot(42, &cfg); err != nil {
		t.Errorf("unique-ballots off: P4 may use 42, got %v", err)
	}
	if err := (&Proposer{N: 4, Used: 42}).CheckBallot(42, &cfg); err == nil {
		t.Errorf("unique-ballots off: P4 reused 42")
	}
}

// "propose (b, preference v): sends prepare b to every acceptor. Phase 1.
// A proposer may start a new ballot at any time, abandoning its current
// one; answers to an abandoned ballot are ignored."
func TestProposerProposeAndAbandon(t *testing.T) {
	cfg := DefaultConfig()
	p := Proposer{N: 2, Preference: "2 EUR"}
	res := p.Propose(17, "5 EUR", &cfg)
	checkResult(t, res, Phase1Sent, []Message{prepare(2, 17, 1), prepare(2, 17, 2), prepare(2, 17, 3)})
	if p.Phase != Phase1 || p.Ballot != 17 || p.Used != 17 || p.Preference != "5 EUR" {
		t.Fatalf("after propose: %+v", p)
	}
	p.Step(promise(1, 17, Vote{}, 2), &cfg)

	p.Propose(22, "5 EUR", &cfg)
	if p.Promises.Len() != 0 || p.Ballot != 22 {
		t.Fatalf("a new ballot keeps the old promises: %+v", p)
	}
	res = p.Step(promise(2, 17, Vote{}, 2), &cfg)
	checkResult(t, res, Late, nil)
	if p.Promises.Len() != 0 {
		t.Errorf("a promise for the abandoned 17 counted in 22")
	}
}

// "On promises for its current b from a majority: value = the value of the
// vote with the highest ballot among those promises; if none reported a
// vote, its own preference. Sends accept(b, value) to every acceptor.
// Phase 2. By default this happens the moment the majority arrives."
func TestProposerAutoAdvanceWithItsOwnValue(t *testing.T) {
	cfg := DefaultConfig()
	p := Proposer{N: 2}
	p.Propose(17, "5 EUR", &cfg)
	checkResult(t, p.Step(promise(1, 17, Vote{}, 2), &cfg), PromiseCounted, nil)
	if p.Phase != Phase1 {
		t.Fatalf("phase %s after one promise of three", p.Phase)
	}
	checkResult(t, p.Step(promise(3, 17, Vote{}, 2), &cfg), SentAccept, accepts(2, 17, "5 EUR", 3))
	if p.Phase != Phase2 || p.Value != "5 EUR" || p.AdoptedFrom != 0 {
		t.Errorf("after a majority: %+v", p)
	}
	// A third promise changes nothing.
	checkResult(t, p.Step(promise(2, 17, Vote{}, 2), &cfg), Extra, nil)
}

// The seed: "votes 5 EUR in 10 and 6 EUR in 9 → ballot 17 must propose
// 5 EUR": the highest ballot wins, whatever order the promises come in.
func TestProposerAdoptsTheHighestVote(t *testing.T) {
	cfg := DefaultConfig()
	cfg.Acceptors = 5
	for _, order := range [][]int{{1, 2, 3}, {3, 2, 1}, {2, 3, 1}} {
		votes := map[int]Vote{1: {10, "5 EUR"}, 2: {9, "6 EUR"}, 3: {}}
		p := Proposer{N: 2}
		p.Propose(17, "7 EUR", &cfg)
		var res Result
		for _, a := range order {
			res = p.Step(promise(a, 17, votes[a], 2), &cfg)
		}
		checkResult(t, res, SentAccept, accepts(2, 17, "5 EUR", 5))
		if p.AdoptedFrom != 1 || p.Adopted != (Vote{10, "5 EUR"}) {
			t.Errorf("order %v: adopted %v from A%d", order, p.Adopted, p.AdoptedFrom)
		}
		if from, v := p.HighestReported(); from != 1 || v != (Vote{10, "5 EUR"}) {
			t.Errorf("HighestReported = A%d %v", from, v)
		}
	}
}

// adopt-highest-vote off: "proposer keeps its own preference".
func TestProposerWithAdoptHighestVoteOffKeepsItsPreference(t *testing.T) {
	cfg := DefaultConfig()
	cfg.Rules.Set(AdoptHighestVote, false)
	p := Proposer{N: 2}
	p.Propose(17, "7 EUR", &cfg)
	p.Step(promise(1, 17, Vote{10, "5 EUR"}, 2), &cfg)
	res := p.Step(promise(2, 17, Vote{9, "6 EUR"}, 2), &cfg)
	checkResult(t, res, SentAccept, accepts(2, 17, "7 EUR", 3))
	if p.AdoptedFrom != 0 {
		t.Errorf("adopted from A%d with the rule off", p.AdoptedFrom)
	}
}

// reason is why a proposer refused, or 0.
func reason(err error) Reason {
	var r *Refusal
	if errors.As(err, &r) {
		return r.Reason
	}
	return 0
}

// "in manual mode the player triggers it and may wait for more promises."
func TestProposerManualAdvance(t *testing.T) {
	cfg := DefaultConfig()
	cfg.Manual = true
	p := Proposer{N: 2}
	p.Propose(17, "7 EUR", &cfg)
	p.Step(promise(1, 17, Vote{}, 2), &cfg)
	if err := p.CanAccept(&cfg); reason(err) != NoQuorum || !strings.Contains(err.Error(), "promises from 1 of 3 acceptors for ballot 17; it needs a majority of 2") {
		t.Errorf("CanAccept with one promise: %v", err)
	}
	checkResult(t, p.Step(promise(2, 17, Vote{}, 2), &cfg), PromiseMajority, nil)
	if p.Phase != Phase1 {
		t.Fatalf("manual mode: phase %s at a majority", p.Phase)
	}
	// It waits for the third promise, which reports a vote.
	checkResult(t, p.Step(promise(3, 17, Vote{10, "5 EUR"}, 2), &cfg), PromiseMajority, nil)
	if err := p.CanAccept(&cfg); err != nil {
		t.Fatalf("CanAccept with three promises: %v", err)
	}
	checkResult(t, p.SendAccept(&cfg), SentAccept, accepts(2, 17, "5 EUR", 3))
	if err := p.CanAccept(&cfg); reason(err) != AcceptsSent || !strings.Contains(err.Error(), "already sent its accept requests for ballot 17") {
		t.Errorf("CanAccept in phase 2: %v", err)
	}
	idle := Proposer{N: 3}
	if err := idle.CanAccept(&cfg); reason(err) != NotRunning || !strings.Contains(err.Error(), "propose first") {
		t.Errorf("CanAccept when idle: %v", err)
	}
}

// "On a refusal: it is preempted; it may start again with its next ballot
// above the refusing one."
func TestProposerPreemptedByARefusal(t *testing.T) {
	cfg := DefaultConfig()
	for _, phase2 := range []bool{false, true} {
		p := Proposer{N: 2}
		p.Propose(17, "8 EUR", &cfg)
		if phase2 {
			p.Step(promise(1, 17, Vote{}, 2), &cfg)
			p.Step(promise(2, 17, Vote{}, 2), &cfg)
		}
		res := p.Step(Message{Type: Nack, From: A(3), To: P(2), Ballot: 17, Promised: 20}, &cfg)
		checkResult(t, res, Preempted, nil)
		if p.Phase != Abandoned || p.PreemptedBy != 20 || p.NextBallot(&cfg) != 22 {
			t.Errorf("phase2=%v: after a refusal: phase %s preempted by %d next %d", phase2, p.Phase, p.PreemptedBy, p.NextBallot(&cfg))
		}
		// Answers to the abandoned ballot are ignored.
		checkResult(t, p.Step(promise(3, 17, Vote{}, 2), &cfg), Late, nil)
		checkResult(t, p.Step(accepted(1, 17, "8 EUR", P(2)), &cfg), Late, nil)
	}
	// A refusal of some other ballot is late.
	p := Proposer{N: 2}
	p.Propose(22, "8 EUR", &cfg)
	checkResult(t, p.Step(Message{Type: Nack, From: A(3), To: P(2), Ballot: 17, Promised: 20}, &cfg), Late, nil)
	if p.Phase != Phase1 {
		t.Errorf("a late refusal preempted ballot 22")
	}
}

// "On accepted from a majority in its b: it knows the value is decided."
func TestProposerKnowsTheValueIsDecided(t *testing.T) {
	cfg := DefaultConfig()
	p := Proposer{N: 2}
	p.Propose(17, "8 EUR", &cfg)
	p.Step(promise(1, 17, Vote{}, 2), &cfg)
	p.Step(promise(2, 17, Vote{}, 2), &cfg)
	checkResult(t, p.Step(accepted(1, 17, "8 EUR", P(2)), &cfg), VoteCounted, nil)
	checkResult(t, p.Step(accepted(1, 17, "8 EUR", P(2)), &cfg), Extra, nil) // the same vote twice
	if p.Phase != Phase2 {
		t.Fatalf("decided on one vote counted twice")
	}
	checkResult(t, p.Step(accepted(3, 17, "8 EUR", P(2)), &cfg), Decided, nil)
	if p.Phase != Done || p.Votes.Len() != 2 {
		t.Errorf("after a majority of votes: phase %s votes %v", p.Phase, p.Votes.Members())
	}
	checkResult(t, p.Step(accepted(2, 17, "8 EUR", P(2)), &cfg), Extra, nil)
	// A vote in another ballot is not counted.
	checkResult(t, p.Step(accepted(2, 12, "8 EUR", P(2)), &cfg), Late, nil)
}

// "On crash it loses its round; it keeps the highest ballot it has used,
// so it never reuses one."
func TestProposerCrash(t *testing.T) {
	cfg := DefaultConfig()
	p := Proposer{N: 2, Preference: "8 EUR"}
	p.Propose(17, "8 EUR", &cfg)
	p.Step(promise(1, 17, Vote{}, 2), &cfg)
	p.Crash()
	if p.Phase != Idle || p.Promises.Len() != 0 || p.Used != 17 {
		t.Errorf("after a crash: %+v", p)
	}
	if err := p.CheckBallot(17, &cfg); err == nil {
		t.Errorf("ballot 17 may be reused after a crash")
	}
	if b := p.NextBallot(&cfg); b != 22 {
		t.Errorf("next ballot after a crash %d, want 22", b)
	}
	checkResult(t, p.Step(promise(2, 17, Vote{}, 2), &cfg), Late, nil)
}

// Everything a proposer hears raises the ballots it has seen: "in
// promises, refusals, votes".
func TestProposerSeesBallotsInAnswers(t *testing.T) {
	cfg := DefaultConfig()
	p := Proposer{N: 2}
	p.Propose(17, "8 EUR", &cfg)
	p.Step(promise(1, 17, Vote{30, "x"}, 2), &cfg)
	if p.Seen != 30 || p.NextBallot(&cfg) != 32 {
		t.Errorf("a vote in 30 reported in a promise: seen %d next %d", p.Seen, p.NextBallot(&cfg))
	}
	p.Step(Message{Type: Nack, From: A(2), To: P(2), Ballot: 17, Promised: 41}, &cfg)
	if p.NextBallot(&cfg) != 42 {
		t.Errorf("after a refusal carrying 41: next %d, want 42", p.NextBallot(&cfg))
	}
}

func TestPhaseNames(t *testing.T) {
	for _, ph := range []Phase{Idle, Phase1, Phase2, Done, Abandoned} {
		got, ok := PhaseByName(ph.String())
		if !ok || got != ph {
			t.Errorf("PhaseByName(%q) = %v, %v", ph.String(), got, ok)
		}
	}
	if _, ok := PhaseByName("3"); ok {
		t.Errorf("phase 3 exists")
	}
}

// Issue 8: "propose P1 999999999 is refused by naming 1000000001 as the
// next ballot, itself too high." A refusal never suggests a ballot past
// MaxBallot.
func TestRefusalNeverSuggestsABallotTooHigh(t *testing.T) {
	cfg := DefaultConfig()
	p := Proposer{N: 1}
	err := p.CheckBallot(MaxBallot, &cfg)
	if err == nil || strings.Contains(err.Error(), "1000000001") || !strings.Contains(err.Error(), "no ballot") {
		t.Errorf("P1 at %d: %v", MaxBallot, err)
	}
	p = Proposer{N: 4, Used: MaxBallot, Seen: MaxBallot}
	err = p.CheckBallot(MaxBallot, &cfg)
	if err == nil || strings.Contains(err.Error(), "100000000") || !strings.Contains(err.Error(), "no ballot left") {
		t.Errorf("P4 after %d: %v", MaxBallot, err)
	}
}

// DESIGN §2: "a proposer with a majority of promises sends accept P2
// "5 EUR" with the value it picks … a value other than the highest-ballot
// vote reported … is refused with that rule's reason; with the rule off it
// is taken."
func TestProposerPicksItsValueByHand(t *testing.T) {
	cfg := DefaultConfig()
	cfg.Manual = true // as a proposer played by hand: it waits at its majority
	p := Proposer{N: 2, Preference: "2 EUR"}
	p.Propose(17, "2 EUR", &cfg)
	p.Step(promise(2, 17, Vote{9, "6 EUR"}, 2), &cfg)
	if res := p.Step(promise(1, 17, Vote{10, "5 EUR"}, 2), &cfg); res.Effect != PromiseMajority {
		t.Fatalf("at its majority: %v", res.Effect)
	}
	var r *Refusal
	if err := p.CheckValue("6 EUR", &cfg); !errors.As(err, &r) || r.Rule != AdoptHighestVote ||
		err.Error() != "A1 reported a vote for 5 EUR in 10, the highest among P2's promises; P2 must ask for 5 EUR — adopt-highest-vote" {
		t.Errorf("picking 6 EUR: %v", err)
	}
	if err := p.CheckValue("5 EUR", &cfg); err != nil {
		t.Errorf("picking 5 EUR: %v", err)
	}
	res := p.SendAcceptOf("5 EUR", &cfg)
	if res.Effect != SentAccept || p.Value != "5 EUR" || !p.Picked || p.AdoptedFrom != 1 || p.Adopted != (Vote{10, "5 EUR"}) || len(res.Sent) != 3 {
		t.Errorf("after picking 5 EUR: %+v, %v", p, res)
	}
	off := cfg
	off.Rules.Set(AdoptHighestVote, false)
	q := Proposer{N: 2}
	q.Propose(17, "2 EUR", &off)
	q.Step(promise(1, 17, Vote{10, "5 EUR"}, 2), &off)
	q.Step(promise(2, 17, Vote{}, 2), &off)
	if err := q.CheckValue("6 EUR", &off); err != nil {
		t.Errorf("with adopt-highest-vote off: %v", err)
	}
	q.SendAcceptOf("6 EUR", &off)
	if q.Value != "6 EUR" || q.AdoptedFrom != 0 {
		t.Errorf("a value picked with the rule off: %+v", q)
	}
}
