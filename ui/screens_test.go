package ui

import (
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"
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
