package plain

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"paxosgame/lessons"
	"paxosgame/narrate"
	"paxosgame/paxos"
	"paxosgame/table"
)

// lessonBoard is a lesson played line by line: its pages, questions,
// goals, hints and solutions, each told once. The session is the table's
// coach: the student's moves go through the table as in free play; the
// lesson's own moves (next, an answer, a hint) through seat.lesson.
type lessonBoard struct {
	c     *console
	store *lessons.Store // nil: progress is not kept
	num   int            // the lesson's number in the course; 0 for a file
	next  string         // the course's next lesson; "" after the last, or for a file

	page    int    // the page last told; -1 before the first
	met     []bool // at a goal: each line's state as last told
	did     int    // at a question answered by acting: the choice told, from 1; 0 for none
	reached bool   // the goal of this page was said reached
	dead    bool   // the goal of this page is at a dead end, and that was said
	started bool   // the student did something: progress is kept from then on
	confirm string // "solution" or "restart" while a yes-or-no question is open
}

// openLesson puts lesson l on a new table and tells its first page.
func (c *console) openLesson(l *lessons.Lesson, store *lessons.Store) error {
	sess, err := lessons.NewSession(l)
	if err != nil {
		return err
	}
	num, next := courseNumber(l)
	title := "Lesson: " + l.Title
	if num > 0 {
		title = fmt.Sprintf("Lesson %d: %s", num, l.Title)
	}
	c.seat.close()
	t := table.New(nil, title, "", table.WithCoach(sess))
	c.seat = seat{s: t.Solo(c.files), owned: t}
	c.lesson = &lessonBoard{c: c, store: store, num: num, next: next, page: -1}
	c.listed = map[paxos.NodeID]string{}
	c.p.say(fmt.Sprintf("%s. %d pages; type help for the commands.", title, sess.Len()))
	c.lesson.sync()
	return nil
}

// courseNumber is a built-in lesson's number in the course and the name of
// the lesson after it.
func courseNumber(l *lessons.Lesson) (num int, next string) {
	course, err := lessons.Course()
	if err != nil || !l.Builtin() {
		return 0, ""
	}
	for i, c := range course {
		if c.Name == l.Name {
			if i+1 < len(course) {
				next = course[i+1].Name
			}
			return i + 1, next
		}
	}
	return 0, ""
}

func (lb *lessonBoard) say(s string) { lb.c.p.say(s) }

// atGoal reports whether the page is a goal: the student acts there.
func (lb *lessonBoard) atGoal() (goal bool) {
	lb.c.seat.readLesson(func(s *lessons.Session) { goal = s.Step().Kind == lessons.KindGoal })
	return goal
}

// acts reports whether the student acts on the game now: at a goal, or at
// a question they answer by acting and have not answered.
func (lb *lessonBoard) acts() (acts bool) {
	lb.c.seat.readLesson(func(s *lessons.Session) {
		_, did := s.Did()
		acts = s.Step().Kind == lessons.KindGoal || s.Step().Kind == lessons.KindDo && !did
	})
	return acts
}

// handle acts on a word of the lesson; false when the word is not one.
func (lb *lessonBoard) handle(word, rest string) bool {
	switch {
	case (word == "next" || word == "n") && rest == "":
		lb.forward()
	case (word == "previous" || word == "prev") && rest == "":
		lb.previous()
	case word == "hint" && rest == "":
		lb.hint()
	case word == "solution" && rest == "":
		lb.askSolution()
	case word == "goal" && rest == "":
		lb.c.seat.readLesson(func(s *lessons.Session) {
			if s.Step().Kind != lessons.KindGoal {
				lb.say("This page has no goal: next goes on.")
				return
			}
			lb.tellGoal(s)
		})
	case (word == "page" || word == "again") && rest == "":
		lb.c.seat.readLesson(func(s *lessons.Session) { lb.tellPage(s, true) })
	case word == "restart" && strings.EqualFold(rest, "lesson"):
		lb.confirm = "restart"
		lb.say("Start this lesson again from its first page? Type yes or no.")
	default:
		return false
	}
	return true
}

