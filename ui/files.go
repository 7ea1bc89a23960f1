package ui

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"

	"paxosgame/atomicfile"
	"paxosgame/game"
	"paxosgame/narrate"
	"paxosgame/paxos"
	"paxosgame/table"
)

// save writes the game as a script to path: atomically (a temporary file
// renamed into place) and, unless overwrite, never over an existing file.
func (p *play) save(tx *table.Tx, path string, overwrite bool) {
	if path == "" {
		p.say(true, "✗ give a file name to save to")
		return
	}
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		p.say(true, "✗ not saved: %s is a folder; give a file name", path)
		return
	}
	// A game loaded from a file is written back with that file's own
	// text (comments, expects) while its history still follows the file.
	text, kept := p.g.SourceScript()
	if !kept {
		if samePath(path, p.g.SourceFile()) {
			name := freeName(path)
			p.mode = modeSave
			p.input.open("save to: ", name)
			p.say(true, "✗ not saved: your game left the steps of %s (you stepped back and played otherwise), so writing over it would lose its comments and expects; enter saves to %s",
				filepath.Base(path), filepath.Base(name))
			return
		}
		text = p.g.Script()
	}
	if err := p.seat.May(table.Files); err != nil {
		p.say(true, "✗ not saved: %s", err)
		return
	}
	err := atomicfile.Write(path, []byte(text), overwrite)
	if errors.Is(err, fs.ErrExist) {
		p.mode = modeOverwrite
		p.input.in.SetValue(path)
		return
	}
	if err != nil {
		p.say(true, "✗ not saved: %v", err)
		return
	}
	if err := tx.Saved(path); err != nil {
		p.say(true, "✗ %s", err)
		return
	}
	p.follow(tx)
	n := p.g.Len()
	if ahead := n - p.g.Cursor(); ahead > 0 {
		// The script is the whole history: opened, it is at its last step.
		p.say(false, "✓ saved %d %s to %s — the whole history, including %d ahead of you; opened, it starts at step %d",
			n, plural(n, "step"), path, ahead, n)
		return
	}
	p.say(false, "✓ saved %d %s to %s", n, plural(n, "step"), game.Printable(path))
}

// samePath reports whether two paths name one file.
func samePath(a, b string) bool {
	if a == "" || b == "" {
		return false
	}
	fa, errA := os.Stat(a)
	fb, errB := os.Stat(b)
	if errA != nil || errB != nil {
		return filepath.Clean(a) == filepath.Clean(b)
	}
	return os.SameFile(fa, fb)
}

// freeName is path with -2, -3, … before its extension: the first that
// names no file yet.
func freeName(path string) string {
	ext := filepath.Ext(path)
	stem := strings.TrimSuffix(path, ext)
	for i := 2; ; i++ {
		name := fmt.Sprintf("%s-%d%s", stem, i, ext)
		if _, err := os.Lstat(name); errors.Is(err, fs.ErrNotExist) {
			return name
		}
	}
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

// load replays a script; on error the current game stays as it was. A
// game with unsaved play is replaced only after asking.
func (p *play) load(tx *table.Tx, path string) {
	if err := p.seat.May(table.Files); err != nil {
		p.say(true, "✗ not loaded: %s", err)
		return
	}
	g, err := loadScript(path)
	if err != nil {
		p.say(true, "✗ not loaded: %s", loadError(err, path, p.w))
		return
	}
	if p.Dirty() {
		p.loaded = g
		p.mode = modeReplace
		p.input.in.SetValue(path)
		return
	}
	p.replace(tx, g, path)
}

// replace puts a loaded game in place of the current one, on the table.
func (p *play) replace(tx *table.Tx, g *game.Game, path string) {
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
