// Package export turns a game's run into a Mermaid sequence diagram, an
// SVG space-time diagram and a Markdown handout, for slides and exam
// sheets. Each reads the game's trace (game.Game.Trace) and the one
// narrator; the same game always gives the same bytes.
package export

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"paxosgame/game"
	"paxosgame/narrate"
	"paxosgame/paxos"
)

// Formats are the names of the formats, as --format takes them.
var Formats = []string{"mermaid", "svg", "svg-dark", "markdown", "cast"}

// MaxSteps is the most steps an export draws: far more than a slide or a
// handout shows, and few enough that the longest export takes seconds and
// some 200 MB (an SVG of 1,000 steps of nine acceptors: 1.7 s, 146 MB),
// where a game of game.MaxSteps would take minutes and gigabytes. A
// longer game exports a part of it (Options.From, To).
const MaxSteps = 1000

// exportable refuses a game too long to export whole.
func exportable(g *game.Game) error {
	if g.Len() > MaxSteps {
		return fmt.Errorf("the run has %d steps, and an export draws at most %d: export a shorter script, or a part of it with --from and --to", g.Len(), MaxSteps)
	}
	return nil
}

// ExportPart writes the part of g's run that o picks in format: the
// steps o.From to o.To, at most MaxSteps of them. A cast is
// DefaultCast's, of those steps.
func ExportPart(format, title string, g *game.Game, o Options) (string, error) {
	if !slices.Contains(Formats, format) {
		return "", fmt.Errorf("unknown format %q: one of %s, or exam for a scenario's exam sheet", format, strings.Join(Formats, ", "))
	}
	if o.Slide && format != "svg" && format != "svg-dark" {
		return "", errors.New("--slide goes with --format svg or svg-dark")
	}
	p, err := cut(g, o)
	if err != nil {
		return "", err
	}
	switch format {
	case "mermaid":
		return mermaidOf(p, false), nil
	case "svg", "svg-dark":
		return svgOf(p, format == "svg-dark", o.Slide)
	case "markdown":
		return markdownOf(title, p), nil
	}
	if o.Screen == nil {
		return "", errNoCast
	}
	co := o.Cast
	if co == (CastOptions{}) {
		co = DefaultCast
	}
	co.From, co.To = p.from, p.to
	return o.Screen(g, title, co), nil
}

// compactConfig is the front matter of a handout's diagrams (Mermaid 10.5
// and later read it): narrow actor boxes close together and none at the
// foot, so that seven lanes fit a page's width at a size that reads.
const compactConfig = "---\nconfig:\n  sequence:\n    mirrorActors: false\n    actorMargin: 16\n    width: 56\n    height: 40\n    boxMargin: 6\n    noteMargin: 6\n---\n"

// mermaidOf is part p as a Mermaid sequenceDiagram: the nodes that act
// as participants (see part.lanes), in the order of the screen; a note
// over each acceptor that starts with a promise or a vote; each step a
// note over the nodes it involves, with its number and command; each
// delivered message an arrow from its sender to its receiver, labelled
// with what it says, "■ voted" when the receiver votes for it; a dropped
// message, or one lost at a crashed node, a lost arrow (-x); notes for a
// vote by hand, CHOSEN (★), VIOLATION (✗), crash and restart; the
// messages still in flight at the end as open arrows (--)) after a note
// that says so. compact is a handout's diagram, beside the steps' words:
// narrow (compactConfig), a step's note its number alone.
func mermaidOf(p *part, compact bool) string {
	var b strings.Builder
	inFlight := " (in flight)"
	if compact {
		b.WriteString(compactConfig)
		inFlight = ""
	}
	b.WriteString("sequenceDiagram\n")
	for _, id := range p.nodes {
		fmt.Fprintf(&b, "    participant %s\n", id)
	}
	for _, s := range p.startState() {
		fmt.Fprintf(&b, "    Note over %s: start · %s\n", s.node, mermaidText(s.text()))
	}
	for _, r := range p.rows {
		if compact {
			fmt.Fprintf(&b, "    Note over %s: %d\n", p.span(stepNodes(r)), r.Step)
		} else {
			fmt.Fprintf(&b, "    Note over %s: %d · %s\n", p.span(stepNodes(r)), r.Step, mermaidText(r.Cmd.String()))
		}
		for _, e := range r.Events {
			switch e := e.(type) {
			case game.Deliver:
				voted := ""
				if _, ok := vote(e); ok {
					voted = " · ■ voted"
				}
				fmt.Fprintf(&b, "    %s->>%s: %s%s\n", e.Msg.From, e.Msg.To, mermaidText(e.Msg.Summary()), voted)
			case game.Drop:
				fmt.Fprintf(&b, "    %s-x%s: %s (dropped)\n", e.Msg.From, e.Msg.To, mermaidText(e.Msg.Summary()))
			case game.Lost:
				fmt.Fprintf(&b, "    %s-x%s: %s (lost: %s is down)\n", e.Msg.From, e.Msg.To, mermaidText(e.Msg.Summary()), e.Msg.To)
			case game.Act:
				switch e.Verb {
				case game.VCrash:
					fmt.Fprintf(&b, "    Note over %s: %s crashes\n", e.Node, e.Node)
				case game.VRestart:
					fmt.Fprintf(&b, "    Note over %s: %s restarts\n", e.Node, e.Node)
				case game.VVote:
					if _, ok := vote(e); ok {
						fmt.Fprintf(&b, "    Note over %s: ■ %s votes %s\n", e.Node, e.Node, mermaidText(e.Vote.String()))
					}
				}
			case game.Chosen:
				fmt.Fprintf(&b, "    Note over %s: ★ CHOSEN %s in ballot %d\n", p.span(acceptors(e.By)), mermaidText(string(e.Vote.Value)), e.Vote.Ballot)
			case game.Violation:
				fmt.Fprintf(&b, "    Note over %s: ✗ VIOLATION: %s\n", p.span(append(acceptors(e.By), e.Node)), mermaidText(strings.TrimSuffix(narrate.Violation(e), ".")))
			}
		}
	}
	if fl := p.end.InFlight(); len(fl) > 0 {
		fmt.Fprintf(&b, "    Note over %s: still in flight at the end\n", p.span(p.nodes))
		for _, e := range fl {
			fmt.Fprintf(&b, "    %s--)%s: %s%s\n", e.Msg.From, e.Msg.To, mermaidText(e.Msg.Summary()), inFlight)
		}
	}
	return b.String()
}

