package game

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"paxosgame/paxos"
)

// Every refusal says why as data, its cause and what it concerns, and
// its sentence is the one the game has always said. errors.As finds it
// through Load's error and through any wrapping.
func TestRefusalsAreTyped(t *testing.T) {
	for _, tc := range []struct {
		script string   // the last line is refused
		want   *Refusal // Err is compared by being nil or not
		text   string
	}{
		{"propose P2 17\nrule keep-promise off", &Refusal{Cause: SetupTooLate, Verb: VRule, Undo: true},
			"rule is a setup command: it must come before the first action (undo to step 0 to change the setup)"},
		{"set A1 voted 10 \"5 EUR\"\nconfig acceptors 5", &Refusal{Cause: ConfigAfterSet, Verb: VConfig},
			"config must come before set: changing the cluster would forget the state set so far"},
		{"config learners 0\ndrop 1b A1->L1", &Refusal{Cause: NoSuchNode, Verb: VDrop, Node: paxos.L(1)},
			"there is no L1: this cluster has no learners"},
		{"propose P7 17", &Refusal{Cause: NoSuchNode, Verb: VPropose, Node: paxos.P(7), Have: 5},
			"there is no P7: this cluster has P1 to P5"},
		{"set A4 promised 3", &Refusal{Cause: NoSuchNode, Verb: VSet, Node: paxos.A(4), Have: 3},
			"there is no A4: this cluster has A1 to A3"},
		{"crash P2\npropose P2", &Refusal{Cause: NodeDown, Verb: VPropose, Node: paxos.P(2)},
			"P2 is down; restart it first"},
		{"mode manual\ncrash P2\naccept P2", &Refusal{Cause: NodeDown, Verb: VAccept, Node: paxos.P(2)},
			"P2 is down; restart it first"},
		{"crash A1\ncrash A1", &Refusal{Cause: AlreadyDown, Verb: VCrash, Node: paxos.A(1)},
			"A1 is already down"},
		{"restart A1", &Refusal{Cause: AlreadyUp, Verb: VRestart, Node: paxos.A(1)},
			"A1 is running; only a crashed node can restart"},
		{"propose P2 17\ndeliver 1b A1->P2", &Refusal{Cause: NoMessage, Verb: VDeliver, Sel: Selector{Type: paxos.Promise, From: paxos.A(1), To: paxos.P(2)}},
			"no message in flight matches 1b A1->P2"},
		{"propose P2 17\ndeliver #9", &Refusal{Cause: NoMessage, Verb: VDeliver, Sel: Selector{ID: 9}},
			"no message #9 is in flight"},
		{"propose P2 17\nduplicate #1\ndeliver 1a P2->A1", &Refusal{Cause: AmbiguousMessage, Verb: VDeliver, Sel: Selector{Type: paxos.Prepare, From: paxos.P(2), To: paxos.A(1)}, IDs: []int{1, 4}},
			"2 messages in flight match 1a P2->A1: #1 #4; say which by id"},
		{"propose P4 42", &Refusal{Cause: BallotNotOwned, Verb: VPropose, Node: paxos.P(4), Ballot: 42, Err: errors.ErrUnsupported},
			"42 mod 5 = 2: ballot 42 belongs to P2; P4's next ballot above 42 is 44"},
		{"propose P2 17\npropose P2 12", &Refusal{Cause: BallotUsed, Verb: VPropose, Node: paxos.P(2), Ballot: 12, Err: errors.ErrUnsupported},
			"P2 already used ballot 17 and a proposer's ballots strictly increase; its next ballot is 22"},
		{"set A1 promised 999999999\nset A2 promised 999999999\npropose P2 2\ndeliver all\npropose P2",
			&Refusal{Cause: BallotRange, Verb: VPropose, Node: paxos.P(2), Ballot: 1000000002, Err: errors.ErrUnsupported},
			"ballot 1000000002 is too high: ballots go up to 999999999"},
		{"propose P2 17\naccept P2", &Refusal{Cause: AutoMode, Verb: VAccept, Node: paxos.P(2)},
			"in auto mode P2 sends its accept requests by itself the moment a majority has promised; switch to manual mode (mode manual) to choose the moment"},
		{"mode manual\naccept P2", &Refusal{Cause: NotRunning, Verb: VAccept, Node: paxos.P(2), Err: errors.ErrUnsupported},
			"P2 is not running a ballot (it is idle); propose first"},
		{"mode manual\npropose P2 17\ndeliver 1a P2->A1\ndeliver 1b A1->P2\naccept P2", &Refusal{Cause: NoQuorum, Verb: VAccept, Node: paxos.P(2), Err: errors.ErrUnsupported},
			"P2 has promises from 1 of 3 acceptors for ballot 17; it needs a majority of 2 before it may ask for votes"},
		{"mode manual\npropose P2 17\ndeliver all\ndeliver all\naccept P2\naccept P2", &Refusal{Cause: AcceptsSent, Verb: VAccept, Node: paxos.P(2), Err: errors.ErrUnsupported},
			"P2 already sent its accept requests for ballot 17"},
	} {
		cmds, perr := Parse("r.paxos", tc.script)
		if perr != nil {
			t.Fatal(perr)
		}
		_, err := Load("r.paxos", cmds)
		var r *Refusal
		if !errors.As(fmt.Errorf("wrapped: %w", err), &r) {
			t.Errorf("%q: %v is no *Refusal", tc.script, err)
			continue
		}
		if got, want := *r, *tc.want; (got.Err == nil) != (want.Err == nil) {
			t.Errorf("%q: %v wraps %v", tc.script, err, got.Err)
		} else if got.Err, want.Err = nil, nil; !reflect.DeepEqual(got, want) {
			t.Errorf("%q:\n got %+v\nwant %+v", tc.script, got, want)
		}
		if r.Error() != tc.text {
			t.Errorf("%q: %q, want %q", tc.script, r.Error(), tc.text)
		}
		var le *Error
		if !errors.As(err, &le) || le.Kind != Refused || le.Msg != "refused: "+tc.script[strings.LastIndex(tc.script, "\n")+1:]+": "+tc.text {
			t.Errorf("%q: Load's error %#v", tc.script, err)
		}
	}
}

