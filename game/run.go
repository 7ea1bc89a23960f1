package game

import (
	"bufio"
	"fmt"
	"io"
)

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
	status, expects, failed := RunOK, 0, 0
	for _, c := range cmds {
		if c.Verb == VExpect {
			expects++
			if err := w.Check(c); err != nil {
				failed++
				status = RunFailed
				fmt.Fprintf(bw, "      %s  ✗ FAILED\n", c)
				bw.Flush()
				fmt.Fprintf(errOut, "%s:%d:%d: %v\n", file, c.Line, c.Col, err)
				continue
			}
			fmt.Fprintf(bw, "      %s  ✓\n", c)
			continue
		}
		shown := w.Resolve(c)
		evs, err := w.Apply(c)
		if err != nil {
			bw.Flush()
			fmt.Fprintf(errOut, "%s:%d:%d: refused: %s: %v\n", file, c.Line, c.Col, c, err)
			return RunBadInput
		}
		if c.Verb.Setup() {
			fmt.Fprintf(bw, "      %s\n", shown)
		} else {
			fmt.Fprintf(bw, "%4d  %s\n", w.Step, shown)
		}
		WriteEvents(bw, evs, "        ")
	}
	verdict := "every expect holds"
	if failed > 0 {
		verdict = fmt.Sprintf("%d of %d expects FAILED", failed, expects)
	}
	fmt.Fprintf(bw, "-- %s: %d steps, %d expects, %s\n", file, w.Step, expects, verdict)
	return status
}
