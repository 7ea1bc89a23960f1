package ui

import (
	"strings"
	"testing"

	"paxosgame/lessons"
)

// The full help lists every key of its screen, at 80×24 too: a group that
// does not fit in rows of groups is stacked in columns, none cut off the
// bottom (the auto-play keys were, under the others).
func TestHelpShowsEveryKey(t *testing.T) {
	for _, sc := range []struct {
		name string
		open func(t *testing.T, m *Model)
	}{
		{"home", func(*testing.T, *Model) {}},
		{"free play", func(_ *testing.T, m *Model) { keys(m, "enter") }},
		{"lesson", func(t *testing.T, m *Model) { openLesson(m, 2); untilPage(t, m, lessons.KindGoal) }},
	} {
		for _, sz := range sizes {
			m := newTest(t, sz[0], sz[1])
			sc.open(t, m)
			groups := m.current.Help().full
			keys(m, "?")
			checkFits(t, m)
			screen := screenOf(m)
			for _, g := range groups {
				for _, b := range g {
					if h := b.Help(); !strings.Contains(screen, h.Desc) {
						t.Errorf("%s at %dx%d: the help leaves out %s (%s):\n%s", sc.name, sz[0], sz[1], h.Key, h.Desc, screen)
					}
				}
			}
		}
	}
}
