package game

import (
	"fmt"
	"strings"

	"paxosgame/paxos"
)

// The words of expect lines, for a student and a teaching assistant: what
// a goal asks for, what holds instead, what an exam's key checks, and why
// run says an expect failed (UnmetWords).

// ExpectWords says what an expect command claims, in a sentence for a student:
// `expect A1 promised 17` is "A1 has promised not to vote below 17".
//
// An expect ever line says its condition in the past, "at some point P5
// was in phase 2, asking for votes"; an expect never line says it did not
// happen, "5 EUR was never chosen".
func ExpectWords(c Command) string {
	switch c.Modal {
	case Ever:
		return "at some point " + PastWords(c)
	case Never:
		return neverWords(c)
	}
	node := c.Node.String()
	switch c.Expect {
	case ExpectChosen:
		if c.Nothing {
			return "no value is chosen"
		}
		return fmt.Sprintf("%s is chosen", c.Value)
	case ExpectPromised:
		if c.Ballot == 0 {
			return node + " has promised nothing"
		}
		return fmt.Sprintf("%s has promised not to vote below %d", node, c.Ballot)
	case ExpectVoted:
		if c.Nothing {
			return node + " has not voted"
		}
		return fmt.Sprintf("%s has voted for %s in ballot %d", node, c.Value, c.Ballot)
	case ExpectPhase:
		return node + " " + phaseNow[c.Phase]
	case ExpectBallot:
		if c.Ballot == 0 {
			return node + " has not started a ballot"
		}
		return fmt.Sprintf("%s's ballot is %d", node, c.Ballot)
	case ExpectValue:
		return fmt.Sprintf("%s's value is %s", node, c.Value)
	case ExpectLearned:
		if c.Nothing {
			return node + " has learned nothing"
		}
		return fmt.Sprintf("%s has learned %s", node, c.Value)
	case ExpectInFlight:
		switch c.Count {
		case 0:
			return "no message is in flight"
		case 1:
			return "1 message is in flight"
		}
		return fmt.Sprintf("%d messages are in flight", c.Count)
	case ExpectAgreement:
		return "agreement holds"
	case ExpectViolation:
		return "agreement has failed"
	case ExpectUp:
		return node + " is running"
	case ExpectCrashed:
		return node + " is crashed"
	case ExpectHolds:
		return node + " " + heldWords(c, "holds", "waits")
	}
	return c.String()
}

// PastWords says the condition of an expect line as a clause in the past:
// "P5 was in phase 2, asking for votes".
func PastWords(c Command) string {
	node := c.Node.String()
	switch c.Expect {
	case ExpectChosen:
		if c.Nothing {
			return "no value was chosen"
		}
		return fmt.Sprintf("%s was chosen", c.Value)
	case ExpectPromised:
		if c.Ballot == 0 {
			return node + " had promised nothing"
		}
		return fmt.Sprintf("%s had promised not to vote below %d", node, c.Ballot)
	case ExpectVoted:
		if c.Nothing {
			return node + " had not voted"
		}
		return fmt.Sprintf("%s had voted for %s in ballot %d", node, c.Value, c.Ballot)
	case ExpectPhase:
		return node + " " + phasePast[c.Phase]
	case ExpectBallot:
		if c.Ballot == 0 {
			return node + " had not started a ballot"
		}
		return fmt.Sprintf("%s's ballot was %d", node, c.Ballot)
	case ExpectValue:
		return fmt.Sprintf("%s's value was %s", node, c.Value)
	case ExpectLearned:
		if c.Nothing {
			return node + " had learned nothing"
		}
		return fmt.Sprintf("%s had learned %s", node, c.Value)
	case ExpectInFlight:
		switch c.Count {
		case 0:
			return "no message was in flight"
		case 1:
			return "1 message was in flight"
		}
		return fmt.Sprintf("%d messages were in flight", c.Count)
	case ExpectAgreement:
		return "agreement held"
	case ExpectViolation:
		return "agreement had failed"
	case ExpectUp:
		return node + " was running"
	case ExpectCrashed:
		return node + " was crashed"
	case ExpectHolds:
		return node + " " + heldWords(c, "held", "waited")
	}
	c.Modal = Now
	return c.String()
}

