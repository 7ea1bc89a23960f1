package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"

	"paxosgame/lessons"
)

// sizes are the terminals every screen is checked on.
var sizes = [][2]int{{80, 24}, {120, 40}, {200, 50}}

// screens are the ways to reach each screen from the home screen.
var screens = []struct {
	name string
	do   func(m *Model)
}{
	{"home", func(m *Model) {}},
	{"home-help", func(m *Model) { keys(m, "?") }},
	{"settings", func(m *Model) {
		keys(m, "down", "down", "down", "enter", "down", "down", "down", "down", "down", "down", "right")
	}},
	{"settings-many", settingsMany},
	{"lessons", func(m *Model) { keys(m, "down", "enter") }},
	{"load-prompt", func(m *Model) { keys(m, "down", "down", "enter") }},
	{"play-start", func(m *Model) { keys(m, "enter") }},
	{"play-help", func(m *Model) { keys(m, "enter", "?") }},
	{"play-propose-form", func(m *Model) { keys(m, "enter", "tab", "p", "tab") }},
	{"play-phase1", func(m *Model) { keys(m, "enter", "tab", "p", "enter", "down", "enter", "space") }},
	{"play-chosen", func(m *Model) { keys(m, "enter", "p", "enter", "a") }},
	{"play-seed-duel", func(m *Model) { keys(m, "enter"); seedDuel(m) }},
	{"play-timeline", func(m *Model) { keys(m, "enter"); seedDuel(m); keys(m, "t") }},
	{"play-timeline-chosen", func(m *Model) { keys(m, "enter", "p", "enter", "a", "t") }},
	{"play-command-error", func(m *Model) { keys(m, "enter"); command(m, "propose P2 18") }},
	{"play-crashed", func(m *Model) {
		keys(m, "enter")
		command(m, "propose P2")
		command(m, "crash A3")
		command(m, "drop #1")
	}},
	{"play-violation", func(m *Model) {
		keys(m, "enter")
		for _, line := range []string{
			"rule majority-quorum off",
			"propose P1", "deliver 1a P1->A1", "deliver 1b A1->P1", "deliver 2a P1->A1",
			"propose P2", "deliver 1a P2->A2", "deliver 1b A2->P2", "deliver 2a P2->A2",
		} {
			command(m, line)
		}
	}},
	{"play-quit-question", func(m *Model) { keys(m, "enter", "p", "enter", "q") }},
	{"play-hand-proposer", func(m *Model) { keys(m, "enter"); handScene(m) }}, // P2 waited first: selected
	{"play-hand-acceptor", func(m *Model) {
		keys(m, "enter")
		handScene(m)
		keys(m, "tab", "tab", "tab", "tab") // A1
	}},
	{"play-hand-refused", func(m *Model) {
		keys(m, "enter")
		handScene(m)
		keys(m, "tab", "tab", "tab", "tab", "2") // A1 hides its vote
	}},
}

// handScene plays the course's ballot 17 with A1 and P2 played by hand:
// A1 voted 5 EUR in 10 and A2 6 EUR in 9; P2 has promises from A2 and A3,
// and A1 holds P2's prepare.
func handScene(m *Model) {
	for _, line := range []string{
		`set A1 voted 10 "5 EUR"`, `set A2 voted 9 "6 EUR"`, "hand A1", "hand P2", "propose P2 17",
		"deliver 1a P2->A2", "deliver 1b A2->P2", "deliver 1a P2->A3", "deliver 1b A3->P2", "deliver 1a P2->A1",
	} {
		command(m, line)
	}
}

// seedDuel plays the seed's game up to a duel: P2 runs 17, P5 runs 20,
// P2 comes back with 22.
func seedDuel(m *Model) {
	for _, line := range []string{
		"propose P2 17",
		"deliver 1a P2->A1", "deliver 1a P2->A2",
		"deliver 1b A1->P2", "deliver 1b A2->P2",
		"deliver 2a P2->A1",
		"propose P5 20",
		"deliver 1a P5->A2", "deliver 1a P5->A3",
		"deliver 2a P2->A2",
		"deliver nack A2->P2",
		"propose P2 22",
	} {
		command(m, line)
	}
}

