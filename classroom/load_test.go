package classroom

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"paxosgame/game"
	"paxosgame/paxos"
	"paxosgame/table"
)

// dialAll connects n clients at once, as s00, s01…; the first ones join
// with the nodes given.
func dialAll(tb testing.TB, addr string, n int, nodes []string) []*client {
	clients := make([]*client, n)
	var wg sync.WaitGroup
	for i := range clients {
		cmd := ""
		if i < len(nodes) {
			cmd = nodes[i]
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			clients[i] = dial(tb, addr, fmt.Sprintf("s%02d", i), cmd, 120, 35)
		}()
	}
	wg.Wait()
	for i, c := range clients {
		if !c.waitFor("CLASSROOM", 30*time.Second) {
			tb.Fatalf("client %d has no frame", i)
		}
	}
	return clients
}

// A class on real SSH clients: ten join (five straight into a node), all
// answer a poll, and every lecturer's command reaches every screen. No
// clock is read: the figures are the benchmarks'.
func TestClass(t *testing.T) {
	cfg := limits()
	cfg.AnswersPerSec = 0
	s := newServer(t, cfg)
	nodes := []string{"A1", "A2", "A3", "P2", "L1"}
	clients := dialAll(t, s.Addr().String(), 10, nodes)
	var taken int
	s.t.Read(func(tx *table.Tx) {
		for _, nd := range nodes {
			id, _ := game.ParseNode(nd)
			if name, _ := tx.Holder(id); name != "" && tx.Game().World().Hand(id) {
				taken++
			}
		}
	})
	if taken != len(nodes) {
		t.Fatalf("%d of %d nodes taken", taken, len(nodes))
	}
	if _, err := line(t, s, `poll What does P1 propose? | "1 EUR" | "2 EUR" | answer P1 value`); err != nil {
		t.Fatal(err)
	}
	for _, c := range clients {
		if !c.waitFor("POLL", 10*time.Second) {
			t.Fatal("a client has no poll")
		}
		c.send("1")
	}
	waitUntilFor(t, 30*time.Second, func() (ok bool) {
		s.t.Read(func(tx *table.Tx) { p, _ := tx.Poll(); ok = p.Counts[0] == len(clients) })
		return ok
	})
	mustDo(t, s.lecturer, "crash P5")
	for i, c := range clients {
		if !c.waitFor("P5 ✗", 10*time.Second) && !c.waitFor("crashed", time.Second) {
			t.Errorf("client %d does not show P5 crashed", i)
		}
	}
}

// benchStep is the classroom's budget (DESIGN §8): n SSH clients on
// 127.0.0.1, in this process with the server, five of them play nodes;
// from a lecturer's command to the new frame on every client. Each
// iteration is one command; the figures are the latencies of all clients
// of all iterations: go test -bench Step -benchtime 20x ./classroom/.
func benchStep(b *testing.B, n int) {
	cfg := limits()
	cfg.MaxSessions, cfg.MaxConns, cfg.PerAddress = n+10, n+10, 0
	s := newServer(b, cfg)
	clients := dialAll(b, s.Addr().String(), n, []string{"A1", "A2", "A3", "P2", "L1"})
	var lat []time.Duration
	var cpu time.Duration // the process's: server and clients
	b.ResetTimer()
	for i := range b.N {
		b.StopTimer()
		quiet(clients)
		b.StartTimer()
		verb := game.VCrash
		if i%2 == 1 {
			verb = game.VRestart
		}
		t0, cpu0 := time.Now(), cpuTime()
		if _, err := s.lecturer.Do(game.Command{Verb: verb, Node: paxos.P(5)}); err != nil {
			b.Fatal(err)
		}
		for k, c := range clients {
			end := time.Now().Add(10 * time.Second)
			for {
				if at, ok := c.firstAfter(t0); ok {
					lat = append(lat, at.Sub(t0))
					break
				}
				if time.Now().After(end) {
					b.Fatalf("client %d drew no new frame", k)
				}
				time.Sleep(200 * time.Microsecond)
			}
		}
		cpu += cpuTime() - cpu0
	}
	b.StopTimer()
	slices.Sort(lat)
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	b.ReportMetric(ms(lat[len(lat)/2]), "p50-ms")
	b.ReportMetric(ms(lat[len(lat)*99/100]), "p99-ms")
	b.ReportMetric(ms(lat[len(lat)-1]), "max-ms")
	// What the machine's other load does not change much: the CPU time
	// of one board's new frame, drawn and sent (and read by its client).
	b.ReportMetric(ms(cpu)/float64(b.N*n), "cpu-ms/frame")
}

