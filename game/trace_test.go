package game

import (
	"fmt"
	"slices"
	"testing"

	"pgregory.net/rapid"

	"paxosgame/paxos"
)

// play runs a script with Exec, as the screen does, and fails the test at
// the first command refused or expect that fails.
func play(t *testing.T, src string) *Game {
	t.Helper()
	cmds, err := Parse("test", src)
	if err != nil {
		t.Fatal(err)
	}
	g := NewGame()
	for _, c := range cmds {
		if _, err := g.Exec(c); err != nil {
			t.Fatalf("line %d, %s: %v", c.Line, c, err)
		}
	}
	return g
}

// playRandom plays a random game of every setup (any rule off, any policy
// and mode) as the generators draw it, of 1 to maxSteps steps, and calls
// after, unless nil, after each step.
func playRandom(t *rapid.T, maxSteps int, after func(g *Game, step int)) *Game {
	g := NewGame()
	for _, c := range drawSetup(t, false) {
		if _, err := g.Exec(c); err != nil {
			t.Fatalf("setup %s refused: %v", c, err)
		}
	}
	calm := rapid.SampledFrom([]int{0, 4, 12}).Draw(t, "calm")
	steps := rapid.IntRange(1, maxSteps).Draw(t, "steps")
	for step := 1; step <= steps; step++ {
		c := drawAction(t, g.World(), calm)
		if _, err := g.Exec(c); err != nil {
			t.Fatalf("step %d: %s refused: %v", step, c, err)
		}
		if after != nil {
			after(g, step)
		}
	}
	return g
}

// The timeline drew A3 down from step 0 when A3 crashed at step 3: a node
// is up in every step before its crash, goes down at the crash, and stays
// down until it restarts.
func TestTraceUpUntilTheCrash(t *testing.T) {
	g := play(t, `
propose P1
deliver all
crash A3
propose P2
deliver all
restart A3
propose P3
`)
	rows := g.Trace(1, g.Len())
	if len(rows) != 7 {
		t.Fatalf("%d rows for 7 steps", len(rows))
	}
	a3 := paxos.A(3)
	//                   steps 1      2     3      4      5      6      7
	wantBefore := []bool{true, true, true, false, false, false, true}
	wantAfter := []bool{true, true, false, false, false, true, true}
	for i, r := range rows {
		if r.Step != i+1 {
			t.Errorf("row %d is step %d", i, r.Step)
		}
		if r.Before.Up(a3) != wantBefore[i] || r.After.Up(a3) != wantAfter[i] {
			t.Errorf("step %d (%s): A3 up before %v, after %v; want %v, %v",
				r.Step, r.Cmd, r.Before.Up(a3), r.After.Up(a3), wantBefore[i], wantAfter[i])
		}
		for _, n := range []paxos.NodeID{paxos.P(1), paxos.P(2), paxos.A(1), paxos.A(2), paxos.L(1)} {
			if !r.Before.Up(n) || !r.After.Up(n) {
				t.Errorf("step %d: %s is down", r.Step, n)
			}
		}
	}
	// A3 promised at step 2, while it was up.
	var promised bool
	for _, e := range rows[1].Sent() {
		promised = promised || (e.Msg.From == a3 && e.Msg.Type == paxos.Promise)
	}
	if !promised || !rows[1].Down(len(rows[1].Events)).Up(a3) {
		t.Errorf("step 2: A3 promised %v, up %v", promised, rows[1].After.Up(a3))
	}
	// Within the crash step: up at its start, down once A3 has acted.
	if crash := rows[2]; !crash.Down(0).Up(a3) || crash.Down(1).Up(a3) || len(crash.Events) != 1 || crash.Events[0].Kind() != EvAct {
		t.Errorf("step 3: up at event 0 %v, at event 1 %v, events %v", crash.Down(0).Up(a3), crash.Down(1).Up(a3), crash.Events)
	}
	// P2's prepare and accept request to A3 were lost at step 5.
	if lost := rows[4].Lost(); len(lost) != 2 || lost[0].Msg.To != a3 || lost[0].Msg.Type != paxos.Prepare || lost[1].Msg.Type != paxos.Accept {
		t.Errorf("step 5 lost %v; want P2's prepare and accept request to A3", lost)
	}
}

