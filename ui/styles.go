package ui

import (
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/lipgloss/v2"
)

// Styles is every style of the screen. Meaning never rests on a style
// alone: marks (✓ ✗ ● ▸ ★) carry it, styles only make it easier to see.
type Styles struct {
	Title         lipgloss.Style // the bar at the top
	Heading       lipgloss.Style // section headings
	Dim           lipgloss.Style // secondary text
	Strong        lipgloss.Style // names, values
	Selected      lipgloss.Style // the selected message or node
	Good          lipgloss.Style // ✓ majority, up, decided
	Bad           lipgloss.Style // ✗ crashed, refused, errors
	Chosen        lipgloss.Style // the CHOSEN banner
	Violation     lipgloss.Style // the VIOLATION banner
	Prompt        lipgloss.Style // the prompt of the command line and forms
	Menu          lipgloss.Style // the highlighted menu entry
	Text          lipgloss.Style // plain narration
	Emph          lipgloss.Style // *emphasis* in a lesson's text
	Code          lipgloss.Style // `commands` in a lesson's text
	ChosenLine    lipgloss.Style // a CHOSEN line in the story
	ViolationLine lipgloss.Style // a VIOLATION line in the story
	Changed       lipgloss.Style // what the last step touched (with the mark ◆)
	Help          help.Styles
}

// palette is the colours of one background. Every pair of text and
// background colour the styles draw is in pairs, and a test holds each to
// WCAG's contrast ratio: 4.5:1 for text, 7:1 for the banners, so that a
// projector's back row can read them.
type palette struct {
	Bg                 string // the terminal's background assumed (the darkest light one, the lightest dark one)
	Fg                 string // the terminal's text assumed
	Accent, Dim        string
	Good, Bad          string
	SelFg, SelBg       string // the selected row
	ChosenFg, ChosenBg string // the CHOSEN banner
	ViolFg, ViolBg     string // the VIOLATION banner
}

var (
	lightPalette = palette{
		Bg: "#FFFFFF", Fg: "#000000",
		Accent: "#5A3FC0", Dim: "#5E5E5E", Good: "#17753A", Bad: "#B3261E",
		SelFg: "#000000", SelBg: "#E4DCFF",
		ChosenFg: "#FFFFFF", ChosenBg: "#0F5C2B",
		ViolFg: "#FFFFFF", ViolBg: "#9A1C15",
	}
	darkPalette = palette{
		Bg: "#1E1E1E", Fg: "#D0D0D0",
		Accent: "#B9A8FF", Dim: "#A0A0A0", Good: "#5FD787", Bad: "#FF7B72",
		SelFg: "#FFFFFF", SelBg: "#3B3360",
		ChosenFg: "#0B2E13", ChosenBg: "#5FD787",
		ViolFg: "#1A0000", ViolBg: "#FF7B72",
	}
)

// contrastPair is a text colour drawn on a background, and the ratio it
// must reach.
type contrastPair struct {
	what   string
	fg, bg string
	min    float64
}

// pairs is every text and background pair the styles of pl draw.
func (pl palette) pairs() []contrastPair {
	text := func(what, fg string) contrastPair { return contrastPair{what, fg, pl.Bg, 4.5} }
	return []contrastPair{
		text("terminal text", pl.Fg),
		text("title, headings, keys, prompt, code, marks of the last step", pl.Accent),
		text("secondary text, key descriptions", pl.Dim),
		text("good: ✓, up", pl.Good),
		text("bad: ✗, refusals, errors", pl.Bad),
		{"selected row", pl.SelFg, pl.SelBg, 4.5},
		{"accent on the selected row", pl.Accent, pl.SelBg, 4.5},
		{"CHOSEN banner", pl.ChosenFg, pl.ChosenBg, 7},
		{"VIOLATION banner", pl.ViolFg, pl.ViolBg, 7},
	}
}

