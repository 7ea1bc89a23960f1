package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"paxosgame/game"
	"paxosgame/paxos"
)

// settings is the cluster and rules of the next free play. They become
// the setup commands of the new game, as a script would write them.
type settings struct {
	sh     *shared
	w, h   int
	cursor int

	acceptors, proposers, learners int
	stale                          paxos.StalePolicy
	manual                         bool
	rules                          paxos.Rules
}

// The rows of the settings screen: five fields, then the seven rules.
const (
	rowAcceptors = iota
	rowProposers
	rowLearners
	rowStale
	rowMode
	rowFirstRule
)

func newSettings(sh *shared) *settings {
	c := paxos.DefaultConfig()
	return &settings{sh: sh, acceptors: c.Acceptors, proposers: c.Proposers, learners: c.Learners}
}

func (s *settings) rows() int { return rowFirstRule + len(paxos.AllRules()) }

func (s *settings) SetSize(w, h int)    { s.w, s.h = w, h }
func (s *settings) Typing() bool        { return false }
func (s *settings) Cursor() *tea.Cursor { return nil }

func (s *settings) Help() bindings {
	k := s.sh.keys
	return bindings{
		short:  []key.Binding{k.Up, k.Down, k.Left, k.Choose, k.Back, k.Help, k.Quit},
		narrow: []key.Binding{k.Up, k.Down, k.Left, k.Back, k.Help, k.Quit},
		full:   [][]key.Binding{{k.Up, k.Down, k.Left, k.Choose}, {k.Back, k.Help, k.Quit}},
	}
}

// Commands are the setup commands of a game with these settings; the
// default cluster needs none.
func (s *settings) Commands() []game.Command {
	var out []game.Command
	d := paxos.DefaultConfig()
	if s.proposers != d.Proposers || s.acceptors != d.Acceptors || s.learners != d.Learners {
		out = append(out, game.Command{Verb: game.VConfig, Proposers: s.proposers, Acceptors: s.acceptors, Learners: s.learners})
	}
	for _, r := range paxos.AllRules() {
		if !s.rules.On(r) {
			out = append(out, game.Command{Verb: game.VRule, Rule: r, On: false})
		}
	}
	if s.stale != paxos.StaleRefuse {
		out = append(out, game.Command{Verb: game.VPolicy, Policy: s.stale})
	}
	if s.manual {
		out = append(out, game.Command{Verb: game.VMode, Manual: true})
	}
	return out
}

// NewGame is a game set up by running the setup commands, as a script
// would; an error, and no game, when the game refuses one of them.
func (s *settings) NewGame() (*game.Game, error) {
	g := game.NewGame()
	for _, c := range s.Commands() {
		if _, err := g.Exec(c); err != nil {
			return nil, fmt.Errorf("the settings make a game that refuses %s: %w", c, err)
		}
	}
	return g, nil
}

func (s *settings) Update(msg tea.Msg) tea.Cmd {
	km, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	k := s.sh.keys
	switch {
	case key.Matches(km, k.Back):
		return func() tea.Msg { return goHomeMsg{} }
	case key.Matches(km, k.Up):
		s.cursor = (s.cursor + s.rows() - 1) % s.rows()
	case key.Matches(km, k.Down):
		s.cursor = (s.cursor + 1) % s.rows()
	case key.Matches(km, k.Left):
		s.change(-1)
	case key.Matches(km, k.Right, k.Choose):
		s.change(1)
	}
	return nil
}

// change moves the value of the current row by one step, wrapping.
func (s *settings) change(by int) {
	cycle := func(v, lo, hi int) int { return lo + ((v-lo+by)%(hi-lo+1)+(hi-lo+1))%(hi-lo+1) }
	switch s.cursor {
	case rowAcceptors:
		s.acceptors = 8 - s.acceptors // 3 or 5
	case rowProposers:
		s.proposers = cycle(s.proposers, 1, paxos.MaxProposers)
	case rowLearners:
		s.learners = cycle(s.learners, 0, paxos.MaxLearners)
	case rowStale:
		s.stale = paxos.StalePolicy(cycle(int(s.stale), 0, 2))
	case rowMode:
		s.manual = !s.manual
	default:
		r := paxos.AllRules()[s.cursor-rowFirstRule]
		s.rules.Set(r, !s.rules.On(r))
	}
}

