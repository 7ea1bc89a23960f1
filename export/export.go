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
	return "", fmt.Errorf("unknown format %q: one of %s", format, strings.Join(Formats, ", "))
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

// mermaidText keeps a label on its line and out of Mermaid's syntax: a
// semicolon ends a statement and # starts an entity there.
func mermaidText(s string) string {
	return strings.NewReplacer(";", "#59;", "#", "#35;", "\n", " ", "%%", "% %").Replace(s)
}

// Markdown is a handout: the script, the narrated transcript with step
// numbers, and the Mermaid diagram.
func Markdown(title string, g *game.Game) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n", title)
	b.WriteString("## The script\n\nPlay it with `paxosgame play FILE`, or replay it with `paxosgame run FILE`.\n\n```paxos\n")
	b.WriteString(g.Script())
	b.WriteString("```\n\n## What happened, step by step\n\n")
	cmds, setupEvs := g.Setup()
	if len(cmds) > 0 {
		b.WriteString("**0 · setup**\n\n")
		writeLines(&b, setupEvs)
	}
	for _, r := range rows(g) {
		fmt.Fprintf(&b, "**%d · `%s`**\n\n", r.Step, r.Cmd.String())
		writeLines(&b, r.Events)
	}
	b.WriteString("## The run as a sequence diagram\n\n```mermaid\n")
	b.WriteString(Mermaid(g))
	b.WriteString("```\n")
	return b.String()
}

func writeLines(b *strings.Builder, evs []game.Event) {
	var sb strings.Builder
	game.WriteEvents(&sb, evs, "- ")
	b.WriteString(sb.String())
	b.WriteString("\n")
}
