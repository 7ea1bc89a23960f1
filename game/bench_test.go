package game

import (
	"strings"
	"sync"
	"testing"

	"paxosgame/paxos"
)

// The budgets of DESIGN §8 that the engine carries:
//
//	headless run of a 100,000-step script            < 1 s
//	keypress to new frame, 10,000 steps of history   < 16 ms (undo, redo, jump)
//
// Run them with go test -bench . -benchmem ./game/ ./paxos/

// benchCommands plays a long game of the default cluster and returns its
// setup and steps as commands, each valid where it stands: five competing
// proposers, deliveries in any order by id or by description, drops,
// duplicates, and acceptors that crash and restart. Each is one of the
// actions w.Enabled lists (a message by description is the one it names).
// The game is the same from one version to the next, so that benchmarks
// compare: keep the draws of rng as they are.
func benchCommands(steps int) []Command {
	w := NewWorld()
	rng := newRand(42)
	var cmds []Command
	for w.Step < steps {
		var c Command
		switch {
		case w.NumInFlight() == 0 || (w.NumInFlight() < 30 && rng.intn(10) == 0):
			// Only acceptors crash: every proposer may propose.
			proposes := w.enabled(nil, VPropose)
			c = proposes[rng.intn(len(proposes))]
		case rng.intn(60) == 0:
			c, _ = enabledOn(w, paxos.A(1+rng.intn(len(w.Acceptors))), VCrash, VRestart)
		default:
			i := rng.intn(w.NumInFlight())
			verb := VDeliver
			k := rng.intn(40)
			switch k {
			case 0:
				verb = VDrop
			case 1:
				verb = VDuplicate
			}
			c = w.enabled(nil, verb)[i]
			if e := w.InFlight()[i]; k >= 2 && k <= 5 {
				if s := (Selector{Type: e.Msg.Type, From: e.Msg.From, To: e.Msg.To, Ballot: e.Msg.Ballot}); len(w.Find(s)) == 1 {
					c.Sel = s
				}
			}
		}
		if _, err := w.Apply(c); err != nil {
			panic(c.String() + ": " + err.Error())
		}
		cmds = append(cmds, c)
		if w.Step%1000 == 0 {
			cmds = append(cmds, Command{Verb: VExpect, Expect: ExpectAgreement})
		}
	}
	return cmds
}

var (
	bench100kOnce sync.Once
	bench100k     []Command
	bench100kSrc  string
)

func bench100kScript() ([]Command, string) {
	bench100kOnce.Do(func() {
		bench100k = benchCommands(100_000)
		var b strings.Builder
		b.WriteString("# a long game of five duelling proposers, for the benchmarks\n")
		for _, c := range bench100k {
			b.WriteString(c.String())
			b.WriteByte('\n')
		}
		bench100kSrc = b.String()
	})
	return bench100k, bench100kSrc
}

// game10k is a game with 10,000 steps of history.
func game10k(b *testing.B) *Game {
	cmds, _ := bench100kScript()
	g := NewGame()
	for _, c := range cmds {
		if g.Len() == 10_000 {
			break
		}
		if c.Verb == VExpect {
			continue
		}
		if _, err := g.Exec(c); err != nil {
			b.Fatal(err)
		}
	}
	return g
}

// "keypress to new frame, 10,000 steps of history: < 16 ms": one op is an
// undo and a redo, two keypresses, at a random point of the history.
func BenchmarkUndo10k(b *testing.B) { benchUndoRedo(b, game10k(b)) }

// benchUndoRedo: one op is an undo and a redo at a random step of g.
func benchUndoRedo(b *testing.B, g *Game) {
	rng := newRand(7)
	b.ResetTimer()
	for b.Loop() {
		b.StopTimer()
		g.Jump(1 + rng.intn(g.Len()))
		b.StartTimer()
		g.Undo()
		g.Redo()
	}
}

// One op is a jump to a random step of 10,000.
func BenchmarkJump10k(b *testing.B) {
	g := game10k(b)
	rng := newRand(7)
	b.ResetTimer()
	for b.Loop() {
		g.Jump(rng.intn(g.Len() + 1))
	}
}

// One step of the world: an action of the long game applied to the world
// as it stands.
func BenchmarkStep(b *testing.B) {
	all, _ := bench100kScript()
	var cmds []Command
	for _, c := range all {
		if c.Verb != VExpect {
			cmds = append(cmds, c)
		}
	}
	w := NewWorld()
	i := 0
	b.ResetTimer()
	for b.Loop() {
		if _, err := w.Apply(cmds[i]); err != nil {
			b.Fatal(err)
		}
		i++
		if i == len(cmds) {
			b.StopTimer()
			w, i = NewWorld(), 0
			b.StartTimer()
		}
	}
}
