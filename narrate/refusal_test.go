package narrate

import (
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"paxosgame/game"
	"paxosgame/paxos"
)

// Every refusal says why as data, its cause and what it concerns, and
// the narrator's sentence is the one the game has always said. errors.As finds it
// through Load's error and through any wrapping.
func TestRefusalsAreTyped(t *testing.T) {
	for _, tc := range []struct {
		script string        // the last line is refused
		want   *game.Refusal // Err is compared by being nil or not
		text   string
	}{
		{"propose P2 17\nrule keep-promise off", &game.Refusal{Cause: game.SetupTooLate, Verb: game.VRule, Undo: true},
			"rule is a setup command: it must come before the first action (undo to step 0 to change the setup)"},
		{"set A1 voted 10 \"5 EUR\"\nconfig acceptors 5", &game.Refusal{Cause: game.ConfigAfterSet, Verb: game.VConfig},
			"config must come before set: changing the cluster would forget the state set so far"},
		{"config learners 0\ndrop 1b A1->L1", &game.Refusal{Cause: game.NoSuchNode, Verb: game.VDrop, Node: paxos.L(1)},
			"there is no L1: this cluster has no learners"},
		{"propose P7 17", &game.Refusal{Cause: game.NoSuchNode, Verb: game.VPropose, Node: paxos.P(7), Have: 5},
			"there is no P7: this cluster has P1 to P5"},
		{"set A4 promised 3", &game.Refusal{Cause: game.NoSuchNode, Verb: game.VSet, Node: paxos.A(4), Have: 3},
			"there is no A4: this cluster has A1 to A3"},
		{"crash P2\npropose P2", &game.Refusal{Cause: game.NodeDown, Verb: game.VPropose, Node: paxos.P(2)},
			"P2 is down; restart it first"},
		{"mode manual\ncrash P2\naccept P2", &game.Refusal{Cause: game.NodeDown, Verb: game.VAccept, Node: paxos.P(2)},
			"P2 is down; restart it first"},
		{"crash A1\ncrash A1", &game.Refusal{Cause: game.AlreadyDown, Verb: game.VCrash, Node: paxos.A(1)},
			"A1 is already down"},
		{"restart A1", &game.Refusal{Cause: game.AlreadyUp, Verb: game.VRestart, Node: paxos.A(1)},
			"A1 is running; only a crashed node can restart"},
		{"propose P2 17\ndeliver 1b A1->P2", &game.Refusal{Cause: game.NoMessage, Verb: game.VDeliver, Sel: game.Selector{Type: paxos.Promise, From: paxos.A(1), To: paxos.P(2)}},
			"no message in flight matches 1b A1->P2"},
		{"propose P2 17\ndeliver #9", &game.Refusal{Cause: game.NoMessage, Verb: game.VDeliver, Sel: game.Selector{ID: 9}},
			"no message #9 is in flight"},
		{"propose P2 17\nduplicate #1\ndeliver 1a P2->A1", &game.Refusal{Cause: game.AmbiguousMessage, Verb: game.VDeliver, Sel: game.Selector{Type: paxos.Prepare, From: paxos.P(2), To: paxos.A(1)}, IDs: []int{1, 4}},
			"2 messages in flight match 1a P2->A1: #1 #4; say which by id"},
		{"propose P4 42", &game.Refusal{Cause: game.BallotNotOwned, Verb: game.VPropose, Node: paxos.P(4), Ballot: 42, Err: errors.ErrUnsupported},
			"42 mod 5 = 2: ballot 42 belongs to P2; P4's next ballot above 42 is 44"},
		{"propose P2 17\npropose P2 12", &game.Refusal{Cause: game.BallotUsed, Verb: game.VPropose, Node: paxos.P(2), Ballot: 12, Err: errors.ErrUnsupported},
			"P2 already used ballot 17 and a proposer's ballots strictly increase; its next ballot is 22"},
		{"set A1 promised 999999999\nset A2 promised 999999999\npropose P2 2\ndeliver all\npropose P2",
			&game.Refusal{Cause: game.BallotRange, Verb: game.VPropose, Node: paxos.P(2), Ballot: 1000000002, Err: errors.ErrUnsupported},
			"ballot 1000000002 is too high: ballots go up to 999999999"},
		{"propose P2 17\naccept P2", &game.Refusal{Cause: game.AutoMode, Verb: game.VAccept, Node: paxos.P(2)},
			"in auto mode P2 sends its accept requests by itself the moment a majority has promised; switch to manual mode (mode manual) to choose the moment"},
		{"mode manual\naccept P2", &game.Refusal{Cause: game.NotRunning, Verb: game.VAccept, Node: paxos.P(2), Err: errors.ErrUnsupported},
			"P2 is not running a ballot (it is idle); propose first"},
		{"mode manual\npropose P2 17\ndeliver 1a P2->A1\ndeliver 1b A1->P2\naccept P2", &game.Refusal{Cause: game.NoQuorum, Verb: game.VAccept, Node: paxos.P(2), Err: errors.ErrUnsupported},
			"P2 has promises from 1 of 3 acceptors for ballot 17; it needs a majority of 2 before it may ask for votes"},
		{"mode manual\npropose P2 17\ndeliver all\ndeliver all\naccept P2\naccept P2", &game.Refusal{Cause: game.AcceptsSent, Verb: game.VAccept, Node: paxos.P(2), Err: errors.ErrUnsupported},
			"P2 already sent its accept requests for ballot 17"},
	} {
		cmds, perr := game.Parse("r.paxos", tc.script)
		if perr != nil {
			t.Fatal(perr)
		}
		_, err := game.Load("r.paxos", cmds)
		var r *game.Refusal
		if !errors.As(fmt.Errorf("wrapped: %w", err), &r) {
			t.Errorf("%q: %v is no *Refusal", tc.script, err)
			continue
		}
		if got, want := *r, *tc.want; (got.Err == nil) != (want.Err == nil) {
			t.Errorf("%q: %v wraps %v", tc.script, err, got.Err)
		} else if got.Err, want.Err = nil, nil; !reflect.DeepEqual(got, want) {
			t.Errorf("%q:\n got %+v\nwant %+v", tc.script, got, want)
		}
		if Refusal(r) != tc.text {
			t.Errorf("%q: %q, want %q", tc.script, Refusal(r), tc.text)
		}
		var le *game.Error
		if !errors.As(err, &le) || le.Kind != game.Refused || Error(err) != "r.paxos:"+strconv.Itoa(le.Line)+":1: refused: "+tc.script[strings.LastIndex(tc.script, "\n")+1:]+": "+tc.text {
			t.Errorf("%q: Load's error %#v: %s", tc.script, err, Error(err))
		}
	}
}