// confirming takes the answer to the open yes-or-no question, if one is
// open; any other line than yes says no, and is then read as usual.
func (lb *lessonBoard) confirming(line string) bool {
	if lb.confirm == "" {
		return false
	}
	what := lb.confirm
	lb.confirm = ""
	switch strings.ToLower(line) {
	case "yes", "y":
		if what == "solution" {
			lb.playSolution()
		} else {
			lb.restart()
		}
		return true
	case "no", "n":
		lb.say("Nothing changed.")
		return true
	}
	lb.say("Nothing changed.")
	return false
}

// answer takes a number as the answer to the page's question; false when
// no question waits.
func (lb *lessonBoard) answer(n int) bool {
	asking := false
	lb.c.seat.readLesson(func(s *lessons.Session) {
		_, answered := s.Verdict()
		asking = s.Step().Kind == lessons.KindPredict && !answered
	})
	if !asking {
		return false
	}
	lb.started = true
	lb.c.seat.lesson(func(s *lessons.Session) {
		if k := len(s.Step().Predict.Choices); n < 1 || n > k {
			lb.say(fmt.Sprintf("Choose 1 to %d.", k))
			return
		}
		v, err := s.Answer(n - 1)
		if err != nil {
			lb.say(narrate.Error(err))
			return
		}
		lb.say(v.Words())
		lb.tellExplanations(v)
		if played, total := s.Beats(); played == 0 && total > 0 {
			lb.say("next plays it out, so you see why.")
		} else if s.Step().Predict.YouPlay {
			lb.say("next goes on to the goal, where you play it out yourself.")
		}
	})
	lb.sync()
	return true
}

// forward is next: the next step of a show, the next page, or at the end
// the next lesson of the course.
func (lb *lessonBoard) forward() {
	lb.started = true
	var p *lessons.Played
	var err error
	lb.c.seat.lesson(func(s *lessons.Session) { p, err = s.Next() })
	switch {
	case errors.Is(err, lessons.ErrEnd) && lb.next != "":
		l, lerr := lessons.Builtin(lb.next)
		if lerr == nil {
			lerr = lb.c.openLesson(l, lb.store)
		}
		if lerr != nil {
			lb.say(narrate.Error(lerr))
		}
		return
	case errors.Is(err, lessons.ErrEnd):
		lb.say("This is the end of the lesson: quit leaves.")
		return
	case err != nil:
		lb.say(sentence(narrate.Error(err)))
		return
	}
	if p != nil {
		lb.c.seat.readLesson(func(s *lessons.Session) {
			played, total := s.Beats()
			lb.tellPlayed(fmt.Sprintf("Step %d of %d", played, total), *p)
			switch {
			case played < total:
			case s.Done():
			case s.Step().Kind == lessons.KindPredict || s.Step().Kind == lessons.KindShow:
				lb.say("next goes on.")
			}
		})
	}
	lb.sync()
}

// tellPlayed tells a command the lesson played: what it is, what the
// lesson says of it, and what it did.
func (lb *lessonBoard) tellPlayed(head string, p lessons.Played) {
	lb.say(fmt.Sprintf("%s: %s.", head, p.Line.Text))
	if p.Line.Note != "" {
		lb.say(p.Line.Note)
	}
	lb.c.p.events(p.Events)
	if p.Err != nil {
		lb.say(fmt.Sprintf("A mistake of the lesson, not yours: %s", narrate.Error(p.Err)))
	}
}

// previous goes back: the last step a show played, or the page before.
func (lb *lessonBoard) previous() {
	lb.started = true
	var err error
	lb.c.seat.lesson(func(s *lessons.Session) { err = s.Back() })
	if err != nil {
		lb.say(sentence(narrate.Error(err)))
		return
	}
	if lb.samePage() && lb.did > 0 {
		lb.did = 0
		lb.say("Your move is taken back: answer again.")
	} else if lb.samePage() {
		lb.say("The last step is taken back.")
	}
	lb.sync()
}

// samePage reports whether the session is still at the page last told.
func (lb *lessonBoard) samePage() (same bool) {
	lb.c.seat.readLesson(func(s *lessons.Session) { same = s.Index() == lb.page })
	return same
}

