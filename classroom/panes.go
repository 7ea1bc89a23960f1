package classroom

import (
	"fmt"
	"strings"
	"time"

	"paxosgame/game"
	"paxosgame/lessons"
	"paxosgame/narrate"
	"paxosgame/paxos"
	"paxosgame/plain"
	"paxosgame/table"
	"paxosgame/ui"
)

// student is a student's pane beside the board: who they are, their
// node, the free nodes, the poll, the host key they trusted. What it
// shows it takes as the board follows the table (Follow).
type student struct {
	ui.BaseSide
	fp   string // the host key's fingerprint
	note string // what became of the node asked for on the command line

	// As of Follow.
	name        string
	node        paxos.NodeID
	deciding    bool // the node's choices hold the digits
	free        []paxos.NodeID
	poll        table.Poll
	polled      bool
	step, steps int
	replaying   bool
}

// Name is the pane in the status line's words.
func (s *student) Name() string { return paneName }

// paneName is the classroom's panes in a board's status line.
const paneName = "classroom pane"

// Follow takes the room as the student's seat sees it.
func (s *student) Follow(tx *table.Tx) {
	g := tx.Game()
	w := g.World()
	s.name = tx.Name()
	s.node, _ = tx.Plays()
	s.deciding = s.node != (paxos.NodeID{}) && w.Hand(s.node) && len(w.Decisions(s.node)) > 0
	s.free = tx.Free()
	s.poll, s.polled = tx.Poll()
	s.step, s.steps = g.Cursor(), g.Len()
	s.replaying = s.step < s.steps
}

// Tip is the advice on the bottom line of the student's board, in w
// cells (the board fits the shortest form): the room replays, or how to
// take a node and play it; "" once the student's node has a decision to
// take (the board says which).
func (s *student) Tip(w int) string {
	switch {
	case s.replaying:
		return firstFit(w, fmt.Sprintf("the room replays: the lecturer is showing step %d of %d — your decisions wait for the present", s.step, s.steps),
			fmt.Sprintf("the room replays step %d of %d: your decisions wait", s.step, s.steps))
	case s.deciding:
		return ""
	case s.node == (paxos.NodeID{}):
		return firstFit(w, "the lecturer runs the game · tab selects a free node, h takes it and you play it",
			"tab selects a free node, h takes it")
	}
	return firstFit(w, fmt.Sprintf("the lecturer runs the network · when a message reaches %s its choices show: 1–9 take one", s.node),
		fmt.Sprintf("when a message reaches %s, 1–9 decide", s.node))
}

// Line is the pane in one line.
func (s *student) Line(w int) string {
	if s.polled && s.poll.Open {
		return fit("POLL: "+s.poll.Text+" ("+s.howToAnswer()+")", w)
	}
	return fit(s.who(), w)
}

func (s *student) who() string {
	if s.node != (paxos.NodeID{}) {
		return fmt.Sprintf("CLASSROOM · %s plays %s", s.name, s.node)
	}
	return fmt.Sprintf("CLASSROOM · %s · tab selects a node, h takes it", s.name)
}

// howToAnswer says which keys answer the poll: the digits, unless a
// decision of the student's node holds them.
func (s *student) howToAnswer() string {
	if s.deciding {
		return fmt.Sprintf("%s decides first with 1–9; :answer N answers", s.node)
	}
	return fmt.Sprintf("1–%d answer, you may change", len(s.poll.Choices))
}

// View is the pane: who the student is, the node, the poll.
func (s *student) View(w, h int) string {
	lines := []string{s.who()}
	if s.replaying {
		lines = append(lines, wrapText(fmt.Sprintf("▶ the room replays: the lecturer is showing step %d of %d — your decisions wait for the present", s.step, s.steps), w)...)
	}
	if s.note != "" {
		lines = append(lines, wrapText(s.note, w)...)
	}
	if s.node == (paxos.NodeID{}) {
		var free []string
		for _, id := range s.free {
			free = append(free, id.String())
		}
		if len(free) > 0 {
			lines = append(lines, wrapText("free: "+strings.Join(free, " "), w)...)
		}
	} else {
		lines = append(lines, wrapText("its decisions are yours: 1–9 take them · the lecturer runs the network", w)...)
	}
	if s.polled {
		lines = append(lines, "")
		lines = append(lines, pollLines(s.poll, w, s.howToAnswer(), nil)...)
	}
	foot := wrapText("host key "+s.fp+" — the one ssh showed you", w)
	return block(append(lines, footer(len(lines), h, foot)...), w, h)
}

// footer is foot at the bottom of a pane of h lines whose text takes n,
// a blank line above it; nothing when there is no room.
func footer(n, h int, foot []string) []string {
	if n+1+len(foot) > h {
		return nil
	}
	out := make([]string, h-n-len(foot), h-n)
	return append(out, foot...)
}

