package paxos

import "fmt"

// Phase is where a proposer is in its current ballot.
type Phase uint8

const (
	Idle      Phase = iota // no ballot running
	Phase1                 // prepare sent, collecting promises
	Phase2                 // accept requests sent, collecting votes
	Done                   // a majority voted for its value: decided
	Abandoned              // preempted by a refusal
)

var phaseNames = []string{"idle", "1", "2", "decided", "preempted"}

// String is the name used in scripts: idle, 1, 2, decided, preempted.
func (p Phase) String() string { return phaseNames[p] }

// PhaseByName parses a phase name.
func PhaseByName(s string) (Phase, bool) {
	for i, n := range phaseNames {
		if n == s {
			return Phase(i), true
		}
	}
	return 0, false
}

// Proposer runs ballots: phase 1 gathers promises from a majority, phase 2
// asks the acceptors to vote for a value.
type Proposer struct {
	N          int
	Preference Value  // the value it was last given
	Ballot     Ballot // its current (or last) ballot
	Used       Ballot // the highest ballot it has used; kept across a crash
	Seen       Ballot // the highest ballot it has seen in answers
	Phase      Phase

	Promises Set                    // acceptors that promised in Ballot
	Reported [MaxAcceptors + 1]Vote // the vote each of them reported

	Value       Value // the value it asked the acceptors to vote for
	Picked      bool  // played by hand, it named Value itself (accept P2 "5 EUR")
	AdoptedFrom int   // the acceptor whose vote it adopted; 0: its own preference or a value picked
	Adopted     Vote  // that vote
	Votes       Set   // acceptors that voted for Value in Ballot

	PreemptedBy Ballot // the promise that refused it
}

func (p *Proposer) id() NodeID { return P(p.N) }

// NextBallot is the smallest ballot it owns above every ballot it has used
// or seen (with unique-ballots off: simply the next number).
func (p *Proposer) NextBallot(cfg *Config) Ballot {
	above := max(p.Used, p.Seen)
	if !cfg.Rules.On(UniqueBallots) {
		return above + 1
	}
	n := Ballot(cfg.Proposers)
	b := above - above%n + Ballot(p.N%cfg.Proposers)
	for b <= above {
		b += n
	}
	return b
}

// Refusal is why a role may not do what it is asked: a proposer use a
// ballot (CheckBallot), ask for votes (CanAccept) or for a value
// (CheckValue); an acceptor played by hand make a promise (CheckPromise)
// or vote (CheckVote); a learner played by hand learn (CheckLearn).
type Refusal struct {
	Reason Reason
	Rule   Rule // the rule that forbids it; 0 when it is no rule's doing
	msg    string
}

func (r *Refusal) Error() string { return r.msg }

// Reason is why a proposer refuses.
type Reason uint8

const (
	BallotOutOfRange Reason = iota + 1 // below 1 or above MaxBallot
	BallotNotOwned                     // unique-ballots: the ballot is another proposer's
	BallotUsed                         // not above the last ballot it used
	AcceptsSent                        // it has already asked for votes in this ballot
	NotRunning                         // it runs no ballot
	NoQuorum                           // it has promises from fewer than a quorum
	NotHighestVote                     // adopt-highest-vote: a value other than the highest vote reported
	FalseReport                        // promise-reports-vote: a promise that does not report the acceptor's vote
	BelowPromise                       // keep-promise: a vote below the promise
	DifferentBallots                   // same-ballot-majority: learning from votes in different ballots
	TooFewVotes                        // learning from fewer votes than a quorum
	AlreadyLearned                     // learning the value it learned last
)

func refuse(why Reason, format string, args ...any) *Refusal {
	return &Refusal{Reason: why, msg: fmt.Sprintf(format, args...)}
}

// refuseBy is a refusal that rule r decides.
func refuseBy(r Rule, why Reason, format string, args ...any) *Refusal {
	return &Refusal{Reason: why, Rule: r, msg: fmt.Sprintf(format, args...)}
}

