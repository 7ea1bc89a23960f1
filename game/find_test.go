package game

import (
	"errors"
	"testing"
)

// Issue 23: "check --find 'expect A4 voted nothing' on a 3-acceptor file
// is accepted (run refuses the same line: "there is no A4") … A malformed
// --find gives no column and does not say what is wrong." A find line is
// read as run reads an expect line, against the world the search starts
// from, and its error says what is wrong and at which column.
func TestParseFindAsRunReadsExpectLines(t *testing.T) {
	w := NewWorld() // 5 proposers, 3 acceptors, 2 learners
	for _, tt := range []struct {
		line string
		col  int
		msg  string
	}{
		{"expect A4 voted nothing", 8, ""},
		{"expect P2 phase 2 # a comment", 0, ""},
		{`expect chosen "6 EUR"`, 0, ""},
		{`expect chosn "6 EUR"`, 8, `expected what to check: chosen, nothing-chosen, agreement, violation, in-flight N, or a node such as A1, found "chosn": did you mean chosen?`},
		{`expect chosen "6 EUR`, 15, `this value has no closing double quote (")`},
		{"expect L3 learned nothing", 8, ""},
		{"propose P1", 1, `expected an expect line such as expect chosen "6 EUR", found the command propose: a search looks for a state where expect lines hold`},
		{"  expect never chosen \"1 EUR\"", 10, `expect never is about a whole run, and a search looks for one state: write the line without never, such as expect chosen "6 EUR"`},
		{"", 1, `expected an expect line such as expect chosen "6 EUR", found nothing`},
		{"expect a1 promised 17", 8, `expected what to check: chosen, nothing-chosen, agreement, violation, in-flight N, or a node such as A1, found "a1": did you mean A1?`},
	} {
		c, err := ParseFind(tt.line, w)
		var r *Refusal
		switch {
		case tt.col != 0 && tt.msg == "": // a node the cluster lacks: refused, its words the narrator's
			if err == nil || err.Col != tt.col || err.Kind != Refused || !errors.As(err, &r) || r.Cause != NoSuchNode {
				t.Errorf("%q: %+v, want a refusal at column %d", tt.line, err, tt.col)
			}
		case tt.msg == "" && err != nil:
			t.Errorf("%q: %v", tt.line, err)
		case tt.msg == "" && c.Verb != VExpect:
			t.Errorf("%q: %v", tt.line, c)
		case tt.msg != "" && (err == nil || err.Col != tt.col || err.Msg != tt.msg):
			t.Errorf("%q:\n got %+v\nwant col %d %s", tt.line, err, tt.col, tt.msg)
		}
	}
}