func TestScreens(t *testing.T) {
	for _, sz := range sizes {
		for _, s := range screens {
			t.Run(fmt.Sprintf("%dx%d/%s", sz[0], sz[1], s.name), func(t *testing.T) {
				m := newTest(t, sz[0], sz[1])
				s.do(m)
				checkFits(t, m)
				golden.RequireEqual(t, screenOf(m))
			})
		}
	}
}

func TestSmallTerminalAsksForMore(t *testing.T) {
	for _, sz := range [][2]int{{40, 12}, {79, 24}, {80, 23}} {
		m := newTest(t, sz[0], sz[1])
		keys(m, "enter")
		if !strings.Contains(screenOf(m), "enlarge the terminal to at least 80×24") {
			t.Errorf("%dx%d: no resize message:\n%s", sz[0], sz[1], screenOf(m))
		}
		checkFits(t, m)
		if m.current != m.home {
			t.Errorf("%dx%d: keys acted on a screen too small to see", sz[0], sz[1])
		}
	}
	m := newTest(t, 40, 12)
	golden.RequireEqual(t, screenOf(m))
}

func TestResizeIsFollowed(t *testing.T) {
	m := newTestGame(t, 200, 50)
	keys(m, "p", "enter")
	for _, sz := range [][2]int{{80, 24}, {40, 12}, {120, 40}, {80, 24}} {
		send(m, sizeMsg(sz[0], sz[1]))
		checkFits(t, m)
	}
	if got := len(strings.Split(m.Content(), "\n")); got != 24 {
		t.Errorf("after resizing to 80×24 the screen has %d lines", got)
	}
}

func TestNoColorPrintsNoEscapeCodes(t *testing.T) {
	m := New(true, false)
	send(m, sizeMsg(120, 40))
	check := func(what string) {
		if c := m.Content(); strings.Contains(c, "\x1b") {
			t.Errorf("%s: an escape code with NO_COLOR: %q", what, c[strings.Index(c, "\x1b"):][:20])
		}
	}
	check("home")
	keys(m, "enter")
	check("play")
	keys(m, "p")
	check("propose form")
	keys(m, "enter", "a")
	check("chosen")
	keys(m, "t")
	check("timeline")
	keys(m, "?")
	check("help")
	keys(m, "esc", ":")
	typeText(m, "bad")
	keys(m, "enter")
	check("command error")
}

func TestASCIIMarks(t *testing.T) {
	m := New(true, true)
	send(m, sizeMsg(100, 30))
	keys(m, "enter", "p", "enter", "a")
	for _, r := range screenOf(m) {
		if r > 127 {
			t.Fatalf("ASCII mode draws %q:\n%s", r, screenOf(m))
		}
	}
}

// checkNoBrokenPhrases fails when a line of the screen ends inside a short
// phrase: a key and what it does ("n" at the end of a line, "goes on." at
// the start of the next) or a message label ("#8" and "2a P2→A3").
func checkNoBrokenPhrases(t *testing.T, m *Model) {
	t.Helper()
	for _, line := range strings.Split(screenOf(m), "\n") {
		for _, seg := range strings.Split(line, "│") {
			seg = strings.TrimSpace(seg)
			if brokenEnd.MatchString(seg) || brokenStart.MatchString(seg) {
				t.Errorf("a line breaks inside a phrase: %q\n%s", seg, screenOf(m))
			}
		}
	}
}

var (
	brokenEnd   = regexp.MustCompile(`(^|[ :])(n|v|h|b|esc)$`)
	brokenStart = regexp.MustCompile(`^(goes on\.|reads on|plays the first|[12][ab] [PAL]\d|nack [PAL]\d)`)
)

