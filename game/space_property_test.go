package game

import (
	"bytes"
	"fmt"
	"reflect"
	"slices"
	"testing"

	"pgregory.net/rapid"

	"paxosgame/paxos"
)

// Property tests of the state space API (DESIGN §9) on random games: "The
// explorer, property tests and generators use both."

// enabledContent lists Enabled with messages named by content, not id,
// sorted: what two worlds of one key must both offer.
func enabledContent(w *World) []string {
	content := map[int]string{}
	for _, e := range w.InFlight() {
		content[e.ID] = fmt.Sprintf("%+v", e.Msg)
	}
	var s []string
	for _, c := range w.Enabled() {
		if c.Sel.ID != 0 {
			s = append(s, c.Verb.String()+" "+content[c.Sel.ID])
			continue
		}
		s = append(s, c.String())
	}
	slices.Sort(s)
	return s
}

// "World.Enabled() returns every action possible now" (issue 7): in random
// games of any setup, every action listed is accepted by Apply, and
// Enabled depends on the state only (a clone lists the same).
func TestPropertyEnabledIsAccepted(t *testing.T) {
	withChecks(t, 300, func() {
		rapid.Check(t, func(t *rapid.T) {
			w := drawWorld(t, 0)
			calm := rapid.SampledFrom([]int{4, 0, 12, 40}).Draw(t, "calm")
			for range rapid.IntRange(0, 60).Draw(t, "steps") {
				en := w.Enabled()
				if !reflect.DeepEqual(en, w.Clone().Enabled()) {
					t.Fatalf("a clone lists other actions")
				}
				for _, c := range en {
					if _, err := w.Clone().Apply(c); err != nil {
						t.Fatalf("Enabled lists %s, which is refused: %v\n%s", c, err, w.Describe())
					}
				}
				mustApplyRapid(t, w, drawAction(t, w, calm))
			}
		})
	})
}

func mustApplyRapid(t *rapid.T, w *World, c Command) {
	t.Helper()
	if _, err := w.Apply(c); err != nil {
		t.Fatalf("step %d: %s refused: %v", w.Step+1, c, err)
	}
}

// drawAnyAction draws an action of any kind, most of them refused: any
// node of any role and number (some that do not exist), any ballot, a
// message by an id that may not be in flight or by a description that
// may match none, one or several.
func drawAnyAction(t *rapid.T, w *World) Command {
	verb := rapid.SampledFrom([]Verb{VDeliver, VDrop, VDuplicate, VPropose, VAccept, VCrash, VRestart}).Draw(t, "verb")
	c := Command{Verb: verb}
	switch verb {
	case VDeliver, VDrop, VDuplicate:
		if w.NumInFlight() > 0 && rapid.Bool().Draw(t, "by description") {
			m := w.InFlight()[rapid.IntRange(0, w.NumInFlight()-1).Draw(t, "message")].Msg
			c.Sel = Selector{Type: m.Type, From: m.From, To: m.To}
			if rapid.Bool().Draw(t, "with ballot") {
				c.Sel.Ballot = m.Ballot
			}
			if rapid.IntRange(0, 4).Draw(t, "another type") == 0 {
				c.Sel.Type = paxos.MsgType(rapid.IntRange(1, 5).Draw(t, "type"))
			}
		} else {
			c.Sel = Selector{ID: rapid.IntRange(1, w.NextID).Draw(t, "id")}
		}
	default:
		c.Node = paxos.NodeID{
			Role: paxos.Role(rapid.IntRange(1, 3).Draw(t, "role")),
			N:    rapid.IntRange(0, paxos.MaxProposers+1).Draw(t, "n"),
		}
	}
	if verb == VPropose && rapid.Bool().Draw(t, "explicit ballot") {
		c.Ballot = paxos.Ballot(rapid.IntRange(0, 60).Draw(t, "ballot"))
	}
	if verb == VPropose && rapid.Bool().Draw(t, "explicit value") {
		c.Value = drawValue(t)
	}
	return c
}

