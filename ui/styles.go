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

// NewStyles builds the styles for a dark or a light background.
func NewStyles(isDark bool) Styles {
	ld := lipgloss.LightDark(isDark)
	accent := ld(lipgloss.Color("#5A3FC0"), lipgloss.Color("#B9A8FF"))
	dim := ld(lipgloss.Color("#6B6B6B"), lipgloss.Color("#8C8C8C"))
	good := ld(lipgloss.Color("#17753A"), lipgloss.Color("#5FD787"))
	bad := ld(lipgloss.Color("#B3261E"), lipgloss.Color("#FF7B72"))
	selBg := ld(lipgloss.Color("#E4DCFF"), lipgloss.Color("#3B3360"))
	return Styles{
		Title:         lipgloss.NewStyle().Bold(true).Foreground(accent),
		Heading:       lipgloss.NewStyle().Bold(true).Foreground(accent),
		Dim:           lipgloss.NewStyle().Foreground(dim),
		Strong:        lipgloss.NewStyle().Bold(true),
		Selected:      lipgloss.NewStyle().Bold(true).Background(selBg),
		Good:          lipgloss.NewStyle().Foreground(good),
		Bad:           lipgloss.NewStyle().Foreground(bad),
		Chosen:        lipgloss.NewStyle().Bold(true).Foreground(ld(lipgloss.Color("#FFFFFF"), lipgloss.Color("#0B2E13"))).Background(good),
		Violation:     lipgloss.NewStyle().Bold(true).Foreground(lipgloss.Color("#FFFFFF")).Background(bad),
		Prompt:        lipgloss.NewStyle().Bold(true).Foreground(accent),
		Menu:          lipgloss.NewStyle().Bold(true).Foreground(accent),
		Text:          lipgloss.NewStyle(),
		Emph:          lipgloss.NewStyle().Italic(true),
		Code:          lipgloss.NewStyle().Foreground(accent),
		ChosenLine:    lipgloss.NewStyle().Bold(true).Foreground(good),
		ViolationLine: lipgloss.NewStyle().Bold(true).Foreground(bad),
		Changed:       lipgloss.NewStyle().Bold(true).Foreground(accent),
		Help:          help.DefaultStyles(isDark),
	}
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
