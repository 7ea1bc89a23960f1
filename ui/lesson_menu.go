package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"paxosgame/lessons"
)

// lessonMenu is the course: every built-in lesson with the student's
// progress. enter starts one (or goes back to the one open); r and R
// forget progress, after asking.
type lessonMenu struct {
	sh     *shared
	w, h   int
	store  *lessons.Store
	course []*lessons.Lesson
	err    error         // the course could not be read (a bug of the build)
	open   *lessonScreen // the lesson open on the lesson screen, if any
	cursor int

	confirm int      // menuResetOne or menuResetAll while asking; 0 otherwise
	notices []string // problems with the progress file, shown while the menu is open
	status  string
	bad     bool
}

const (
	menuResetOne = iota + 1
	menuResetAll
)

func newLessonMenu(sh *shared, store *lessons.Store) *lessonMenu {
	m := &lessonMenu{sh: sh, store: store}
	m.course, m.err = lessons.Course()
	for i := len(m.course) - 1; i >= 0; i-- { // start at the first lesson not done
		if store.Get(m.course[i].Key()).Status != lessons.Done {
			m.cursor = i
		}
	}
	return m
}

// opened is called each time the menu comes on screen: it shows the
// progress file's problems, each once, and selects the open lesson.
func (m *lessonMenu) opened() {
	m.notices = append(m.notices, m.store.Notices()...)
	m.status, m.confirm = "", 0
	if m.open != nil {
		for i, l := range m.course {
			if l.Key() == m.open.sess.Lesson().Key() {
				m.cursor = i
			}
		}
	}
}

func (m *lessonMenu) SetSize(w, h int)    { m.w, m.h = w, h }
func (m *lessonMenu) Typing() bool        { return m.confirm != 0 }
func (m *lessonMenu) Cursor() *tea.Cursor { return nil }

func (m *lessonMenu) Help() bindings {
	k := m.sh.keys
	if m.confirm != 0 {
		return bindings{short: []key.Binding{k.Yes, k.No}}
	}
	return bindings{
		short:  []key.Binding{k.Up, k.Down, k.Start, k.ResetProgress, k.ResetAllProgress, k.Home, k.Help, k.Quit},
		narrow: []key.Binding{k.Start, k.ResetProgress, k.ResetAllProgress, k.Home, k.Help, k.Quit},
		full:   [][]key.Binding{{k.Up, k.Down, k.Start}, {k.ResetProgress, k.ResetAllProgress}, {k.Home, k.Help, k.Quit}},
	}
}

func (m *lessonMenu) Update(msg tea.Msg) tea.Cmd {
	km, ok := msg.(tea.KeyPressMsg)
	if !ok || len(m.course) == 0 {
		if ok && key.Matches(km, m.sh.keys.Home) {
			return msgCmd(goHomeMsg{})
		}
		return nil
	}
	k := m.sh.keys
	l := m.course[m.cursor]
	if m.confirm != 0 {
		switch {
		case key.Matches(km, k.Yes) && m.confirm == menuResetAll:
			m.store.ResetAll()
			m.say(false, "✓ your progress in every lesson is forgotten")
		case key.Matches(km, k.Yes):
			m.store.Reset(l.Key())
			m.say(false, "✓ your progress in lesson %d is forgotten", m.cursor+1)
		case key.Matches(km, k.No):
			m.say(false, "nothing changed")
		default:
			return nil
		}
		m.confirm = 0
		m.notices = append(m.notices, m.store.Notices()...)
		return nil
	}
	m.status = ""
	switch {
	case key.Matches(km, k.Up):
		m.cursor = (m.cursor + len(m.course) - 1) % len(m.course)
	case key.Matches(km, k.Down):
		m.cursor = (m.cursor + 1) % len(m.course)
	case key.Matches(km, k.Start):
		m.notices = nil
		return msgCmd(startLessonMsg{name: l.Name})
	case key.Matches(km, k.ResetProgress):
		m.confirm = menuResetOne
	case key.Matches(km, k.ResetAllProgress):
		m.confirm = menuResetAll
	case key.Matches(km, k.Home):
		m.notices = nil
		return msgCmd(goHomeMsg{})
	}
	return nil
}

func (m *lessonMenu) say(bad bool, format string, args ...any) {
	m.status, m.bad = fmt.Sprintf(format, args...), bad
}

