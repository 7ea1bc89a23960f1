package export

import (
	"encoding/xml"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"paxosgame/game"
)

// svgDoc is what the tests read of an SVG.
type svgDoc struct {
	Width    string  `xml:"width,attr"`
	Height   string  `xml:"height,attr"`
	ViewBox  string  `xml:"viewBox,attr"`
	FontSize float64 `xml:"font-size,attr"`
	Lines    []struct {
		Class string  `xml:"class,attr"`
		ID    int     `xml:"data-id,attr"`
		To    string  `xml:"data-to,attr"`
		Sent  int     `xml:"data-sent,attr"`
		X1    float64 `xml:"x1,attr"`
		Y1    float64 `xml:"y1,attr"`
		X2    float64 `xml:"x2,attr"`
		Y2    float64 `xml:"y2,attr"`
		Title string  `xml:"title"`
	} `xml:"line"`
	Texts []struct {
		Class     string  `xml:"class,attr"`
		X         float64 `xml:"x,attr"`
		Y         float64 `xml:"y,attr"`
		Transform string  `xml:"transform,attr"`
		Text      string  `xml:",chardata"`
	} `xml:"text"`
	Rects []struct {
		Class string `xml:"class,attr"`
	} `xml:"rect"`
	Paths []struct {
		Class string `xml:"class,attr"`
		D     string `xml:"d,attr"`
	} `xml:"path"`
	Polygons []struct {
		Class  string `xml:"class,attr"`
		Points string `xml:"points,attr"`
		Fill   string `xml:"fill,attr"`
	} `xml:"polygon"`
}

func readSVG(t *testing.T, s string) svgDoc {
	t.Helper()
	var doc svgDoc
	if err := xml.Unmarshal([]byte(s), &doc); err != nil {
		t.Fatalf("not XML: %v", err)
	}
	return doc
}

// texts is the text of each <text> of class class, in order.
func (d svgDoc) texts(class string) []string {
	var out []string
	for _, tx := range d.Texts {
		if tx.Class == class {
			out = append(out, tx.Text)
		}
	}
	return out
}

// lanes is each node's lane: the x of its name.
func (d svgDoc) lanes() map[string]float64 {
	out := map[string]float64{}
	for _, tx := range d.Texts {
		if tx.Class == "name" {
			out[tx.Text] = tx.X
		}
	}
	return out
}

func (d svgDoc) count(class string) (n int) {
	for _, r := range d.Rects {
		if r.Class == class {
			n++
		}
	}
	return n
}

// scripts is every test script that the game opens (some are refusals,
// for the game's own tests).
func scripts(t *testing.T) map[string]*game.Game {
	t.Helper()
	paths, err := filepath.Glob("../game/testdata/*.paxos")
	if err != nil || len(paths) < 20 {
		t.Fatalf("%d scripts, %v", len(paths), err)
	}
	out := map[string]*game.Game{}
	for _, path := range paths {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if g, err := game.Open(path, string(src)); err == nil {
			out[filepath.Base(path)] = g
		}
	}
	return out
}

// labelBox is the box of a label's text as a browser draws it, from the
// SVG alone: its baseline's centre, its turn, its length in a monospace
// font of 0.6 em and the font's height.
func labelBox(x, y float64, transform, text string, font float64) poly {
	angle := 0.0
	if transform != "" {
		fmt.Sscanf(transform, "rotate(%g", &angle)
	}
	a := angle * math.Pi / 180
	u, up := pt{math.Cos(a), math.Sin(a)}, pt{math.Sin(a), -math.Cos(a)}
	half := u.scale(float64(len([]rune(text))) * 0.6 * font / 2)
	base := pt{x, y}
	lo, hi := up.scale(-0.2*font), up.scale(0.75*font)
	return poly{base.add(half.scale(-1)).add(lo), base.add(half).add(lo), base.add(half).add(hi), base.add(half.scale(-1)).add(hi)}
}

func parsePoly(points string) poly {
	var p poly
	for _, xy := range strings.Fields(points) {
		x, y, _ := strings.Cut(xy, ",")
		fx, _ := strconv.ParseFloat(x, 64)
		fy, _ := strconv.ParseFloat(y, 64)
		p = append(p, pt{fx, fy})
	}
	return p
}

