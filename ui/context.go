package ui

// Minimum terminal size: below it the game asks for a bigger terminal.
const (
	minWidth  = 80
	minHeight = 24
)

// shared is what every component of the screen reads: the terminal's size,
// the styles, the key map and the terminal's abilities. The root owns it;
// components get a pointer to it.
type shared struct {
	width, height int
	dark          bool // the terminal's background, as it answered
	noColor       bool // NO_COLOR: no colour, no escape codes
	ascii         bool // marks drawn in ASCII
	ansi16        bool // the terminal shows 16 colours: the banners take named ones
	styles        Styles
	keys          KeyMap
	room          BoardOptions // the hooks of a board of a room (classroom.go)
	up, down      string       // a node's marks up and crashed, in their styles (drawn for every node of every frame)
}

func newShared(noColor, ascii bool) *shared {
	s := &shared{dark: true, noColor: noColor, ascii: ascii, keys: DefaultKeyMap()}
	s.restyle()
	return s
}

// restyle rebuilds the styles after the background is known.
func (s *shared) restyle() {
	defer func() { s.up, s.down = s.styles.Good.Render("●"), s.styles.Bad.Render("✗") }()
	if s.noColor {
		s.styles = PlainStyles()
		return
	}
	s.styles = NewStyles(s.dark)
	if s.ansi16 {
		s.styles = s.styles.ForANSI16(s.dark)
	}
}
