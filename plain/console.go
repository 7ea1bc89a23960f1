package plain

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"paxosgame/game"
	"paxosgame/internal/words"
	"paxosgame/narrate"
	"paxosgame/paxos"
	"paxosgame/table"
)

// console is one player at a table, line by line: it reads a line, acts,
// and writes what happened, each sentence once. In a room (a student's
// seat), a goroutine tells what the others do as they do it: mu keeps it
// and the lines read apart.
type console struct {
	mu     sync.Mutex
	p      *printer
	seat   seat
	echo   bool
	raw    bool
	files  bool         // the tables it makes give it a seat with files
	max    int          // the longest line read
	rate   *table.Rate  // the lines handled a second
	slowed time.Time    // when the player was last told to slow down
	lesson *lessonBoard // nil in free play
	room   *roomBoard   // a student's seat in a room; nil else

	// listed is, for each node played by hand that waits for a decision,
	// its choices as last listed: they are listed again when they change.
	listed map[paxos.NodeID]string
	// decider is the node whose choices were listed last: a bare number
	// takes one of them.
	decider paxos.NodeID
	quit    bool
}

func newConsole(t *table.Table, out io.Writer, opts Options) *console {
	c := &console{p: &printer{w: out, ascii: opts.ASCII, crlf: opts.Raw}, echo: opts.Echo, raw: opts.Raw, files: opts.Files,
		max: opts.MaxLine, rate: table.NewRate(opts.LinesPerSec), listed: map[paxos.NodeID]string{}}
	if c.max <= 0 {
		c.max = maxLine
	}
	if t != nil {
		c.seat = seat{s: t.Solo(c.files)}
	}
	return c
}

// run reads lines until the end of the input or quit. In a terminal it
// writes a prompt first; with Echo, the line read after the prompt.
func (c *console) run(in io.Reader) error {
	next := newLineReader(in, c.max).next
	if c.raw {
		next = newRawReader(in, c.p, c.max).next
	}
	for !c.quit && c.p.failed() == nil {
		if !c.echo {
			c.p.showPrompt("> ")
		}
		line, tooLong, err := next()
		if err == io.EOF {
			c.p.lineRead(true)
			break
		}
		if err != nil {
			return err
		}
		c.p.lineRead(false)
		if c.echo {
			c.p.say("> " + line)
		}
		c.mu.Lock()
		switch {
		case !c.rate.Allow(time.Now()):
			if time.Since(c.slowed) > time.Second {
				c.slowed = time.Now()
				c.p.say(fmt.Sprintf("Slow down: at most %d lines a second; that line is ignored.", c.rate.Limit()))
			}
		case tooLong:
			c.p.say(fmt.Sprintf("That line is longer than %d characters: it is ignored.", c.max))
		default:
			c.handle(line)
		}
		c.mu.Unlock()
	}
	return c.p.failed()
}

// handle acts on one line: a word of the console (look, back, help…), a
// number, a word of the lesson, or else a command of the game's language.
func (c *console) handle(line string) {
	line = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(line), ":"))
	if line == "" {
		return
	}
	if c.lesson != nil && c.lesson.confirming(line) {
		return
	}
	if n, err := strconv.Atoi(line); err == nil {
		switch {
		case c.room != nil:
			c.room.number(n)
		case c.lesson == nil || !c.lesson.answer(n):
			c.decide(n)
		}
		return
	}
	fields := strings.Fields(line)
	word, rest := strings.ToLower(fields[0]), strings.Join(fields[1:], " ")
	if c.room != nil && c.room.handle(word, rest) {
		return
	}
	switch word {
	case "quit", "exit":
		c.quit = true
		c.p.say("Goodbye.")
		return
	case "help", "?":
		c.help()
		return
	case "look", "l":
		c.look(rest)
		return
	case "choices":
		c.choices(rest)
		return
	case "back", "undo":
		if c.lesson != nil && !c.lesson.atGoal() {
			c.lesson.previous()
			return
		}
		c.back()
		return
	case "forward", "redo":
		c.forward()
		return
	}
	if c.lesson != nil && c.lesson.handle(word, rest) {
		return
	}
	c.command(line)
}

// command parses a line of the game's language and runs it.
func (c *console) command(line string) {
	cmd, ok, err := game.ParseLine(line)
	if err != nil {
		c.p.say("Not a command: " + errorText(err) + " (help lists the commands).")
		return
	}
	if ok {
		c.run1(cmd)
	}
}

