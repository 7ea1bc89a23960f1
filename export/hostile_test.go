package export

import (
	"bytes"
	"encoding/xml"
	"io"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"

	"paxosgame/game"
	"paxosgame/paxos"
)

// The values an attacker would give a run that ends up on a course page,
// each one the parser accepts: printable and short.
var hostileValues = []string{
	`<img src=x onerror=alert(1)>`,
	`[x](javascript:alert(1))`,
	`<javascript:alert(1)>`,
	"a ` b `` c ```",
	"`",
	`%%{init: {"theme": "forest"}}%%`,
	`%%%{wrap}`,
	`%% a comment`,
	`&lt;script&gt; &#60;`,
	`*em* _em_ ~~s~~ a|b \`,
	`![i](http://x/y.png)`,
	`--> A1; Note over P1: x #35;`,
}

// hostileGame is a run in which each hostile value is a preference, is
// proposed, voted and chosen or narrated.
func hostileGame(t *testing.T) *game.Game {
	t.Helper()
	var b strings.Builder
	b.WriteString("config proposers 5 acceptors 3 learners 1\n# a comment with <b>html</b> and ``` fences %%{init}%%\n")
	for i, v := range hostileValues[:5] {
		b.WriteString("set P" + strconv.Itoa(i+1) + " value " + game.Quote(paxos.Value(v)) + "\n")
	}
	for i, v := range hostileValues {
		b.WriteString("propose P" + strconv.Itoa(i%5+1) + " " + strconv.Itoa(i*5+i%5+1) + " " + game.Quote(paxos.Value(v)) + "\ndeliver all\n")
	}
	// A handout's prose, a step's own comment, an expect line in words,
	// and messages left in flight, each with markup in it.
	b.WriteString("# " + hostileComment + "\npropose P2\ndeliver 1a P2->A1 # " + hostileComment + "\n")
	b.WriteString("expect chosen " + game.Quote(paxos.Value(hostileValues[0])) + "\n")
	g, err := game.Open("hostile.paxos", b.String())
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// hostileComment is a comment with markup, which a handout writes as its
// prose.
const hostileComment = "*em* <b>x</b> [l](javascript:y) ![i](x) `c` ~~s~~ a|b & &lt; %%{init}%% <javascript:z>"

// hostileParts are the parts of the hostile game each test exports: the
// whole run, and a part that starts with the votes and the messages in
// flight the steps before it left.
var hostileParts = []Options{{}, {From: 4, To: 19}}

// The file name a title comes from: OSC 52 (write the clipboard), BEL,
// clear the screen, and markup.
const hostileTitle = "evil\x1b]52;c;aGk=\x07\x1b[2J<script>[a](javascript:x)`"

// "Markdown: every value and the title escaped for CommonMark (HTML, link
// and code-span characters; no raw control bytes). … a CommonMark parser
// finds no raw HTML node and no live link" (issue 18). And the values
// still read as written.
func TestMarkdownOfHostileValues(t *testing.T) {
	for _, o := range hostileParts {
		text, err := ExportPart("markdown", hostileTitle, hostileGame(t), o)
		if err != nil {
			t.Fatal(err)
		}
		readMarkdown(t, []byte(text), o.From == 0)
	}
}

// readMarkdown checks a handout of the hostile game as a CommonMark
// parser reads it (checkCommonMark), and as its page shows it: all of it
// (the last steps with their comments and expect line) when whole.
func readMarkdown(t *testing.T, src []byte, whole bool) {
	t.Helper()
	checkCommonMark(t, src)
	md := goldmark.New()
	// What a reader sees: the rendered page, as text.
	var page bytes.Buffer
	if err := md.Convert(src, &page); err != nil {
		t.Fatal(err)
	}
	seen := htmlText(page.String())
	for _, v := range hostileValues {
		if whole && (!strings.Contains(seen, "P1 prefers "+hostileValues[0]) || !strings.Contains(seen, v)) {
			t.Errorf("the page does not show %q as written", v)
		}
	}
	if want := `evil\x1b]52;c;aGk=\a\x1b[2J<script>[a](javascript:x)` + "`"; !strings.Contains(seen, want) {
		t.Errorf("the title does not read %q in:\n%.300s", want, seen)
	}
	if !strings.Contains(seen, "a comment with <b>html</b> and ``` fences %%{init}%%") {
		t.Errorf("the script's first comment is not the title:\n%.300s", seen)
	}
	if !whole {
		return
	}
	for _, want := range []string{"\n" + hostileComment + "\n", " — " + hostileComment + "\n", "The game checks that " + hostileValues[0] + " is chosen."} {
		if !strings.Contains(seen, want) {
			t.Errorf("the page does not show %q", want)
		}
	}
}

// checkCommonMark fails when a page has what the printable rule forbids,
// or when goldmark, a CommonMark parser, finds in it an HTML node or a
// link: what a value or a comment could smuggle onto a course's page.
func checkCommonMark(t *testing.T, src []byte) {
	t.Helper()
	if f, bad := game.FirstFlawInText(strings.ReplaceAll(string(src), "\n", " ")); bad {
		t.Fatalf("%s %s in the page", f.What, f.Why)
	}
	doc := goldmark.New().Parser().Parse(text.NewReader(src))
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n.Kind() {
		case ast.KindHTMLBlock, ast.KindRawHTML, ast.KindLink, ast.KindAutoLink, ast.KindImage:
			what := ""
			switch n := n.(type) {
			case *ast.RawHTML:
				what = string(n.Segments.Value(src))
			case *ast.Link:
				what = string(n.Destination)
			case *ast.Image:
				what = string(n.Destination)
			case *ast.AutoLink:
				what = string(n.URL(src))
			}
			t.Errorf("the page has a %s node: %q", n.Kind(), what)
		}
		return ast.WalkContinue, nil
	})
}