func (lb *lessonBoard) hint() {
	lb.c.seat.lesson(func(s *lessons.Session) {
		h, ok := s.NextHint()
		switch {
		case ok:
			lb.say(fmt.Sprintf("Hint %d: %s", len(s.Hints()), strings.Join(Paragraphs(h), " ")))
		case h != "": // a dead end: no hint helps, stepping back does
			lb.say(plainKeys(h))
		case s.Step().Kind != lessons.KindGoal:
			lb.say("Hints come with goals, and this page has none: next goes on.")
		case len(s.Hints()) == 0:
			lb.say("This goal has no hints: solution plays its solution.")
		default:
			lb.say("That was the last hint: solution plays the solution.")
		}
	})
}

func (lb *lessonBoard) askSolution() {
	has := false
	lb.c.seat.readLesson(func(s *lessons.Session) { has = s.Solution() != nil })
	if !has {
		lb.say("A solution comes with a goal, and this page has none.")
		return
	}
	lb.confirm = "solution"
	lb.say("Play the solution from the start of this goal (not scored)? Type yes or no.")
}

func (lb *lessonBoard) playSolution() {
	lb.started = true
	lb.say("The game goes back to the start of the goal, and the solution plays:")
	lb.c.seat.lesson(func(s *lessons.Session) {
		played, err := s.PlaySolution()
		for i, p := range played {
			lb.tellPlayed(fmt.Sprintf("Solution, step %d of %d", i+1, len(s.Solution())), p)
		}
		if err != nil && (len(played) == 0 || played[len(played)-1].Err == nil) {
			lb.say(fmt.Sprintf("A mistake of the lesson, not yours: %s", narrate.Error(err)))
		}
	})
	lb.c.listed = map[paxos.NodeID]string{}
	lb.moved()
}

func (lb *lessonBoard) restart() {
	var err error
	lb.c.seat.lesson(func(s *lessons.Session) { err = s.Restart() })
	if err != nil {
		lb.say(narrate.Error(err))
		return
	}
	lb.say("The lesson starts again from its first page.")
	lb.page = -1
	lb.sync()
}

// moved follows a move of the student's at a goal (or the solution): the
// goal's lines that changed, and the goal reached.
func (lb *lessonBoard) moved() {
	lb.started = true
	lb.c.seat.readLesson(func(s *lessons.Session) {
		if s.Index() == lb.page && s.Step().Kind == lessons.KindDo {
			lb.tellDid(s)
		}
		if s.Index() != lb.page || s.Step().Kind != lessons.KindGoal {
			return
		}
		lines := s.Goal()
		for i, gl := range lines {
			if i < len(lb.met) && lb.met[i] == gl.Met {
				continue
			}
			if gl.Met {
				lb.say("Goal line met: " + sentence(gl.Words))
			} else {
				lb.say("Goal line no longer met: " + sentence(gl.Words) + lineNow(gl))
			}
		}
		lb.met = metOf(lines)
		if n := s.Notice(); n != "" {
			lb.say(plainKeys(n)) // deliver all did it for the student
		}
		lb.tellReached(s)
	})
	lb.tellDeadEnd()
	lb.sync()
}

// deadWait is the longest the plain game waits for the search for a dead
// end after a move (it is bounded, and ends in well under a second).
const deadWait = 10 * time.Second

// tellDeadEnd says, once, that the goal can no longer be reached: what
// the observer's facts say at once, and the explorer's verdict, waited
// for here, outside the table's lock.
func (lb *lessonBoard) tellDeadEnd() {
	var searching <-chan struct{}
	lb.c.seat.readLesson(func(s *lessons.Session) { searching = s.Searching() })
	if searching != nil {
		select {
		case <-searching:
		case <-time.After(deadWait):
		}
	}
	lb.c.seat.readLesson(func(s *lessons.Session) {
		d, dead := s.DeadEnd()
		if dead && !lb.dead && s.Index() == lb.page {
			lb.say(plainKeys(d.Words()))
		}
		lb.dead = dead
	})
}

