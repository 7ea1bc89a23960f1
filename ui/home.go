package ui

import (
	"fmt"
	"path/filepath"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"paxosgame/internal/words"
	"paxosgame/paxos"
)

// home is the first screen: free play, lessons, load a script, settings,
// quit — and resume, once a game is running.
type home struct {
	sh       *shared
	w, h     int
	cursor   int
	game     resumable // the game in progress, if any
	settings *settings

	loading bool // the path prompt is open
	confirm bool // "start a new game and lose unsaved play?"
	input   prompt
	status  string
	bad     bool
}

// resumable is the board of the game in progress, as the home screen
// offers it.
type resumable interface {
	summary() (title string, cur, n int)
	Dirty() bool
}

type homeItem struct {
	name, note string
	act        func(h *home) tea.Cmd
}

func newHome(sh *shared, s *settings) *home {
	return &home{sh: sh, settings: s, input: newPrompt(sh)}
}

func (h *home) items() []homeItem {
	var items []homeItem
	if h.game != nil {
		title, cur, n := h.game.summary()
		items = append(items, homeItem{"Resume the game", fmt.Sprintf("%s, at step %d of %d", title, cur, n),
			func(*home) tea.Cmd { return msgCmd(resumeMsg{}) }})
	}
	items = append(items,
		homeItem{"Free play", h.freePlayNote(),
			func(h *home) tea.Cmd {
				if h.game != nil && h.game.Dirty() {
					h.confirm = true
					return nil
				}
				return msgCmd(newGameMsg{})
			}},
		homeItem{"Lessons", "guided lessons: why each rule of Paxos is there",
			func(*home) tea.Cmd { return msgCmd(openLessonsMsg{}) }},
		homeItem{"Load a script", "replay a saved game or a scenario file",
			func(h *home) tea.Cmd {
				h.loading = true
				h.input.open("open script: ", "")
				return nil
			}},
		homeItem{"Settings", firstFit(h.w-24, "cluster size, stale prepares, auto or manual 2a, the seven rules", "cluster size, stale prepares, 2a mode, the seven rules"),
			func(*home) tea.Cmd { return msgCmd(openSettingsMsg{}) }},
		homeItem{"Quit", "", func(*home) tea.Cmd { return msgCmd(quitMsg{}) }},
	)
	return items
}

func (h *home) SetSize(w, hh int) {
	h.w, h.h = w, hh
	h.input.setWidth(w)
}
func (h *home) Typing() bool { return h.loading || h.confirm }

func (h *home) Cursor() *tea.Cursor {
	if !h.loading {
		return nil
	}
	c := h.input.Cursor()
	if c != nil {
		c.Position.Y = h.h - 1
	}
	return c
}

func (h *home) Help() bindings {
	k := h.sh.keys
	switch {
	case h.loading:
		return bindings{short: []key.Binding{k.Submit, k.Cancel}}
	case h.confirm:
		return bindings{short: []key.Binding{k.Yes, k.No}}
	}
	return bindings{
		short: []key.Binding{k.Up, k.Down, k.Choose, k.Help, k.Quit},
		full:  [][]key.Binding{{k.Up, k.Down, k.Choose}, {k.Help, k.Quit}},
	}
}

func (h *home) Update(msg tea.Msg) tea.Cmd {
	k := h.sh.keys
	if h.loading {
		res, cmd := h.input.Update(msg)
		switch res {
		case promptCancelled:
			h.loading, h.status = false, ""
			h.input.close()
		case promptSubmitted:
			return h.load(h.input.value())
		}
		return cmd
	}
	km, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	if h.confirm {
		switch {
		case key.Matches(km, k.Yes):
			h.confirm = false
			return msgCmd(newGameMsg{})
		case key.Matches(km, k.No):
			h.confirm = false
		}
		return nil
	}
	items := h.items()
	h.cursor = min(h.cursor, len(items)-1)
	h.status = ""
	switch {
	case key.Matches(km, k.Up):
		h.cursor = (h.cursor + len(items) - 1) % len(items)
	case key.Matches(km, k.Down):
		h.cursor = (h.cursor + 1) % len(items)
	case key.Matches(km, k.Choose):
		return items[h.cursor].act(h)
	case key.Matches(km, k.Back) && h.game != nil:
		return msgCmd(resumeMsg{})
	}
	return nil
}