// pollLines is the poll as a board shows it: the question, the choices
// with bars of the counts (the lecturer's, or once closed), a student's
// own answer, and once closed the truth. how says how to answer.
func pollLines(pl table.Poll, w int, how string, counts []int) []string {
	lines := []string{"POLL (closed)"}
	if pl.Open {
		lines = append([]string{"POLL (open)"}, wrapText(how, w)...)
	}
	lines = append(lines, wrapText(pl.Text, w)...)
	bars := counts != nil || !pl.Open
	most := 1
	for _, c := range pl.Counts {
		most = max(most, c)
	}
	for i, ch := range pl.Choices {
		mark := "  "
		if !pl.Open && i == pl.Choice {
			mark = "✓ "
		}
		line := fmt.Sprintf("%s%d  %s", mark, i+1, ch)
		if bars {
			bar := max(0, min(20, w-len([]rune(line))-6))
			n := pl.Counts[i] * bar / most
			line = fmt.Sprintf("%-*s %s %d", max(len([]rune(line)), 12), line, strings.Repeat("█", n), pl.Counts[i])
		}
		if counts == nil && pl.Mine == i {
			line += "  ← yours"
		}
		lines = append(lines, fit(line, w))
	}
	if !pl.Open {
		answer := "ANSWER: " + pl.Words
		if pl.Choice < 0 {
			answer += " — none of the choices"
		}
		switch {
		case pl.Err != nil:
			lines = append(lines, wrapText("the answer could not be told: "+narrate.Error(pl.Err), w)...)
		case pl.Played > 0:
			lines = append(lines, wrapText(answer+" (the game played it out: see the story)", w)...)
		default:
			lines = append(lines, wrapText(answer, w)...)
		}
		lines = append(lines, explained(pl.Explanation(pl.Choice), w)...)
		if counts == nil && pl.Mine >= 0 && pl.Mine != pl.Choice {
			if e := pl.Explanation(pl.Mine); e != "" {
				lines = append(lines, explained(fmt.Sprintf("yours, %d: %s", pl.Mine+1, e), w)...)
			}
		}
	}
	return lines
}

// explained is what a question says of a choice, as lines of w: its
// Markdown as text.
func explained(md string, w int) []string {
	var lines []string
	for _, p := range plain.Paragraphs(md) {
		lines = append(lines, wrapText(p, w)...)
	}
	return lines
}

// lecturer is the lecturer's pane: how to join, who is here, the poll
// and who answered it, the last lines of the log; and the lines of the
// : line that run the room.
type lecturer struct {
	ui.BaseSide
	s *Server

	// As of Follow.
	join     joinWords
	joinAt   time.Time // the machine's addresses, looked up again after a minute
	here     int
	people   []table.Person
	poll     table.Poll
	polled   bool
	yes, not []string
}

// Name is the pane in the status line's words.
func (l *lecturer) Name() string { return paneName }

// Follow takes the room as it is.
func (l *lecturer) Follow(tx *table.Tx) {
	if time.Since(l.joinAt) > time.Minute {
		l.join, l.joinAt = l.s.join(), time.Now()
	}
	l.here, l.people = tx.Here(), tx.Students()
	l.poll, l.polled = tx.Poll()
	l.yes, l.not = tx.Answered()
}

func (l *lecturer) Line(w int) string {
	if l.polled && l.poll.Open {
		return fit(fmt.Sprintf("POLL · %d of %d answered · :close closes it · %s", len(l.yes), len(l.yes)+len(l.not), l.poll.Text), w)
	}
	return fit(fmt.Sprintf("CLASSROOM · %d here · %s", l.here, l.join.Line()), w)
}

// View is the pane, by priority when the lines do not all fit: how to
// join and the poll stay; the names fold into a count; the log goes.
func (l *lecturer) View(w, h int) string {
	playing := 0
	for _, p := range l.people {
		if p.Node != (paxos.NodeID{}) {
			playing++
		}
	}
	lines := []string{fmt.Sprintf("CLASSROOM · %d here · %d at a node", l.here, playing)}
	for _, s := range l.join.Lines() {
		lines = append(lines, wrapText(s, w)...)
	}
	if l.polled {
		lines = append(lines, "")
		how := fmt.Sprintf("%d of %d answered · :close closes it", len(l.yes), len(l.yes)+len(l.not))
		lines = append(lines, pollLines(l.poll, w, how, l.poll.Counts)...)
		if l.poll.Open && len(l.yes) > 0 {
			lines = append(lines, names(fmt.Sprintf("answered (%d):", len(l.yes)), l.yes, w, 2)...)
		}
		if l.poll.Open && len(l.not) > 0 {
			lines = append(lines, names(fmt.Sprintf("not yet (%d):", len(l.not)), l.not, w, 3)...)
		}
	} else {
		lines = append(lines, "")
		lines = append(lines, wrapText(`: poll Q? | "a" | "b" | answer P2 value · poll LESSON [N] · give A2 [NAME] · kick NAME`, w)...)
	}
	logs := l.s.logs.last(3)
	room := h - len(lines) - 1 // a blank line above the names
	if len(logs) > 0 && room-len(logs)-1 >= 2 {
		room -= len(logs) + 1
	} else {
		logs = nil
	}
	var all []string
	for _, p := range l.people {
		n := p.Name
		if p.Node != (paxos.NodeID{}) {
			n += "→" + p.Node.String()
		}
		if p.Gone {
			n += "(left)"
		}
		all = append(all, n)
	}
	if room > 0 && len(all) > 0 {
		lines = append(lines, "")
		lines = append(lines, names("here:", all, w, room)...)
	}
	if logs != nil {
		lines = append(lines, "")
		for _, s := range logs {
			lines = append(lines, fit(s, w))
		}
	}
	return block(lines, w, h)
}

