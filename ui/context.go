package ui

// Minimum terminal size: below it the game asks for a bigger terminal.
const (
	minWidth  = 80
	minHeight = 24
)

// Widths from which the board uses more columns.
const (
	wideWidth = 150 // cluster | network | story side by side
	sideWidth = 120 // room for a side pane as a column of its own
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
	room          BoardOptions // the options of a board of a room (below)
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

// BoardOptions make a board of a room.
type BoardOptions struct {
	Side Side // the room's pane beside the board
	// Remote: the board is over SSH; no file on the server is read or
	// written: s shows the script, e the export as text, o and the home
	// screen's "load" are refused.
	Remote bool
	// Fixed: the board is the screen's only one: esc goes to no home
	// screen. (q asks about unsaved play only on a board that is not
	// Remote: the room's play is the lecturer's to save.)
	Fixed bool
	// MaxLine caps a typed line (the : line and other fields); 0: no cap.
	MaxLine int
}
