package game

import "paxosgame/paxos"

// Observer is the all-seeing observer: it remembers every vote ever cast,
// knows the moment a value is chosen, and checks Agreement and Validity.
// Whatever the rules, it judges as DESIGN §2 defines, with the configured
// quorum.
type Observer struct {
	Cast     paxos.Tallies // every (ballot, value) that got a vote, with its voters
	Chosen   []Choice      // every (ballot, value) that reached a quorum, in order
	Proposed []paxos.Value
	// Violations are the safety failures seen so far, in order, as the
	// events that told them.
	Violations []Violation
}

// Choice is a value chosen in a ballot, at a step.
type Choice struct {
	Vote paxos.Vote
	By   paxos.Set
	Step int
}

// clone copies the observer for a checkpoint. Cast is changed in place, so
// it is copied; the other lists are only appended to, so they are shared,
// capped: an append on either side then writes to a fresh array, never
// into the other's elements.
func (o Observer) clone() Observer {
	o.Cast = o.Cast.Clone()
	o.Chosen = o.Chosen[:len(o.Chosen):len(o.Chosen)]
	o.Proposed = o.Proposed[:len(o.Proposed):len(o.Proposed)]
	o.Violations = o.Violations[:len(o.Violations):len(o.Violations)]
	return o
}

// ChosenValue is the first value chosen, if any.
func (o *Observer) ChosenValue() (paxos.Value, bool) {
	if len(o.Chosen) == 0 {
		return "", false
	}
	return o.Chosen[0].Vote.Value, true
}

// IsChosen reports whether v has been chosen in some ballot.
func (o *Observer) IsChosen(v paxos.Value) bool {
	for _, c := range o.Chosen {
		if c.Vote.Value == v {
			return true
		}
	}
	return false
}

// OtherChosen is a value chosen other than v, the first one, if any: a
// learner that learned v while it is has learned one of two values chosen
// (issue 20: "✓ learned 6 EUR" under a VIOLATION banner).
func (o *Observer) OtherChosen(v paxos.Value) (paxos.Value, bool) {
	for _, c := range o.Chosen {
		if c.Vote.Value != v {
			return c.Vote.Value, true
		}
	}
	return "", false
}

// Agreement reports whether the safety properties have held at every step.
func (o *Observer) Agreement() bool { return len(o.Violations) == 0 }

// LearnedUnchosen reports whether learner n learned a value that had not
// been chosen (an Agreement failure).
func (o *Observer) LearnedUnchosen(n int) bool {
	for _, v := range o.Violations {
		if v.Property == LearnedUnchosen && v.Node == paxos.L(n) {
			return true
		}
	}
	return false
}

// Votes is the set of acceptors that voted for vote.
func (o *Observer) Votes(v paxos.Vote) paxos.Set { return o.Cast.Of(v) }

func (o *Observer) propose(v paxos.Value) {
	for _, p := range o.Proposed {
		if p == v {
			return
		}
	}
	o.Proposed = append(o.Proposed, v)
}

// cast records a vote and returns the events it causes: CHOSEN the first
// time a quorum votes for one (ballot, value), VIOLATION when that makes a
// second value chosen or the value was never proposed.
func (o *Observer) cast(acceptor int, v paxos.Vote, cfg *paxos.Config, step int) []Event {
	before := o.Cast.Add(acceptor, v)
	by := before.Add(acceptor)
	if before.Reached(cfg) || !by.Reached(cfg) {
		return nil
	}
	prior, any := o.ChosenValue()
	o.Chosen = append(o.Chosen, Choice{Vote: v, By: by, Step: step})
	var evs []Event
	switch {
	case !any || prior == v.Value:
		evs = append(evs, Chosen{Step: step, Cfg: *cfg, Vote: v, By: by, Repeat: any})
	default:
		evs = append(evs, o.violate(Violation{Step: step, Property: TwoChosen, Value: v.Value, Ballot: v.Ballot, By: by, Prior: prior}))
	}
	if !o.wasProposed(v.Value) {
		evs = append(evs, o.violate(Violation{Step: step, Property: ChosenUnproposed, Value: v.Value}))
	}
	return evs
}

func (o *Observer) wasProposed(v paxos.Value) bool {
	for _, p := range o.Proposed {
		if p == v {
			return true
		}
	}
	return false
}

// learned checks a learner's new value: "a learner learns only a value
// that has been chosen".
func (o *Observer) learned(l int, v paxos.Value, step int) []Event {
	if o.IsChosen(v) {
		return nil
	}
	return []Event{o.violate(Violation{Step: step, Property: LearnedUnchosen, Node: paxos.L(l), Value: v})}
}

// violate records a failed safety property and returns its event.
func (o *Observer) violate(v Violation) Violation {
	o.Violations = append(o.Violations, v)
	return v
}

// rebuildObserver recounts the observer from the acceptors' votes: during
// setup, the votes given by set are every vote cast so far.
func (w *World) rebuildObserver() {
	w.Obs = Observer{}
	for _, a := range w.Acceptors {
		if !a.Voted.None() {
			w.Obs.propose(a.Voted.Value)
			w.Obs.cast(a.N, a.Voted, &w.Cfg, 0)
		}
	}
}
