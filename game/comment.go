package game

import (
	"strings"
	"unicode/utf8"
)

// CommentOf is the comment of a script's line: the text after the # that
// starts it (a # before a digit is a message's id, a # in a value is the
// value's), trimmed; ok is false when the line has none. A handout writes
// a script's comments as its prose.
func CommentOf(line string) (text string, ok bool) {
	line = strings.TrimRight(line, "\r")
	_, end, err := tokenize(line)
	if err != nil {
		return "", false
	}
	// end is the column of the #, or one past the line: columns count
	// characters from 1.
	i := 0
	for col := 1; col < end && i < len(line); col++ {
		_, size := utf8.DecodeRuneInString(line[i:])
		i += size
	}
	if i >= len(line) || line[i] != '#' {
		return "", false
	}
	return strings.TrimSpace(line[i+1:]), true
}