// plainKeys says the screen's keys of a lesson's sentence as the plain
// game's commands: ← is back (undo), b is previous.
func plainKeys(s string) string {
	s = strings.ReplaceAll(s, "← steps back", "back steps back")
	s = strings.ReplaceAll(s, "← takes it back", "back takes it back")
	return strings.ReplaceAll(s, "b takes you back to yours", "previous takes you back to yours")
}

// lineNow is what holds instead of a goal line, and where it held.
func lineNow(gl lessons.GoalLine) string {
	s := ""
	if gl.Now != "" {
		s += " Now: " + sentence(gl.Now)
	}
	if p := gl.PastWords(); p != "" {
		s += " " + p + " back steps back."
	}
	return s
}

func metOf(lines []lessons.GoalLine) []bool {
	out := make([]bool, len(lines))
	for i, gl := range lines {
		out[i] = gl.Met
	}
	return out
}

// tellReached says the goal is reached, once.
func (lb *lessonBoard) tellReached(s *lessons.Session) {
	if reached, _, _ := s.Reached(); !reached || lb.reached {
		return
	}
	lb.reached = true
	lb.say(s.ReachedWords() + " next goes on.")
	if s.Done() {
		lb.tellEnd(s)
	}
}

// sync follows the session: a new page is told, progress is kept.
func (lb *lessonBoard) sync() {
	lb.c.seat.readLesson(func(s *lessons.Session) {
		if s.Index() != lb.page {
			lb.page = s.Index()
			lb.reached, _, _ = s.Reached()
			lb.met, lb.did, lb.dead = nil, 0, false
			lb.c.listed = map[paxos.NodeID]string{}
			lb.tellPage(s, false)
		}
		if lb.store != nil && lb.started {
			lb.store.Update(s)
		}
		if n := s.Notice(); n != "" && s.Step().Kind != lessons.KindGoal {
			lb.say(plainKeys(n))
		}
	})
	if lb.store != nil {
		for _, n := range lb.store.Notices() {
			lb.say(n)
		}
	}
	lb.c.listChoices()
}

// tellPage tells the page: where it is, its text, and what it asks. again:
// asked for by the student, and then a goal's text is the scene's when the
// goal has none of its own.
func (lb *lessonBoard) tellPage(s *lessons.Session, again bool) {
	st := s.Step()
	lb.say(fmt.Sprintf("Page %d of %d.", s.Index()+1, s.Len()))
	text := st.Text
	if i := s.Index(); again && text == "" && i > 0 && s.Lesson().Steps[i-1].Kind == lessons.KindSetup {
		text = s.Lesson().Steps[i-1].Text
	}
	for _, p := range Paragraphs(text) {
		lb.say(p)
	}
	played, total := s.Beats()
	switch st.Kind {
	case lessons.KindSetup:
		cmds := make([]string, len(st.Cmds))
		for i, l := range st.Cmds {
			cmds[i] = l.Text
		}
		lb.say("A new game: " + strings.Join(cmds, "; ") + ". next goes on.")
	case lessons.KindShow:
		switch {
		case played == 0:
			lb.say(fmt.Sprintf("%d %s to play: next plays the first.", total, plural(total, "step")))
		case played == total:
			lb.say(fmt.Sprintf("All %d %s played: next goes on.", total, plural(total, "step")))
		}
	case lessons.KindPredict:
		lb.tellQuestion(s)
	case lessons.KindDo:
		lb.tellDo(s)
	case lessons.KindGoal:
		lb.tellGoal(s)
		lb.met = metOf(s.Goal())
	case lessons.KindNarration:
		if !s.Done() {
			lb.say("next goes on.")
		}
	}
	if s.Done() && st.Kind != lessons.KindGoal {
		lb.tellEnd(s)
	}
}

func (lb *lessonBoard) tellQuestion(s *lessons.Session) {
	q := s.Step().Predict
	lb.say("Question: " + q.Question)
	for i, ch := range q.Choices {
		lb.say(fmt.Sprintf("%d. %s", i+1, ch.Text))
	}
	if v, ok := s.Verdict(); ok {
		lb.say(fmt.Sprintf("You answered %d. %s", v.Choice+1, v.Words()))
		lb.tellExplanations(v)
		return
	}
	lb.say(fmt.Sprintf("Type the number of your answer, 1 to %d.", len(q.Choices)))
}