// Sent, Delivered, Dropped, Lost and Duplicated list each message of the
// step once, in order, with the id it had in flight.
func TestTraceMessages(t *testing.T) {
	g := play(t, `
propose P1
deliver #1
drop #2
duplicate #3
crash A3
deliver #3
deliver #5
`)
	rows := g.Trace(0, 100) // clamped to 1..7
	if len(rows) != 7 || rows[0].Step != 1 || rows[6].Step != 7 {
		t.Fatalf("Trace(0, 100) of 7 steps: %d rows", len(rows))
	}
	ids := func(es []Envelope) string {
		s := ""
		for _, e := range es {
			s += fmt.Sprintf(" #%d %s %s→%s", e.ID, e.Msg.Type.Code(), e.Msg.From, e.Msg.To)
		}
		return s
	}
	for _, c := range []struct {
		step int
		what string
		got  []Envelope
		want string
	}{
		{1, "sent", rows[0].Sent(), " #1 1a P1→A1 #2 1a P1→A2 #3 1a P1→A3"},
		{2, "delivered", rows[1].Delivered(), " #1 1a P1→A1"},
		{2, "sent", rows[1].Sent(), " #4 1b A1→P1"},
		{3, "dropped", rows[2].Dropped(), " #2 1a P1→A2"},
		{4, "duplicated", rows[3].Duplicated(), " #5 1a P1→A3"},
		{6, "lost", rows[5].Lost(), " #3 1a P1→A3"},
		{6, "delivered", rows[5].Delivered(), ""},
		{7, "lost", rows[6].Lost(), " #5 1a P1→A3"},
		{7, "sent", rows[6].Sent(), ""},
	} {
		if got := ids(c.got); got != c.want {
			t.Errorf("step %d %s:%s; want%s", c.step, c.what, got, c.want)
		}
	}
	if got := g.Trace(5, 4); got != nil {
		t.Errorf("Trace(5, 4) = %v; want none", got)
	}
	if g.Trace(3, 3)[0].Cmd.Verb != VDrop {
		t.Errorf("Trace(3, 3) is not the drop")
	}
}

// Trace reads the nodes down from checkpoints and the crashes after them:
// at every step of a long game, and of random games with crashes and
// restarts of every role, with the cursor anywhere, it agrees with the
// world replayed to that step, and any window of rows is the same rows as
// the whole trace.
func TestTraceDownMatchesTheWorld(t *testing.T) {
	check := func(t interface{ Fatalf(string, ...any) }, g *Game, windows [][2]int) {
		all := g.Trace(1, g.Len())
		if len(all) != g.Len() {
			t.Fatalf("%d rows for %d steps", len(all), g.Len())
		}
		cur := g.Cursor()
		defer g.Jump(cur)
		g.Jump(0)
		for _, r := range all {
			before := Crashed(g.World().down)
			g.Jump(r.Step)
			if after := Crashed(g.World().down); r.Before != before || r.After != after {
				t.Fatalf("step %d (%s): down before %v after %v; the world's %v %v", r.Step, r.Cmd, r.Before, r.After, before, after)
			}
		}
		g.Jump(cur)
		for _, w := range windows {
			from, to := w[0], w[1]
			rows := g.Trace(from, to)
			want := all[max(from, 1)-1 : max(min(to, len(all)), max(from, 1)-1)]
			if !slices.EqualFunc(rows, want, func(a, b TraceRow) bool {
				return a.Step == b.Step && a.Before == b.Before && a.After == b.After && len(a.Events) == len(b.Events)
			}) {
				t.Fatalf("Trace(%d, %d) (cursor %d) differs from rows %d to %d of the whole trace", from, to, g.Cursor(), from, to)
			}
		}
	}

	t.Run("long", func(t *testing.T) {
		g := NewGame()
		for _, c := range benchCommands(3000) {
			if _, err := g.Exec(c); err != nil {
				t.Fatalf("%s: %v", c, err)
			}
		}
		g.Jump(1500) // windows after the cursor too
		check(t, g, [][2]int{{1, 1}, {1, 64}, {63, 66}, {700, 1100}, {1499, 1600}, {2990, 3000}, {2000, 5000}})
	})
	t.Run("random", func(t *testing.T) {
		withChecks(t, 300, func() {
			rapid.Check(t, func(t *rapid.T) {
				g := playRandom(t, 200, nil)
				g.Jump(rapid.IntRange(0, g.Len()).Draw(t, "cursor"))
				var windows [][2]int
				for range 5 {
					from := rapid.IntRange(0, g.Len()+1).Draw(t, "from")
					windows = append(windows, [2]int{from, from + rapid.IntRange(0, 80).Draw(t, "rows")})
				}
				check(t, g, windows)
			})
		})
	})
}

// One op is the trace of a window of 50 steps at a random point of 10,000,
// as the timeline asks for with every frame.
func BenchmarkTrace10k(b *testing.B) {
	g := game10k(b)
	rng := newRand(7)
	b.ReportAllocs()
	for b.Loop() {
		to := 1 + rng.intn(g.Len())
		_ = g.Trace(to-49, to)
	}
}
