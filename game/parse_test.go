package game

import (
	"reflect"
	"strings"
	"testing"

	"pgregory.net/rapid"

	"paxosgame/paxos"
)

// Good lines: what each parses to, and how the printer writes it back.
func TestParseLine(t *testing.T) {
	for _, tc := range []struct {
		line  string
		want  Command // Col is checked apart
		print string  // "" when the line prints as it is
		col   int
	}{
		{line: "config proposers 5 acceptors 3 learners 2", want: Command{Verb: VConfig, Proposers: 5, Acceptors: 3, Learners: 2}},
		{line: "config acceptors 4", want: Command{Verb: VConfig, Acceptors: 4, Learners: -1}},
		{line: "config learners 0 proposers 9", want: Command{Verb: VConfig, Proposers: 9, Learners: 0}, print: "config proposers 9 learners 0"},
		{line: "rule promise-reports-vote off          # what-if", want: Command{Verb: VRule, Rule: paxos.PromiseReportsVote}, print: "rule promise-reports-vote off"},
		{line: "rule keep-promise on", want: Command{Verb: VRule, Rule: paxos.KeepPromise, On: true}},
		{line: "policy stale-prepare ignore", want: Command{Verb: VPolicy, Policy: paxos.StaleIgnore}},
		{line: "policy stale-prepare promise", want: Command{Verb: VPolicy, Policy: paxos.StalePromise}},
		{line: "policy stale-accept ignore", want: Command{Verb: VPolicy, PolicyOf: StaleAccept, Policy: paxos.StaleIgnore}},
		{line: "hand A1", want: Command{Verb: VHand, Node: paxos.A(1)}},
		{line: "auto P2", want: Command{Verb: VAuto, Node: paxos.P(2)}},
		{line: "promise A1", want: Command{Verb: VPromise, Node: paxos.A(1)}},
		{line: "promise A1 #12", want: Command{Verb: VPromise, Node: paxos.A(1), Sel: Selector{ID: 12}}},
		{line: "promise A1 reporting none", want: Command{Verb: VPromise, Node: paxos.A(1), Field: FieldReport, Nothing: true}},
		{line: `promise A2 #3 reporting 9 "6 EUR"`, want: Command{Verb: VPromise, Node: paxos.A(2), Sel: Selector{ID: 3}, Field: FieldReport, Ballot: 9, Value: "6 EUR"}},
		{line: "vote A1 #12", want: Command{Verb: VVote, Node: paxos.A(1), Sel: Selector{ID: 12}}},
		{line: "refuse A3", want: Command{Verb: VRefuse, Node: paxos.A(3)}},
		{line: "ignore A3", want: Command{Verb: VIgnore, Node: paxos.A(3)}},
		{line: `accept P2 "5 EUR"`, want: Command{Verb: VAccept, Node: paxos.P(2), Value: "5 EUR"}},
		{line: `learn L1 "5 EUR"`, want: Command{Verb: VLearn, Node: paxos.L(1), Value: "5 EUR"}},
		{line: "expect ever P5 phase 2", want: Command{Verb: VExpect, Modal: Ever, Node: paxos.P(5), Expect: ExpectPhase, Phase: paxos.Phase2}},
		{line: `expect never chosen "1 EUR"`, want: Command{Verb: VExpect, Modal: Never, Expect: ExpectChosen, Value: "1 EUR"}},
		{line: "mode manual", want: Command{Verb: VMode, Manual: true}},
		{line: "mode auto", want: Command{Verb: VMode}},
		{line: `set A1 voted 10 "5 EUR"`, want: Command{Verb: VSet, Node: paxos.A(1), Field: FieldVoted, Ballot: 10, Value: "5 EUR"}},
		{line: "set A2 promised 17", want: Command{Verb: VSet, Node: paxos.A(2), Field: FieldPromised, Ballot: 17}},
		{line: `set P1 value "8 EUR"`, want: Command{Verb: VSet, Node: paxos.P(1), Field: FieldValue, Value: "8 EUR"}},
		{line: `propose P2 17 "5 EUR"     # phase 1a`, want: Command{Verb: VPropose, Node: paxos.P(2), Ballot: 17, Value: "5 EUR"}, print: `propose P2 17 "5 EUR"`},
		{line: "propose P2", want: Command{Verb: VPropose, Node: paxos.P(2)}},
		{line: "propose P2 22", want: Command{Verb: VPropose, Node: paxos.P(2), Ballot: 22}},
		{line: `propose P2 "5 EUR"`, want: Command{Verb: VPropose, Node: paxos.P(2), Value: "5 EUR"}},
		{line: `propose P2 "17"`, want: Command{Verb: VPropose, Node: paxos.P(2), Value: "17"}},
		{line: "propose P2 17 cheap", want: Command{Verb: VPropose, Node: paxos.P(2), Ballot: 17, Value: "cheap"}, print: `propose P2 17 "cheap"`},
		{line: `propose P2 17 "say \"hi\""`, want: Command{Verb: VPropose, Node: paxos.P(2), Ballot: 17, Value: `say "hi"`}},
		{line: `propose P2 17 "#1 € price"`, want: Command{Verb: VPropose, Node: paxos.P(2), Ballot: 17, Value: "#1 € price"}},
		{line: `propose P2 17 "esc \u20ac \\ \x41"`, want: Command{Verb: VPropose, Node: paxos.P(2), Ballot: 17, Value: "esc € \\ A"}, print: `propose P2 17 "esc € \\ A"`},
		{line: "deliver #12", want: Command{Verb: VDeliver, Sel: Selector{ID: 12}}},
		{line: "deliver #12 # the promise", want: Command{Verb: VDeliver, Sel: Selector{ID: 12}}, print: "deliver #12"},
		{line: "deliver 1b A1->P2", want: Command{Verb: VDeliver, Sel: Selector{Type: paxos.Promise, From: paxos.A(1), To: paxos.P(2)}}},
		{line: "deliver 1b A1→P2", want: Command{Verb: VDeliver, Sel: Selector{Type: paxos.Promise, From: paxos.A(1), To: paxos.P(2)}}, print: "deliver 1b A1->P2"},
		{line: "deliver 2a P2->A3 17", want: Command{Verb: VDeliver, Sel: Selector{Type: paxos.Accept, From: paxos.P(2), To: paxos.A(3), Ballot: 17}}},
		{line: "deliver nack A3->P5", want: Command{Verb: VDeliver, Sel: Selector{Type: paxos.Nack, From: paxos.A(3), To: paxos.P(5)}}},
		{line: "deliver 2b A1->L2", want: Command{Verb: VDeliver, Sel: Selector{Type: paxos.Accepted, From: paxos.A(1), To: paxos.L(2)}}},
		{line: "deliver all", want: Command{Verb: VDeliver, Sel: Selector{All: true}}},
		{line: "drop stale", want: Command{Verb: VDrop, Sel: Selector{Stale: true}}},
		{line: "drop 2a P2->A3", want: Command{Verb: VDrop, Sel: Selector{Type: paxos.Accept, From: paxos.P(2), To: paxos.A(3)}}},
		{line: "duplicate 1a P2->A1", want: Command{Verb: VDuplicate, Sel: Selector{Type: paxos.Prepare, From: paxos.P(2), To: paxos.A(1)}}},
		{line: "accept P2", want: Command{Verb: VAccept, Node: paxos.P(2)}},
		{line: "crash A2", want: Command{Verb: VCrash, Node: paxos.A(2)}},
		{line: "restart L1", want: Command{Verb: VRestart, Node: paxos.L(1)}},
		{line: `expect chosen "5 EUR"`, want: Command{Verb: VExpect, Expect: ExpectChosen, Value: "5 EUR"}},
		{line: "expect nothing-chosen", want: Command{Verb: VExpect, Expect: ExpectChosen, Nothing: true}},
		{line: "expect A1 promised 17", want: Command{Verb: VExpect, Expect: ExpectPromised, Node: paxos.A(1), Ballot: 17}},
		{line: "expect A2 promised nothing", want: Command{Verb: VExpect, Expect: ExpectPromised, Node: paxos.A(2), Nothing: true}},
		{line: `expect A1 voted 10 "5 EUR"`, want: Command{Verb: VExpect, Expect: ExpectVoted, Node: paxos.A(1), Ballot: 10, Value: "5 EUR"}},
		{line: "expect A1 voted nothing", want: Command{Verb: VExpect, Expect: ExpectVoted, Node: paxos.A(1), Nothing: true}},
		{line: `expect A1 voted 10 "nothing"`, want: Command{Verb: VExpect, Expect: ExpectVoted, Node: paxos.A(1), Ballot: 10, Value: "nothing"}},
		{line: "expect P2 phase 2", want: Command{Verb: VExpect, Expect: ExpectPhase, Node: paxos.P(2), Phase: paxos.Phase2}},
		{line: "expect P2 phase preempted", want: Command{Verb: VExpect, Expect: ExpectPhase, Node: paxos.P(2), Phase: paxos.Abandoned}},
		{line: "expect P2 ballot 17", want: Command{Verb: VExpect, Expect: ExpectBallot, Node: paxos.P(2), Ballot: 17}},
		{line: `expect P2 value "5 EUR"`, want: Command{Verb: VExpect, Expect: ExpectValue, Node: paxos.P(2), Value: "5 EUR"}},
		{line: `expect L1 learned "5 EUR"`, want: Command{Verb: VExpect, Expect: ExpectLearned, Node: paxos.L(1), Value: "5 EUR"}},
		{line: "expect L1 learned nothing", want: Command{Verb: VExpect, Expect: ExpectLearned, Node: paxos.L(1), Nothing: true}},
		{line: `expect L1 learned "nothing"`, want: Command{Verb: VExpect, Expect: ExpectLearned, Node: paxos.L(1), Value: "nothing"}},
		{line: "expect in-flight 3", want: Command{Verb: VExpect, Expect: ExpectInFlight, Count: 3}},
		{line: "expect in-flight 0", want: Command{Verb: VExpect, Expect: ExpectInFlight}},
		{line: "expect agreement", want: Command{Verb: VExpect, Expect: ExpectAgreement}},
		{line: "expect violation", want: Command{Verb: VExpect, Expect: ExpectViolation}},
		{line: "expect A1 up", want: Command{Verb: VExpect, Expect: ExpectUp, Node: paxos.A(1)}},
		{line: "expect P3 crashed", want: Command{Verb: VExpect, Expect: ExpectCrashed, Node: paxos.P(3)}},
		{line: "   propose\tP2  17", want: Command{Verb: VPropose, Node: paxos.P(2), Ballot: 17}, print: "propose P2 17", col: 4},
		{line: "mode manual\r", want: Command{Verb: VMode, Manual: true}, print: "mode manual"},
	} {
		got, ok, err := ParseLine(tc.line)
		if err != nil || !ok {
			t.Errorf("%q: ok %v, error %v", tc.line, ok, err)
			continue
		}
		col := max(tc.col, 1)
		if got.Col != col {
			t.Errorf("%q: column %d, want %d", tc.line, got.Col, col)
		}
		got.Col = 0
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%q:\n got %+v\nwant %+v", tc.line, got, tc.want)
		}
		print := tc.print
		if print == "" {
			print = tc.line
		}
		if got.String() != print {
			t.Errorf("%q prints as %q, want %q", tc.line, got.String(), print)
		}
		again, _, err := ParseLine(got.String())
		again.Col = 0
		if err != nil || !reflect.DeepEqual(again, got) {
			t.Errorf("%q: the printed %q parses to %+v, %v", tc.line, got.String(), again, err)
		}
	}
}

