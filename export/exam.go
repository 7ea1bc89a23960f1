package export

import (
	"cmp"
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"paxosgame/explore"
	"paxosgame/game"
	"paxosgame/internal/words"
	"paxosgame/narrate"
	"paxosgame/paxos"
)

// An exam sheet (issue 23): a scenario script as a teaching assistant
// writes it, turned into a Markdown page for students — the state at one
// step as tables (the acceptors' promises and votes, the proposers'
// phases and promises, the learners, the messages in flight) and the
// scenario's questions — and, with its key, what answers each question.
//
// The scenario is a script with comments. Its first comment, before any
// command, is the title; the comments after it, before any command, say
// what the sheet is about. The questions are the comment lines after the
// step the sheet shows: lines one under the other make one question. What
// belongs to a question comes under it:
//
//	# find: expect chosen "6 EUR"        the explorer's question: can a run get there?
//	# bounds: --proposers P2,P3          the bounds of that search (check's flags)
//	# answer: Yes: P3 can still ...      the teacher's own answer, for the key
//	deliver 1b A1->P2                    the scenario plays on ...
//	expect P2 value "5 EUR"              ... and checks, for the key
//
// The sheet shows none of these: nothing that tells what comes next.

// ExamOptions are the choices of an exam sheet.
type ExamOptions struct {
	At      int    // the step whose state the sheet shows; -1: just before the first question
	Answers bool   // add the key
	Title   string // "" for the scenario's first comment, or else the file's name
	// MaxStates bounds each search of a find question that its bounds
	// line does not bound (--max-states); 0 for ExamStates.
	MaxStates int
	// Progress, when set, is called about once a second while question q
	// (from 1) is searched.
	Progress func(q int, s explore.Stats)
}

// ExamStates bounds the search of a find question by default: a few
// hundred thousand states take a few seconds and, at 2.5 to 7 KB a state
// from a mid-game start, at most 3.5 GB.
const ExamStates = 500_000

// question is one question of a scenario and what comes under it.
type question struct {
	line   int      // of its first comment line
	text   []string // its comment lines
	finds  []find
	bounds *bounds
	answer []string // the teacher's answer lines
	cmds   []game.Command
}

// find is a find line: the conditions of one search, and where it is.
type find struct {
	conds []game.Command
	line  int
	step  int // the actions of the scenario before it
}

// bounds is a bounds line: the search's bounds, and its states.
type bounds struct {
	b         explore.Bounds
	maxStates int
}

// Exam writes the exam sheet of the scenario in src (see ExamOptions). A
// script that does not load, a step out of range, or a find or bounds
// line that cannot be read is an error that names its line and column.
func Exam(file, src string, opt ExamOptions) (string, error) {
	g, err := game.Open(file, src)
	if err != nil {
		return "", err
	}
	if err := exportable(g); err != nil {
		return "", err
	}
	sc, err := readScenario(file, src, g)
	if err != nil {
		return "", err
	}
	at := opt.At
	if at < 0 {
		at = sc.firstStep()
	}
	if at > g.Len() {
		return "", fmt.Errorf("--at %d: the scenario has %s (0 is its start, once set up)", at, words.Counted(g.Len(), "step"))
	}
	title := opt.Title
	if title == "" {
		title = sc.title
	}
	if title == "" {
		title = strings.TrimSuffix(filepath.Base(file), filepath.Ext(file))
	}
	qs := sc.after(at)
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n", mdText(title))
	for _, p := range sc.intro {
		b.WriteString(mdText(p) + "\n")
	}
	if len(sc.intro) > 0 {
		b.WriteString("\n")
	}
	if err := g.Jump(at); err != nil {
		return "", err
	}
	writeState(&b, g, at)
	b.WriteString("## Questions\n\n")
	if len(qs) == 0 {
		b.WriteString("This scenario asks nothing after this step: write its questions as comment lines after the commands that set the scene.\n")
	}
	for i, q := range qs {
		fmt.Fprintf(&b, "%d. %s\n", i+1, mdText(strings.Join(q.text, " ")))
	}
	if opt.Answers {
		b.WriteString("\n")
		writeKey(&b, g, sc, at, qs, opt)
	}
	return b.String(), nil
}

