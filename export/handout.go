package export

import (
	"fmt"
	"slices"
	"strings"

	"paxosgame/game"
	"paxosgame/narrate"
	"paxosgame/paxos"
)

// A handout is what a student keeps of a run: the script's comments as
// its prose, each step with the narrator's sentences, each expect line
// as what the game checks, a diagram per scene that reads at a page's
// width, the outcome, and the script to play again.

// sceneSteps is the most steps one diagram of a handout draws: a longer
// scene has a diagram per sceneSteps steps.
const sceneSteps = 20

// item is a line of a script as a handout reads it: a paragraph of its
// comments, a setup line, a step, or an expect line; at is the number of
// steps before it (a step's own number).
type item struct {
	kind string // "prose", "setup", "step", "check"
	at   int
	text string       // prose: the paragraph; step: the comment on its line
	cmd  game.Command // setup, check
}

// readScript is the items of the script text, in order. Comment lines
// next to each other make one paragraph; a blank line or an empty
// comment ends it.
func readScript(text string) []item {
	var items []item
	var para []string
	at := 0
	flush := func() {
		if len(para) > 0 {
			items = append(items, item{kind: "prose", at: at, text: strings.Join(para, " ")})
			para = nil
		}
	}
	for line := range strings.Lines(strings.TrimPrefix(text, game.ByteOrderMark)) {
		line = strings.TrimRight(line, "\r\n")
		cmd, ok, err := game.ParseLine(line)
		if err != nil {
			continue // the game read this very script: cannot happen
		}
		if !ok {
			if c, isComment := game.CommentOf(line); isComment && c != "" {
				para = append(para, c)
			} else {
				flush()
			}
			continue
		}
		flush()
		switch {
		case cmd.Verb == game.VExpect:
			items = append(items, item{kind: "check", at: at, cmd: cmd})
		case cmd.Verb.Setup():
			items = append(items, item{kind: "setup", at: at, cmd: cmd})
		default:
			at++
			note, _ := game.CommentOf(line)
			items = append(items, item{kind: "step", at: at, text: note})
		}
	}
	flush()
	return items
}

// titleOf cuts a title from the script's first comment, when it comes
// before the first step: its first sentence, when that is short enough
// for a title. at is the comment's item, -1 when there is none; rest is
// what the comment says after the title.
func titleOf(items []item) (title, rest string, at int) {
	for i, it := range items {
		switch it.kind {
		case "step":
			return "", "", -1
		case "prose":
			title, rest = it.text, ""
			if j := strings.Index(it.text, ". "); j >= 0 {
				title, rest = it.text[:j], strings.TrimSpace(it.text[j+1:])
			}
			title = strings.TrimSuffix(title, ".")
			if len([]rune(title)) > 100 {
				return "", "", -1
			}
			return title, rest, i
		}
	}
	return "", "", -1
}

// markdownOf is a handout of part p of a run, name naming its script:
// titled by the script's first comment (else name), its comments as
// prose where the script has them, each step numbered with the
// narrator's sentences (CHOSEN ★ and VIOLATION ✗ in bold), each expect
// line as "The game checks that …" in the narrator's words, checked
// there (✓ or ✗), a Mermaid diagram for each scene (the steps between
// two comments, sceneSteps at most), the outcome, and the script. What
// came from outside is escaped as the helpers of export.go escape it.
func markdownOf(name string, p *part) string {
	src, ok := p.g.SourceScript()
	if !ok {
		src = p.g.Script() // no comments to keep
	}
	items := readScript(src)
	var b strings.Builder
	title, intro, titleAt := titleOf(items)
	switch {
	case p.title != "":
		title = p.title // the comment stays, as the introduction
		if titleAt >= 0 {
			intro = items[titleAt].text
		}
	case titleAt < 0:
		title = name
	}
	if r := p.rangeWords(); r != "" {
		title += " (" + r + ")"
	}
	fmt.Fprintf(&b, "# %s\n\n", mdText(title))
	if intro != "" {
		b.WriteString(mdText(intro) + "\n\n")
	}
	fmt.Fprintf(&b, "*The run of the script %s, %s.*\n\n", mdCode(name), stepsWords(p))

	h := newHandout(&b, p)
	h.start()
	// The steps' heading goes before the first step, and before the
	// comment just above it, which tells its scene.
	heading := slices.IndexFunc(items, func(it item) bool { return it.kind == "step" && it.at == p.from })
	for heading > 0 && heading-1 != titleAt && items[heading-1].kind == "prose" {
		heading--
	}
	for i, it := range items {
		if i == heading {
			h.flushChecks()
			b.WriteString("## Step by step\n\n")
		}
		// The part's steps, and the prose and checks between its first
		// step's predecessor and its last.
		first := p.from - 1
		if it.kind == "step" {
			first = p.from
		}
		if it.at < first || it.at > p.to {
			h.advance(it)
			continue
		}
		if i != titleAt { // the title and the intro are above
			h.write(it)
		}
	}
	h.endScene()
	h.outcome()

	b.WriteString("## The script\n\nPlay it with `paxosgame play FILE`, or replay it with `paxosgame run FILE`.\n\n")
	mdBlock(&b, "paxos", src)
	return b.String()
}

