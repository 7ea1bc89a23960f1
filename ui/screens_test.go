package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/cockroachdb/datadriven"

	"paxosgame/lessons"
)

// The screens of the game, tested as etcd's raft tests its protocol:
// testdata/screens/*.txt hold blocks of a terminal's size and the keys
// and commands that reach a screen, and below "----" the screen they must
// show (without escape codes, each line's trailing spaces cut), so that a
// change of wording is read beside its cause. go test ./ui/ -update
// rewrites the screens (datadriven's -rewrite); read the diff.
//
//	screen NAME WxH [plain] [file=PATH]
//	                         a terminal of W×H at the home screen (plain:
//	                         NO_COLOR and ASCII marks; file: playing the
//	                         script at PATH, as paxosgame play PATH), then
//	                         one a line:
//	keys K…                  keys, as Bubble Tea names them: enter, tab, a
//	: LINE                   a line typed on the `:` command line
//	do NAME                  the lines of `define NAME`, above
//	lesson N                 lesson N of the course, from the home screen
//	until KIND               n up to a page of KIND (show, predict, goal;
//	                         you-play: a question played out), each
//	                         question answered 1
//	page LESSON PAGE         lesson LESSON at page PAGE: questions answered
//	                         1, goals by their solution, do pages by their
//	                         first choice
//	settle                   the search for a dead end over, followed
//	finish                   n to the lesson's end, each question answered
//	                         2, each goal by its solution
//	progress done|started|challenge LESSON [ACTIONS PAR]
//	                         lesson progress, kept before the keys
//	define NAME              lines for do; no screen
func TestScreens(t *testing.T) {
	datadriven.Walk(t, "testdata/screens", func(t *testing.T, path string) {
		defs := map[string][]string{}
		datadriven.RunTest(t, path, func(t *testing.T, d *datadriven.TestData) string {
			switch d.Cmd {
			case "define":
				defs[d.CmdArgs[0].Key] = inputLines(d.Input)
				return ""
			case "screen":
				m := screenModel(t, d.CmdArgs)
				play(t, m, inputLines(d.Input), defs)
				checkFits(t, m)
				checkNoBrokenPhrases(t, m)
				return trimLines(screenOf(m))
			}
			d.Fatalf(t, "unknown directive %q", d.Cmd)
			return ""
		})
	})
}

// screenModel is the model of a screen block: a terminal of the size its
// arguments give (NAME WxH [plain]), at the home screen.
func screenModel(t testing.TB, args []datadriven.CmdArg) *Model {
	t.Helper()
	var w, h int
	if len(args) < 2 {
		t.Fatalf("screen NAME WxH [plain]: %v", args)
	}
	if _, err := fmt.Sscanf(args[1].Key, "%dx%d", &w, &h); err != nil {
		t.Fatalf("screen %s: the size %q is not WxH", args[0].Key, args[1].Key)
	}
	t.Setenv(lessons.ConfigEnv, t.TempDir())
	plain, file := false, ""
	for _, a := range args[2:] {
		switch a.Key {
		case "plain":
			plain = true
		case "file":
			file = a.Vals[0]
		default:
			t.Fatalf("screen %s: unknown argument %q", args[0].Key, a.Key)
		}
	}
	m := New(plain, plain)
	if file != "" {
		var err error
		if m, err = NewPlay(plain, plain, []string{file}); err != nil {
			t.Fatal(err)
		}
	}
	send(m, sizeMsg(w, h))
	return m
}

