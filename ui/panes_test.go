package ui

import (
	"fmt"
	"strings"
	"testing"

	"paxosgame/game"
	"paxosgame/lessons"
	"paxosgame/table"
)

// newPlainGame is free play at the seed's duel on a terminal of w×h with
// NO_COLOR and ASCII marks, as on a washed-out projector.
func newPlainGame(t *testing.T, w, h int) *Model {
	t.Helper()
	t.Setenv(lessons.ConfigEnv, t.TempDir())
	m := New(true, true)
	send(m, sizeMsg(w, h))
	keys(m, "enter")
	seedDuel(m)
	return m
}

// shows reports whether the screen shows s, in ASCII marks or not, on
// one line or wrapped.
func shows(m *Model, s string) bool {
	screen := wordsOf(screenOf(m))
	return strings.Contains(screen, wordsOf(s)) || strings.Contains(screen, wordsOf(asciiMarks.Replace(s)))
}

// bodyOf is the screen's lines between the title and the bottom lines
// (the status line and the footer).
func bodyOf(m *Model) []string {
	lines := strings.Split(screenOf(m), "\n")
	return lines[1 : len(lines)-2]
}

// Issue 12: keys hide or show the story, the network and the majority
// meter. At 80×24 with NO_COLOR and ASCII marks the pane is gone, the
// status line says how to bring it back, and it comes back.
func TestPanesHideAndShow(t *testing.T) {
	for _, c := range []struct {
		key, heading, hidden, shown string
	}{
		{"S", "STORY", "story hidden — S shows it", "story shown — S hides it"},
		{"N", "NETWORK", "network hidden — N shows it", "network shown — N hides it"},
		{"M", "MAJORITY", "majority meter hidden — M shows it", "majority meter shown — M hides it"},
	} {
		m := newPlainGame(t, 80, 24)
		before := screenOf(m)
		keys(m, c.key)
		if screen := screenOf(m); strings.Contains(screen, c.heading) || !shows(m, c.hidden) {
			t.Errorf("%s: the %s pane is still there, or the status does not say so:\n%s", c.key, c.heading, screen)
		}
		checkFits(t, m)
		if w := world(m); w.NumInFlight() != 11 || playOf(m).g.Len() != 12 {
			t.Errorf("%s changed the game", c.key)
		}
		keys(m, c.key)
		if screen := screenOf(m); !strings.Contains(screen, c.heading) || !shows(m, c.shown) {
			t.Errorf("%s again: the %s pane is not back:\n%s", c.key, c.heading, screen)
		}
		keys(m, "down", "up") // the status goes with the next key
		if after := screenOf(m); after != before {
			t.Errorf("%s twice: the screen is not as it was:\n%s\nwas:\n%s", c.key, after, before)
		}
	}
}

// Every combination of hidden panes, each zoom, at 80×24 and larger:
// nothing runs past the terminal, and the screen is whole.
func TestPanesAnyCombinationFits(t *testing.T) {
	for _, sz := range sizes {
		for mask := range 8 {
			for _, zoom := range [][]string{nil, {"z"}, {"Z"}, {"Z", "Z"}, {"Z", "Z", "Z"}, {"t"}, {"t", "z"}} {
				name := fmt.Sprintf("%dx%d hidden %03b zoom %v", sz[0], sz[1], mask, zoom)
				m := newPlainGame(t, sz[0], sz[1])
				for i, k := range []string{"S", "N", "M"} {
					if mask&(1<<i) != 0 {
						keys(m, k)
					}
				}
				keys(m, zoom...)
				checkFits(t, m)
				if n := len(strings.Split(screenOf(m), "\n")); n != sz[1] {
					t.Errorf("%s: %d lines on a terminal %d high", name, n, sz[1])
				}
				if !strings.Contains(screenOf(m), "step 12 of 12") {
					t.Errorf("%s: no title:\n%s", name, screenOf(m))
				}
			}
		}
	}
}

// The same in a lesson, whose text takes a column or the story's place.
func TestPanesAnyCombinationFitsInALesson(t *testing.T) {
	for _, sz := range sizes {
		m := newTest(t, sz[0], sz[1])
		openLesson(m, 2)
		untilPage(t, m, lessons.KindGoal)
		for mask := range 8 {
			for _, zoom := range [][]string{nil, {"z"}, {"Z"}, {"Z", "Z"}, {"Z", "Z", "Z"}, {"Z", "Z", "Z", "Z"}, {"t"}, {"t", "z"}} {
				for i, k := range []string{"S", "N", "M"} {
					if mask&(1<<i) != 0 {
						keys(m, k)
					}
				}
				keys(m, zoom...)
				checkFits(t, m)
				if n := len(strings.Split(screenOf(m), "\n")); n != sz[1] {
					t.Errorf("%dx%d hidden %03b zoom %v: %d lines on a terminal %d high", sz[0], sz[1], mask, zoom, n, sz[1])
				}
				// Back to every pane shown, the timeline closed.
				playOf(m).shown = shownPanes{}
				playOf(m).timeline = false
			}
		}
	}
}

