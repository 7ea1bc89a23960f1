package classroom

import (
	"fmt"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"paxosgame/game"
	"paxosgame/lessons"
	"paxosgame/paxos"
	"paxosgame/table"
)

// student is a student's side of the room: the pane beside the board,
// and the guard of the board, which lets the student change the game
// only through the node they play.
type student struct {
	r        *Room
	me       *person
	commands *limiter
	answers  *limiter
	now      func() time.Time
	free     []paxos.NodeID // as the board last followed the table
	note     string         // what became of the node asked for on the command line
}

// Command lets through the decisions of the node the student plays, and
// nothing else (ui.Guard).
func (s *student) Command(w *game.World, c game.Command) error {
	s.r.sync(w)
	mine := s.me.node
	switch {
	case mine == (paxos.NodeID{}):
		return fmt.Errorf("you play no node yet: tab selects one, h takes it; the lecturer runs the network")
	case !decision(c.Verb) || c.Node != mine:
		return fmt.Errorf("you play %s: its decisions are yours (1–9 when it has one); the lecturer runs the network", mine)
	case !s.commands.allow(s.now()):
		return fmt.Errorf("slow down: at most %d commands a second", s.commands.n)
	}
	return nil
}

// decision reports whether v is a decision of a node played by hand.
func decision(v game.Verb) bool {
	switch v {
	case game.VPromise, game.VVote, game.VRefuse, game.VIgnore, game.VAccept, game.VLearn:
		return true
	}
	return false
}

// Control refuses the table's history and auto-play: they are the
// lecturer's (ui.Guard).
func (s *student) Control(what string) error {
	return fmt.Errorf("the lecturer's board does that (%s): yours shows the room's game", what)
}

// RoomKey takes h (a node) and the digits while a poll is open.
func (s *student) RoomKey(tx *table.Tx, msg tea.KeyPressMsg, sel paxos.NodeID) (bool, string, bool) {
	k := msg.String()
	if pl := s.r.poll; pl != nil && pl.open && len(k) == 1 && k[0] >= '1' && k[0] <= '9' {
		if !s.answers.allow(s.now()) {
			return true, fmt.Sprintf("✗ slow down: at most %d answers a second", s.answers.n), true
		}
		if err := s.r.answer(tx, s.me, int(k[0]-'0')); err != nil {
			return true, "✗ " + err.Error(), true
		}
		return true, fmt.Sprintf("✓ your answer: %s — you may change it until the lecturer closes the poll", k), false
	}
	if k == "h" || k == "H" {
		if err := s.r.take(tx, s.me, sel); err != nil {
			return true, "✗ " + err.Error(), true
		}
		return true, fmt.Sprintf("✋ %s is yours: what reaches it waits for your decision, 1–9", sel), false
	}
	return false, "", false
}

// Plays is the node the student plays (ui.Player), read within the
// table's lock.
func (s *student) Plays() (paxos.NodeID, bool) { return s.me.node, s.me.node != (paxos.NodeID{}) }

// Asking: while a poll is open, the digits answer it.
func (s *student) Asking() bool { return s.r.poll != nil && s.r.poll.open }

func (s *student) Played(*game.Game) {}
func (s *student) Scroll(int)        {}

// Line is the pane in one line.
func (s *student) Line(w int) string {
	if pl := s.r.poll; pl != nil && pl.open {
		return fit("POLL: "+pl.step.Predict.Question+" (1–9)", w)
	}
	return fit(s.who(), w)
}

func (s *student) who() string {
	if s.me.node != (paxos.NodeID{}) {
		return fmt.Sprintf("CLASSROOM · %s plays %s", s.me.name, s.me.node)
	}
	return fmt.Sprintf("CLASSROOM · %s · tab selects a node, h takes it", s.me.name)
}

// View is the pane: who the student is, the node, the poll.
func (s *student) View(w, h int) string {
	lines := []string{s.who()}
	if s.note != "" {
		lines = append(lines, wrapText(s.note, w)...)
	}
	if s.me.node == (paxos.NodeID{}) {
		var free []string
		for _, id := range s.free {
			free = append(free, id.String())
		}
		if len(free) > 0 {
			lines = append(lines, "free: "+strings.Join(free, " "))
		}
	} else {
		lines = append(lines, "its decisions are yours: 1–9 take them · the lecturer runs the network")
	}
	lines = append(lines, "")
	lines = append(lines, pollLines(s.r.poll, s.me.id, w, false)...)
	return block(lines, w, h)
}

// Follow notes the free nodes as the board follows the table.
func (s *student) Follow(tx *table.Tx) { s.free = s.r.free(tx.Game().World()) }

