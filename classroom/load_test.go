package classroom

import (
	"bufio"
	"fmt"
	"io"
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
// 127.0.0.1, in a process of their own (a swarm), five of them play
// nodes; from a lecturer's command to the new frame on every client.
// Each iteration is one command; the figures are the latencies of all
// clients of all iterations, and the server's CPU time a frame:
// go test -run '^$' -bench Step -benchtime 20x ./classroom/.
func benchStep(b *testing.B, n int) {
	cfg := limits()
	cfg.MaxSessions, cfg.MaxConns, cfg.PerAddress = n+10, n+10, 0
	s := newServer(b, cfg)
	sw := startSwarm(b, s, n, "A1,A2,A3,P2,L1")
	var lat []time.Duration
	var cpu time.Duration // the server's: the clients are apart
	b.ResetTimer()
	for i := range b.N {
		b.StopTimer()
		sw.ask("quiet")
		b.StartTimer()
		verb := game.VCrash
		if i%2 == 1 {
			verb = game.VRestart
		}
		t0, cpu0 := time.Now(), cpuTime()
		if _, err := s.lecturer.Do(game.Command{Verb: verb, Node: paxos.P(5)}); err != nil {
			b.Fatal(err)
		}
		f := strings.Fields(sw.ask(fmt.Sprintf("t %d", t0.UnixNano())))
		if len(f) != n+1 || f[0] != "lat" {
			b.Fatalf("the swarm: %q", f)
		}
		for _, us := range f[1:] {
			d, _ := strconv.ParseInt(us, 10, 64)
			lat = append(lat, time.Duration(d)*time.Microsecond)
		}
		cpu += cpuTime() - cpu0
	}
	b.StopTimer()
	slices.Sort(lat)
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	b.ReportMetric(ms(lat[len(lat)/2]), "p50-ms")
	b.ReportMetric(ms(lat[len(lat)*99/100]), "p99-ms")
	b.ReportMetric(ms(lat[len(lat)-1]), "max-ms")
	// What the machine's other load changes little: the server's CPU
	// time for one board's new frame, laid out, drawn and sent.
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

// swarmEnv makes the test binary a swarm of SSH clients (TestSwarm):
// "ADDR N NODES", the first clients joining with the NODES (A1,A2 or -).
// They live in a process of their own, so that the server's memory and
// CPU time are the server's alone.
const swarmEnv = "PAXOSGAME_SWARM"

// TestSwarm is not a test: in a process started with PAXOSGAME_SWARM, it
// connects N clients to ADDR and says "ready"; then, line by line on
// stdin, "quiet" waits until no client has read for 30 ms, and "t NANOS"
// until every client has read after that time, answering "lat" and each
// client's latency in µs. It ends when stdin closes.
func TestSwarm(t *testing.T) {
	spec := os.Getenv(swarmEnv)
	if spec == "" {
		t.Skip("the swarm of the classroom's benchmarks runs in a process of its own")
	}
	var addr, nodes string
	var n int
	fmt.Sscan(spec, &addr, &n, &nodes)
	clients := dialAll(t, addr, n, strings.Split(nodes, ","))
	fmt.Println("ready")
	in := bufio.NewScanner(os.Stdin)
	for in.Scan() {
		switch f := strings.Fields(in.Text()); f[0] {
		case "quiet":
			quiet(clients)
			fmt.Println("quiet")
		case "t":
			ns, _ := strconv.ParseInt(f[1], 10, 64)
			t0 := time.Unix(0, ns)
			out := []string{"lat"}
			for k, c := range clients {
				end := time.Now().Add(10 * time.Second)
				for {
					if at, ok := c.firstAfter(t0); ok {
						out = append(out, strconv.FormatInt(at.Sub(t0).Microseconds(), 10))
						break
					}
					if time.Now().After(end) {
						t.Fatalf("client %d drew no new frame", k)
					}
					time.Sleep(200 * time.Microsecond)
				}
			}
			fmt.Println(strings.Join(out, " "))
		}
	}
}

// swarm is a TestSwarm process and its pipes.
type swarm struct {
	tb  testing.TB
	in  io.WriteCloser
	out *bufio.Reader
}

// startSwarm connects n clients to s from another process, the first
// joining with nodes; it ends with the test.
func startSwarm(tb testing.TB, s *Server, n int, nodes string) *swarm {
	cmd := exec.Command(os.Args[0], "-test.run=^TestSwarm$")
	cmd.Env = append(os.Environ(), fmt.Sprintf("%s=%s %d %s", swarmEnv, s.Addr(), n, nodes))
	in, _ := cmd.StdinPipe()
	out, _ := cmd.StdoutPipe()
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		tb.Fatal(err)
	}
	sw := &swarm{tb: tb, in: in, out: bufio.NewReader(out)}
	tb.Cleanup(func() {
		in.Close()
		cmd.Wait()
	})
	if line, _ := sw.out.ReadString('\n'); !strings.HasPrefix(line, "ready") {
		tb.Fatalf("the swarm: %q", line)
	}
	return sw
}

// ask says line to the swarm and returns its answer.
func (sw *swarm) ask(line string) string {
	fmt.Fprintln(sw.in, line)
	ans, err := sw.out.ReadString('\n')
	if err != nil {
		sw.tb.Fatalf("the swarm: %v", err)
	}
	return ans
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
		startSwarm(b, s, n, "-")
		time.Sleep(2 * time.Second) // every board drawn and settled
		after := rss(b)
		goroutines := runtime.NumGoroutine()
		b.ReportMetric(float64(after-before)/float64(n)/(1<<20), "MB-RSS/session")
		b.ReportMetric(float64(after)/(1<<20), "MB-RSS")
		b.ReportMetric(float64(s.t.Subscribers()), "subscribers")
		b.ReportMetric(float64(goroutines)/n, "goroutines/session")
	}
}