// And every action Apply accepts is in the list, resolved as Enabled
// documents: a message named by description is the action on that message
// by id, and a propose is the propose of the proposer's next ballot and
// preference.
func TestPropertyEnabledIsComplete(t *testing.T) {
	withChecks(t, 1000, func() {
		rapid.Check(t, func(t *rapid.T) {
			w := drawWorld(t, 60)
			en := w.Enabled()
			for range 20 {
				c := drawAnyAction(t, w)
				found := w.Find(c.Sel)
				if _, err := w.Clone().Apply(c); err != nil {
					continue
				}
				want := c
				switch c.Verb {
				case VDeliver, VDrop, VDuplicate:
					want.Sel = Selector{ID: found[0].ID}
				case VPropose:
					want.Ballot, want.Value = 0, ""
					want = w.Resolve(want)
				}
				if !slices.Contains(en, want) {
					t.Fatalf("%s is accepted but Enabled has no %s\n%s", c, want, w.Describe())
				}
			}
		})
	})
}

// independent reports whether two actions of w commute: in either order
// they give the same state. Actions on one message, or on one node (a
// message delivered to it, its crash or restart, its accept requests), do
// not; proposals do not either, since a value proposed may make a later
// choice valid. And one more, through the observer: "a learner learns only
// a value that has been chosen" — with same-ballot-majority off a learner
// may learn from votes that do not yet make the value chosen, and then
// whether an acceptor's vote comes before or after decides the verdict.
func independent(w *World, a, b Command) bool {
	if a.Verb == VPropose || b.Verb == VPropose {
		return false
	}
	msg := func(c Command) (paxos.Message, bool) {
		if c.Sel.ID == 0 {
			return paxos.Message{}, false
		}
		e, _ := w.Message(c.Sel.ID)
		return e.Msg, true
	}
	node := func(c Command) (paxos.NodeID, bool) {
		if c.Verb.Decision() {
			return c.Node, true // on a message it holds
		}
		if m, ok := msg(c); ok {
			return m.To, c.Verb == VDeliver
		}
		return c.Node, true
	}
	if a.Sel.ID != 0 && a.Sel.ID == b.Sel.ID {
		return false
	}
	na, okA := node(a)
	nb, okB := node(b)
	if okA && okB && na == nb {
		return false
	}
	if !w.Cfg.Rules.On(paxos.SameBallotMajority) && a.Verb == VDeliver && b.Verb == VDeliver &&
		na.Role != nb.Role && (na.Role == paxos.RoleLearner || nb.Role == paxos.RoleLearner) &&
		(na.Role == paxos.RoleAcceptor || nb.Role == paxos.RoleAcceptor) {
		return false
	}
	return true
}

// translate names in to the message that c names in from: the first with
// the same content. Other commands are the same in both worlds.
func translate(c Command, from, to *World) Command {
	if c.Sel.ID == 0 {
		return c
	}
	if c.Verb.Decision() {
		i := slices.IndexFunc(from.Held, func(e Envelope) bool { return e.ID == c.Sel.ID })
		for _, f := range to.Held {
			if i >= 0 && f.Msg == from.Held[i].Msg {
				c.Sel.ID = f.ID
				return c
			}
		}
		return c
	}
	e, _ := from.Message(c.Sel.ID)
	for _, f := range to.InFlight() {
		if f.Msg == e.Msg {
			c.Sel.ID = f.ID
			return c
		}
	}
	return c // not found: Apply will say so
}