// tellGoal tells the goal: each line, met or not yet (and what holds
// instead), what the student may do, and how to get help.
func (lb *lessonBoard) tellGoal(s *lessons.Session) {
	g := s.Step().Goal
	reached, _, _ := s.Reached()
	head := "Goal: make every line hold."
	if g.Challenge {
		head = fmt.Sprintf("Challenge: make every line hold in as few actions as you can; par %d, your actions so far %d.", g.Par(), s.Actions())
	}
	lb.say(head)
	for _, gl := range s.Goal() {
		if gl.Met {
			lb.say("Met: " + sentence(gl.Words))
			continue
		}
		lb.say("Not yet: " + sentence(gl.Words) + lineNow(gl))
	}
	if reached {
		lb.say(s.ReachedWords() + " next goes on.")
		return
	}
	if a := g.Allow; a.Verbs() != nil || a.OneByOne() {
		lb.say("You may use " + a.Words() + " here.")
	}
	hints := ""
	if n := s.HintsLeft(); n > 0 {
		hints = fmt.Sprintf("hint gives a hint (%d left), ", n)
	}
	lb.say("Act with commands of the game; " + hints + "solution plays the solution, look describes the game, goal reads the goal again.")
}

// tellEnd says the lesson is over, and what comes next.
func (lb *lessonBoard) tellEnd(s *lessons.Session) {
	if lb.store != nil && lb.store.Path() != "" {
		lb.say("The end of this lesson: it is marked done.")
	} else {
		lb.say("The end of this lesson.")
	}
	if count := lessons.Total(s.Tally()).Words(); count != "" {
		lb.say("Your count: " + count + ".")
	}
	if lb.next == "" {
		lb.say("quit leaves.")
		return
	}
	if l, err := lessons.Builtin(lb.next); err == nil {
		lb.say(fmt.Sprintf("next starts lesson %d: %s; quit leaves.", lb.num+1, l.Title))
	}
}

func plural(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}

// sentence is s with a capital first letter, ended with a full stop
// unless it ends a sentence already.
func sentence(s string) string {
	if s != "" && s[0] >= 'a' && s[0] <= 'z' {
		s = string(s[0]-'a'+'A') + s[1:]
	}
	if s == "" || strings.HasSuffix(s, ".") || strings.HasSuffix(s, "?") || strings.HasSuffix(s, "!") {
		return s
	}
	return s + "."
}

// tellExplanations says what the lesson says of the student's choice, and
// of the right one when theirs was not.
func (lb *lessonBoard) tellExplanations(v lessons.Verdict) {
	for _, e := range []string{v.Explain, v.AnswerExplain} {
		if e != "" {
			lb.say(sentence(e))
		}
	}
}

// tellDo tells a question the student answers by acting: the question,
// its choices with the command each one is, and how to answer; or, once
// answered, what they did.
func (lb *lessonBoard) tellDo(s *lessons.Session) {
	q := s.Step().Predict
	lb.say("Question: " + q.Question)
	var cmds []string
	for _, ch := range q.Choices {
		if ch.Text != ch.Do.Text {
			lb.say(fmt.Sprintf("- %s: %s.", ch.Do.Text, ch.Text))
		} else {
			lb.say("- " + ch.Text + ".")
		}
		cmds = append(cmds, ch.Do.Text)
	}
	if _, did := s.Did(); did {
		lb.did = 0
		lb.tellDid(s)
		return
	}
	lb.say("Answer by acting: type the command, such as " + cmds[0] + ", or the number of a choice of the node that decides.")
}

// tellDid tells, once, what the student did at a question answered by
// acting, and what the lesson says of it: the text of the page, chosen by
// what they did.
func (lb *lessonBoard) tellDid(s *lessons.Session) {
	k, did := s.Did()
	if !did || lb.did == k+1 {
		return
	}
	lb.did = k + 1
	ch := s.Step().Predict.Choices[k]
	lb.say("You answered: " + ch.Do.Text + ".")
	for _, p := range Paragraphs(ch.Explain) {
		lb.say(p)
	}
	lb.say("next goes on; previous takes your move back.")
}
