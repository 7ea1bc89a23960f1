package ui

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"paxosgame/export"
	"paxosgame/game"
)

const battle = "../game/testdata/duelling-ballots-17-20-22-42.paxos"

func openScript(t *testing.T, path string) *game.Game {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	g, err := game.Open(path, string(src))
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// castEvent is one line of a cast after the header.
type castEvent struct {
	time float64
	code string
	data string
}

// parseCast reads an asciicast v2 file as a player would: a header object
// on the first line, then each line a JSON array [time, code, data].
func parseCast(t *testing.T, cast string) (header map[string]any, evs []castEvent) {
	t.Helper()
	sc := bufio.NewScanner(strings.NewReader(cast))
	sc.Buffer(nil, 1<<24)
	if !sc.Scan() {
		t.Fatal("no header")
	}
	if err := json.Unmarshal(sc.Bytes(), &header); err != nil {
		t.Fatalf("header is no JSON object: %v", err)
	}
	for n := 2; sc.Scan(); n++ {
		var raw []json.RawMessage
		if err := json.Unmarshal(sc.Bytes(), &raw); err != nil || len(raw) != 3 {
			t.Fatalf("line %d is no JSON array of 3: %v: %.80s", n, err, sc.Text())
		}
		var e castEvent
		if json.Unmarshal(raw[0], &e.time) != nil || json.Unmarshal(raw[1], &e.code) != nil || json.Unmarshal(raw[2], &e.data) != nil {
			t.Fatalf("line %d is not [number, string, string]: %.80s", n, sc.Text())
		}
		evs = append(evs, e)
	}
	if !strings.HasSuffix(cast, "\n") {
		t.Error("the last line has no newline")
	}
	return header, evs
}

// The cast of the course's battle is an asciicast v2 file: the header
// says version 2 and the size, and no timestamp; a frame for the start
// and one per step, the pace apart from 0, each clearing the screen and
// drawing exactly the terminal's lines.
func TestCastIsAnAsciicast(t *testing.T) {
	g := openScript(t, battle)
	for _, o := range []export.CastOptions{{Width: 100, Height: 30, Pace: time.Second}, {Width: 80, Height: 24, Pace: 250 * time.Millisecond}, {Width: 160, Height: 45, Pace: 1500 * time.Millisecond}} {
		header, evs := parseCast(t, Cast(g, "battle", o))
		if header["version"] != 2.0 || header["width"] != float64(o.Width) || header["height"] != float64(o.Height) {
			t.Errorf("%dx%d: header %v", o.Width, o.Height, header)
		}
		if _, ok := header["timestamp"]; ok {
			t.Error("a timestamp: two exports would differ")
		}
		if header["title"] != "battle" {
			t.Errorf("title %v", header["title"])
		}
		if len(evs) != g.Len()+1 {
			t.Fatalf("%d events for %d steps: want one per step and the start", len(evs), g.Len())
		}
		for i, e := range evs {
			if e.code != "o" {
				t.Errorf("event %d is %q, not output", i, e.code)
			}
			if want := float64(time.Duration(i)*o.Pace) / float64(time.Second); e.time != want {
				t.Errorf("event %d at %v, want %v", i, e.time, want)
			}
			if i > 0 && e.time <= evs[i-1].time {
				t.Errorf("event %d at %v, after %v", i, e.time, evs[i-1].time)
			}
			body, ok := strings.CutPrefix(strings.TrimPrefix(e.data, "\x1b[?25l"), "\x1b[H\x1b[2J")
			if !ok {
				t.Fatalf("event %d does not clear the screen first: %q", i, e.data[:min(20, len(e.data))])
			}
			lines := strings.Split(body, "\r\n")
			if len(lines) != o.Height {
				t.Errorf("%dx%d: event %d draws %d lines", o.Width, o.Height, i, len(lines))
			}
			for j, l := range lines {
				if w := ansi.StringWidth(l); w > o.Width {
					t.Errorf("%dx%d: event %d line %d is %d wide", o.Width, o.Height, i, j, w)
				}
			}
		}
		last := ansi.Strip(evs[len(evs)-1].data)
		if !strings.Contains(last, "step 44 of 44: deliver nack A1->P5 25") {
			t.Errorf("the last frame is not the last step:\n%s", last)
		}
	}
}

// The same game gives the same bytes, whatever the terminal exporting it
// says of itself: the colour is pinned, and so are the marks.
func TestCastIsDeterministic(t *testing.T) {
	a := Cast(openScript(t, battle), "battle", export.DefaultCast)
	t.Setenv("NO_COLOR", "1")
	t.Setenv("TERM", "dumb")
	t.Setenv("COLORTERM", "")
	t.Setenv("PAXOSGAME_ASCII", "1")
	b := Cast(openScript(t, battle), "battle", export.DefaultCast)
	if a != b {
		t.Error("two exports of one game differ")
	}
	if !strings.Contains(a, `\u001b[1;38;2;185;168;255mPAXOS`) {
		t.Error("the title is not in the dark palette's 24-bit accent")
	}
}

// Frames plays the run on a board of its own and leaves the game alone.
func TestFramesLeaveTheGame(t *testing.T) {
	g := openScript(t, battle)
	before := g.Script()
	frames, err := Frames(g, "battle", 100, 30)
	if err != nil {
		t.Fatal(err)
	}
	if g.Script() != before || g.Cursor() != g.Len() {
		t.Error("Frames changed the game")
	}
	if first := ansi.Strip(frames[0]); !strings.Contains(first, "step 0 of 0") || strings.Contains(first, "unsaved") {
		t.Errorf("the start:\n%s", first)
	}
	if s := ansi.Strip(frames[1]); !strings.Contains(s, `step 1 of 1: propose P2 17 "8 EUR"`) || strings.Contains(s, "unsaved") {
		t.Errorf("step 1:\n%s", s)
	}
}

// "With hand-*.paxos at 80×24 the cast selects another node than play
// does" (issue 22): each frame is the screen `paxosgame play` shows of the
// script cut at its step, so the last is the screen of the whole file —
// the selection included.
func TestCastEndsAsPlayOpensTheFile(t *testing.T) {
	paths, err := filepath.Glob("../game/testdata/hand-*.paxos")
	if err != nil || len(paths) < 5 {
		t.Fatalf("%d scripts: %v", len(paths), err)
	}
	for _, path := range append(paths, battle) {
		for _, size := range [][2]int{{80, 24}, {100, 30}} {
			frames, err := Frames(openScript(t, path), "x", size[0], size[1])
			if err != nil {
				t.Fatal(err)
			}
			m := New(false, false)
			m.startGame(openScript(t, path), "x", path)
			m.Update(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
			if got, want := ansi.Strip(frames[len(frames)-1]), ansi.Strip(m.Content()); got != want {
				t.Errorf("%s at %dx%d: the cast ends on\n%s\nwhere play opens on\n%s", path, size[0], size[1], got, want)
			}
			m.Close()
		}
	}
}

// "The cast leaves the terminal as it found it" (issue 22): the cursor
// hidden at the first frame is shown again at the last, and nowhere else;
// a part of the run (--from, --to) starts as the steps before it left the
// game.
func TestCastShowsTheCursorAtItsEnd(t *testing.T) {
	g := openScript(t, battle)
	for _, o := range []export.CastOptions{export.DefaultCast, {Width: 80, Height: 24, Pace: time.Second, From: 12, To: 20}} {
		_, evs := parseCast(t, Cast(g, "battle", o))
		if o.From > 0 && len(evs) != o.To-o.From+2 {
			t.Fatalf("%d frames for steps %d to %d", len(evs), o.From, o.To)
		}
		for i, e := range evs {
			hides, shows := strings.HasPrefix(e.data, "\x1b[?25l"), strings.HasSuffix(e.data, "\x1b[?25h")
			if hides != (i == 0) || shows != (i == len(evs)-1) || strings.Count(e.data, "\x1b[?25") != btoi(hides)+btoi(shows) {
				t.Errorf("frame %d of %d: hides the cursor %v, shows it %v", i, len(evs), hides, shows)
			}
		}
		if o.From > 0 {
			if first := ansi.Strip(evs[0].data); !strings.Contains(first, "step 11 of 11") {
				t.Errorf("the first frame is not as step 11 left the game:\n%s", first)
			}
			if last := ansi.Strip(evs[len(evs)-1].data); !strings.Contains(last, "step 20 of 20") {
				t.Errorf("the last frame is not step 20:\n%s", last)
			}
		}
	}
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}
