// Package plain is the game line by line, for a player who cannot see the
// screen: a screen reader or a braille display reads every line
// (`paxosgame play --plain`, `paxosgame lesson play --plain`). Each event
// is one sentence of the game's narrator, written once; a prompt reads
// commands of the game's language; look describes the nodes, the network
// and the meter in sentences. No cursor movement, no box drawing, no
// colour: it works on a dumb terminal and through a pipe.
//
// Everything the player does is a command of the language run through a
// table (package table), as on the screen; a lesson is the table's coach.
package plain

import (
	"errors"
	"fmt"
	"io"

	"paxosgame/game"
	"paxosgame/internal/term"
	"paxosgame/lessons"
	"paxosgame/narrate"
	"paxosgame/table"
)

// Options are how a console reads and writes.
type Options struct {
	// Echo writes each line read after the prompt, for input that is not a
	// terminal (a pipe, a file): the output then reads as a dialogue. A
	// terminal echoes what is typed itself, and gets a prompt instead.
	Echo bool
	// Raw is for input from a terminal in raw mode, as an SSH client with
	// a pty sends it, key by key: the console edits and echoes the line as
	// a terminal would (backspace, ctrl-U, ctrl-C, ctrl-D), and ends each
	// line it writes with CR LF.
	Raw bool
	// ASCII spells the marks of the sentences in ASCII (→ as ->).
	ASCII bool
	// Files gives the seats of the tables the console makes the right to
	// files: on the player's own machine, never over SSH.
	Files bool
	// MaxLine is the longest line read (0: 4096 bytes); a longer one is
	// ignored. LinesPerSec bounds the lines handled a second (0: no
	// bound); more are ignored, and said so.
	MaxLine, LinesPerSec int
	// Notice is said after the greeting of Sit: what became of the node
	// the student asked for as they joined, say.
	Notice string
	// Store keeps a lesson's progress; nil keeps none.
	Store *lessons.Store
}

// Play is free play of game g on a new table, titled title, line by line:
// it reads commands from in until its end or quit, and writes to out.
func Play(g *game.Game, title string, in io.Reader, out io.Writer, opts Options) error {
	t := table.New(g, title, "")
	defer t.Close()
	c := newConsole(t, out, opts)
	c.greet(title)
	return c.run(in)
}

// Sit plays line by line at seat s of a table another made and closes:
// the classroom's. A student's seat follows the room — what the lecturer
// and the others do is told as they do it, and the polls — and takes a
// node and answers polls (see roomHelp); any other seat plays the table's
// game as Play does. It reads from in until its end or quit. Writes to
// out must not wait long: the console writes while it holds the table's
// lock.
func Sit(s *table.Seat, in io.Reader, out io.Writer, opts Options) error {
	c := newConsole(nil, out, opts)
	c.seat = seat{s: s}
	if s.Role() != table.Student {
		var title string
		s.Read(func(tx *table.Tx) { title = tx.Title() })
		c.greet(title)
		return c.run(in)
	}
	c.room = &roomBoard{c: c, notice: opts.Notice}
	ch, stop := s.Subscribe() // first: no change is missed after open
	c.room.open()
	done := make(chan struct{})
	go func() {
		defer close(done)
		for range ch {
			c.mu.Lock()
			c.room.follow()
			c.mu.Unlock()
			c.p.restore()
		}
	}()
	defer func() {
		stop()
		<-done
	}()
	return c.run(in)
}

// greet says what the console is, and tells the game as it starts.
func (c *console) greet(title string) {
	c.p.say(fmt.Sprintf("paxosgame, %s, one line for each event. Type help for the commands, look to hear the game described.", game.Printable(title)))
	c.seat.read(func(g *game.Game) {
		c.intro(g)
		c.listChoicesOf(g.World())
	})
}

// intro tells game g as it starts: its setup, and for a loaded script
// where its history stands.
func (c *console) intro(g *game.Game) {
	_, evs := g.Setup()
	if len(evs) == 0 {
		c.p.say("The cluster: " + narrate.Cluster(g.World().Cfg))
	}
	c.p.events(evs)
	if g.Len() > 0 {
		c.p.say(fmt.Sprintf("The script has %d steps and stands at step %d; back steps back through it, look tells where it stands.", g.Len(), g.Cursor()))
	}
}

// Lesson plays lesson l line by line, and the course's next lessons after
// it when the student goes on.
func Lesson(l *lessons.Lesson, in io.Reader, out io.Writer, opts Options) error {
	c := newConsole(nil, out, opts)
	if err := c.openLesson(l, opts.Store); err != nil {
		return err
	}
	defer func() { c.seat.close() }()
	return c.run(in)
}

// Main is `paxosgame play --plain [FILE]`: free play, or the script FILE
// loaded, read from in and written to out. It returns the exit status.
func Main(args []string, in io.Reader, out, errOut io.Writer) int {
	var g *game.Game
	title := "free play"
	switch len(args) {
	case 0:
		g = game.NewGame()
	case 1:
		var err error
		if g, err = load(args[0]); err != nil {
			fmt.Fprintf(errOut, "paxosgame play: %s\n", game.Printable(narrate.Error(err)))
			return 2
		}
		title = game.Printable(args[0])
	default:
		fmt.Fprintln(errOut, "paxosgame play: give at most one script file")
		return 2
	}
	if err := Play(g, title, in, out, envOptions(in)); err != nil {
		fmt.Fprintf(errOut, "paxosgame play: %s\n", game.Printable(narrate.Error(err)))
		return 1
	}
	return 0
}

// PlayLesson is `paxosgame lesson play --plain NAME|FILE`. It returns the
// exit status.
func PlayLesson(l *lessons.Lesson, store *lessons.Store, in io.Reader, out, errOut io.Writer) int {
	opts := envOptions(in)
	opts.Store = store
	if err := Lesson(l, in, out, opts); err != nil {
		fmt.Fprintf(errOut, "paxosgame lesson play: %s\n", game.Printable(narrate.Error(err)))
		return 1
	}
	return 0
}

// envOptions are the options for this process: echo when in is not a
// terminal, ASCII as the screen would draw it, and files.
func envOptions(in io.Reader) Options {
	return Options{Echo: !term.IsTerminal(in), ASCII: term.ASCII(), Files: true}
}

// load reads a script file as `paxosgame play FILE` does.
func load(path string) (*game.Game, error) {
	src, err := game.ReadScript(path)
	if err != nil {
		return nil, err
	}
	g, err := game.Open(path, string(src))
	var es game.Errors
	if errors.As(err, &es) && len(es) > 1 {
		return nil, fmt.Errorf("%w (and %d more errors)", es[0], len(es)-1)
	}
	return g, err
}