// A world refuses a setup command after an action, and an expect, which
// Check and not Apply checks; a game refuses a jump outside its history.
func TestRefusalsOfWorldAndGame(t *testing.T) {
	w := game.NewWorld()
	if _, err := w.Apply(game.Command{Verb: game.VPropose, Node: paxos.P(1)}); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		c    game.Command
		want game.RefusalCause
		text string
	}{
		{game.Command{Verb: game.VMode, Manual: true}, game.SetupTooLate, "mode is a setup command: it must come before the first action"},
		{game.Command{Verb: game.VExpect, Expect: game.ExpectAgreement}, game.NotAnAction, "expect is not an action"},
	} {
		_, err := w.Apply(tc.c)
		var r *game.Refusal
		if !errors.As(err, &r) || r.Cause != tc.want || Error(err) != tc.text {
			t.Errorf("%s: %#v", tc.c, err)
		}
	}
	// A command built, not parsed, may ask for a cluster the protocol
	// does not allow.
	g := game.NewGame()
	_, err := g.Exec(game.Command{Verb: game.VConfig, Proposers: 10, Learners: -1})
	var r *game.Refusal
	if !errors.As(err, &r) || r.Cause != game.ClusterSize || r.Err == nil || Error(err) != "proposers must be 1 to 9, not 10" {
		t.Errorf("config proposers 10: %#v", err)
	}
	err = g.Jump(3)
	if !errors.As(err, &r) || r.Cause != game.NoSuchStep || r.Step != 3 || Error(err) != "there is no step 3: the history has steps 0 to 0" {
		t.Errorf("jump 3: %#v", err)
	}
}

// The words of refusals that reach a player by other roads: a search's
// find line about a node the cluster lacks, a script of setup only whose
// start no run reaches, a start made by hand with a vote above its
// promise, a game full of steps.
func TestRefusalWordsEverywhere(t *testing.T) {
	w := game.NewWorld()
	for line, want := range map[string]string{
		"expect A4 voted nothing":   "there is no A4: this cluster has A1 to A3",
		"expect L3 learned nothing": "there is no L3: this cluster has L1 and L2",
	} {
		if _, err := game.ParseFind(line, w); Error(err) != want {
			t.Errorf("%s: %q, want %q", line, Error(err), want)
		}
	}
	_, err := game.Open("s.paxos", "config proposers 2\nset A1 voted 9 \"z\"\n")
	if !strings.HasPrefix(Error(err), `s.paxos:2:1: refused: set A1 voted 9 "z": no run of Paxos reaches this start`) {
		t.Errorf("Open: %s", Error(err))
	}
	w.Acceptor(1).Voted = paxos.Vote{Ballot: 10, Value: "x"}
	w.Acceptor(1).Promised = 7
	w.Acceptor(2).Promised = 10
	w.Proposer(5).Used = 10
	if got, want := Error(w.Honest()), "no run of Paxos reaches this start; add set A1 promised 10, since A1 voted x in 10 but promised only 7, "+
		"and an acceptor that votes in a ballot has promised at least that ballot"; got != want {
		t.Errorf("Honest:\n got %s\nwant %s", got, want)
	}
	if got, want := Refusal(&game.Refusal{Cause: game.TooManySteps, Verb: game.VCrash}),
		"a game holds at most 100,000 steps, so that it can be saved and read back: this one has them all"; got != want {
		t.Errorf("%q, want %q", got, want)
	}
	// A refusal wrapped twice, as a poll or a screen may wrap it, is told
	// in words where it stands.
	_, err = w.Apply(game.Command{Verb: game.VCrash, Node: paxos.A(9)})
	wrapped := fmt.Errorf("%w (and 2 more errors)", fmt.Errorf("crash A9 was refused: %w", err))
	if got, want := Error(wrapped), "crash A9 was refused: there is no A9: this cluster has A1 to A3 (and 2 more errors)"; got != want {
		t.Errorf("%q, want %q", got, want)
	}
}