func TestParseLineBlank(t *testing.T) {
	for _, line := range []string{"", "   ", "\t", "# a comment", "   # indented comment", "#", "#x"} {
		if _, ok, err := ParseLine(line); ok || err != nil {
			t.Errorf("%q: ok %v, error %v; want a blank line", line, ok, err)
		}
	}
}

// "Errors name the file, line and column, say what was expected, and
// change nothing." Columns count characters, from 1.
func TestParseLineErrors(t *testing.T) {
	cmdList := "expected a command (propose, deliver, drop, duplicate, accept, crash, restart, hand, auto, promise, vote, refuse, ignore, learn, expect, config, rule, policy, mode, set)"
	for _, tc := range []struct {
		line string
		col  int
		msg  string
	}{
		{"delivr all", 1, cmdList + `, found "delivr": did you mean deliver?`},
		{`"propose" P2`, 1, cmdList + `, found "propose"`},
		{"  Propose P2", 3, cmdList + `, found "Propose": did you mean propose?`},
		{"propose X2", 9, `expected a proposer such as P2, found "X2"`},
		{"propose A2", 9, `expected a proposer such as P2, found "A2"`},
		{"propose", 8, "expected a proposer such as P2, found the end of the line"},
		{"propose P0", 9, `expected a proposer such as P2, found "P0"`},
		{"propose P10", 9, `expected a proposer such as P2, found "P10"`},
		{"propose P2 0", 12, "ballots are positive numbers; 0 is not a ballot"},
		{"propose P2 9223372036854775807", 12, "ballots go up to 999999999; 9223372036854775807 is too high"},
		{"set A1 promised 1000000000", 17, "ballots go up to 999999999; 1000000000 is too high"},
		// Numbers are digits only: no sign, no leading zero, nothing after.
		{"propose P2 -17", 12, `a number is written with digits only, with no sign: expected a ballot number such as 17, found "-17"`},
		{"propose P2 +17", 12, `a number is written with digits only, with no sign: expected a ballot number such as 17, found "+17"`},
		{"propose P2 017", 12, `a number is written with no leading zero: write 17, not 017`},
		{"propose P2 17\x00", 14, `a number is written with digits only: '\x00' is not a digit (in "17\x00")`},
		{"propose P2 17x", 14, `a number is written with digits only: 'x' is not a digit (in "17x")`},
		{"deliver 1a P2->A1 +17", 19, `a number is written with digits only, with no sign: expected a ballot number such as 17, found "+17"`},
		{"deliver 1a P2->A1 -17", 19, `a number is written with digits only, with no sign: expected a ballot number such as 17, found "-17"`},
		{"set A1 promised 007", 17, `a number is written with no leading zero: write 7, not 007`},
		{"config proposers +3", 18, `a number is written with digits only, with no sign: expected how many proposers, found "+3"`},
		{"config acceptors 03", 18, `a number is written with no leading zero: write 3, not 03`},
		{"expect in-flight 00", 18, `a number is written with no leading zero: write 0, not 00`},
		{"expect A1 promised 1e3", 21, `a number is written with digits only: 'e' is not a digit (in "1e3")`},
		{"deliver #99999999999999999999", 9, `no message has an id as high as #99999999999999999999: ids count the messages sent, from #1`},
		{"drop #99999999999999999999", 6, `no message has an id as high as #99999999999999999999: ids count the messages sent, from #1`},
		{"expect in-flight 99999999999999999999", 18, `99999999999999999999 is too high: expected how many messages are in flight`},
		{"config proposers 99999999999999999999", 18, `99999999999999999999 is too high: expected how many proposers`},
		{"deliver #017", 9, `expected a message id such as #12, found "#017": write #17, with no leading zero`},
		{"propose P2 99999999999999999999999", 12, "ballots go up to 999999999; 99999999999999999999999 is too high"},
		// A value is printable text: no control character, raw or escaped.
		{`propose P3 "\x1b[2J\x1b[H\x1b[31mEVIL"`, 13, `a value is printable text: \x1b is a control character, which a value may not contain, raw or as an escape`},
		{`propose P3 1 "a\nb\rc"`, 16, `a value is printable text: \n is a control character, which a value may not contain, raw or as an escape`},
		{"propose P3 1 \"a\rb\"", 16, `a value is printable text: \r is a control character, which a value may not contain, raw or as an escape`},
		{"propose P3 1 \"tab\there\"", 18, `a value is printable text: \t is a control character, which a value may not contain, raw or as an escape`},
		{`propose P3 1 "tab\there"`, 18, `a value is printable text: \t is a control character, which a value may not contain, raw or as an escape`},
		{"propose P3 1 x\x00y", 15, `a value is printable text: \x00 is a control character, which a value may not contain, raw or as an escape`},
		{"set P1 value \"\x7f\"", 15, `a value is printable text: \x7f is a control character, which a value may not contain, raw or as an escape`},
		{`set A1 voted 3 "\u0085"`, 17, `a value is printable text: \u0085 is a control character, which a value may not contain, raw or as an escape`},
		{`set A1 voted 3 "ok\xc2\x85"`, 19, `a value is printable text: \u0085 is a control character, which a value may not contain, raw or as an escape`},
		{`expect chosen "\xff"`, 16, `a value is printable text: \xff is a byte that is not UTF-8, which a value may not contain, raw or as an escape`},
		{"expect chosen \"\xff\"", 16, `a value is printable text: \xff is a byte that is not UTF-8, which a value may not contain, raw or as an escape`},
		{"expect chosen \"5 \x9b\"", 18, `a value is printable text: \x9b is a byte that is not UTF-8, which a value may not contain, raw or as an escape`},
		{"expect chosen \"€\xe2\x82\"", 17, `a value is printable text: \xe2 is a byte that is not UTF-8, which a value may not contain, raw or as an escape`},
		{`propose P1 6 "\u202eRUE 5"`, 15, `a value is printable text: \u202e is a bidi control, which a value may not contain, raw or as an escape`},
		{"propose P1 6 \"\u202eRUE 5\"", 15, `a value is printable text: \u202e is a bidi control, which a value may not contain, raw or as an escape`},
		{"propose P1 6 \"a\u200bb\"", 16, `a value is printable text: \u200b is an invisible format character, which a value may not contain, raw or as an escape`},
		{"propose P1 6 \"a\u2028b\"", 16, `a value is printable text: \u2028 is a line separator, which a value may not contain, raw or as an escape`},
		{`propose P1 6 "a\uffff"`, 16, `a value is printable text: \uffff is a noncharacter, which a value may not contain, raw or as an escape`},
		{"propose P1 6 \"a\U0010fffe\"", 16, `a value is printable text: \U0010fffe is a noncharacter, which a value may not contain, raw or as an escape`},
		{"propose P1 6 \"I \u2764\ufe0f Paxos\"", 17, `a value is printable text: "❤️" takes a different number of columns on different terminals, and would shift the columns of the screen`},
		{"propose P1 6 \"\U0001F468\u200d\U0001F469\"", 16, `a value is printable text: \u200d is an invisible format character, which a value may not contain, raw or as an escape`},
		{`propose P1 6 "a\x1b" # and \x1b`, 16, `a value is printable text: \x1b is a control character, which a value may not contain, raw or as an escape`},
		{"propose P1 6 # a \x1b[2J comment", 18, `a comment is printable text too: \x1b is a control character, which a comment may not contain`},
		{"propose P1 6 # \xff", 16, `a comment is printable text too: \xff is a byte that is not UTF-8, which a comment may not contain`},
		{"propose P1 \"" + strings.Repeat("x", 201) + "\"", 12, `a value may have at most 200 characters; this one has 201`},
		{"propose P1 " + strings.Repeat("y", 5<<20), 12, `a value may have at most 200 characters; this one has 5242880`},
		{"propose P1 " + strings.Repeat("9", 5<<20), 12, `ballots go up to 999999999; ` + strings.Repeat("9", 40) + `… (5242880 characters) is too high`},
		{"delivr" + strings.Repeat("z", 5<<20), 1, cmdList + `, found "delivr` + strings.Repeat("z", 34) + `"… (5242886 characters)`},
		{`set P1 value ""`, 14, `a value may not be empty: write some printable text between the quotes, such as "5 EUR"`},
		{`propose P1 6 ""`, 14, `a value may not be empty: write some printable text between the quotes, such as "5 EUR"`},
		{`propose P2 17 "5 EUR" extra`, 23, `expected the end of the propose command, found "extra"`},
		{`propose P2 17 "5 EUR`, 15, `this value has no closing double quote (")`},
		{`propose P2 "€" 17`, 16, `expected the end of the propose command, found "17"`},
		{"deliver", 8, "expected a message: an id such as #12, or a type (1a, 1b, nack, 2a, 2b) and from->to, or all, found the end of the line"},
		{"deliver 3a A1->P2", 9, `expected a message: an id such as #12, or a type (1a, 1b, nack, 2a, 2b) and from->to, or all, found "3a"`},
		{"drop all", 6, `expected a message: an id such as #12, or a type (1a, 1b, nack, 2a, 2b) and from->to, or stale, found "all"`},
		{"duplicate stale", 11, `expected a message: an id such as #12, or a type (1a, 1b, nack, 2a, 2b) and from->to, found "stale"`},
		{"deliver #0", 9, `expected a message id such as #12, found "#0"`},
		{"deliver #x", 9, "expected a message: an id such as #12, or a type (1a, 1b, nack, 2a, 2b) and from->to, or all, found the end of the line"},
		{"propose   # P2", 11, "expected a proposer such as P2, found the end of the line"},
		{`propose P2 17 "5\q EUR"`, 17, `this escape is not one a value may use: write \" for a double quote and \\ for a backslash`},
		{"deliver 1b A1-P2", 12, `expected the sender and receiver such as A1->P2, found "A1-P2"`},
		{"deliver 1b A1->", 12, `expected the sender and receiver such as A1->P2, found "A1->"`},
		{"deliver 1b", 11, "expected the sender and receiver such as A1->P2, found the end of the line"},
		{"deliver 1b A1->P2 x", 19, `expected a ballot number such as 17, found "x"`},
		{"deliver 1b A1->P2 17 18", 22, `expected the end of the deliver command, found "18"`},
		{"accept A2", 8, `expected a proposer such as P2, found "A2"`},
		{"accept P2 now later", 15, `expected the end of the accept command, found "later"`},
		{"crash a1", 7, `expected a proposer such as P2 or an acceptor such as A1 or a learner such as L1, found "a1": did you mean A1?`},
		{"crash A+1", 7, `expected a proposer such as P2 or an acceptor such as A1 or a learner such as L1, found "A+1": did you mean A1?`},
		{"propose P01", 9, `expected a proposer such as P2, found "P01": did you mean P1?`},
		{"propose p2 17 cheap", 9, `expected a proposer such as P2, found "p2": did you mean P2?`},
		{"propose a1", 9, `expected a proposer such as P2, found "a1"`}, // an acceptor: no proposer is meant
		{"propose P-1", 9, `expected a proposer such as P2, found "P-1"`},
		{"propose P+0", 9, `expected a proposer such as P2, found "P+0"`},
		{`crash "A1"`, 7, `expected a proposer such as P2 or an acceptor such as A1 or a learner such as L1, found "A1"`},
		{"deliver 1b a1->P02", 12, `expected the sender and receiver such as A1->P2, found "a1->P02": did you mean A1->P2?`},
		{"deliver 1b a1->X2", 12, `expected the sender and receiver such as A1->P2, found "a1->X2"`},
		{"expect a5 promised 1", 8, `expected what to check: chosen, nothing-chosen, agreement, violation, in-flight N, or a node such as A1, found "a5": did you mean A5?`},
		{"expect A01 up", 8, `expected what to check: chosen, nothing-chosen, agreement, violation, in-flight N, or a node such as A1, found "A01": did you mean A1?`},
		{"set a1 promised 3", 5, `expected an acceptor such as A1 or a proposer such as P2, found "a1": did you mean A1?`},
		{"crash X1", 7, `expected a proposer such as P2 or an acceptor such as A1 or a learner such as L1, found "X1"`},
		{"config", 7, "expected proposers N, acceptors N or learners N, found the end of the line"},
		{"config proposers 10", 18, "proposers must be 1 to 9, not 10"},
		{"config acceptors 0", 18, "acceptors must be 1 to 9, not 0"},
		{"config learners 6", 17, "learners must be 0 to 5, not 6"},
		{"config proposers", 17, "expected how many proposers, found the end of the line"},
		{"config nodes 3", 8, `expected a part of the cluster (proposers, acceptors, learners), found "nodes"`},
		{"rule keep-promises off", 6, `expected a rule (unique-ballots, promise-reports-vote, adopt-highest-vote, keep-promise, majority-quorum, durable-acceptors, same-ballot-majority), found "keep-promises": did you mean keep-promise?`},
		{"rule keep-promise maybe", 19, `expected on or off (on, off), found "maybe"`},
		{"vote P1", 6, `expected an acceptor such as A1, found "P1"`},
		{"promise A1 reporting", 21, `expected none, or a vote: a ballot and a value such as 9 "6 EUR", found the end of the line`},
		{"promise A1 saying none", 12, `expected the vote the promise reports (reporting), found "saying"`},
		{"refuse A1 reporting none", 11, `expected the end of the refuse command, found "reporting"`},
		{"learn L1", 9, `expected a value such as "5 EUR", found the end of the line`},
		{"vote A1 #0", 9, `expected a message id such as #12, found "#0"`},
		{"policy stale-prepare sometimes", 22, `expected a stale-prepare policy (refuse, ignore, promise), found "sometimes"`},
		{"policy stale refuse", 8, `expected a policy name (stale-prepare, stale-accept), found "stale"`},
		{"policy stale-accept promise", 21, `expected a stale-accept policy (refuse, ignore), found "promise"`},
		{"mode fast", 6, `expected a mode (auto, manual), found "fast"`},
		{"set A1 voted 10", 16, `expected a value such as "5 EUR", found the end of the line`},
		{"set A1 voted", 13, "expected a ballot number such as 17, found the end of the line"},
		{"set A1 learned 10", 8, `expected what to set on an acceptor (promised, voted), found "learned"`},
		{"set P1 promised 10", 8, `expected what to set on a proposer (value), found "promised"`},
		{"set L1 value x", 5, `expected an acceptor such as A1 or a proposer such as P2, found "L1"`},
		{"expect", 7, "expected what to check: chosen, nothing-chosen, agreement, violation, in-flight N, or a node such as A1, found the end of the line"},
		{"expect chosen", 14, `expected a value such as "5 EUR", found the end of the line`},
		{"expect A1 phase 1", 11, `expected what to check of A1 (promised, voted, up, crashed, holds), found "phase"`},
		{"expect L1 voted nothing", 11, `expected what to check of L1 (learned, up, crashed), found "voted"`},
		{"expect P2 phase 3", 17, `expected a phase (idle, 1, 2, decided, preempted), found "3"`},
		{"expect in-flight many", 18, `expected how many messages are in flight, found "many"`},
		{"expect in-flight -1", 18, `a number is written with digits only, with no sign: expected how many messages are in flight, found "-1"`},
		{"expect agreement now", 18, `expected the end of the expect command, found "now"`},
		{`expect A1 voted 10 "5 EUR" "6 EUR"`, 28, `expected the end of the expect command, found "6 EUR"`},
	} {
		_, ok, err := ParseLine(tc.line)
		if err == nil {
			t.Errorf("%q: no error", tc.line)
			continue
		}
		if ok || err.Col != tc.col || err.Msg != tc.msg {
			t.Errorf("%q:\n got col %d %q\nwant col %d %q", tc.line, err.Col, err.Msg, tc.col, tc.msg)
		}
	}
}