// play carries out the lines of a screen block (see TestScreens).
func play(t testing.TB, m *Model, lines []string, defs map[string][]string) {
	t.Helper()
	for _, l := range lines {
		verb, rest, _ := strings.Cut(l, " ")
		switch verb {
		case "keys":
			keys(m, strings.Fields(rest)...)
		case ":":
			command(m, rest)
		case "do":
			d, ok := defs[rest]
			if !ok {
				t.Fatalf("do %s: no define %s above", rest, rest)
			}
			play(t, m, d, defs)
		case "lesson":
			n, err := strconv.Atoi(rest)
			if err != nil {
				t.Fatalf("%q: lesson N", l)
			}
			openLesson(m, n)
		case "until":
			kinds := map[string]lessons.Kind{"show": lessons.KindShow, "predict": lessons.KindPredict, "goal": lessons.KindGoal}
			if k, ok := kinds[rest]; ok {
				untilPage(t, m, k)
			} else if rest == "you-play" {
				untilYouPlay(t, m)
			} else {
				t.Fatalf("%q: until show, predict, goal or you-play", l)
			}
		case "page":
			var n, page int
			if _, err := fmt.Sscanf(rest, "%d %d", &n, &page); err != nil {
				t.Fatalf("%q: page LESSON PAGE", l)
			}
			toPage(t, m, n, page)
		case "settle":
			settleVerdict(t, m)
		case "finish":
			finishLesson(t, m)
		case "progress":
			keepProgress(t, strings.Fields(rest))
		default:
			t.Fatalf("%q: keys, :, do, lesson, until, page, settle, finish or progress", l)
		}
	}
}

// untilYouPlay presses n up to a question the student then plays out,
// each question before it answered 1.
func untilYouPlay(t testing.TB, m *Model) {
	t.Helper()
	for range 200 {
		if m.lesson.asking() && m.lesson.sess.Step().Predict.YouPlay {
			return
		}
		if m.lesson.asking() {
			keys(m, "1")
		}
		keys(m, "n")
	}
	t.Fatalf("no question to play out:\n%s", screenOf(m))
}

// finishLesson presses on to the end of the lesson on screen: each
// question answered 2, each goal reached by its solution.
func finishLesson(t testing.TB, m *Model) {
	t.Helper()
	for range 500 {
		if m.lesson.sess.Done() {
			return
		}
		st := m.lesson.sess.Step()
		switch {
		case st.Kind == lessons.KindPredict && !m.lesson.answered():
			keys(m, "2")
		case st.Kind == lessons.KindGoal && !m.lesson.reached:
			keys(m, "v", "y")
		default:
			keys(m, "n")
		}
	}
	t.Fatalf("the lesson does not end:\n%s", screenOf(m))
}

// keepProgress keeps lesson progress: done LESSON, started LESSON, or
// challenge LESSON ACTIONS PAR (a challenge completed in ACTIONS).
func keepProgress(t testing.TB, f []string) {
	t.Helper()
	st := lessons.OpenStore()
	switch {
	case len(f) == 2 && f[0] == "done":
		st.Finish(f[1], lessons.Score{})
	case len(f) == 2 && f[0] == "started":
		st.Start(f[1])
	case len(f) == 4 && f[0] == "challenge":
		actions, err1 := strconv.Atoi(f[2])
		par, err2 := strconv.Atoi(f[3])
		if err1 != nil || err2 != nil {
			t.Fatalf("progress challenge LESSON ACTIONS PAR: %v", f)
		}
		st.Finish(f[1], lessons.Score{Challenge: true, Complete: true, Actions: actions, Par: par})
	default:
		t.Fatalf("progress done|started|challenge LESSON [ACTIONS PAR]: %v", f)
	}
}

// inputLines is the lines of a block's input.
func inputLines(in string) []string {
	if in == "" {
		return nil
	}
	return strings.Split(in, "\n")
}

// trimLines is s with each line's trailing spaces cut.
func trimLines(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return strings.Join(lines, "\n")
}

// eachScreen plays each screen of testdata/screens, once a name, on a
// model that start makes (at its own size), and calls each with it.
func eachScreen(t *testing.T, start func(t *testing.T) *Model, each func(t *testing.T, name string, m *Model)) {
	files, err := filepath.Glob("testdata/screens/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no screens: %v", err)
	}
	for _, path := range files {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		defs := map[string][]string{}
		seen := map[string]bool{}
		for _, b := range screenBlocks(string(src)) {
			if b.cmd == "define" {
				defs[b.name] = b.lines
				continue
			}
			if seen[b.name] {
				continue
			}
			seen[b.name] = true
			t.Run(b.name, func(t *testing.T) {
				m := start(t)
				play(t, m, b.lines, defs)
				each(t, b.name, m)
			})
		}
	}
}