// scenario is what a scenario's comments say, read beside its commands.
type scenario struct {
	title     string
	intro     []string
	questions []*question
	actionAt  []int // the line of each action, in order
}

// firstStep is the step just before the first question: the actions above
// its line.
func (sc *scenario) firstStep() int {
	if len(sc.questions) == 0 {
		return len(sc.actionAt)
	}
	return sc.actionsBefore(sc.questions[0].line)
}

// actionsBefore is how many actions come above line.
func (sc *scenario) actionsBefore(line int) int {
	n, _ := slices.BinarySearch(sc.actionAt, line)
	return n
}

// after is the questions below the line of step at.
func (sc *scenario) after(at int) []*question {
	var out []*question
	for _, q := range sc.questions {
		if sc.actionsBefore(q.line) >= at {
			out = append(out, q)
		}
	}
	return out
}

// readScenario reads the comments of src beside its commands (g holds
// them, loaded): the title, the introduction, the questions.
func readScenario(file, src string, g *game.Game) (*scenario, error) {
	cmds, err := game.Parse(file, src) // read once already: no error
	if err != nil {
		return nil, err
	}
	byLine := map[int]game.Command{}
	sc := &scenario{}
	for _, c := range cmds {
		byLine[c.Line] = c
		if c.Verb.Action() {
			sc.actionAt = append(sc.actionAt, c.Line)
		}
	}
	src = strings.TrimPrefix(src, game.ByteOrderMark)
	var q *question
	plain := false // the line above is a comment of the question's text
	begun := false // a command came: comments are questions now
	for i, line := range strings.Split(src, "\n") {
		n := i + 1
		if c, ok := byLine[n]; ok {
			begun, plain = true, false
			if q != nil {
				q.cmds = append(q.cmds, c)
			}
			continue
		}
		t := strings.TrimSpace(strings.TrimSuffix(line, "\r"))
		if !strings.HasPrefix(t, "#") {
			plain = false // a blank line
			continue
		}
		text := strings.TrimSpace(strings.TrimLeft(t, "#"))
		col := utf8.RuneCountInString(line[:strings.Index(line, "#")]) + 1
		if !begun {
			if sc.title == "" && sc.intro == nil {
				sc.title = text
			} else if text != "" {
				sc.intro = append(sc.intro, text)
			}
			continue
		}
		key, rest, special := cutKeyword(text)
		if !special {
			if !plain || q == nil {
				q = &question{line: n}
				sc.questions = append(sc.questions, q)
			}
			q.text = append(q.text, text)
			plain = true
			continue
		}
		plain = false
		if q == nil {
			return nil, &game.Error{File: file, Line: n, Col: col, Msg: fmt.Sprintf("a %s: line belongs to a question: write the question as a comment line above it", key)}
		}
		restCol := utf8.RuneCountInString(strings.TrimRight(line, " \t\r")) + 1 // what follows the keyword: where it starts, or the end
		if rest != "" {
			hash := strings.Index(line, "#")
			restCol = utf8.RuneCountInString(line[:hash+strings.Index(line[hash:], rest)]) + 1
		}
		switch key {
		case "answer":
			q.answer = append(q.answer, rest)
		case "find":
			g.Jump(sc.actionsBefore(n))
			c, perr := game.ParseFind(rest, g.World())
			if perr != nil {
				return nil, &game.Error{File: file, Line: n, Col: restCol + perr.Col - 1, Msg: "find: " + narrate.Error(perr)}
			}
			if len(q.finds) > 0 && q.finds[len(q.finds)-1].line == n-1 {
				q.finds[len(q.finds)-1].conds = append(q.finds[len(q.finds)-1].conds, c) // lines one under the other: all at once
				q.finds[len(q.finds)-1].line = n
				continue
			}
			q.finds = append(q.finds, find{conds: []game.Command{c}, line: n, step: sc.actionsBefore(n)})
		case "bounds":
			bd, berr := readBounds(rest, g.World())
			if berr != nil {
				return nil, &game.Error{File: file, Line: n, Col: restCol + berr.Col - 1, Msg: "bounds: " + berr.Msg}
			}
			q.bounds = bd
		}
	}
	return sc, nil
}