// At 80×24 what matters is never cut: the CHOSEN banner's last words, the
// unsaved mark, the keys ? help and q quit, the culprit of a load error,
// the ends of network and learner rows.
func TestNarrowScreensKeepTheirMeaning(t *testing.T) {
	footer := func(m *Model) string {
		lines := strings.Split(screenOf(m), "\n")
		return lines[len(lines)-1]
	}
	m := newTestGame(t, 80, 24)
	keys(m, "p", "enter", "a")
	s := screenOf(m)
	if !strings.Contains(s, "★ CHOSEN: 1 EUR in ballot 1, voted by A1, A2 — no acceptor knows it yet") {
		t.Errorf("the CHOSEN banner is cut:\n%s", s)
	}
	if !strings.Contains(strings.Split(s, "\n")[0], "● unsaved") {
		t.Errorf("the title has no unsaved mark:\n%s", s)
	}
	for _, k := range []string{"t timeline", "? help", "q quit", "p propose", ": command"} {
		if !strings.Contains(footer(m), k) {
			t.Errorf("the footer lacks %q: %s", k, footer(m))
		}
	}
	if strings.Contains(s, "…") {
		t.Errorf("something is cut:\n%s", s)
	}

	// A long value: the banner takes two lines rather than lose its end.
	m = newTestGame(t, 80, 24)
	command(m, `propose P1 1 "a price of five euros and twenty cents, VAT included"`)
	keys(m, "a")
	if w := wordsOf(screenOf(m)); !strings.Contains(w, "— no acceptor knows it yet") {
		t.Errorf("a long CHOSEN banner loses its end:\n%s", screenOf(m))
	}
	checkFits(t, m)

	// A long title, rules off, steps ahead: the step and the marks stay.
	dir := t.TempDir()
	path := filepath.Join(dir, "the-battle-of-proposers-for-the-tuesday-class.paxos")
	os.WriteFile(path, []byte("rule keep-promise off\nrule majority-quorum off\npropose P2 17\ndeliver all\n"), 0o644)
	m = newTest(t, 80, 24)
	keys(m, "down", "down", "enter")
	typeText(m, path)
	keys(m, "enter", "left")
	command(m, "crash A1")
	title := strings.Split(screenOf(m), "\n")[0]
	for _, want := range []string{"step 2 of 2", "● unsaved", "✗ 2 rules off"} {
		if !strings.Contains(title, want) {
			t.Errorf("the title lacks %q: %s", want, title)
		}
	}
	checkFits(t, m)

	// A load error names the culprit.
	bad := filepath.Join(dir, "bad.paxos")
	os.WriteFile(bad, []byte("propose P1\ndelivr #1\n"), 0o644)
	keys(m, "o", "ctrl+u")
	typeText(m, bad)
	keys(m, "enter")
	if s := screenOf(m); !strings.Contains(s, `found "delivr"`) {
		t.Errorf("the load error hides the culprit:\n%s", s)
	}
	checkFits(t, m)
	m = newTest(t, 80, 24)
	keys(m, "down", "down", "enter")
	typeText(m, bad)
	keys(m, "enter")
	if s := screenOf(m); !strings.Contains(s, `found "delivr"`) {
		t.Errorf("the home screen's load error hides the culprit:\n%s", s)
	}
	checkFits(t, m)

	// A refusal in flight and a learner counting: their rows end whole.
	m = newTestGame(t, 80, 24)
	seedDuel(m)
	keys(m, "left", "left") // the refusal #17 is in flight again
	command(m, "deliver 2b A1->L1")
	s = screenOf(m)
	if !regexp.MustCompile(`nack A2→P2 .*17 · promised 20`).MatchString(s) || !strings.Contains(s, "counts 1/2 for 2 EUR in 17") {
		t.Errorf("a network or learner row loses its end:\n%s", s)
	}
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, "nack") && strings.Contains(l, "…") || strings.Contains(l, "counts") && strings.Contains(l, "…") {
			t.Errorf("a row is cut: %q", l)
		}
	}

	// Every screen's footer has ? help and q quit at 80 columns.
	for _, sc := range screens {
		m := newTest(t, 80, 24)
		sc.do(m)
		if f := footer(m); m.current.Typing() || m.quitting || m.showHelp {
			continue
		} else if !strings.Contains(f, "? help") || !strings.Contains(f, "q quit") {
			t.Errorf("%s: the footer lacks ? help or q quit: %s", sc.name, f)
		}
	}
}

