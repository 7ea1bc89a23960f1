package cli

import (
	"fmt"

	"paxosgame/game"
	"paxosgame/narrate"
	"paxosgame/plain"
	"paxosgame/ui"
)

const playUsage = `usage: paxosgame play [--plain] [FILE]

Free play: a new game, or the saved script or scenario FILE loaded.
--plain plays line by line, for a screen reader or a braille display.
`

const runUsage = `usage: paxosgame run FILE...

Replays each script headless and prints the narrated transcript; exit 0
when every expect holds, 1 when one fails (with its line), 2 on bad input
(nothing runs past it).
`

// The screens the command line opens, as variables so that a test sees
// which one a command line opens, with no terminal.
var (
	homeScreen   = ui.Home
	playScreen   = ui.Main
	lessonScreen = ui.PlayLesson
)

// play is `paxosgame play [--plain] [FILE]`: the play screen, or line by
// line.
func play(s std, args []string) int {
	if files, ok := withoutPlain(args); ok {
		return plain.Main(files, s.in, s.out, s.err)
	}
	return playScreen(args, s.out, s.err)
}

// withoutPlain is args without --plain, and whether it was there.
func withoutPlain(args []string) ([]string, bool) {
	var out []string
	found := false
	for _, a := range args {
		if a == "--plain" {
			found = true
			continue
		}
		out = append(out, a)
	}
	return out, found
}

// runScripts is `paxosgame run FILE...`: it replays each file; the status
// is the worst of them.
func runScripts(s std, files []string) int {
	stdout, stderr := s.out, s.err
	if len(files) == 0 {
		fmt.Fprintln(stderr, "paxosgame run: name at least one script file")
		return narrate.RunBadInput
	}
	status := narrate.RunOK
	for _, f := range files {
		src, err := game.ReadScript(f)
		if err != nil {
			fmt.Fprintf(stderr, "paxosgame run: %s\n", game.Printable(err.Error()))
			return narrate.RunBadInput
		}
		status = max(status, narrate.Run(stdout, stderr, game.Printable(f), string(src)))
		if status == narrate.RunBadInput {
			return status // nothing runs past input that cannot be run
		}
	}
	return status
}