// contains reports whether convex polygon p holds point v.
func (p poly) contains(v pt) bool {
	sign := 0.0
	for i := range p {
		a, b := p[i], p[(i+1)%len(p)]
		c := (b.x-a.x)*(v.y-a.y) - (b.y-a.y)*(v.x-a.x)
		if math.Abs(c) < 1e-6 {
			continue
		}
		if sign == 0 {
			sign = c
		} else if sign*c < 0 {
			return false
		}
	}
	return true
}

// "Labels as large as the text … drops labelled … no arrow through a
// label … keep labels whole" (issues 22 and 23): in the SVG of every test
// script, on a page and on a slide, each arrow — delivered, dropped,
// lost, in flight — has its message's words whole as its label, or a
// footnote [n] that has them whole; labels are the text's size; each
// stands on a plate of the background that covers its text, so that no
// lane or arrow shows through it; no label covers another or an arrow's
// head.
func TestSVGLabelsWholeAndClear(t *testing.T) {
	for name, g := range scripts(t) {
		for _, slide := range []bool{false, true} {
			o := Options{Slide: slide}
			s, err := ExportPart("svg", name, g, o)
			for ; err != nil && slide && g.Len() > 1; o.To-- {
				// The first steps that fit a slide.
				if o.To == 0 {
					o.To = g.Len()
				}
				s, err = ExportPart("svg", name, g, o)
			}
			if err != nil {
				t.Errorf("%s, slide %v: %v", name, slide, err)
				continue
			}
			doc := readSVG(t, s)
			font := doc.FontSize
			if want := map[bool]float64{false: pageFont, true: SlideFont}[slide]; font != want {
				t.Errorf("%s: font size %g, want %g", name, font, want)
			}
			var want []string // each arrow's words, in the arrows' order
			for _, l := range doc.Lines {
				if l.Class == "msg" || l.Class == "drop" || l.Class == "flight" {
					_, words, _ := strings.Cut(l.Title, " ")
					words, _, _ = strings.Cut(words, " (")
					want = append(want, words)
				}
			}
			labels, notes := doc.texts("label"), doc.texts("note")
			if len(labels) != len(want) {
				t.Errorf("%s: %d labels for %d arrows", name, len(labels), len(want))
				continue
			}
			for i, l := range labels {
				if l == want[i] {
					continue
				}
				n, err := strconv.Atoi(strings.Trim(l, "[]"))
				if err != nil || n < 1 || n > len(notes) || !strings.HasSuffix(notes[n-1], ": "+want[i]) {
					t.Errorf("%s: label %q, want %q or a footnote with it", name, l, want[i])
				}
			}
			var plates, heads []poly
			for _, pg := range doc.Polygons {
				if pg.Class == "plate" {
					if pg.Fill != svgLight.bg {
						t.Errorf("%s: a plate of %s", name, pg.Fill)
					}
					plates = append(plates, parsePoly(pg.Points))
				}
			}
			for _, l := range doc.Lines {
				if l.Class == "msg" {
					r := 0.45 * font
					heads = append(heads, rect(l.X2-r, l.Y2-r, l.X2+r, l.Y2+r))
				}
			}
			i := 0
			for _, tx := range doc.Texts {
				if tx.Class != "label" {
					continue
				}
				box, plate := labelBox(tx.X, tx.Y, tx.Transform, tx.Text, font), plates[i]
				for _, v := range box {
					if !plate.contains(v) {
						t.Errorf("%s: the plate of %q leaves %v of its text uncovered", name, tx.Text, v)
						break
					}
				}
				for j, q := range plates[:i] {
					if plate.overlaps(q) {
						t.Errorf("%s: %q covers %q", name, tx.Text, labels[j])
					}
				}
				for _, h := range heads {
					if box.overlaps(h) {
						t.Errorf("%s: %q covers an arrow head", name, tx.Text)
					}
				}
				i++
			}
		}
	}
}

// "Every row numbered (the extra rows of a deliver all too)" (issue 22):
// the rows of deliver all are 18, 18.2, 18.3 …, and the start is row 0
// when the part starts with something to show.
func TestSVGNumbersEveryRow(t *testing.T) {
	for name, g := range scripts(t) {
		p := whole(g)
		doc := readSVG(t, SVG(g, false))
		nums := doc.texts("num")
		want := p.numRows()
		if p.hasStart() {
			want++
		}
		if len(nums) != want {
			t.Errorf("%s: %d numbers for %d rows", name, len(nums), want)
		}
	}
	doc := readSVG(t, SVG(open(t, "../game/testdata/lost-messages-new-round.paxos"), false))
	if got := strings.Join(doc.texts("num"), " "); !strings.HasSuffix(got, " 17 18 18.2 18.3 18.4") {
		t.Errorf("the numbers end %q", got)
	}
}