// screenBlock is a block of a screens file: its directive, name and lines.
type screenBlock struct {
	cmd, name string
	lines     []string
}

// screenBlocks reads the directives and lines of a screens file, passing
// over its comments and screens: "----" ends a block's lines, and a blank
// line its screen ("----" twice when the screen has blank lines).
func screenBlocks(src string) []screenBlock {
	var out []screenBlock
	lines := strings.Split(src, "\n")
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		f := strings.Fields(l)
		b := screenBlock{cmd: f[0]}
		if len(f) > 1 {
			b.name = f[1]
		}
		for i++; i < len(lines) && lines[i] != "----"; i++ {
			b.lines = append(b.lines, lines[i])
		}
		if i+1 < len(lines) && lines[i+1] == "----" { // a screen with blank lines
			for i += 2; i+1 < len(lines) && !(lines[i] == "----" && lines[i+1] == "----"); i++ {
			}
			i++
		} else {
			for i++; i < len(lines) && lines[i] != ""; i++ {
			}
		}
		out = append(out, b)
	}
	return out
}

// sizes are the terminals the checks of every screen run at.
var sizes = [][2]int{{80, 24}, {120, 40}, {200, 50}}

// handScene plays the course's ballot 17 with A1 and P2 played by hand:
// A1 voted 5 EUR in 10 and A2 6 EUR in 9; P2 has promises from A2 and A3,
// and A1 holds P2's prepare.
func handScene(m *Model) {
	for _, line := range []string{
		`set A1 voted 10 "5 EUR"`, `set A2 voted 9 "6 EUR"`, "hand A1", "hand P2", "propose P2 17",
		"deliver 1a P2->A2", "deliver 1b A2->P2", "deliver 1a P2->A3", "deliver 1b A3->P2", "deliver 1a P2->A1",
	} {
		command(m, line)
	}
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

// checkNoBrokenPhrases fails when a line of the screen ends inside a short
// phrase: a key and what it does ("n" at the end of a line, "goes on." at
// the start of the next) or a message label ("#8" and "2a P2→A3").
func checkNoBrokenPhrases(t *testing.T, m *Model) {
	t.Helper()
	if m.sh.ascii {
		return // ✓ is "v", a key's name: the screen in Unicode is checked
	}
	for _, line := range strings.Split(screenOf(m), "\n") {
		for _, seg := range strings.Split(line, "│") {
			seg = strings.TrimSpace(seg)
			if brokenEnd.MatchString(seg) || brokenStart.MatchString(seg) {
				t.Errorf("a line breaks inside a phrase: %q\n%s", seg, screenOf(m))
			}
		}
	}
}

var (
	brokenEnd   = regexp.MustCompile(`(^|[ :])(n|v|h|b|esc)$`)
	brokenStart = regexp.MustCompile(`^(goes on\.|reads on|plays the first|[12][ab] [PAL]\d|nack [PAL]\d)`)
)

// At 80×24 what matters is never cut: the CHOSEN banner's last words, the
// unsaved mark, the keys ? help and q quit, the culprit of a load error,
// the ends of network and learner rows.
func TestNarrowScreensKeepTheirMeaning(t *testing.T) {
	footer := func(m *Model) string {
		lines := strings.Split(screenOf(m), "\n")
		return lines[len(lines)-1]
	}
	m := newTestGame(t, 80, 24)
	keys(m, "p", "enter", "a")
	s := screenOf(m)
	if !strings.Contains(s, "★ CHOSEN: 1 EUR in ballot 1, voted by A1, A2 — no acceptor knows it yet") {
		t.Errorf("the CHOSEN banner is cut:\n%s", s)
	}
	if !strings.Contains(strings.Split(s, "\n")[0], "● unsaved") {
		t.Errorf("the title has no unsaved mark:\n%s", s)
	}
	for _, k := range []string{"t timeline", "? help", "q quit", "p propose", ": command"} {
		if !strings.Contains(footer(m), k) {
			t.Errorf("the footer lacks %q: %s", k, footer(m))
		}
	}
	if strings.Contains(s, "…") {
		t.Errorf("something is cut:\n%s", s)
	}

	// A long value: the banner takes two lines rather than lose its end.
	m = newTestGame(t, 80, 24)
	command(m, `propose P1 1 "a price of five euros and twenty cents, VAT included"`)
	keys(m, "a")
	if w := wordsOf(screenOf(m)); !strings.Contains(w, "— no acceptor knows it yet") {
		t.Errorf("a long CHOSEN banner loses its end:\n%s", screenOf(m))
	}
	checkFits(t, m)

	// A long title, rules off, steps ahead: the step and the marks stay.
	dir := t.TempDir()
	path := filepath.Join(dir, "the-battle-of-proposers-for-the-tuesday-class.paxos")
	os.WriteFile(path, []byte("rule keep-promise off\nrule majority-quorum off\npropose P2 17\ndeliver all\n"), 0o644)
	m = newTest(t, 80, 24)
	keys(m, "down", "down", "enter")
	typeText(m, path)
	keys(m, "enter", "left")
	command(m, "crash A1")
	title := strings.Split(screenOf(m), "\n")[0]
	for _, want := range []string{"step 2 of 2", "● unsaved", "✗ 2 rules off"} {
		if !strings.Contains(title, want) {
			t.Errorf("the title lacks %q: %s", want, title)
		}
	}
	checkFits(t, m)

	// A load error names the culprit.
	bad := filepath.Join(dir, "bad.paxos")
	os.WriteFile(bad, []byte("propose P1\ndelivr #1\n"), 0o644)
	keys(m, "o", "ctrl+u")
	typeText(m, bad)
	keys(m, "enter")
	if s := screenOf(m); !strings.Contains(s, `found "delivr"`) {
		t.Errorf("the load error hides the culprit:\n%s", s)
	}
	checkFits(t, m)
	m = newTest(t, 80, 24)
	keys(m, "down", "down", "enter")
	typeText(m, bad)
	keys(m, "enter")
	if s := screenOf(m); !strings.Contains(s, `found "delivr"`) {
		t.Errorf("the home screen's load error hides the culprit:\n%s", s)
	}
	checkFits(t, m)

	// A refusal in flight and a learner counting: their rows end whole.
	m = newTestGame(t, 80, 24)
	seedDuel(m)
	keys(m, "left", "left") // the refusal #17 is in flight again
	command(m, "deliver 2b A1->L1")
	s = screenOf(m)
	if !regexp.MustCompile(`nack A2→P2 .*17 · promised 20`).MatchString(s) || !strings.Contains(s, "counts 1/2 for 2 EUR in 17") {
		t.Errorf("a network or learner row loses its end:\n%s", s)
	}
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, "nack") && strings.Contains(l, "…") || strings.Contains(l, "counts") && strings.Contains(l, "…") {
			t.Errorf("a row is cut: %q", l)
		}
	}

	// Every screen's footer has ? help and q quit at 80 columns.
	eachScreen(t, func(t *testing.T) *Model { return newTest(t, 80, 24) }, func(t *testing.T, name string, m *Model) {
		if f := footer(m); m.current.Typing() || m.quitting || m.showHelp || m.tooSmall() {
			return
		} else if !strings.Contains(f, "? help") || !strings.Contains(f, "q quit") {
			t.Errorf("%s: the footer lacks ? help or q quit: %s", name, f)
		}
	})
}

