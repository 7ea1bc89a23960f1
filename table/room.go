package table

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"paxosgame/game"
	"paxosgame/paxos"
)

// room is the people at a table and what they do there: the students'
// seats, the nodes they play, the poll. Within the table's lock.
type room struct {
	students []*Seat // in order of arrival; one gone with a node stays until the node is given
	holders  map[paxos.NodeID]*Seat
	kicked   map[string]bool // the keys the lecturer sent away
	poll     *poll
	epoch    Epoch
	resync   bool // the game changed at the present: syncNodes at the end of act
}

// Epoch counts the changes of the room, by kind: a board clears a status
// line about the nodes, or about the poll, once it is no longer true.
type Epoch struct {
	Nodes uint64 // a node taken, given or freed; a student came or went
	Poll  uint64 // a poll asked or closed
}

// MaxName is the most runes of a student's name, before the -2 that
// makes it unique.
const MaxName = 16

// ErrKicked refuses a key the lecturer sent away.
var ErrKicked = errors.New("the lecturer has ended your place in this class")

// Student seats a student called name (a user name from outside: it is
// made printable, without spaces, and unique in the room: bob, bob-2),
// whose SSH key has fingerprint key ("" for none), within limits. A key
// that comes back while its seat waits gets that seat again, with its
// name and node (back is true); a key the lecturer sent away is refused
// (ErrKicked).
func (t *Table) Student(name, key string, lim Limits) (s *Seat, back bool, err error) {
	t.act(nil, func(tx *Tx) {
		if key != "" && t.kicked[key] {
			err = ErrKicked
			return
		}
		tx.roomChanged()
		if key != "" {
			for _, old := range t.students {
				if old.key == key && old.gone && !old.kicked {
					t.epoch.Nodes++ // their node is theirs again
					old.gone, back, s = false, true, old
					old.commands, old.answers = NewRate(lim.Commands), NewRate(lim.Answers)
					return
				}
			}
		}
		s = &Seat{t: t, role: Student, key: key, name: t.uniqueName(CleanName(name)),
			commands: NewRate(lim.Commands), answers: NewRate(lim.Answers)}
		t.students = append(t.students, s)
	})
	return s, back, err
}

// CleanName is a name from outside made safe to show on every terminal:
// the game's printable rule (control and format characters escaped),
// spaces as _, cut to MaxName runes; "student" when empty.
func CleanName(s string) string {
	s = game.Printable(s)
	s = strings.Map(func(r rune) rune {
		if r == ' ' || r == '\u00a0' {
			return '_'
		}
		return r
	}, s)
	if utf8.RuneCountInString(s) > MaxName {
		s = string([]rune(s)[:MaxName-1]) + "…"
	}
	if s == "" {
		s = "student"
	}
	return s
}

// uniqueName is name, or name-2, name-3…: the first no seat has.
func (t *Table) uniqueName(name string) string {
	taken := func(n string) bool {
		return slices.ContainsFunc(t.students, func(s *Seat) bool { return s.name == n })
	}
	if !taken(name) {
		return name
	}
	for i := 2; ; i++ {
		if n := name + "-" + strconv.Itoa(i); !taken(n) {
			return n
		}
	}
}

// Name is the seat's name: a student's, unique in the room; "" for
// others. It is set when the seat is made and never changes.
func (s *Seat) Name() string { return s.name }

// Leave ends the seat's session: it makes no more changes. A student's
// node waits, marked, for the lecturer to give it (or for the same key
// to come back); a student who played none is forgotten.
func (s *Seat) Leave() {
	s.t.act(nil, func(tx *Tx) {
		if s.gone {
			return
		}
		tx.roomChanged()
		s.gone = true
		if s.role == Student {
			if s.node != (paxos.NodeID{}) {
				s.t.epoch.Nodes++ // the node waits
			}
			s.t.forget(s)
		}
	})
}

// forget drops seat s from the room when it is gone and plays no node.
func (t *Table) forget(s *Seat) {
	if !s.gone || s.node != (paxos.NodeID{}) {
		return
	}
	t.students = slices.DeleteFunc(t.students, func(o *Seat) bool { return o == s })
	if t.poll != nil {
		delete(t.poll.answers, s)
	}
}

// syncNodes frees the nodes the game plays again at the present (the
// lecturer's `auto A2`, or a step back to before the student took it and
// a command from there), and forgets the seats gone with them.
func (t *Table) syncNodes(w *game.World) {
	for id, s := range t.holders {
		if !w.Exists(id) || !w.Hand(id) {
			delete(t.holders, id)
			s.node = paxos.NodeID{}
			t.epoch.Nodes++
			t.forget(s)
		}
	}
}

// Kick sends the student called name away: the seat is gone for good
// (its node waits for the lecturer to give it) and its key is refused
// for the rest of the class. It returns the seat, whose session the
// classroom ends.
func (tx *Tx) Kick(name string) (*Seat, error) {
	if err := tx.may(Give); err != nil {
		return nil, err
	}
	s := tx.t.called(name)
	if s == nil {
		return nil, fmt.Errorf("nobody called %s is here", CleanName(name))
	}
	tx.roomChanged()
	if s.node != (paxos.NodeID{}) {
		tx.t.epoch.Nodes++
	}
	s.gone, s.kicked = true, true
	if s.key != "" {
		tx.t.kicked[s.key] = true
	}
	tx.t.forget(s)
	return s, nil
}

