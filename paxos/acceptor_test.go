package paxos

import (
	"errors"
	"reflect"
	"testing"
)

// Each test quotes the sentence of DESIGN.md §2 or §3 that it checks, then
// builds a role, steps it with one message and compares the messages it
// sends and the state it keeps, as etcd raft's raft_paper_test.go does
// with the sentences of the Raft paper.

func prepare(from int, b Ballot, to int) Message {
	return Message{Type: Prepare, From: P(from), To: A(to), Ballot: b}
}

func accept(from int, b Ballot, v Value, to int) Message {
	return Message{Type: Accept, From: P(from), To: A(to), Ballot: b, Value: v}
}

func checkResult(t *testing.T, got Result, effect Effect, sent []Message) {
	t.Helper()
	if got.Effect != effect {
		t.Errorf("effect %d, want %d", got.Effect, effect)
	}
	if len(got.Sent) != 0 || len(sent) != 0 {
		if !reflect.DeepEqual(got.Sent, sent) {
			t.Errorf("sent\n  %+v\nwant\n  %+v", got.Sent, sent)
		}
	}
}

func checkAcceptor(t *testing.T, a Acceptor, promised Ballot, voted Vote) {
	t.Helper()
	if a.Promised != promised || a.Voted != voted {
		t.Errorf("acceptor promised %d voted %v, want promised %d voted %v", a.Promised, a.Voted, promised, voted)
	}
}

// "prepare b: if b >= promised → promised = b, reply promise(b, last vote)."
func TestAcceptorPromisesAtOrAboveItsPromise(t *testing.T) {
	cfg := DefaultConfig()
	for _, tc := range []struct {
		name     string
		promised Ballot
		voted    Vote
		b        Ballot
	}{
		{"blank", 0, Vote{}, 17},
		{"above its promise", 10, Vote{}, 17},
		{"equal to its promise", 17, Vote{}, 17},
		{"with a vote", 10, Vote{10, "5 EUR"}, 17},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := Acceptor{N: 1, Promised: tc.promised, Voted: tc.voted}
			res := a.Step(prepare(2, tc.b, 1), &cfg)
			checkResult(t, res, Promised, []Message{{Type: Promise, From: A(1), To: P(2), Ballot: tc.b, Vote: tc.voted}})
			checkAcceptor(t, a, tc.b, tc.voted)
		})
	}
}

// "If b < promised → per the stale-prepare policy: refuse (default:
// refusal carrying promised), ignore (no reply ...), or promise (... it
// answers promise(b, last vote) but does not lower promised, so it will
// never vote in b)."
func TestAcceptorStalePreparePolicies(t *testing.T) {
	voted := Vote{12, "8 EUR"}
	for _, tc := range []struct {
		policy StalePolicy
		effect Effect
		sent   []Message
	}{
		{StaleRefuse, Refused, []Message{{Type: Nack, From: A(2), To: P(5), Ballot: 10, Promised: 17}}},
		{StaleIgnore, Ignored, nil},
		{StalePromise, PromisedStale, []Message{{Type: Promise, From: A(2), To: P(5), Ballot: 10, Vote: voted}}},
	} {
		t.Run(tc.policy.String(), func(t *testing.T) {
			cfg := DefaultConfig()
			cfg.Stale = tc.policy
			a := Acceptor{N: 2, Promised: 17, Voted: voted}
			res := a.Step(prepare(5, 10, 2), &cfg)
			checkResult(t, res, tc.effect, tc.sent)
			checkAcceptor(t, a, 17, voted)
			// "so it will never vote in b": whatever it answered, an
			// accept request in 10 is not voted for.
			res = a.Step(accept(5, 10, "10 EUR", 2), &cfg)
			if res.Effect == Voted || res.Effect == VotedBelowPromise {
				t.Errorf("voted in 10 after promising 17")
			}
			checkAcceptor(t, a, 17, voted)
		})
	}
}