// stepsWords says how many steps the part has: "44 steps", "steps
// 12–20 of 44".
func stepsWords(p *part) string {
	n := p.g.Len()
	if r := p.rangeWords(); r != "" {
		return fmt.Sprintf("%s of %d", r, n)
	}
	if n == 1 {
		return "1 step"
	}
	return fmt.Sprintf("%d steps", n)
}

// handout writes a handout's body: it replays the run as it goes, so that
// each expect line is checked where the script has it and each scene's
// diagram starts from the world the scene starts in.
type handout struct {
	b          *strings.Builder
	p          *part
	replay     *game.Game
	scene      int         // the first step of the scene not yet drawn; 0: none
	sceneStart *game.World // the world before it
	checks     []string    // a run of expect lines, to write together
	checked    int         // expect lines checked
	failed     int         // of them, those that do not hold
}

func newHandout(b *strings.Builder, p *part) *handout {
	setup, _ := p.g.Setup()
	replay, err := game.Load("", setup)
	if err != nil {
		panic(fmt.Sprintf("handout: the setup replays: %v", err)) // it did once
	}
	return &handout{b: b, p: p, replay: replay}
}

// advance replays a step outside the part, writing nothing.
func (h *handout) advance(it item) {
	if it.kind == "step" && it.at <= h.p.to {
		h.step(it.at)
	}
}

// step replays step k.
func (h *handout) step(k int) {
	if _, err := h.replay.Exec(h.p.g.Steps()[k-1].Cmd); err != nil {
		panic(fmt.Sprintf("handout: step %d replays: %v", k, err)) // it did once
	}
}

// write writes item it of the part.
func (h *handout) write(it item) {
	b := h.b
	if it.kind != "check" {
		h.flushChecks()
	}
	switch it.kind {
	case "prose":
		h.endScene()
		b.WriteString(mdText(it.text) + "\n\n")
	case "setup":
		// The setup's sentences come with the start, below.
	case "check":
		h.check(it.cmd)
	case "step":
		if h.scene == 0 {
			h.scene, h.sceneStart = it.at, h.replay.World().Clone()
		}
		h.step(it.at)
		r := h.p.rows[it.at-h.p.from]
		fmt.Fprintf(b, "**%d · %s**", r.Step, mdCode(r.Cmd.String()))
		if it.text != "" {
			fmt.Fprintf(b, " — *%s*", mdText(it.text))
		}
		b.WriteString("\n\n")
		writeMarkedLines(b, r.Events)
		if it.at-h.scene+1 == sceneSteps {
			h.flushChecks()
			h.endScene()
		}
	}
}

// start writes what the part starts from: the setup's sentences, or the
// promises, votes and messages in flight the steps before left.
func (h *handout) start() {
	b, p := h.b, h.p
	if p.from == 1 {
		if cmds, evs := p.g.Setup(); len(cmds) > 0 {
			b.WriteString("## The start\n\n")
			writeMarkedLines(b, evs)
		}
		return
	}
	fmt.Fprintf(b, "## As step %d left it\n\n", p.from-1)
	for _, s := range p.startState() {
		fmt.Fprintf(b, "- %s: %s\n", s.node, mdText(s.text()))
	}
	if n := p.start.NumInFlight(); n > 0 {
		fmt.Fprintf(b, "- %s\n", mdText(capital(inFlightWords(n))))
	}
	b.WriteString("\n")
}

