package game

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"paxosgame/paxos"
)

// Tests of the state space API (DESIGN §9): "Enabled() lists every action
// possible now; Key() is a canonical fingerprint that ignores message ids,
// counters and the order of messages in flight."

// mustApply applies commands to w, failing the test on a refusal.
func mustApply(t testing.TB, w *World, cmds ...Command) {
	t.Helper()
	for _, c := range cmds {
		if _, err := w.Apply(c); err != nil {
			t.Fatalf("%s refused: %v", c, err)
		}
	}
}

func deliver(id int) Command   { return Command{Verb: VDeliver, Sel: Selector{ID: id}} }
func duplicate(id int) Command { return Command{Verb: VDuplicate, Sel: Selector{ID: id}} }

// Enabled lists the actions in its documented order: deliveries, accept
// requests (manual mode), proposals, drops, duplicates, crashes, restarts.
func TestEnabledOrder(t *testing.T) {
	w := NewWorld()
	mustApply(t, w,
		Command{Verb: VConfig, Proposers: 2, Acceptors: 1, Learners: 1},
		Command{Verb: VMode, Manual: true},
		Command{Verb: VPropose, Node: paxos.P(1)}, // #1 1a P1->A1
		deliver(1), // #2 1b A1->P1
		deliver(2), // P1 has a majority (1 of 1) and waits
		Command{Verb: VPropose, Node: paxos.P(2)}, // #3 1a P2->A1
		Command{Verb: VCrash, Node: paxos.L(1)},
	)
	var got []string
	for _, c := range w.Enabled() {
		got = append(got, c.String())
	}
	want := []string{
		"deliver #3",
		"accept P1",
		`propose P1 3 "1 EUR"`,
		`propose P2 4 "2 EUR"`,
		"drop #3",
		"duplicate #3",
		"crash P1", "crash P2", "crash A1",
		"restart L1",
		"hand P1", "hand P2", "hand A1", "hand L1",
	}
	if !slices.Equal(got, want) {
		t.Errorf("Enabled:\n  %s\nwant\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
}

// With nodes played by hand, their decisions come right after the
// deliveries: an acceptor's on each message it holds, a learner's, then
// the values a proposer played by hand may ask votes for.
func TestEnabledOrderByHand(t *testing.T) {
	w := NewWorld()
	mustApply(t, w,
		Command{Verb: VConfig, Proposers: 2, Acceptors: 1, Learners: 1},
		Command{Verb: VRule, Rule: paxos.PromiseReportsVote, On: false},
		Command{Verb: VSet, Node: paxos.A(1), Field: FieldVoted, Ballot: 1, Value: "9 EUR"},
		Command{Verb: VHand, Node: paxos.A(1)},
		Command{Verb: VHand, Node: paxos.P(2)},
		Command{Verb: VPropose, Node: paxos.P(2)}, // #1 1a P2->A1
		deliver(1), // A1 holds it
	)
	var got []string
	for _, c := range w.Enabled() {
		got = append(got, c.String())
	}
	want := []string{
		"promise A1 #1", "promise A1 #1 reporting none", "refuse A1 #1", "ignore A1 #1",
		`propose P1 3 "1 EUR"`, `propose P2 4 "2 EUR"`, // P1 owns 1, which A1 voted in: it has used it
		"crash P1", "crash P2", "crash A1", "crash L1",
		"hand P1", "hand L1",
		"auto P2", "auto A1",
	}
	if !slices.Equal(got, want) {
		t.Errorf("Enabled:\n  %s\nwant\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
	mustApply(t, w, Command{Verb: VPromise, Node: paxos.A(1)}, deliver(2)) // P2 has its majority
	got = got[:0]
	for _, c := range w.Enabled() {
		if c.Verb == VAccept {
			got = append(got, c.String())
		}
	}
	// With promise-reports-vote off A1's promise reported 9 EUR in 1, its vote.
	if want := []string{`accept P2 "9 EUR"`}; !slices.Equal(got, want) {
		t.Errorf("accepts %q, want %q", got, want)
	}
}

// "A proposer's ballots strictly increase": a proposer whose next ballot
// would pass the highest ballot a game may use has no propose to offer.
func TestEnabledHasNoProposePastMaxBallot(t *testing.T) {
	w := NewWorld()
	mustApply(t, w,
		Command{Verb: VConfig, Proposers: 1, Acceptors: 1, Learners: 0},
		Command{Verb: VSet, Node: paxos.A(1), Field: FieldPromised, Ballot: paxos.MaxBallot},
		Command{Verb: VPropose, Node: paxos.P(1), Ballot: paxos.MaxBallot - 1},
		Command{Verb: VDeliver, Sel: Selector{All: true}}, // P1 is refused: it has seen MaxBallot
	)
	for _, c := range w.Enabled() {
		if c.Verb == VPropose {
			t.Errorf("Enabled offers %s", c)
		}
	}
}

// The examples of the issue, one by one: commuting deliveries, a message
// and its copy, and worlds that differ.
func TestKeyExamples(t *testing.T) {
	start := func() *World {
		w := NewWorld()
		mustApply(t, w, Command{Verb: VPropose, Node: paxos.P(2)}, deliver(1), deliver(2)) // #4, #5: A1's and A2's promises
		return w
	}
	// Two promises reach P2 in either order.
	a, b := start(), start()
	mustApply(t, a, deliver(4), deliver(5))
	mustApply(t, b, deliver(5), deliver(4))
	if a.Key() != b.Key() {
		t.Errorf("promises delivered in either order: different keys")
	}
	// Prepares reach A1 and A3 in either order, from the start.
	a, b = NewWorld(), NewWorld()
	mustApply(t, a, Command{Verb: VPropose, Node: paxos.P(2)}, deliver(1), deliver(3))
	mustApply(t, b, Command{Verb: VPropose, Node: paxos.P(2)}, deliver(3), deliver(1))
	if a.Key() != b.Key() {
		t.Errorf("prepares delivered in either order: different keys")
	}
	// A copy is the same message under another id: delivering the copy or
	// the original gives the same world.
	a, b = start(), start()
	mustApply(t, a, duplicate(4), deliver(4))
	mustApply(t, b, duplicate(4), deliver(6))
	if a.Key() != b.Key() {
		t.Errorf("the copy or the original delivered: different keys")
	}
	// But a world with a copy in flight is not the world without it: the
	// copy can still be delivered.
	a, b = start(), start()
	mustApply(t, a, duplicate(4))
	if a.Key() == b.Key() {
		t.Errorf("a world with a copy in flight has the key of the world without it")
	}
	// The step counter is ignored, not the state: deliver all with nothing
	// in flight is a step that changes nothing.
	a = NewWorld()
	k := a.Key()
	mustApply(t, a, Command{Verb: VDeliver, Sel: Selector{All: true}})
	if a.Key() != k || a.Step != 1 {
		t.Errorf("a step that changed nothing changed the key")
	}
	// Each promise counted makes another world.
	a, b = start(), start()
	mustApply(t, a, deliver(4))
	mustApply(t, b, deliver(5))
	if a.Key() == b.Key() || a.Key() == start().Key() {
		t.Errorf("P2 holding A1's promise, A2's or none: keys not all different")
	}
}

// sel names a message by description, as the language does: 1b A1->P2 7.
func sel(verb Verb, typ paxos.MsgType, from, to paxos.NodeID, b paxos.Ballot) Command {
	return Command{Verb: verb, Sel: Selector{Type: typ, From: from, To: to, Ballot: b}}
}

// Worlds that differ in one thing only, each a thing the key must keep.
func TestKeyTellsApart(t *testing.T) {
	// differ checks that a and b have different keys, and that their
	// canonical descriptions differ in the number of lines given.
	differ := func(what string, lines int, a, b *World) {
		t.Helper()
		la, lb := strings.Split(canonical(a), "\n"), strings.Split(canonical(b), "\n")
		n := 0
		for i := range la {
			if la[i] != lb[i] {
				n++
			}
		}
		if n != lines {
			t.Errorf("%s: the worlds differ in %d lines:\n%s\n%s", what, n, canonical(a), canonical(b))
		}
		if a.Key() == b.Key() {
			t.Errorf("%s: one key\n%s\n%s", what, a.Describe(), b.Describe())
		}
	}
	world := func(cmds ...Command) *World {
		t.Helper()
		w := NewWorld()
		mustApply(t, w, cmds...)
		return w
	}

	// The setup: every rule, policy and mode, and the cluster's size.
	setups := map[string]*World{"default": world()}
	for _, r := range paxos.AllRules() {
		setups[r.String()+" off"] = world(Command{Verb: VRule, Rule: r, On: false})
	}
	setups["policy ignore"] = world(Command{Verb: VPolicy, Policy: paxos.StaleIgnore})
	setups["policy promise"] = world(Command{Verb: VPolicy, Policy: paxos.StalePromise})
	setups["mode manual"] = world(Command{Verb: VMode, Manual: true})
	setups["4 proposers"] = world(Command{Verb: VConfig, Proposers: 4, Learners: -1})
	setups["1 learner"] = world(Command{Verb: VConfig, Learners: 1})
	keys := map[string]string{}
	for name, w := range setups {
		if other, ok := keys[w.Key()]; ok {
			t.Errorf("%s and %s: one key", name, other)
		}
		keys[w.Key()] = name
	}

	// Values are written with their length, so that where one ends is
	// never read as another field: P1 preferring "\x00" and P2 "" is not
	// P1 preferring "" and P2 "\x00".
	differ("preferences \\x00 and \"\" swapped", 2,
		world(Command{Verb: VSet, Node: paxos.P(1), Field: FieldValue, Value: "\x00"}, Command{Verb: VSet, Node: paxos.P(2), Field: FieldValue, Value: ""}),
		world(Command{Verb: VSet, Node: paxos.P(1), Field: FieldValue, Value: ""}, Command{Verb: VSet, Node: paxos.P(2), Field: FieldValue, Value: "\x00"}))

	// The values proposed: P1 proposed "a" then "b", or "b" twice.
	differ("values proposed", 1,
		world(Command{Verb: VPropose, Node: paxos.P(1), Value: "a"}, Command{Verb: VPropose, Node: paxos.P(1), Value: "b"}),
		world(Command{Verb: VPropose, Node: paxos.P(1), Value: "b"}, Command{Verb: VPropose, Node: paxos.P(1), Value: "b"}))

	// "promise(b, last vote)": the vote a promise reported is what the
	// acceptor had voted when it promised. With keep-promise off, A1 votes
	// in P3's ballot 3 after promising P2 7 (its promise reported no vote)
	// or before (it reported the vote); then both promises reach P2.
	p, a, b := paxos.P, paxos.A, paxos.Ballot(7)
	prefix := []Command{
		{Verb: VRule, Rule: paxos.KeepPromise, On: false},
		{Verb: VPropose, Node: p(3)},
		sel(VDeliver, paxos.Prepare, p(3), a(1), 0), sel(VDeliver, paxos.Prepare, p(3), a(2), 0),
		sel(VDeliver, paxos.Promise, a(1), p(3), 0), sel(VDeliver, paxos.Promise, a(2), p(3), 0), // P3 asks for votes in 3
		{Verb: VPropose, Node: p(2), Ballot: b},
	}
	promiseFirst := world(append(slices.Clone(prefix),
		sel(VDeliver, paxos.Prepare, p(2), a(1), b), sel(VDeliver, paxos.Accept, p(3), a(1), 0), sel(VDeliver, paxos.Promise, a(1), p(2), b))...)
	voteFirst := world(append(slices.Clone(prefix),
		sel(VDeliver, paxos.Accept, p(3), a(1), 0), sel(VDeliver, paxos.Prepare, p(2), a(1), b), sel(VDeliver, paxos.Promise, a(1), p(2), b))...)
	differ("the vote a promise reported", 1, promiseFirst, voteFirst)

	// "a learner learns only a value that has been chosen": with
	// same-ballot-majority off, L1 learns 2 EUR from A1's vote in 2 and
	// A2's in 7, before A3's vote in 7 makes it chosen, or after. The
	// worlds differ only in the verdict.
	prefix = []Command{
		{Verb: VConfig, Learners: 1},
		{Verb: VRule, Rule: paxos.SameBallotMajority, On: false},
		{Verb: VPropose, Node: p(2)},
		sel(VDeliver, paxos.Prepare, p(2), a(1), 0), sel(VDeliver, paxos.Prepare, p(2), a(2), 0),
		sel(VDeliver, paxos.Promise, a(1), p(2), 0), sel(VDeliver, paxos.Promise, a(2), p(2), 0),
		sel(VDeliver, paxos.Accept, p(2), a(1), 0), // A1 votes 2 EUR in 2
		{Verb: VPropose, Node: p(2), Ballot: b},
		sel(VDeliver, paxos.Prepare, p(2), a(2), b), sel(VDeliver, paxos.Prepare, p(2), a(3), b),
		sel(VDeliver, paxos.Promise, a(2), p(2), b), sel(VDeliver, paxos.Promise, a(3), p(2), b),
		sel(VDeliver, paxos.Accept, p(2), a(2), b), // A2 votes 2 EUR in 7
	}
	learn := []Command{sel(VDeliver, paxos.Accepted, a(1), paxos.L(1), 0), sel(VDeliver, paxos.Accepted, a(2), paxos.L(1), 0)}
	choose := sel(VDeliver, paxos.Accept, p(2), a(3), b)
	// (Votes for two ballots reach L1 in either order: one world, with
	// same-ballot-majority on.)
	onRule := append([]Command{{Verb: VConfig, Learners: 1}}, prefix[2:]...)
	if x, y := world(append(slices.Clone(onRule), learn...)...), world(append(slices.Clone(onRule), learn[1], learn[0])...); x.Key() != y.Key() {
		t.Errorf("votes reach L1 in either order: two keys")
	}
	learnFirst := world(append(append(slices.Clone(prefix), learn...), choose)...)
	chooseFirst := world(append(append(slices.Clone(prefix), choose), learn...)...)
	if learnFirst.Obs.Agreement() || !chooseFirst.Obs.Agreement() {
		t.Fatalf("learning first should break agreement, choosing first not")
	}
	differ("the verdict", 1, learnFirst, chooseFirst)

	// "The observer remembers every vote ever cast, not only each
	// acceptor's current one": with durable-acceptors off, A1 votes and
	// forgets it in a crash (its votes dropped), or never votes.
	prefix = []Command{
		{Verb: VRule, Rule: paxos.DurableAcceptors, On: false},
		{Verb: VPropose, Node: p(2)},
		sel(VDeliver, paxos.Prepare, p(2), a(1), 0), sel(VDeliver, paxos.Prepare, p(2), a(2), 0),
		sel(VDeliver, paxos.Promise, a(1), p(2), 0), sel(VDeliver, paxos.Promise, a(2), p(2), 0),
	}
	forget := []Command{{Verb: VCrash, Node: a(1)}, {Verb: VRestart, Node: a(1)}}
	voted := world(slices.Concat(prefix, []Command{
		sel(VDeliver, paxos.Accept, p(2), a(1), 0),
		sel(VDrop, paxos.Accepted, a(1), p(2), 0), sel(VDrop, paxos.Accepted, a(1), paxos.L(1), 0), sel(VDrop, paxos.Accepted, a(1), paxos.L(2), 0),
	}, forget)...)
	never := world(slices.Concat(prefix, []Command{sel(VDrop, paxos.Accept, p(2), a(1), 0)}, forget)...)
	differ("a vote cast and forgotten", 1, voted, never)

	// What preempted a proposer: the first refusal it got. A1 promised
	// 10 and A2 15 before the game; their refusals of P2's 2 come in
	// either order.
	prefix = []Command{
		{Verb: VSet, Node: a(1), Field: FieldPromised, Ballot: 10},
		{Verb: VSet, Node: a(2), Field: FieldPromised, Ballot: 15},
		{Verb: VPropose, Node: p(2)},
		sel(VDeliver, paxos.Prepare, p(2), a(1), 0), sel(VDeliver, paxos.Prepare, p(2), a(2), 0),
	}
	nack := func(n int) Command { return sel(VDeliver, paxos.Nack, a(n), p(2), 0) }
	differ("preempted by 10 or 15", 1, world(append(slices.Clone(prefix), nack(1), nack(2))...), world(append(slices.Clone(prefix), nack(2), nack(1))...))

	// The ballot a learner learned in: L1 hears A1 and A2 vote 2 EUR in 2
	// and A2 and A3 in 7 (P2 adopted it); the first pair it hears decides.
	prefix = []Command{
		{Verb: VConfig, Learners: 1},
		{Verb: VPropose, Node: p(2)},
		sel(VDeliver, paxos.Prepare, p(2), a(1), 0), sel(VDeliver, paxos.Prepare, p(2), a(2), 0),
		sel(VDeliver, paxos.Promise, a(1), p(2), 0), sel(VDeliver, paxos.Promise, a(2), p(2), 0),
		sel(VDeliver, paxos.Accept, p(2), a(1), 0), sel(VDeliver, paxos.Accept, p(2), a(2), 0),
		{Verb: VPropose, Node: p(2), Ballot: b},
		sel(VDeliver, paxos.Prepare, p(2), a(2), b), sel(VDeliver, paxos.Prepare, p(2), a(3), b),
		sel(VDeliver, paxos.Promise, a(2), p(2), b), sel(VDeliver, paxos.Promise, a(3), p(2), b),
		sel(VDeliver, paxos.Accept, p(2), a(2), b), sel(VDeliver, paxos.Accept, p(2), a(3), b),
	}
	hear := func(n int, in paxos.Ballot) Command { return sel(VDeliver, paxos.Accepted, a(n), paxos.L(1), in) }
	in2 := []Command{hear(1, 2), hear(2, 2)}
	in7 := []Command{hear(2, b), hear(3, b)}
	differ("learned in 2 or in 7", 1, world(slices.Concat(prefix, in2, in7)...), world(slices.Concat(prefix, in7, in2)...))
}

// The key is only as exact as the list of fields it writes. Each field of
// the state is either written by AppendKey or ignored for a reason given
// here; a field added to the world, a role or the observer fails this test
// until it is put on one side or the other.
func TestKeyDecidesEveryField(t *testing.T) {
	const keyed = ""
	decided := map[reflect.Type]map[string]string{
		reflect.TypeFor[World](): {
			"Cfg": keyed, "Proposers": keyed, "Acceptors": keyed, "Learners": keyed, "down": keyed, "hand": keyed, "Held": keyed,
			"log": keyed, "gone": keyed, "Obs": keyed,
			"sent":     "the length of log",
			"head":     "where the messages in flight begin in log: they are keyed",
			"live":     "the number of messages in flight: they are keyed",
			"NextID":   "ids name messages, they do not change what happens to them",
			"Step":     "a counter of actions taken",
			"Started":  "only actions follow the first action",
			"setState": "set-up bookkeeping: only actions follow the first action",
			"setWith":  "set-up bookkeeping: only actions follow the first action",
			"events":   "the last action's events: what happened, not the state",
			"quiet":    "set only while Do runs: whether events are told, not the state",
		},
		reflect.TypeFor[Envelope](): {"Msg": keyed, "ID": "ids name messages, they do not change what happens to them"},
		reflect.TypeFor[paxos.Config](): {
			"Proposers": keyed, "Acceptors": keyed, "Learners": keyed, "Rules": keyed, "Stale": keyed, "StaleAccept": keyed, "Manual": keyed,
		},
		reflect.TypeFor[paxos.Proposer](): {
			"N": "the index in Proposers", "Preference": keyed, "Ballot": keyed, "Used": keyed, "Seen": keyed,
			"Phase": keyed, "Promises": keyed, "Reported": keyed, "Value": keyed, "Picked": keyed, "AdoptedFrom": keyed,
			"Adopted": keyed, "Votes": keyed, "PreemptedBy": keyed,
		},
		reflect.TypeFor[paxos.Acceptor](): {"N": "the index in Acceptors", "Promised": keyed, "Voted": keyed},
		reflect.TypeFor[paxos.Learner]():  {"N": "the index in Learners", "Votes": keyed, "Heard": keyed, "Learned": keyed},
		reflect.TypeFor[paxos.Tallies]():  {"List": keyed, "top": "the highest ballot in List, kept for speed"},
		reflect.TypeFor[paxos.Tally]():    {"Vote": keyed, "By": keyed},
		reflect.TypeFor[paxos.Vote]():     {"Ballot": keyed, "Value": keyed},
		reflect.TypeFor[paxos.Message](): {
			"Type": keyed, "From": keyed, "To": keyed, "Ballot": keyed, "Value": keyed, "Vote": keyed, "Promised": keyed,
		},
		reflect.TypeFor[paxos.NodeID](): {"Role": keyed, "N": keyed},
		reflect.TypeFor[Observer](): {
			"Cast": keyed, "Proposed": keyed,
			"Chosen":     "the votes cast that reached a quorum: they follow from Cast",
			"Violations": "keyed as whether one failed: which failed first, and when, is history, not state",
		},
	}
	for typ, fields := range decided {
		for i := range typ.NumField() {
			name := typ.Field(i).Name
			if _, ok := fields[name]; !ok {
				t.Errorf("%s.%s is new: write it in AppendKey, or say here why the key ignores it", typ, name)
			}
		}
		for name := range fields {
			if _, ok := typ.FieldByName(name); !ok {
				t.Errorf("%s has no field %s any more: update AppendKey and this list", typ, name)
			}
		}
	}
}

// canonical describes the state of a world in words, written apart from
// Key and with no message id: every field with fmt, and the multisets
// (messages in flight, tallies, values proposed) sorted. Key must tell
// two worlds apart exactly when their canonical descriptions differ.
func canonical(w *World) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%+v\n", w.Cfg)
	for _, p := range w.Proposers {
		fmt.Fprintf(&b, "%+v up=%v hand=%v\n", p, w.Up(paxos.P(p.N)), w.Hand(paxos.P(p.N)))
	}
	for _, a := range w.Acceptors {
		fmt.Fprintf(&b, "%+v up=%v hand=%v\n", a, w.Up(paxos.A(a.N)), w.Hand(paxos.A(a.N)))
	}
	tallies := func(t paxos.Tallies) []string {
		var s []string
		for _, x := range t.List {
			s = append(s, fmt.Sprintf("%v by %v", x.Vote, x.By.Members()))
		}
		slices.Sort(s)
		return s
	}
	for _, l := range w.Learners {
		fmt.Fprintf(&b, "L%d heard %d %v learned %v up=%v hand=%v\n", l.N, l.Heard, tallies(l.Votes), l.Learned, w.Up(paxos.L(l.N)), w.Hand(paxos.L(l.N)))
	}
	var held []string
	for _, e := range w.Held {
		held = append(held, fmt.Sprintf("%+v", e.Msg))
	}
	slices.Sort(held)
	fmt.Fprintf(&b, "held %q\n", held)
	var msgs []string
	for _, e := range w.InFlight() {
		msgs = append(msgs, fmt.Sprintf("%+v", e.Msg))
	}
	slices.Sort(msgs)
	fmt.Fprintf(&b, "in flight %q\n", msgs)
	var proposed, chosen []string
	for _, v := range w.Obs.Proposed {
		proposed = append(proposed, string(v))
	}
	for _, c := range w.Obs.Chosen {
		chosen = append(chosen, c.Vote.String())
	}
	slices.Sort(proposed)
	slices.Sort(chosen)
	fmt.Fprintf(&b, "cast %v proposed %q chosen %v agreement %v\n", tallies(w.Obs.Cast), proposed, chosen, w.Obs.Agreement())
	return b.String()
}

// keyWorlds are 200 worlds of the course's cluster such as an explorer
// meets: P2 and P4 duelling, acceptors crashing, messages delivered in
// any order and dropped, 0 to 99 steps from the start.
func keyWorlds() []*World {
	var ws []*World
	for seed := range 200 {
		w := NewWorld()
		rng := newRand(uint64(seed))
		for range seed % 100 {
			if _, err := w.Apply(randomAction(rng, w)); err != nil {
				panic(err)
			}
		}
		ws = append(ws, w)
	}
	return ws
}

// Key is called for every state an explorer meets: millions.
func BenchmarkKey(b *testing.B) {
	ws := keyWorlds()
	i := 0
	for b.Loop() {
		_ = ws[i%len(ws)].Key()
		i++
	}
	size, flight := 0, 0
	for _, w := range ws {
		size += len(w.Key())
		flight += w.NumInFlight()
	}
	b.ReportMetric(float64(size)/float64(len(ws)), "bytes/key")
	b.ReportMetric(float64(flight)/float64(len(ws)), "msgs/world")
}

// AppendKey into a buffer kept from one call to the next, as an explorer
// looks states up: no allocation.
func BenchmarkAppendKey(b *testing.B) {
	ws := keyWorlds()
	var buf []byte
	i := 0
	for b.Loop() {
		buf = ws[i%len(ws)].AppendKey(buf[:0])
		i++
	}
}

func BenchmarkEnabled(b *testing.B) {
	ws := keyWorlds()
	i := 0
	for b.Loop() {
		_ = ws[i%len(ws)].Enabled()
		i++
	}
}