// "A drop's ✗ can land on another node's lane (lost-messages: "drop 1a
// P2->A3" ends on P5's lane …)" (issue 22): each dropped or lost message's
// line ends beside its receiver's lane, and its ✗ is on that lane.
func TestSVGDropsEndOnTheirOwnLane(t *testing.T) {
	for name, g := range scripts(t) {
		doc := readSVG(t, SVG(g, false))
		lanes := doc.lanes()
		var crosses []float64
		for _, p := range doc.Paths {
			if p.Class == "drop" {
				var x, y, k float64
				fmt.Sscanf(p.D, "M%g,%g l%g", &x, &y, &k)
				crosses = append(crosses, x+k/2)
			}
		}
		i := 0
		for _, l := range doc.Lines {
			if l.Class != "drop" {
				continue
			}
			lane := lanes[l.To]
			if math.Abs(l.X2-lane) > 0.7*pageFont || math.Abs(crosses[i]-lane) > 0.1 {
				t.Errorf("%s: the drop of #%d to %s ends at %g, its ✗ at %g; the lane is at %g", name, l.ID, l.To, l.X2, crosses[i], lane)
			}
			i++
		}
		if i != len(crosses) {
			t.Errorf("%s: %d drops, %d ✗", name, i, len(crosses))
		}
	}
}

// "The SVG does not draw the start's votes from set lines, leaves A3's
// vote unmarked, leaves out messages still in flight … and keeps three
// empty lanes" (issue 23): the start's votes and promises are written on
// their lanes, every vote is a ■ (the start's and each step's, by hand
// too), every message in flight at the end is a dotted arrow, and a node
// that never acts has no lane unless AllLanes.
func TestSVGStartVotesInFlightAndLanes(t *testing.T) {
	g := open(t, "../game/testdata/promise-reports-vote-5eur-in-10.paxos")
	doc := readSVG(t, SVG(g, false))
	if got := strings.Join(doc.texts("start"), " | "); got != `voted 10 "5 EUR" | voted 9 "6 EUR"` {
		t.Errorf("the start's notes: %q", got)
	}
	for name, g := range scripts(t) {
		p := whole(g)
		doc := readSVG(t, SVG(g, false))
		votes := 0
		for _, s := range p.startState() {
			if !s.voted.None() {
				votes++
			}
		}
		for _, r := range p.rows {
			for _, e := range r.Events {
				if _, ok := vote(e); ok {
					votes++
				}
			}
		}
		if n := doc.count("vote"); n != votes {
			t.Errorf("%s: %d votes marked, want %d", name, n, votes)
		}
		flight := 0
		for _, l := range doc.Lines {
			if l.Class == "flight" {
				flight++
			}
		}
		if flight != g.World().NumInFlight() {
			t.Errorf("%s: %d arrows in flight, want %d", name, flight, g.World().NumInFlight())
		}
	}
	battle := open(t, battle)
	if got := strings.Join(readSVG(t, SVG(battle, false)).texts("name"), " "); got != "P2 P5 A1 A2 A3" {
		t.Errorf("the battle's lanes: %s", got)
	}
	s, err := ExportPart("svg", "battle", battle, Options{AllLanes: true})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(readSVG(t, s).texts("name"), " "); got != "P1 P2 P3 P4 P5 A1 A2 A3 L1 L2" {
		t.Errorf("all lanes: %s", got)
	}
}

// "VIOLATION has no ✗ where CHOSEN has ★" (issue 22).
func TestSVGMarksChosenAndViolation(t *testing.T) {
	doc := readSVG(t, SVG(open(t, "../game/testdata/rule-keep-promise-off.paxos"), false))
	chosen, violation := doc.texts("chosen"), doc.texts("violation")
	if len(chosen) != 1 || !strings.HasPrefix(chosen[0], "★ CHOSEN: 10 EUR in ballot 20") {
		t.Errorf("CHOSEN: %q", chosen)
	}
	if len(violation) != 1 || !strings.HasPrefix(violation[0], "✗ VIOLATION: Agreement fails: 8 EUR is chosen in ballot 17") {
		t.Errorf("VIOLATION: %q", violation)
	}
}

