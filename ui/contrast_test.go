package ui

import (
	"image/color"
	"math"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

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

// cell is what SGR sets for the characters that follow it in 16 colours.
type cell struct {
	fg, bg        int // 0–15, or -1 for the terminal's default
	bold, reverse bool
}

// sgr applies one SGR sequence's parameters to c; false when it sets a
// colour that is not one of the 16 named ones, or faint text.
func (c *cell) sgr(params string) bool {
	ps := strings.FieldsFunc(params, func(r rune) bool { return r == ';' || r == ':' })
	if len(ps) == 0 {
		ps = []string{"0"}
	}
	for i := 0; i < len(ps); i++ {
		n, _ := strconv.Atoi(ps[i])
		switch {
		case n == 0:
			*c = cell{fg: -1, bg: -1}
		case n == 1:
			c.bold = true
		case n == 22:
			c.bold = false
		case n == 7:
			c.reverse = true
		case n == 27:
			c.reverse = false
		case n == 2 || n == 38 || n == 48:
			return false
		case n >= 30 && n <= 37:
			c.fg = n - 30
		case n >= 90 && n <= 97:
			c.fg = n - 90 + 8
		case n == 39:
			c.fg = -1
		case n >= 40 && n <= 47:
			c.bg = n - 40
		case n >= 100 && n <= 107:
			c.bg = n - 100 + 8
		case n == 49:
			c.bg = -1
		}
	}
	return true
}

// checkCells reads a screen as a terminal of 16 colours would draw it, SGR
// by SGR, and checks each visible character against its background:
// 4.5:1, 7:1 on a coloured background (the banners, the selection); a bold
// colour in its bright shade too. It reports each failing pair once.
func checkCells(t *testing.T, where, screen, defBg, defFg string) {
	t.Helper()
	c := cell{fg: -1, bg: -1}
	seen := map[cell]bool{}
	shade := func(i int, def string) string {
		if i < 0 {
			return def
		}
		return xterm16[i]
	}
	for i := 0; i < len(screen); {
		if strings.HasPrefix(screen[i:], "\x1b[") {
			j := i + 2
			for j < len(screen) && (screen[j] < 0x40 || screen[j] > 0x7e) {
				j++
			}
			if j < len(screen) && screen[j] == 'm' && !c.sgr(screen[i+2:j]) {
				t.Errorf("%s: SGR %q sets a colour that is not named, or faint text", where, screen[i:j+1])
			}
			i = j + 1
			continue
		}
		ch, size := utf8.DecodeRuneInString(screen[i:])
		i += size
		if unicode.IsSpace(ch) || seen[c] {
			continue
		}
		seen[c] = true
		fgs := []string{shade(c.fg, defFg)}
		if c.bold && c.fg >= 0 && c.fg < 8 {
			fgs = append(fgs, xterm16[c.fg+8])
		}
		bg, want := shade(c.bg, defBg), 4.5
		if c.bg >= 0 {
			want = 7
		}
		for _, fg := range fgs {
			if c.reverse {
				fg, bg = bg, fg
			}
			if r := contrast(t, fg, bg); r < want {
				t.Errorf("%s: %q and what follows: %s on %s (%+v), %.2f:1, want %.1f:1", where, string(ch), fg, bg, c, r, want)
			}
		}
	}
}

// Every screen, drawn in 16 colours on xterm's white and on black, cell by
// cell: styles nested in others (a red ✗ in a bold line) included.
func TestSixteenColourScreens(t *testing.T) {
	for _, bg := range []struct{ name, bg, fg string }{{"white", "#FFFFFF", "#000000"}, {"black", "#000000", "#FFFFFF"}} {
		start := func(t *testing.T) *Model {
			m := newTest(t, 100, 30)
			send(m, tea.BackgroundColorMsg{Color: lipgloss.Color(bg.bg)})
			send(m, tea.ColorProfileMsg{Profile: colorprofile.ANSI})
			return m
		}
		t.Run(bg.name, func(t *testing.T) {
			eachScreen(t, start, func(t *testing.T, name string, m *Model) {
				checkCells(t, name, m.Content(), bg.bg, bg.fg)
			})
			t.Run("learners-violation", func(t *testing.T) { // learners' ✗ in a changed (bold) row
				m := start(t)
				keys(m, "enter")
				for _, line := range []string{"config acceptors 4", "rule majority-quorum off",
					`propose P2 17 "8 EUR"`, "deliver 1a P2->A1", "deliver 1a P2->A2", "deliver 1b A1->P2", "deliver 1b A2->P2",
					`propose P5 20 "10 EUR"`, "deliver 1a P5->A3", "deliver 1a P5->A4", "deliver 1b A3->P5", "deliver 1b A4->P5",
					"deliver 2a P2->A1", "deliver 2a P2->A2", "deliver 2a P5->A3", "deliver 2a P5->A4", "deliver all"} {
					command(m, line)
				}
				checkCells(t, "learners-violation", m.Content(), bg.bg, bg.fg)
			})
		})
	}
}