// An error says as data what kind it is, what was expected and what was
// found, so that no one reads them out of its sentence.
func TestParseLineErrorFields(t *testing.T) {
	for _, tc := range []struct {
		line string
		want Error // Msg is not compared
	}{
		{"delivr all", Error{Kind: UnknownVerb, Col: 1, Found: "delivr", Suggest: "deliver",
			Expected: "a command (propose, deliver, drop, duplicate, accept, crash, restart, hand, auto, promise, vote, refuse, ignore, learn, expect, config, rule, policy, mode, set)",
			Choices:  []string{"propose", "deliver", "drop", "duplicate", "accept", "crash", "restart", "hand", "auto", "promise", "vote", "refuse", "ignore", "learn", "expect", "config", "rule", "policy", "mode", "set"}}},
		{"mode fast", Error{Kind: Unexpected, Col: 6, Expected: "a mode (auto, manual)", Choices: []string{"auto", "manual"}, Found: "fast"}},
		{"propose", Error{Kind: Unexpected, Col: 8, Expected: "a proposer such as P2", AtEnd: true}},
		{`propose ""`, Error{Kind: Unexpected, Col: 9, Expected: "a proposer such as P2"}},
		{"propose P2 0", Error{Kind: OutOfRange, Col: 12, Expected: "a ballot number such as 17", Found: "0"}},
		{"config learners 6", Error{Kind: OutOfRange, Col: 17, Expected: "how many learners", Found: "6"}},
		{`propose P2 17 "5 EUR`, Error{Kind: UnclosedQuote, Col: 15}},
		{`propose P2 17 "5\q"`, Error{Kind: BadEscape, Col: 17}},
		{"expect in-fligth 3", Error{Kind: Unexpected, Col: 8, Found: "in-fligth", Suggest: "in-flight",
			Expected: "what to check: chosen, nothing-chosen, agreement, violation, in-flight N, or a node such as A1",
			Choices:  []string{"chosen", "nothing-chosen", "agreement", "violation", "in-flight"}}},
	} {
		_, _, err := ParseLine(tc.line)
		if err == nil {
			t.Errorf("%q: no error", tc.line)
			continue
		}
		got := *err
		got.Msg = ""
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%q:\n got %+v\nwant %+v", tc.line, got, tc.want)
		}
	}
}

