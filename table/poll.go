package table

import (
	"errors"
	"fmt"
	"slices"

	"paxosgame/game"
)

// Question is what a poll asks the room: a lesson's predict block, or
// one the lecturer typed.
type Question struct {
	Text    string
	Choices []string
	// Explain is what the question says of each choice ("" for none), as
	// Choices: shown once the poll closes. Nil when none has any.
	Explain []string
	// Truth is the answer on game g as the poll closes: the choice (from
	// 0; -1 when none matches) and its words.
	Truth func(g *game.Game) (choice int, words string, err error)
	// Then is played once the poll closes at the present: the game plays
	// out the truth.
	Then []game.Command
}

// poll is the question the lecturer asks, and the answers.
type poll struct {
	q       Question
	answers map[*Seat]int // choice, from 0
	open    bool
	// Once closed: the truth, and how much of Then was played.
	choice int
	words  string
	err    error
	played int
}

// Poll is the poll as a board shows it.
type Poll struct {
	Text    string
	Choices []string
	Explain []string // what the question says of each choice, shown once closed; may be nil
	Open    bool
	Counts  []int // answers to each choice
	Mine    int   // the seat's answer, from 0; -1 for none
	// Once closed: the truth (Choice -1 when none matches), or Err when
	// it could not be told; Played is how many commands of the question
	// were played after it.
	Choice int
	Words  string
	Err    error
	Played int
}

// SameFor reports whether a student sees poll p as o: the same question,
// open or closed, their own answer, and once closed the counts and the
// truth. (While it is open, others' answers are the lecturer's to see.)
func (p Poll) SameFor(o Poll) bool {
	same := p.Text == o.Text && p.Open == o.Open && p.Mine == o.Mine && p.Choice == o.Choice &&
		p.Words == o.Words && p.Played == o.Played && (p.Err == nil) == (o.Err == nil)
	return same && (p.Open || slices.Equal(p.Counts, o.Counts))
}

// Explanation is what the question says of choice i (from 0), or "".
func (p Poll) Explanation(i int) string {
	if i < 0 || i >= len(p.Explain) {
		return ""
	}
	return p.Explain[i]
}

// ErrNoPoll refuses an answer, or a close, with no poll open.
var ErrNoPoll = errors.New("no poll is open")

// Ask opens a poll, in place of the one before: the lecturer's.
func (tx *Tx) Ask(q Question) error {
	if err := tx.may(Ask); err != nil {
		return err
	}
	if len(q.Choices) == 0 || q.Truth == nil || q.Explain != nil && len(q.Explain) != len(q.Choices) {
		return errors.New("a poll has choices, an explanation of each or none, and a way to tell the truth")
	}
	tx.roomChanged()
	tx.t.epoch.Poll++
	tx.t.poll = &poll{q: q, answers: map[*Seat]int{}, open: true, choice: -1}
	return nil
}

// Answer records the seat's answer (choice, from 0) to the open poll,
// in place of its answer before. It takes no step: a student may answer
// while the lecturer shows the past.
func (tx *Tx) Answer(choice int) error {
	if err := tx.may(Answer); err != nil {
		return err
	}
	pl := tx.t.poll
	switch {
	case pl == nil || !pl.open:
		return ErrNoPoll
	case choice < 0 || choice >= len(pl.q.Choices):
		return fmt.Errorf("the choices are 1 to %d", len(pl.q.Choices))
	case !tx.seat.answers.Allow(tx.t.now()):
		return &Refusal{Role: tx.seat.role, Control: Answer, Reason: TooFast, Rate: tx.seat.answers.n}
	}
	tx.roomChanged()
	pl.answers[tx.seat] = choice
	return nil
}

// ClosePoll closes the poll: the truth is told on the game as it is, and
// at the present the question's commands are played, as a lesson plays
// them (in the past they would drop the steps ahead: → plays on).
func (tx *Tx) ClosePoll() (Poll, error) {
	if err := tx.may(Ask); err != nil {
		return Poll{}, err
	}
	pl := tx.t.poll
	if pl == nil || !pl.open {
		return Poll{}, ErrNoPoll
	}
	tx.roomChanged()
	tx.t.epoch.Poll++
	pl.open = false
	g := tx.Game()
	pl.choice, pl.words, pl.err = pl.q.Truth(g)
	if pl.err == nil && g.Cursor() == g.Len() {
		for _, c := range pl.q.Then {
			if _, err := tx.do(c); err != nil {
				pl.err = fmt.Errorf("%s was refused: %w", c, err)
				break
			}
			pl.played++
		}
	}
	p, _ := tx.Poll()
	return p, nil
}

// Poll is the poll, open or closed; false when none was asked.
func (tx *Tx) Poll() (Poll, bool) {
	pl := tx.t.poll
	if pl == nil {
		return Poll{}, false
	}
	p := Poll{Text: pl.q.Text, Choices: pl.q.Choices, Explain: pl.q.Explain, Open: pl.open, Counts: make([]int, len(pl.q.Choices)),
		Mine: -1, Choice: pl.choice, Words: pl.words, Err: pl.err, Played: pl.played}
	for s, c := range pl.answers {
		p.Counts[c]++
		if s == tx.seat {
			p.Mine = c
		}
	}
	return p, true
}

// Answered is the names of the students here who answered the open
// poll, and of those who have not, in order of arrival.
func (tx *Tx) Answered() (yes, not []string) {
	pl := tx.t.poll
	for _, s := range tx.t.students {
		switch _, ok := pl.answered(s); {
		case ok:
			yes = append(yes, s.name)
		case !s.gone:
			not = append(not, s.name)
		}
	}
	return yes, not
}

func (pl *poll) answered(s *Seat) (int, bool) {
	if pl == nil {
		return 0, false
	}
	c, ok := pl.answers[s]
	return c, ok
}