// "accept (b, v): if b >= promised → promised = b, voted = (b, v), send
// accepted(b, v) to the proposer and to every learner."
func TestAcceptorVotesAndTellsProposerAndEveryLearner(t *testing.T) {
	for _, learners := range []int{0, 1, 2, 5} {
		cfg := DefaultConfig()
		cfg.Learners = learners
		a := Acceptor{N: 3, Promised: 17}
		res := a.Step(accept(2, 20, "5 EUR", 3), &cfg)
		want := []Message{{Type: Accepted, From: A(3), To: P(2), Ballot: 20, Value: "5 EUR"}}
		for l := 1; l <= learners; l++ {
			want = append(want, Message{Type: Accepted, From: A(3), To: L(l), Ballot: 20, Value: "5 EUR"})
		}
		checkResult(t, res, Voted, want)
		checkAcceptor(t, a, 20, Vote{20, "5 EUR"})
	}
}

// "Else refuse (or ignore, per policy)": the stale-accept policy, not the
// stale-prepare one, decides (issue 9: "policy stale-accept
// refuse|ignore (refuse, as today, by default)").
func TestAcceptorRefusesAnAcceptBelowItsPromise(t *testing.T) {
	nack := []Message{{Type: Nack, From: A(1), To: P(2), Ballot: 17, Promised: 20}}
	for _, tc := range []struct {
		name           string
		prepare, accep StalePolicy
		effect         Effect
		sent           []Message
	}{
		{"default", StaleRefuse, StaleRefuse, Refused, nack},
		{"stale-accept ignore", StaleRefuse, StaleIgnore, Ignored, nil},
		{"stale-prepare ignore", StaleIgnore, StaleRefuse, Refused, nack},
		{"stale-prepare promise", StalePromise, StaleRefuse, Refused, nack},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := DefaultConfig()
			cfg.Stale, cfg.StaleAccept = tc.prepare, tc.accep
			a := Acceptor{N: 1, Promised: 20}
			res := a.Step(accept(2, 17, "8 EUR", 1), &cfg)
			checkResult(t, res, tc.effect, tc.sent)
			checkAcceptor(t, a, 20, Vote{})
		})
	}
}

// keep-promise off: "it votes in any ballot"; and still "It keeps only its
// highest vote."
func TestAcceptorWithKeepPromiseOffVotesBelowItsPromise(t *testing.T) {
	cfg := DefaultConfig()
	cfg.Rules.Set(KeepPromise, false)
	a := Acceptor{N: 1, Promised: 20, Voted: Vote{20, "10 EUR"}}
	res := a.Step(accept(2, 17, "8 EUR", 1), &cfg)
	want := []Message{
		{Type: Accepted, From: A(1), To: P(2), Ballot: 17, Value: "8 EUR"},
		{Type: Accepted, From: A(1), To: L(1), Ballot: 17, Value: "8 EUR"},
		{Type: Accepted, From: A(1), To: L(2), Ballot: 17, Value: "8 EUR"},
	}
	checkResult(t, res, VotedBelowPromise, want)
	checkAcceptor(t, a, 20, Vote{20, "10 EUR"})

	// Below its promise but above its vote, the new vote is its highest.
	a = Acceptor{N: 1, Promised: 20, Voted: Vote{12, "10 EUR"}}
	a.Step(accept(2, 17, "8 EUR", 1), &cfg)
	checkAcceptor(t, a, 20, Vote{17, "8 EUR"})
}

// "promise-reports-vote off: promises say none."
func TestAcceptorWithPromiseReportsVoteOffSaysNone(t *testing.T) {
	cfg := DefaultConfig()
	cfg.Rules.Set(PromiseReportsVote, false)
	a := Acceptor{N: 1, Promised: 10, Voted: Vote{10, "5 EUR"}}
	res := a.Step(prepare(2, 17, 1), &cfg)
	checkResult(t, res, Promised, []Message{{Type: Promise, From: A(1), To: P(2), Ballot: 17}})
	checkAcceptor(t, a, 17, Vote{10, "5 EUR"}) // it still has the vote; it only does not say so
}