// One node parser: a node is written as the game prints it, and a node
// written otherwise is refused with what it likely means.
func TestParseNode(t *testing.T) {
	for _, s := range []string{"P1", "A1", "L1", "P9", "A9", "L5", "L9"} {
		id, err := ParseNode(s)
		if err != nil || id.String() != s {
			t.Errorf("ParseNode(%q) = %v, %v", s, id, err)
		}
	}
	for _, tc := range []struct{ s, msg string }{
		{"a1", `expected a node such as A1, found "a1": did you mean A1?`},
		{"P01", `expected a node such as A1, found "P01": did you mean P1?`},
		{"A+1", `expected a node such as A1, found "A+1": did you mean A1?`},
		{"l+002", `expected a node such as A1, found "l+002": did you mean L2?`},
		{"A-1", `expected a node such as A1, found "A-1"`},
		{"A0", `expected a node such as A1, found "A0"`},
		{"A00", `expected a node such as A1, found "A00"`},
		{"P10", `expected a node such as A1, found "P10"`},
		{"X1", `expected a node such as A1, found "X1"`},
		{"A", `expected a node such as A1, found "A"`},
		{"A 1", `expected a node such as A1, found "A 1"`},
		{"A1x", `expected a node such as A1, found "A1x"`},
		{"Ａ1", `expected a node such as A1, found "Ａ1"`},
		{"", `expected a node such as A1, found the end of the line`},
	} {
		id, err := ParseNode(tc.s)
		if err == nil {
			t.Errorf("ParseNode(%q) = %v, want an error", tc.s, id)
			continue
		}
		if err.Msg != tc.msg || err.Kind != Unexpected || err.Found != tc.s {
			t.Errorf("ParseNode(%q): %+v\nwant %s", tc.s, err, tc.msg)
		}
	}
}

