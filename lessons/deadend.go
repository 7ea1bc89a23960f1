package lessons

import (
	"fmt"
	"runtime"
	"slices"
	"sync"

	"paxosgame/explore"
	"paxosgame/explore/budget"
	"paxosgame/game"
	"paxosgame/narrate"
	"paxosgame/paxos"
)

// Dead ends (issue 20, DESIGN §13): when the goal on screen can no longer
// be reached from the game as it is, with what the lesson allows, the
// lesson says so at once, and why, and that ← steps back.
//
// Two judges, the cheap one first:
//
//   - the observer's facts, after every move: what can never be undone
//     by moving on. A value is chosen (with every rule that keeps
//     Agreement on, no other ever will be; and nothing-chosen never holds
//     again); Agreement failed; an expect never line's condition held; a
//     learner learned; an acceptor promised higher, or voted (with
//     durable-acceptors on, or no crash allowed, it never forgets); a
//     proposer used a higher ballot; a node is down or up and the goal
//     allows no restart or crash.
//   - the explorer, in the background: when the goal allows neither
//     propose nor duplicate, every run the student could type from here is
//     finite, so a search of them all (lint's par's actions: each allowed
//     action, deliver all) that ends without meeting the goal proves it
//     unreachable. It is bounded (deadStates states, the memory budget),
//     cancelled by the student's next move, and run outside the table's
//     lock; a search stopped at its bound proves nothing and says nothing.
//
// Not detected: a dead end where the goal allows propose or duplicate and
// no fact above says so (a run with a new ballot may always be one
// longer), and one the search could not finish within its bound.

// DeadEnd is why the current goal can no longer be reached.
type DeadEnd struct {
	Why string // "5 EUR is chosen: 6 EUR can no longer be"
	// Back is how many undos take the game back to before the step that
	// closed the way, when the facts tell it; 0 when not known.
	Back int
	// States is, for the explorer's verdict, the states it searched; 0
	// when the observer's facts tell it.
	States int
}

// Words says the dead end to the student: "This goal can no longer be
// reached from here: 5 EUR is chosen: 6 EUR can no longer be. ← steps
// back (once)."
func (d DeadEnd) Words() string {
	back := "← steps back."
	switch {
	case d.Back == 1:
		back = "← steps back (once)."
	case d.Back > 1:
		back = fmt.Sprintf("← steps back (%d times).", d.Back)
	}
	return "This goal can no longer be reached from here: " + d.Why + ". " + back
}

// deadStates bounds each search for a dead end: the student's moves at a
// goal without propose are few, and a verdict must come in well under a
// second on a loaded machine.
const deadStates = 20_000

// searchSlots bounds the searches that run at once in the process (a
// classroom holds many lessons): the others wait their turn.
var searchSlots = make(chan struct{}, max(1, runtime.GOMAXPROCS(0)/2))

// deadSearch is a search for a dead end from one game, in the background.
type deadSearch struct {
	key    string        // the game it searches from: the goal's step, cursor and world
	cancel chan struct{} // closed when the student moves on
	done   chan struct{} // closed when the search ends

	mu   sync.Mutex
	dead *DeadEnd // the verdict, once done; nil: not proven dead
}

// DeadEnd says why the current goal can no longer be reached, when the
// observer's facts or a finished search say so.
func (s *Session) DeadEnd() (DeadEnd, bool) {
	if s.Step().Kind != KindGoal || s.goal().reached {
		return DeadEnd{}, false
	}
	if s.fact != nil {
		return *s.fact, true
	}
	if d := s.search; d != nil && d.key == s.judged {
		d.mu.Lock()
		defer d.mu.Unlock()
		if d.dead != nil {
			return *d.dead, true
		}
	}
	return DeadEnd{}, false
}

// Searching is a channel closed when the search for a dead end from the
// game on screen ends; nil when none runs. Wait on it outside the table's
// lock, then ask DeadEnd.
func (s *Session) Searching() <-chan struct{} {
	if d := s.search; d != nil && d.key == s.judged {
		return d.done
	}
	return nil
}

