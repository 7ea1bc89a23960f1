package export

import (
	"testing"
	"time"
)

func TestParseSize(t *testing.T) {
	for _, c := range []struct {
		in   string
		w, h int
	}{{"100x30", 100, 30}, {"80x24", 80, 24}, {"300X100", 300, 100}} {
		w, h, err := ParseSize(c.in)
		if err != nil || w != c.w || h != c.h {
			t.Errorf("%q: %d×%d, %v", c.in, w, h, err)
		}
	}
	for _, in := range []string{"", "100", "x", "100x", "79x24", "80x23", "301x30", "100x101", "-100x30", "100x30x2", "1e2x30", "99999999999999999999x30"} {
		if _, _, err := ParseSize(in); err == nil {
			t.Errorf("%q: no error", in)
		}
	}
}

func TestParsePace(t *testing.T) {
	for in, want := range map[string]time.Duration{"1s": time.Second, "500ms": 500 * time.Millisecond, "0.1s": 100 * time.Millisecond, "10s": 10 * time.Second, "1.5": 1500 * time.Millisecond, "0.1": 100 * time.Millisecond, "10": 10 * time.Second} {
		if d, err := ParsePace(in); err != nil || d != want {
			t.Errorf("%q: %v, %v", in, d, err)
		}
	}
	for _, in := range []string{"", "fast", "99ms", "0", "-1s", "10.001s", "11", "NaN", "Inf", "-Inf", "1e300", "-1e300", "1h"} {
		if _, err := ParsePace(in); err == nil {
			t.Errorf("%q: no error", in)
		}
	}
}

// Without the play screen (no Options.Screen), the cast format says so.
func TestCastNeedsThePlayScreen(t *testing.T) {
	if _, err := Export("cast", "battle", open(t, battle)); err != errNoCast {
		t.Errorf("not errNoCast: %v", err)
	}
}
