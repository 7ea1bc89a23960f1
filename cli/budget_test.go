package cli

import (
	"testing"

	tea "charm.land/bubbletea/v2"

	"paxosgame/ui"
)

// "start to first frame: < 100 ms" (DESIGN §8). One op is what the
// program does before its first frame: build the home screen (which reads
// the embedded lessons and the progress file), start it, take the size of
// the terminal and draw. Starting the process itself adds a few
// milliseconds, measured by hand in tmux.
func BenchmarkFirstFrame(b *testing.B) {
	b.Setenv("XDG_CONFIG_HOME", b.TempDir())
	b.Setenv("HOME", b.TempDir())
	for b.Loop() {
		m := ui.New(false, false)
		m.Init()
		m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
		_ = m.View()
	}
}
