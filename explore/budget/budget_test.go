package budget

import (
	"runtime/debug"
	"testing"
	"time"
)

// The limits, as check's flags read them and messages say them.
func TestParseSizeAndSize(t *testing.T) {
	for in, want := range map[string]uint64{"4G": 4 << 30, "512M": 512 << 20, "1.5GB": 3 << 29, "100": 100, "2 GiB": 2 << 30, "64k": 64 << 10} {
		if got, err := ParseSize(in); err != nil || got != want {
			t.Errorf("%q: %d, %v; want %d", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "lots", "-1G", "0", "1Q", "9999999999T"} {
		if _, err := ParseSize(bad); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
	if Size(100<<20) != "100 MB" || Size(3<<29) != "1.5 GB" || Size(12<<30) != "12 GB" {
		t.Errorf("%s %s %s", Size(100<<20), Size(3<<29), Size(12<<30))
	}
	if DefaultMaxMemory() < 64<<20 {
		t.Errorf("the default budget is %d bytes", DefaultMaxMemory())
	}
}

// A watch stops its search at the first bound reached, cancel and states
// included, and gives the runtime's memory limit back once the last
// watch ends.
func TestWatchStopsAndGivesTheLimitBack(t *testing.T) {
	before := debug.SetMemoryLimit(-1)
	cancel := make(chan struct{})
	a := Start(Bounds{MaxMemory: 1 << 40, Cancel: cancel})
	b := Start(Bounds{MaxMemory: 1 << 39, MaxStates: 10})
	if got := debug.SetMemoryLimit(-1); got != 1<<39 {
		t.Errorf("the limit with two watches is %d", got)
	}
	b.Add(5)
	if b.Stopped() != None {
		t.Fatalf("stopped at 5 of 10 states: %v", b.Stopped())
	}
	b.Add(6)
	if b.Stopped() != States {
		t.Fatalf("11 of 10 states: %v", b.Stopped())
	}
	close(cancel)
	deadline := time.Now().Add(5 * time.Second)
	for a.Stopped() == None && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if a.Stopped() != Cancelled {
		t.Fatalf("cancelled: %v", a.Stopped())
	}
	b.Done()
	if got := debug.SetMemoryLimit(-1); got != 1<<40 {
		t.Errorf("the limit with one watch is %d", got)
	}
	a.Done()
	if got := debug.SetMemoryLimit(-1); got != before {
		t.Errorf("the limit after the watches is %d, was %d", got, before)
	}
	m := Start(Bounds{MaxMemory: 1 << 20})
	defer m.Done()
	if m.Stopped() != Memory {
		t.Errorf("a budget of 1 MB: %v", m.Stopped())
	}
}