// neverWords says that the condition of an expect never line did not
// happen: "5 EUR was never chosen".
func neverWords(c Command) string {
	node := c.Node.String()
	switch c.Expect {
	case ExpectChosen:
		if c.Nothing {
			return "a value was chosen at every step"
		}
		return fmt.Sprintf("%s was never chosen", c.Value)
	case ExpectPromised:
		if c.Ballot != 0 {
			return fmt.Sprintf("%s never promised not to vote below %d", node, c.Ballot)
		}
	case ExpectVoted:
		if !c.Nothing {
			return fmt.Sprintf("%s never voted for %s in ballot %d", node, c.Value, c.Ballot)
		}
	case ExpectPhase:
		return node + " " + phaseNever[c.Phase]
	case ExpectBallot:
		if c.Ballot != 0 {
			return fmt.Sprintf("%s never used ballot %d", node, c.Ballot)
		}
	case ExpectValue:
		return fmt.Sprintf("%s's value was never %s", node, c.Value)
	case ExpectLearned:
		if !c.Nothing {
			return fmt.Sprintf("%s never learned %s", node, c.Value)
		}
	case ExpectInFlight:
		if c.Count == 1 {
			return "there was never exactly 1 message in flight"
		}
		return fmt.Sprintf("there were never exactly %d messages in flight", c.Count)
	case ExpectAgreement:
		return "agreement never held"
	case ExpectViolation:
		return "agreement never failed"
	case ExpectUp:
		return node + " was never running"
	case ExpectCrashed:
		return node + " never crashed"
	case ExpectHolds:
		if c.Nothing || c.Count == 0 {
			return node + " always held a message for its decision"
		}
		return fmt.Sprintf("%s never held exactly %d", node, c.Count)
	}
	return "this never held: " + PastWords(c)
}

// heldWords says what an acceptor played by hand holds: "holds no
// message for its decision", "holds 2 messages for its decision".
func heldWords(c Command, holds, waits string) string {
	switch {
	case c.Nothing || c.Count == 0:
		return holds + " no message for its decision"
	case c.Count == 1:
		return holds + " 1 message: it " + waits + " for its decision"
	}
	return fmt.Sprintf("%s %d messages for its decision", holds, c.Count)
}

var phasePast = map[paxos.Phase]string{
	paxos.Idle:      "was idle",
	paxos.Phase1:    "was in phase 1, gathering promises",
	paxos.Phase2:    "was in phase 2, asking for votes",
	paxos.Done:      "knew its value was decided",
	paxos.Abandoned: "was preempted",
}

var phaseNever = map[paxos.Phase]string{
	paxos.Idle:      "was never idle",
	paxos.Phase1:    "was never in phase 1",
	paxos.Phase2:    "was never in phase 2, asking for votes",
	paxos.Done:      "never knew its value was decided",
	paxos.Abandoned: "was never preempted",
}

var phaseNow = map[paxos.Phase]string{
	paxos.Idle:      "is idle",
	paxos.Phase1:    "is in phase 1, gathering promises",
	paxos.Phase2:    "is in phase 2, asking for votes",
	paxos.Done:      "knows its value is decided",
	paxos.Abandoned: "has been preempted",
}

// UnmetWords says why an expect line does not hold in w, in words: what
// it claims, what holds instead, and the state that makes it so, as the
// narrator says it (look's sentences), for run and a lesson's author:
//
//	expected chosen "5 EUR", but no value is chosen. A majority is 2 of 3
//	acceptors. Ballot 17, run by P2: promises from 2 of 3 (A1, A2), enough;
//	votes for 5 EUR from 1 of 3 (A1).
//
// An expect ever or never line says at which step its condition held (or
// that it held at none), then the state now. err is what Check, CheckSince
// or an EverHeld's Verdict returned; an error that is no *Unmet is said as
// it is.
func (w *World) UnmetWords(err error) string {
	u, ok := err.(*Unmet)
	if !ok {
		return err.Error()
	}
	s := u.Error()
	if u.Expect.Modal == Now && len(u.Learned) < 2 {
		s = fmt.Sprintf("expected %s, but %s", u.Expect.expectString(), ExpectWords(u.Actual))
	}
	if u.Expect.Modal == Never {
		return s // the step it held at says why
	}
	if why := w.why(u.Expect); why != "" {
		return s + ". " + why
	}
	return s
}

// why is the state an expect line is about, in sentences: the node it
// names, the messages in flight, or what is chosen and how far each
// ballot got.
func (w *World) why(c Command) string {
	switch {
	case c.Node.N != 0:
		return w.NodeWords(c.Node)
	case c.Expect == ExpectInFlight: // how many the line after "but" says
		lines := w.NetworkWords()[1:]
		if len(lines) == 0 {
			return ""
		}
		const most = 5
		if n := len(lines) - most; n > 0 {
			lines = append(lines[:most], fmt.Sprintf("and %d more", n))
		}
		return "In flight, oldest first: " + strings.Join(lines, "; ") + "."
	case len(w.Obs.Chosen) > 0 || len(w.Obs.Violations) > 0:
		return strings.Join(w.OutcomeWords(), " ")
	}
	return strings.Join(w.MeterWords(3), " ")
}