// Whatever ParseNode reads prints back as it was written, and whatever it
// suggests it reads.
func TestPropertyParseNode(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := rapid.OneOf(rapid.StringMatching(`[PALpal+\-0-9]{0,4}`), rapid.String()).Draw(t, "s")
		id, err := ParseNode(s)
		switch {
		case err == nil && id.String() != s:
			t.Fatalf("%q reads as %v", s, id)
		case err != nil && err.Suggest != "":
			if again, err2 := ParseNode(err.Suggest); err2 != nil || again.String() != err.Suggest {
				t.Fatalf("%q suggests %q, which does not read: %v", s, err.Suggest, err2)
			}
		}
	})
}

// A whole script: every error, each with file, line and column; the
// commands keep the line they were read on.
func TestParseScript(t *testing.T) {
	src := "# a scenario\npropose P2 17\n\ndelivr all\ndeliver 1b A1-P2\r\nexpect chosen \"2 EUR\"\n"
	cmds, err := Parse("f.paxos", src)
	if err == nil {
		t.Fatal("no error")
	}
	want := "f.paxos:4:1: " + `expected a command (propose, deliver, drop, duplicate, accept, crash, restart, hand, auto, promise, vote, refuse, ignore, learn, expect, config, rule, policy, mode, set), found "delivr": did you mean deliver?` +
		"\nf.paxos:5:12: " + `expected the sender and receiver such as A1->P2, found "A1-P2"`
	if err.Error() != want {
		t.Errorf("error\n%s\nwant\n%s", err, want)
	}
	if es, ok := err.(Errors); !ok || len(es) != 2 || es[1].Line != 5 || es[1].File != "f.paxos" {
		t.Errorf("errors %#v", err)
	}
	if len(cmds) != 2 || cmds[0].Line != 2 || cmds[1].Line != 6 {
		t.Errorf("commands %+v", cmds)
	}
	cmds, err = Parse("f.paxos", "propose P2 17\ndeliver all\n")
	if err != nil || len(cmds) != 2 {
		t.Errorf("good script: %v, %v", cmds, err)
	}
}

