package game

import (
	"errors"
	"fmt"
)

// ParseFind reads the condition of a search for a state (check --find, an
// exam's find line) as run reads an expect line, and checks it against w,
// the world the search starts from: an expect line that holds or not in
// one state, about nodes w has. The error says what is wrong and at which
// column of line: a word the language does not have (with its guess), a
// command that is no expect, an expect ever or never line (about a run,
// not a state), a node the cluster lacks.
func ParseFind(line string, w *World) (Command, *Error) {
	c, ok, err := ParseLine(line)
	switch {
	case err != nil:
		return Command{}, err
	case !ok:
		return Command{}, &Error{Col: 1, Kind: OtherError, Msg: `expected an expect line such as expect chosen "6 EUR", found nothing`}
	case c.Verb != VExpect:
		return Command{}, &Error{Col: c.Col, Kind: OtherError,
			Msg: fmt.Sprintf(`expected an expect line such as expect chosen "6 EUR", found the command %s: a search looks for a state where expect lines hold`, c.Verb)}
	case c.Modal != Now:
		return Command{}, &Error{Col: wordColumn(line, c.Modal.String()), Kind: OtherError,
			Msg: fmt.Sprintf(`expect %s is about a whole run, and a search looks for one state: write the line without %s, such as expect chosen "6 EUR"`, c.Modal, c.Modal)}
	}
	if cerr := w.Check(c); cerr != nil {
		if r := (*Refusal)(nil); errors.As(cerr, &r) && r.Cause == NoSuchNode {
			return Command{}, &Error{Col: nodeColumn(line, c.Col, r.Node), Kind: Refused, Msg: r.Error(), Err: r}
		}
	}
	return c, nil
}

// wordColumn is the column of the first word of line that is word, or 1.
func wordColumn(line, word string) int {
	col := 1
	for i := 0; i < len(line); {
		j := i
		for j < len(line) && line[j] != ' ' && line[j] != '\t' {
			j++
		}
		if line[i:j] == word {
			return col
		}
		if j == i {
			j++
		}
		col += len([]rune(line[i:j]))
		i = j
	}
	return 1
}