// cpuTime is the CPU time this process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func BenchmarkStep50(b *testing.B)  { benchStep(b, 50) }
func BenchmarkStep200(b *testing.B) { benchStep(b, 200) }

// quiet waits until no client has received anything for 30 ms.
func quiet(cs []*client) {
	end := time.Now().Add(3 * time.Second)
	for time.Now().Before(end) {
		ok := true
		for _, c := range cs {
			if c.quietSince() < 30*time.Millisecond {
				ok = false
				break
			}
		}
		if ok {
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// rss is the resident memory of this process, in bytes, after a
// collection that gives back what it can.
func rss(tb testing.TB) int64 {
	runtime.GC()
	debug.FreeOSMemory()
	raw, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		tb.Skip("no /proc/self/statm: RSS is measured on Linux")
	}
	f := strings.Fields(string(raw))
	pages, _ := strconv.ParseInt(f[1], 10, 64)
	return pages * int64(os.Getpagesize())
}

// swarmEnv makes the test binary a swarm of idle SSH clients (TestSwarm):
// ADDR N. They live in a process of their own, so that the server's RSS
// is the server's alone.
const swarmEnv = "PAXOSGAME_SWARM"

// TestSwarm is not a test: in a process started with PAXOSGAME_SWARM, it
// connects N idle clients to ADDR, says "ready" on stdout, and holds them
// until stdin closes.
func TestSwarm(t *testing.T) {
	spec := os.Getenv(swarmEnv)
	if spec == "" {
		t.Skip("the swarm of BenchmarkIdleSessions runs in a process of its own")
	}
	var addr string
	var n int
	fmt.Sscan(spec, &addr, &n)
	dialAll(t, addr, n, nil)
	fmt.Println("ready")
	bufio.NewReader(os.Stdin).ReadString('\n')
}

// BenchmarkIdleSessions is the server's memory of 200 idle sessions of
// 120×35, the clients in another process (DESIGN §8: ≤ 1.5 MB RSS a
// session). It measures once, whatever -benchtime says.
func BenchmarkIdleSessions(b *testing.B) {
	const n = 200
	for i := range b.N {
		if i > 0 {
			continue // measured once: a second server's "before" would hold the first's heap
		}
		cfg := limits()
		cfg.MaxSessions, cfg.MaxConns, cfg.PerAddress = n+10, n+10, 0
		s := newServer(b, cfg)
		before := rss(b)
		cmd := exec.Command(os.Args[0], "-test.run=^TestSwarm$")
		cmd.Env = append(os.Environ(), fmt.Sprintf("%s=%s %d", swarmEnv, s.Addr(), n))
		in, _ := cmd.StdinPipe()
		out, _ := cmd.StdoutPipe()
		cmd.Stderr = os.Stderr
		if err := cmd.Start(); err != nil {
			b.Fatal(err)
		}
		line, _ := bufio.NewReader(out).ReadString('\n')
		if !strings.HasPrefix(line, "ready") {
			b.Fatalf("the swarm: %q", line)
		}
		time.Sleep(2 * time.Second) // every board drawn and settled
		after := rss(b)
		goroutines := runtime.NumGoroutine()
		var subs int
		subs = s.t.Subscribers()
		in.Close()
		cmd.Wait()
		b.ReportMetric(float64(after-before)/float64(n)/(1<<20), "MB-RSS/session")
		b.ReportMetric(float64(after)/(1<<20), "MB-RSS")
		b.ReportMetric(float64(subs), "subscribers")
		b.ReportMetric(float64(goroutines)/n, "goroutines/session")
	}
}