// htmlText is the text an HTML page shows: its tags dropped, entities read.
func htmlText(page string) string {
	d := xml.NewDecoder(strings.NewReader("<page>" + page + "</page>"))
	d.Strict, d.AutoClose, d.Entity = false, xml.HTMLAutoClose, xml.HTMLEntity
	var b strings.Builder
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return b.String()
		}
		if err != nil {
			return b.String() + "(" + err.Error() + ")"
		}
		if cd, ok := tok.(xml.CharData); ok {
			b.Write(cd)
		}
	}
}

// "Mermaid: no directive or comment can be formed; <, > as entities …
// the Mermaid text has no %% run", and each value still reads as written
// once Mermaid reads its entities.
func TestMermaidOfHostileValues(t *testing.T) {
	for _, o := range hostileParts {
		text, err := ExportPart("mermaid", hostileTitle, hostileGame(t), o)
		if err != nil {
			t.Fatal(err)
		}
		readMermaid(t, text, o.From == 0)
	}
}

// readMermaid checks a diagram of the hostile game: every value in it as
// written when whole.
func readMermaid(t *testing.T, text string, whole bool) {
	t.Helper()
	if strings.Contains(text, "%%") {
		t.Errorf("a %%%% run in:\n%s", text)
	}
	for line := range strings.Lines(text) {
		if _, label, ok := strings.Cut(line, ": "); ok && strings.ContainsAny(label, "<>&") {
			t.Errorf("a raw < > or & in a label: %q", line)
		}
	}
	entity := regexp.MustCompile(`#(\d+);`)
	shown := entity.ReplaceAllStringFunc(text, func(e string) string {
		n, _ := strconv.Atoi(e[1 : len(e)-1])
		return string(rune(n))
	})
	for _, v := range hostileValues {
		if whole && !strings.Contains(shown, "CHOSEN "+v) && !strings.Contains(shown, `"`+v+`"`) && !strings.Contains(shown, strconv.Quote(v)) {
			t.Errorf("%q does not read as written in the diagram", v)
		}
	}
	if !strings.Contains(shown, "(in flight)") || !whole && !strings.Contains(shown, ": start · voted ") {
		t.Errorf("no message in flight, or no vote at the start:\n%s", shown)
	}
}

// "SVG: well-formed XML always", read by Go's XML decoder, even were a
// character XML forbids to reach it.
func TestSVGOfHostileValues(t *testing.T) {
	for _, dark := range []bool{false, true} {
		readXML(t, SVG(hostileGame(t), dark))
	}
	for _, o := range append(hostileParts, Options{From: 18, To: 19, Slide: true}) {
		text, err := ExportPart("svg", hostileTitle, hostileGame(t), o)
		if err != nil {
			t.Fatal(err)
		}
		readXML(t, text)
	}
	readXML(t, "<svg><text>"+esc("\uffff\ufffe\x00\x1b\x7f \xff <&> \"'")+"</text></svg>")
}

func readXML(t *testing.T, doc string) {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(doc))
	for {
		_, err := d.Token()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Fatalf("not well-formed XML: %v", err)
		}
	}
}
