package cli

import (
	"flag"
	"os"
	"testing"
)

// update rewrites the examples in docs/ from the code of today:
//
//	go test ./cli -run TestDocsExamples -update
var update = flag.Bool("update", false, "rewrite docs/'s exported examples")

// docsExamples is each file of docs/ and the export command that makes it.
var docsExamples = []struct {
	file string
	args []string
}{
	{"docs/duelling-ballots.mmd", []string{"--format", "mermaid"}},
	{"docs/duelling-ballots.svg", []string{"--format", "svg"}},
	{"docs/duelling-ballots.dark.svg", []string{"--format", "svg-dark"}},
	{"docs/duelling-ballots.slide-1-14.svg", []string{"--format", "svg", "--slide", "--from", "1", "--to", "14"}},
	{"docs/duelling-ballots.md", []string{"--format", "markdown"}},
	{"docs/duelling-ballots.cast", []string{"--format", "cast", "--size", "100x30", "--pace", "1s"}},
}

// The examples in docs/ (and so the README's) are what export makes of
// the battle today: they cannot go stale. -update writes them anew.
func TestDocsExamples(t *testing.T) {
	for _, ex := range docsExamples {
		status, out, errOut := cli(append([]string{"export", battle}, ex.args...)...)
		if status != 0 {
			t.Fatalf("%s: status %d: %s", ex.file, status, errOut)
		}
		if *update {
			if err := os.WriteFile(ex.file, []byte(out), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(ex.file)
		if err != nil {
			t.Fatal(err)
		}
		if out != string(want) {
			t.Errorf("%s is stale: go test ./cli -run TestDocsExamples -update writes it anew", ex.file)
		}
	}
}
