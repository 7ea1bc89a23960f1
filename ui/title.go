package ui

import (
	"fmt"
	"strings"

	"paxosgame/narrate"
	"paxosgame/paxos"
)

// titleView is the lines above the board's panes: the title bar, and the
// banners that say in words what a value chosen, a broken rule or a start
// with a rule off means.
type titleView struct{ *scene }

// titleBar: the game, the step, the mode, the rules off, saved or not.
// The game's name and the step's command are what matter most: the right
// side shortens first (the mode goes, the rules off are counted), then
// the title is cut, then the command loses words, then it goes; the step,
// the rules being off and the unsaved mark always show.
func (p titleView) titleBar(w int) string {
	st := p.sh.styles
	cfg := p.world().Cfg
	step := fmt.Sprintf("step %d of %d", p.g.Cursor(), p.g.Len())
	if ahead := p.g.Len() - p.g.Cursor(); ahead > 0 && p.isStudent() {
		step += " · the room replays" // the lecturer shows the past: students wait
	} else if ahead > 0 {
		step += fmt.Sprintf(" · %d ahead", ahead) // acting drops them
	}
	cmd := ""
	if c := p.g.Cursor(); c > 0 {
		cmd = p.g.Steps()[c-1].Cmd.String()
	}
	mode := "auto 2a"
	if cfg.Manual {
		mode = "manual 2a"
	}
	var off []string
	for _, r := range paxos.AllRules() {
		if !cfg.Rules.On(r) {
			off = append(off, r.String())
		}
	}
	unsaved := ""
	if p.dirty && !p.isStudent() { // the lecturer's to save
		unsaved = "● unsaved"
	}
	auto := ""
	if p.auto {
		auto = "▶ auto-play " + paceWords(p.pace)
	}
	rights := []string{
		joinNonEmpty(" · ", auto, mode, offWords(off, false), unsaved),
		joinNonEmpty(" · ", auto, mode, offWords(off, true), unsaved),
		joinNonEmpty(" · ", auto, offWords(off, true), unsaved),
	}
	// The longest right side that leaves the game's name, the title and
	// the command whole; else the shortest, if it leaves some of the
	// command; else the longest that leaves a title of a few words.
	sepW := func(r string) int { // " │ " after the title, and before r
		if r == "" {
			return 3
		}
		return 6
	}
	var left, shown, right string
	found := false
	for level := 0; !found && level < 3; level++ {
		for i := range rights {
			r := rights[i]
			if level == 1 {
				r = rights[len(rights)-1-i]
			}
			room := w - width(step) - width(r) - sepW(r)
			l, c := titleAndCommand(room, p.title, cmd)
			if level == 0 && l == gameName+p.title && c == cmd ||
				level == 1 && c != "" ||
				level == 2 && room >= min(width(gameName+p.title), 16) {
				left, shown, right, found = l, c, r, true
				break
			}
		}
	}
	if !found {
		right = rights[len(rights)-1]
		left, shown = titleAndCommand(w-width(step)-width(right)-sepW(right), p.title, cmd)
	}
	cmd = shown
	if cmd != "" {
		step += ": " + cmd
	}
	line := st.Title.Render(left) + " │ " + st.Strong.Render(step)
	if right != "" {
		gap := max(w-width(left)-width(step)-width(right)-sepW(right), 0)
		line += " │ " + strings.Repeat(" ", gap) + right
	}
	return pad(line, w)
}

// gameName starts the title bar: which program this is, on a projector.
const gameName = "PAXOS · "

// minTitle is the fewest cells of a title cut to leave the command room.
const minTitle = 12

// titleAndCommand fit the game's name, the title and the step's command
// in room cells: the title is cut first (down to minTitle cells), then
// the command loses words (down to its first two), then it goes; the
// game's name goes last, on a very narrow screen.
func titleAndCommand(room int, title, cmd string) (string, string) {
	both := func(cmdW int) int { return room - width(gameName) - cmdW - width(": ") }
	if cmd != "" {
		if t := both(width(cmd)); width(title) <= t {
			return gameName + title, cmd
		} else if t >= minTitle {
			return gameName + fit(title, t), cmd
		}
		t := min(width(title), minTitle)
		if c := fit(cmd, both(t)); strings.Contains(strings.TrimSuffix(c, cut), " ") {
			return gameName + fit(title, t), c
		}
	}
	if t := room - width(gameName); t >= minTitle || width(title) <= t {
		return gameName + fit(title, t), ""
	}
	return fit(title, max(room, 8)), ""
}

// offWords names the rules switched off, or counts them.
func offWords(off []string, short bool) string {
	switch {
	case len(off) == 0:
		return ""
	case short && len(off) > 1:
		return fmt.Sprintf("✗ %d rules off", len(off))
	}
	return "✗ off: " + strings.Join(off, ", ")
}

func joinNonEmpty(sep string, parts ...string) string {
	var out []string
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, sep)
}

// banners: CHOSEN the moment a quorum voted in one ballot, VIOLATION when
// a safety property failed, and a start set up with a rule off. Each says
// what it means in words.
func (p titleView) banners(w int) []string {
	st := p.sh.styles
	wo := p.world()
	var out []string
	if len(wo.Obs.Chosen) > 0 {
		// Shorter forms on a narrow screen: the words that matter always
		// show; a long value wraps, never cut.
		texts := narrate.ChosenBanner(wo.Obs.Chosen[0], wo.Cfg)
		lines := []string{firstFit(w, texts...)}
		if width(texts[len(texts)-1]) > w {
			lines = wrap(texts[2], w)
		}
		for _, l := range lines {
			out = append(out, st.Chosen.Render(pad(l, w)))
		}
	}
	if v := wo.Obs.Violations; len(v) > 0 {
		for _, l := range wrap("✗ "+narrate.ViolationBanner(v[0]), w) {
			out = append(out, st.Violation.Render(pad(l, w)))
		}
	}
	if text := narrate.Start(wo); text != "" {
		// A start made with a rule off stays so: say it while it lasts.
		for _, l := range wrap("✗ "+text, w) {
			out = append(out, st.Bad.Render(l))
		}
	}
	return out
}
