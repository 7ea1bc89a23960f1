package ui

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"paxosgame/game"
	"paxosgame/lessons"
	"paxosgame/narrate"
	"paxosgame/table"
)

// lessonScreen is the play screen with a lesson beside it. The lesson's
// Session owns the game and is its table's coach: the play screen draws the
// game and the table hands every move of the student to the session (see
// table.Coach), which refuses what the lesson does not allow. Every change
// to the session is made under the table's lock. Progress goes to the
// Store after every move.
type lessonScreen struct {
	sh       *shared
	t        *table.Table
	seat     *table.Seat // the student's, alone at the lesson's table
	play     *board      // the play screen: a board, with the lesson beside it
	sess     *lessons.Session
	store    *lessons.Store
	num      int    // the lesson's number in the course; 0 for a file
	nextName string // the course's next lesson, "" after the last

	page    int              // the page the pane shows; when it changes the pane starts afresh
	beats   []lessons.Played // what next played on this page, newest last
	notice  string           // the session's remark on entering this page
	choice  int              // the highlighted choice of a question
	reached bool             // the goal of this page is reached and was said so
	solved  bool             // the solution was played on this page
	dead    bool             // the goal is at a dead end, and that was said

	started bool // the student did something: progress is kept from then on

	top   int    // the first line of the pane's text shown
	focus string // the part of the pane to bring into view (see textDoc.mark); "" to stay
	more  bool   // the pane, as View will draw it, has text below (see lessonPane.Place)
	rows  int    // lines of text the pane shows

	watch    string    // the lesson file to reload when it changes; "" when not watching
	modTime  time.Time // of the watched file, as last read
	size     int64
	watchErr string // the mistakes of the file as it is now; the old version plays on
}

// watchMsg is the tick of --watch: look at the file again.
type watchMsg struct{ path string }

func newLessonScreen(sh *shared, l *lessons.Lesson, num int, nextName string, store *lessons.Store) (*lessonScreen, error) {
	sess, err := lessons.NewSession(l)
	if err != nil {
		return nil, err
	}
	title := "lesson: " + l.Title
	if num > 0 {
		title = fmt.Sprintf("lesson %d: %s", num, l.Title)
	}
	ls := &lessonScreen{sh: sh, sess: sess, store: store, num: num, nextName: nextName, page: -1}
	ls.t = table.New(nil, title, "", table.WithCoach(sess))
	ls.seat = ls.t.Solo(!sh.room.Remote)
	ls.play = newBoard(sh, ls.seat)
	ls.play.SetSide(lessonPane{ls: ls})
	ls.seat.Act(func(*table.Tx) { ls.watchVerdicts(sess) })
	ls.seat.Read(func(*table.Tx) { ls.sync() })
	return ls, nil
}

// watchVerdicts has every board of the lesson's table drawn again when a
// search for a dead end ends (it runs in the background, outside the
// table's lock): the verdict shows at once. Call it under the lock.
func (ls *lessonScreen) watchVerdicts(sess *lessons.Session) {
	seat := ls.seat
	sess.OnVerdict(func() { seat.Act(func(tx *table.Tx) { tx.Changed() }) })
}

// Close ends the lesson's table and its board.
func (ls *lessonScreen) Close() {
	ls.play.Close()
	ls.t.Close()
}

func (ls *lessonScreen) SetSize(w, h int) { ls.play.SetSize(w, h) }
func (ls *lessonScreen) Typing() bool     { return ls.play.Typing() }

func (ls *lessonScreen) Cursor() *tea.Cursor { return ls.play.Cursor() }