// stepNodes is the nodes a step involves: those that act in it, and
// those of each message it delivers, drops or loses.
func stepNodes(r game.TraceRow) []paxos.NodeID {
	var out []paxos.NodeID
	for _, e := range r.Events {
		if act, ok := e.(game.Act); ok && act.Node.Role != 0 {
			out = append(out, act.Node)
		} else if m, ok := game.MessageOf(e); ok && e.Kind() != game.EvSend {
			out = append(out, m.Msg.From, m.Msg.To)
		}
	}
	return out
}

// acceptors is the acceptors of set s.
func acceptors(s paxos.Set) []paxos.NodeID {
	var out []paxos.NodeID
	for _, n := range s.Members() {
		out = append(out, paxos.A(n))
	}
	return out
}

// span is where a note over nodes goes: over the first and the last of
// them that have a lane, in the lanes' order (over one, when only one
// has); over the first lane when none has.
func (p *part) span(nodes []paxos.NodeID) string {
	first, last := -1, -1
	for i, id := range p.nodes {
		if slices.Contains(nodes, id) {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	switch {
	case first < 0:
		return p.nodes[0].String()
	case first == last:
		return p.nodes[first].String()
	}
	return p.nodes[first].String() + "," + p.nodes[last].String()
}

// mermaidText keeps a label on its line and out of Mermaid's syntax, and
// shows it as written: a semicolon ends a statement, # starts an entity,
// %% a comment or a directive (%%{init: …}%%), and < and > make HTML in
// a label; each is written as its entity (#37; for %), so that no %%
// is ever formed. & too, so that "&lt;" reads as written.
func mermaidText(s string) string { return mermaidEscaper.Replace(game.Printable(s)) }

var mermaidEscaper = strings.NewReplacer(";", "#59;", "#", "#35;", "%", "#37;", "<", "#60;", ">", "#62;", "&", "#38;", "\n", " ")

// mdText is s as CommonMark text that shows s as it is: printable (see
// game.Printable), with a backslash before each ASCII character that could
// start markup: HTML and autolinks (<), entities (&), links and images
// ([ ] !), code spans, emphasis, strikethrough and tables, and a backslash
// itself. (Every line mdText writes starts with markup of the handout's
// own, so no block can start inside it.)
func mdText(s string) string { return mdEscaper.Replace(game.Printable(s)) }

var mdEscaper = func() *strings.Replacer {
	var pairs []string
	for _, c := range "\\`*_~[]<>&!|" {
		pairs = append(pairs, string(c), "\\"+string(c))
	}
	return strings.NewReplacer(pairs...)
}()

// mdCode is s as a CommonMark code span: inside backticks more than the
// longest run of them in s, where nothing is markup.
func mdCode(s string) string {
	s = game.Printable(s)
	fence := strings.Repeat("`", longestRun(s, '`')+1)
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") {
		s = " " + s + " "
	}
	return fence + s + fence
}

// mdBlock writes text as a fenced code block of the language: fenced with
// more backticks than any run in it (at least three), so that no line of
// it closes the block.
func mdBlock(b *strings.Builder, lang, text string) {
	fence := strings.Repeat("`", max(3, longestRun(text, '`')+1))
	b.WriteString(fence + lang + "\n")
	for line := range strings.Lines(text) {
		b.WriteString(game.Printable(strings.TrimSuffix(line, "\n")) + "\n")
	}
	b.WriteString(fence + "\n")
}

// longestRun is the length of the longest run of c in s.
func longestRun(s string, c byte) int {
	most, n := 0, 0
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			n++
			most = max(most, n)
		} else {
			n = 0
		}
	}
	return most
}