// cutKeyword reads "find: …", "bounds: …" or "answer: …" at the start of
// a comment: the keyword and what follows it.
func cutKeyword(text string) (key, rest string, ok bool) {
	for _, k := range []string{"find", "bounds", "answer"} {
		if r, found := strings.CutPrefix(text, k+":"); found {
			return k, strings.TrimLeft(r, " \t"), true
		}
	}
	return "", "", false
}

// readBounds reads a bounds line: check's flags that bound a search
// (--proposers P1,P2 --ballots N --crashes N --duplicates N --drops --hand
// --range N --above) and --max-states N. The error's column is in text.
func readBounds(text string, w *game.World) (*bounds, *game.Error) {
	bd := &bounds{b: explore.DefaultBounds()}
	bd.b.Proposers = slices.DeleteFunc(bd.b.Proposers, func(n int) bool { return n > len(w.Proposers) })
	words := strings.Fields(text)
	col := func(i int) int { // the column of word i
		at := 0
		for k := 0; k <= i; k++ {
			at += strings.Index(text[at:], words[k])
			if k < i {
				at += len(words[k])
			}
		}
		return utf8.RuneCountInString(text[:at]) + 1
	}
	fail := func(i int, format string, args ...any) (*bounds, *game.Error) {
		return nil, &game.Error{Col: col(min(i, len(words)-1)), Msg: fmt.Sprintf(format, args...)}
	}
	if len(words) == 0 {
		return nil, &game.Error{Col: 1, Msg: "say the bounds of the search, as check takes them, such as --proposers P2,P3 --ballots 1"}
	}
	for i := 0; i < len(words); i++ {
		num := func(most int) (int, bool) {
			if i+1 >= len(words) {
				return 0, false
			}
			n, err := strconv.Atoi(strings.ReplaceAll(words[i+1], ",", ""))
			if err != nil || n < 0 || n > most {
				return 0, false
			}
			i++
			return n, true
		}
		var ok bool
		switch words[i] {
		case "--proposers":
			if i+1 >= len(words) {
				return fail(i, "--proposers takes the proposers that may propose, such as --proposers P2,P3")
			}
			bd.b.Proposers = nil
			for _, name := range strings.Split(words[i+1], ",") {
				id, err := game.ParseNode(name)
				if err != nil || id.Role != paxos.RoleProposer || id.N > len(w.Proposers) {
					return fail(i+1, "%s is not a proposer of this cluster (P1 to P%d)", game.Excerpt(name), len(w.Proposers))
				}
				bd.b.Proposers = append(bd.b.Proposers, id.N)
			}
			i, ok = i+1, true
		case "--ballots":
			bd.b.Ballots, ok = num(255)
		case "--crashes":
			bd.b.Crashes, ok = num(255)
		case "--duplicates":
			bd.b.Duplicates, ok = num(255)
		case "--range":
			bd.b.BallotRange, ok = num(255)
		case "--max-states":
			bd.maxStates, ok = num(1 << 40)
			ok = ok && bd.maxStates > 0
		case "--drops":
			bd.b.Drops, ok = true, true
		case "--hand":
			bd.b.Hand, ok = true, true
		case "--above":
			bd.b.Above, ok = true, true
		default:
			flags := []string{"--proposers", "--ballots", "--crashes", "--duplicates", "--range", "--max-states", "--drops", "--hand", "--above"}
			if s := game.DidYouMean(words[i], flags); s != "" {
				return fail(i, "%s is not a bound: did you mean %s?", game.Excerpt(words[i]), s)
			}
			return fail(i, "%s is not a bound: write check's flags that bound a search (%s)", game.Excerpt(words[i]), strings.Join(flags, ", "))
		}
		if !ok {
			return fail(i, "%s takes a number, such as %s 2", words[i], words[i])
		}
	}
	return bd, nil
}

