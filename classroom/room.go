// Package classroom is the lecture hall over SSH (DESIGN §11): one room,
// one table; the lecturer's board in the terminal that runs `paxosgame
// serve`, a board for each SSH session on the same table, students who
// play nodes by hand, and polls.
//
// The room's state (who is here, who plays which node, the poll) has the
// table's lock for its own: it is read within Table.Read and changed
// within Table.Act, and every change calls Tx.Changed, so that every
// board is told the way it is told of a step of the game. Nothing locks
// the room but the table.
package classroom

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"paxosgame/game"
	"paxosgame/lessons"
	"paxosgame/paxos"
	"paxosgame/table"
)

// Room is the lecturer's game and the people in it.
type Room struct {
	t *table.Table

	// Within the table's lock only.
	people  []*person
	nextID  int
	holders map[paxos.NodeID]*person
	poll    *poll
}

// person is one SSH session of the room; one who left stays while the
// node they played waits for the lecturer.
type person struct {
	id   int
	name string       // the SSH user name, escaped and cut
	node paxos.NodeID // zero: none
	gone bool
}

// poll is the question the lecturer asks.
type poll struct {
	step    *lessons.Step
	answers map[int]int // person id → choice, from 0
	open    bool
	// Once closed: the computed answer (choice -1 when none matches).
	choice int
	words  string
	err    error
}

// NewRoom is a room on table t.
func NewRoom(t *table.Table) *Room {
	return &Room{t: t, holders: map[paxos.NodeID]*person{}}
}

// Table is the room's table.
func (r *Room) Table() *table.Table { return r.t }

// maxName is the most runes of a user name shown.
const maxName = 16

// cleanName is a user name made safe to show on every terminal: control
// characters and broken UTF-8 escaped, cut to maxName runes.
func cleanName(s string) string {
	s = game.Printable(s)
	s = strings.Map(func(r rune) rune {
		if r == ' ' || r == '\u00a0' {
			return '_'
		}
		return r
	}, s)
	if utf8.RuneCountInString(s) > maxName {
		s = string([]rune(s)[:maxName-1]) + "…"
	}
	if s == "" {
		s = "student"
	}
	return s
}

// join adds a person to the room.
func (r *Room) join(name string) *person {
	var p *person
	r.t.Act(func(tx *table.Tx) {
		r.nextID++
		p = &person{id: r.nextID, name: cleanName(name)}
		r.people = append(r.people, p)
		tx.Changed()
	})
	return p
}

// leave marks a person gone: the node they play waits, marked, for the
// lecturer; one who played none is forgotten.
func (r *Room) leave(p *person) {
	r.t.Act(func(tx *table.Tx) {
		p.gone = true
		r.sync(tx.Game().World())
		if p.node == (paxos.NodeID{}) {
			r.people = slices.DeleteFunc(r.people, func(q *person) bool { return q == p })
		}
		tx.Changed()
	})
}

// sync forgets the claims of nodes the game plays again (the lecturer's
// auto A2, or h on the board).
func (r *Room) sync(w *game.World) {
	for id, p := range r.holders {
		if !w.Exists(id) || !w.Hand(id) {
			delete(r.holders, id)
			p.node = paxos.NodeID{}
			if p.gone {
				r.people = slices.DeleteFunc(r.people, func(q *person) bool { return q == p })
			}
		}
	}
}

// take makes node id played by hand by p, within the table's Act.
func (r *Room) take(tx *table.Tx, p *person, id paxos.NodeID) error {
	w := tx.Game().World()
	r.sync(w)
	switch h := r.holders[id]; {
	case !w.Exists(id):
		return fmt.Errorf("there is no %s in this game", id)
	case h == p:
		return fmt.Errorf("you play %s already", id)
	case h != nil && h.gone:
		return fmt.Errorf("%s waits for %s, who left: the lecturer gives it", id, h.name)
	case h != nil:
		return fmt.Errorf("%s plays %s", h.name, id)
	case p.node != (paxos.NodeID{}):
		return fmt.Errorf("you play %s: one node each (the lecturer can give it back)", p.node)
	}
	if !w.Hand(id) {
		if _, err := tx.Do(game.Command{Verb: game.VHand, Node: id}); err != nil {
			return err
		}
	}
	r.holders[id], p.node = p, id
	tx.Changed()
	return nil
}