// drawGame plays a random game through Game.Exec: a random setup (any
// rules, policy, mode, starting state) and random valid actions.
func drawGame(t *rapid.T, maxSteps int) *Game {
	g := NewGame()
	for _, c := range drawSetup(t, false) {
		if _, err := g.Exec(c); err != nil {
			t.Fatalf("setup %s refused: %v", c, err)
		}
	}
	calm := rapid.SampledFrom([]int{4, 0, 12, 40}).Draw(t, "calm")
	for range rapid.IntRange(0, maxSteps).Draw(t, "steps") {
		c := drawAction(t, g.World(), calm)
		if _, err := g.Exec(c); err != nil {
			t.Fatalf("step %d: %s refused: %v", g.Cursor()+1, c, err)
		}
	}
	return g
}

// sameWorld reports how two worlds differ, or "" when they are the same.
// Clones are compared: a clone has nil where the original may have an
// empty slice.
func sameWorld(a, b *World) string {
	if reflect.DeepEqual(a.Clone(), b.Clone()) {
		return ""
	}
	if da, db := a.Describe(), b.Describe(); da != db {
		return "\n" + da + "\n" + db
	}
	return "\n" + strings.ReplaceAll(a.Describe(), "} ", "}\n") + "\n(the same description; some other field differs)"
}

