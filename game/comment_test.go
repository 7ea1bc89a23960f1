package game

import "testing"

func TestCommentOf(t *testing.T) {
	for _, c := range []struct {
		line, text string
		ok         bool
	}{
		{"# The battle of proposers", "The battle of proposers", true},
		{"  #   indented  ", "indented", true},
		{"#", "", true},
		{"deliver all # then the votes", "then the votes", true},
		{"deliver #12", "", false},
		{`propose P1 1 "a # b" # and € a note`, "and € a note", true},
		{`propose P1 1 "€ # x"`, "", false},
		{"", "", false},
		{"propose P1\r", "", false},
		{"# a note\r", "a note", true},
		{`propose "unclosed # x`, "", false},
	} {
		text, ok := CommentOf(c.line)
		if text != c.text || ok != c.ok {
			t.Errorf("CommentOf(%q) = %q, %v; want %q, %v", c.line, text, ok, c.text, c.ok)
		}
	}
}