// phaseCell is a proposer's phase, in a table's cell.
var phaseCell = map[paxos.Phase]string{
	paxos.Idle:      "idle",
	paxos.Phase1:    "1: gathering promises",
	paxos.Phase2:    "2: asking for votes",
	paxos.Done:      "decided",
	paxos.Abandoned: "preempted",
}

// writeState writes the state of g's world at step at: how the game is
// played, then a table per role and the messages in flight. It says what
// each node holds, never what it will do.
func writeState(b *strings.Builder, g *game.Game, at int) {
	w := g.World()
	where := fmt.Sprintf("after step %d of the scenario", at)
	if at == 0 {
		where = "at the start, as the scenario sets it up"
	}
	fmt.Fprintf(b, "## The state %s\n\n", where)
	b.WriteString(mdText(narrate.Cluster(w.Cfg)))
	setup, _ := g.Setup()
	var rules []string
	for _, c := range setup {
		if c.Verb == game.VRule || c.Verb == game.VPolicy || c.Verb == game.VMode {
			rules = append(rules, mdCode(c.String()))
		}
	}
	if len(rules) > 0 {
		b.WriteString(" Played with " + strings.Join(rules, ", ") + ".")
	}
	b.WriteString("\n\n")
	row := func(cells ...string) {
		for i := range cells {
			cells[i] = mdText(cells[i])
		}
		b.WriteString("| " + strings.Join(cells, " | ") + " |\n")
	}
	dash := func(s string, none bool) string {
		if none {
			return "—"
		}
		return s
	}
	note := func(id paxos.NodeID) string {
		var notes []string
		if !w.Up(id) {
			notes = append(notes, "crashed")
		}
		if w.Hand(id) {
			notes = append(notes, "played by hand")
		}
		for _, e := range w.HeldBy(id) {
			notes = append(notes, fmt.Sprintf("holds #%d %s from %s", e.ID, e.Msg.Summary(), e.Msg.From))
		}
		return strings.Join(notes, "; ")
	}

	// A table's last column is what else a node is (crashed, played by
	// hand, holding a message), when one of its nodes is any of that.
	table := func(head []string, rows [][]string) {
		notes := slices.ContainsFunc(rows, func(r []string) bool { return r[len(r)-1] != "" })
		if !notes {
			head = head[:len(head)-1]
		}
		row(head...)
		b.WriteString(strings.Repeat("|---", len(head)) + "|\n")
		for _, r := range rows {
			if !notes {
				r = r[:len(r)-1]
			}
			row(r...)
		}
	}

	b.WriteString("### Acceptors\n\n")
	var rows [][]string
	for _, a := range w.Acceptors {
		id := paxos.A(a.N)
		rows = append(rows, []string{id.String(), dash(strconv.Itoa(int(a.Promised)), a.Promised == 0),
			dash(strconv.Itoa(int(a.Voted.Ballot)), a.Voted.None()), dash(string(a.Voted.Value), a.Voted.None()), note(id)})
	}
	table([]string{"acceptor", "promised", "voted in ballot", "voted for", "also"}, rows)

	b.WriteString("\n### Proposers\n\n")
	rows = nil
	for i := range w.Proposers {
		p := &w.Proposers[i]
		id := paxos.P(p.N)
		var held []string
		for _, n := range p.Promises.Members() {
			if v := p.Reported[n]; v.None() {
				held = append(held, fmt.Sprintf("A%d (no vote)", n))
			} else {
				held = append(held, fmt.Sprintf("A%d (voted %s in %d)", n, v.Value, v.Ballot))
			}
		}
		value := "prefers " + string(p.Preference)
		if p.Phase == paxos.Phase2 || p.Phase == paxos.Done {
			value = fmt.Sprintf("asked votes for %s; votes from %s", p.Value, dash(acceptorNames(p.Votes), p.Votes.Len() == 0))
		}
		rows = append(rows, []string{id.String(), phaseCell[p.Phase], dash(strconv.Itoa(int(p.Ballot)), p.Ballot == 0),
			dash(strings.Join(held, ", "), len(held) == 0), value, note(id)})
	}
	table([]string{"proposer", "phase", "ballot", "promises held", "value", "also"}, rows)

	if len(w.Learners) > 0 {
		b.WriteString("\n### Learners\n\n")
		rows = nil
		for _, l := range w.Learners {
			id := paxos.L(l.N)
			var learned []string
			for _, v := range l.Learned {
				learned = append(learned, fmt.Sprintf("%s in %d", v.Value, v.Ballot))
			}
			rows = append(rows, []string{id.String(), strconv.Itoa(l.Heard), dash(strings.Join(learned, ", then "), len(learned) == 0), note(id)})
		}
		table([]string{"learner", "votes heard", "learned", "also"}, rows)
	}

	b.WriteString("\n### Messages in flight\n\n")
	if w.NumInFlight() == 0 {
		b.WriteString("None.\n\n")
	} else {
		row("message", "type", "from", "to", "says")
		b.WriteString("|---|---|---|---|---|\n")
		for _, e := range w.InFlight() {
			to := e.Msg.To.String()
			if !w.Up(e.Msg.To) {
				to += " (crashed)"
			}
			row(fmt.Sprintf("#%d", e.ID), e.Msg.Type.Code(), e.Msg.From.String(), to, e.Msg.Summary())
		}
		b.WriteString("\n")
	}
	b.WriteString("### The scenario so far\n\nPlay it with `paxosgame play FILE`.\n\n")
	var sb strings.Builder
	for _, c := range setup {
		sb.WriteString(c.String() + "\n")
	}
	for _, st := range g.Steps()[:at] {
		sb.WriteString(st.Cmd.String() + "\n")
	}
	mdBlock(b, "paxos", sb.String())
	b.WriteString("\n")
}