// "Any game's history prints as a script that replays to the same state
// (test this round trip on random games)."
func TestPropertyScriptRoundTrip(t *testing.T) {
	withChecks(t, 1000, func() {
		rapid.Check(t, func(t *rapid.T) {
			g := drawGame(t, 100)
			script := g.Script()
			cmds, err := Parse("script", script)
			if err != nil {
				t.Fatalf("the script does not parse: %v\n%s", err, script)
			}
			setup, _ := g.Setup()
			if len(cmds) != len(setup)+g.Len() {
				t.Fatalf("%d commands from %d setup and %d steps", len(cmds), len(setup), g.Len())
			}
			for i, c := range cmds {
				var want Command
				if i < len(setup) {
					want = setup[i]
				} else {
					want = g.Steps()[i-len(setup)].Cmd
				}
				c.Line, c.Col = 0, 0
				if !reflect.DeepEqual(c, want) {
					t.Fatalf("line %d: %q parses to\n%+v, the game had\n%+v", i+1, want, c, want)
				}
			}
			replay, err := Load("script", cmds)
			if err != nil {
				t.Fatalf("the script does not replay: %v\n%s", err, script)
			}
			if d := sameWorld(g.World(), replay.World()); d != "" {
				t.Fatalf("the replay differs:%s\n%s", d, script)
			}
			if replay.Script() != script {
				t.Fatalf("the replay prints another script")
			}
		})
	})
}