// Issue 12: a key zooms one pane to the whole screen and back. z zooms
// the pane in use (the network at first, the nodes after tab, the story
// after [); Z goes through the panes, and after the last shows them all.
func TestZoom(t *testing.T) {
	m := newPlainGame(t, 80, 24)
	keys(m, "z")
	body := bodyOf(m)
	if !strings.HasPrefix(body[0], "NETWORK") {
		t.Fatalf("z zoomed no network:\n%s", screenOf(m))
	}
	for i, l := range body {
		if strings.Contains(l, " | ") || strings.Contains(l, "PROPOSERS") || strings.Contains(l, "STORY") {
			t.Errorf("line %d: another pane beside the zoomed network: %q", i+2, l)
		}
	}
	// The network has the whole width and height: every message shows.
	for _, e := range world(m).InFlight() {
		if !strings.Contains(screenOf(m), fmt.Sprintf("#%d ", e.ID)) {
			t.Errorf("message #%d is not on the zoomed network", e.ID)
		}
	}
	if !shows(m, "network zoomed to the whole screen — z shows every pane") || !shows(m, "z all panes") {
		t.Errorf("the status line and the footer do not say how to come back:\n%s", screenOf(m))
	}
	keys(m, "down", "enter") // the keys of the network work zoomed
	if got := playOf(m).g.Len(); got != 13 {
		t.Errorf("enter on the zoomed network: %d steps, want 13", got)
	}
	keys(m, "z")
	if !shows(m, "every pane shown — z zooms the network again") {
		t.Errorf("z again does not say every pane shows:\n%s", screenOf(m))
	}
	keys(m, "left", "up") // back to the duel, #3 selected
	before := screenOf(m)
	keys(m, "z", "z", "down", "up")
	if after := screenOf(m); after != before {
		t.Errorf("after z twice the screen is not as it was:\n%s\nwas:\n%s", after, before)
	}

	// The pane in use.
	for _, c := range []struct {
		keys    []string
		heading string
	}{
		{[]string{"tab"}, "PROPOSERS"},
		{[]string{"["}, "STORY"},
		{[]string{"down"}, "NETWORK"},
		{[]string{"t"}, "TIMELINE"},
	} {
		keys(m, c.keys...)
		keys(m, "z")
		if body := bodyOf(m); !strings.HasPrefix(body[0], c.heading) {
			t.Errorf("%v then z: the zoomed pane is not %s:\n%s", c.keys, c.heading, screenOf(m))
		}
		keys(m, "z")
		if c.heading == "TIMELINE" {
			keys(m, "t")
		}
	}

	// Z: the nodes, the network, the story, then every pane.
	for _, heading := range []string{"PROPOSERS", "NETWORK", "STORY"} {
		keys(m, "Z")
		if body := bodyOf(m); !strings.HasPrefix(body[0], heading) || strings.Contains(strings.Join(body, "\n"), " | ") {
			t.Errorf("Z: %s is not zoomed alone:\n%s", heading, screenOf(m))
		}
	}
	keys(m, "Z")
	if screen := screenOf(m); !strings.Contains(screen, "PROPOSERS") || !strings.Contains(screen, "NETWORK") || !strings.Contains(screen, "STORY") {
		t.Errorf("Z after the last pane: not every pane shows:\n%s", screen)
	}
}

// Hiding the zoomed pane ends the zoom: what the status says is what the
// screen shows. The zoomed pane is shown even when hidden.
func TestHideTheZoomedPane(t *testing.T) {
	m := newPlainGame(t, 80, 24)
	keys(m, "z", "N")
	screen := screenOf(m)
	if strings.Contains(screen, "NETWORK") || !strings.Contains(screen, "PROPOSERS") || !strings.Contains(screen, "STORY") {
		t.Errorf("N on the zoomed network: still zoomed, or the network shows:\n%s", screen)
	}
	keys(m, "S", "z") // nothing but the nodes left: z zooms them
	if body := bodyOf(m); !strings.HasPrefix(body[0], "PROPOSERS") {
		t.Errorf("z with the network and story hidden does not zoom the nodes:\n%s", screenOf(m))
	}
	keys(m, "z", "Z", "Z") // Z goes to the hidden network: shown, zoomed
	if body := bodyOf(m); !strings.HasPrefix(body[0], "NETWORK") {
		t.Errorf("Z does not zoom the hidden network:\n%s", screenOf(m))
	}
}