// Tip says which key goes on from here.
func (ls *lessonScreen) Tip() string {
	s := ls.sess
	st := s.Step()
	played, total := s.Beats()
	switch {
	case ls.more && !ls.reached:
		return "▼ n reads on · [ and ] scroll the lesson text"
	case s.Done():
		if ls.nextName != "" {
			return "The end of the lesson. n starts the next one · esc the lesson menu"
		}
		return "The end of the lesson. esc goes to the lesson menu"
	case st.Kind == lessons.KindGoal && ls.reached:
		return "★ goal reached: n goes on"
	case st.Kind == lessons.KindGoal:
		return "" // the play screen's own advice on what can be done
	case st.Kind == lessons.KindPredict && !ls.answered():
		return fmt.Sprintf("1-%d, or ↑↓ and enter: your answer", len(st.Predict.Choices))
	case st.Kind == lessons.KindDo && !s.Complete():
		return "" // the play screen's own advice: the board is where the student answers
	case st.Kind == lessons.KindDo:
		return "n goes on · b takes your move back · ? all keys"
	case (st.Kind == lessons.KindShow || st.Kind == lessons.KindPredict) && played < total:
		return "n plays the next step · b takes it back · ? all keys"
	}
	return "n goes on · b goes back · ? all keys"
}

// deadEnd reports whether the goal on screen can no longer be reached.
func (ls *lessonScreen) deadEnd() bool {
	_, dead := ls.sess.DeadEnd()
	return dead
}

func (ls *lessonScreen) answered() bool {
	_, ok := ls.sess.Verdict()
	return ok
}

// asking reports whether a question waits for the student's answer.
func (ls *lessonScreen) asking() bool {
	return ls.sess.Step().Kind == lessons.KindPredict && !ls.answered()
}

// Update handles a message with the table's write lock held, as the play
// screen does.
func (ls *lessonScreen) Update(msg tea.Msg) (cmd tea.Cmd) {
	ls.seat.Act(func(tx *table.Tx) {
		ls.play.follow(tx)
		if _, ok := msg.(changedMsg); ok {
			ls.sync() // another board moved the lesson on
		}
		cmd = ls.update(tx, msg)
		ls.play.follow(tx)
		ls.play.settle()
	})
	return cmd
}

func (ls *lessonScreen) update(tx *table.Tx, msg tea.Msg) tea.Cmd {
	km, ok := msg.(tea.KeyPressMsg)
	if !ok || ls.play.Typing() {
		return ls.play.handle(tx, msg) // the mouse, and keys for an open prompt or form
	}
	k := ls.sh.keys
	if !key.Matches(km, k.Help) {
		ls.play.status = ""
	}
	switch {
	case key.Matches(km, k.LessonMenu):
		return msgCmd(openLessonsMsg{})
	case key.Matches(km, k.LessonNext):
		return ls.next(tx)
	case key.Matches(km, k.LessonBack):
		ls.back(tx)
	case key.Matches(km, k.Hint):
		ls.hint(tx)
	case key.Matches(km, k.Solution):
		if ls.sess.Solution() == nil {
			ls.play.say(true, "✗ a solution comes with a goal, and this page has none")
			break
		}
		ls.ask("Play the solution from the start of this goal (not scored)? y yes · n no", ls.playSolution)
	case key.Matches(km, k.Restart):
		ls.ask("Start this lesson again from its first page? y yes · n no", ls.restart)
	case key.Matches(km, k.TextUp):
		ls.scroll(-max(ls.rows-1, 1))
		ls.play.use(paneSide)
	case key.Matches(km, k.TextDown):
		ls.scroll(max(ls.rows-1, 1))
		ls.play.use(paneSide)
	case ls.asking() && key.Matches(km, k.Answer):
		ls.answer(tx, int(km.Code-'1'))
	case ls.asking() && key.Matches(km, k.Up):
		ls.choice = max(ls.choice-1, 0)
	case ls.asking() && key.Matches(km, k.Down):
		ls.choice = min(ls.choice+1, len(ls.sess.Step().Predict.Choices)-1)
	case ls.asking() && key.Matches(km, k.Choose):
		ls.answer(tx, ls.choice)
	default:
		return ls.play.handle(tx, msg)
	}
	return nil
}