// inFlightWords says how many messages are in flight: "1 message is in
// flight".
func inFlightWords(n int) string {
	return narrate.Expect(game.Command{Verb: game.VExpect, Expect: game.ExpectInFlight, Count: n})
}

// check checks expect line c where the script has it, and keeps its
// sentence for flushChecks.
func (h *handout) check(c game.Command) {
	h.checked++
	words := narrate.Expect(c)
	if _, err := h.replay.Exec(c); err != nil {
		h.failed++
		words = "✗ " + words + ", but it does not hold: " + narrate.Error(err)
	}
	h.checks = append(h.checks, mdText(words))
}

// flushChecks writes the run of expect lines just read: "✓ The game
// checks that …", one line or a list.
func (h *handout) flushChecks() {
	switch len(h.checks) {
	case 0:
		return
	case 1:
		fmt.Fprintf(h.b, "✓ The game checks that %s.\n\n", h.checks[0])
	default:
		h.b.WriteString("✓ The game checks that:\n\n")
		for _, c := range h.checks {
			fmt.Fprintf(h.b, "- %s\n", c)
		}
		h.b.WriteString("\n")
	}
	h.checks = nil
}

// endScene writes the diagram of the scene's steps so far, from the world
// it started in.
func (h *handout) endScene() {
	h.flushChecks()
	if h.scene == 0 {
		return
	}
	to := h.replay.Cursor()
	sub := newPart(h.p.g, h.scene, to, h.sceneStart, h.replay.World(), h.p.allLanes)
	what := fmt.Sprintf("steps %d to %d", h.scene, to)
	if h.scene == to {
		what = fmt.Sprintf("step %d", to)
	}
	fmt.Fprintf(h.b, "*The diagram of %s:*\n\n", what)
	mdBlock(h.b, "mermaid", mermaidOf(sub, true))
	h.b.WriteString("\n")
	h.scene, h.sceneStart = 0, nil
}

// outcome writes what the part ends with: what is chosen, what failed,
// what each learner learned, what is still in flight, and what the
// script checked.
func (h *handout) outcome() {
	b, p := h.b, h.p
	w := p.end
	fmt.Fprintf(b, "## The outcome\n\nAfter step %d: ", p.to)
	var says []string
	for _, o := range narrate.Outcome(w) {
		switch {
		case strings.HasPrefix(o, "Chosen"):
			o = "★ " + o
		case strings.HasPrefix(o, "VIOLATION"):
			o = "✗ " + o
		}
		says = append(says, o)
	}
	if len(w.Obs.Violations) == 0 {
		says = append(says, "No safety property failed: no two values were chosen, and no learner learned a value that was not chosen.")
	}
	for i := range w.Learners {
		says = append(says, strings.Replace(narrate.Node(w, paxos.L(i+1)), ". It ", ": it ", 1))
	}
	n := w.NumInFlight()
	says = append(says, capital(inFlightWords(n))+" at the end.")
	if h.checked > 0 {
		switch {
		case h.failed == 0 && h.checked == 1:
			says = append(says, "The one expect line the script has here holds.")
		case h.failed == 0:
			says = append(says, fmt.Sprintf("The %d expect lines the script has here all hold.", h.checked))
		default:
			says = append(says, fmt.Sprintf("Of the %d expect lines the script has here, %d do not hold (✗ above).", h.checked, h.failed))
		}
	}
	for i, s := range says {
		if i > 0 {
			b.WriteString(" ")
		}
		b.WriteString(mdText(s))
	}
	b.WriteString("\n\n")
}

// writeMarkedLines writes the narration of events as a list, as
// writeLines does, with CHOSEN marked ★ and VIOLATION ✗, both in bold.
func writeMarkedLines(b *strings.Builder, evs []game.Event) {
	var sb strings.Builder
	narrate.WriteEvents(&sb, evs, "")
	kinds := narrate.Lines(evs) // a line each, in the same order
	i := 0
	for line := range strings.Lines(sb.String()) {
		text := mdText(strings.TrimSuffix(line, "\n"))
		switch kinds[i].Kind {
		case game.EvChosen:
			text = "★ **" + text + "**"
		case game.EvViolation:
			text = "✗ **" + text + "**"
		}
		b.WriteString("- " + text + "\n")
		i++
	}
	b.WriteString("\n")
}

// capital is s with its first letter in capitals.
func capital(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
