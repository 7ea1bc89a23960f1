// Package lessons reads, checks and runs the guided lessons.
//
// A lesson is a Markdown file: its first heading is the title, its prose is
// the narration, and fenced ```paxos blocks hold commands of the game's
// language (see package game). Parse turns a file into a Lesson: a list of
// Steps. A Session plays a Lesson for one student through a game.Game; it
// knows nothing of the screen, so the terminal UI, tests and the headless
// `lesson check` all drive lessons the same way. Lint and Check play every
// solution and question of a lesson to find an author's mistakes. Store
// keeps each user's progress.
package lessons

import (
	"errors"
	"fmt"

	"paxosgame/game"
	"paxosgame/paxos"
)

// Lesson is one parsed lesson file.
type Lesson struct {
	Name  string // the built-in name (such as "roles"), or the file path
	File  string // the file name used in error messages
	Title string
	Steps []Step

	broken  map[int]int // steps that could not be read whole, and the line of the mistake: not played by Check
	builtin bool        // embedded in the game, not read from a file

	warns []*game.Error // what reading the file finds to warn of (lint's warnings; see Report.Warns)
	hands []handMention // the nodes the prose names as played by hand
}

// handMention is a node the prose names as played by hand ("you are A1"),
// at a line and column of the file, in the narration of step Step.
type handMention struct {
	Step, Line, Col int
	Node            paxos.NodeID
	Words           string // as written
}

// Kind is what a step of a lesson does.
type Kind uint8

const (
	// KindNarration is prose with no block after it: the end of a lesson.
	KindNarration Kind = iota + 1
	// KindSetup starts a new scene: a fresh game, set up by its commands (and
	// any actions in it, played at once to set the stage).
	KindSetup
	// KindShow plays its commands for the student, one per press of next.
	KindShow
	// KindGoal waits until the student, by acting, makes every expect true.
	KindGoal
	// KindPredict asks a question; once answered, its commands are played one
	// per press of next, like KindShow, so the student sees why.
	KindPredict
	// KindDo asks a question the student answers by acting: one of its
	// choices, each an action (a decision of a node played by hand, say),
	// taken on the board. The lesson goes on from the game the student
	// made, and shows what the lesson says of that choice.
	KindDo
)

var kindNames = map[Kind]string{
	KindNarration: "narration", KindSetup: "setup", KindShow: "show", KindGoal: "goal", KindPredict: "predict", KindDo: "do",
}

func (k Kind) String() string { return kindNames[k] }

// Step is one stop of a lesson: the prose before a block, and the block.
type Step struct {
	Kind Kind
	Line int    // the line of the block's opening fence (of the prose, for Narration)
	Text string // the narration, Markdown as written, paragraphs apart by a blank line

	// Cmds are the commands of a Setup or Show step, and the commands a
	// Predict step plays after the answer. Expect lines among them are
	// checked, not shown: an author's assertion that Lint verifies.
	Cmds []Line

	Goal    *Goal    // for Goal steps
	Predict *Predict // for Predict and Do steps
}

// Line is one command of a block with its place in the file and its
// narration, taken from the comment on the line (or the comment lines just
// above it).
type Line struct {
	Cmd  game.Command // Line and Col are the place in the lesson file
	Note string       // what the lesson says about this command; may be empty
	Text string       // the command as written, without the comment
}

// Goal is what the student must make true by acting.
type Goal struct {
	Expects   []Line   // expect commands; Note, if any, is the words to show
	Hints     []string // shown one at a time, on request
	Solution  []Line   // the reference commands, from the goal's starting state
	SolLine   int      // the line of the solution block's fence; 0 when none
	Challenge bool     // scored against Par: ```paxos goal challenge
	Allow     Allow    // the actions the student may take here
}

// Par is the number of actions of the solution: the score to beat.
func (g *Goal) Par() int {
	n := 0
	for _, l := range g.Solution {
		if l.Cmd.Verb.Action() {
			n++
		}
	}
	return n
}

// Predict is a question whose answer the lesson computes by playing on
// (a predict block), or that the student answers by acting (a do block:
// Do is true, each choice an action, and there is no Query).
type Predict struct {
	Question string
	Choices  []Choice
	Query    Query // what is measured, once the step's commands are played
	Do       bool  // answered by acting on the board: KindDo

	// YouPlay is a question the student answers first and then plays out
	// themselves, at the goal right after it (```paxos predict you-play):
	// its commands compute the answer on a copy and are never played, so
	// that deliver all at the goal comes after a prediction of what it
	// does (issue 20, "understanding before action").
	YouPlay bool

	// Expected is the answer the author expects, from an expect-answer
	// line (written as a choice is: "5 EUR", 17), and its line; lint warns
	// when the computed answer differs. "" and 0 when there is none.
	Expected     string
	ExpectedLine int
}

