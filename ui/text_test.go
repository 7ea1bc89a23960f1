package ui

import (
	"fmt"
	"testing"
)

// The memo of key phrases gives what working them out gives, and grows
// no further than its bound whatever text comes: "nothing a client asks
// for is unbounded".
func TestMemoIsBounded(t *testing.T) {
	c := &memo{maxBytes: 1000}
	for i := range 500 {
		s := fmt.Sprintf("deliver 1a P1→A%d for 8 EUR and n goes on %d", i%9, i)
		if got, want := c.get(s, findKeyPhrases), findKeyPhrases(s); got != want {
			t.Fatalf("%q: memo %q, want %q", s, got, want)
		}
		if c.bytes > c.maxBytes {
			t.Fatalf("the memo holds %d bytes, over its %d", c.bytes, c.maxBytes)
		}
	}
}
