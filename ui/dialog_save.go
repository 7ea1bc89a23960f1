package ui

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"paxosgame/atomicfile"
	"paxosgame/game"
	"paxosgame/table"
)

// newSaveDialog asks where to save the game as a script, with path
// suggested.
func newSaveDialog(sc *scene, h host, path string) *lineDialog {
	return newPathLine(sc, h, "save to: ", path, "the game as a script: every step kept, undone ones too · enter save · esc cancel",
		func(p *lineDialog, tx *table.Tx, path string) dialog { return saveTo(p, tx, path, false) })
}

// savePath is the file the save prompt suggests.
func savePath(p *scene) string {
	if p.path != "" {
		return p.path
	}
	return "paxos-game.paxos"
}

// saveTo writes the game as a script to path: atomically (a temporary file
// renamed into place) and, unless overwrite, never over an existing file.
// It returns what takes the prompt's place: a prompt for another name,
// the question whether to overwrite, or nil.
func saveTo(p *lineDialog, tx *table.Tx, path string, overwrite bool) dialog {
	if path == "" {
		p.say(true, "✗ give a file name to save to")
		return nil
	}
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		p.say(true, "✗ not saved: %s is a folder; give a file name", path)
		return nil
	}
	// A game loaded from a file is written back with that file's own
	// text (comments, expects) while its history still follows the file.
	text, kept := p.g.SourceScript()
	if !kept {
		if samePath(path, p.g.SourceFile()) {
			name := freeName(path)
			p.say(true, "✗ not saved: your game left the steps of %s (you stepped back and played otherwise), so writing over it would lose its comments and expects; enter saves to %s",
				filepath.Base(path), filepath.Base(name))
			return newSaveDialog(p.scene, p.host, name)
		}
		text = p.g.Script()
	}
	if err := tx.May(table.Files); err != nil {
		p.say(true, "✗ not saved: %s", err)
		return nil
	}
	err := atomicfile.Write(path, []byte(text), overwrite)
	if errors.Is(err, fs.ErrExist) {
		return &confirm{scene: p.scene, host: p.host,
			question: askLine(p.scene, path+" exists. Overwrite it? y yes · n no"),
			yes:      func(tx *table.Tx) { saveTo(p, tx, path, true) },
			no:       "nothing changed",
		}
	}
	if err != nil {
		p.say(true, "✗ not saved: %v", err)
		return nil
	}
	if err := tx.Saved(path); err != nil {
		p.say(true, "✗ %s", err)
		return nil
	}
	p.follow(tx)
	n := p.g.Len()
	if ahead := n - p.g.Cursor(); ahead > 0 {
		// The script is the whole history: opened, it is at its last step.
		p.say(false, "✓ saved %d %s to %s — the whole history, including %d ahead of you; opened, it starts at step %d",
			n, plural(n, "step"), path, ahead, n)
		return nil
	}
	p.say(false, "✓ saved %d %s to %s", n, plural(n, "step"), game.Printable(path))
	return nil
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