// CheckBallot says why ballot b may not be used by this proposer, or nil;
// the error is a *Refusal.
func (p *Proposer) CheckBallot(b Ballot, cfg *Config) error {
	if b < 1 {
		return refuse(BallotOutOfRange, "ballots are positive numbers; P%d's next ballot is %d", p.N, p.NextBallot(cfg))
	}
	if b > MaxBallot {
		return refuse(BallotOutOfRange, "ballot %d is too high: ballots go up to %d", b, MaxBallot)
	}
	if cfg.Rules.On(UniqueBallots) && cfg.Owner(b) != p.N {
		// Suggest the proposer's own ballot nearest above the one asked for
		// (which is not its "next ballot" unless it has seen that high).
		next := b + Ballot((p.N-cfg.Owner(b)+cfg.Proposers)%cfg.Proposers)
		if next > MaxBallot || next <= p.Used && p.NextBallot(cfg) > MaxBallot {
			return refuse(BallotNotOwned, "%d mod %d = %d: ballot %d belongs to P%d; P%d owns no ballot from %d up to %d, the highest",
				b, cfg.Proposers, int(b)%cfg.Proposers, b, cfg.Owner(b), p.N, b, MaxBallot)
		}
		if next <= p.Used {
			return refuse(BallotNotOwned, "%d mod %d = %d: ballot %d belongs to P%d; P%d's next ballot is %d",
				b, cfg.Proposers, int(b)%cfg.Proposers, b, cfg.Owner(b), p.N, p.NextBallot(cfg))
		}
		return refuse(BallotNotOwned, "%d mod %d = %d: ballot %d belongs to P%d; P%d's next ballot above %d is %d",
			b, cfg.Proposers, int(b)%cfg.Proposers, b, cfg.Owner(b), p.N, b, next)
	}
	if b <= p.Used && p.NextBallot(cfg) > MaxBallot {
		return refuse(BallotUsed, "P%d already used ballot %d and a proposer's ballots strictly increase; it has no ballot left (ballots go up to %d)",
			p.N, p.Used, MaxBallot)
	}
	if b <= p.Used {
		return refuse(BallotUsed, "P%d already used ballot %d and a proposer's ballots strictly increase; its next ballot is %d",
			p.N, p.Used, p.NextBallot(cfg))
	}
	return nil
}

// Propose starts ballot b with preference v: phase 1a, a prepare to every
// acceptor. Any ballot it was running is abandoned. The caller checks b
// with CheckBallot first.
func (p *Proposer) Propose(b Ballot, v Value, cfg *Config) Result {
	*p = Proposer{N: p.N, Preference: v, Ballot: b, Used: b, Seen: p.Seen, Phase: Phase1}
	sent := make([]Message, cfg.Acceptors)
	for i := range sent {
		sent[i] = Message{Type: Prepare, From: p.id(), To: A(i + 1), Ballot: b}
	}
	return Result{Effect: Phase1Sent, Sent: sent}
}

// Step handles a promise, a refusal or a vote.
func (p *Proposer) Step(m Message, cfg *Config) Result {
	p.see(m.Ballot)
	p.see(m.Vote.Ballot)
	p.see(m.Promised)
	current := m.Ballot == p.Ballot
	switch m.Type {
	case Promise:
		if !current || p.Phase == Idle || p.Phase == Abandoned {
			return Result{Effect: Late}
		}
		if p.Phase != Phase1 || p.Promises.Has(m.From.N) {
			return Result{Effect: Extra}
		}
		p.Promises = p.Promises.Add(m.From.N)
		p.Reported[m.From.N] = m.Vote
		if !p.Promises.Reached(cfg) {
			return Result{Effect: PromiseCounted}
		}
		if cfg.Manual {
			return Result{Effect: PromiseMajority}
		}
		return p.SendAccept(cfg)
	case Nack:
		if !current || (p.Phase != Phase1 && p.Phase != Phase2) {
			return Result{Effect: Late}
		}
		p.Phase = Abandoned
		p.PreemptedBy = m.Promised
		return Result{Effect: Preempted}
	case Accepted:
		if !current || p.Phase == Idle || p.Phase == Abandoned || m.Value != p.Value {
			return Result{Effect: Late}
		}
		if p.Votes.Has(m.From.N) || p.Phase == Done {
			p.Votes = p.Votes.Add(m.From.N)
			return Result{Effect: Extra}
		}
		p.Votes = p.Votes.Add(m.From.N)
		if p.Votes.Reached(cfg) {
			p.Phase = Done
			return Result{Effect: Decided}
		}
		return Result{Effect: VoteCounted}
	}
	return Result{Effect: Late}
}