// A setup command breaks across lines only between its settings, never
// between a setting and its value ("learners" and a lone "2"): on the
// settings screen, where each command fits a line, a line starts with a
// command; in a lesson's "A new game:" line a value stays with its name.
func TestSetupCommandsKeepTheirValues(t *testing.T) {
	bareValue := regexp.MustCompile(`^(\d|"|EUR)`)
	bareName := regexp.MustCompile(`(^|[ :])(config|set|rule|policy|mode|proposers|acceptors|learners|voted|promised|value|[PAL]\d)$`)
	for _, sz := range [][2]int{{80, 24}, {80, 50}, {90, 40}, {100, 30}, {110, 50}, {120, 40}, {140, 50}, {200, 50}} {
		t.Run(fmt.Sprintf("%dx%d", sz[0], sz[1]), func(t *testing.T) {
			m := newTest(t, sz[0], sz[1])
			settingsMany(m)
			lines := strings.Split(screenOf(m), "\n")
			at := -1
			for i, l := range lines {
				if strings.TrimSpace(l) == "SETUP COMMANDS" {
					at = i
				}
			}
			if at < 0 {
				t.Fatalf("no setup commands:\n%s", screenOf(m))
			}
			for _, l := range lines[at+1:] {
				if l = strings.TrimSpace(l); l == "" {
					break
				}
				if !regexp.MustCompile(`^(config|rule|policy|mode) `).MatchString(l) {
					t.Errorf("a setup command is broken across lines: %q\n%s", l, screenOf(m))
				}
			}
			m = newTest(t, sz[0], sz[1])
			settingsAll(m)
			s := wordsOf(screenOf(m))
			for _, c := range m.settings.Commands() {
				if !strings.Contains(s, c.String()) {
					t.Errorf("every setting changed: %q is not on the screen\n%s", c, screenOf(m))
				}
			}
			for _, name := range lessons.Builtins() {
				m := newTest(t, sz[0], sz[1])
				send(m, startLessonMsg{name: name})
				for presses := 0; !m.lesson.sess.Done() && presses < 300; presses++ {
					if m.lesson.sess.Step().Kind == lessons.KindSetup {
						var prev string
						in := false
						for _, l := range strings.Split(screenOf(m), "\n") {
							segs := strings.Split(l, "│")
							p := strings.TrimSpace(segs[len(segs)-1])
							switch {
							case strings.HasPrefix(p, "A new game:"):
								in = true
							case !in:
							case p == "" || strings.HasPrefix(p, "▲") || strings.HasPrefix(p, "▼"):
								in = false
							case bareValue.MatchString(p) || bareName.MatchString(prev):
								t.Errorf("%s: a setup command is broken between a name and its value: %q / %q\n%s", name, prev, p, screenOf(m))
							}
							prev = p
						}
					}
					pressOn(m)
				}
			}
		})
	}
}

// settingsMany opens the settings and changes the cluster, the policy, the
// mode and two rules: five setup commands.
func settingsMany(m *Model) {
	keys(m, "down", "down", "down", "enter") // settings, at acceptors
	keys(m, "right", "down", "right", "down", "down", "right", "down", "right", "down", "right", "down", "right")
}

// settingsAll changes every setting, each to its longest value.
func settingsAll(m *Model) {
	keys(m, "down", "down", "down", "enter") // settings, at acceptors
	keys(m, "right", "down", "right", "right", "right", "right", "down", "right", "right", "right", "down", "left", "down", "right")
	for range 7 {
		keys(m, "down", "right")
	}
}
