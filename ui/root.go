package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"

	"paxosgame/game"
	"paxosgame/lessons"
	"paxosgame/narrate"
	"paxosgame/table"
)

// screen is one full screen of the game. Its View is exactly the
// terminal's width and its height less the footer.
type screen interface {
	Update(msg tea.Msg) tea.Cmd
	View() string
	SetSize(w, h int)
	Help() bindings
	Typing() bool // a text field has the keys: q and ? are text
	Cursor() *tea.Cursor
}

// Model is the root of the screen, one terminal: it owns the shared
// context, switches between the home, settings and play screens, draws the
// footer and the full help, asks before quitting with unsaved play, and is
// the only one that makes a tea.View. Its play screen is a board of a
// table: of its own free play's, or of a table that others watch too
// (NewBoard).
type Model struct {
	sh       *shared
	help     help.Model
	home     *home
	settings *settings
	board    *board       // nil until a game starts
	own      *table.Table // the play screen's table when it is the Model's own: it closes it
	clock    table.Clock
	live     bool // Init ran: boards listen to their tables
	menu     *lessonMenu
	lesson   *lessonScreen  // nil until a lesson starts
	store    *lessons.Store // the user's lesson progress, read when first needed
	current  screen
	showHelp bool
	quitting bool       // "quit with unsaved play?" is asked
	text     *shownText // text shown in place of the screen (the script, an export over SSH); nil: none

	probeWidth bool // ask the terminal how wide it draws ● at the start (see width.go)
	probing    bool // the probe's answer is awaited

	// The footer's line for its keys, drawn once while they stay the same:
	// styling it was a tenth of a frame's cost with 200 boards.
	footerKeys, footerLine string
}

// New is the root model at the home screen.
func New(noColor, ascii bool) *Model {
	sh := newShared(noColor, ascii)
	m := &Model{sh: sh, help: help.New()}
	m.settings = newSettings(sh)
	m.home = newHome(sh, m.settings)
	m.current = m.home
	m.restyle()
	return m
}

// NewWithGame is the root model straight at the play screen.
func NewWithGame(noColor, ascii bool, g *game.Game, title, path string) *Model {
	m := New(noColor, ascii)
	m.startGame(g, title, path)
	return m
}

// NewBoard is the root model straight at the play screen of the table
// seat s sits at, which others may watch and change too: the Model does
// not close it.
func NewBoard(s *table.Seat, noColor, ascii bool) *Model {
	m := New(noColor, ascii)
	m.setBoard(newBoard(m.sh, s), nil)
	return m
}

// NewRoomBoard is the root model straight at a board of the table that
// seat s sits at, which others watch and change too, with the room's
// pane: the lecturer's board, or a student's.
func NewRoomBoard(s *table.Seat, noColor, ascii bool, o BoardOptions) *Model {
	m := New(noColor, ascii)
	m.sh.room = o
	b := newBoard(m.sh, s)
	b.side = o.Side
	b.catchUp() // the pane takes the room
	m.setBoard(b, nil)
	return m
}

// NewSolo is the root model of a private game over SSH, at the home
// screen: free play and the lessons, with progress kept in store; no file
// on the server is read or written but the store's.
func NewSolo(noColor, ascii bool, store *lessons.Store, maxLine int) *Model {
	m := New(noColor, ascii)
	m.sh.room = BoardOptions{Remote: true, MaxLine: maxLine}
	m.store = store
	return m
}

// startGame puts game g on a table of the Model's own, with a board at
// its solo seat: with files, unless over SSH.
func (m *Model) startGame(g *game.Game, title, path string) tea.Cmd {
	var opts []table.Option
	if m.clock != nil {
		opts = append(opts, table.WithClock(m.clock))
	}
	t := table.New(g, game.Printable(title), path, opts...)
	return m.setBoard(newBoard(m.sh, t.Solo(!m.sh.room.Remote)), t)
}

// setBoard makes b the play screen, in place of the one before, which is
// closed (with its table when it was the Model's). own is b's table when
// it is the Model's own, nil when others' too.
func (m *Model) setBoard(b *board, own *table.Table) tea.Cmd {
	if old := m.board; old != nil {
		old.Close()
		if m.own != nil {
			m.own.Close()
		}
	}
	m.board, m.own = b, own
	m.board.SetSize(m.sh.width, m.sh.height-1)
	m.home.game = m.board
	m.current = m.board
	if m.live {
		return b.listening()
	}
	return nil
}

