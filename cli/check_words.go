package cli

import (
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	"paxosgame/explore"
	"paxosgame/explore/budget"
	"paxosgame/paxos"
)

// searchProgress reports a search's progress through progress (standard
// error, about once a second, from the search's watch); done ends the
// line, if one was written.
func searchProgress(progress func(string)) (report func(explore.Stats), done func()) {
	var mu sync.Mutex
	shown := false
	report = func(s explore.Stats) {
		mu.Lock()
		defer mu.Unlock()
		shown = true
		progress(fmt.Sprintf("%s states, depth %d, %s states/s, %s", explore.Commas(s.States), s.Depth, explore.Commas(int64(s.Rate())), budget.Size(s.Memory)))
	}
	done = func() {
		mu.Lock()
		defer mu.Unlock()
		if shown {
			progress("\n")
		}
	}
	return report, done
}

// stoppedLine says that a budget stopped a search, with what it searched
// and how to go further.
func stoppedLine(l budget.Limit, limits budget.Bounds, states, depth int, sofar string) string {
	bound := ""
	switch l {
	case budget.Memory:
		bound = fmt.Sprintf("the memory budget (--max-memory %s)", budget.Size(limits.MaxMemory))
	case budget.States:
		bound = fmt.Sprintf("the bound on states (--max-states %s)", explore.Commas(limits.MaxStates))
	default:
		bound = l.String()
	}
	return fmt.Sprintf("STOPPED at %s: %s distinct states searched, every run of up to %d steps; %s. Raise the bound, or narrow the search (fewer proposers, ballots or crashes; --symmetry)",
		bound, explore.Commas(states), depth, sofar)
}

// countsLine is what a search of the game counted, as check prints it.
func countsLine(s explore.Stats) string {
	return fmt.Sprintf("%s distinct states, %s transitions, depth %d, %s, %s states/s, peak memory %s",
		explore.Commas(s.States), explore.Commas(s.Transitions), s.Depth, s.Elapsed.Round(time.Millisecond),
		explore.Commas(int64(s.Rate())), peakMemory())
}

// peakMemory is the process's peak resident memory (VmHWM on Linux), or
// the memory the Go runtime took from the system.
func peakMemory() string {
	if data, err := os.ReadFile("/proc/self/status"); err == nil {
		for _, line := range strings.Split(string(data), "\n") {
			if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmHWM:" {
				if kb, err := strconv.Atoi(f[1]); err == nil {
					return fmt.Sprintf("%d MB", kb/1024)
				}
			}
		}
	}
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return fmt.Sprintf("%d MB", m.Sys>>20)
}

// proposerNames writes proposers as --proposers takes them: P1,P2.
func proposerNames(ns []int) string {
	if len(ns) == 0 {
		return "none"
	}
	names := make([]string, len(ns))
	for i, n := range ns {
		names[i] = paxos.P(n).String()
	}
	return strings.Join(names, ",")
}