// ask opens a yes/no question on the board: y does yes.
func (ls *lessonScreen) ask(q string, yes func(tx *table.Tx)) {
	ls.play.open(&confirm{scene: ls.play.scene, host: ls.play,
		question: func(w int) []string { return []string{ls.sh.styles.Bad.Render(pad(fit(q, w), w))} },
		yes:      yes,
		no:       "nothing changed",
	})
}

// moving tells every board that the lesson moves on, through the seat:
// false, said, when the seat may not move it.
func (ls *lessonScreen) moving(tx *table.Tx) bool {
	if err := tx.Changed(); err != nil {
		ls.play.say(true, "✗ %s", err)
		return false
	}
	return true
}

func (ls *lessonScreen) scroll(by int) {
	ls.top = max(ls.top+by, 0)
	ls.focus = ""
}

// next reads on when the pane has more text, else goes on in the lesson:
// the next step of a show, the next page, or at the end the next lesson.
func (ls *lessonScreen) next(tx *table.Tx) tea.Cmd {
	ls.started = true
	// The pane as the student sees it (see lessonPane.Place): is there
	// more to read? A goal reached: nothing more to read first.
	if done, _, _ := ls.sess.Reached(); ls.more && !done {
		ls.scroll(max(ls.rows-1, 1))
		return nil
	}
	if !ls.moving(tx) {
		return nil
	}
	p, err := ls.sess.Next()
	switch {
	case errors.Is(err, lessons.ErrEnd) && ls.nextName != "":
		return msgCmd(startLessonMsg{name: ls.nextName})
	case errors.Is(err, lessons.ErrEnd) && ls.num == 0:
		ls.play.say(false, "✓ That is the end of this lesson. esc goes to the lesson menu.")
		return nil
	case errors.Is(err, lessons.ErrEnd):
		ls.play.say(false, "✓ That was the last lesson of the course. esc goes to the lesson menu.")
		return nil
	case err != nil:
		ls.play.say(true, "✗ %s", err)
		return nil
	}
	ls.sync()
	if p != nil {
		ls.beats = append(ls.beats, *p)
		ls.focus = "beat"
		if p.Err != nil {
			ls.play.say(true, "✗ a mistake of the lesson, not yours: %v", p.Err)
		}
	}
	if n := ls.sess.Notice(); n != "" {
		ls.notice = n
	}
	return nil
}

func (ls *lessonScreen) back(tx *table.Tx) {
	ls.started = true
	if !ls.moving(tx) {
		return
	}
	page := ls.sess.Index()
	if err := ls.sess.Back(); err != nil {
		ls.play.say(true, "✗ %s", err)
		return
	}
	if ls.sess.Index() == page && len(ls.beats) > 0 {
		ls.beats = ls.beats[:len(ls.beats)-1]
	}
	if ls.sess.Index() == page && ls.sess.Step().Kind == lessons.KindGoal {
		ls.notice = "" // the student's own game is back
	}
	ls.sync()
}

func (ls *lessonScreen) hint(tx *table.Tx) {
	if !ls.moving(tx) {
		return
	}
	if h, ok := ls.sess.NextHint(); !ok {
		switch {
		case h != "": // a dead end: no hint helps, stepping back does
			ls.play.say(true, "✗ %s", h)
			ls.focus = "goal"
		case ls.sess.Step().Kind != lessons.KindGoal:
			ls.play.say(true, "✗ hints come with goals, and this page has none: n goes on")
		case len(ls.sess.Hints()) == 0:
			ls.play.say(true, "✗ this goal has no hints: v shows its solution")
		default:
			ls.play.say(true, "✗ that was the last hint: v shows the solution")
		}
		return
	}
	ls.focus = "hint"
}

