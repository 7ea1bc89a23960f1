package paxos

import (
	"reflect"
	"testing"
)

// "quorum = majority of acceptors"; majority-quorum off: "quorum = ⌊m/2⌋
// (not a majority)". With one acceptor ⌊1/2⌋ is 0, and a quorum of no
// acceptor would choose without a vote: the helper keeps it at 1.
func TestQuorum(t *testing.T) {
	majority := []int{0, 1, 2, 2, 3, 3, 4, 4, 5, 5}
	notMajority := []int{0, 1, 1, 1, 2, 2, 3, 3, 4, 4}
	for m := 1; m <= MaxAcceptors; m++ {
		cfg := DefaultConfig()
		cfg.Acceptors = m
		if got := cfg.Quorum(); got != majority[m] {
			t.Errorf("%d acceptors: quorum %d, want %d", m, got, majority[m])
		}
		// Any two majorities intersect.
		if 2*cfg.Quorum() <= m {
			t.Errorf("%d acceptors: two quorums of %d need not meet", m, cfg.Quorum())
		}
		cfg.Rules.Set(MajorityQuorum, false)
		if got := cfg.Quorum(); got != notMajority[m] {
			t.Errorf("%d acceptors, rule off: quorum %d, want %d", m, got, notMajority[m])
		}
	}
}

func TestSet(t *testing.T) {
	var s Set
	if s.Len() != 0 || s.Has(1) || len(s.Members()) != 0 {
		t.Fatalf("the empty set is not empty: %v", s.Members())
	}
	s = s.Add(3).Add(1).Add(9).Add(3)
	if s.Len() != 3 || !s.Has(1) || !s.Has(3) || !s.Has(9) || s.Has(2) {
		t.Errorf("set %v", s.Members())
	}
	if got := s.Members(); !reflect.DeepEqual(got, []int{1, 3, 9}) {
		t.Errorf("Members = %v, want [1 3 9]", got)
	}
	cfg := DefaultConfig() // 3 acceptors: a quorum is 2
	if Set(0).Add(1).Reached(&cfg) || !Set(0).Add(1).Add(2).Reached(&cfg) {
		t.Errorf("Reached is wrong for 3 acceptors")
	}
}

// "Each rule is on by default"; each can be switched off and on again, and
// is named as the scripts name it.
func TestRules(t *testing.T) {
	cfg := DefaultConfig()
	rules := AllRules()
	if len(rules) != 7 {
		t.Fatalf("%d rules, want the seven of DESIGN §3", len(rules))
	}
	names := []string{"unique-ballots", "promise-reports-vote", "adopt-highest-vote", "keep-promise",
		"majority-quorum", "durable-acceptors", "same-ballot-majority"}
	for i, r := range rules {
		if r.String() != names[i] {
			t.Errorf("rule %d is %q, want %q", i, r, names[i])
		}
		if got, ok := RuleByName(names[i]); !ok || got != r {
			t.Errorf("RuleByName(%q) = %v, %v", names[i], got, ok)
		}
		if !cfg.Rules.On(r) {
			t.Errorf("%s is off by default", r)
		}
	}
	for _, r := range rules {
		rs := Rules{}
		rs.Set(r, false)
		for _, other := range rules {
			if rs.On(other) != (other != r) {
				t.Errorf("switching %s off: %s is on=%v", r, other, rs.On(other))
			}
		}
		rs.Set(r, true)
		if rs != (Rules{}) {
			t.Errorf("switching %s back on does not restore the defaults", r)
		}
	}
	if _, ok := RuleByName("keep-promises"); ok {
		t.Errorf("RuleByName accepts a misspelt rule")
	}
}

func TestStalePolicyNames(t *testing.T) {
	for _, p := range []StalePolicy{StaleRefuse, StaleIgnore, StalePromise} {
		if got, ok := StalePolicyByName(p.String()); !ok || got != p {
			t.Errorf("StalePolicyByName(%q) = %v, %v", p.String(), got, ok)
		}
	}
	if DefaultConfig().Stale != StaleRefuse {
		t.Errorf("the default policy is %s, want refuse", DefaultConfig().Stale)
	}
}

// "Proposers P1..Pn (default 5), acceptors A1..Am (default 3 ...), learners
// L1..Lk (default 2)"; sizes 1-9, 1-9, 0-5.
func TestConfig(t *testing.T) {
	cfg := DefaultConfig()
	if cfg.Proposers != 5 || cfg.Acceptors != 3 || cfg.Learners != 2 || cfg.Manual {
		t.Errorf("default config %+v", cfg)
	}
	for _, tc := range []struct {
		p, a, l int
		ok      bool
	}{
		{1, 1, 0, true}, {9, 9, 5, true}, {0, 3, 2, false}, {10, 3, 2, false},
		{5, 0, 2, false}, {5, 10, 2, false}, {5, 3, -1, false}, {5, 3, 6, false},
	} {
		c := Config{Proposers: tc.p, Acceptors: tc.a, Learners: tc.l}
		if err := c.Validate(); (err == nil) != tc.ok {
			t.Errorf("%d/%d/%d: Validate = %v", tc.p, tc.a, tc.l, err)
		}
	}
}

func TestMessageCodes(t *testing.T) {
	for t2, code := range map[MsgType]string{Prepare: "1a", Promise: "1b", Nack: "nack", Accept: "2a", Accepted: "2b"} {
		if t2.Code() != code {
			t.Errorf("%s code %q, want %q", t2.Word(), t2.Code(), code)
		}
		if got, ok := MsgTypeFromCode(code); !ok || got != t2 {
			t.Errorf("MsgTypeFromCode(%q) = %v, %v", code, got, ok)
		}
	}
	if _, ok := MsgTypeFromCode("3a"); ok {
		t.Errorf("3a is a message type")
	}
	for _, tc := range []struct {
		m    Message
		want string
	}{
		{Message{Type: Promise, Ballot: 17, Vote: Vote{10, "5 EUR"}}, `promise 17 · voted 10 "5 EUR"`},
		{Message{Type: Promise, Ballot: 17}, "promise 17 · no vote"},
		{Message{Type: Nack, Ballot: 10, Promised: 17}, "refuse 10 · promised 17"},
		{Message{Type: Accept, Ballot: 17, Value: "5 EUR"}, `accept 17 "5 EUR"`},
	} {
		if got := tc.m.Summary(); got != tc.want {
			t.Errorf("Summary = %q, want %q", got, tc.want)
		}
	}
}
