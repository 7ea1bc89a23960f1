package ui

import (
	"math"
	"strconv"
	"testing"
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