func (p *Proposer) see(b Ballot) { p.Seen = max(p.Seen, b) }

// CanAccept says why the proposer cannot send its accept requests now, or
// nil; the error is a *Refusal.
func (p *Proposer) CanAccept(cfg *Config) error {
	switch {
	case p.Phase == Phase2 || p.Phase == Done:
		return refuse(AcceptsSent, "P%d already sent its accept requests for ballot %d", p.N, p.Ballot)
	case p.Phase != Phase1:
		return refuse(NotRunning, "P%d is not running a ballot (it is %s); propose first", p.N, p.PhaseWords())
	case !p.Promises.Reached(cfg):
		return refuse(NoQuorum, "P%d has promises from %d of %d acceptors for ballot %d; it needs a majority of %d before it may ask for votes",
			p.N, p.Promises.Len(), cfg.Acceptors, p.Ballot, cfg.Quorum())
	}
	return nil
}

// SendAccept is phase 2a: choose the value and ask every acceptor to vote.
// "value = the value of the vote with the highest ballot among those
// promises; if none reported a vote, its own preference."
func (p *Proposer) SendAccept(cfg *Config) Result {
	p.Value, p.Picked, p.AdoptedFrom, p.Adopted = p.Preference, false, 0, Vote{}
	if from, v := p.HighestReported(); from != 0 && cfg.Rules.On(AdoptHighestVote) {
		p.Value, p.AdoptedFrom, p.Adopted = v.Value, from, v
	}
	return p.sendAccept(cfg)
}

// CheckValue says why the proposer may not ask for votes for v, or nil:
// with adopt-highest-vote on, when a promise reported a vote, v must be
// the value of the highest.
func (p *Proposer) CheckValue(v Value, cfg *Config) error {
	if from, hv := p.HighestReported(); from != 0 && v != hv.Value && cfg.Rules.On(AdoptHighestVote) {
		return refuseBy(AdoptHighestVote, NotHighestVote, "A%d reported a vote for %s in %d, the highest among P%d's promises; P%d must ask for %s — adopt-highest-vote",
			from, hv.Value, hv.Ballot, p.N, p.N, hv.Value)
	}
	return nil
}

// SendAcceptOf is phase 2a played by hand: the proposer asks every
// acceptor to vote for v, the value its player picked (CheckValue first).
func (p *Proposer) SendAcceptOf(v Value, cfg *Config) Result {
	p.Value, p.Picked, p.AdoptedFrom, p.Adopted = v, true, 0, Vote{}
	if from, hv := p.HighestReported(); from != 0 && hv.Value == v {
		p.AdoptedFrom, p.Adopted = from, hv
	}
	return p.sendAccept(cfg)
}

func (p *Proposer) sendAccept(cfg *Config) Result {
	p.Phase = Phase2
	sent := make([]Message, cfg.Acceptors)
	for i := range sent {
		sent[i] = Message{Type: Accept, From: p.id(), To: A(i + 1), Ballot: p.Ballot, Value: p.Value}
	}
	return Result{Effect: SentAccept, Sent: sent}
}

// HighestReported is the highest-ballot vote among the promises, and the
// acceptor that reported it (0 when none reported a vote).
func (p *Proposer) HighestReported() (int, Vote) {
	best, from := Vote{}, 0
	for _, n := range p.Promises.Members() {
		if v := p.Reported[n]; v.Ballot > best.Ballot {
			best, from = v, n
		}
	}
	return from, best
}

// Crash loses the round; the highest ballot used is kept so that it is
// never reused.
func (p *Proposer) Crash() {
	*p = Proposer{N: p.N, Preference: p.Preference, Ballot: p.Used, Used: p.Used, Seen: p.Used}
}

// PhaseWords describes the phase in a few words: "idle", "in phase 1
// (2/3 promises)", "preempted by 20".
func (p *Proposer) PhaseWords() string {
	switch p.Phase {
	case Phase1:
		return fmt.Sprintf("in phase 1 of ballot %d", p.Ballot)
	case Phase2:
		return fmt.Sprintf("in phase 2 of ballot %d", p.Ballot)
	case Done:
		return fmt.Sprintf("decided in ballot %d", p.Ballot)
	case Abandoned:
		return fmt.Sprintf("preempted by %d", p.PreemptedBy)
	}
	return "idle"
}