// Close ends the Model's boards' subscriptions and closes its own tables
// (auto-play stops).
func (m *Model) Close() {
	if m.board != nil {
		m.board.Close()
		if m.own != nil {
			m.own.Close()
		}
	}
	if m.lesson != nil {
		m.lesson.Close()
	}
}

func (m *Model) restyle() {
	m.sh.restyle()
	m.help.Styles = m.sh.styles.Help
	m.footerKeys, m.footerLine = "", ""
}

// lessonMenu is the lesson menu, made (and the progress read) when first
// needed.
func (m *Model) lessonMenu() *lessonMenu {
	if m.menu == nil {
		if m.store == nil {
			m.store = lessons.OpenStore()
		}
		m.menu = newLessonMenu(m.sh, m.store)
		m.menu.SetSize(m.sh.width, m.sh.height-1)
	}
	return m.menu
}

// startLesson opens a lesson on the lesson screen.
func (m *Model) startLesson(l *lessons.Lesson) tea.Cmd {
	menu := m.lessonMenu()
	num, next := 0, ""
	for i, c := range menu.course {
		if l.Builtin() && c.Name == l.Name {
			num = i + 1
			if i+1 < len(menu.course) {
				next = menu.course[i+1].Name
			}
		}
	}
	ls, err := newLessonScreen(m.sh, l, num, next, m.store)
	if err != nil {
		menu.say(true, "✗ %v", err)
		m.current = menu
		return nil
	}
	ls.SetSize(m.sh.width, m.sh.height-1)
	if m.lesson != nil {
		m.lesson.Close()
	}
	m.lesson, menu.open, m.current = ls, ls, ls
	for _, n := range m.store.Notices() {
		ls.play.say(true, "✗ %s", n)
	}
	if m.live {
		return ls.play.listening()
	}
	return nil
}

func (m *Model) Init() tea.Cmd {
	m.live = true
	var cmds []tea.Cmd
	if !m.sh.noColor {
		cmds = append(cmds, tea.RequestBackgroundColor)
	}
	if m.probeWidth && !m.sh.ascii {
		m.probing = true
		cmds = append(cmds, widthProbe())
	}
	if m.board != nil {
		cmds = append(cmds, m.board.listening())
	}
	if m.lesson != nil {
		cmds = append(cmds, m.lesson.play.listening())
	}
	if m.lesson != nil && m.lesson.watch != "" {
		cmds = append(cmds, watchTick(m.lesson.watch))
	}
	return tea.Batch(cmds...)
}

func (m *Model) tooSmall() bool { return m.sh.width < minWidth || m.sh.height < minHeight }

func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.sh.width, m.sh.height = msg.Width, msg.Height
		for _, s := range m.screens() {
			s.SetSize(msg.Width, msg.Height-1)
		}
		m.help.SetWidth(msg.Width)
		return m, nil
	case tea.BackgroundColorMsg:
		m.sh.dark = msg.IsDark()
		m.restyle()
		return m, nil
	case tea.CursorPositionMsg:
		return m, m.widthReport(msg)
	case tea.ColorProfileMsg:
		m.sh.ansi16 = msg.Profile == colorprofile.ANSI
		m.restyle()
		return m, nil
	case tea.KeyPressMsg:
		return m, m.key(msg)
	case goHomeMsg:
		m.current = m.home
	case openSettingsMsg:
		m.current = m.settings
	case resumeMsg:
		if m.board != nil {
			m.current = m.board
		}
	case newGameMsg:
		g, err := m.settings.NewGame()
		if err != nil {
			m.home.status, m.home.bad = "✗ "+narrate.Error(err), true
			m.current = m.home
			return m, nil
		}
		return m, m.startGame(g, "free play", "")
	case startGameMsg:
		cmd := m.startGame(msg.g, msg.title, msg.path)
		m.board.say(false, "✓ loaded %s: %d steps; home goes to step 0", msg.path, msg.g.Len())
		return m, cmd
	case quitMsg:
		return m, m.askQuit()
	case Notice:
		switch {
		case m.board != nil && m.current == m.board:
			m.board.say(true, "%s", msg.Text)
		case m.lesson != nil && m.current == m.lesson:
			m.lesson.play.say(true, "%s", msg.Text)
		default:
			m.home.status, m.home.bad = msg.Text, true
		}
	case showTextMsg:
		m.text = &shownText{title: msg.title, pages: msg.pages}
	case openLessonsMsg:
		m.current = m.lessonMenu()
		m.menu.opened()
	case startLessonMsg:
		if m.lesson != nil && m.lesson.sess.Lesson().Name == msg.name {
			m.current = m.lesson // the lesson open: go back to it
			return m, nil
		}
		l, err := lessons.Builtin(msg.name)
		if err != nil {
			m.lessonMenu().say(true, "✗ %v", err)
			return m, nil
		}
		return m, m.startLesson(l)
	case changedMsg: // a table changed: its board follows, whatever the screen shows
		switch {
		case m.board != nil && msg.seat == m.board.seat:
			return m, m.board.Update(msg)
		case m.lesson != nil && msg.seat == m.lesson.seat:
			return m, m.lesson.Update(msg)
		}
	case labMsg: // a lab's search: to its board, whatever the screen shows
		return m, m.routeLab(msg)
	case watchMsg:
		if m.lesson != nil {
			return m, m.lesson.poll(msg)
		}
	default:
		if m.tooSmall() {
			return m, nil
		}
		return m, m.current.Update(msg)
	}
	return m, nil
}

