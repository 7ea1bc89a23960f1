package ui

import (
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// Characters of ambiguous width (● ○ ✓ ✗ ┃ │ █ …: Unicode's East Asian
// "ambiguous") take one cell in most terminals and two in some: xterm
// -cjk_width, terminals set to draw them wide for Chinese, Japanese or
// Korean. The screen counts them as one, so a terminal that draws them
// wide garbles every line. At the start the game asks the terminal: it
// prints ● on the second row and asks where the cursor went (a cursor
// position report, which every terminal of the VT100 line answers). Two
// cells on, the terminal draws them wide, and the screen turns to ASCII
// marks, as PAXOSGAME_ASCII=1 does. A terminal that does not answer is
// left as it is.

// probeRow is where the probe prints, from 1: not the first row, where a
// report reads like the key F3 with a modifier (CSI 1;2R is shift+F3).
const probeRow = 2

// widthProbe prints ● at the start of probeRow and asks for the cursor's
// position, keeping the cursor where it was.
func widthProbe() tea.Cmd {
	return tea.Raw(ansi.SaveCursor + ansi.CursorPosition(1, probeRow) + "●" + ansi.RequestCursorPositionReport + ansi.RestoreCursor)
}