// "History with undo, redo, and jump to step k (acting after an undo drops
// the future), fast at 10,000 steps (checkpoints, not replay from the
// start)": whatever the moves, the world at step k is the world a fresh
// replay of the first k steps gives; and acting after an undo drops the
// steps after the cursor.
func TestPropertyHistory(t *testing.T) {
	withChecks(t, 1000, func() {
		rapid.Check(t, func(t *rapid.T) {
			g := drawGame(t, 3*checkpointEvery)
			n := g.Len()
			setup, _ := g.Setup()
			replay := func(k int) *World {
				cmds := append([]Command(nil), setup...)
				for _, s := range g.Steps()[:k] {
					cmds = append(cmds, s.Cmd)
				}
				fresh, err := Load("replay", cmds)
				if err != nil {
					t.Fatalf("replay of %d steps: %v", k, err)
				}
				return fresh.World()
			}
			for range rapid.IntRange(1, 8).Draw(t, "moves") {
				switch rapid.IntRange(0, 2).Draw(t, "move") {
				case 0:
					k := rapid.IntRange(0, n).Draw(t, "jump")
					if err := g.Jump(k); err != nil {
						t.Fatal(err)
					}
				case 1:
					before := g.Cursor()
					if g.Undo() != (before > 0) || g.Cursor() != max(before-1, 0) {
						t.Fatalf("undo at %d: cursor %d", before, g.Cursor())
					}
				case 2:
					before := g.Cursor()
					if g.Redo() != (before < n) || g.Cursor() != min(before+1, n) {
						t.Fatalf("redo at %d of %d: cursor %d", before, n, g.Cursor())
					}
				}
				if g.Len() != n {
					t.Fatalf("moving through history changed its length: %d, was %d", g.Len(), n)
				}
				if d := sameWorld(g.World(), replay(g.Cursor())); d != "" {
					t.Fatalf("at step %d of %d the world differs from a fresh replay:%s", g.Cursor(), n, d)
				}
			}
			if err := g.Jump(n + 1); err == nil {
				t.Fatalf("jump past the end of the history")
			}
			if err := g.Jump(-1); err == nil {
				t.Fatalf("jump before step 0")
			}

			// Acting after an undo drops the future.
			k := rapid.IntRange(0, n).Draw(t, "act at")
			if err := g.Jump(k); err != nil {
				t.Fatal(err)
			}
			kept := append([]Step(nil), g.Steps()[:k]...)
			c := drawAction(t, g.World(), 4)
			if _, err := g.Exec(c); err != nil {
				t.Fatalf("%s refused at step %d: %v", c, k, err)
			}
			if g.Len() != k+1 || g.Cursor() != k+1 || (k > 0 && !reflect.DeepEqual(g.Steps()[:k], kept)) {
				t.Fatalf("acting at step %d of %d: length %d, cursor %d", k, n, g.Len(), g.Cursor())
			}
			if g.Redo() {
				t.Fatalf("redo after acting: the dropped future came back")
			}
			if d := sameWorld(g.World(), replay(k+1)); d != "" {
				t.Fatalf("after acting at step %d the world differs from a fresh replay:%s", k, d)
			}
			// Back at the start, each step again gives the same world.
			g.Jump(0)
			for g.Redo() {
			}
			if d := sameWorld(g.World(), replay(k+1)); d != "" {
				t.Fatalf("redo to the end differs from a fresh replay:%s", d)
			}
		})
	})
}

// A setup command is taken only at step 0; there it drops the steps undone.
func TestGameSetupOnlyAtStepZero(t *testing.T) {
	g := NewGame()
	mustExec := func(line string) {
		t.Helper()
		c, _, perr := ParseLine(line)
		if perr != nil {
			t.Fatal(perr)
		}
		if _, err := g.Exec(c); err != nil {
			t.Fatalf("%s: %v", line, err)
		}
	}
	mustExec("propose P2 17")
	mustExec("deliver all")
	c, _, _ := ParseLine("mode manual")
	if _, err := g.Exec(c); err == nil || err.(*Refusal).Cause != SetupTooLate || !err.(*Refusal).Undo {
		t.Errorf("setup at step 2: %v", err)
	}
	g.Jump(0)
	if g.Len() != 2 {
		t.Fatalf("length %d after undo", g.Len())
	}
	mustExec("mode manual")
	if g.Len() != 0 || !g.World().Cfg.Manual {
		t.Errorf("setup at step 0: length %d, manual %v", g.Len(), g.World().Cfg.Manual)
	}
	if got := g.Script(); got != "mode manual\n" {
		t.Errorf("script %q", got)
	}
	// An expect is checked and changes nothing.
	c, _, _ = ParseLine("expect nothing-chosen")
	if _, err := g.Exec(c); err != nil || g.Len() != 0 {
		t.Errorf("expect: %v, length %d", err, g.Len())
	}
	c, _, _ = ParseLine(`expect chosen "5 EUR"`)
	if _, err := g.Exec(c); err == nil {
		t.Errorf("a false expect passed")
	}
}

// A UTF-8 byte order mark at the start of a script is skipped, and the
// columns of the first line count from after it.
func TestParseSkipsByteOrderMark(t *testing.T) {
	cmds, err := Parse("bom.paxos", "\ufeffpropose P2 17\ndeliver all\n")
	if err != nil || len(cmds) != 2 || cmds[0].Verb != VPropose || cmds[0].Col != 1 {
		t.Fatalf("got %+v, %v", cmds, err)
	}
	_, err = Parse("bom.paxos", "\ufeffpropose P0")
	if err == nil || err.Error() != `bom.paxos:1:9: expected a proposer such as P2, found "P0"` {
		t.Errorf("error %v", err)
	}
	// Only at the start: elsewhere it is a word like any other.
	if _, err := Parse("bom.paxos", "propose P2\n\ufeffdeliver all"); err == nil {
		t.Error("a byte order mark inside a script is skipped")
	}
}

// The examples of each command are lines of the language: printed, each
// reads back as itself, so that what lint shows an author is always
// true.
func TestExamplesReadBack(t *testing.T) {
	for v := VConfig; v < VExpect; v++ {
		cs := Examples(v)
		if len(cs) == 0 {
			t.Errorf("%s has no example", v)
		}
		for _, c := range cs {
			back, ok, err := ParseLine(c.String())
			if err != nil || !ok || back.String() != c.String() || back.Verb != v {
				t.Errorf("%s reads back as %v (%v)", c, back, err)
			}
		}
	}
}
