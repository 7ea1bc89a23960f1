package ui

import (
	"errors"
	"fmt"
	"path/filepath"
	"runtime/debug"
	"strings"

	"paxosgame/game"
	"paxosgame/narrate"
	"paxosgame/paxos"
	"paxosgame/table"
)

// newOpenDialog asks for a script to open, with path suggested: it
// replays, and takes the game's place on the table (after asking, when
// the game has unsaved play).
func newOpenDialog(sc *scene, h host, path string) *lineDialog {
	return newPathLine(sc, h, "open script: ", path, "replays a script; if it fails, your game stays as it is · enter open · esc cancel", openAsking)
}

// loadScript reads and replays a script; the error names file:line:col.
func loadScript(path string) (*game.Game, error) {
	src, err := game.ReadScript(path)
	if err != nil {
		return nil, err
	}
	g, err := game.Open(path, string(src))
	if err != nil {
		var es game.Errors
		if errors.As(err, &es) && len(es) > 1 {
			return nil, fmt.Errorf("%w (and %d more errors)", es[0], len(es)-1)
		}
		return nil, err
	}
	// Replaying a long script leaves more garbage than the game it makes
	// (100,000 steps: about 450 MB allocated for 64 MB kept). Without a
	// collection now, the heap stays at its peak for as long as one plays.
	debug.FreeOSMemory()
	return g, nil
}

// loadError words a script's error for a status line of w cells: with the
// file's name rather than its whole path when the path leaves no room.
func loadError(err error, path string, w int) string {
	msg := narrate.Error(err)
	if len(wrap("✗ not loaded: "+msg, w)) > 2 {
		msg = strings.ReplaceAll(msg, path, filepath.Base(path))
	}
	return game.Printable(msg) // the file name may have control characters
}

// openAsking replays a script; on error the current game stays as it was. A
// game with unsaved play is replaced only after asking: openAsking returns the
// question, or nil.
func openAsking(p *lineDialog, tx *table.Tx, path string) dialog {
	if err := tx.May(table.Files); err != nil {
		p.say(true, "✗ not loaded: %s", err)
		return nil
	}
	g, err := loadScript(path)
	if err != nil {
		p.say(true, "✗ not loaded: %s", loadError(err, path, p.w))
		return nil
	}
	if p.dirty {
		return &confirm{scene: p.scene, host: p.host,
			question: askLine(p.scene, "Your game has unsaved play. Replace it with "+path+"? y yes · n no"),
			yes:      func(tx *table.Tx) { replaceGame(p, tx, g, path) },
			no:       "nothing changed",
		}
	}
	replaceGame(p, tx, g, path)
	return nil
}

// replaceGame puts a loaded game in place of the current one, on the table.
func replaceGame(p *lineDialog, tx *table.Tx, g *game.Game, path string) {
	if err := tx.Replace(g, filepath.Base(path), path); err != nil {
		p.say(true, "✗ not loaded: %s", err)
		return
	}
	p.follow(tx)
	p.selMsg, p.storyUp = 0, 0
	p.selNode = paxos.P(1)
	p.say(false, "✓ loaded %s: %d steps; home goes to step 0", game.Printable(path), g.Len())
	p.played()
}