// pollLines is the poll as a board shows it: the lecturer's with bars of
// the counts, a student's with their own answer.
func pollLines(pl *poll, me int, w int, lecturer bool) []string {
	if pl == nil {
		return nil
	}
	pr := pl.step.Predict
	head := "POLL (open: 1–9 answer, you may change)"
	if lecturer {
		head = fmt.Sprintf("POLL (open: %d answered · :close closes it)", len(pl.answers))
	}
	if !pl.open {
		head = "POLL (closed)"
	}
	lines := []string{head}
	for _, l := range wrapText(pr.Question, w) {
		lines = append(lines, l)
	}
	counts := pl.counts()
	most := 1
	for _, c := range counts {
		most = max(most, c)
	}
	mine, answered := pl.answers[me]
	for i, ch := range pr.Choices {
		mark := "  "
		if !pl.open && i == pl.choice {
			mark = "✓ "
		}
		line := fmt.Sprintf("%s%d  %s", mark, i+1, ch.Text)
		switch {
		case lecturer || !pl.open:
			bar := max(0, min(20, w-len([]rune(line))-6))
			n := counts[i] * bar / most
			line = fmt.Sprintf("%-*s %s %d", max(len([]rune(line)), 12), line, strings.Repeat("█", n), counts[i])
		}
		if !lecturer && answered && mine == i {
			line += "  ← yours"
		}
		lines = append(lines, fit(line, w))
	}
	if !pl.open {
		switch {
		case pl.err != nil:
			lines = append(lines, wrapText("the answer could not be played: "+pl.err.Error(), w)...)
		default:
			lines = append(lines, wrapText("ANSWER: "+pl.words+" (the game played it out: see the story)", w)...)
		}
	}
	return lines
}

// lecturer is the lecturer's pane: how to join, who is here, the poll,
// and the lines of the : line that run the room.
type lecturer struct {
	r    *Room
	join string // how to join, in one line
	logs *ringLog
}

func (l *lecturer) Played(*game.Game) {}
func (l *lecturer) Scroll(int)        {}

func (l *lecturer) Line(w int) string {
	return fit(fmt.Sprintf("CLASSROOM · %s · %d here", l.join, l.r.here()), w)
}

// here counts the people connected, within the table's lock.
func (r *Room) here() int {
	n := 0
	for _, p := range r.people {
		if !p.gone {
			n++
		}
	}
	return n
}

func (l *lecturer) View(w, h int) string {
	r := l.r
	lines := append([]string{"CLASSROOM"}, wrapText(l.join, w)...) // the class reads it off the projector
	lines = append(lines, fmt.Sprintf("%d connected", r.here()))
	var names []string
	for _, p := range r.people {
		n := p.name
		if p.node != (paxos.NodeID{}) {
			n += "→" + p.node.String()
		}
		if p.gone {
			n += "(left)"
		}
		names = append(names, n)
	}
	lines = append(lines, wrapText(strings.Join(names, " "), w)...)
	lines = append(lines, "")
	lines = append(lines, pollLines(r.poll, 0, w, true)...)
	if r.poll == nil {
		lines = append(lines, wrapText(`: poll Q? | "a" | "b" | answer P2 value · : poll LESSON [N] · : give A2 [NAME]`, w)...)
	}
	if logs := l.logs.last(3); len(logs) > 0 {
		lines = append(lines, "")
		for _, s := range logs {
			lines = append(lines, fit(s, w))
		}
	}
	return block(lines, w, h)
}

// RoomLine runs the lecturer's lines: poll, close, give.
func (l *lecturer) RoomLine(tx *table.Tx, line string) (bool, string, error) {
	f := strings.Fields(line)
	if len(f) == 0 {
		return false, "", nil
	}
	r := l.r
	switch f[0] {
	case "poll":
		rest := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(line), "poll"))
		st, err := pollStep(rest)
		if err != nil {
			return true, "", err
		}
		r.ask(tx, st)
		return true, "✓ asked: every board shows the question · :close closes it", nil
	case "close":
		msg, err := r.closePoll(tx)
		return true, "✓ " + msg, err
	case "give":
		if len(f) < 2 || len(f) > 3 {
			return true, "", fmt.Errorf("give A2 gives A2 back to the game; give A2 NAME gives it to a student")
		}
		id, perr := game.ParseNode(f[1])
		if perr != nil {
			return true, "", perr
		}
		name := ""
		if len(f) == 3 {
			name = f[2]
		}
		msg, err := r.give(tx, id, name)
		return true, "✓ " + msg, err
	}
	return false, "", nil
}

// pollStep is the question of `poll …`: typed (with |), or a lesson's
// predict block (a built-in lesson's name or a file, and its number).
func pollStep(rest string) (*lessons.Step, error) {
	if strings.Contains(rest, "|") {
		return lessons.ParsePoll(rest)
	}
	f := strings.Fields(rest)
	if len(f) == 0 || len(f) > 2 {
		return nil, fmt.Errorf(`poll Q? | "a" | "b" | answer P2 value, or poll LESSON [N] for its Nth question`)
	}
	l, err := lessons.Load(f[0])
	if err != nil {
		return nil, err
	}
	ps := l.Predicts()
	n := 1
	if len(f) == 2 {
		if _, err := fmt.Sscan(f[1], &n); err != nil {
			return nil, fmt.Errorf("poll %s N: N is a number", f[0])
		}
	}
	if n < 1 || n > len(ps) {
		return nil, fmt.Errorf("%s has %d questions", f[0], len(ps))
	}
	return ps[n-1], nil
}