// routeLab gives a message of a lab's search to its board: free play's or
// the lesson's, even when another screen shows or the terminal is too
// small, so that a search always ends on its board.
func (m *Model) routeLab(msg labMsg) tea.Cmd {
	switch s := msg.labSeat(); {
	case m.lesson != nil && s == m.lesson.seat:
		return m.lesson.Update(msg)
	case m.board != nil && s == m.board.seat:
		return m.board.Update(msg)
	}
	return nil // a board closed since: its search was cancelled
}

func (m *Model) screens() []screen {
	s := []screen{m.home, m.settings}
	if m.board != nil {
		s = append(s, m.board)
	}
	if m.menu != nil {
		s = append(s, m.menu)
	}
	if m.lesson != nil {
		s = append(s, m.lesson)
	}
	return s
}

func (m *Model) key(msg tea.KeyPressMsg) tea.Cmd {
	k := m.sh.keys
	if m.text != nil && !m.tooSmall() && !m.quitting {
		switch m.text.key(k, msg, m.sh.width, m.sh.height-1) {
		case textQuit:
			return m.askQuit()
		case textClosed:
			m.text = nil
		}
		return nil
	}
	// Auto-play goes on through its own keys and the keys of the panes
	// (a lecturer zooms the network while it plays); any other key stops it.
	goesOn := key.Matches(msg, k.AutoPlay, k.Faster, k.Slower, k.HideStory, k.HideNetwork, k.HideMeter, k.Zoom, k.ZoomNext)
	if p := m.board; p != nil && p.auto && !(m.current == p && goesOn) && p.seat.May(table.Auto) == nil {
		p.seat.StopAuto() // any other key, wherever it goes
		p.catchUp()
	}
	if m.quitting {
		switch {
		case key.Matches(msg, k.Yes):
			return tea.Quit
		case key.Matches(msg, k.No):
			m.quitting = false
		}
		return nil
	}
	if msg.String() == "ctrl+c" || (m.tooSmall() && key.Matches(msg, k.Quit)) {
		return m.askQuit()
	}
	if m.tooSmall() {
		return nil
	}
	if m.showHelp {
		if key.Matches(msg, k.Help, k.Back) {
			m.showHelp = false
			return nil
		}
		if !key.Matches(msg, k.Quit) {
			return nil
		}
	}
	if !m.current.Typing() {
		switch {
		case key.Matches(msg, k.Help):
			m.showHelp = true
			return nil
		case key.Matches(msg, k.Quit):
			return m.askQuit()
		}
	}
	return m.current.Update(msg)
}

// askQuit quits, or asks first (quitQuestion).
func (m *Model) askQuit() tea.Cmd {
	if m.quitQuestion() != "" {
		m.quitting = true
		m.showHelp = false
		return nil
	}
	return tea.Quit
}

