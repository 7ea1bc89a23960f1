// Package export turns a game's run into a Mermaid sequence diagram, an
// SVG space-time diagram and a Markdown handout, for slides and exam
// sheets. Each reads the game's trace (game.Game.Trace) and the one
// narrator; the same game always gives the same bytes.
package export

import (
	"fmt"
	"strings"

	"paxosgame/game"
	"paxosgame/paxos"
)

// Formats are the names of the formats, as --format takes them.
var Formats = []string{"mermaid", "svg", "svg-dark", "markdown", "cast"}

// MaxSteps is the most steps an export draws: far more than a slide or a
// handout shows, and few enough that the longest export takes seconds and
// some 200 MB (an SVG of 1,000 steps of nine acceptors: 4 s, 165 MB), where
// a game of game.MaxSteps would take minutes and gigabytes.
const MaxSteps = 1000

// exportable refuses a game too long to export.
func exportable(g *game.Game) error {
	if g.Len() > MaxSteps {
		return fmt.Errorf("the run has %d steps, and an export draws at most %d: export a shorter script", g.Len(), MaxSteps)
	}
	return nil
}

// Export writes game g in format (one of Formats); title names the run. A
// cast is DefaultCast's.
func Export(format, title string, g *game.Game) (string, error) {
	if err := exportable(g); err != nil {
		return "", err
	}
	switch format {
	case "mermaid":
		return Mermaid(g), nil
	case "svg":
		return SVG(g, false), nil
	case "svg-dark":
		return SVG(g, true), nil
	case "markdown":
		return Markdown(title, g), nil
	case "cast":
		if Cast == nil {
			return "", errNoCast
		}
		return Cast(g, title, DefaultCast), nil
	}
	return "", fmt.Errorf("unknown format %q: one of %s, or exam for a scenario's exam sheet", format, strings.Join(Formats, ", "))
}

// rows is the whole trace of g, every step of its history.
func rows(g *game.Game) []game.TraceRow { return g.Trace(1, g.Len()) }

// Mermaid is the run as a Mermaid sequenceDiagram: the nodes as
// participants in the order of the screen, each delivered message an
// arrow from its sender to its receiver at the step it was delivered,
// labelled with what it says; a dropped message, or one lost at a crashed
// node, a lost arrow (-x); notes for each step's command, CHOSEN,
// VIOLATION, crash and restart.
func Mermaid(g *game.Game) string {
	var b strings.Builder
	b.WriteString("sequenceDiagram\n")
	for _, id := range g.World().Nodes() {
		fmt.Fprintf(&b, "    participant %s\n", id)
	}
	first := g.World().Nodes()[0]
	for _, r := range rows(g) {
		fmt.Fprintf(&b, "    Note over %s: %d · %s\n", first, r.Step, mermaidText(r.Cmd.String()))
		for _, e := range r.Events {
			switch e.Kind {
			case game.EvDeliver:
				fmt.Fprintf(&b, "    %s->>%s: %s\n", e.Msg.From, e.Msg.To, mermaidText(e.Msg.Summary()))
			case game.EvDrop:
				fmt.Fprintf(&b, "    %s-x%s: %s (dropped)\n", e.Msg.From, e.Msg.To, mermaidText(e.Msg.Summary()))
			case game.EvLost:
				fmt.Fprintf(&b, "    %s-x%s: %s (lost: %s is down)\n", e.Msg.From, e.Msg.To, mermaidText(e.Msg.Summary()), e.Msg.To)
			case game.EvAct:
				switch e.Verb {
				case game.VCrash:
					fmt.Fprintf(&b, "    Note over %s: %s crashes\n", e.Node, e.Node)
				case game.VRestart:
					fmt.Fprintf(&b, "    Note over %s: %s restarts\n", e.Node, e.Node)
				}
			case game.EvChosen:
				fmt.Fprintf(&b, "    Note over %s: ★ CHOSEN %s in ballot %d\n", span(e.Cfg), mermaidText(string(e.Vote.Value)), e.Vote.Ballot)
			case game.EvViolation:
				fmt.Fprintf(&b, "    Note over %s: VIOLATION: %s\n", span(e.Cfg), mermaidText(game.PropertyWords(e.Property)))
			}
		}
	}
	return b.String()
}

// span is the acceptors, first to last, for a note over all of them.
func span(cfg paxos.Config) string {
	if cfg.Acceptors == 1 {
		return "A1"
	}
	return fmt.Sprintf("A1,A%d", cfg.Acceptors)
}

// mermaidText keeps a label on its line and out of Mermaid's syntax, and
// shows it as written: a semicolon ends a statement, # starts an entity,
// %% a comment or a directive (%%{init: …}%%), and < and > make HTML in
// a label; each is written as its entity (#37; for %), so that no %%
// is ever formed. & too, so that "&lt;" reads as written.
func mermaidText(s string) string { return mermaidEscaper.Replace(game.Printable(s)) }

var mermaidEscaper = strings.NewReplacer(";", "#59;", "#", "#35;", "%", "#37;", "<", "#60;", ">", "#62;", "&", "#38;", "\n", " ")

// Markdown is a handout: the script, the narrated transcript with step
// numbers, and the Mermaid diagram. Whatever came from outside (the
// title, values) is escaped for CommonMark: in text, each character that
// could start HTML, a link, an entity, emphasis or a code span has a
// backslash; commands are code spans and the script and the diagram code
// blocks, each fenced with more backticks than it holds. Nothing that
// breaks the printable rule is written raw.
func Markdown(title string, g *game.Game) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n", mdText(title))
	b.WriteString("## The script\n\nPlay it with `paxosgame play FILE`, or replay it with `paxosgame run FILE`.\n\n")
	mdBlock(&b, "paxos", g.Script())
	b.WriteString("\n## What happened, step by step\n\n")
	cmds, setupEvs := g.Setup()
	if len(cmds) > 0 {
		b.WriteString("**0 · setup**\n\n")
		writeLines(&b, setupEvs)
	}
	for _, r := range rows(g) {
		fmt.Fprintf(&b, "**%d · %s**\n\n", r.Step, mdCode(r.Cmd.String()))
		writeLines(&b, r.Events)
	}
	b.WriteString("## The run as a sequence diagram\n\n")
	mdBlock(&b, "mermaid", Mermaid(g))
	return b.String()
}

func writeLines(b *strings.Builder, evs []game.Event) {
	var sb strings.Builder
	game.WriteEvents(&sb, evs, "")
	for line := range strings.Lines(sb.String()) {
		b.WriteString("- " + mdText(strings.TrimSuffix(line, "\n")) + "\n")
	}
	b.WriteString("\n")
}

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
