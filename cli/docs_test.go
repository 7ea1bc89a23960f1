package cli

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/charmbracelet/x/ansi"

	"paxosgame/game"
	"paxosgame/ui"
)

// update rewrites the examples in docs/ and the README's screen from the
// code of today:
//
//	go test ./cli -run TestDocs -update
var update = flag.Bool("update", false, "rewrite docs/'s exported examples and the README's screen")

// docsExamples is each file of docs/ and the export command that makes it.
var docsExamples = []struct {
	file string
	args []string
}{
	{"docs/duelling-ballots.mmd", []string{"--format", "mermaid"}},
	{"docs/duelling-ballots.svg", []string{"--format", "svg"}},
	{"docs/duelling-ballots.dark.svg", []string{"--format", "svg-dark"}},
	{"docs/duelling-ballots.slide-1-14.svg", []string{"--format", "svg", "--slide", "--from", "1", "--to", "14"}},
	{"docs/duelling-ballots.md", []string{"--format", "markdown"}},
	{"docs/duelling-ballots.cast", []string{"--format", "cast", "--size", "100x30", "--pace", "1s"}},
}

// The examples in docs/ (and so the README's) are what export makes of
// the battle today: they cannot go stale. -update writes them anew.
func TestDocsExamples(t *testing.T) {
	for _, ex := range docsExamples {
		status, out, errOut := cli(append([]string{"export", battle}, ex.args...)...)
		if status != 0 {
			t.Fatalf("%s: status %d: %s", ex.file, status, errOut)
		}
		if *update {
			if err := os.WriteFile(ex.file, []byte(out), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := readDoc(ex.file)
		if err != nil {
			t.Fatal(err)
		}
		if out != string(want) {
			t.Errorf("%s is stale: go test ./cli -run TestDocsExamples -update writes it anew", ex.file)
		}
	}
}

// readDoc reads a file of the repository by its absolute path: go test
// caches a result until a file the test read changes, and it finds a
// relative path from the package's directory, not the root TestMain
// moved to.
func readDoc(name string) ([]byte, error) {
	abs, err := filepath.Abs(name)
	if err != nil {
		return nil, err
	}
	return os.ReadFile(abs)
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// docPages is every page of the docs: the README and docs/*.md.
func docPages(t *testing.T) map[string]string {
	t.Helper()
	root, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	files, err := filepath.Glob(filepath.Join(root, "docs", "*.md"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no docs/*.md: %v", err)
	}
	pages := map[string]string{}
	for _, f := range append(files, filepath.Join(root, "README.md")) {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		rel, _ := filepath.Rel(root, f)
		pages[filepath.ToSlash(rel)] = string(src)
	}
	return pages
}

// fence is a fenced code block of a page: where it opens and its lines.
type fence struct {
	line  int // of the opening fence, from 1
	lines []string
}

// splitFences is a page's prose (its lines, each line of a fenced block
// left empty, so that no code is read as a link or a heading) and its
// fenced blocks, in order.
func splitFences(src string) (prose []string, blocks []fence) {
	var open string // the opening fence's marks while in a block
	for i, l := range strings.Split(src, "\n") {
		trimmed := strings.TrimLeft(l, " ")
		if open == "" {
			marks := len(trimmed) - len(strings.TrimLeft(trimmed, "`"))
			if marks >= 3 {
				open = trimmed[:marks]
				blocks = append(blocks, fence{line: i + 1})
				l = ""
			}
			prose = append(prose, l)
			continue
		}
		prose = append(prose, "")
		if strings.HasPrefix(trimmed, open) && strings.Trim(trimmed, "`") == "" {
			open = ""
			continue
		}
		blocks[len(blocks)-1].lines = append(blocks[len(blocks)-1].lines, l)
	}
	return prose, blocks
}

// withoutCodeSpans is text with each code span (between two runs of as
// many backticks) replaced by "code": what is quoted is no link.
func withoutCodeSpans(text string) string {
	var b strings.Builder
	for {
		i := strings.Index(text, "`")
		if i < 0 {
			return b.String() + text
		}
		n := len(text[i:]) - len(strings.TrimLeft(text[i:], "`"))
		run := text[i : i+n]
		end := -1
		for j := i + n; j < len(text); {
			k := strings.Index(text[j:], run)
			if k < 0 {
				break
			}
			k += j
			if m := len(text[k:]) - len(strings.TrimLeft(text[k:], "`")); m == n {
				end = k
				break
			} else {
				j = k + m
			}
		}
		if end < 0 { // no closing run: the backticks are text
			b.WriteString(text[:i+n])
			text = text[i+n:]
			continue
		}
		b.WriteString(text[:i] + "code")
		text = text[end+n:]
	}
}

// slug is the anchor GitHub gives a heading: lower case, letters, digits,
// - and _ kept, a space a -, all else left out.
func slug(heading string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(strings.TrimSpace(heading)) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '_':
			b.WriteRune(r)
		case r == ' ':
			b.WriteByte('-')
		}
	}
	return b.String()
}

var (
	headingRE = regexp.MustCompile(`^#{1,6} +(.*?) *#*$`)
	anchorRE  = regexp.MustCompile(`<a (?:id|name)="([^"]+)"`)
	linkRE    = regexp.MustCompile(`\]\(([^)\s]*)\)`)
)

// anchors is every # a link may point at in a page: its headings' slugs
// (the second of a name -1, …) and its <a id> anchors.
func anchors(src string) map[string]bool {
	prose, _ := splitFences(src)
	set := map[string]bool{}
	for _, l := range prose {
		if m := headingRE.FindStringSubmatch(l); m != nil {
			s := slug(m[1])
			for n := 1; set[s]; n++ {
				s = fmt.Sprintf("%s-%d", slug(m[1]), n)
			}
			set[s] = true
		}
		for _, m := range anchorRE.FindAllStringSubmatch(l, -1) {
			set[m[1]] = true
		}
	}
	return set
}

// Every relative link of the README and docs/ points at a file that
// exists, and a # after it at a heading (or <a id>) of that page: a page
// moved or a heading reworded breaks no link unseen.
func TestDocsLinks(t *testing.T) {
	pages := docPages(t)
	links := 0
	for page, src := range pages {
		prose, _ := splitFences(src)
		text := withoutCodeSpans(strings.Join(prose, "\n"))
		for _, m := range linkRE.FindAllStringSubmatch(text, -1) {
			target := m[1]
			if strings.Contains(target, "://") || strings.HasPrefix(target, "mailto:") {
				continue
			}
			links++
			path, frag, _ := strings.Cut(target, "#")
			file := page
			if path != "" {
				file = filepath.Join(filepath.Dir(page), path)
			}
			if abs, _ := filepath.Abs(file); !exists(abs) {
				t.Errorf("%s: a link to %s: no such file", page, target)
				continue
			}
			if frag == "" {
				continue
			}
			dest, ok := pages[filepath.ToSlash(file)]
			if !ok {
				src, err := readDoc(file)
				if err != nil || !strings.HasSuffix(file, ".md") {
					t.Errorf("%s: a link to %s: an anchor in a file that is no page", page, target)
					continue
				}
				dest = string(src)
			}
			if !anchors(dest)[frag] {
				t.Errorf("%s: a link to %s: %s has no heading #%s", page, target, file, frag)
			}
		}
	}
	if links < 50 {
		t.Errorf("only %d links found: is the link pattern still right?", links)
	}
}

// matchLines reports whether got is what want shows: line by line, a line
// "…" standing for any number of lines, a line ending in " …" for any
// line that starts as it does.
func matchLines(want, got []string) bool {
	if len(want) == 0 {
		return len(got) == 0
	}
	if want[0] == "…" {
		for i := range len(got) + 1 {
			if matchLines(want[1:], got[i:]) {
				return true
			}
		}
		return false
	}
	if len(got) == 0 {
		return false
	}
	ok := got[0] == want[0]
	if prefix, cut := strings.CutSuffix(want[0], " …"); cut {
		ok = strings.HasPrefix(got[0], prefix+" ")
	}
	return ok && matchLines(want[1:], got[1:])
}

// docCommand is a command a page shows, and the lines it shows after it.
type docCommand struct{ args, want []string }

// docCommands is each "$ paxosgame run …" and "$ paxosgame lesson lint …"
// of a page's blocks, with the lines it shows after it: the commands whose
// output the docs quote and that take no time (check's outputs carry
// their timings, and are left out).
func docCommands(src string) (cmds []docCommand) {
	_, blocks := splitFences(src)
	for _, b := range blocks {
		for i, l := range b.lines {
			cmd, ok := strings.CutPrefix(l, "$ paxosgame ")
			args := strings.Fields(cmd)
			if !ok || !slices.Equal(args[:min(1, len(args))], []string{"run"}) && !slices.Equal(args[:min(2, len(args))], []string{"lesson", "lint"}) {
				continue
			}
			end := i + 1
			for end < len(b.lines) && !strings.HasPrefix(b.lines[end], "$ ") {
				end++
			}
			cmds = append(cmds, docCommand{args, b.lines[i+1 : end]})
		}
	}
	return cmds
}

// Each run and lint the docs show prints what they show (standard output
// and error as a terminal interleaves them), and every script of
// docs/examples/ is run by one of them.
func TestDocsCommands(t *testing.T) {
	ran := map[string]bool{}
	for page, src := range docPages(t) {
		for _, c := range docCommands(src) {
			var out bytes.Buffer
			Run(c.args, strings.NewReader(""), &out, &out)
			got := strings.Split(strings.TrimRight(out.String(), "\n"), "\n")
			if !matchLines(c.want, got) {
				t.Errorf("%s: paxosgame %s shows:\n%s\nbut prints:\n%s", page, strings.Join(c.args, " "), strings.Join(c.want, "\n"), strings.Join(got, "\n"))
			}
			for _, a := range c.args {
				ran[a] = true
			}
		}
	}
	examples, _ := filepath.Glob("docs/examples/*.paxos")
	for _, ex := range examples {
		if !ran[ex] {
			t.Errorf("%s: no page runs it (a block that starts $ paxosgame run %s)", ex, ex)
		}
	}
	if len(ran) == 0 {
		t.Error("no command found in the docs")
	}
}

// The files the docs show word for word, each in a fenced block of its
// page: the example lesson, the example script, the exam scenario.
var docsShowFiles = []struct{ page, file string }{
	{"docs/writing-lessons.md", "lessons/testdata/example.md"},
	{"docs/language.md", "docs/examples/ballot-17.paxos"},
	{"docs/exams.md", "export/testdata/exam.paxos"},
}

func TestDocsShowFiles(t *testing.T) {
	pages := docPages(t)
	for _, s := range docsShowFiles {
		src, err := readDoc(s.file)
		if err != nil {
			t.Fatal(err)
		}
		want := strings.TrimRight(string(src), "\n")
		_, blocks := splitFences(pages[s.page])
		if !slices.ContainsFunc(blocks, func(b fence) bool { return strings.Join(b.lines, "\n") == want }) {
			t.Errorf("%s does not show %s word for word in a block of its own", s.page, s.file)
		}
	}
}

// The example lesson of docs/writing-lessons.md is clean (a warning too
// would fail) and plays: its steps, its question, its goal by its solution.
func TestDocsExampleLessonPlays(t *testing.T) {
	const lesson = "lessons/testdata/example.md"
	if status, out, errOut := cli("lesson", "lint", "--strict", lesson); status != 0 {
		t.Errorf("lesson lint --strict %s: status %d\n%s%s", lesson, status, out, errOut)
	}
	if status, out, errOut := cli("lesson", "check", lesson); status != 0 {
		t.Errorf("lesson check %s: status %d\n%s%s", lesson, status, out, errOut)
	}
}

// readmeScript is the script whose screen, at its end, the README shows.
const readmeScript = "docs/examples/ballot-17.paxos"

// The README's screen is the play screen of readmeScript at its last step
// at 100×30, as paxosgame play opens it: the frame a cast of it ends on,
// without its colours and with each line's trailing spaces cut.
func TestDocsREADMEScreen(t *testing.T) {
	src, err := readDoc(readmeScript)
	if err != nil {
		t.Fatal(err)
	}
	g, err := game.Open(readmeScript, string(src))
	if err != nil {
		t.Fatal(err)
	}
	frames, err := ui.Frames(g, filepath.Base(readmeScript), 100, 30)
	if err != nil {
		t.Fatal(err)
	}
	var screen []string
	for l := range strings.Lines(ansi.Strip(frames[len(frames)-1])) {
		screen = append(screen, strings.TrimRight(l, " \n"))
	}
	for len(screen) > 0 && screen[len(screen)-1] == "" {
		screen = screen[:len(screen)-1]
	}
	readme, err := readDoc("README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, blocks := splitFences(string(readme))
	i := slices.IndexFunc(blocks, func(b fence) bool { return len(b.lines) > 0 && strings.HasPrefix(b.lines[0], "PAXOS · ") })
	if i < 0 {
		t.Fatal("the README shows no screen (a block that starts PAXOS · )")
	}
	if slices.Equal(blocks[i].lines, screen) {
		return
	}
	if !*update {
		t.Fatalf("the README's screen is not %s's at its end (go test ./cli -run TestDocsREADMEScreen -update draws it anew):\n%s", readmeScript, strings.Join(screen, "\n"))
	}
	lines := strings.Split(string(readme), "\n")
	b := blocks[i]
	lines = slices.Replace(lines, b.line, b.line+len(b.lines), screen...)
	if err := os.WriteFile("README.md", []byte(strings.Join(lines, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
}
