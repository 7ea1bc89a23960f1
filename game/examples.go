package game

import "paxosgame/paxos"

// Examples are the forms of the commands of verb v, each an example as a
// command value, for whoever tells a player how a command is written (a
// lesson's lint, a help text): printed, each is a line the parser reads
// back as itself. Expect lines have their own table (ExpectExamples).
func Examples(v Verb) []Command {
	p2, a1, a2 := paxos.P(2), paxos.A(1), paxos.A(2)
	one := Selector{ID: 12}
	switch v {
	case VConfig:
		return []Command{{Verb: v, Proposers: 5, Acceptors: 3, Learners: 2}}
	case VRule:
		return []Command{{Verb: v, Rule: paxos.KeepPromise}}
	case VPolicy:
		return []Command{{Verb: v, PolicyOf: StalePrepare, Policy: paxos.StaleRefuse}}
	case VMode:
		return []Command{{Verb: v, Manual: true}}
	case VSet:
		return []Command{
			{Verb: v, Node: a1, Field: FieldVoted, Ballot: 10, Value: "5 EUR"},
			{Verb: v, Node: a2, Field: FieldPromised, Ballot: 17},
			{Verb: v, Node: paxos.P(1), Field: FieldValue, Value: "8 EUR"},
		}
	case VPropose:
		return []Command{{Verb: v, Node: p2, Ballot: 17, Value: "5 EUR"}}
	case VDeliver:
		return []Command{{Verb: v, Sel: one}, {Verb: v, Sel: Selector{Type: paxos.Promise, From: a1, To: p2}}, {Verb: v, Sel: Selector{All: true}}}
	case VDrop:
		return []Command{{Verb: v, Sel: one}, {Verb: v, Sel: Selector{Type: paxos.Accept, From: p2, To: paxos.A(3)}}}
	case VDuplicate:
		return []Command{{Verb: v, Sel: one}, {Verb: v, Sel: Selector{Type: paxos.Prepare, From: p2, To: a1}}}
	case VAccept:
		return []Command{{Verb: v, Node: p2}, {Verb: v, Node: p2, Value: "5 EUR"}}
	case VCrash, VRestart:
		return []Command{{Verb: v, Node: a2}}
	case VHand, VAuto:
		return []Command{{Verb: v, Node: a1}}
	case VVote, VRefuse, VIgnore:
		return []Command{{Verb: v, Node: a1}, {Verb: v, Node: a1, Sel: one}}
	case VPromise:
		return []Command{
			{Verb: v, Node: a1}, {Verb: v, Node: a1, Sel: one},
			{Verb: v, Node: a1, Field: FieldReport, Nothing: true},
			{Verb: v, Node: a1, Field: FieldReport, Ballot: 9, Value: "6 EUR"},
		}
	case VLearn:
		return []Command{{Verb: v, Node: paxos.L(1), Value: "5 EUR"}}
	}
	return nil
}