// give gives node id to the person called name, or back to the game
// when name is "": the lecturer's, within the table's Act.
func (r *Room) give(tx *table.Tx, id paxos.NodeID, name string) (string, error) {
	w := tx.Game().World()
	if !w.Exists(id) {
		return "", fmt.Errorf("there is no %s in this game", id)
	}
	r.sync(w)
	var to *person
	if name != "" {
		for _, p := range r.people {
			if !p.gone && p.name == name && (to == nil || to.node != (paxos.NodeID{}) && p.node == (paxos.NodeID{})) {
				to = p
			}
		}
		if to == nil {
			return "", fmt.Errorf("nobody called %s is here", cleanName(name))
		}
	}
	if old := r.holders[id]; old != nil {
		delete(r.holders, id)
		old.node = paxos.NodeID{}
		if old.gone {
			r.people = slices.DeleteFunc(r.people, func(q *person) bool { return q == old })
		}
	}
	tx.Changed()
	if to == nil {
		if w.Hand(id) {
			if _, err := tx.Do(game.Command{Verb: game.VAuto, Node: id}); err != nil {
				return "", err
			}
		}
		return fmt.Sprintf("%s is played by the game again", id), nil
	}
	if to.node != (paxos.NodeID{}) {
		prev := to.node
		delete(r.holders, prev)
		to.node = paxos.NodeID{}
		if _, err := tx.Do(game.Command{Verb: game.VAuto, Node: prev}); err != nil {
			return "", err
		}
	}
	if err := r.take(tx, to, id); err != nil {
		return "", err
	}
	return fmt.Sprintf("%s plays %s", to.name, id), nil
}

// label is who plays node id, as every board shows it on its row; read
// within the table's lock.
func (r *Room) label(id paxos.NodeID) string {
	p := r.holders[id]
	switch {
	case p == nil:
		return ""
	case p.gone:
		return p.name + " (left)"
	}
	return p.name
}

// free is the nodes nobody plays, within the table's lock.
func (r *Room) free(w *game.World) []paxos.NodeID {
	var out []paxos.NodeID
	for _, id := range w.Nodes() {
		if r.holders[id] == nil {
			out = append(out, id)
		}
	}
	return out
}

// ask opens a poll, within the table's Act.
func (r *Room) ask(tx *table.Tx, st *lessons.Step) {
	r.poll = &poll{step: st, answers: map[int]int{}, open: true, choice: -1}
	tx.Changed()
}

// answer records p's answer n (from 1) to the open poll.
func (r *Room) answer(tx *table.Tx, p *person, n int) error {
	switch {
	case r.poll == nil || !r.poll.open:
		return fmt.Errorf("no poll is open")
	case n < 1 || n > len(r.poll.step.Predict.Choices):
		return fmt.Errorf("the choices are 1 to %d", len(r.poll.step.Predict.Choices))
	}
	r.poll.answers[p.id] = n - 1
	tx.Changed()
	return nil
}

// closePoll closes the poll: its answer is computed on the game as it is,
// and its commands are played on the table, as a lesson plays them.
func (r *Room) closePoll(tx *table.Tx) (string, error) {
	pl := r.poll
	if pl == nil || !pl.open {
		return "", fmt.Errorf("no poll is open")
	}
	pl.open = false
	tx.Changed()
	pl.choice, pl.words, pl.err = lessons.Answer(tx.Game(), pl.step)
	if pl.err != nil {
		return "", fmt.Errorf("the poll is closed, but its commands do not play on this game: %v", pl.err)
	}
	for _, l := range pl.step.Cmds {
		if _, err := tx.Do(l.Cmd); err != nil {
			pl.err = err
			return "", fmt.Errorf("the poll is closed; %s was refused: %v", l.Cmd, err)
		}
	}
	return "the answer: " + pl.words, nil
}

// counts is how many chose each choice of the poll.
func (pl *poll) counts() []int {
	n := make([]int, len(pl.step.Predict.Choices))
	for _, c := range pl.answers {
		n[c]++
	}
	return n
}

// limiter allows n events a second, in bursts of up to n.
type limiter struct {
	n      int
	tokens float64
	last   time.Time
}

func newLimiter(n int) *limiter { return &limiter{n: n, tokens: float64(n)} }

// allow takes one event; false when it is over the limit. n ≤ 0 allows
// every event.
func (l *limiter) allow(now time.Time) bool {
	if l.n <= 0 {
		return true
	}
	if !l.last.IsZero() {
		l.tokens = min(float64(l.n), l.tokens+now.Sub(l.last).Seconds()*float64(l.n))
	}
	l.last = now
	if l.tokens < 1 {
		return false
	}
	l.tokens--
	return true
}
