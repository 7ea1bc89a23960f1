package export

import (
	"cmp"
	"encoding/xml"
	"os"
	"slices"
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
// and losses, and then the messages still in flight at the end (class
// flight, step 0): each from its sender to its receiver, from the step
// that sent it to the step it went.
func TestSVGArrowsAreTheTrace(t *testing.T) {
	for _, path := range []string{battle, "../game/testdata/acceptor-crash-restart.paxos", "../game/testdata/clean-run.paxos", "../game/testdata/duplicates.paxos"} {
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
					m, _ := game.MessageOf(e)
					switch e.Kind() {
					case game.EvSend, game.EvDuplicate:
						sent[m.ID] = r.Step
					case game.EvDeliver:
						want = append(want, line{"msg", m.ID, m.Msg.From.String(), m.Msg.To.String(), sent[m.ID], r.Step})
					case game.EvDrop, game.EvLost:
						want = append(want, line{"drop", m.ID, m.Msg.From.String(), m.Msg.To.String(), sent[m.ID], r.Step})
					}
				}
			}
			var flight []line
			for _, e := range g.World().InFlight() {
				flight = append(flight, line{"flight", e.ID, e.Msg.From.String(), e.Msg.To.String(), sent[e.ID], 0})
			}
			slices.SortStableFunc(flight, func(a, b line) int { return cmp.Compare(a.ID, b.ID) })
			want = append(want, flight...)
			var got []line
			for _, l := range doc.Lines {
				if l.Class == "msg" || l.Class == "drop" || l.Class == "flight" {
					got = append(got, l)
				}
			}
			if len(got) != len(want) {
				t.Fatalf("%s: %d arrows, want %d", path, len(got), len(want))
			}
			// The messages in flight go in rows of their own, in any order.
			slices.SortStableFunc(got[len(got)-len(flight):], func(a, b line) int { return cmp.Compare(a.ID, b.ID) })
			for i := range want {
				if got[i] != want[i] {
					t.Errorf("%s: arrow %d is %+v, want %+v", path, i, got[i], want[i])
				}
			}
		}
	}
}

// The Mermaid diagram has the nodes that act as participants in the
// screen's order and an arrow per delivery with the message's words; the
// same game gives the same bytes.
func TestMermaid(t *testing.T) {
	g := open(t, battle)
	m := Mermaid(g)
	if !strings.HasPrefix(m, "sequenceDiagram\n    participant P2\n    participant P5\n    participant A1\n    participant A2\n    participant A3\n    Note") {
		t.Errorf("participants:\n%s", m[:160])
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

// "The Mermaid notes all sit "over P1" and idle P1, P4, P5 get lanes"
// (issue 23): a step's note is over the nodes it involves; the start's
// votes are notes over their acceptors; a vote is marked ■ on the arrow
// it answers; the messages in flight at the end are open arrows.
func TestMermaidNotesAndMarks(t *testing.T) {
	m := Mermaid(open(t, "../game/testdata/promise-reports-vote-5eur-in-10.paxos"))
	for _, want := range []string{
		"    Note over A1: start · voted 10 \"5 EUR\"\n    Note over A2: start · voted 9 \"6 EUR\"\n",
		"    Note over P2: 1 · propose P2 17 \"7 EUR\"\n",
		"    Note over P2,A1: 2 · deliver 1a P2-#62;A1\n    P2->>A1: prepare 17\n",
		"    P2->>A2: accept 17 \"5 EUR\" · ■ voted\n",
		"    Note over A2,A3: ★ CHOSEN 5 EUR in ballot 17\n",
		"    Note over P2,L2: 9 · deliver all\n",
	} {
		if !strings.Contains(m, want) {
			t.Errorf("no %q in\n%s", want, m)
		}
	}
	if strings.Contains(m, "participant P1") || strings.Contains(m, "participant P5") {
		t.Errorf("idle proposers have lanes:\n%s", m)
	}
	b := Mermaid(open(t, battle))
	if !strings.Contains(b, "    Note over P2,A3: still in flight at the end\n    A3--)P2: promise 17 · no vote (in flight)\n") || strings.Count(b, "(in flight)") != 15 {
		t.Errorf("the battle's messages in flight:\n%s", b[strings.LastIndex(b, "Note"):])
	}
	v := Mermaid(open(t, "../game/testdata/rule-keep-promise-off.paxos"))
	if !strings.Contains(v, "    Note over A1,A2: ✗ VIOLATION: Agreement fails: 8 EUR is chosen in ballot 17 (A1, A2), but 10 EUR was already chosen\n") {
		t.Errorf("no VIOLATION note:\n%s", v)
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

// A script with a setup and no step exports in every format (an SVG of
// one panicked: it has no row to draw the lanes down to), and the SVG is
// well-formed XML.
func TestExportOfASetupAlone(t *testing.T) {
	g, err := game.Open("start.paxos", "config proposers 5 acceptors 3 learners 2\nset A1 voted 10 \"5 EUR\"\nset A2 promised 10\n")
	if err != nil {
		t.Fatal(err)
	}
	for _, format := range []string{"mermaid", "svg", "svg-dark", "markdown"} {
		text, err := Export(format, "start", g)
		if err != nil {
			t.Fatalf("%s: %v", format, err)
		}
		if strings.HasPrefix(format, "svg") {
			d := xml.NewDecoder(strings.NewReader(text))
			for {
				if _, err := d.Token(); err != nil {
					if err.Error() != "EOF" {
						t.Errorf("%s: %v", format, err)
					}
					break
				}
			}
		}
	}
	if _, err := ExportPart("svg", "start", g, Options{Slide: true}); err != nil {
		t.Errorf("a slide: %v", err)
	}
}
