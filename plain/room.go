package plain

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"paxosgame/game"
	"paxosgame/narrate"
	"paxosgame/paxos"
	"paxosgame/table"
)

// roomBoard is a student's seat in the classroom, line by line (`ssh …
// -t plain`): the lecturer runs the game, and every step anyone takes is
// told as it comes, once; the student takes a node to play by hand
// (take A2), takes its decisions, and answers the lecturer's polls
// (answer 2). The table checks every right; this only words them.
type roomBoard struct {
	c      *console
	notice string // said after the greeting
	name   string
	node   paxos.NodeID // the node the student plays, as last told; zero: none

	// What was told of the game, to tell only what is new.
	g         *game.Game
	step      int    // the cursor
	last      string // the command of that step: a history changed under it is told so
	steps     int    // the steps of the history
	setupEvs  int    // the setup's events
	pollEpoch uint64 // the room's poll epoch
}

// maxTold is the most steps told one by one when many come at once (the
// lecturer's end key): beyond, they are summed up.
const maxTold = 20

// open greets the student and tells the room as it is.
func (r *roomBoard) open() {
	r.c.mu.Lock()
	defer r.c.mu.Unlock()
	r.c.seat.readTx(func(tx *table.Tx) {
		r.name = tx.Name()
		r.c.p.say(fmt.Sprintf("paxosgame classroom, line by line: you are %s. The lecturer runs the game, and each step is told as it is played. take A2 plays a free node by hand; its decisions are then yours. answer 2 answers a poll. help lists the commands, look describes the game.", r.name))
		if r.notice != "" {
			r.c.p.say(r.notice)
		}
		g := tx.Game()
		r.c.intro(g)
		if g.Cursor() < g.Len() {
			r.c.p.say(r.replaying(g))
		}
		r.mark(g)
		r.followNode(tx)
		r.followPoll(tx)
		r.c.listChoicesOf(g.World())
	})
}

// follow tells what changed since it was last told: called on each
// signal of the table.
func (r *roomBoard) follow() {
	r.c.seat.readTx(r.followTx)
}

// followTx tells what changed, within the table's lock: a new game, the
// poll, the steps, the student's node, its choices.
func (r *roomBoard) followTx(tx *table.Tx) {
	g := tx.Game()
	if g != r.g {
		r.c.p.say(fmt.Sprintf("The lecturer opened another game: %s.", game.Printable(tx.Title())))
		r.c.intro(g)
		r.mark(g)
	}
	r.followPoll(tx)
	r.followSteps(g)
	r.followNode(tx)
	r.c.listChoicesOf(g.World())
}

// mark notes game g as told, as it stands.
func (r *roomBoard) mark(g *game.Game) {
	r.g, r.step, r.steps, r.last = g, g.Cursor(), g.Len(), ""
	if r.step > 0 {
		r.last = g.Steps()[r.step-1].Cmd.String()
	}
	_, evs := g.Setup()
	r.setupEvs = len(evs)
}

// followSteps tells the steps taken, or the moves through the history,
// since the game was last told.
func (r *roomBoard) followSteps(g *game.Game) {
	p := r.c.p
	if _, evs := g.Setup(); len(evs) > r.setupEvs {
		p.events(evs[r.setupEvs:])
	}
	cur, n := g.Cursor(), g.Len()
	wasPast := r.step < r.steps
	intact := r.step == 0 || r.step <= n && g.Steps()[r.step-1].Cmd.String() == r.last
	switch {
	case !intact:
		p.say(fmt.Sprintf("The lecturer changed the history: the game stands at step %d of %d now. look tells where it stands.", cur, n))
	case cur > r.step+maxTold:
		p.say(fmt.Sprintf("Steps %d to %d were played at once. look tells where the game stands.", r.step+1, cur))
	case cur > r.step:
		for k := r.step + 1; k <= cur; k++ {
			p.say(fmt.Sprintf("Step %d of %d: %s.", k, n, g.Steps()[k-1].Cmd))
			p.events(g.Events(k))
		}
	case cur < r.step:
		p.say(fmt.Sprintf("The lecturer went back to step %d of %d.", cur, n))
	}
	switch past := cur < n; {
	case past && (!wasPast || !intact):
		p.say(r.replaying(g))
	case !past && wasPast && intact && n == r.steps:
		p.say(fmt.Sprintf("The room is back at the present, step %d of %d: your decisions count again.", cur, n))
	}
	r.mark(g)
}

// replaying says that the lecturer shows the past.
func (r *roomBoard) replaying(g *game.Game) string {
	return fmt.Sprintf("The room replays: the lecturer is showing step %d of %d, and your decisions wait for the present.", g.Cursor(), g.Len())
}

// followNode tells the student that they play a node now, or no longer.
func (r *roomBoard) followNode(tx *table.Tx) {
	id, _ := tx.Plays()
	if id == r.node {
		return
	}
	if r.node != (paxos.NodeID{}) {
		r.c.p.say(fmt.Sprintf("You no longer play %s: the game plays it again.", r.node))
	}
	if id != (paxos.NodeID{}) {
		r.c.p.say(fmt.Sprintf("You play %s now: what reaches it waits for your decision, and its choices are listed as lines. look %s describes it.", id, id))
	}
	r.node = id
}

