package ui

import (
	"image/color"
	"math"
	"reflect"
	"strconv"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
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

// xterm16 is xterm's default shade of each of the 16 named colours (the
// shades most terminals start from), for colours 0 to 15.
var xterm16 = [16]string{
	"#000000", "#CD0000", "#00CD00", "#CDCD00", "#0000EE", "#CD00CD", "#00CDCD", "#E5E5E5",
	"#7F7F7F", "#FF0000", "#00FF00", "#FFFF00", "#5C5CFF", "#FF00FF", "#00FFFF", "#FFFFFF",
}

// styleFields is every style of st by name, the help's too.
func styleFields(st Styles) map[string]lipgloss.Style {
	out := map[string]lipgloss.Style{}
	for _, v := range []reflect.Value{reflect.ValueOf(st), reflect.ValueOf(st.Help)} {
		for i := range v.NumField() {
			if s, ok := v.Field(i).Interface().(lipgloss.Style); ok {
				out[v.Type().Field(i).Name] = s
			}
		}
	}
	return out
}

// "Every foreground on its background ≥ 4.5:1 and banners ≥ 7:1 in the
// 16-colour palettes too, on the terminal's default white and black
// (xterm's palette values)" (issue 22). Every style of the screen in 16
// colours, as the screen takes it from the terminal's answers: each colour
// is named (a colour by value would come out as the nearest of the
// terminal's, which may be pale), and a bold one is checked in its bright
// shade too, as xterm draws bold.
func TestSixteenColourContrast(t *testing.T) {
	for _, bg := range []struct {
		name   string
		dark   bool
		bg, fg string // the terminal's default background and text
	}{
		{"white", false, "#FFFFFF", "#000000"},
		{"black", true, "#000000", "#FFFFFF"},
	} {
		m := New(false, false)
		m.Update(tea.BackgroundColorMsg{Color: lipgloss.Color(bg.bg)})
		m.Update(tea.ColorProfileMsg{Profile: colorprofile.ANSI})
		if m.sh.dark != bg.dark {
			t.Fatalf("on %s the screen takes dark=%v", bg.name, m.sh.dark)
		}
		for name, style := range styleFields(m.sh.styles) {
			shades := func(c color.Color, def string) []string {
				switch c := c.(type) {
				case nil, lipgloss.NoColor:
					return []string{def}
				case ansi.BasicColor:
					if style.GetBold() && c < 8 {
						return []string{xterm16[c], xterm16[c+8]}
					}
					return []string{xterm16[c]}
				}
				t.Errorf("on %s, %s's colour %v is not one of the 16 named ones", bg.name, name, c)
				return nil
			}
			want := 4.5
			if name == "Chosen" || name == "Violation" {
				want = 7
			}
			backs := shades(style.GetBackground(), bg.bg)
			for _, fg := range shades(style.GetForeground(), bg.fg) {
				for _, back := range backs {
					if r := contrast(t, fg, back); r < want {
						t.Errorf("on %s, %s: %s on %s is %.2f:1, want at least %.1f:1", bg.name, name, fg, back, r, want)
					}
				}
			}
		}
	}
}

// The banners' text is not bold in 16 colours: a bold black is drawn
// grey by xterm.
func TestBannersInSixteenColours(t *testing.T) {
	for _, dark := range []bool{false, true} {
		st := NewStyles(dark).ForANSI16(dark)
		for name, s := range map[string]lipgloss.Style{"CHOSEN": st.Chosen, "VIOLATION": st.Violation} {
			if s.GetBold() {
				t.Errorf("dark=%v: %s is bold", dark, name)
			}
			if out := s.Render("x"); !strings.Contains(out, "x") {
				t.Errorf("%s renders %q", name, out)
			}
		}
	}
}
