package game

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"unicode/utf8"

	"paxosgame/paxos"
	"paxosgame/userfile"
)

// MaxScriptSize is the largest script or lesson file the game reads: far
// more than any game or lesson a person writes (a 100,000-step save is
// about 1 MB), and little enough that reading it cannot exhaust memory.
const MaxScriptSize = 64 << 20

// ReadScript reads a script or lesson file. Whatever is not a regular
// file (a directory, a device such as /dev/zero, a named pipe) or is
// larger than MaxScriptSize is refused at once, before it is read, with
// an error that names the file and says why.
func ReadScript(path string) ([]byte, error) {
	src, err := userfile.Read(path, MaxScriptSize)
	var r *userfile.Refused
	switch {
	case errors.As(err, &r) && r.Kind != "":
		return nil, fmt.Errorf("%s %v: a script or lesson is read from a file", Printable(path), r)
	case errors.As(err, &r):
		return nil, fmt.Errorf("%s is too big: %d bytes, and a script or lesson may have at most %d (64 MB)", Printable(path), r.Size, MaxScriptSize)
	}
	if pe := (*fs.PathError)(nil); errors.As(err, &pe) {
		pe.Path = Printable(pe.Path) // "open NAME: no such file or directory", printed as it is
	}
	return src, err
}

// RefusedIn is the error of a command of a script that the game refused:
// at the command's line and column, or at the node's when the cluster
// lacks the node it names and src (the script's text) shows where. A
// start no run of Paxos reaches is refused at the set line of cmds at
// fault.
func RefusedIn(file, src string, cmds []Command, c Command, err error) *Error {
	if set, ok := BlamedSet(cmds, err); ok {
		c = set
	}
	col := c.Col
	if r := (*Refusal)(nil); errors.As(err, &r) && r.Cause == NoSuchNode {
		col = nodeColumn(lineOf(src, c.Line), c.Col, r.Node)
	}
	return &Error{File: file, Line: c.Line, Col: col, Kind: Refused, Msg: fmt.Sprintf("refused: %s: %v", c, err), Err: err}
}

// lineOf is the n-th line of src, counted from 1, or "".
func lineOf(src string, n int) string {
	src = strings.TrimPrefix(src, ByteOrderMark) // as Parse reads it
	for i, line := range strings.SplitAfter(src, "\n") {
		if i == n-1 {
			return line
		}
	}
	return ""
}

// nodeColumn is the column where node is named in line, at or after
// column from (the command's), or from when it is not there: the first
// word that is the node's name (P2, or p2 and the like, as the parser
// reads it), such as A9 in "deliver 1a P2->A9".
func nodeColumn(line string, from int, node paxos.NodeID) int {
	name := node.String()
	isWord := func(b byte) bool { return b >= '0' && b <= '9' || b|0x20 >= 'a' && b|0x20 <= 'z' }
	start := 0 // the byte where column from is
	for range from - 1 {
		if start >= len(line) {
			return from
		}
		_, size := utf8.DecodeRuneInString(line[start:])
		start += size
	}
	for i := start; i+len(name) <= len(line); i++ {
		if strings.EqualFold(line[i:i+len(name)], name) &&
			(i == 0 || !isWord(line[i-1])) && (i+len(name) == len(line) || !isWord(line[i+len(name)])) {
			return utf8.RuneCountInString(line[:i]) + 1
		}
	}
	return from
}
