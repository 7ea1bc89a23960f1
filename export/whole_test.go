package export

import "paxosgame/game"

// The whole run of a game in each format, as the tests read it.

// Export writes the whole run of game g in format (one of Formats); title
// names the run. The cast format, with no Options.Screen, is refused.
func Export(format, title string, g *game.Game) (string, error) {
	return ExportPart(format, title, g, Options{})
}

// Mermaid is the whole run of g as a Mermaid sequence diagram (see
// mermaidOf).
func Mermaid(g *game.Game) string { return mermaidOf(whole(g), false) }

// Markdown is a handout of the whole run of g, title naming its script
// (see markdownOf).
func Markdown(title string, g *game.Game) string { return markdownOf(title, whole(g)) }

// SVG is the whole run of g as a space-time diagram (see svgOf), for a
// page; dark picks colours for a dark slide.
func SVG(g *game.Game, dark bool) string {
	s, _ := svgOf(whole(g), dark, false)
	return s
}

// whole is the part that is the whole run of g, for the exports that
// take no Options.
func whole(g *game.Game) *part {
	p, err := cut(g, Options{To: g.Len()})
	if err != nil {
		panic(err) // the whole run is within bounds for every caller
	}
	return p
}
