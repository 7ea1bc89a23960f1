package ui

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"paxosgame/game"
	"paxosgame/lessons"
	"paxosgame/table"
)

// program runs a Model as Bubble Tea would, for a test: the commands a
// message returns run on goroutines of their own and their messages come
// back through the inbox.
type program struct {
	m     *Model
	inbox chan tea.Msg
}

func (p *program) exec(cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	go func() {
		if msg := cmd(); msg != nil {
			p.inbox <- msg
		}
	}()
}

// pending handles the messages that came back, without waiting.
func (p *program) pending() {
	for {
		select {
		case msg := <-p.inbox:
			_, cmd := p.m.Update(msg)
			p.exec(cmd)
		default:
			return
		}
	}
}

var stepOf = regexp.MustCompile(`step (\d+) of (\d+)`)

// Two boards on one table, each on a goroutine of its own as two
// terminals' programs would run them: each sends commands (keys that
// build them, and the `:` line) and draws its View at its own size, while
// the table's signals bring the other's commands. Each reads a whole
// game at every frame (run with -race), and in the end both show every
// step, each at its own size.
func TestTwoBoardsOnOneTable(t *testing.T) {
	tb := table.New(game.NewGame(), "the class", "")
	defer tb.Close()
	sizes := [][2]int{{120, 160}, {200, 120}}
	const rounds = 10
	boards := make([]*program, len(sizes))
	for i, sz := range sizes {
		m := NewBoard(tb.Solo(true), false, false)
		send(m, sizeMsg(sz[0], sz[1]))
		boards[i] = &program{m: m, inbox: make(chan tea.Msg, 16)}
		boards[i].exec(m.board.listening())
	}
	var wg sync.WaitGroup
	for i, p := range boards {
		wg.Add(1)
		go func() {
			defer wg.Done()
			m := p.m
			frame := func() {
				p.pending()
				first := strings.SplitN(screenOf(m), "\n", 2)[0]
				if s := stepOf.FindStringSubmatch(first); s == nil || s[1] != s[2] {
					t.Errorf("board %d: the title is not at the last step: %s", i, first)
				}
			}
			// Board 0 crashes and restarts A1 with c; board 1 does the
			// same to A2, and proposes with the command line.
			for range 5 + i {
				keys(m, "tab")
			}
			last := 0
			for range rounds {
				keys(m, "c")
				frame()
				if i == 1 {
					command(m, "propose P2")
					frame()
				}
				s := stepOf.FindStringSubmatch(screenOf(m))
				n, _ := strconv.Atoi(s[1])
				if n < last {
					t.Errorf("board %d: step %d after step %d", i, n, last)
				}
				last = n
			}
		}()
	}
	wg.Wait()
	var steps []game.Step
	tb.Read(func(tx *table.Tx) { steps = tx.Game().Steps() })
	if want := rounds * 3; len(steps) != want {
		t.Fatalf("%d steps, want %d", len(steps), want)
	}
	for i, p := range boards {
		m := p.m
		m.Update(changedMsg{m.board.seat}) // the last signal, if it is still on its way
		s := screenOf(m)
		for k, st := range steps {
			if head := fmt.Sprintf("%d · %s", k+1, st.Cmd); !strings.Contains(s, head) {
				t.Errorf("board %d does not show step %q", i, head)
			}
		}
		if !strings.Contains(s, fmt.Sprintf("step %d of %d", len(steps), len(steps))) {
			t.Errorf("board %d is not at the last step:\n%s", i, s)
		}
		checkFits(t, m)
	}
	// Closed, a board stops listening: its listener ends.
	for _, p := range boards {
		p.m.Close()
	}
	for _, p := range boards {
		select {
		case msg := <-p.inbox:
			if _, ok := msg.(changedMsg); !ok {
				t.Errorf("after Close the listener sent %T", msg)
			}
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// A command through one board is on the other at once, at its own size;
// the other's selection, scroll and open form stay its own.
func TestACommandIsOnEveryBoard(t *testing.T) {
	tb := table.New(game.NewGame(), "the class", "")
	defer tb.Close()
	a, b := NewBoard(tb.Solo(true), false, false), NewBoard(tb.Solo(true), false, false)
	send(a, sizeMsg(80, 24))
	send(b, sizeMsg(200, 50))
	keys(b, "p") // b's propose form stays open
	keys(a, "p", "enter")
	send(b, changedMsg{b.board.seat})
	if s := screenOf(b); !strings.Contains(s, `step 1 of 1: propose P1 1 "1 EUR"`) || !strings.Contains(s, "New proposal") {
		t.Errorf("the other board does not show the step, or lost its form:\n%s", s)
	}
	if !isOpen[*proposeForm](b.board) || a.board.overlay.open() {
		t.Error("the boards share their modes")
	}
	keys(b, "esc", "down", "down")
	send(a, changedMsg{a.board.seat})
	if a.board.selMsg == b.board.selMsg {
		t.Error("the boards share their selection")
	}
	if !a.board.Dirty() || !b.board.Dirty() {
		t.Error("the unsaved play is not every board's")
	}
}

// View changes nothing: not the board, nor the lesson beside it, even
// with the story scrolled back and a form open.
func TestViewChangesNothing(t *testing.T) {
	m := newTestGame(t, 100, 30)
	seedDuel(m)
	keys(m, "[", "[", "[", "[", "[", "[", "[", "[", "[", "[", "[", "[", "p")
	before := fmt.Sprintf("%+v", *m.board)
	for _, sz := range [][2]int{{100, 30}, {200, 50}} {
		m.sh.width, m.sh.height = sz[0], sz[1] // drawn at another size without telling the board
		m.View()
	}
	if after := fmt.Sprintf("%+v", *m.board); after != before {
		t.Errorf("View changed the board:\n%s\n%s", before, after)
	}
	m = newTest(t, 80, 24)
	openLesson(m, 1)
	untilPage(t, m, lessons.KindGoal)
	keys(m, "space")
	before = fmt.Sprintf("%+v %+v", *m.lesson, *m.lesson.play)
	m.View()
	m.View()
	if after := fmt.Sprintf("%+v %+v", *m.lesson, *m.lesson.play); after != before {
		t.Errorf("View changed the lesson screen:\n%s\n%s", before, after)
	}
}