// NewStyles builds the styles for a dark or a light background.
func NewStyles(isDark bool) Styles {
	pl := lightPalette
	if isDark {
		pl = darkPalette
	}
	c := lipgloss.Color
	accent, dim, good, bad := c(pl.Accent), c(pl.Dim), c(pl.Good), c(pl.Bad)
	return Styles{
		Title:         lipgloss.NewStyle().Bold(true).Foreground(accent),
		Heading:       lipgloss.NewStyle().Bold(true).Foreground(accent),
		Dim:           lipgloss.NewStyle().Foreground(dim),
		Strong:        lipgloss.NewStyle().Bold(true),
		Selected:      lipgloss.NewStyle().Bold(true).Foreground(c(pl.SelFg)).Background(c(pl.SelBg)),
		Good:          lipgloss.NewStyle().Foreground(good),
		Bad:           lipgloss.NewStyle().Foreground(bad),
		Chosen:        lipgloss.NewStyle().Bold(true).Foreground(c(pl.ChosenFg)).Background(c(pl.ChosenBg)),
		Violation:     lipgloss.NewStyle().Bold(true).Foreground(c(pl.ViolFg)).Background(c(pl.ViolBg)),
		Prompt:        lipgloss.NewStyle().Bold(true).Foreground(accent),
		Menu:          lipgloss.NewStyle().Bold(true).Foreground(accent),
		Text:          lipgloss.NewStyle(),
		Emph:          lipgloss.NewStyle().Italic(true),
		Code:          lipgloss.NewStyle().Foreground(accent),
		ChosenLine:    lipgloss.NewStyle().Bold(true).Foreground(good),
		ViolationLine: lipgloss.NewStyle().Bold(true).Foreground(bad),
		Changed:       lipgloss.NewStyle().Bold(true).Foreground(accent),
		Help: help.Styles{ // bubbles' own greys are too pale on white
			Ellipsis:       lipgloss.NewStyle().Foreground(dim),
			ShortKey:       lipgloss.NewStyle().Bold(true).Foreground(accent),
			ShortDesc:      lipgloss.NewStyle().Foreground(dim),
			ShortSeparator: lipgloss.NewStyle().Foreground(dim),
			FullKey:        lipgloss.NewStyle().Bold(true).Foreground(accent),
			FullDesc:       lipgloss.NewStyle().Foreground(dim),
			FullSeparator:  lipgloss.NewStyle().Foreground(dim),
		},
	}
}

// ForANSI16 gives named colours to what the palette's colours would not
// carry in a terminal of 16 colours, where each comes out as the nearest
// of the terminal's own (seen in xterm):
//   - a bold black is drawn grey by many terminals (bold is bright): the
//     CHOSEN banner was grey on bright green; it is black, not bold, on
//     bright green, and VIOLATION bright white on red;
//   - the selected row was pale blue on blue on a light background: it is
//     bright white on blue;
//   - on a light background the dim grey is #7F7F7F, 4.0:1 on white: dim
//     text is black there (the words around it still set it apart).
func (st Styles) ForANSI16(dark bool) Styles {
	st.Chosen = lipgloss.NewStyle().Foreground(lipgloss.Black).Background(lipgloss.BrightGreen)
	st.Violation = lipgloss.NewStyle().Bold(true).Foreground(lipgloss.BrightWhite).Background(lipgloss.Red)
	st.Selected = lipgloss.NewStyle().Bold(true).Foreground(lipgloss.BrightWhite).Background(lipgloss.Blue)
	if !dark {
		dim := lipgloss.NewStyle().Foreground(lipgloss.Black)
		st.Dim, st.Help.Ellipsis, st.Help.ShortDesc, st.Help.ShortSeparator = dim, dim, dim, dim
		st.Help.FullDesc, st.Help.FullSeparator = dim, dim
	}
	return st
}

// PlainStyles are the styles under NO_COLOR: no colour and no other
// escape code either; the marks alone carry the meaning.
func PlainStyles() Styles {
	p := lipgloss.NewStyle()
	return Styles{
		Title: p, Heading: p, Dim: p, Strong: p, Selected: p, Good: p, Bad: p,
		Chosen: p, Violation: p, Prompt: p, Menu: p, Text: p, Emph: p, Code: p, ChosenLine: p, ViolationLine: p, Changed: p,
		Help: help.Styles{
			Ellipsis: p, ShortKey: p, ShortDesc: p, ShortSeparator: p,
			FullKey: p, FullDesc: p, FullSeparator: p,
		},
	}
}

// asciiMarks turns every mark the screen draws into one ASCII character of
// the same width, for terminals that cannot show Unicode.
var asciiMarks = strings.NewReplacer(
	"●", "o", "○", ".", "✓", "v", "✗", "x", "▸", ">", "★", "*", "→", ">", "←", "<",
	"┃", "|", "│", "|", "─", "-", "┼", "+", "▶", ">", "◀", "<", "◆", "*", "…", ".",
	"·", "-", "═", "=", "↑", "^", "↓", "v", "├", "+", "┤", "+", "┊", ":", "⚠", "!",
	"–", "-", "—", "-", "×", "x", "‹", "<", "›", ">", "•", "*", "▲", "^", "▼", "v",
	"⌊", "[", "⌋", "]",
)
