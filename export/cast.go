package export

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"paxosgame/game"
)

// CastOptions is the terminal an animated export (--format cast) draws the
// play screen in, and the time each step stays on screen.
type CastOptions struct {
	Width, Height int
	Pace          time.Duration
	From, To      int // the steps played (0: the first, the last); the cast starts as step From-1 left the game
}

// The bounds of --size and --pace. The play screen asks for 80×24 at
// least; 300×100 is more than a 4K projector shows at a readable font,
// and every cell of every frame is in the file: a step at 300×100 is
// some 40 kB, so a cast has at most MaxSteps steps (17 minutes at 1 s a
// step), as every export does.
const (
	MinCastWidth, MinCastHeight = 80, 24
	MaxCastWidth, MaxCastHeight = 300, 100
	MinCastPace, MaxCastPace    = 100 * time.Millisecond, 10 * time.Second
)

// DefaultCast is --size 100x30 --pace 1s.
var DefaultCast = CastOptions{Width: 100, Height: 30, Pace: time.Second}

// Screen writes the run of g as an asciicast (version 2) of the play
// screen, title naming it: the cast format. The play screen is the ui
// package's (ui.Cast), which imports this one, so its caller passes it in
// Options.Screen.
type Screen func(g *game.Game, title string, o CastOptions) string

// errNoCast is the cast format asked for with no Options.Screen.
var errNoCast = errors.New("the cast format needs the play screen, and this program has none")

// ParseSize reads --size: WIDTHxHEIGHT within the bounds.
func ParseSize(s string) (w, h int, err error) {
	ws, hs, ok := strings.Cut(strings.ToLower(s), "x")
	w, werr := strconv.Atoi(ws)
	h, herr := strconv.Atoi(hs)
	if !ok || werr != nil || herr != nil {
		return 0, 0, fmt.Errorf("--size %q: want WIDTHxHEIGHT, such as 100x30", s)
	}
	if w < MinCastWidth || h < MinCastHeight || w > MaxCastWidth || h > MaxCastHeight {
		return 0, 0, fmt.Errorf("--size %dx%d: from %dx%d to %dx%d", w, h, MinCastWidth, MinCastHeight, MaxCastWidth, MaxCastHeight)
	}
	return w, h, nil
}

// ParsePace reads --pace: a duration (1s, 500ms) or a number of seconds
// (1.5), within the bounds.
func ParsePace(s string) (time.Duration, error) {
	d, err := time.ParseDuration(s)
	if err != nil {
		f, ferr := strconv.ParseFloat(s, 64)
		if ferr != nil {
			return 0, fmt.Errorf("--pace %q: want a duration such as 1s or 500ms", s)
		}
		d = -1 // out of bounds, unless f is within them (NaN is not)
		if f >= MinCastPace.Seconds() && f <= MaxCastPace.Seconds() {
			d = time.Duration(f * float64(time.Second))
		}
	}
	if d < MinCastPace || d > MaxCastPace {
		return 0, fmt.Errorf("--pace %s: from %s to %s a step", s, MinCastPace, MaxCastPace)
	}
	return d, nil
}
