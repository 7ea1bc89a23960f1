package game

import (
	"bufio"
	"errors"
	"fmt"
	"io"
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

// refused is the error of a command of a script that the game refused:
// at the command's line and column, or at the node's when the cluster
// lacks the node it names and src (the script's text) shows where. A
// start no run of Paxos reaches is refused at the set line of cmds at
// fault.
func refused(file, src string, cmds []Command, c Command, err error) *Error {
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

// Exit statuses of Run, as `paxosgame run` returns them.
const (
	RunOK       = 0 // every expect holds
	RunFailed   = 1 // an expect failed
	RunBadInput = 2 // the script cannot be run: bad syntax or a refused command
)

// Run replays one script headless and writes its narrated transcript to
// out: each step with its command and what happened, CHOSEN and VIOLATION
// lines, and each expect with ✓ or ✗. Problems go to errOut with file and
// line. Same input, same output.
func Run(out, errOut io.Writer, file, src string) int {
	bw := bufio.NewWriter(out)
	defer bw.Flush()
	cmds, err := Parse(file, src)
	if err != nil {
		fmt.Fprintln(errOut, err)
		return RunBadInput
	}
	fmt.Fprintf(bw, "== %s\n", file)
	w := NewWorld()
	// The conditions of expect ever and never lines, seen at every step.
	ever := map[string]*EverHeld{}
	for _, c := range cmds {
		if c.Verb == VExpect && c.Modal != Now {
			e := NewEverHeld(c)
			ever[e.Cond.String()] = e
		}
	}
	see := func() {
		for _, e := range ever {
			e.See(w, w.Step)
		}
	}
	see()
	status, expects, failed := RunOK, 0, 0
	for _, c := range cmds {
		if c.Verb == VExpect {
			expects++
			var err error
			if c.Modal == Now {
				err = w.Check(c)
			} else if e := ever[NewEverHeld(c).Cond.String()]; c.Node.N != 0 && !w.Exists(c.Node) {
				err = w.noSuchNode(c, c.Node)
			} else {
				err = e.Verdict(c)
			}
			if r := (*Refusal)(nil); errors.As(err, &r) && r.Cause == NoSuchNode {
				// Not a claim that fails: a node the cluster lacks is bad input.
				bw.Flush()
				fmt.Fprintln(errOut, refused(file, src, cmds, c, err))
				return RunBadInput
			}
			if err != nil {
				failed++
				status = RunFailed
				fmt.Fprintf(bw, "      %s  ✗ FAILED\n", c)
				bw.Flush()
				fmt.Fprintf(errOut, "%s:%d:%d: %s\n", file, c.Line, c.Col, w.UnmetWords(err))
				continue
			}
			fmt.Fprintf(bw, "      %s  ✓\n", c)
			continue
		}
		shown := w.Resolve(c)
		evs, err := w.Apply(c)
		if err != nil {
			bw.Flush()
			fmt.Fprintln(errOut, refused(file, src, cmds, c, err))
			return RunBadInput
		}
		see()
		if c.Verb.Setup() {
			fmt.Fprintf(bw, "      %s\n", shown)
		} else {
			fmt.Fprintf(bw, "%4d  %s\n", w.Step, shown)
		}
		WriteEvents(bw, evs, "        ")
	}
	if err := w.Honest(); err != nil { // a script of setup only
		bw.Flush()
		fmt.Fprintln(errOut, refused(file, src, cmds, Command{}, err))
		return RunBadInput
	}
	verdict := "every expect holds"
	if failed > 0 {
		verdict = fmt.Sprintf("%d of %d expects FAILED", failed, expects)
	}
	fmt.Fprintf(bw, "-- %s: %d steps, %d expects, %s\n", file, w.Step, expects, verdict)
	return status
}
