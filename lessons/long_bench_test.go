package lessons

import (
	"io"
	"strings"
	"testing"
)

// Issue 8: "lesson check -v of one 20,000-line show block takes 2 minutes
// and 561 MB: each press recomputes every beat." One op is the transcript
// of a lesson whose one show block has 20,000 lines (10,000 proposals,
// each delivered at once).
func BenchmarkTranscriptLongShow(b *testing.B) {
	var src strings.Builder
	src.WriteString("# A long show\n\nOne long show block.\n\n```paxos show\n")
	for range 10_000 {
		src.WriteString("propose P2\ndeliver all\n")
	}
	src.WriteString("```\n")
	l, err := Parse("long.md", src.String())
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if err := Transcript(io.Discard, l); err != nil {
			b.Fatal(err)
		}
	}
}