func (s *settings) View() string {
	st := s.sh.styles
	w := s.w
	onOff := func(on bool) string {
		if on {
			return "✓ on"
		}
		return "✗ OFF: unsafe"
	}
	mode := firstFit(w-26, "auto: a proposer sends 2a the moment a majority promised", "auto: a proposer sends 2a once a majority promised")
	if s.manual {
		mode = firstFit(w-26, "manual: you send 2a with the 2 key (accept P2)", "manual: you send 2a with the 2 key")
	}
	stale := map[paxos.StalePolicy]string{
		paxos.StaleRefuse:  "refuse: the acceptor refuses (nack)",
		paxos.StaleIgnore:  "ignore: the acceptor does not reply",
		paxos.StalePromise: "promise: promises, but never votes there",
	}[s.stale]
	items := [][2]string{
		{"acceptors", fmt.Sprintf("‹%d›  3 or 5; a majority is %d", s.acceptors, s.acceptors/2+1)},
		{"proposers", fmt.Sprintf("‹%d›  1 to 9", s.proposers)},
		{"learners", fmt.Sprintf("‹%d›  0 to 5", s.learners)},
		{"stale prepare", "‹" + stale + "›"},
		{"phase 2", "‹" + mode + "›"},
	}
	for _, r := range paxos.AllRules() {
		on := s.rules.On(r)
		m := ruleMeaning[r][1]
		if on {
			m = ruleMeaning[r][0]
		}
		items = append(items, [2]string{r.String(), firstFit(w-24, onOff(on)+" · "+m, onOff(on))})
	}
	lines := []string{
		st.Title.Render(fit("PAXOS · settings for the next free play", w)),
		st.Dim.Render(firstFit(w, "↑↓ choose · ←/→ or enter change · esc back. They become the setup commands of a new game.",
			"↑↓ choose · ←/→ or enter change · esc back · they make the next game's setup", "↑↓ choose · ←/→ or enter change · esc back")),
		"",
	}
	for i, it := range items {
		if i == rowFirstRule {
			lines = append(lines, "", st.Heading.Render("RULES")+st.Dim.Render(fit("  switch one off to see Agreement fail", w-5)))
		}
		mark, name := "  ", fmt.Sprintf("%-22s", it[0])
		if i == s.cursor {
			mark, name = "▸ ", st.Menu.Render(name)
		}
		lines = append(lines, mark+name+fit(it[1], w-24))
	}
	var cmds []string
	for _, c := range s.Commands() {
		cmds = append(cmds, keepCommand(c.String(), w-2))
	}
	if len(cmds) == 0 {
		cmds = []string{"(none: the default cluster, every rule on)"}
	}
	wrapped := wrap(strings.Join(cmds, nbsp+"· "), w-2)
	if len(lines)+2+len(wrapped) > s.h { // every setting changed, at 80×24: no blank line above
		lines = append(lines, st.Heading.Render("SETUP COMMANDS"))
	} else {
		lines = append(lines, "", st.Heading.Render("SETUP COMMANDS"))
	}
	for _, l := range wrapped {
		lines = append(lines, "  "+st.Dim.Render(l))
	}
	return strings.Join(block(lines, w, s.h), "\n")
}

// ruleMeaning is what each rule means, on and off, in one line (docs/protocol.md's
// table of the rules).
var ruleMeaning = map[paxos.Rule][2]string{
	paxos.UniqueBallots:      {"a ballot belongs to one proposer (b mod n)", "any proposer may use any number"},
	paxos.PromiseReportsVote: {"promises carry the acceptor's last vote", `promises say "none"`},
	paxos.AdoptHighestVote:   {"a proposer adopts the highest vote reported", "it keeps its own preference"},
	paxos.KeepPromise:        {"an acceptor never votes below its promise", "it votes in any ballot"},
	paxos.MajorityQuorum:     {"a quorum is a majority of the acceptors", "a quorum is ⌊m/2⌋: not a majority"},
	paxos.DurableAcceptors:   {"acceptors keep promise and vote across a crash", "they restart blank"},
	paxos.SameBallotMajority: {"learners count votes within one ballot", "learners count votes across ballots"},
}
