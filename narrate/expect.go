package narrate

import (
	"fmt"
	"strings"

	"paxosgame/game"
	"paxosgame/paxos"
)

// The words of expect lines, for a student and a teaching assistant: what
// a goal asks for, what holds instead, what an exam's key checks, and why
// run says an expect failed (UnmetWords).

// Expect says what an expect command claims, in a sentence for a student:
// `expect A1 promised 17` is "A1 has promised not to vote below 17".
//
// An expect ever line says its condition in the past, "at some point P5
// was in phase 2, asking for votes"; an expect never line says it did not
// happen, "5 EUR was never chosen".
func Expect(c game.Command) string {
	switch c.Modal {
	case game.Ever:
		return "at some point " + Past(c)
	case game.Never:
		return neverWords(c)
	}
	if s, ok := present.clause(c); ok {
		return s
	}
	return c.String()
}

// Past says the condition of an expect line as a clause in the past:
// "P5 was in phase 2, asking for votes".
func Past(c game.Command) string {
	if s, ok := past.clause(c); ok {
		return s
	}
	c.Modal = game.Now
	return c.String()
}

// tense is the verbs a condition is said with, in the present or the
// past: "A1 has promised", "A1 had promised".
type tense struct {
	is, has, are, holds, waits string
	phase                      map[paxos.Phase]string
}

var (
	present = tense{"is", "has", "are", "holds", "waits", phaseNow}
	past    = tense{"was", "had", "were", "held", "waited", phasePast}
)

// clause says the condition of expect line c in tense t; false for a kind
// of expect it does not know.
func (t tense) clause(c game.Command) (string, bool) {
	node := c.Node.String()
	switch c.Expect {
	case game.ExpectChosen:
		if c.Nothing {
			return "no value " + t.is + " chosen", true
		}
		return fmt.Sprintf("%s %s chosen", c.Value, t.is), true
	case game.ExpectPromised:
		if c.Ballot == 0 {
			return node + " " + t.has + " promised nothing", true
		}
		return fmt.Sprintf("%s %s promised not to vote below %d", node, t.has, c.Ballot), true
	case game.ExpectVoted:
		if c.Nothing {
			return node + " " + t.has + " not voted", true
		}
		return fmt.Sprintf("%s %s voted for %s in ballot %d", node, t.has, c.Value, c.Ballot), true
	case game.ExpectPhase:
		return node + " " + t.phase[c.Phase], true
	case game.ExpectBallot:
		if c.Ballot == 0 {
			return node + " " + t.has + " not started a ballot", true
		}
		return fmt.Sprintf("%s's ballot %s %d", node, t.is, c.Ballot), true
	case game.ExpectValue:
		return fmt.Sprintf("%s's value %s %s", node, t.is, c.Value), true
	case game.ExpectLearned:
		if c.Nothing {
			return node + " " + t.has + " learned nothing", true
		}
		return fmt.Sprintf("%s %s learned %s", node, t.has, c.Value), true
	case game.ExpectInFlight:
		switch c.Count {
		case 0:
			return "no message " + t.is + " in flight", true
		case 1:
			return "1 message " + t.is + " in flight", true
		}
		return fmt.Sprintf("%d messages %s in flight", c.Count, t.are), true
	case game.ExpectAgreement:
		return "agreement " + t.holds, true
	case game.ExpectViolation:
		return "agreement " + t.has + " failed", true
	case game.ExpectUp:
		return node + " " + t.is + " running", true
	case game.ExpectCrashed:
		return node + " " + t.is + " crashed", true
	case game.ExpectHolds:
		return node + " " + heldWords(c, t.holds, t.waits), true
	}
	return "", false
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
		return node + " " + phaseNever[c.Phase]
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
	return "this never held: " + Past(c)
}

// heldWords says what an acceptor played by hand holds: "holds no
// message for its decision", "holds 2 messages for its decision".
func heldWords(c game.Command, holds, waits string) string {
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

// Unmet says why an expect line does not hold in w, in words: what
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
func Unmet(w *game.World, err error) string {
	u, ok := err.(*game.Unmet)
	if !ok {
		return Error(err)
	}
	s := u.Error()
	if u.Expect.Modal == game.Now && len(u.Learned) < 2 {
		s = fmt.Sprintf("expected %s, but %s", u.Expect.Claim(), Expect(u.Actual))
	}
	if u.Expect.Modal == game.Never {
		return s // the step it held at says why
	}
	if why := why(w, u.Expect); why != "" {
		return s + ". " + why
	}
	return s
}

// why is the state an expect line is about, in sentences: the node it
// names, the messages in flight, or what is chosen and how far each
// ballot got.
func why(w *game.World, c game.Command) string {
	switch {
	case c.Node.N != 0:
		return Node(w, c.Node)
	case c.Expect == game.ExpectInFlight: // how many the line after "but" says
		lines := Network(w)[1:]
		if len(lines) == 0 {
			return ""
		}
		const most = 5
		if n := len(lines) - most; n > 0 {
			lines = append(lines[:most], fmt.Sprintf("and %d more", n))
		}
		return "In flight, oldest first: " + strings.Join(lines, "; ") + "."
	case len(w.Obs.Chosen) > 0 || len(w.Obs.Violations) > 0:
		return strings.Join(Outcome(w), " ")
	}
	return strings.Join(Meter(w, 3), " ")
}