// acceptorNames is a set of acceptors as words: A1, A3.
func acceptorNames(s paxos.Set) string {
	var names []string
	for _, n := range s.Members() {
		names = append(names, paxos.A(n).String())
	}
	return strings.Join(names, ", ")
}

// writeKey writes the key: under each question, the teacher's answer, what
// the scenario plays on and checks (each expect line, in words, with ✓ or
// ✗), and the explorer's answer to each find line.
func writeKey(b *strings.Builder, g *game.Game, sc *scenario, at int, qs []*question, opt ExamOptions) {
	b.WriteString("## Answer key\n\n")
	for i, q := range qs {
		fmt.Fprintf(b, "### %d. %s\n\n", i+1, mdText(strings.Join(q.text, " ")))
		if len(q.answer) > 0 {
			b.WriteString("**The teacher's answer:** " + mdText(strings.Join(q.answer, " ")) + "\n\n")
		}
		for _, c := range q.cmds {
			k := sc.actionsBefore(c.Line) // the step before c
			if c.Verb.Action() {
				k++
			}
			g.Jump(k)
			if c.Verb.Action() {
				fmt.Fprintf(b, "- Step %d, %s: %s\n", k, mdCode(c.String()), mdText(narration(g.Events(k))))
				continue
			}
			if err := g.CheckSince(c, 0); err != nil {
				fmt.Fprintf(b, "- ✗ %s does not hold: %s\n", mdCode(c.String()), mdText(narrate.Unmet(g.World(), err)))
			} else {
				fmt.Fprintf(b, "- ✓ %s: %s.\n", mdCode(c.String()), mdText(narrate.Expect(c)))
			}
		}
		if len(q.cmds) > 0 {
			b.WriteString("\n")
		}
		for _, f := range q.finds {
			writeFind(b, g, i+1, at, f, q.bounds, opt)
		}
		if len(q.answer)+len(q.cmds)+len(q.finds) == 0 {
			b.WriteString("The scenario gives no answer: write one under the question, as `# answer: …`, an `expect` line or a `# find: expect …` line.\n\n")
		}
	}
}