func (ls *lessonScreen) answer(tx *table.Tx, i int) {
	ls.started = true
	if n := len(ls.sess.Step().Predict.Choices); i < 0 || i >= n {
		ls.play.say(true, "✗ choose 1 to %d", n)
		return
	}
	ls.choice = i
	if !ls.moving(tx) {
		return
	}
	if _, err := ls.sess.Answer(i); err != nil {
		ls.play.say(true, "✗ %s", err)
		return
	}
	ls.focus = "question"
	ls.sync()
}

func (ls *lessonScreen) playSolution(tx *table.Tx) {
	ls.started = true
	if !ls.moving(tx) {
		return
	}
	_, err := ls.sess.PlaySolution()
	ls.solved = true
	ls.focus = "goal"
	ls.notice = ls.sess.Notice()
	ls.sync()
	if ls.notice != "" {
		ls.focus = "notice" // the solution played from the lesson's own game: said first
	}
	if err != nil {
		ls.play.say(true, "✗ a mistake of the lesson, not yours: %v", err)
	}
}

func (ls *lessonScreen) restart(tx *table.Tx) {
	if !ls.moving(tx) {
		return
	}
	if err := ls.sess.Restart(); err != nil {
		ls.play.say(true, "✗ %v", err)
		return
	}
	ls.page = -1
	ls.sync()
	ls.play.say(false, "✓ the lesson starts again from its first page")
}

// sync follows the session after it moved: the game it shows (a new scene
// is a new game), a new page, progress, and a goal just reached.
func (ls *lessonScreen) sync() {
	s := ls.sess
	ls.play.setGame(s.Game())
	if s.Index() != ls.page {
		ls.page = s.Index()
		ls.beats, ls.notice, ls.choice, ls.solved = nil, "", 0, false
		ls.top, ls.focus = 0, ""
		ls.reached, _, _ = s.Reached()
	}
	if ls.started {
		ls.store.Update(s)
	}
	// A dead end is said the moment it is known (the facts after a move,
	// the explorer's verdict when its search ends), with the goal in view.
	d, dead := s.DeadEnd()
	if dead && !ls.dead {
		ls.play.say(true, "✗ %s", d.Words())
		ls.focus = "goal"
	}
	ls.dead = dead
	if reached, _, helped := s.Reached(); reached && !ls.reached {
		ls.reached = true
		ls.focus = "goal"
		mark := "★"
		if helped {
			mark = "✓"
		}
		ls.play.say(false, "%s %s n goes on", mark, s.ReachedWords())
	}
	for _, n := range ls.store.Notices() {
		ls.play.say(true, "✗ %s", n)
	}
}

// View is the play screen with the lesson pane, and the open question at
// the bottom. It changes nothing.
func (ls *lessonScreen) View() string {
	f := ls.Frame()
	return f.String()
}

// Frame is the screen as View draws it, for the mouse.
func (ls *lessonScreen) Frame() frame { return ls.play.Frame() }

// Help is the lesson's keys first, then the play screen's.
func (ls *lessonScreen) Help() bindings {
	k := ls.sh.keys
	if ls.play.Typing() {
		return ls.play.Help()
	}
	full := [][]key.Binding{{k.LessonNext, k.LessonBack, k.Hint, k.Answer, k.Solution, k.Restart, k.TextUp, k.TextDown, k.LessonMenu}}
	full = append(full, ls.play.Help().full[:3]...)
	full = append(full, []key.Binding{k.Timeline, k.Command, k.Save, k.Export, k.Panes, k.Zooms, k.Help, k.Quit})
	var short, narrow []key.Binding
	switch st := ls.sess.Step(); {
	case ls.asking():
		short = []key.Binding{k.Answer, k.Choose, k.LessonBack, k.LessonMenu, k.Help, k.Quit}
	case st.Kind == lessons.KindGoal && !ls.reached && ls.deadEnd():
		// A dead end: stepping back is the way on (issue 20).
		short = []key.Binding{k.StepBack, k.Command, k.Hint, k.Solution, k.LessonMenu, k.Help, k.Quit}
		narrow = []key.Binding{k.StepBack, k.Solution, k.LessonMenu, k.Help, k.Quit}
	case st.Kind == lessons.KindGoal && !ls.reached:
		short = []key.Binding{k.Deliver, k.Command, k.Hint, k.Solution, k.LessonNext, k.LessonMenu, k.Help, k.Quit}
		narrow = []key.Binding{k.Hint, k.Solution, k.Command, k.LessonNext, k.LessonMenu, k.Help, k.Quit} // the hint above tells enter
	default:
		short = []key.Binding{k.LessonNext, k.LessonBack, k.TextScroll, k.Restart, k.LessonMenu, k.Help, k.Quit}
	}
	return bindings{short: ls.play.panesFooter(short), narrow: ls.play.panesFooter(narrow), full: full}
}