// "Worlds reached by commuting deliveries in different orders have equal
// keys" (issue 7): two independent actions (deliveries to different
// nodes, drops, duplicates, crashes and restarts of other nodes) taken in
// either order give one key; and since the key is the state, the same
// actions after them keep the keys equal, messages named by content.
func TestPropertyCommutingActionsGiveOneKey(t *testing.T) {
	withChecks(t, 2000, func() {
		rapid.Check(t, func(t *rapid.T) {
			w := drawWorld(t, 60)
			en := w.Enabled()
			var pairs [][2]int
			for i, a := range en {
				for j := i + 1; j < len(en); j++ {
					if independent(w, a, en[j]) {
						pairs = append(pairs, [2]int{i, j})
					}
				}
			}
			if len(pairs) == 0 {
				return
			}
			ij := rapid.SampledFrom(pairs).Draw(t, "pair")
			pair := [2]Command{en[ij[0]], en[ij[1]]}
			ab, ba := w.Clone(), w.Clone()
			mustApplyRapid(t, ab, pair[0])
			mustApplyRapid(t, ab, pair[1])
			mustApplyRapid(t, ba, pair[1])
			mustApplyRapid(t, ba, pair[0])
			for step := 0; ; step++ {
				if ab.Key() != ba.Key() {
					t.Fatalf("%s then %s, and the other way round, then %d steps alike: different keys\n%s\n%s",
						pair[0], pair[1], step, canonical(ab), canonical(ba))
				}
				if step == 20 || !rapid.Bool().Draw(t, "go on") {
					break
				}
				c := rapid.SampledFrom(ab.Enabled()).Draw(t, "then")
				c2 := translate(c, ab, ba)
				mustApplyRapid(t, ab, c)
				mustApplyRapid(t, ba, c2)
			}
		})
	})
}

// keyCheck holds the worlds a test has met, by key and by canonical
// description, to check that a key is one state: the same canonical
// description; the same actions, messages named by content; the same
// verdict on Agreement.
type keyCheck struct {
	t           *rapid.T
	byKey       map[string]*met
	byCanonical map[string]string
}

// met is the first world met with a key, how it was reached, and how many
// worlds of its key have been met since.
type met struct {
	w         *World
	canonical string
	how       string
	again     int
}

func newKeyCheck(t *rapid.T) *keyCheck {
	return &keyCheck{t, map[string]*met{}, map[string]string{}}
}

// visit checks x against every world met so far, and reports whether its
// key is new.
func (kc *keyCheck) visit(x *World, how string) bool {
	t := kc.t
	k, c := x.Key(), canonical(x)
	if old, ok := kc.byCanonical[c]; ok && old != k {
		t.Fatalf("one state, two keys (%s):\n%s", how, c)
	}
	kc.byCanonical[c] = k
	old, ok := kc.byKey[k]
	if !ok {
		kc.byKey[k] = &met{w: x, canonical: c, how: how}
		return true
	}
	if old.canonical != c {
		t.Fatalf("one key, two states (%s and %s):\n%s\n%s", old.how, how, old.canonical, c)
	}
	if old.w.Obs.Agreement() != x.Obs.Agreement() {
		t.Fatalf("one key, another verdict (%s and %s)", old.how, how)
	}
	// Listing the actions in words is slow: compare one world a key.
	if old.again++; old.again == 1 {
		if a, b := enabledContent(old.w), enabledContent(x); !slices.Equal(a, b) {
			t.Fatalf("one key, other actions (%s and %s):\n%q\n%q", old.how, how, a, b)
		}
	}
	return false
}

// "Worlds whose futures differ have different keys" (issue 7): among two
// random worlds (often of one cluster at the start, with other rules,
// policy or mode), the worlds one action away from them, and two actions
// away by pairs of a few of those actions in both orders, the key is the
// same exactly when the canonical description is.
func TestPropertyKeyIsTheState(t *testing.T) {
	withChecks(t, 400, func() {
		rapid.Check(t, func(t *rapid.T) {
			kc := newKeyCheck(t)
			for _, w := range []*World{drawWorld(t, 80), drawWorld(t, 80)} {
				kc.visit(w, "a start")
				en := w.Enabled()
				for _, a := range en {
					x := w.Clone()
					mustApplyRapid(t, x, a)
					kc.visit(x, a.String())
				}
				some := drawSome(t, w, en)
				for _, a := range some {
					for _, b := range some {
						y := w.Clone()
						mustApplyRapid(t, y, a)
						if _, err := y.Apply(b); err == nil { // it may be gone: delivered, crashed
							kc.visit(y, a.String()+"; "+b.String())
						}
					}
				}
			}
		})
	})
}

