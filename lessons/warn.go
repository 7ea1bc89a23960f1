package lessons

import (
	"slices"
	"strings"

	"paxosgame/game"
	"paxosgame/internal/words"
	"paxosgame/narrate"
	"paxosgame/paxos"
)

// Lint's warnings (issue 23, "a lint that warns"): a lesson that plays,
// but likely not as its author meant. Each is said where it is, with how
// to fix it; lesson lint prints them and exits 0, or 1 with --strict.
// Those found when the file is read (a choice that says too little) are
// in Lesson.warns; those found by playing it, here.

// stepPhrases are what a page may say to ask for single steps or
// decisions, which deliver all would skip.
var stepPhrases = append([]string{"one message at a time", "one at a time", "one by one", "step by step", "each message", "single step"},
	decisionPhrases...)

// decisionPhrases are what a page may say to ask for the student's
// decisions (Session.asksDecision).
var decisionPhrases = []string{"decide", "deciding", "decision"}

// deliverAllMeets warns when deliver all alone meets the goal of step i
// (begun at step from of the game): the student can skip what the page
// is about. Said one way when the page or its allow block asks for single
// steps or decisions, which deliver all skips; else when no question
// comes just before the goal for the student to predict what it does (a
// predict you-play block) or to decide (a do block): the goal falls to
// one key (issue 20, "understanding before action").
func (c *checker) deliverAllMeets(i, from int) {
	st := &c.l.Steps[i]
	g := st.Goal
	all := game.Command{Verb: game.VDeliver, Sel: game.Selector{All: true}}
	if g.Allow.Permits(all) != nil || c.g.World().NumInFlight() == 0 {
		return
	}
	asks := ""
	if d := slices.DeleteFunc(slices.Clone(g.Allow.Verbs()), func(v game.Verb) bool { return !v.Decision() && v != game.VLearn }); len(d) > 0 {
		asks = "its allow block lists " + verbList(d, false)
	} else if p := phraseIn(c.l.pageText(i)); p != "" {
		asks = "the page says " + `"` + p + `"`
	}
	prev := &c.l.Steps[i-1]
	asked := prev.Kind == KindDo || prev.Kind == KindPredict && prev.Predict.YouPlay
	if asks == "" && asked {
		return
	}
	cg, err := copyGame(c.g)
	if err != nil {
		return
	}
	if _, err := cg.Exec(all); err != nil || !goalMet(cg, g, from) {
		return
	}
	if asks == "" {
		c.warn(st.Line, 1, "deliver all alone meets this goal: have the student predict what it does first, with a ```paxos predict you-play block "+
			"just above the goal (its commands compute the answer, and the student plays them out here), or make the goal need their decisions")
		return
	}
	fix := "add deliver one to the allow block above it"
	if g.Allow.Line == 0 {
		fix = "put above it an allow block with deliver one"
	}
	c.warn(st.Line, 1, "deliver all alone meets this goal, yet %s: %s, which refuses deliver all, or ask a question first", asks, fix)
}

// youPlay checks that the question of step i, if the student plays it out
// (you-play), comes right before a goal: the goal where they do.
func (c *checker) youPlay(i int) {
	st := &c.l.Steps[i]
	if !st.Predict.YouPlay {
		return
	}
	if i+1 >= len(c.l.Steps) || c.l.Steps[i+1].Kind != KindGoal {
		c.fail(st.Line, 1, "this question is played out by the student (you-play), so a goal must come right after it, where they do: "+
			"put the goal there, or remove you-play to have the lesson play its commands")
	}
}

// phraseIn is the first of stepPhrases in text, "" when none is.
func phraseIn(text string) string {
	low := strings.ToLower(text)
	for _, p := range stepPhrases {
		if strings.Contains(low, p) {
			return p
		}
	}
	return ""
}

// pageText is the text the student reads with step i: its narration, or
// for a goal right after its scene's setup, the setup's (as the screen
// shows it).
func (l *Lesson) pageText(i int) string {
	if t := l.Steps[i].Text; t != "" || i == 0 || l.Steps[i-1].Kind != KindSetup {
		return t
	}
	return l.Steps[i-1].Text
}

// handsNamed warns of each node the prose of steps from to to (a scene)
// names as played by hand ("you play A1") when no hand line of the scene
// sets it, and the student may not hand it either.
func (c *checker) handsNamed(from, to int) {
	hands := map[paxos.NodeID]bool{}
	anyNode := false // the student may hand any node
	for k := from; k < to; k++ {
		st := &c.l.Steps[k]
		var cmds []Line
		switch st.Kind {
		case KindGoal:
			cmds = st.Goal.Solution
			anyNode = anyNode || st.Goal.Allow.Allows(game.VHand)
		case KindDo:
			for _, ch := range st.Predict.Choices {
				cmds = append(cmds, *ch.Do)
			}
		default:
			cmds = st.Cmds
		}
		for _, l := range cmds {
			if l.Cmd.Verb == game.VHand {
				hands[l.Cmd.Node] = true
			}
		}
	}
	for _, m := range c.l.hands {
		if m.Step < from || m.Step >= to || hands[m.Node] || anyNode {
			continue
		}
		c.warn(m.Line, m.Col, "the text says %s, but no hand %s line in this scene has it played by hand: "+
			"add hand %s to the scene's setup block (or to a show block before this page)", game.Excerpt(m.Words), m.Node, m.Node)
	}
}

// do checks the question of step i that the student answers by acting:
// each choice an action the game takes here, no two alike in what they
// do, each explained, and the rest of the scene playing on from each.
// Then it plays the first choice, the lesson's own line.
func (c *checker) do(i int) {
	st := &c.l.Steps[i]
	seen := map[string]int{}
	errs := len(c.r.Errs)
	defer func() {
		if len(c.r.Errs) == errs {
			var cmds []string
			for _, ch := range st.Predict.Choices {
				cmds = append(cmds, ch.Do.Text)
			}
			c.r.Predicts = append(c.r.Predicts, PredictResult{Line: st.Line, Answer: words.Or(cmds), Listed: true, Do: true})
		}
	}()
	for k, ch := range st.Predict.Choices {
		cmd := ch.Do.Cmd
		cg, err := copyGame(c.g)
		if err == nil {
			_, err = cg.Exec(cmd)
		}
		if id, missing := noSuchNode(err); missing {
			c.stop(c.noNode(ch.Do.Text, ch.Line, cmd.Col, id, err))
			return
		}
		if err != nil {
			c.stop(c.fail(ch.Line, cmd.Col, "the game refuses this choice at this point of the lesson: %s; a choice is an action the student can take here, so change it or the commands before it", narrate.Error(err)))
			return
		}
		key := cg.World().Key()
		if first, ok := seen[key]; ok {
			c.fail(ch.Line, ch.Col, "this choice does the same as the one at line %d, so the lesson cannot tell which the student took: keep one of them", first)
			continue
		}
		seen[key] = ch.Line
		if ch.Explain == "" {
			c.warn(ch.Line, ch.Col, "this choice has no explanation: under it, write in lines that start with > what the lesson says to a student who does it")
		}
		if k == 0 {
			continue // played below, along the lesson's own line
		}
		if e := c.l.playOn(cg, i+1); e != nil {
			c.fail(ch.Line, ch.Col, "after this choice the rest of the scene does not play (line %d: %s): make it play whatever the student does, "+
				"or start a new scene after the question with a setup block", e.Line, e.Msg)
		}
	}
	c.exec(*st.Predict.Choices[0].Do)
}