// narration is what the game says events did, in a paragraph: its
// sentences, and the messages each step sends in brackets.
func narration(evs []game.Event) string {
	var sb strings.Builder
	narrate.WriteEvents(&sb, evs, "")
	var out []string
	for _, line := range strings.Split(strings.TrimSuffix(sb.String(), "\n"), "\n") {
		if strings.HasPrefix(line, "sends ") {
			line = "(" + line + ")"
		}
		out = append(out, line)
	}
	return strings.Join(out, " ")
}

// writeFind searches for the shortest run from the state where find line
// f stands to one where its conditions hold, within its question's bounds,
// and writes what the search found.
func writeFind(b *strings.Builder, g *game.Game, q, at int, f find, bd *bounds, opt ExamOptions) {
	g.Jump(f.step)
	start := g.World().Clone()
	var progress func(explore.Stats)
	if opt.Progress != nil {
		progress = func(s explore.Stats) { opt.Progress(q, s) }
	}
	var (
		bnd explore.Bounds
		res explore.Result
		why []string
	)
	if bd != nil {
		bnd = bd.b
		res = explore.Search(start, bnd, explore.Holds(f.conds), explore.Options{MaxStates: cmp.Or(bd.maxStates, opt.MaxStates, ExamStates), Progress: progress})
	} else {
		// No bounds line: chosen as check chooses them mid-game.
		ch := explore.Choose(start, f.conds, cmp.Or(opt.MaxStates, explore.ChooseStates), explore.Options{Progress: progress})
		bnd, res, why = ch.Bounds, ch.Result, ch.Why
	}
	what := mdCode(explore.Lines(f.conds))
	from := "the state on the sheet"
	if f.step != at {
		from = fmt.Sprintf("step %d (the scenario's steps above the question played)", f.step)
	}
	within := fmt.Sprintf("bounds %s", mdCode(bnd.String()))
	if why != nil {
		within = fmt.Sprintf("the bounds it chose, %s", mdCode(bnd.String()))
		b.WriteString("The explorer chose its bounds from the state:\n\n")
		for _, w := range why {
			fmt.Fprintf(b, "- %s\n", mdText(w))
		}
		b.WriteString("\n")
	}
	switch {
	case res.Found:
		fmt.Fprintf(b, "**Yes:** a run of %s from %s reaches %s, the shortest within %s (%s searched):\n\n",
			words.Counted(len(res.Run), "step"), from, what, within, states(res.States))
		var sb strings.Builder
		for _, c := range res.Run {
			sb.WriteString(c.String() + "\n")
		}
		mdBlock(b, "paxos", sb.String())
		b.WriteString("\n")
	case res.Incomplete:
		fmt.Fprintf(b, "**Not answered:** the search from %s for %s stopped at %s, within %s; "+
			"narrow the bounds or raise them with `# bounds: … --max-states N`.\n\n", from, what, states(res.States), within)
	default:
		fmt.Fprintf(b, "**No run within the bounds reaches it:** the explorer tried every run from %s within %s (%s): none reaches %s. "+
			"A no covers these bounds only: no run with %s.\n\n", from, within, states(res.States), what, mdText(explore.Cover(start, bnd)))
	}
}

// states is a count of states: 1 state, 3,209,480 states.
func states(n int) string {
	if n == 1 {
		return "1 state"
	}
	return explore.Commas(n) + " states"
}
