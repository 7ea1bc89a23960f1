package ui

import (
	"flag"
	"os"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"paxosgame/game"
	"paxosgame/lessons"
)

// Helpers for model tests: no terminal, keys sent straight to Update.

// newTest is the root model at the home screen, sized w×h, with no lesson
// progress yet (kept in a directory of the test's own).
func newTest(t testing.TB, w, h int) *Model {
	t.Helper()
	t.Setenv(lessons.ConfigEnv, t.TempDir())
	m := New(false, false)
	send(m, tea.WindowSizeMsg{Width: w, Height: h})
	return m
}

// newTestGame is the root model at the play screen of a fresh default game.
func newTestGame(t testing.TB, w, h int) *Model {
	t.Helper()
	m := newTest(t, w, h)
	keys(m, "enter") // Free play
	if m.current != m.board {
		t.Fatalf("enter on the home screen did not start free play:\n%s", screenOf(m))
	}
	return m
}

// send gives a message to the model and runs the commands it returns,
// feeding their messages back, as the Bubble Tea loop would: a mouse
// message goes to Update, and to the OnMouse of the view last drawn. It
// reports whether the model asked to quit.
func send(m *Model, msg tea.Msg) (quit bool) {
	var onMouse tea.Cmd
	if mm, ok := msg.(tea.MouseMsg); ok {
		if f := m.View().OnMouse; f != nil {
			onMouse = f(mm)
		}
	}
	_, cmd := m.Update(msg)
	quit = run(m, cmd)
	return run(m, onMouse) || quit
}

func run(m *Model, cmd tea.Cmd) (quit bool) {
	if cmd == nil {
		return false
	}
	switch msg := cmd().(type) {
	case nil:
	case tea.QuitMsg:
		return true
	case tea.BatchMsg:
		for _, c := range msg {
			quit = run(m, c) || quit
		}
	default:
		return send(m, msg)
	}
	return quit
}

func sizeMsg(w, h int) tea.WindowSizeMsg { return tea.WindowSizeMsg{Width: w, Height: h} }

// keyMsg makes the key press that Bubble Tea reports for a key name such
// as "enter", "shift+tab", "ctrl+c", "pgup" or a single character.
func keyMsg(name string) tea.KeyPressMsg {
	special := map[string]rune{
		"enter": tea.KeyEnter, "esc": tea.KeyEscape, "tab": tea.KeyTab, "space": tea.KeySpace,
		"up": tea.KeyUp, "down": tea.KeyDown, "left": tea.KeyLeft, "right": tea.KeyRight,
		"pgup": tea.KeyPgUp, "pgdown": tea.KeyPgDown, "home": tea.KeyHome, "end": tea.KeyEnd,
		"backspace": tea.KeyBackspace,
	}
	var mod tea.KeyMod
	base := name
	if rest, ok := strings.CutPrefix(name, "shift+"); ok {
		mod, base = tea.ModShift, rest
	}
	if rest, ok := strings.CutPrefix(name, "ctrl+"); ok {
		mod, base = tea.ModCtrl, rest
	}
	if code, ok := special[base]; ok {
		k := tea.KeyPressMsg{Code: code, Mod: mod}
		if code == tea.KeySpace {
			k.Text = " "
		}
		return k
	}
	r := []rune(base)[0]
	if mod != 0 {
		return tea.KeyPressMsg{Code: r, Mod: mod}
	}
	return tea.KeyPressMsg{Code: r, Text: base}
}

// keys presses each key in turn; it reports whether the model quit.
func keys(m *Model, names ...string) (quit bool) {
	for _, n := range names {
		quit = send(m, keyMsg(n)) || quit
	}
	return quit
}

// typeText types each character of s.
func typeText(m *Model, s string) {
	for _, r := range s {
		if r == ' ' {
			send(m, tea.KeyPressMsg{Code: tea.KeySpace, Text: " "})
			continue
		}
		send(m, tea.KeyPressMsg{Code: r, Text: string(r)})
	}
}

// command runs a line on the `:` command line, pasted into it: one
// frame, not one a character (typeText types it).
func command(m *Model, line string) {
	keys(m, ":")
	send(m, tea.PasteMsg{Content: line})
	keys(m, "enter")
}

// screenOf is the screen as text, without escape codes.
func screenOf(m *Model) string { return ansi.Strip(m.Content()) }

// checkFits fails when a line is wider than the terminal or the screen has
// more lines than it.
func checkFits(t *testing.T, m *Model) {
	t.Helper()
	lines := strings.Split(m.Content(), "\n")
	if len(lines) > m.sh.height {
		t.Errorf("%d lines on a terminal %d high", len(lines), m.sh.height)
	}
	for i, l := range lines {
		if w := ansi.StringWidth(l); w > m.sh.width {
			t.Errorf("line %d is %d wide on a terminal %d wide: %q", i+1, w, m.sh.width, ansi.Strip(l))
		}
	}
}

// playOf is the play screen on screen: free play's, or the lesson's.
func playOf(m *Model) *board {
	if m.lesson != nil && m.current == m.lesson {
		return m.lesson.play
	}
	return m.board
}

// frameOf is the frame board b lays out now.
func frameOf(b *board) frame {
	fv := frameView{b.scene}
	return fv.draw(fv.layout())
}

// isOpen reports whether the dialog on top of board b is a T.
func isOpen[T dialog](b *board) bool {
	_, ok := b.overlay.top().(T)
	return ok
}

// topOf is the dialog on top of board b, a T; nil when it is not one.
func topOf[T dialog](b *board) T {
	d, _ := b.overlay.top().(T)
	return d
}

// lineOpen is the line dialog on top of board b whose label starts with
// label (":", "save", "open", "export"); nil when there is none.
func lineOpen(b *board, label string) *lineDialog {
	if d := topOf[*lineDialog](b); d != nil && strings.HasPrefix(d.in.label, label) {
		return d
	}
	return nil
}

// world is the game at the cursor of the play screen.
func world(m *Model) *game.World { return playOf(m).g.World() }

// TestMain keeps every test away from the user's own lesson progress,
// and has -update rewrite the screens of testdata/screens too (datadriven
// calls it -rewrite).
func TestMain(m *testing.M) {
	flag.Parse()
	if f := flag.Lookup("update"); f != nil && f.Value.String() == "true" {
		flag.Set("rewrite", "true")
	}
	dir, err := os.MkdirTemp("", "paxosgame-ui-test")
	if err != nil {
		panic(err)
	}
	os.Setenv(lessons.ConfigEnv, dir)
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}