// quitQuestion is what q asks before it quits, "" when it quits at once:
// the lecturer's q ends the class for the students here; unsaved play is
// lost (not over SSH: the room's play is the lecturer's to save).
func (m *Model) quitQuestion() string {
	p := m.board
	if p == nil {
		return ""
	}
	unsaved := p.Dirty() && !m.sh.room.Remote
	if n := p.room.here; p.seat.Role() == table.Lecturer && n > 0 {
		if unsaved {
			return fmt.Sprintf("End the class? %d %s will be disconnected, and your play is not saved. y end · n stay (then s saves)", n, plural(n, "student"))
		}
		return fmt.Sprintf("End the class? %d %s will be disconnected. y end · n stay", n, plural(n, "student"))
	}
	if unsaved {
		return "You have unsaved play. Quit without saving? y quit · n stay (then s saves)"
	}
	return ""
}

// framer is a screen whose targets the mouse can point at: its View is
// its Frame's text.
type framer interface{ Frame() frame }

// Content is the text of the screen, as View shows it.
func (m *Model) Content() string {
	s, _ := m.content()
	return s
}

// content is the text of the screen, and the frame of the screen drawn,
// whose targets the mouse points at (nil when there is none).
func (m *Model) content() (string, *frame) {
	w, h := m.sh.width, m.sh.height
	if m.tooSmall() {
		return m.resizeMessage(), nil
	}
	var body string
	var f *frame // none while help or a question covers the screen
	switch c, ok := m.current.(framer); {
	case m.showHelp:
		body = m.fullHelp(w, h-1)
	case m.text != nil:
		body = m.text.view(m.sh.styles, w, h-1)
	case ok && !m.quitting:
		fr := c.Frame()
		body, f = fr.String(), &fr
	default:
		body = m.current.View()
	}
	st := m.sh.styles
	if m.quitting {
		// The question takes the body's last lines, as many as it wraps
		// to: "End the class? … (then s saves)" is not cut at 100 columns.
		lines := strings.Split(body, "\n")
		q := wrap(strings.NewReplacer("y end", nb("y end"), "y quit", nb("y quit"), "n stay", nb("n stay"), "(then s saves)", nb("(then s saves)")).Replace(m.quitQuestion()), w)
		q = q[max(len(q)-len(lines), 0):]
		for i, l := range q {
			lines[len(lines)-len(q)+i] = st.Bad.Render(pad(l, w))
		}
		body = strings.Join(lines, "\n")
	}
	footer := m.footer(w)
	out := body + "\n" + pad(footer, w)
	if strings.Contains(out, nbsp) {
		out = strings.ReplaceAll(out, nbsp, " ")
	}
	if m.sh.ascii {
		out = asciiMarks.Replace(asciiCut.Replace(out))
	} else if strings.Contains(out, keptCell) {
		out = plainCuts.Replace(out)
	}
	return out, f
}

// footer is the short help in one line of w cells: the screen's keys,
// or fewer when they do not fit, and always ? and q when the screen has
// them.
func (m *Model) footer(w int) string {
	b := m.footerHelp()
	k := m.sh.keys
	fits := func(bs []key.Binding) bool {
		n := 0
		for i, kb := range bs {
			if i > 0 {
				n += width(m.help.ShortSeparator)
			}
			n += width(kb.Help().Key) + 1 + width(kb.Help().Desc)
		}
		return n <= w
	}
	bs := b.short
	switch {
	case b.wide != nil && fits(b.wide):
		bs = b.wide
	case !fits(bs) && b.narrow != nil:
		bs = b.narrow
	}
	bs = append([]key.Binding(nil), bs...)
	for !fits(bs) {
		drop := -1 // the last key that is neither ? nor q
		for i := len(bs) - 1; i >= 0 && drop < 0; i-- {
			if h := bs[i].Help(); h != k.Help.Help() && h != k.Quit.Help() {
				drop = i
			}
		}
		if drop < 0 {
			break
		}
		bs = append(bs[:drop], bs[drop+1:]...)
	}
	var keys strings.Builder
	fmt.Fprintf(&keys, "%d\x00", w)
	for _, kb := range bs {
		keys.WriteString(kb.Help().Key + "\x00" + kb.Help().Desc + "\x00")
	}
	if keys.String() != m.footerKeys {
		m.footerKeys, m.footerLine = keys.String(), m.help.ShortHelpView(bs)
	}
	return m.footerLine
}

func (m *Model) footerHelp() bindings {
	k := m.sh.keys
	switch {
	case m.quitting:
		return bindings{short: []key.Binding{k.Yes, k.No}}
	case m.showHelp:
		return bindings{short: []key.Binding{k.Help, k.Back}}
	case m.text != nil:
		return m.text.help(m.sh.keys)
	}
	return m.current.Help()
}