// run1 runs one command through the table, and says what it did.
func (c *console) run1(cmd game.Command) {
	if c.room != nil {
		c.room.run(cmd)
		return
	}
	res, err := c.seat.do(cmd)
	switch {
	case err != nil && cmd.Verb == game.VExpect:
		c.p.say(fmt.Sprintf("No: %s", narrate.Error(err)))
		return
	case err != nil:
		c.p.say(fmt.Sprintf("Refused: %s: %s", cmd, narrate.Error(err)))
		return
	case cmd.Verb == game.VExpect:
		c.p.say("Yes: " + narrate.Expect(cmd) + ".")
		return
	}
	c.p.events(res.Events)
	switch {
	case res.Dropped == 1:
		c.p.say("1 step that was ahead was dropped: the history goes on from your move.")
	case res.Dropped > 1:
		c.p.say(fmt.Sprintf("%d steps that were ahead were dropped: the history goes on from your move.", res.Dropped))
	}
	c.after()
}

// after follows a move: the choices of a node played by hand that came to
// wait for a decision (or whose choices changed), and in a lesson, the
// goal.
func (c *console) after() {
	if c.lesson != nil {
		c.lesson.moved()
	}
	c.listChoices()
}

// mayDecide reports whether the player may take decisions now: in a
// lesson, only at a goal or a question answered by acting.
func (c *console) mayDecide() bool { return c.lesson == nil || c.lesson.acts() }

// listChoices lists the choices of the nodes that wait for a decision, when
// they were not listed as they are now.
func (c *console) listChoices() {
	c.seat.read(func(g *game.Game) { c.listChoicesOf(g.World()) })
}

// listChoicesOf is listChoices on world w, read already.
func (c *console) listChoicesOf(w *game.World) {
	if !c.mayDecide() {
		return
	}
	waiting := c.waiting(w)
	for id := range c.listed {
		if !slices.Contains(waiting, id) {
			delete(c.listed, id)
		}
	}
	first := true
	for _, id := range waiting {
		text := choicesText(w, id)
		if c.listed[id] == text {
			continue
		}
		c.listed[id] = text
		if first {
			c.p.say(text)
			c.decider, first = id, false
			continue
		}
		c.p.say(fmt.Sprintf("%s waits for your decision too: choices %s lists its choices.", id, id))
	}
}

// waiting is the nodes played by hand that wait for a decision of the
// player: in a room, the student's own node alone.
func (c *console) waiting(w *game.World) []paxos.NodeID {
	ws := w.Waiting()
	if c.room != nil {
		ws = slices.DeleteFunc(ws, func(id paxos.NodeID) bool { return id != c.room.node })
	}
	return ws
}

// choicesText is the choices of node id numbered, a line each, with the
// command each one is. What it decides on was just told, or is told by
// look (narrate.Decides).
func choicesText(w *game.World, id paxos.NodeID) string {
	ds := w.Decisions(id)
	lines := []string{fmt.Sprintf("%s's choices; type a number:", id)}
	for i, d := range ds {
		lines = append(lines, fmt.Sprintf("%d. %s: %s.", i+1, w.DecisionCommand(id, d), narrate.Decision(w, d)))
	}
	return strings.Join(lines, "\n")
}

// choices lists the choices of a node (the one deciding when none is
// named).
func (c *console) choices(arg string) {
	c.seat.read(func(g *game.Game) {
		w := g.World()
		id, ok := c.nodeArg(w, arg)
		if !ok {
			return
		}
		if len(w.Decisions(id)) == 0 {
			c.p.say(nothingToDecide(w, id))
			return
		}
		text := choicesText(w, id)
		c.listed[id], c.decider = text, id
		c.p.say(narrate.Decides(w, id))
		c.p.say(text)
	})
}

// nodeArg is the node a line names, or, when it names none, the node
// deciding: the one whose choices were listed last, or the only one
// waiting. It says why when there is none.
func (c *console) nodeArg(w *game.World, arg string) (paxos.NodeID, bool) {
	if arg != "" {
		id, err := game.ParseNode(strings.ToUpper(arg))
		if err == nil && w.Exists(id) {
			return id, true
		}
		c.p.say(fmt.Sprintf("There is no node %q: %s", arg, narrate.Cluster(w.Cfg)))
		return paxos.NodeID{}, false
	}
	waiting := c.waiting(w)
	for _, id := range waiting {
		if id == c.decider {
			return id, true
		}
	}
	switch {
	case len(waiting) == 0 && c.room != nil:
		c.p.say(c.room.noDecision())
		return paxos.NodeID{}, false
	case len(waiting) == 0:
		c.p.say("No node you play waits for a decision. hand A1 plays A1 by hand: what reaches it then waits for you.")
		return paxos.NodeID{}, false
	case len(waiting) == 1:
		return waiting[0], true
	}
	names := make([]string, len(waiting))
	for i, id := range waiting {
		names[i] = id.String()
	}
	c.p.say(fmt.Sprintf("%s wait for your decision: choices %s lists the choices of %s.", words.And(names), names[0], names[0]))
	return paxos.NodeID{}, false
}

