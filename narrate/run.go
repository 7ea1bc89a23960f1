package narrate

import (
	"bufio"
	"errors"
	"fmt"
	"io"

	"paxosgame/game"
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
	cmds, err := game.Parse(file, src)
	if err != nil {
		fmt.Fprintln(errOut, err)
		return RunBadInput
	}
	fmt.Fprintf(bw, "== %s\n", file)
	w := game.NewWorld()
	// The conditions of expect ever and never lines, seen at every step.
	ever := map[string]*game.EverHeld{}
	for _, c := range cmds {
		if c.Verb == game.VExpect && c.Modal != game.Now {
			e := game.NewEverHeld(c)
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
		if c.Verb == game.VExpect {
			expects++
			err := w.CheckEver(c, ever[game.NewEverHeld(c).Cond.String()])
			if r := (*game.Refusal)(nil); errors.As(err, &r) && r.Cause == game.NoSuchNode {
				// Not a claim that fails: a node the cluster lacks is bad input.
				bw.Flush()
				fmt.Fprintln(errOut, Error(game.RefusedIn(file, src, cmds, c, err)))
				return RunBadInput
			}
			if err != nil {
				failed++
				status = RunFailed
				fmt.Fprintf(bw, "      %s  ✗ FAILED\n", c)
				bw.Flush()
				fmt.Fprintf(errOut, "%s:%d:%d: %s\n", file, c.Line, c.Col, Unmet(w, err))
				continue
			}
			fmt.Fprintf(bw, "      %s  ✓\n", c)
			continue
		}
		shown := w.Resolve(c)
		evs, err := w.Apply(c)
		if err != nil {
			bw.Flush()
			fmt.Fprintln(errOut, Error(game.RefusedIn(file, src, cmds, c, err)))
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
		fmt.Fprintln(errOut, Error(game.RefusedIn(file, src, cmds, game.Command{}, err)))
		return RunBadInput
	}
	verdict := "every expect holds"
	if failed > 0 {
		verdict = fmt.Sprintf("%d of %d expects FAILED", failed, expects)
	}
	fmt.Fprintf(bw, "-- %s: %d steps, %d expects, %s\n", file, w.Step, expects, verdict)
	return status
}
