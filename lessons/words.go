package lessons

import (
	"fmt"

	"paxosgame/game"
	"paxosgame/paxos"
)

// Words says what an expect command claims, in a sentence for a student:
// `expect A1 promised 17` is "A1 has promised not to vote below 17".
func Words(c game.Command) string {
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
		return fmt.Sprintf("%s stands for %s", node, c.Value)
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
	}
	return c.String()
}

var phaseWords = map[paxos.Phase]string{
	paxos.Idle:      "is idle",
	paxos.Phase1:    "is in phase 1, gathering promises",
	paxos.Phase2:    "is in phase 2, asking for votes",
	paxos.Done:      "knows its value is decided",
	paxos.Abandoned: "has been preempted",
}
