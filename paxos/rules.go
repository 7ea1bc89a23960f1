package paxos

import "fmt"

// Rule is one of the seven rules of the protocol that the what-if lab can
// switch off. Each is on by default; with one off the protocol is unsafe.
type Rule uint8

const (
	UniqueBallots      Rule = iota // a ballot belongs to one proposer (b mod n)
	PromiseReportsVote             // promises carry the last vote
	AdoptHighestVote               // a proposer adopts the highest-ballot vote reported
	KeepPromise                    // an acceptor never votes below its promise
	MajorityQuorum                 // a quorum is a majority of the acceptors
	DurableAcceptors               // acceptors remember promise and vote across a crash
	SameBallotMajority             // learners count votes within one ballot
	numRules
)

var ruleNames = [numRules]string{
	"unique-ballots",
	"promise-reports-vote",
	"adopt-highest-vote",
	"keep-promise",
	"majority-quorum",
	"durable-acceptors",
	"same-ballot-majority",
}

// AllRules lists the rules in their documented order.
func AllRules() []Rule {
	rs := make([]Rule, numRules)
	for i := range rs {
		rs[i] = Rule(i)
	}
	return rs
}

func (r Rule) String() string {
	if r < numRules {
		return ruleNames[r]
	}
	return fmt.Sprintf("rule(%d)", uint8(r))
}

// RuleByName finds a rule by its name, such as "keep-promise".
func RuleByName(name string) (Rule, bool) {
	for i, n := range ruleNames {
		if n == name {
			return Rule(i), true
		}
	}
	return 0, false
}

// Rules is the set of rules switched off; the zero value has all rules on.
type Rules struct{ off uint8 }

// On reports whether rule r is in force.
func (rs Rules) On(r Rule) bool { return rs.off&(1<<r) == 0 }

// Set switches rule r on or off.
func (rs *Rules) Set(r Rule, on bool) {
	if on {
		rs.off &^= 1 << r
	} else {
		rs.off |= 1 << r
	}
}

// StalePolicy is what an acceptor does with a prepare below its promise.
type StalePolicy uint8

const (
	StaleRefuse  StalePolicy = iota // reply with a refusal carrying the promise
	StaleIgnore                     // no reply: an acceptor does not have to reply
	StalePromise                    // the "false expectation": promise, but never vote there
)

var staleNames = []string{"refuse", "ignore", "promise"}

func (p StalePolicy) String() string { return staleNames[p] }

// StalePolicyByName parses refuse, ignore or promise.
func StalePolicyByName(name string) (StalePolicy, bool) {
	for i, n := range staleNames {
		if n == name {
			return StalePolicy(i), true
		}
	}
	return 0, false
}

// Limits of the cluster's size.
const (
	MaxProposers = 9
	MaxAcceptors = 9
	MaxLearners  = 5
)

// MaxBallot is the highest ballot a game may use: far more than any game
// needs, and far enough below the largest int that ballot arithmetic
// (the next ballot a proposer owns) never overflows.
const MaxBallot Ballot = 999_999_999

// Config is everything the roles need to know about the cluster.
type Config struct {
	Proposers, Acceptors, Learners int
	Rules                          Rules
	Stale                          StalePolicy // what an acceptor does with a prepare below its promise
	// StaleAccept is what it does with an accept request below its
	// promise: refuse (the default) or ignore. "An acceptor does not have
	// to reply to anything."
	StaleAccept StalePolicy
	// Manual: a proposer waits for the player to send its accept request
	// (2a) instead of sending it the moment a majority has promised.
	Manual bool
}

// DefaultConfig is the cluster of the course: 5 proposers, 3 acceptors, 2
// learners, every rule on, stale prepares refused, phase 2 automatic.
func DefaultConfig() Config {
	return Config{Proposers: 5, Acceptors: 3, Learners: 2}
}

// Quorum is how many acceptors make a quorum: a majority, or ⌊m/2⌋ (at
// least 1) when the majority-quorum rule is off.
func (c Config) Quorum() int {
	if c.Rules.On(MajorityQuorum) {
		return c.Acceptors/2 + 1
	}
	return max(c.Acceptors/2, 1)
}

// Owner is the proposer that owns ballot b: b mod n == i mod n.
func (c Config) Owner(b Ballot) int {
	i := int(b) % c.Proposers
	if i == 0 {
		i = c.Proposers
	}
	return i
}

// Validate checks the sizes of the cluster.
func (c Config) Validate() error {
	switch {
	case c.Proposers < 1 || c.Proposers > MaxProposers:
		return fmt.Errorf("proposers must be 1 to %d, not %d", MaxProposers, c.Proposers)
	case c.Acceptors < 1 || c.Acceptors > MaxAcceptors:
		return fmt.Errorf("acceptors must be 1 to %d, not %d", MaxAcceptors, c.Acceptors)
	case c.Learners < 0 || c.Learners > MaxLearners:
		return fmt.Errorf("learners must be 0 to %d, not %d", MaxLearners, c.Learners)
	}
	return nil
}