// followPoll tells a poll that opened or closed.
func (r *roomBoard) followPoll(tx *table.Tx) {
	e := tx.Epoch().Poll
	if e == r.pollEpoch {
		return
	}
	r.pollEpoch = e
	if pl, ok := tx.Poll(); ok {
		r.tellPoll(tx, pl)
	}
}

// tellPoll tells the poll: open, its question, choices and how to answer;
// closed, the answer, what the question says of it, the student's own
// answer, and the counts.
func (r *roomBoard) tellPoll(tx *table.Tx, pl table.Poll) {
	p := r.c.p
	if pl.Open {
		p.say("Poll from the lecturer: " + pl.Text)
		for i, ch := range pl.Choices {
			p.say(fmt.Sprintf("%d. %s", i+1, ch))
		}
		p.say(r.howToAnswer(tx, pl))
		if pl.Mine >= 0 {
			p.say(fmt.Sprintf("Your answer: %d. %s.", pl.Mine+1, pl.Choices[pl.Mine]))
		}
		return
	}
	p.say("The poll is closed: " + pl.Text)
	switch {
	case pl.Err != nil:
		p.say("Its answer could not be told: " + narrate.Error(pl.Err))
		return
	case pl.Choice >= 0:
		p.say(fmt.Sprintf("The answer: %d. %s.", pl.Choice+1, pl.Words))
	default:
		p.say(fmt.Sprintf("The answer: %s, none of the choices.", pl.Words))
	}
	if e := pl.Explanation(pl.Choice); e != "" {
		r.paragraphs(e)
	}
	switch {
	case pl.Mine < 0:
		p.say("You did not answer.")
	case pl.Mine == pl.Choice:
		p.say(fmt.Sprintf("You answered %d: right.", pl.Mine+1))
	default:
		p.say(fmt.Sprintf("You answered %d. %s.", pl.Mine+1, pl.Choices[pl.Mine]))
		if e := pl.Explanation(pl.Mine); e != "" {
			r.paragraphs(e)
		}
	}
	counts := make([]string, len(pl.Choices))
	for i, ch := range pl.Choices {
		counts[i] = fmt.Sprintf("%d. %s: %d", i+1, ch, pl.Counts[i])
	}
	p.say("The room answered: " + strings.Join(counts, "; ") + ".")
	if pl.Played > 0 {
		p.say("The game plays it out:")
	}
}

// paragraphs says a lesson's Markdown, a line a paragraph.
func (r *roomBoard) paragraphs(md string) {
	for _, l := range Paragraphs(md) {
		r.c.p.say(l)
	}
}

// howToAnswer says how to answer the open poll: answer N, or a bare
// number unless a decision of the student's node holds the numbers.
func (r *roomBoard) howToAnswer(tx *table.Tx, pl table.Poll) string {
	if len(r.c.waiting(tx.Game().World())) > 0 {
		return fmt.Sprintf("To answer, type answer and a number, 1 to %d: a bare number takes a choice of %s first. You may change your answer until the lecturer closes the poll.", len(pl.Choices), r.node)
	}
	return fmt.Sprintf("Type the number of your answer, 1 to %d (or answer 2). You may change it until the lecturer closes the poll.", len(pl.Choices))
}

// handle acts on a word of the room; false when the word is not one.
func (r *roomBoard) handle(word, rest string) bool {
	switch word {
	case "take", "hand":
		r.take(rest)
	case "answer":
		n, err := strconv.Atoi(strings.TrimSpace(rest))
		if err != nil {
			r.c.p.say("answer takes the number of a choice of the poll: answer 2.")
			return true
		}
		r.answer(n)
	case "poll":
		r.c.seat.readTx(func(tx *table.Tx) {
			pl, ok := tx.Poll()
			if !ok {
				r.c.p.say("No poll was asked yet.")
				return
			}
			r.tellPoll(tx, pl)
		})
	case "room":
		r.tellRoom()
	case "look", "l":
		if strings.EqualFold(rest, "room") {
			r.tellRoom()
			return true
		}
		r.c.look(rest)
		if rest == "" {
			r.tellRoom()
		}
	case "back", "undo", "forward", "redo":
		r.c.p.say("The lecturer moves through the history; each step is told to you as it comes.")
	case "help", "?":
		r.c.p.say(roomHelp)
	case "give", "auto":
		r.c.p.say("The lecturer gives nodes to students and back to the game.")
	default:
		return false
	}
	return true
}

// number is a bare number: a choice of the student's node when one
// waits, else an answer to the open poll.
func (r *roomBoard) number(n int) {
	deciding, polling := false, false
	r.c.seat.readTx(func(tx *table.Tx) {
		deciding = len(r.c.waiting(tx.Game().World())) > 0
		pl, ok := tx.Poll()
		polling = ok && pl.Open
	})
	switch {
	case deciding:
		r.c.decide(n)
	case polling:
		r.answer(n)
	default:
		r.c.p.say(r.noDecision())
	}
}

