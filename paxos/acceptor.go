package paxos

// Effect says what a role did with a message, so that the world can
// narrate it. The messages a role sends come with it in a Result.
type Effect uint8

const (
	Promised          Effect = iota + 1 // acceptor promised (and reported its vote)
	PromisedStale                       // acceptor answered a stale prepare with a promise it will not keep
	Refused                             // acceptor refused a prepare or accept below its promise
	Ignored                             // acceptor ignored a stale message (policy ignore)
	Voted                               // acceptor voted
	VotedBelowPromise                   // acceptor voted below its promise (keep-promise off)
	PromiseCounted                      // proposer recorded a promise, no majority yet
	PromiseMajority                     // proposer reached a majority of promises (manual: waits)
	SentAccept                          // proposer sent its accept requests (2a)
	Late                                // proposer ignored an answer to a ballot it is not running
	Extra                               // proposer got one more answer it no longer needs
	Preempted                           // proposer gave up its ballot after a refusal
	VoteCounted                         // proposer or learner recorded a vote, no majority yet
	Decided                             // proposer knows its value is decided
	Learned                             // learner learned a value
	Phase1Sent                          // proposer sent its prepares (1a)
	Held                                // a node played by hand holds the message for its decision
)

// Result is what a role did with one message and the messages it sends.
type Result struct {
	Effect Effect
	Sent   []Message
}

// Acceptor promises and votes. Its state (Promised, Voted) is what it
// keeps on its persistent store.
type Acceptor struct {
	N        int
	Promised Ballot
	Voted    Vote // its highest vote, or none
}

// Step handles a prepare or an accept request.
func (a *Acceptor) Step(m Message, cfg *Config) Result {
	switch m.Type {
	case Prepare:
		return a.prepare(m, cfg)
	case Accept:
		return a.accept(m, cfg)
	}
	return Result{Effect: Ignored}
}

func (a *Acceptor) id() NodeID { return A(a.N) }

func (a *Acceptor) promise(m Message, cfg *Config) Message {
	p := Message{Type: Promise, From: a.id(), To: m.From, Ballot: m.Ballot}
	if cfg.Rules.On(PromiseReportsVote) {
		p.Vote = a.Voted
	}
	return p
}

func (a *Acceptor) refuse(m Message) Message {
	return Message{Type: Nack, From: a.id(), To: m.From, Ballot: m.Ballot, Promised: a.Promised}
}

// prepare: "if b >= promised → promised = b, reply promise(b, last vote)";
// below the promise the stale-prepare policy decides.
func (a *Acceptor) prepare(m Message, cfg *Config) Result {
	if m.Ballot >= a.Promised {
		a.Promised = m.Ballot
		return Result{Promised, []Message{a.promise(m, cfg)}}
	}
	switch cfg.Stale {
	case StaleIgnore:
		return Result{Effect: Ignored}
	case StalePromise:
		// The false expectation: a promise, but promised stays where it is.
		return Result{PromisedStale, []Message{a.promise(m, cfg)}}
	}
	return Result{Refused, []Message{a.refuse(m)}}
}

// accept: "if b >= promised → promised = b, voted = (b, v), send
// accepted(b, v) to the proposer and to every learner".
func (a *Acceptor) accept(m Message, cfg *Config) Result {
	if m.Ballot < a.Promised && cfg.Rules.On(KeepPromise) {
		if cfg.StaleAccept == StaleIgnore {
			return Result{Effect: Ignored}
		}
		return Result{Refused, []Message{a.refuse(m)}}
	}
	return a.Vote(m, cfg)
}

// Vote votes for the accept request m: below its promise only with
// keep-promise off (CheckVote says so).
func (a *Acceptor) Vote(m Message, cfg *Config) Result {
	effect := Voted
	if m.Ballot < a.Promised {
		effect = VotedBelowPromise
	}
	a.Promised = max(a.Promised, m.Ballot)
	// "It keeps only its highest vote."
	if m.Ballot >= a.Voted.Ballot {
		a.Voted = Vote{m.Ballot, m.Value}
	}
	sent := make([]Message, 0, 1+cfg.Learners)
	vote := Message{Type: Accepted, From: a.id(), To: m.From, Ballot: m.Ballot, Value: m.Value}
	sent = append(sent, vote)
	for l := 1; l <= cfg.Learners; l++ {
		vote.To = L(l)
		sent = append(sent, vote)
	}
	return Result{effect, sent}
}

// The decisions of an acceptor played by hand, on a message it holds.
// Ignoring one needs no method: it sends nothing and changes nothing.

// CheckPromise says why the acceptor may not answer prepare m with a
// promise that reports report as its last vote, or nil: with
// promise-reports-vote on, the report must be its vote.
func (a *Acceptor) CheckPromise(m Message, report Vote, cfg *Config) error {
	if report == a.Voted || !cfg.Rules.On(PromiseReportsVote) {
		return nil
	}
	if a.Voted.None() {
		return refuseBy(PromiseReportsVote, FalseReport, "A%d has not voted; its promise must say so — promise-reports-vote", a.N)
	}
	return refuseBy(PromiseReportsVote, FalseReport, "A%d voted %s in %d; its promise must say so — promise-reports-vote", a.N, a.Voted.Value, a.Voted.Ballot)
}

// PromiseReporting answers prepare m with a promise that reports report.
// Below its promise it is the false expectation of the course: a promise,
// while the promise it keeps stays higher, so it will never vote in m's
// ballot (with keep-promise on).
func (a *Acceptor) PromiseReporting(m Message, report Vote) Result {
	effect := Promised
	if m.Ballot >= a.Promised {
		a.Promised = m.Ballot
	} else {
		effect = PromisedStale
	}
	return Result{effect, []Message{{Type: Promise, From: a.id(), To: m.From, Ballot: m.Ballot, Vote: report}}}
}

// Refuse answers prepare or accept request m with a refusal that carries
// its promise. Refusing is always safe.
func (a *Acceptor) Refuse(m Message) Result { return Result{Refused, []Message{a.refuse(m)}} }

// CheckVote says why the acceptor may not vote for accept request m, or
// nil: with keep-promise on, not below its promise.
func (a *Acceptor) CheckVote(m Message, cfg *Config) error {
	if m.Ballot < a.Promised && cfg.Rules.On(KeepPromise) {
		return refuseBy(KeepPromise, BelowPromise, "A%d promised not to vote below %d; it may not vote in %d — keep-promise", a.N, a.Promised, m.Ballot)
	}
	return nil
}

// Restart brings the acceptor back after a crash: with durable-acceptors
// on it remembers everything; off, it restarts blank.
func (a *Acceptor) Restart(cfg *Config) {
	if !cfg.Rules.On(DurableAcceptors) {
		a.Promised, a.Voted = 0, Vote{}
	}
}
