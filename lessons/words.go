package lessons

import (
	"fmt"
	"strings"

	"paxosgame/game"
	"paxosgame/paxos"
)

// Words says what an expect command claims, in a sentence for a student:
// `expect A1 promised 17` is "A1 has promised not to vote below 17".
//
// An expect ever line says its condition in the past, "at some point P5
// was in phase 2, asking for votes"; an expect never line says it did not
// happen, "5 EUR was never chosen".
func Words(c game.Command) string {
	switch c.Modal {
	case game.Ever:
		return "at some point " + pastWords(c)
	case game.Never:
		return neverWords(c)
	}
	node := c.Node.String()
	switch c.Expect {
	case game.ExpectChosen:
		if c.Nothing {
			return "no value is chosen"
		}
		return fmt.Sprintf("%s is chosen", c.Value)
	case game.ExpectPromised:
		if c.Ballot == 0 {
			return node + " has promised nothing"
		}
		return fmt.Sprintf("%s has promised not to vote below %d", node, c.Ballot)
	case game.ExpectVoted:
		if c.Nothing {
			return node + " has not voted"
		}
		return fmt.Sprintf("%s has voted for %s in ballot %d", node, c.Value, c.Ballot)
	case game.ExpectPhase:
		return node + " " + phaseWords[c.Phase]
	case game.ExpectBallot:
		if c.Ballot == 0 {
			return node + " has not started a ballot"
		}
		return fmt.Sprintf("%s's ballot is %d", node, c.Ballot)
	case game.ExpectValue:
		return fmt.Sprintf("%s's value is %s", node, c.Value)
	case game.ExpectLearned:
		if c.Nothing {
			return node + " has learned nothing"
		}
		return fmt.Sprintf("%s has learned %s", node, c.Value)
	case game.ExpectInFlight:
		switch c.Count {
		case 0:
			return "no message is in flight"
		case 1:
			return "1 message is in flight"
		}
		return fmt.Sprintf("%d messages are in flight", c.Count)
	case game.ExpectAgreement:
		return "agreement holds"
	case game.ExpectViolation:
		return "agreement has failed"
	case game.ExpectUp:
		return node + " is running"
	case game.ExpectCrashed:
		return node + " is crashed"
	case game.ExpectHolds:
		return node + " " + holdsWords(c, "holds", "waits")
	}
	return c.String()
}

// pastWords says the condition of an expect line as a clause in the past:
// "P5 was in phase 2, asking for votes".
func pastWords(c game.Command) string {
	node := c.Node.String()
	switch c.Expect {
	case game.ExpectChosen:
		if c.Nothing {
			return "no value was chosen"
		}
		return fmt.Sprintf("%s was chosen", c.Value)
	case game.ExpectPromised:
		if c.Ballot == 0 {
			return node + " had promised nothing"
		}
		return fmt.Sprintf("%s had promised not to vote below %d", node, c.Ballot)
	case game.ExpectVoted:
		if c.Nothing {
			return node + " had not voted"
		}
		return fmt.Sprintf("%s had voted for %s in ballot %d", node, c.Value, c.Ballot)
	case game.ExpectPhase:
		return node + " " + pastPhaseWords[c.Phase]
	case game.ExpectBallot:
		if c.Ballot == 0 {
			return node + " had not started a ballot"
		}
		return fmt.Sprintf("%s's ballot was %d", node, c.Ballot)
	case game.ExpectValue:
		return fmt.Sprintf("%s's value was %s", node, c.Value)
	case game.ExpectLearned:
		if c.Nothing {
			return node + " had learned nothing"
		}
		return fmt.Sprintf("%s had learned %s", node, c.Value)
	case game.ExpectInFlight:
		switch c.Count {
		case 0:
			return "no message was in flight"
		case 1:
			return "1 message was in flight"
		}
		return fmt.Sprintf("%d messages were in flight", c.Count)
	case game.ExpectAgreement:
		return "agreement held"
	case game.ExpectViolation:
		return "agreement had failed"
	case game.ExpectUp:
		return node + " was running"
	case game.ExpectCrashed:
		return node + " was crashed"
	case game.ExpectHolds:
		return node + " " + holdsWords(c, "held", "waited")
	}
	c.Modal = game.Now
	return c.String()
}