// noDecision says why a number chooses nothing now.
func (r *roomBoard) noDecision() string {
	if r.node == (paxos.NodeID{}) {
		return "You play no node, and no poll is open: take A2 takes a free node (look room lists them)."
	}
	return fmt.Sprintf("%s has nothing to decide now, and no poll is open: what reaches %s waits for you.", r.node, r.node)
}

// take takes the node named: `take A2`.
func (r *roomBoard) take(arg string) {
	id, perr := game.ParseNode(strings.ToUpper(strings.TrimSpace(arg)))
	if perr != nil {
		r.c.p.say("take names a node: take A2. look room lists the free ones.")
		return
	}
	var err error
	r.c.seat.act(func(tx *table.Tx) {
		r.followTx(tx)
		if err = tx.Take(id); err == nil {
			r.followTx(tx)
		}
	})
	if err != nil {
		r.c.p.say(fmt.Sprintf("You cannot take %s: %s.", id, r.refusal(err)))
	}
}

// answer answers the open poll with choice n (from 1).
func (r *roomBoard) answer(n int) {
	var pl table.Poll
	var err error
	r.c.seat.act(func(tx *table.Tx) {
		r.followTx(tx)
		if err = tx.Answer(n - 1); err == nil {
			pl, _ = tx.Poll()
		}
	})
	switch {
	case errors.Is(err, table.ErrNoPoll):
		r.c.p.say("No poll is open: the lecturer asks one.")
	case err != nil:
		r.c.p.say(sentence(narrate.Error(err)))
	default:
		r.c.p.say(fmt.Sprintf("Your answer: %d. %s. You may change it until the lecturer closes the poll.", n, pl.Choices[n-1]))
	}
}

// run runs a command of the language through the student's seat: the
// table refuses all but the decisions of the node they play, at the
// present. What others did first is told first, then the step.
func (r *roomBoard) run(cmd game.Command) {
	var err error
	r.c.seat.act(func(tx *table.Tx) {
		r.followTx(tx)
		if _, err = tx.Do(cmd); err == nil {
			r.followTx(tx)
		}
	})
	switch {
	case err != nil && cmd.Verb == game.VExpect:
		r.c.p.say(fmt.Sprintf("No: %s", err))
	case err != nil:
		r.c.p.say(fmt.Sprintf("Refused: %s: %s.", cmd, r.refusal(err)))
	case cmd.Verb == game.VExpect:
		r.c.p.say("Yes: " + narrate.Expect(cmd) + ".")
	}
}

// refusal words the table's refusal of a student's seat for the plain
// console: the board's words name keys.
func (r *roomBoard) refusal(err error) string {
	var rf *table.Refusal
	if errors.As(err, &rf) {
		switch rf.Reason {
		case table.NoNode:
			return "you play no node yet: take A2 takes a free node, and the lecturer runs the network"
		case table.NotYourNode:
			return fmt.Sprintf("you play %s: its decisions are yours, and the lecturer runs the network", rf.Node)
		}
	}
	return strings.TrimSuffix(narrate.Error(err), ".")
}

// tellRoom tells who the student is, their node, the free nodes, the
// step on screen and the poll.
func (r *roomBoard) tellRoom() {
	r.c.seat.readTx(func(tx *table.Tx) {
		g := tx.Game()
		head := fmt.Sprintf("You are %s, in the classroom", r.name)
		if id, ok := tx.Plays(); ok {
			head += fmt.Sprintf("; you play %s.", id)
		} else {
			head += "; you play no node."
		}
		r.c.p.say(head)
		var free []string
		for _, id := range tx.Free() {
			free = append(free, id.String())
		}
		if _, ok := tx.Plays(); !ok && len(free) > 0 {
			r.c.p.say("Free nodes, for take: " + strings.Join(free, " ") + ".")
		}
		if g.Cursor() < g.Len() {
			r.c.p.say(r.replaying(g))
		}
		switch pl, ok := tx.Poll(); {
		case ok && pl.Open:
			r.c.p.say("A poll is open: " + pl.Text + " poll reads it with its choices.")
		case ok:
			r.c.p.say("The last poll is closed: poll reads it again.")
		}
	})
}

const roomHelp = `In the classroom the lecturer runs the game: each step anyone takes is told as it comes.
look: the whole game in sentences, and the room. look A1, look network, look meter: a part. look room: who you are, your node, the free nodes, the poll.
take A2: play A2 by hand, a free node, one each. What reaches it then waits for your decision: its choices are listed as lines, and a number takes one. choices lists them again.
The decisions by name: promise A2, vote A2, refuse A2, ignore A2 for an acceptor; accept P2 "5 EUR" for a proposer; learn L1 "5 EUR" for a learner.
answer 2: answer the open poll with choice 2; you may change it until the lecturer closes the poll. A bare number answers too, when your node has no decision waiting. poll: the poll again.
expect chosen "5 EUR", expect A1 promised 17: ask whether something holds.
help: this text. quit: leave; come back with the same SSH key and your node is yours again.`