// OnVerdict sets f to be called, from the search's own goroutine, when a
// search for a dead end ends: a screen takes the table's lock in it and
// draws again. Nil: nobody is told.
func (s *Session) OnVerdict(f func()) { s.wake = f }

func (s *Session) searchKey() string {
	return fmt.Sprintf("%d/%d/%s", s.i, s.g.Cursor(), s.g.World().Key())
}

// judge looks for a dead end after the game changed (follow calls it after
// every change): the facts now, and the explorer in the background when
// they say nothing and the goal's moves are finite.
func (s *Session) judge() {
	s.fact, s.judged = nil, ""
	st := s.Step()
	if st.Kind != KindGoal || s.goal().reached {
		s.stopSearch()
		return
	}
	s.judged = s.searchKey()
	if d, ok := s.facts(); ok {
		s.fact = &d
		s.stopSearch()
		return
	}
	key := s.judged
	if s.search != nil && s.search.key == key {
		return
	}
	s.stopSearch()
	a := st.Goal.Allow
	if a.Allows(game.VPropose) || a.Allows(game.VDuplicate) {
		return // an always longer run: no search ends
	}
	sp := newParSpace(st.Goal)
	w := s.g.World().Clone()
	sp.quiet = sp.learnersQuiet(w)
	if len(sp.nevers) == 0 && a.Allows(game.VDeliver) {
		// Any run, not the shortest: deliver all is its single deliveries
		// one after the other, which reach every state it does (and more
		// on the way, which only an expect never line could mind), so the
		// search leaves it out, and the send order it follows with it.
		sp.noAll, sp.order = true, false
	}
	var evers []game.Command
	for j, e := range st.Goal.Expects {
		if e.Cmd.Modal == game.Ever {
			if met, _, _ := s.seen.line(j); !met {
				c := e.Cmd
				c.Modal = game.Now
				evers = append(evers, c)
			}
		}
	}
	sp.evers = evers
	d := &deadSearch{key: key, cancel: make(chan struct{}), done: make(chan struct{})}
	s.search = d
	wake := s.wake
	go func() {
		defer close(d.done)
		select {
		case searchSlots <- struct{}{}:
			defer func() { <-searchSlots }()
		case <-d.cancel:
			return
		}
		r := explore.Search(w, explore.Bounds{}, explore.GoalFunc(sp.met), explore.Options{
			Workers:   1,
			Actions:   sp.actions,
			Key:       sp.key,
			Ever:      evers,
			MaxStates: deadStates,
			MaxMemory: budget.DefaultMaxMemory(),
			Cancel:    d.cancel,
		})
		if r.Found || r.Stopped != budget.None {
			return
		}
		why := fmt.Sprintf("no run of the moves this goal allows reaches it (the game tried all %s states)", explore.Commas(r.States))
		if r.States == 1 {
			why = "no move this goal allows can be made"
		}
		d.mu.Lock()
		d.dead = &DeadEnd{Why: why, States: r.States}
		d.mu.Unlock()
		if wake != nil {
			wake()
		}
	}()
}

// stopSearch cancels the search under way, if any.
func (s *Session) stopSearch() {
	if s.search != nil {
		select {
		case <-s.search.cancel:
		default:
			close(s.search.cancel)
		}
		s.search = nil
	}
}

// facts is a dead end the observer's facts prove: the first line of the
// goal that can never hold again by moving on.
func (s *Session) facts() (DeadEnd, bool) {
	g := s.Step().Goal
	w := s.g.World()
	for j, e := range g.Expects {
		if met, _, _ := s.seen.line(j); met {
			continue
		}
		if d, ok := s.lineDead(w, g.Allow, j, e.Cmd); ok {
			return d, true
		}
	}
	return DeadEnd{}, false
}