// A world refuses a setup command after an action, and an expect, which
// Check and not Apply checks; a game refuses a jump outside its history.
func TestRefusalsOfWorldAndGame(t *testing.T) {
	w := NewWorld()
	if _, err := w.Apply(Command{Verb: VPropose, Node: paxos.P(1)}); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		c    Command
		want RefusalCause
		text string
	}{
		{Command{Verb: VMode, Manual: true}, SetupTooLate, "mode is a setup command: it must come before the first action"},
		{Command{Verb: VExpect, Expect: ExpectAgreement}, NotAnAction, "expect is not an action"},
	} {
		_, err := w.Apply(tc.c)
		var r *Refusal
		if !errors.As(err, &r) || r.Cause != tc.want || err.Error() != tc.text {
			t.Errorf("%s: %#v", tc.c, err)
		}
	}
	// A command built, not parsed, may ask for a cluster the protocol
	// does not allow.
	g := NewGame()
	_, err := g.Exec(Command{Verb: VConfig, Proposers: 10, Learners: -1})
	var r *Refusal
	if !errors.As(err, &r) || r.Cause != ClusterSize || r.Err == nil || err.Error() != "proposers must be 1 to 9, not 10" {
		t.Errorf("config proposers 10: %#v", err)
	}
	err = g.Jump(3)
	if !errors.As(err, &r) || r.Cause != NoSuchStep || r.Step != 3 || err.Error() != "there is no step 3: the history has steps 0 to 0" {
		t.Errorf("jump 3: %#v", err)
	}
}

// A command built as a value, not parsed, may name any node: propose and
// accept at a node that is not a proposer are refused, never read as the
// proposer of the same number.
func TestProposeAtANodeThatIsNotAProposer(t *testing.T) {
	w := NewWorld()
	for _, c := range []Command{{Verb: VPropose, Node: paxos.A(1)}, {Verb: VAccept, Node: paxos.L(1)}} {
		_, err := w.Apply(c)
		var r *Refusal
		if !errors.As(err, &r) || r.Cause != NotAProposer {
			t.Errorf("%v: %v, want a refusal NotAProposer", c.Node, err)
		}
	}
	if w.Step != 0 || w.NumInFlight() != 0 {
		t.Errorf("a refused command changed the world: %s", w.Describe())
	}
}

// Issue 8: "set A1 promised 17 after set A1 voted 20 "X" erases the vote
// silently; refuse it."
func TestSetPromiseBelowAVoteIsRefused(t *testing.T) {
	w := NewWorld()
	if _, err := w.Apply(Command{Verb: VSet, Node: paxos.A(1), Field: FieldVoted, Ballot: 20, Value: "X"}); err != nil {
		t.Fatal(err)
	}
	_, err := w.Apply(Command{Verb: VSet, Node: paxos.A(1), Field: FieldPromised, Ballot: 17})
	var r *Refusal
	if !errors.As(err, &r) || r.Cause != PromiseBelowVote {
		t.Fatalf("set A1 promised 17: %v, want PromiseBelowVote", err)
	}
	if a := w.Acceptor(1); a.Voted != (paxos.Vote{Ballot: 20, Value: "X"}) || a.Promised != 20 {
		t.Errorf("the refused set changed A1: %+v", *a)
	}
	if _, err := w.Apply(Command{Verb: VSet, Node: paxos.A(1), Field: FieldPromised, Ballot: 25}); err != nil {
		t.Errorf("a promise above the vote: %v", err)
	}
}