// load replays a script into a new game; on error the prompt stays open
// with the error (file:line:col) and nothing else changes.
func (h *home) load(path string) tea.Cmd {
	if h.sh.room.Remote {
		h.status, h.bad = "✗ "+errRemoteFiles.Error(), true
		return nil
	}
	if h.game != nil && h.game.Dirty() {
		h.status, h.bad = "✗ the game has unsaved play: resume it and save it (s) or open the script from there (o)", true
		return nil
	}
	g, err := loadScript(path)
	if err != nil {
		h.status, h.bad = "✗ "+loadError(err, path, h.w), true
		return nil
	}
	h.loading, h.status = false, ""
	h.input.close()
	return msgCmd(startGameMsg{g: g, title: filepath.Base(path), path: path})
}

func (h *home) View() string {
	st := h.sh.styles
	w := h.w
	var lines []string
	lines = append(lines,
		st.Title.Render(fit("PAXOS — learn consensus by playing it", w)),
		"",
	)
	intro := "Proposers ask acceptors to promise, then to vote. A value is chosen the moment a majority " +
		"of acceptors vote for it in the same ballot — and no acceptor knows it. You are the network: " +
		"you deliver, drop and duplicate every message."
	for _, l := range wrap(intro, min(w-4, 76)) {
		lines = append(lines, "  "+l)
	}
	lines = append(lines, "")
	for i, it := range h.items() {
		mark, name := "  ", fmt.Sprintf("%-18s", it.name)
		if i == h.cursor {
			mark, name = "▸ ", st.Menu.Render(name)
		}
		note := wrapMax(it.note, w-24, 2)
		if len(note) == 0 {
			note = []string{""}
		}
		lines = append(lines, "  "+mark+name+st.Dim.Render(note[0]))
		for _, l := range note[1:] {
			lines = append(lines, strings.Repeat(" ", 22)+st.Dim.Render(l))
		}
	}
	lines = append(lines, "")
	if h.confirm {
		lines = append(lines, st.Bad.Render(fit("  The game has unsaved play. Start a new one anyway? y yes · n no", w)))
	}
	bottom := []string{""}
	switch {
	case h.loading:
		bottom = []string{st.Dim.Render(fit("the path of a script (what s saves, or a scenario) · enter open · esc cancel", w))}
		if h.status != "" {
			bottom = statusLines(h.status, w, 2)
			for i := range bottom {
				bottom[i] = st.Bad.Render(bottom[i])
			}
		}
		bottom = append(bottom, h.input.View(w))
	case h.status != "":
		style := st.Dim
		if h.bad {
			style = st.Bad
		}
		bottom = nil
		for _, l := range statusLines(h.status, w, 2) {
			bottom = append(bottom, style.Render(l))
		}
	}
	body := block(lines, w, h.h-len(bottom))
	return strings.Join(block(append(body, bottom...), w, h.h), "\n")
}

// freePlayNote says what a new game will be, from the settings: the
// cluster, the rules off, the mode and the stale-prepare policy; it may
// take two lines.
func (h *home) freePlayNote() string {
	s := h.settings
	parts := []string{words.Counted(s.proposers, "proposer") + ", " + words.Counted(s.acceptors, "acceptor") + ", " + words.Counted(s.learners, "learner")}
	for _, r := range paxos.AllRules() {
		if !s.rules.On(r) {
			parts = append(parts, nb(r.String()+" off"))
		}
	}
	if s.manual {
		parts = append(parts, nb("manual 2a"))
	}
	if s.stale != paxos.StaleRefuse {
		parts = append(parts, nb("stale prepares: "+s.stale.String()))
	}
	note := strings.Join(parts, nbsp+"· ") // a line never starts with "·"
	if len(parts) == 1 {
		note = "a new game: " + note
	}
	return note
}
