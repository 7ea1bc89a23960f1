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
// When it is too long, the command of the step is shortened first, then
// the title and the list of rules off; the step, the rules being off and
// the unsaved mark always show.
func (p titleView) titleBar(w int) string {
	st := p.sh.styles
	cfg := p.world().Cfg
	left := "PAXOS · " + p.title // its width decides how much of the right side shows
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
	const sepW = 6 // two " │ "
	right := rights[len(rights)-1]
	for _, r := range rights {
		if width(step)+width(r)+sepW+min(width(left), 16) <= w {
			right = r
			break
		}
	}
	left, cmd = titleAndCommand(w-width(step)-width(right)-sepW, p.title, cmd)
	if cmd != "" {
		step += ": " + cmd
	}
	gap := max(w-width(left)-width(step)-width(right)-sepW, 0)
	line := st.Title.Render(left) + " │ " + st.Strong.Render(step) + " │ " + strings.Repeat(" ", gap) + right
	return pad(line, w)
}

// titleAndCommand fit the game's title and the step's command in room
// cells: the command loses words first (down to its first two), then the
// title its "PAXOS · ", then the command goes, then the title is cut.
func titleAndCommand(room int, title, cmd string) (string, string) {
	lefts := []string{"PAXOS · " + title, title}
	for _, l := range lefts {
		if width(l) > room {
			continue
		}
		if cmd == "" {
			return l, ""
		}
		cr := room - width(l) - 2
		if width(cmd) <= cr {
			return l, cmd
		}
		if c := fit(cmd, cr); strings.Contains(c, " ") {
			return l, c
		}
	}
	for _, l := range lefts {
		if width(l) <= room {
			return l, ""
		}
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
		// Shorter forms on a narrow screen: the words that matter always show.
		texts := narrate.ChosenBanner(wo.Obs.Chosen[0], wo.Cfg)
		lines := []string{firstFit(w, texts...)}
		if width(texts[len(texts)-1]) > w { // a long value: two lines
			lines = wrapMax(texts[2], w, 2)
		}
		for _, l := range lines {
			out = append(out, st.Chosen.Render(pad(l, w)))
		}
	}
	if v := wo.Obs.Violations; len(v) > 0 {
		text := "✗ " + narrate.ViolationBanner(v[0])
		for _, l := range wrapMax(text, w, 2) {
			out = append(out, st.Violation.Render(pad(l, w)))
		}
	}
	if text := narrate.Start(wo); text != "" {
		// A start made with a rule off stays so: say it while it lasts.
		out = append(out, st.Bad.Render(fit("✗ "+text, w)))
	}
	return out
}