// drawSome draws a few of the actions en of w, so that pairs of them in
// both orders reach worlds that differ little: the delivery and the drop
// of up to three messages to one node (often one that has several in
// flight), and up to three other actions.
func drawSome(t *rapid.T, w *World, en []Command) []Command {
	var some []Command
	if w.NumInFlight() > 0 {
		count := map[paxos.NodeID]int{}
		for _, e := range w.InFlight() {
			count[e.Msg.To]++
		}
		var several []paxos.NodeID
		for _, e := range w.InFlight() {
			if count[e.Msg.To] > 1 {
				several = append(several, e.Msg.To)
			}
		}
		to := w.InFlight()[rapid.IntRange(0, w.NumInFlight()-1).Draw(t, "message")].Msg.To
		if len(several) > 0 && rapid.Bool().Draw(t, "to a node with several") {
			to = rapid.SampledFrom(several).Draw(t, "node")
		}
		k := 0
		for _, e := range w.InFlight() {
			if e.Msg.To == to && k < 3 {
				some = append(some, deliver(e.ID), Command{Verb: VDrop, Sel: Selector{ID: e.ID}})
				k++
			}
		}
	}
	for _, i := range rapid.SliceOfNDistinct(rapid.IntRange(0, len(en)-1), 0, 3, rapid.ID).Draw(t, "others") {
		some = append(some, en[i])
	}
	return some
}

// The same in a small breadth-first exploration, as the explorer will
// walk the space (DESIGN §10): from a random world, every action Enabled
// lists, within bounds (each proposer's next two ballots, a duplicate
// while few messages are in flight), each new key expanded in turn.
// Worlds met by many paths there differ in one field or in none.
func TestPropertyKeyInAnExploration(t *testing.T) {
	withChecks(t, 15, func() {
		rapid.Check(t, func(t *rapid.T) {
			kc := newKeyCheck(t)
			start := drawWorld(t, 6)
			queue := []*World{start}
			kc.visit(start, "the start")
			for expanded := 0; len(queue) > 0 && expanded < 100; expanded++ {
				w := queue[0]
				queue = queue[1:]
				for _, c := range w.Enabled() {
					if c.Verb == VPropose && c.Ballot > start.Proposer(c.Node.N).NextBallot(&start.Cfg)+paxos.Ballot(w.Cfg.Proposers) ||
						c.Verb == VDuplicate && w.NumInFlight() > 4 {
						continue
					}
					x := w.Clone()
					mustApplyRapid(t, x, c)
					if kc.visit(x, c.String()) {
						queue = append(queue, x)
					}
				}
			}
		})
	})
}

// Clone then Key equals Key; and the clone shares no memory, so acting on
// it leaves the original's key as it was. AppendKey appends the key.
func TestPropertyKeyOfClone(t *testing.T) {
	withChecks(t, 1000, func() {
		rapid.Check(t, func(t *rapid.T) {
			w := drawWorld(t, 80)
			k := w.Key()
			c := w.Clone()
			if c.Key() != k {
				t.Fatalf("the clone has another key")
			}
			if got := string(w.AppendKey([]byte("prefix"))); got != "prefix"+k {
				t.Fatalf("AppendKey does not append the key")
			}
			for range 5 {
				mustApplyRapid(t, c, rapid.SampledFrom(c.Enabled()).Draw(t, "action"))
			}
			if w.Key() != k {
				t.Fatalf("acting on a clone changed the original's key")
			}
		})
	})
}

