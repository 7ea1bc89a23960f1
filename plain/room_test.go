package plain

import (
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	"paxosgame/game"
	"paxosgame/paxos"
	"paxosgame/table"
)

// syncBuffer is output written by the console's two goroutines, read by
// the test.
type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// student is a student's plain console at a room's table, read through a
// pipe.
type student struct {
	t    *testing.T
	in   *io.PipeWriter
	out  *syncBuffer
	done chan error
	seen int // how much of out the test has read
}

func sitStudent(t *testing.T, tb *table.Table, name string, opts Options) *student {
	t.Helper()
	seat, _, err := tb.Student(name, "key-"+name, table.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	r, w := io.Pipe()
	s := &student{t: t, in: w, out: &syncBuffer{}, done: make(chan error, 1)}
	go func() { s.done <- Sit(seat, r, s.out, opts) }()
	t.Cleanup(func() {
		w.Close()
		<-s.done
	})
	return s
}

// wait waits for text to come after what was read, and reads up to its end.
func (s *student) wait(text string) {
	s.t.Helper()
	end := time.Now().Add(5 * time.Second)
	for time.Now().Before(end) {
		out := s.out.String()
		if i := strings.Index(out[s.seen:], text); i >= 0 {
			s.seen += i + len(text)
			return
		}
		time.Sleep(2 * time.Millisecond)
	}
	s.t.Fatalf("%q never came; after what was read:\n%s", text, s.out.String()[s.seen:])
}

func (s *student) typeLine(line string) {
	s.t.Helper()
	if _, err := io.WriteString(s.in, line+"\n"); err != nil {
		s.t.Fatal(err)
	}
}

func lecturerDo(t *testing.T, seat *table.Seat, line string) {
	t.Helper()
	c, _, err := game.ParseLine(line)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := seat.Do(c); err != nil {
		t.Fatalf("%s: %v", line, err)
	}
}

// Issue 22 point 8, `ssh … -t plain`: a student line by line hears every
// step the lecturer takes as it comes, takes a node, takes its decisions
// by number, answers a poll and hears its answer explained when it
// closes, and is told when the room replays the past.
func TestStudentFollowsTheRoom(t *testing.T) {
	tb := table.New(game.NewGame(), "classroom", "")
	defer tb.Close()
	lect := tb.Lecturer(false)
	bob := sitStudent(t, tb, "bob", Options{Echo: true})
	bob.wait("you are bob.")
	bob.wait("The cluster: 5 proposers")

	lecturerDo(t, lect, `propose P2 17 "5 EUR"`)
	bob.wait(`Step 1 of 1: propose P2 17 "5 EUR".`)
	bob.wait("P2 starts ballot 17")

	bob.typeLine("vote A1")
	bob.wait("Refused: vote A1: you play no node yet: take A2 takes a free node")
	bob.typeLine("take A1")
	bob.wait("Step 2 of 2: hand A1.")
	bob.wait("You play A1 now")
	lecturerDo(t, lect, "deliver 1a P2->A1")
	bob.wait("Step 3 of 3: deliver 1a P2->A1.")
	bob.wait("A1's choices; type a number:")
	bob.typeLine("1")
	bob.wait("Choice 1: promise A1.")
	bob.wait("Step 4 of 4: promise A1.")
	bob.typeLine("promise A2")
	bob.wait("Refused: promise A2: you play A1: its decisions are yours")

	var err error
	lect.Act(func(tx *table.Tx) {
		err = tx.Ask(table.Question{
			Text:    "Which value will A1 vote for?",
			Choices: []string{`"5 EUR"`, `"6 EUR"`},
			Explain: []string{"P2 runs *17* with 5 EUR.", "Nobody proposes 6 EUR."},
			Truth:   func(*game.Game) (int, string, error) { return 0, `"5 EUR"`, nil },
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	bob.wait("Poll from the lecturer: Which value will A1 vote for?")
	bob.wait(`2. "6 EUR"`)
	bob.typeLine("2")
	bob.wait(`Your answer: 2. "6 EUR".`)
	lect.Act(func(tx *table.Tx) { _, err = tx.ClosePoll() })
	if err != nil {
		t.Fatal(err)
	}
	bob.wait(`The answer: 1. "5 EUR".`)
	bob.wait("P2 runs 17 with 5 EUR.") // the lesson's Markdown, read as text
	bob.wait(`You answered 2. "6 EUR".`)
	bob.wait("Nobody proposes 6 EUR.")
	bob.wait(`The room answered: 1. "5 EUR": 0; 2. "6 EUR": 1.`)

	lect.Act(func(tx *table.Tx) { tx.Jump(2) })
	bob.wait("The lecturer went back to step 2 of 4.")
	bob.wait("The room replays: the lecturer is showing step 2 of 4")
	bob.typeLine("vote A1")
	bob.wait("the lecturer is showing step 2 of 4 — your decisions wait for the present")
	lect.Act(func(tx *table.Tx) { tx.Jump(4) })
	bob.wait("Step 3 of 4: deliver 1a P2->A1.")
	bob.wait("Step 4 of 4: promise A1.")
	bob.wait("The room is back at the present")

	lect.Act(func(tx *table.Tx) { tx.Give(paxos.A(1), "") })
	bob.wait("You no longer play A1")
	if out := bob.out.String(); strings.Count(out, "Step 4 of 4: promise A1.") != 2 {
		t.Errorf("step 4 was told %d times, want twice (played, then replayed):\n%s", strings.Count(out, "Step 4 of 4: promise A1."), out)
	}
}

// A line typed while news comes: in raw mode (an SSH pty) the news goes
// on lines of its own, and the prompt comes again with what was typed,
// so that nothing typed is lost; backspace erases, CR ends the line, and
// every line ends in CR LF.
func TestRawNewsKeepsTheTypedLine(t *testing.T) {
	tb := table.New(game.NewGame(), "classroom", "")
	defer tb.Close()
	lect := tb.Lecturer(false)
	bob := sitStudent(t, tb, "bob", Options{Raw: true})
	bob.wait("> ")
	io.WriteString(bob.in, "lookx\x7f")
	bob.wait("lookx\b \b")
	lecturerDo(t, lect, "propose P2 17")
	bob.wait("\r\nStep 1 of 1: propose P2 17")
	bob.wait("> look")
	io.WriteString(bob.in, " A1\r")
	bob.wait("A1 is up")
	if out := bob.out.String(); strings.Contains(strings.ReplaceAll(out, "\r\n", ""), "\n") {
		t.Errorf("a line ends without CR:\n%q", out)
	}
}