// neverWords says that the condition of an expect never line did not
// happen: "5 EUR was never chosen".
func neverWords(c game.Command) string {
	node := c.Node.String()
	switch c.Expect {
	case game.ExpectChosen:
		if c.Nothing {
			return "a value was chosen at every step"
		}
		return fmt.Sprintf("%s was never chosen", c.Value)
	case game.ExpectPromised:
		if c.Ballot != 0 {
			return fmt.Sprintf("%s never promised not to vote below %d", node, c.Ballot)
		}
	case game.ExpectVoted:
		if !c.Nothing {
			return fmt.Sprintf("%s never voted for %s in ballot %d", node, c.Value, c.Ballot)
		}
	case game.ExpectPhase:
		return node + " " + neverPhaseWords[c.Phase]
	case game.ExpectBallot:
		if c.Ballot != 0 {
			return fmt.Sprintf("%s never used ballot %d", node, c.Ballot)
		}
	case game.ExpectValue:
		return fmt.Sprintf("%s's value was never %s", node, c.Value)
	case game.ExpectLearned:
		if !c.Nothing {
			return fmt.Sprintf("%s never learned %s", node, c.Value)
		}
	case game.ExpectInFlight:
		if c.Count == 1 {
			return "there was never exactly 1 message in flight"
		}
		return fmt.Sprintf("there were never exactly %d messages in flight", c.Count)
	case game.ExpectAgreement:
		return "agreement never held"
	case game.ExpectViolation:
		return "agreement never failed"
	case game.ExpectUp:
		return node + " was never running"
	case game.ExpectCrashed:
		return node + " never crashed"
	case game.ExpectHolds:
		if c.Nothing || c.Count == 0 {
			return node + " always held a message for its decision"
		}
		return fmt.Sprintf("%s never held exactly %d", node, c.Count)
	}
	return "this never held: " + pastWords(c)
}

// holdsWords says what an acceptor played by hand holds: "holds no
// message for its decision", "holds 2 messages for its decision".
func holdsWords(c game.Command, holds, waits string) string {
	switch {
	case c.Nothing || c.Count == 0:
		return holds + " no message for its decision"
	case c.Count == 1:
		return holds + " 1 message: it " + waits + " for its decision"
	}
	return fmt.Sprintf("%s %d messages for its decision", holds, c.Count)
}

var pastPhaseWords = map[paxos.Phase]string{
	paxos.Idle:      "was idle",
	paxos.Phase1:    "was in phase 1, gathering promises",
	paxos.Phase2:    "was in phase 2, asking for votes",
	paxos.Done:      "knew its value was decided",
	paxos.Abandoned: "was preempted",
}

var neverPhaseWords = map[paxos.Phase]string{
	paxos.Idle:      "was never idle",
	paxos.Phase1:    "was never in phase 1",
	paxos.Phase2:    "was never in phase 2, asking for votes",
	paxos.Done:      "never knew its value was decided",
	paxos.Abandoned: "was never preempted",
}

var phaseWords = map[paxos.Phase]string{
	paxos.Idle:      "is idle",
	paxos.Phase1:    "is in phase 1, gathering promises",
	paxos.Phase2:    "is in phase 2, asking for votes",
	paxos.Done:      "knows its value is decided",
	paxos.Abandoned: "has been preempted",
}

// Words says how the student's answer went, in a sentence: "Right: 5 EUR.",
// "Not quite: the answer is 2.", or, when the game computes none of the
// choices, that the lesson is wrong.
func (v Verdict) Words() string {
	switch {
	case v.Answer < 0:
		return fmt.Sprintf("The game computes %s, which is none of the choices: a mistake of the lesson.", v.Text)
	case v.Right:
		return "Right: " + sentence(v.Text)
	}
	return "Not quite: the answer is " + sentence(v.Text)
}

// PastWords says that the line held at a step the student went past (see
// GoalLine.HeldAt): "It held at step 5, 2 moves ago: you went past it."
// "" when it did not.
func (gl GoalLine) PastWords() string {
	switch {
	case gl.HeldAt == 0:
		return ""
	case gl.StepsBack == 1:
		return fmt.Sprintf("It held at step %d, one move ago: you went past it.", gl.HeldAt)
	}
	return fmt.Sprintf("It held at step %d, %d moves ago: you went past it.", gl.HeldAt, gl.StepsBack)
}

// ReachedWords says that the current goal is reached, and how: "Goal
// reached in 3 actions; par 2." "" when it is not.
func (s *Session) ReachedWords() string {
	reached, actions, helped := s.Reached()
	switch {
	case !reached:
		return ""
	case helped:
		return "Goal reached, with the solution."
	case s.Step().Goal.Challenge:
		return fmt.Sprintf("Goal reached in %d %s; par %d.", actions, plural(actions, "action"), s.Step().Goal.Par())
	}
	return "Goal reached."
}

// sentence ends s with a full stop unless it ends a sentence already.
func sentence(s string) string {
	if strings.HasSuffix(s, ".") || strings.HasSuffix(s, "?") || strings.HasSuffix(s, "!") {
		return s
	}
	return s + "."
}
