package ui

import (
	"math"
	"strconv"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"
)

// luminance is WCAG 2's relative luminance of a colour #RRGGBB.
func luminance(t *testing.T, hex string) float64 {
	t.Helper()
	v, err := strconv.ParseUint(hex[1:], 16, 32)
	if len(hex) != 7 || hex[0] != '#' || err != nil {
		t.Fatalf("colour %q is not #RRGGBB", hex)
	}
	ch := func(shift uint) float64 {
		c := float64((v>>shift)&0xFF) / 255
		if c <= 0.03928 {
			return c / 12.92
		}
		return math.Pow((c+0.055)/1.055, 2.4)
	}
	return 0.2126*ch(16) + 0.7152*ch(8) + 0.0722*ch(0)
}

// contrast is WCAG 2's contrast ratio of two colours, 1 to 21.
func contrast(t *testing.T, a, b string) float64 {
	la, lb := luminance(t, a), luminance(t, b)
	return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
}

func TestContrastFormula(t *testing.T) {
	if r := contrast(t, "#000000", "#FFFFFF"); math.Abs(r-21) > 1e-9 {
		t.Errorf("black on white: %.2f, want 21", r)
	}
	if r := contrast(t, "#777777", "#FFFFFF"); math.Abs(r-4.48) > 0.01 {
		t.Errorf("#777 on white: %.2f, want 4.48", r)
	}
}

// Every text and background pair of both palettes reaches WCAG AA (4.5:1),
// the banners 7:1 (AAA): readable from the back row of a lecture hall.
// On a dark screen, text is also checked on pure black.
func TestPaletteContrast(t *testing.T) {
	black := darkPalette
	black.Bg = "#000000"
	for name, pl := range map[string]palette{"light": lightPalette, "dark": darkPalette, "dark on black": black} {
		for _, p := range pl.pairs() {
			if r := contrast(t, p.fg, p.bg); r < p.min {
				t.Errorf("%s: %s, %s on %s: contrast %.2f:1, want at least %.1f:1", name, p.what, p.fg, p.bg, r, p.min)
			}
		}
	}
}

// In a terminal of 16 colours the banners take named colours, checked
// against xterm's default 16 (the colours most terminals start from): the
// CHOSEN banner is black, not bold (a bold black is drawn grey by xterm),
// on bright green; VIOLATION bright white on red.
func TestBannersInSixteenColours(t *testing.T) {
	m := New(false, false)
	m.Update(tea.ColorProfileMsg{Profile: colorprofile.ANSI})
	st := m.sh.styles
	for _, tc := range []struct {
		name   string
		style  lipgloss.Style
		fg, bg string // in xterm's default palette
		bold   bool
		min    float64
	}{
		{"CHOSEN", st.Chosen, "#000000", "#00FF00", false, 7},
		{"VIOLATION", st.Violation, "#FFFFFF", "#CD0000", true, 4.5},
	} {
		if tc.style.GetForeground() == nil || tc.style.GetBold() != tc.bold {
			t.Errorf("%s: bold %v, want %v", tc.name, tc.style.GetBold(), tc.bold)
		}
		if r := contrast(t, tc.fg, tc.bg); r < tc.min {
			t.Errorf("%s: %.1f:1 in xterm's colours, want %.1f", tc.name, r, tc.min)
		}
		out := tc.style.Render("x")
		if !strings.Contains(out, "x") {
			t.Errorf("%s renders %q", tc.name, out)
		}
	}
	if st.Chosen.GetForeground() != lipgloss.Black {
		t.Errorf("CHOSEN's text is %v, want ANSI black", st.Chosen.GetForeground())
	}
	if st.Chosen.GetBackground() != lipgloss.BrightGreen {
		t.Errorf("CHOSEN's background is %v, want ANSI bright green", st.Chosen.GetBackground())
	}
}