// CompactInto: "the Key is the same, and Enabled lists the same actions in
// the same order (with the new ids)". In random games, the compact world
// and the world agree on the key, on what each action listed does (the
// same key after it), and on whether it breaks a safety property; a
// scratch world reused from one state to the next agrees as well as a
// fresh one.
func TestPropertyCompactIsTheSameState(t *testing.T) {
	withChecks(t, 200, func() {
		rapid.Check(t, func(t *rapid.T) {
			w := drawWorld(t, 0)
			scratch := new(World)
			calm := rapid.SampledFrom([]int{4, 0, 12, 40}).Draw(t, "calm")
			for range rapid.IntRange(0, 60).Draw(t, "steps") {
				w.CompactInto(scratch)
				for _, c := range []*World{w.Compact(), scratch} {
					if !bytes.Equal(c.AppendKey(nil), w.AppendKey(nil)) {
						t.Fatalf("the compact world has another key\n%s\n%s", w.Describe(), c.Describe())
					}
					en, cen := w.Enabled(), c.Enabled()
					if len(en) != len(cen) {
						t.Fatalf("%d actions, compact %d:\n%v\n%v", len(en), len(cen), en, cen)
					}
					for i := range en {
						a, b := w.Clone(), c.Compact()
						_, errA := a.Apply(en[i])
						_, errB := b.Apply(cen[i])
						if errA != nil || errB != nil {
							t.Fatalf("%s: %v; compact %s: %v", en[i], errA, cen[i], errB)
						}
						if !bytes.Equal(a.AppendKey(nil), b.AppendKey(nil)) || a.Obs.Agreement() != b.Obs.Agreement() {
							t.Fatalf("%s and compact %s lead to other states", en[i], cen[i])
						}
					}
				}
				mustApplyRapid(t, w, drawAction(t, w, calm))
			}
		})
	})
}

// "Two worlds that differ only by a renaming of the acceptors" have one
// symmetric key: in random games, a world and the same world with its
// acceptors renamed at random agree on it, and on what each action does.
func TestPropertySymmetricKeyIgnoresAcceptorNames(t *testing.T) {
	withChecks(t, 200, func() {
		rapid.Check(t, func(t *rapid.T) {
			w := drawWorld(t, 40)
			n := len(w.Acceptors)
			perm := rapid.Permutation(func() []int {
				p := make([]int, n)
				for i := range p {
					p[i] = i + 1
				}
				return p
			}()).Draw(t, "renaming")
			renamed := w.Compact()
			renamed.renameAcceptors(perm)
			s1, s2 := new(World), new(World)
			k1, n1 := w.AppendSymmetricKey(nil, s1)
			k2, n2 := renamed.AppendSymmetricKey(nil, s2)
			if !bytes.Equal(k1, k2) || n1 != n2 {
				t.Fatalf("renamed %v, the symmetric key changed\n%s\n%s", perm, w.Describe(), renamed.Describe())
			}
			if w.Obs.Agreement() != renamed.Obs.Agreement() || len(w.Enabled()) != len(renamed.Enabled()) {
				t.Fatalf("renamed %v, the world is another", perm)
			}
			// The plain key tells them apart unless the renaming changed nothing.
			id := w.Compact()
			id.renameAcceptors(func() []int {
				p := make([]int, n)
				for i := range p {
					p[i] = i + 1
				}
				return p
			}())
			if !bytes.Equal(id.AppendKey(nil), w.AppendKey(nil)) {
				t.Fatalf("renaming each acceptor to itself changed the key")
			}
		})
	})
}

// Do "carries out an action as Apply does, and makes none of its events":
// in random games, with actions of any kind (most refused), Do and Apply
// accept and refuse alike, reach the same state, and the next Apply still
// tells its events.
func TestPropertyDoIsApplyWithoutEvents(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		w := drawWorld(t, 0)
		for range rapid.IntRange(0, 40).Draw(t, "steps") {
			c := drawAnyAction(t, w)
			if rapid.Bool().Draw(t, "enabled") {
				c = drawAction(t, w, 4)
			}
			quiet := w.Clone()
			evs, err := w.Apply(c)
			errDo := quiet.Do(c)
			if (err == nil) != (errDo == nil) || err != nil && err.Error() != errDo.Error() {
				t.Fatalf("%s: Apply says %v, Do %v", c, err, errDo)
			}
			if !bytes.Equal(w.AppendKey(nil), quiet.AppendKey(nil)) || w.Obs.Agreement() != quiet.Obs.Agreement() || w.Step != quiet.Step || w.NextID != quiet.NextID {
				t.Fatalf("%s: Do leads to another state", c)
			}
			if err == nil && (len(evs) == 0 || len(quiet.events) != 0 || quiet.quiet) {
				t.Fatalf("%s: Apply told %d events, Do made %d", c, len(evs), len(quiet.events))
			}
		}
	})
}