// "export --from N --to M … to cut a run" (issue 22): steps 12 to 20 of
// the battle are rows 12 to 20 after a start row 11 ("as step 11 left
// it", with the promises it left); a message sent before step 12 starts
// at the start row (sent 0); the arrows are the trace's of those steps.
func TestSVGPartOfARun(t *testing.T) {
	g := open(t, battle)
	s, err := ExportPart("svg", "battle", g, Options{From: 12, To: 20})
	if err != nil {
		t.Fatal(err)
	}
	doc := readSVG(t, s)
	nums := doc.texts("num")
	if strings.Join(nums, " ") != "11 12 13 14 15 16 17 18 19 20" {
		t.Errorf("rows %v", nums)
	}
	if got := strings.Join(doc.texts("start"), " | "); got != "promised 20 | promised 20 | promised 20" {
		t.Errorf("the start's notes: %q", got)
	}
	deliveries, before := 0, 0
	for _, r := range g.Trace(12, 20) {
		deliveries += len(r.Delivered())
	}
	for _, l := range doc.Lines {
		if l.Class == "msg" {
			deliveries--
			if l.Sent == 0 {
				before++
			}
		}
	}
	if deliveries != 0 || before == 0 {
		t.Errorf("%d deliveries not drawn; %d sent before step 12", deliveries, before)
	}
	for _, o := range []Options{{From: 0, To: 45}, {From: 20, To: 12}, {From: -1}, {From: 45}} {
		if _, err := ExportPart("svg", "battle", g, o); err == nil || !strings.Contains(err.Error(), "the run has steps 1 to 44") {
			t.Errorf("%+v: %v", o, err)
		}
	}
}

// "A --slide size that fits 16:9 with labels at least 18 px when shown at
// 1920×1080" (issue 22): a slide is 1920×1080 pixels, its view 16:9 and
// no wider than 1920 units, so that its 18-unit text is 18 px or more;
// a part too long for one says which parts fit, and each of them does.
func TestSVGSlide(t *testing.T) {
	g := open(t, battle)
	_, err := ExportPart("svg", "battle", g, Options{Slide: true})
	long, ok := errors.AsType[*TooLongForASlide](err)
	if !ok || !strings.HasPrefix(err.Error(), "the run's 44 steps take more rows than a slide holds at 18 px; steps 1–") {
		t.Fatalf("the whole battle on a slide: %v", err)
	}
	for _, r := range long.Parts {
		o := Options{From: r[0], To: r[1], Slide: true}
		for _, format := range []string{"svg", "svg-dark"} {
			s, err := ExportPart(format, "battle", g, o)
			if err != nil {
				t.Fatalf("%v: %v", r, err)
			}
			doc := readSVG(t, s)
			var vx, vy, vw, vh float64
			fmt.Sscanf(doc.ViewBox, "%g %g %g %g", &vx, &vy, &vw, &vh)
			if doc.Width != "1920" || doc.Height != "1080" || math.Abs(vw/vh-16.0/9) > 0.01 || vw > SlideWidth || doc.FontSize < SlideFont {
				t.Errorf("%v: %s×%s, view %s, font %g: text at %.1f px", r, doc.Width, doc.Height, doc.ViewBox, doc.FontSize, doc.FontSize*SlideWidth/vw)
			}
		}
	}
	if n := len(long.Parts); n < 3 || n > 6 || long.Parts[0][0] != 1 || long.Parts[n-1][1] != 44 {
		t.Errorf("parts %v", long.Parts)
	}
	if _, err := ExportPart("mermaid", "battle", g, Options{Slide: true}); err == nil {
		t.Error("--slide with mermaid: no error")
	}
}

// Every node of a cluster of nine acceptors still fits a slide's width.
func TestSVGSlideOfNineAcceptors(t *testing.T) {
	g, err := game.Open("nine.paxos", "config proposers 5 acceptors 9 learners 3\npropose P1\ndeliver all\n")
	if err != nil {
		t.Fatal(err)
	}
	s, err := ExportPart("svg", "nine", g, Options{Slide: true, AllLanes: true, To: 1})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(readSVG(t, s).texts("name")); n != 17 {
		t.Errorf("%d lanes", n)
	}
}