// A setup command breaks across lines only between its settings, never
// between a setting and its value ("learners" and a lone "2"): on the
// settings screen, where each command fits a line, a line starts with a
// command; in a lesson's "A new game:" line a value stays with its name.
func TestSetupCommandsKeepTheirValues(t *testing.T) {
	bareValue := regexp.MustCompile(`^(\d|"|EUR)`)
	bareName := regexp.MustCompile(`(^|[ :])(config|set|rule|policy|mode|proposers|acceptors|learners|voted|promised|value|[PAL]\d)$`)
	for _, sz := range [][2]int{{80, 24}, {80, 50}, {90, 40}, {100, 30}, {110, 50}, {120, 40}, {140, 50}, {200, 50}} {
		t.Run(fmt.Sprintf("%dx%d", sz[0], sz[1]), func(t *testing.T) {
			m := newTest(t, sz[0], sz[1])
			settingsMany(m)
			lines := strings.Split(screenOf(m), "\n")
			at := -1
			for i, l := range lines {
				if strings.TrimSpace(l) == "SETUP COMMANDS" {
					at = i
				}
			}
			if at < 0 {
				t.Fatalf("no setup commands:\n%s", screenOf(m))
			}
			for _, l := range lines[at+1:] {
				if l = strings.TrimSpace(l); l == "" {
					break
				}
				if !regexp.MustCompile(`^(config|rule|policy|mode) `).MatchString(l) {
					t.Errorf("a setup command is broken across lines: %q\n%s", l, screenOf(m))
				}
			}
			m = newTest(t, sz[0], sz[1])
			settingsAll(m)
			s := wordsOf(screenOf(m))
			for _, c := range m.settings.Commands() {
				if !strings.Contains(s, c.String()) {
					t.Errorf("every setting changed: %q is not on the screen\n%s", c, screenOf(m))
				}
			}
			for _, name := range lessons.Builtins() {
				m := newTest(t, sz[0], sz[1])
				send(m, startLessonMsg{name: name})
				for presses := 0; !m.lesson.sess.Done() && presses < 300; presses++ {
					if m.lesson.sess.Step().Kind == lessons.KindSetup {
						var prev string
						in := false
						for _, l := range strings.Split(screenOf(m), "\n") {
							segs := strings.Split(l, "│")
							p := strings.TrimSpace(segs[len(segs)-1])
							switch {
							case strings.HasPrefix(p, "A new game:"):
								in = true
							case !in:
							case p == "" || strings.HasPrefix(p, "▲") || strings.HasPrefix(p, "▼"):
								in = false
							case bareValue.MatchString(p) || bareName.MatchString(prev):
								t.Errorf("%s: a setup command is broken between a name and its value: %q / %q\n%s", name, prev, p, screenOf(m))
							}
							prev = p
						}
					}
					pressOn(m)
				}
			}
		})
	}
}

