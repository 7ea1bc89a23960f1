package export

import (
	"encoding/xml"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"paxosgame/game"
)

const battle = "../game/testdata/duelling-ballots-17-20-22-42.paxos"

func open(t *testing.T, path string) *game.Game {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	g, err := game.Open(path, string(src))
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// The SVG is valid XML, and its arrows are the trace's deliveries, drops
// and losses: each from its sender to its receiver, from the step that
// sent it to the step it went.
func TestSVGArrowsAreTheTrace(t *testing.T) {
	for _, path := range []string{battle, "../game/testdata/acceptor-crash-restart.paxos", "../game/testdata/clean-run.paxos"} {
		g := open(t, path)
		for _, dark := range []bool{false, true} {
			type line struct {
				Class string `xml:"class,attr"`
				ID    int    `xml:"data-id,attr"`
				From  string `xml:"data-from,attr"`
				To    string `xml:"data-to,attr"`
				Sent  int    `xml:"data-sent,attr"`
				Step  int    `xml:"data-step,attr"`
			}
			var doc struct {
				XMLName xml.Name `xml:"svg"`
				Lines   []line   `xml:"line"`
			}
			if err := xml.Unmarshal([]byte(SVG(g, dark)), &doc); err != nil {
				t.Fatalf("%s: not XML: %v", path, err)
			}
			var want []line
			sent := map[int]int{}
			for _, r := range g.Trace(1, g.Len()) {
				for _, e := range r.Events {
					switch e.Kind {
					case game.EvSend, game.EvDuplicate:
						sent[e.ID] = r.Step
					case game.EvDeliver:
						want = append(want, line{"msg", e.ID, e.Msg.From.String(), e.Msg.To.String(), sent[e.ID], r.Step})
					case game.EvDrop, game.EvLost:
						want = append(want, line{"drop", e.ID, e.Msg.From.String(), e.Msg.To.String(), sent[e.ID], r.Step})
					}
				}
			}
			var got []line
			for _, l := range doc.Lines {
				if l.Class == "msg" || l.Class == "drop" {
					got = append(got, l)
				}
			}
			if len(got) != len(want) {
				t.Fatalf("%s: %d arrows, want %d", path, len(got), len(want))
			}
			for i := range want {
				if got[i] != want[i] {
					t.Errorf("%s: arrow %d is %+v, want %+v", path, i, got[i], want[i])
				}
			}
		}
	}
}

// The Mermaid diagram has the nodes as participants in the screen's
// order and an arrow per delivery with the message's words; the same game
// gives the same bytes.
func TestMermaid(t *testing.T) {
	g := open(t, battle)
	m := Mermaid(g)
	if !strings.HasPrefix(m, "sequenceDiagram\n    participant P1\n    participant P2\n") {
		t.Errorf("participants:\n%s", m[:120])
	}
	for _, want := range []string{"P2->>A1: prepare 17\n", "A1->>P2: promise 17 · no vote\n", "A1->>P2: refuse 17 · promised 20\n"} {
		if !strings.Contains(m, want) {
			t.Errorf("no %q", want)
		}
	}
	deliveries := 0
	for _, r := range g.Trace(1, g.Len()) {
		deliveries += len(r.Delivered())
	}
	if n := strings.Count(m, "->>"); n != deliveries {
		t.Errorf("%d arrows, want %d deliveries", n, deliveries)
	}
	if Mermaid(open(t, battle)) != m {
		t.Error("two exports of one game differ")
	}
}

func TestMarkdownHandout(t *testing.T) {
	md := Markdown("battle", open(t, battle))
	for _, want := range []string{"# battle\n", "```paxos\n", "**1 · `propose P2 17 \"8 EUR\"`**", "```mermaid\nsequenceDiagram\n"} {
		if !strings.Contains(md, want) {
			t.Errorf("no %q in the handout", want)
		}
	}
	_ = strconv.Itoa
}

// No label of the SVG covers another label or an arrow's head, and none
// runs off the lanes' side of the picture: each label's box is worked out
// from the SVG alone (its centre, its turn, its length in a monospace
// font of 0.6 em), for every run of the game's test scripts.
func TestSVGLabelsOverlapNothing(t *testing.T) {
	paths, err := filepath.Glob("../game/testdata/*.paxos")
	if err != nil || len(paths) < 3 {
		t.Fatalf("%d scripts, %v", len(paths), err)
	}
	for _, path := range paths {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		g, err := game.Open(path, string(src))
		if err != nil {
			continue // a script of a refusal, for the game's own tests
		}
		var doc struct {
			Width int `xml:"width,attr"`
			Lines []struct {
				Class string  `xml:"class,attr"`
				X2    float64 `xml:"x2,attr"`
				Y2    float64 `xml:"y2,attr"`
			} `xml:"line"`
			Texts []struct {
				Class     string  `xml:"class,attr"`
				X         float64 `xml:"x,attr"`
				Y         float64 `xml:"y,attr"`
				Transform string  `xml:"transform,attr"`
				Text      string  `xml:",chardata"`
			} `xml:"text"`
		}
		if err := xml.Unmarshal([]byte(SVG(g, false)), &doc); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		var labels, heads []poly
		var names []string
		for _, l := range doc.Lines {
			if l.Class == "msg" {
				heads = append(heads, rect(l.X2-6, l.Y2-6, l.X2+6, l.Y2+6))
			}
		}
		for _, tx := range doc.Texts {
			if tx.Class != "label" {
				continue
			}
			angle := 0.0
			if tx.Transform != "" {
				fmt.Sscanf(tx.Transform, "rotate(%g", &angle)
			}
			a := angle * math.Pi / 180
			u, up := pt{math.Cos(a), math.Sin(a)}, pt{math.Sin(a), -math.Cos(a)}
			half := u.scale(float64(len([]rune(tx.Text))) * 0.6 * 10 / 2)
			base := pt{tx.X, tx.Y}
			lo, hi := up.scale(-2), up.scale(7.5)
			p := poly{base.add(half.scale(-1)).add(lo), base.add(half).add(lo), base.add(half).add(hi), base.add(half.scale(-1)).add(hi)}
			for _, v := range p {
				if v.x < leftW || v.x > float64(doc.Width) {
					t.Errorf("%s: %q runs off the lanes", path, tx.Text)
				}
			}
			for j, q := range labels {
				if p.overlaps(q) {
					t.Errorf("%s: %q covers %q", path, tx.Text, names[j])
				}
			}
			for _, h := range heads {
				if p.overlaps(h) {
					t.Errorf("%s: %q covers an arrow head", path, tx.Text)
				}
			}
			labels, names = append(labels, p), append(names, tx.Text)
		}
		deliveries := 0
		for _, r := range g.Trace(1, g.Len()) {
			deliveries += len(r.Delivered())
		}
		if len(labels) != deliveries {
			t.Errorf("%s: %d labels for %d deliveries", path, len(labels), deliveries)
		}
	}
}

// The geometry the labels are placed with: boxes that share an edge do
// not overlap, a line through a box does, a line beside it does not.
func TestPolygonOverlap(t *testing.T) {
	a := rect(0, 0, 10, 10)
	for _, c := range []struct {
		q    poly
		want bool
	}{
		{rect(5, 5, 15, 15), true},
		{rect(10, 0, 20, 10), false},
		{rect(2, 2, 3, 3), true},
		{poly{{-5, 5}, {15, 6}}, true},
		{poly{{-5, -1}, {15, -3}}, false},
		{poly{{12, -5}, {22, 5}}, false},
		{poly{{5, 5}, {6, 6}}, true},
		{poly{{-10, 15}, {15, -10}}, true},
		{poly{{-10, 11}, {11, -10}}, true},
		{poly{{-10, 9}, {9, -10}}, false},
	} {
		if got := a.overlaps(c.q); got != c.want || c.q.overlaps(a) != c.want {
			t.Errorf("%v overlaps %v: %v", c.q, a, got)
		}
	}
}
