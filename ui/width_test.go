package ui

import (
	"math/rand/v2"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// "PAXOSGAME_ASCII=1 for terminals that draw ambiguous widths wide (detect
// it if the terminal can tell)" (issue 22): the game prints ● on the
// second row and asks where the cursor went; two cells on, it draws ASCII
// marks. A report it did not ask for changes nothing.
func TestAmbiguousWidthProbe(t *testing.T) {
	for _, tc := range []struct {
		name      string
		probe     bool
		report    tea.CursorPositionMsg
		wantASCII bool
	}{
		{"wide", true, tea.CursorPositionMsg{X: 2, Y: 1}, true},
		{"narrow", true, tea.CursorPositionMsg{X: 1, Y: 1}, false},
		{"not asked", false, tea.CursorPositionMsg{X: 2, Y: 1}, false},
		{"another row", true, tea.CursorPositionMsg{X: 2, Y: 7}, false},
	} {
		m := New(false, false)
		m.probeWidth = tc.probe
		raw := ""
		for _, msg := range cmdMsgs(m.Init()) {
			if r, ok := msg.(tea.RawMsg); ok {
				raw += r.Msg.(string)
			}
		}
		if tc.probe != (raw == "\x1b7\x1b[2;1H●\x1b[6n\x1b8") {
			t.Errorf("%s: the probe written is %q", tc.name, raw)
		}
		send(m, tea.WindowSizeMsg{Width: 100, Height: 30})
		_, cmd := m.Update(tc.report)
		if m.sh.ascii != tc.wantASCII {
			t.Errorf("%s: ascii %v, want %v", tc.name, m.sh.ascii, tc.wantASCII)
		}
		if cleared := cmd != nil && cmd() == tea.ClearScreen(); cleared != (tc.probe && tc.report.Y == 1) {
			t.Errorf("%s: the screen cleared %v", tc.name, cleared)
		}
		if s := m.Content(); tc.wantASCII && strings.ContainsAny(s, "●│┃") {
			t.Errorf("%s: marks of ambiguous width are still drawn:\n%s", tc.name, s)
		}
	}
}

// cmdMsgs runs a command and the commands of a batch, and returns their
// messages (those that come at once: no ticks).
func cmdMsgs(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	switch msg := cmd().(type) {
	case tea.BatchMsg:
		var out []tea.Msg
		for _, c := range msg {
			out = append(out, cmdMsgs(c)...)
		}
		return out
	case nil:
		return nil
	default:
		return []tea.Msg{msg}
	}
}

// width counts as ansi.StringWidth does: plain ASCII, colour codes,
// other escape sequences, wide and combining characters, broken codes.
func TestWidthIsAnsis(t *testing.T) {
	parts := []string{"a", "Z", " ", "~", "\x1b[0m", "\x1b[38;2;1;2;3m", "\x1b[1;4m", "\x1b]8;;x\x07", "\x1b", "\x1b[",
		"é", "✋", "│", "日本", "e\u0301", "\t", "\x7f", "▸", "…", "\x1b[?25l"}
	r := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		var b strings.Builder
		for range r.IntN(12) {
			b.WriteString(parts[r.IntN(len(parts))])
		}
		s := b.String()
		if got, want := width(s), ansi.StringWidth(s); got != want {
			t.Fatalf("width(%q) = %d, ansi says %d", s, got, want)
		}
	}
}
