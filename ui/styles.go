package ui

import (
	"image/color"
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
	return colours{
		accent: c(pl.Accent), dim: c(pl.Dim), good: c(pl.Good), bad: c(pl.Bad),
		selFg: c(pl.SelFg), selBg: c(pl.SelBg),
		chosenFg: c(pl.ChosenFg), chosenBg: c(pl.ChosenBg), violFg: c(pl.ViolFg), violBg: c(pl.ViolBg),
		boldBanners: true,
	}.styles()
}

// lightANSI16 and darkANSI16 are the colours of a terminal of 16
// colours, by name: the terminal draws each name in its own shade, and a
// test holds each pair to WCAG's ratios in xterm's default shades, on its
// default white and on black. Three things rule out most names:
//   - bold draws colours 0–7 in their bright shade in many terminals (xterm's
//     boldColors): a bold colour must read in both shades, and a bold black
//     is a grey (4.0:1 on white);
//   - on white no green, yellow or cyan reaches 4.5:1 (green #00CD00 is
//     2.2:1), nor bright red (4.0:1): good is black there, bad red, and the
//     story's CHOSEN and VIOLATION lines take the banners' colours;
//   - on black blue is 2.2:1 and bright blue 4.4:1, red 3.6:1: the accent
//     is cyan, bad bright red.
//
// No red background reaches 7:1 behind white or black text (white on red
// is 5.8:1): the VIOLATION banner is black on bright yellow, as a warning
// sign is; its ✗ and its words say what it is.
var (
	lightANSI16 = colours{
		accent: lipgloss.Blue, dim: lipgloss.Black, good: lipgloss.Black, bad: lipgloss.Red,
		selFg: lipgloss.BrightWhite, selBg: lipgloss.Blue,
		chosenFg: lipgloss.Black, chosenBg: lipgloss.BrightGreen, violFg: lipgloss.Black, violBg: lipgloss.BrightYellow,
		bannerLines: true,
	}
	darkANSI16 = colours{
		accent: lipgloss.Cyan, dim: lipgloss.BrightBlack, good: lipgloss.Green, bad: lipgloss.BrightRed,
		selFg: lipgloss.BrightWhite, selBg: lipgloss.Blue,
		chosenFg: lipgloss.Black, chosenBg: lipgloss.BrightGreen, violFg: lipgloss.Black, violBg: lipgloss.BrightYellow,
	}
)

// ForANSI16 is st for a terminal of 16 colours: every colour by name (see
// lightANSI16), not the nearest of the terminal's colours to the
// palette's, which can be pale (bright green on white, 1.4:1).
func (st Styles) ForANSI16(dark bool) Styles {
	if dark {
		return darkANSI16.styles()
	}
	return lightANSI16.styles()
}

// colours are what the styles are made of.
type colours struct {
	accent, dim, good, bad                           color.Color
	selFg, selBg, chosenFg, chosenBg, violFg, violBg color.Color
	boldBanners                                      bool // the banners' text is bold (a bold black is grey in 16 colours)
	bannerLines                                      bool // the story's CHOSEN and VIOLATION lines take the banners' colours
}

func (c colours) styles() Styles {
	s := lipgloss.NewStyle
	accent, dim, good, bad := c.accent, c.dim, c.good, c.bad
	st := Styles{
		Title:         s().Bold(true).Foreground(accent),
		Heading:       s().Bold(true).Foreground(accent),
		Dim:           s().Foreground(dim),
		Strong:        s().Bold(true),
		Selected:      s().Bold(true).Foreground(c.selFg).Background(c.selBg),
		Good:          s().Foreground(good),
		Bad:           s().Foreground(bad),
		Chosen:        s().Bold(c.boldBanners).Foreground(c.chosenFg).Background(c.chosenBg),
		Violation:     s().Bold(c.boldBanners).Foreground(c.violFg).Background(c.violBg),
		Prompt:        s().Bold(true).Foreground(accent),
		Menu:          s().Bold(true).Foreground(accent),
		Text:          s(),
		Emph:          s().Italic(true),
		Code:          s().Foreground(accent),
		ChosenLine:    s().Bold(true).Foreground(good),
		ViolationLine: s().Bold(true).Foreground(bad),
		Changed:       s().Bold(true).Foreground(accent),
		Help: help.Styles{ // bubbles' own greys are too pale on white
			Ellipsis:       s().Foreground(dim),
			ShortKey:       s().Bold(true).Foreground(accent),
			ShortDesc:      s().Foreground(dim),
			ShortSeparator: s().Foreground(dim),
			FullKey:        s().Bold(true).Foreground(accent),
			FullDesc:       s().Foreground(dim),
			FullSeparator:  s().Foreground(dim),
		},
	}
	if c.bannerLines {
		st.ChosenLine, st.ViolationLine = st.Chosen, st.Violation
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
	"⌊", "[", "⌋", "]", "█", "#", "░", ".",
)