// mark is the sign of a lesson's progress: ✓ done, ● in progress, ○ not
// started.
func mark(s lessons.Status) string {
	switch s {
	case lessons.Done:
		return "✓"
	case lessons.InProgress:
		return "●"
	}
	return "○"
}

func (m *lessonMenu) View() string {
	st := m.sh.styles
	w := m.w
	done := 0
	for _, l := range m.course {
		if m.store.Get(l.Key()).Status == lessons.Done {
			done++
		}
	}
	title := fmt.Sprintf("LESSONS — %d of %d done", done, len(m.course))
	legend := firstFit(w, "✓ done · ● started · ○ not started · par: the fewest actions that reach a challenge's goals",
		"✓ done · ● started · ○ not started · par: the fewest actions for a challenge",
		"✓ done · ● started · ○ not started · par: fewest actions")
	top := []string{st.Title.Render(fit(title, w)), st.Dim.Render(legend)}
	if m.err != nil {
		top = append(top, st.Bad.Render(fit("✗ "+m.err.Error(), w)))
	}

	// The bottom: what the selected lesson holds, then a question, the
	// progress file's problems or the answer to the last key.
	var bottom []string
	if len(m.course) > 0 {
		bottom = append(bottom, st.Dim.Render(fit(m.about(m.course[m.cursor]), w)))
	}
	var msgs []string
	style := st.Bad
	switch {
	case m.confirm == menuResetOne:
		msgs = []string{fmt.Sprintf("Forget your progress in lesson %d (%s)? y yes · n no", m.cursor+1, m.course[m.cursor].Title)}
	case m.confirm == menuResetAll:
		msgs = []string{"Forget your progress in every lesson? y yes · n no"}
	default:
		msgs = append(msgs, m.notices...)
		if m.status != "" {
			msgs = append(msgs, m.status)
			if !m.bad && len(m.notices) == 0 {
				style = st.Good
			}
		}
	}
	if len(msgs) > 0 {
		bottom = append(bottom, "")
	}
	for _, msg := range msgs {
		for _, l := range wrapMax(msg, w, 5) {
			bottom = append(bottom, style.Render(l))
		}
	}

	// The list, scrolled so that the selected lesson shows.
	rows := max(m.h-len(top)-len(bottom), 1)
	first := 0
	if len(m.course) > rows {
		first = max(0, min(m.cursor-rows/2, len(m.course)-rows))
	}
	lines := top
	for i := first; i < len(m.course) && i < first+rows; i++ {
		lines = append(lines, m.row(i, w))
	}
	if len(lines)+len(bottom) < m.h {
		lines = append(lines, "") // the lesson's details just under the list, apart
	}
	return strings.Join(block(append(lines, bottom...), w, m.h), "\n")
}

// row is one lesson: selection, progress mark, number, title, and in words
// how far the student is (with the best score of a challenge).
func (m *lessonMenu) row(i, w int) string {
	st := m.sh.styles
	l := m.course[i]
	r := m.store.Get(l.Key())
	sel, title := "  ", fmt.Sprintf("%-32s", l.Title)
	if i == m.cursor {
		sel, title = "▸ ", st.Menu.Render(title)
	}
	markStyle := st.Dim
	if r.Status == lessons.Done {
		markStyle = st.Good
	}
	words := r.Describe(l)
	if m.open != nil && m.open.sess.Lesson().Key() == l.Key() {
		words = strings.TrimPrefix(words+", open", ", ")
	}
	return "  " + sel + markStyle.Render(mark(r.Status)) + fmt.Sprintf(" %2d  ", i+1) + title + " " + st.Dim.Render(fit(words, w-44))
}

// about says what a lesson holds, and where the student is in it if it is
// open.
func (m *lessonMenu) about(l *lessons.Lesson) string {
	goals, questions := l.Goals(), 0
	for _, s := range l.Steps {
		if s.Kind == lessons.KindPredict || s.Kind == lessons.KindDo {
			questions++
		}
	}
	text := fmt.Sprintf("%s: %d pages, %d %s, %d %s", l.Name, len(l.Steps), goals, plural(goals, "goal"), questions, plural(questions, "question"))
	if par, ok := l.Challenge(); ok {
		text += fmt.Sprintf(", scored against a par of %d actions", par)
	}
	if o := m.open; o != nil && o.sess.Lesson().Key() == l.Key() {
		text += fmt.Sprintf(" · open at page %d: enter goes back to it", o.sess.Index()+1)
	}
	return text
}