// watchTick asks for a look at the lesson file in half a second.
func watchTick(path string) tea.Cmd {
	return tea.Tick(500*time.Millisecond, func(time.Time) tea.Msg { return watchMsg{path} })
}

// startWatching notes the file as it is now and starts the ticks.
func (ls *lessonScreen) startWatching(path string) tea.Cmd {
	ls.watch = path
	if fi, err := os.Stat(path); err == nil {
		ls.modTime, ls.size = fi.ModTime(), fi.Size()
	}
	return watchTick(path)
}

// poll reloads the lesson when its file changed. A file with mistakes is
// reported in the pane and the version before it plays on.
func (ls *lessonScreen) poll(msg watchMsg) tea.Cmd {
	if msg.path != ls.watch {
		return nil // a tick for a lesson no longer on screen
	}
	fi, err := os.Stat(ls.watch)
	if err != nil || (fi.ModTime().Equal(ls.modTime) && fi.Size() == ls.size) {
		return watchTick(ls.watch) // gone for a moment (editors save so), or unchanged
	}
	ls.modTime, ls.size = fi.ModTime(), fi.Size()
	ls.seat.Act(func(tx *table.Tx) {
		ls.reload(tx)
		ls.play.follow(tx)
		ls.play.settle()
	})
	return watchTick(ls.watch)
}

func (ls *lessonScreen) reload(tx *table.Tx) {
	src, err := game.ReadScript(ls.watch)
	if err == nil {
		err = lessons.LintWithoutPar(ls.watch, string(src)) // lesson lint proves the pars
	}
	var l *lessons.Lesson
	if err == nil {
		l, err = lessons.Load(ls.watch)
	}
	var sess *lessons.Session
	if err == nil {
		sess, err = ls.sess.Reload(l)
	}
	if err != nil {
		// The pane is narrow: the file's name is enough, not its whole path.
		ls.watchErr = strings.ReplaceAll(narrate.Error(err), ls.watch, filepath.Base(ls.watch))
		ls.play.say(true, "✗ %s has mistakes: the version before plays on", filepath.Base(ls.watch))
		return
	}
	page, played, show := ls.sess.Index(), len(ls.beats), ls.sess.Step().Kind == lessons.KindShow
	ls.sess, ls.watchErr = sess, ""
	ls.watchVerdicts(sess)
	if err := tx.SetCoach(sess, "lesson: "+l.Title); err != nil {
		ls.play.say(true, "✗ %s", err)
		return
	}
	ls.play.follow(tx)
	ls.page = -1
	ls.sync()
	// On the same show page, play again the steps the student had seen.
	for ; show && sess.Index() == page && sess.Step().Kind == lessons.KindShow && played > 0; played-- {
		if n, total := sess.Beats(); n == total {
			break
		}
		p, err := sess.Next()
		if err != nil || p == nil {
			break
		}
		ls.beats = append(ls.beats, *p)
	}
	ls.play.setGame(sess.Game())
	ls.play.say(false, "✓ reloaded %s: page %d of %d", ls.watch, sess.Index()+1, sess.Len())
}