// settingsMany opens the settings and changes the cluster, the policy, the
// mode and two rules: five setup commands.
func settingsMany(m *Model) {
	keys(m, "down", "down", "down", "enter") // settings, at acceptors
	keys(m, "right", "down", "right", "down", "down", "right", "down", "right", "down", "right", "down", "right")
}

// settingsAll changes every setting, each to its longest value.
func settingsAll(m *Model) {
	keys(m, "down", "down", "down", "enter") // settings, at acceptors
	keys(m, "right", "down", "right", "right", "right", "right", "down", "right", "right", "right", "down", "left", "down", "right")
	for range 7 {
		keys(m, "down", "right")
	}
}

// The example of docs/ui.md is a block of testdata/screens/play.txt, as
// it is today: its lines up to the "…" where the doc cuts the screen.
func TestDocsScreenExample(t *testing.T) {
	doc, err := os.ReadFile("../docs/ui.md")
	if err != nil {
		t.Fatal(err)
	}
	_, ex, ok := strings.Cut(string(doc), "```\n# P2 proposes")
	head, _, cut := strings.Cut(ex, "…\n")
	if !ok || !cut {
		t.Fatal(`docs/ui.md has no example "# P2 proposes…", cut with "…"`)
	}
	play, err := os.ReadFile("testdata/screens/play.txt")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(play), "# P2 proposes"+head) {
		t.Errorf("docs/ui.md's example is not in testdata/screens/play.txt:\n# P2 proposes%s", head)
	}
}