// View is the screen; a click or a turn of the wheel is resolved on the
// frame it draws (tea.View.OnMouse), so that View changes nothing.
func (m *Model) View() tea.View {
	s, f := m.content()
	v := tea.NewView(s)
	if f != nil {
		v.OnMouse = f.onMouse
	}
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	v.WindowTitle = "paxosgame"
	if !m.tooSmall() && !m.showHelp && !m.quitting {
		v.Cursor = m.current.Cursor()
	}
	return v
}

// resizeMessage is all the screen shows below 80×24.
func (m *Model) resizeMessage() string {
	w, h := max(m.sh.width, 1), max(m.sh.height, 1)
	text := wrap("enlarge the terminal to at least 80×24", w)
	text = append(text, wrap("(q quits)", w)...)
	top := max(0, (h-len(text))/2)
	lines := make([]string, 0, h)
	for range top {
		lines = append(lines, "")
	}
	for _, l := range text {
		if len(lines) < h {
			lines = append(lines, center(l, w))
		}
	}
	return strings.Join(lines, "\n")
}

// fullHelp is every key of the current screen, in groups laid out in as
// many columns as fit: in rows of groups, or, when those rows would run
// past the screen, in columns of groups stacked as high as the screen
// allows.
func (m *Model) fullHelp(w, h int) string {
	st := m.sh.styles
	groups := m.current.Help().full
	var rendered []helpGroup
	for _, g := range groups {
		lines := strings.Split(m.help.FullHelpView([][]key.Binding{g}), "\n")
		cw := 0
		for _, l := range lines {
			cw = max(cw, width(l))
		}
		rendered = append(rendered, helpGroup{lines, min(cw, w)})
	}
	lines := []string{st.Title.Render(fit("KEYS — ? or esc closes this help", w)), ""}
	body := helpRows(rendered, w)
	if len(body) > h-len(lines) {
		if cols := helpColumns(rendered, w, h-len(lines)); cols != nil {
			body = cols
		}
	}
	return strings.Join(block(append(lines, body...), w, h), "\n")
}

// helpGroup is one group of keys of the full help, drawn, and its width.
type helpGroup struct {
	lines []string
	w     int
}

// helpRows lays the groups out left to right in rows, as many to a row as
// fit w cells, a blank line between rows.
func helpRows(groups []helpGroup, w int) []string {
	var lines []string
	var row [][]string
	var widths []int
	used := 0
	flush := func() {
		if len(row) == 0 {
			return
		}
		hgt := 0
		for _, r := range row {
			hgt = max(hgt, len(r))
		}
		if len(lines) > 0 {
			lines = append(lines, "")
		}
		lines = append(lines, columns(hgt, "    ", widths, row...)...)
		row, widths, used = nil, nil, 0
	}
	for _, g := range groups {
		if used > 0 && used+4+g.w > w {
			flush()
		}
		row = append(row, g.lines)
		widths = append(widths, g.w)
		used += g.w + 4
	}
	flush()
	return lines
}

// helpColumns stacks the groups, in order, in columns of at most h lines
// with a blank line between groups: the lowest columns whose width fits w
// cells. nil when none fit.
func helpColumns(groups []helpGroup, w, h int) []string {
	tallest := 0
	for _, g := range groups {
		tallest = max(tallest, len(g.lines))
	}
	for hgt := tallest; hgt <= h; hgt++ {
		var cols [][]string
		var widths []int
		for _, g := range groups {
			n := len(cols)
			if n > 0 && len(cols[n-1])+1+len(g.lines) <= hgt {
				cols[n-1] = append(append(cols[n-1], ""), g.lines...)
				widths[n-1] = max(widths[n-1], g.w)
				continue
			}
			cols = append(cols, append([]string(nil), g.lines...))
			widths = append(widths, g.w)
		}
		total := 4 * (len(cols) - 1)
		for _, cw := range widths {
			total += cw
		}
		if total <= w {
			return columns(hgt, "    ", widths, cols...)
		}
	}
	return nil
}

// widthReport takes the terminal's answer to the probe: ASCII marks when
// ● took two cells. The screen is drawn afresh either way, over the ●.
func (m *Model) widthReport(msg tea.CursorPositionMsg) tea.Cmd {
	if !m.probing || msg.Y != probeRow-1 {
		return nil
	}
	m.probing = false
	if msg.X >= 2 {
		m.sh.ascii = true
	}
	return tea.ClearScreen
}
