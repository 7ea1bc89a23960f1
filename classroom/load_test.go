package classroom

import (
	"fmt"
	"runtime"
	"slices"
	"sync"
	"testing"
	"time"

	"paxosgame/game"
	"paxosgame/paxos"
	"paxosgame/table"
)

// TestLoad is the classroom under a class: 50 SSH clients on 127.0.0.1
// (10 with -short), 5 of them take nodes, all answer a poll; then the
// lecturer's commands, timed from the command to the new frame on every
// client. The goal is a p99 under 100 ms at 50 clients.
func TestLoad(t *testing.T) {
	n, rounds := 50, 20
	if testing.Short() {
		n, rounds = 10, 10
	}
	cfg := limits()
	cfg.AnswersPerSec = 0
	s := newServer(t, cfg)
	addr := s.Addr().String()

	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)

	nodes := []string{"A1", "A2", "A3", "P2", "L1"}
	clients := make([]*client, n)
	var wg sync.WaitGroup
	start := time.Now()
	for i := range clients {
		cmd := ""
		if i < len(nodes) {
			cmd = nodes[i]
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			clients[i] = dial(t, addr, fmt.Sprintf("s%02d", i), cmd, 120, 35)
		}()
	}
	wg.Wait()
	for i, c := range clients {
		if !c.waitFor("CLASSROOM", 20*time.Second) {
			t.Fatalf("client %d has no frame", i)
		}
	}
	t.Logf("%d clients connected and drawn in %v", n, time.Since(start).Round(time.Millisecond))
	var taken int
	s.room.t.Read(func(tx *table.Tx) {
		for _, nd := range nodes {
			id, _ := game.ParseNode(nd)
			if s.room.holders[id] != nil && tx.Game().World().Hand(id) {
				taken++
			}
		}
	})
	if taken != len(nodes) {
		t.Fatalf("%d of %d nodes taken", taken, len(nodes))
	}

	// Everyone answers a poll.
	lp := &lecturer{r: s.room, logs: s.logs}
	s.room.t.Act(func(tx *table.Tx) {
		if _, _, err := lp.RoomLine(tx, `poll What does P1 propose? | "1 EUR" | "2 EUR" | answer P1 value`); err != nil {
			t.Error(err)
		}
	})
	for _, c := range clients {
		if !c.waitFor("POLL", 10*time.Second) {
			t.Fatal("a client has no poll")
		}
		c.send("1")
	}
	// Each answer redraws every board: under go test ./... with the other
	// packages' tests on the same 2 cores, 50 of them take seconds.
	answersFrom := time.Now()
	waitUntilFor(t, 30*time.Second, func() (ok bool) {
		s.room.t.Read(func(*table.Tx) { ok = len(s.room.poll.answers) == n })
		return ok
	})
	t.Logf("%d answers counted in %v", n, time.Since(answersFrom).Round(time.Millisecond))
	s.room.t.Act(func(tx *table.Tx) { s.room.closePoll(tx) })

	runtime.GC()
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	perSession := (int64(after.HeapInuse) - int64(before.HeapInuse)) / int64(n)

	// The lecturer's commands: each changes P5's row on every board.
	var lat []time.Duration
	for r := range rounds {
		quiet(clients)
		verb := game.VCrash
		if r%2 == 1 {
			verb = game.VRestart
		}
		t0 := time.Now()
		if _, err := s.room.t.Do(game.Command{Verb: verb, Node: paxos.P(5)}); err != nil {
			t.Fatal(err)
		}
		for i, c := range clients {
			var at time.Time
			end := time.Now().Add(5 * time.Second)
			for {
				var ok bool
				if at, ok = c.firstAfter(t0); ok {
					break
				}
				if time.Now().After(end) {
					t.Fatalf("round %d: client %d drew no new frame", r, i)
				}
				time.Sleep(200 * time.Microsecond)
			}
			lat = append(lat, at.Sub(t0))
		}
	}
	slices.Sort(lat)
	p50, p99 := lat[len(lat)/2], lat[len(lat)*99/100]
	t.Logf("%d clients, %d commands: command → new frame p50 %v, p99 %v, max %v; heap per session %d KB (server and client in one process); GOMAXPROCS %d",
		n, rounds, p50.Round(100*time.Microsecond), p99.Round(100*time.Microsecond), lat[len(lat)-1].Round(100*time.Microsecond), perSession>>10, runtime.GOMAXPROCS(0))
	// The goal is 100 ms, met when the test runs alone on 2 cores (see
	// the README); the check allows for other packages' tests running at
	// once under go test ./..., and for the race detector.
	limit := 250 * time.Millisecond
	if raceOn {
		limit = 2 * time.Second
	}
	if p99 > limit {
		t.Errorf("p99 %v is over %v", p99, limit)
	}
}

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