// called is the student called name who is here, or nil.
func (t *Table) called(name string) *Seat {
	for _, s := range t.students {
		if !s.gone && s.name == name {
			return s
		}
	}
	return nil
}

// Take makes node id the student's to play by hand (`hand id` when the
// game played it): a free node, one each, at the present.
func (tx *Tx) Take(id paxos.NodeID) error {
	if err := tx.may(Take); err != nil {
		return err
	}
	if err := tx.present(Take, game.Command{}); err != nil {
		return err
	}
	s := tx.seat
	w := tx.Game().World()
	tx.t.syncNodes(w)
	switch h := tx.t.holders[id]; {
	case !w.Exists(id):
		return fmt.Errorf("there is no %s in this game", id)
	case h == s:
		return fmt.Errorf("you play %s already", id)
	case h != nil && h.gone:
		return fmt.Errorf("%s waits for %s, who left: the lecturer gives it", id, h.name)
	case h != nil:
		return fmt.Errorf("%s plays %s", h.name, id)
	case s.node != (paxos.NodeID{}):
		return fmt.Errorf("you play %s: one node each (the lecturer can give it back)", s.node)
	case !s.commands.Allow(tx.t.now()):
		return &Refusal{Role: s.role, Control: Take, Reason: TooFast, Rate: s.commands.n}
	}
	return tx.hold(s, id)
}

// hold makes node id played by hand by student s.
func (tx *Tx) hold(s *Seat, id paxos.NodeID) error {
	if !tx.Game().World().Hand(id) {
		if _, err := tx.do(game.Command{Verb: game.VHand, Node: id}); err != nil {
			return err
		}
	}
	tx.changed()
	tx.t.epoch.Nodes++
	tx.t.holders[id], s.node = s, id
	return nil
}

// Give gives node id to the student called name, or back to the game
// when name is "": the lecturer's, at the present. The node's student
// before, and the other node of the student given it, are freed.
func (tx *Tx) Give(id paxos.NodeID, name string) error {
	if err := tx.may(Give); err != nil {
		return err
	}
	w := tx.Game().World()
	if !w.Exists(id) {
		return fmt.Errorf("there is no %s in this game", id)
	}
	var to *Seat
	if name != "" {
		if to = tx.t.called(name); to == nil {
			return fmt.Errorf("nobody called %s is here", CleanName(name))
		}
	}
	if err := tx.present(Give, game.Command{}); err != nil {
		return err
	}
	tx.changed()
	tx.t.epoch.Nodes++
	tx.t.syncNodes(w)
	if old := tx.t.holders[id]; old != nil {
		delete(tx.t.holders, id)
		old.node = paxos.NodeID{}
		tx.t.forget(old)
	}
	if to == nil {
		if w.Hand(id) {
			_, err := tx.do(game.Command{Verb: game.VAuto, Node: id})
			return err
		}
		return nil
	}
	if prev := to.node; prev != (paxos.NodeID{}) {
		delete(tx.t.holders, prev)
		to.node = paxos.NodeID{}
		if _, err := tx.do(game.Command{Verb: game.VAuto, Node: prev}); err != nil {
			return err
		}
	}
	return tx.hold(to, id)
}

// Plays is the node tx's seat plays, for a student who plays one.
func (tx *Tx) Plays() (paxos.NodeID, bool) {
	if tx.seat == nil {
		return paxos.NodeID{}, false
	}
	return tx.seat.node, tx.seat.node != (paxos.NodeID{})
}

// Name is the name of tx's seat: a student's; "" for others.
func (tx *Tx) Name() string {
	if tx.seat == nil {
		return ""
	}
	return tx.seat.name
}

// Holder is who plays node id by hand: the student's name, and whether
// they left; "" when no student does.
func (tx *Tx) Holder(id paxos.NodeID) (name string, gone bool) {
	if s := tx.t.holders[id]; s != nil {
		return s.name, s.gone
	}
	return "", false
}

// Free is the nodes of the game no student plays.
func (tx *Tx) Free() []paxos.NodeID {
	var out []paxos.NodeID
	for _, id := range tx.Game().World().Nodes() {
		if tx.t.holders[id] == nil {
			out = append(out, id)
		}
	}
	return out
}

// Person is a student as the lecturer's pane lists them.
type Person struct {
	Name string
	Node paxos.NodeID // zero: none
	Gone bool         // left, with Node waiting for them
}

// Students is the students of the room, in order of arrival: those here,
// and those gone whose node waits.
func (tx *Tx) Students() []Person {
	out := make([]Person, len(tx.t.students))
	for i, s := range tx.t.students {
		out[i] = Person{s.name, s.node, s.gone}
	}
	return out
}

// Here counts the students here.
func (tx *Tx) Here() int {
	n := 0
	for _, s := range tx.t.students {
		if !s.gone {
			n++
		}
	}
	return n
}

// Epoch is the room's count of changes, by kind.
func (tx *Tx) Epoch() Epoch { return tx.t.epoch }
