package game

import (
	"os"
	"path/filepath"
	"testing"
)

// scriptFiles lists testdata/*.paxos, in name order.
func scriptFiles(t testing.TB) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", "*.paxos"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no scenario scripts in testdata/")
	}
	return files
}

func readFile(t testing.TB, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// replay plays script src as `paxosgame run` does, without its words:
// each command in turn, each expect about now checked where it stands.
// The error is the first command refused or expect unmet.
func replay(name, src string) (*World, error) {
	cmds, err := Parse(name, src)
	if err != nil {
		return nil, err
	}
	w := NewWorld()
	for _, c := range cmds {
		if c.Verb == VExpect {
			if c.Modal == Now {
				if err := w.Check(c); err != nil {
					return w, err
				}
			}
			continue
		}
		if _, err := w.Apply(c); err != nil {
			return w, err
		}
	}
	return w, w.Honest()
}