// nothingToDecide says why node id has no choice to take.
func nothingToDecide(w *game.World, id paxos.NodeID) string {
	switch {
	case !w.Hand(id):
		return fmt.Sprintf("%s is played by the game: hand %s plays it by hand.", id, id)
	case !w.Up(id):
		return fmt.Sprintf("%s is crashed: restart %s restarts it.", id, id)
	}
	return fmt.Sprintf("%s has nothing to decide now. %s", id, narrate.Node(w, id))
}

// decide takes choice n of the node deciding.
func (c *console) decide(n int) {
	if !c.mayDecide() {
		c.p.say("A number takes a choice of a node you play, at a goal of the lesson; here next goes on.")
		return
	}
	var cmd game.Command
	ok := false
	c.seat.read(func(g *game.Game) {
		w := g.World()
		id, found := c.nodeArg(w, "")
		if !found {
			return
		}
		ds := w.Decisions(id)
		switch {
		case len(ds) == 1 && n != 1:
			c.p.say(fmt.Sprintf("%s has one choice: 1.", id))
		case n < 1 || n > len(ds):
			c.p.say(fmt.Sprintf("%s has %d choices: 1 to %d.", id, len(ds), len(ds)))
		default:
			cmd, ok = w.DecisionCommand(id, ds[n-1]), true
		}
	})
	if ok {
		c.p.say(fmt.Sprintf("Choice %d: %s.", n, cmd))
		c.run1(cmd)
	}
}

// back undoes the last step.
func (c *console) back() {
	var done game.Command
	var cur, n int
	moved := c.seat.step(-1)
	c.seat.read(func(g *game.Game) {
		cur, n = g.Cursor(), g.Len()
		if moved {
			done = g.Steps()[cur].Cmd
		}
	})
	switch {
	case moved:
		c.p.say(fmt.Sprintf("Undone: step %d, %s. Now at step %d of %d; forward takes it again.", cur+1, done, cur, n))
		c.after()
	case c.lesson != nil:
		c.p.say("Nothing of yours to undo at this goal: back undoes your own moves, previous goes back a page.")
	default:
		c.p.say("Nothing to undo: this is step 0.")
	}
}

// forward takes again the step undone last.
func (c *console) forward() {
	if !c.seat.step(1) {
		c.p.say("Nothing to take again: this is the last step.")
		return
	}
	c.seat.read(func(g *game.Game) {
		cur := g.Cursor()
		c.p.say(fmt.Sprintf("Step %d of %d: %s.", cur, g.Len(), g.Steps()[cur-1].Cmd))
		c.p.events(g.Events(cur))
	})
	c.after()
}

// errorText words an error for a line; a parse error of a typed line
// points at its column.
func errorText(err error) string {
	var pe *game.Error
	if errors.As(err, &pe) && pe.Line == 0 && pe.Col > 0 {
		return fmt.Sprintf("column %d: %s", pe.Col, narrate.Error(pe))
	}
	return narrate.Error(err)
}

const helpText = `Type one command a line.
look: the whole game in sentences. look A1, look P2, look L1: one node. look network: the messages in flight. look meter: the majority meter.
Any command of the game's script language, such as:
propose P2, or propose P2 17 "5 EUR": P2 starts a ballot.
deliver #3, deliver 1a P2->A1, deliver all: deliver messages. drop and duplicate take the same words.
crash A2, restart A2: crash or restart a node.
hand A1: play A1 yourself; auto A1 gives it back to the game.
promise A1, vote A1, refuse A1, ignore A1, accept P2 "5 EUR", learn L1 "5 EUR": the decisions of a node you play.
A number takes that choice of the node that decides; choices lists its choices again.
expect chosen "5 EUR", expect A1 promised 17: ask whether something holds.
back and forward: undo and redo.
help: this text. quit: leave (the end of the input does too).`

const lessonHelp = `In a lesson:
next (or n): play the next step, or go to the next page; at the end of a lesson, start the next one.
previous: take back the last step played, or go back a page. back undoes your own moves at a goal.
page: read the page again. goal: read the goal again, line by line.
A number answers the question of the page.
hint: one hint at a time. solution: play the goal's solution (asks first; a challenge is then not scored).
restart lesson: start the lesson again from its first page (asks first).`

func (c *console) help() {
	c.p.say(helpText)
	if c.lesson != nil {
		c.p.say(lessonHelp)
	}
}