// "durable state: promised, voted"; durable-acceptors off: "they restart
// blank".
func TestAcceptorRestart(t *testing.T) {
	cfg := DefaultConfig()
	a := Acceptor{N: 1, Promised: 17, Voted: Vote{17, "8 EUR"}}
	a.Restart(&cfg)
	checkAcceptor(t, a, 17, Vote{17, "8 EUR"})

	cfg.Rules.Set(DurableAcceptors, false)
	a.Restart(&cfg)
	checkAcceptor(t, a, 0, Vote{})
}

// An acceptor handles only prepares and accept requests.
func TestAcceptorIgnoresOtherMessages(t *testing.T) {
	cfg := DefaultConfig()
	a := Acceptor{N: 1, Promised: 17}
	for _, typ := range []MsgType{Promise, Nack, Accepted} {
		res := a.Step(Message{Type: typ, From: P(2), To: A(1), Ballot: 20}, &cfg)
		checkResult(t, res, Ignored, nil)
		checkAcceptor(t, a, 17, Vote{})
	}
}

// DESIGN §2, nodes played by hand: "an acceptor may promise, refuse or
// ignore a prepare … A decision that a rule forbids (a promise that hides
// the last vote, a vote below the promise …) is refused with that rule's
// reason; with the rule off it is taken."
func TestAcceptorDecisionsByHand(t *testing.T) {
	cfg := DefaultConfig()
	a := Acceptor{N: 1, Promised: 10, Voted: Vote{10, "5 EUR"}}
	p17 := Message{Type: Prepare, From: P(2), To: A(1), Ballot: 17}
	if err := a.CheckPromise(p17, a.Voted, &cfg); err != nil {
		t.Errorf("a promise that reports the vote: %v", err)
	}
	err := a.CheckPromise(p17, Vote{}, &cfg)
	var r *Refusal
	if !errors.As(err, &r) || r.Rule != PromiseReportsVote || r.Reason != FalseReport || err.Error() != "A1 voted 5 EUR in 10; its promise must say so — promise-reports-vote" {
		t.Errorf("a promise that hides the vote: %v", err)
	}
	off := cfg
	off.Rules.Set(PromiseReportsVote, false)
	if err := a.CheckPromise(p17, Vote{}, &off); err != nil {
		t.Errorf("with promise-reports-vote off: %v", err)
	}
	res := a.PromiseReporting(p17, Vote{})
	checkResult(t, res, Promised, []Message{{Type: Promise, From: A(1), To: P(2), Ballot: 17}})
	checkAcceptor(t, a, 17, Vote{10, "5 EUR"})
	// Below the promise: the false expectation, and the promise stays.
	res = a.PromiseReporting(Message{Type: Prepare, From: P(5), To: A(1), Ballot: 15}, a.Voted)
	checkResult(t, res, PromisedStale, []Message{{Type: Promise, From: A(1), To: P(5), Ballot: 15, Vote: Vote{10, "5 EUR"}}})
	checkAcceptor(t, a, 17, Vote{10, "5 EUR"})

	acc15 := Message{Type: Accept, From: P(5), To: A(1), Ballot: 15, Value: "8 EUR"}
	if err := a.CheckVote(acc15, &cfg); !errors.As(err, &r) || r.Rule != KeepPromise || err.Error() != "A1 promised not to vote below 17; it may not vote in 15 — keep-promise" {
		t.Errorf("a vote below the promise: %v", err)
	}
	off = cfg
	off.Rules.Set(KeepPromise, false)
	if err := a.CheckVote(acc15, &off); err != nil {
		t.Errorf("with keep-promise off: %v", err)
	}
	cfg.Learners = 0
	res = a.Vote(acc15, &cfg)
	checkResult(t, res, VotedBelowPromise, []Message{{Type: Accepted, From: A(1), To: P(5), Ballot: 15, Value: "8 EUR"}})
	// "It keeps only its highest vote."
	checkAcceptor(t, a, 17, Vote{15, "8 EUR"})
	checkResult(t, a.Refuse(acc15), Refused, []Message{{Type: Nack, From: A(1), To: P(5), Ballot: 15, Promised: 17}})
}
