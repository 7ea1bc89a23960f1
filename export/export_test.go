package export

import (
	"encoding/xml"
	"os"
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