// Choice is one answer offered to the student.
type Choice struct {
	Text      string // as shown: `5 EUR` for `- "5 EUR"`, `ballot 17` for `- 17   # ballot 17`
	Line, Col int

	// Explain is what the lesson says of this choice, from the "> …" lines
	// under it: shown when the student picks it (after the verdict of a
	// predict, as the page's text after a do), and — for the classroom —
	// when a poll of this question closes. "" when there is none.
	Explain string

	// Do is, in a do block, the action this choice is; nil in a predict.
	Do *Line

	key      string // compared with the computed answer
	labelled bool   // a # comment gives its words
}

// Explanation is what the lesson says of choice i of a question (Predict
// or Do step), or "": for a classroom poll that closes, as for a student
// who picks it.
func (st *Step) Explanation(i int) string {
	if st.Predict == nil || i < 0 || i >= len(st.Predict.Choices) {
		return ""
	}
	return st.Predict.Choices[i].Explain
}

// Query is the `answer ...` line of a predict block: an expect without its
// last word, such as `answer P2 value` or `answer chosen`.
type Query struct {
	Cmd       game.Command // an expect command; only Expect and Node are set
	Text      string
	Line, Col int
}

// Allow is the set of actions a student may take. The zero Allow allows
// every action but hand and auto: the lesson decides which nodes the
// student plays, and an allow block lists hand or auto to let the student
// change that.
type Allow struct {
	Line  int         // where the allow block was; 0 for none
	verbs []game.Verb // nil: every action
	one   bool        // deliver one: messages are delivered one at a time, not by deliver all
}

// Allows reports whether the student may use the verb. Expect is always
// allowed: it only looks. Setup verbs never are: the lesson sets up.
func (a Allow) Allows(v game.Verb) bool {
	switch {
	case v == game.VExpect:
		return true
	case !v.Action():
		return false
	case a.verbs == nil:
		return v != game.VHand && v != game.VAuto
	}
	for _, w := range a.verbs {
		if w == v {
			return true
		}
	}
	return false
}

// Permits says why the student may not take command c here, or nil: its
// verb is not allowed, or it is deliver all where messages are delivered
// one at a time (deliver one).
func (a Allow) Permits(c game.Command) error {
	switch {
	case !a.Allows(c.Verb) && a.verbs != nil:
		return fmt.Errorf("this goal is to be reached with %s only", a.Words())
	case !a.Allows(c.Verb) && (c.Verb == game.VHand || c.Verb == game.VAuto):
		return fmt.Errorf("in a lesson, the lesson decides which nodes you play: %s is not allowed here", c.Verb)
	case !a.Allows(c.Verb):
		return fmt.Errorf("%s is not something a student does in a lesson", c.Verb)
	case a.one && c.Verb == game.VDeliver && c.Sel.All && a.verbs == nil:
		return errors.New("deliver all is not allowed here: deliver one message at a time, such as deliver #12; any other action is allowed")
	case a.one && c.Verb == game.VDeliver && c.Sel.All:
		return fmt.Errorf("deliver all is not allowed here: deliver one message at a time, such as deliver #12; this goal allows %s", verbList(a.verbs, false))
	}
	return nil
}

// permitted is Permits without the sentence: whether the student may
// take command c here. The searches ask it of every action they try.
func (a Allow) permitted(c game.Command) bool {
	return a.Allows(c.Verb) && !(a.one && c.Verb == game.VDeliver && c.Sel.All)
}

// OneByOne reports whether messages are delivered one at a time here:
// deliver is allowed, deliver all is not.
func (a Allow) OneByOne() bool { return a.one }

// Verbs lists the actions allowed; nil means all of them.
func (a Allow) Verbs() []game.Verb { return a.verbs }

// Words says what the student may do, for a sentence: "deliver (one
// message at a time), promise, vote and refuse (an acceptor's decisions)";
// "every action" when all are allowed.
func (a Allow) Words() string {
	if a.verbs == nil {
		if a.one {
			return "every action, delivering messages one at a time (not deliver all)"
		}
		return "every action"
	}
	return verbList(a.verbs, a.one)
}

// Goals counts the goal steps.
func (l *Lesson) Goals() int {
	n := 0
	for _, s := range l.Steps {
		if s.Kind == KindGoal {
			n++
		}
	}
	return n
}

// Challenge reports whether the lesson has a scored goal, and the sum of
// the pars of its scored goals.
func (l *Lesson) Challenge() (par int, ok bool) {
	for _, s := range l.Steps {
		if s.Kind == KindGoal && s.Goal.Challenge {
			par += s.Goal.Par()
			ok = true
		}
	}
	return par, ok
}