// Auto-play goes on while a lecturer zooms and hides panes; any other
// key stops it.
func TestPanesKeepAutoPlay(t *testing.T) {
	m := newPlainGame(t, 80, 24)
	keys(m, "A")
	if !m.board.auto {
		t.Fatal("A did not start auto-play")
	}
	keys(m, "z", "S", "N", "M", "Z")
	if !m.board.auto {
		t.Error("a key of the panes stopped auto-play")
	}
	keys(m, "down")
	if m.board.auto {
		t.Error("↓ did not stop auto-play")
	}
}

// In a lesson at 80×24 the lesson's text has the story's place: z zooms
// the lesson's text first, Z reaches the story, and S says that the story
// is not on screen at this width anyway.
func TestPanesInALesson(t *testing.T) {
	m := newTest(t, 80, 24)
	openLesson(m, 2)
	untilPage(t, m, lessons.KindGoal)
	keys(m, "z")
	if body := bodyOf(m); !strings.HasPrefix(body[0], "LESSON 2") || strings.Contains(strings.Join(body, "\n"), "│") {
		t.Errorf("z in a lesson does not zoom the lesson's text:\n%s", screenOf(m))
	}
	keys(m, "z", "Z", "Z", "Z") // the nodes, the network, the story
	if body := bodyOf(m); !strings.HasPrefix(body[0], "STORY") {
		t.Errorf("Z does not reach the story:\n%s", screenOf(m))
	}
	keys(m, "z", "S")
	if !strings.Contains(wordsOf(screenOf(m)), "at this width the lesson has the story's place") {
		t.Errorf("S does not say the story is not on screen anyway:\n%s", screenOf(m))
	}
	checkFits(t, m)
}

// At 120 columns a lesson shows the story beside its text; with the story
// hidden, the lesson's text tells what the move did, as it does where
// there is no story.
func TestLessonTellsTheMoveWhenTheStoryIsHidden(t *testing.T) {
	m := newTest(t, 120, 40)
	openLesson(m, 2)
	untilPage(t, m, lessons.KindGoal)
	keys(m, "1") // A1 promises
	if strings.Contains(screenOf(m), "WHAT HAPPENED") {
		t.Fatalf("the story shows, and the lesson tells what happened too:\n%s", screenOf(m))
	}
	keys(m, "S")
	if screen := screenOf(m); strings.Contains(screen, "STORY") || !strings.Contains(screen, "WHAT HAPPENED") {
		t.Errorf("story hidden: the lesson does not tell what happened:\n%s", screen)
	}
}

// A student's board over SSH hides and zooms its own panes: the table and
// the other boards do not change.
func TestPanesOnAStudentsBoard(t *testing.T) {
	tb := table.New(game.NewGame(), "the class", "")
	defer tb.Close()
	lecturer := NewBoard(tb.Lecturer(true), true, true)
	bob, _, err := tb.Student("bob", "", table.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	student := NewRoomBoard(bob, true, true, BoardOptions{Remote: true, Fixed: true})
	for _, m := range []*Model{lecturer, student} {
		send(m, sizeMsg(80, 24))
	}
	command(lecturer, "propose P1")
	student.board.catchUp()
	keys(student, "N", "M", "z")
	if body := bodyOf(student); !strings.HasPrefix(body[0], "PROPOSERS") || strings.Contains(screenOf(student), "MAJORITY") {
		t.Errorf("the student's z with the network hidden does not zoom the nodes, without the meter:\n%s", screenOf(student))
	}
	checkFits(t, student)
	if screen := screenOf(lecturer); !strings.Contains(screen, "NETWORK") || !strings.Contains(screen, "MAJORITY") {
		t.Errorf("the student's keys changed the lecturer's board:\n%s", screen)
	}
	if v := tb.Version(); v != 2 { // bob came, and the lecturer's proposal
		t.Errorf("the student's keys changed the table: version %d", v)
	}
}

// The lecturer's question on quitting, with students in the room and play
// unsaved, wraps onto the last lines of the screen: nothing of it is cut
// at 100 columns nor at 80 (issue 20, point 6).
func TestLecturersQuitQuestionIsWhole(t *testing.T) {
	for _, w := range []int{80, 100} {
		tb := table.New(game.NewGame(), "the class", "")
		lecturer := NewBoard(tb.Lecturer(true), true, false)
		if _, _, err := tb.Student("bob", "", table.Limits{}); err != nil {
			t.Fatal(err)
		}
		send(lecturer, sizeMsg(w, 24))
		command(lecturer, "propose P1")
		keys(lecturer, "q")
		screen := screenOf(lecturer)
		joined := strings.Join(strings.Fields(screen), " ")
		want := "End the class? 1 student will be disconnected, and your play is not saved. y end · n stay (then s saves)"
		if !strings.Contains(joined, want) {
			t.Errorf("%d columns: the question is not whole, want %q:\n%s", w, want, screen)
		}
		checkFits(t, lecturer)
		tb.Close()
	}
}