// names is a list of names after head, wrapped in at most max lines of
// w: what does not fit folds into "… and 12 more (click here, then z)".
func names(head string, all []string, w, max int) []string {
	lines := wrapText(head+" "+strings.Join(all, " "), w)
	if len(lines) <= max {
		return lines
	}
	for n := len(all) - 1; n >= 0; n-- {
		more := fmt.Sprintf("… and %d more (click here, then z)", len(all)-n)
		lines = wrapText(strings.TrimSpace(head+" "+strings.Join(all[:n], " ")+" "+more), w)
		if len(lines) <= max {
			return lines
		}
	}
	return []string{fit(fmt.Sprintf("%s %d (click here, then z)", head, len(all)), w)}
}

// RoomLine runs the lecturer's lines: poll, close, give, kick.
func (l *lecturer) RoomLine(tx *table.Tx, line string) (bool, string, error) {
	f := strings.Fields(line)
	if len(f) == 0 {
		return false, "", nil
	}
	switch f[0] {
	case "poll":
		rest := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(line), "poll"))
		q, answer, err := pollQuestion(rest, tx.May(table.Files) == nil)
		if err != nil {
			return true, "", err
		}
		if err := tx.Ask(q); err != nil {
			return true, "", err
		}
		msg := "✓ asked: every board shows the question · :close closes it"
		// An answer line that matches no choice leaves every student wrong:
		// said now, while the lecturer can still close and ask again.
		if c, words, err := q.Truth(tx.Game()); err == nil && c < 0 {
			msg += fmt.Sprintf(" · ⚠ as the game stands, %q gives %s, none of the choices: check the answer line", answer, words)
		}
		return true, msg, nil
	case "close":
		p, err := tx.ClosePoll()
		switch {
		case err != nil:
			return true, "", err
		case p.Err != nil:
			return true, "", fmt.Errorf("the poll is closed, but %w", p.Err)
		case p.Choice < 0:
			return true, "", fmt.Errorf("the poll is closed, but its answer, %s, is none of the choices: nobody could be right (check its answer line)", p.Words)
		case p.Played == 0 && tx.Game().Cursor() < tx.Game().Len():
			return true, "✓ the answer: " + p.Words + " · → plays on", nil
		}
		return true, "✓ the answer: " + p.Words, nil
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
		if err := tx.Give(id, name); err != nil {
			return true, "", err
		}
		if name == "" {
			return true, fmt.Sprintf("✓ %s is played by the game again", id), nil
		}
		return true, fmt.Sprintf("✓ %s plays %s", table.CleanName(name), id), nil
	case "kick":
		if len(f) != 2 {
			return true, "", fmt.Errorf("kick NAME ends that student's session, for the rest of the class")
		}
		seat, err := tx.Kick(f[1])
		if err != nil {
			return true, "", err
		}
		l.s.kicked(seat)
		return true, fmt.Sprintf("✓ %s's session ends: their SSH key may not join again this class", seat.Name()), nil
	}
	return false, "", nil
}

// pollQuestion is the question of `poll …`: typed (with |), or a lesson's
// predict block (a built-in lesson's name, or with files a file, and its
// number), with what the lesson says of each choice; and its answer line.
func pollQuestion(rest string, files bool) (table.Question, string, error) {
	st, err := pollStep(rest, files)
	if err != nil {
		return table.Question{}, "", err
	}
	q := table.Question{
		Text:  st.Predict.Question,
		Truth: func(g *game.Game) (int, string, error) { return lessons.Answer(g, st) },
	}
	explained := false
	for i, c := range st.Predict.Choices {
		q.Choices = append(q.Choices, c.Text)
		q.Explain = append(q.Explain, st.Explanation(i))
		explained = explained || st.Explanation(i) != ""
	}
	if !explained {
		q.Explain = nil
	}
	for _, l := range st.Cmds {
		q.Then = append(q.Then, l.Cmd)
	}
	return q, "answer " + strings.TrimPrefix(st.Predict.Query.Text, "answer "), nil
}

// pollStep is the predict block of `poll …`.
func pollStep(rest string, files bool) (*lessons.Step, error) {
	if strings.Contains(rest, "|") {
		return lessons.ParsePoll(rest)
	}
	f := strings.Fields(rest)
	if len(f) == 0 || len(f) > 2 {
		return nil, fmt.Errorf(`poll Q? | "a" | "b" | answer P2 value, or poll LESSON [N] for its Nth question`)
	}
	load := lessons.Load
	if !files {
		load = lessons.Builtin
	}
	l, err := load(f[0])
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