// lineDead says why line j (command c) of the goal can never hold again
// from w by moving on, if the facts tell it.
func (s *Session) lineDead(w *game.World, a Allow, j int, c game.Command) (DeadEnd, bool) {
	back := func(step int) int { return max(s.g.Cursor()-step+1, 0) }
	cond := c
	cond.Modal = game.Now
	if c.Modal == game.Never {
		_, first, _ := s.seen.line(j)
		return DeadEnd{Why: fmt.Sprintf("at step %d, %s, and the goal asks that it never be", first, narrate.Past(cond)), Back: back(first)}, true
	}
	if c.Node.N != 0 && !w.Exists(c.Node) {
		return DeadEnd{}, false
	}
	forgets := !w.Cfg.Rules.On(paxos.DurableAcceptors) && a.Allows(game.VCrash) && a.Allows(game.VRestart)
	switch c.Expect {
	case game.ExpectChosen:
		v, ok := w.Obs.ChosenValue()
		step := 0
		if ok {
			step = w.Obs.Chosen[0].Step
		}
		switch {
		case !ok:
		case c.Nothing:
			return DeadEnd{Why: fmt.Sprintf("%s is chosen, and a value once chosen stays chosen", v), Back: back(step)}, true
		case agreementKept(w) && v != c.Value:
			return DeadEnd{Why: fmt.Sprintf("%s is chosen: %s can no longer be", v, c.Value), Back: back(step)}, true
		}
	case game.ExpectAgreement:
		if !w.Obs.Agreement() {
			step := w.Obs.Violations[0].Step
			return DeadEnd{Why: fmt.Sprintf("Agreement failed at step %d, and what failed once has failed", step), Back: back(step)}, true
		}
	case game.ExpectLearned:
		if l := w.Learner(c.Node.N); c.Nothing && len(l.Learned) > 0 {
			return DeadEnd{Why: fmt.Sprintf("%s learned %s, and a learner never unlearns", c.Node, l.Learned[0].Value)}, true
		}
	case game.ExpectPromised:
		if p := w.Acceptor(c.Node.N).Promised; !forgets && (c.Nothing && p > 0 || !c.Nothing && p > c.Ballot) {
			return DeadEnd{Why: fmt.Sprintf("%s promised %d, and an acceptor's promise only rises", c.Node, p)}, true
		}
	case game.ExpectVoted:
		v := w.Acceptor(c.Node.N).Voted
		switch {
		case forgets || v.None():
		case c.Nothing:
			return DeadEnd{Why: fmt.Sprintf("%s voted %s in %d, and an acceptor keeps its vote", c.Node, v.Value, v.Ballot)}, true
		case v.Ballot > c.Ballot:
			return DeadEnd{Why: fmt.Sprintf("%s voted in %d, and an acceptor's vote only moves to higher ballots", c.Node, v.Ballot)}, true
		}
	case game.ExpectBallot:
		if p := w.Proposer(c.Node.N); p.Used > c.Ballot {
			return DeadEnd{Why: fmt.Sprintf("%s has used ballot %d, and a proposer's ballots only rise", c.Node, p.Used)}, true
		}
	case game.ExpectUp:
		if !w.Up(c.Node) && !a.Allows(game.VRestart) {
			return DeadEnd{Why: fmt.Sprintf("%s is down, and this goal does not allow restart", c.Node)}, true
		}
	case game.ExpectCrashed:
		if w.Up(c.Node) && !a.Allows(game.VCrash) {
			return DeadEnd{Why: fmt.Sprintf("%s is up, and this goal does not allow crash", c.Node)}, true
		}
	}
	return DeadEnd{}, false
}

// agreementKept reports whether w's rules keep Agreement among the values
// chosen: every rule of the protocol on but same-ballot-majority, which
// only learners follow.
func agreementKept(w *game.World) bool {
	return !slices.ContainsFunc(paxos.AllRules(), func(r paxos.Rule) bool {
		return r != paxos.SameBallotMajority && !w.Cfg.Rules.On(r)
	})
}
