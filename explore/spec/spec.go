// Package spec explores Lamport's Paxos.tla (the TLA+ Examples, "How to
// win a Turing award": specifications/PaxosHowToWinATuringAward) with
// TLC's semantics and TLC's counts (DESIGN §10). It is our own Go, written
// from the specification:
//
//   - state: maxBal[a], maxVBal[a], maxVal[a] for each acceptor, and msgs,
//     the set of every message ever sent (it only grows);
//   - Init: maxBal = maxVBal = -1, maxVal = None, msgs = {};
//   - Phase1a(b): send [1a, b];
//   - Phase1b(a): for a 1a message m in msgs with m.bal > maxBal[a], set
//     maxBal[a] = m.bal and send [1b, a, m.bal, maxVBal[a], maxVal[a]];
//   - Phase2a(b, v): if no 2a of ballot b was sent, and some quorum Q all
//     sent a 1b in b, and either none of those reported a vote or the
//     highest vote they reported is for v, send [2a, b, v];
//   - Phase2b(a): for a 2a message m in msgs with m.bal >= maxBal[a], set
//     maxBal[a] = maxVBal[a] = m.bal, maxVal[a] = m.val, send [2b, a, m.bal, m.val];
//   - ballots 0..MaxBallot; the quorums are the smallest majorities (as
//     MCPaxos.tla lists them: {a1,a2}, {a1,a3}, {a2,a3}).
//
// The invariant is Agreement: at most one value is chosen, v being chosen
// when a quorum sent a 2b for v in one ballot (Voting.tla's ChosenAt).
//
// The game's rules can be switched off here too (Params.Rules), each
// weakening Paxos.tla the way it weakens the game (RuleEffect says how).
// With one off, the search stops at the end of the level where a state
// first breaks Agreement, and gives a shortest behavior to such a state.
//
// TLC's counts: distinct states include the initial one; states found
// count one successor for each action and each witness of the
// existentials (and disjuncts) it enumerates, repeats and stuttering steps
// included, so Phase2a counts each quorum, each 1b that shows an
// acceptor of it sent one (two in a ballot, once it restarted), and each
// message that shows the highest vote, apart, and the initial state is
// found too; the depth
// counts the initial state as level 1.
package spec

import (
	"fmt"
	"math/bits"
	"strings"
	"time"

	"paxosgame/explore/budget"
	"paxosgame/paxos"
)

// Params are the constants of the model, and the rules switched off.
type Params struct {
	Acceptors int
	Values    int
	MaxBallot int
	// Rules are the game's rules; those switched off weaken the spec
	// (RuleEffect). The zero value is Paxos.tla itself.
	Rules paxos.Rules
}

// Stats are what TLC prints.
type Stats struct {
	Distinct int   // distinct states
	Found    int64 // states generated
	Depth    int   // the initial state is level 1
	Elapsed  time.Duration
	// Agreement is false when some state breaks it; Violation then has a
	// shortest behavior to such a state, and the search stopped at the
	// end of that state's level.
	Agreement bool
	Violation *Violation
	// Stopped is the bound that stopped the search before its end; the
	// counts are then those of the levels searched whole.
	Stopped budget.Limit
	Memory  uint64 // the most the process held, as budget.Used counts it
}

// RuleEffect says how switching rule r off weakens Paxos.tla, as it
// weakens the game.
func RuleEffect(r paxos.Rule) string {
	switch r {
	case paxos.UniqueBallots:
		return `Phase2a(b, v) may send a second 2a in ballot b (without ~ \E m \in msgs : m.type = "2a" /\ m.bal = b): two proposers drew the same ballot`
	case paxos.PromiseReportsVote:
		return `Phase1b(a) sends mbal |-> -1, mval |-> None: a 1b reports no vote`
	case paxos.AdoptHighestVote:
		return `Phase2a(b, v) may pick any v once a quorum sent its 1b in b (without the highest vote among them)`
	case paxos.KeepPromise:
		return `Phase2b(a) votes on any 2a, also below maxBal[a] (without m.bal >= maxBal[a]); as the game's acceptor, it never lowers maxBal[a] and keeps its highest vote`
	case paxos.MajorityQuorum:
		return `the quorums are the sets of ⌊n/2⌋ acceptors (with 3: {a1}, {a2}, {a3}), for Phase2a and for chosen`
	case paxos.DurableAcceptors:
		return `a new action Restart(a), enabled at any time: maxBal[a] = maxVBal[a] = -1, maxVal[a] = None (a crash that forgets)`
	case paxos.SameBallotMajority:
		return `Paxos.tla has no learners: a learner that counts votes across ballots may learn v once a quorum sent a 2b for v in any ballots, and Agreement adds that a learner learns only a chosen value`
	}
	return r.String()
}

// Invariant names the property checked, in words.
func (p Params) Invariant() string {
	if !p.Rules.On(paxos.SameBallotMajority) {
		return "Agreement (at most one value is chosen, and a learner learns only a chosen value)"
	}
	return "Agreement (at most one value is chosen)"
}

// Off lists the rules switched off, in their documented order.
func (p Params) Off() []paxos.Rule {
	var off []paxos.Rule
	for _, r := range paxos.AllRules() {
		if !p.Rules.On(r) {
			off = append(off, r)
		}
	}
	return off
}

// QuorumSize is the size of the quorums: the smallest majority, or ⌊n/2⌋
// (at least 1) with majority-quorum off, as the game's.
func (p Params) QuorumSize() int {
	return paxos.Config{Acceptors: p.Acceptors, Rules: p.Rules}.Quorum()
}

// Describe is the model in a line.
func (p Params) Describe() string {
	q := "the majorities"
	if !p.Rules.On(paxos.MajorityQuorum) {
		q = fmt.Sprintf("the sets of %d", p.QuorumSize())
	}
	return fmt.Sprintf("%d acceptors, %d values, ballots 0..%d, quorums %s", p.Acceptors, p.Values, p.MaxBallot, q)
}

// words of msgs in a state; msgs has one bit per message the model can send.
const msgWords = 4

// key is a state: the acceptors' fields packed in the last word (12 bits
// each: maxBal+1, maxVBal+1, maxVal with 0 for None), msgs in the others.
type key [msgWords + 1]uint64

type model struct {
	Params
	nB, votes                 int // ballots; 1 + nB*Values possible (mbal, mval) in a 1b
	off1b, off2a, off2b, bits int
	quorums                   []uint32 // bitmasks of acceptors
	quorum                    int      // their size
	// the rules in force
	uniqueBallots, reportVote, adoptHighest, keepPromise, durable, sameBallot bool
}

func newModel(p Params) (*model, error) {
	if p.Acceptors < 1 || p.Acceptors > 5 || p.Values < 1 || p.Values > 15 || p.MaxBallot < 0 || p.MaxBallot > 14 {
		return nil, fmt.Errorf("--spec takes 1 to 5 acceptors, 1 to 15 values and --max-ballot 0 to 14")
	}
	m := &model{Params: p, nB: p.MaxBallot + 1}
	m.votes = 1 + m.nB*p.Values
	m.off1b = m.nB
	m.off2a = m.off1b + p.Acceptors*m.nB*m.votes
	m.off2b = m.off2a + m.nB*p.Values
	m.bits = m.off2b + p.Acceptors*m.nB*p.Values
	if m.bits > 64*msgWords || m.votes > 64 {
		return nil, fmt.Errorf("--spec: %d acceptors, %d values and ballots 0..%d make %d messages; at most %d fit", p.Acceptors, p.Values, p.MaxBallot, m.bits, 64*msgWords)
	}
	m.quorum = p.QuorumSize()
	for q := uint32(1); q < 1<<p.Acceptors; q++ {
		if bits.OnesCount32(q) == m.quorum {
			m.quorums = append(m.quorums, q)
		}
	}
	on := p.Rules.On
	m.uniqueBallots, m.reportVote, m.adoptHighest = on(paxos.UniqueBallots), on(paxos.PromiseReportsVote), on(paxos.AdoptHighestVote)
	m.keepPromise, m.durable, m.sameBallot = on(paxos.KeepPromise), on(paxos.DurableAcceptors), on(paxos.SameBallotMajority)
	return m, nil
}

func (k *key) has(i int) bool { return k[i/64]&(1<<(i%64)) != 0 }
func (k *key) set(i int)      { k[i/64] |= 1 << (i % 64) }

// field is the n bits (n <= 64) of k from bit i on.
func (k *key) field(i, n int) uint64 {
	w, off := i/64, i%64
	x := k[w] >> off
	if off+n > 64 && w+1 < len(k) {
		x |= k[w+1] << (64 - off)
	}
	if n < 64 {
		x &= 1<<n - 1
	}
	return x
}

// The acceptor fields, with -1 and None as 0.
func (k *key) acc(a int) (maxBal, maxVBal, maxVal int) {
	w := k[msgWords] >> (12 * a)
	return int(w & 15), int(w >> 4 & 15), int(w >> 8 & 15)
}

func (k *key) setAcc(a, maxBal, maxVBal, maxVal int) {
	sh := 12 * a
	k[msgWords] = k[msgWords]&^(0xfff<<sh) | uint64(maxBal|maxVBal<<4|maxVal<<8)<<sh
}

func (m *model) bit1a(b int) int { return b }
func (m *model) bit1b(a, b, vote int) int {
	return m.off1b + (a*m.nB+b)*m.votes + vote
}
func (m *model) bit2a(b, v int) int    { return m.off2a + b*m.Values + v }
func (m *model) bit2b(a, b, v int) int { return m.off2b + (a*m.nB+b)*m.Values + v }

// An action of the spec, with its arguments: what a trace shows.
type actKind uint8

const (
	actInit actKind = iota
	actPhase1a
	actPhase1b
	actPhase2a
	actPhase2b
	actRestart
)

type act struct {
	kind actKind
	x, y int8 // Phase1a(b): b; Phase2a(b, v): b, v; Phase1b(a), Phase2b(a), Restart(a): a
}

// successors calls emit for each successor TLC generates from s: n times
// the same state t (the witnesses of one action that all lead to t). It
// makes each successor in scratch, which emit must not keep.
func (m *model) successors(s, scratch *key, emit func(t *key, a act, n int)) {
	t := scratch
	// Phase1a(b)
	for b := 0; b < m.nB; b++ {
		*t = *s
		t.set(m.bit1a(b))
		emit(t, act{actPhase1a, int8(b), 0}, 1)
	}
	// Phase2a(b, v)
	var masks [5]uint64 // the 1b messages of each acceptor in b, by the vote they report
	for b := 0; b < m.nB; b++ {
		if m.uniqueBallots && s.field(m.bit2a(b, 0), m.Values) != 0 {
			continue
		}
		for a := 0; a < m.Acceptors; a++ {
			masks[a] = s.field(m.bit1b(a, b, 0), m.votes)
		}
		for _, q := range m.quorums {
			// Every acceptor of Q sent a 1b in b; the highest ballot of
			// the votes they report (-1: none reported one). TLC
			// enumerates \A a \in Q : \E m \in Q1b : m.acc = a as a
			// conjunction of existentials, each witness apart: an
			// acceptor that restarted (durable-acceptors off) may have
			// sent two 1b in b, and each is a witness.
			all, best, witnesses := true, -1, 1
			for a := 0; a < m.Acceptors; a++ {
				if q&(1<<a) == 0 {
					continue
				}
				if masks[a] == 0 {
					all = false
					break
				}
				witnesses *= bits.OnesCount64(masks[a])
				if voted := masks[a] &^ 1; voted != 0 {
					best = max(best, (bits.Len64(voted)-2)/m.Values)
				}
			}
			if !all {
				continue
			}
			for v := 0; v < m.Values; v++ {
				n := witnesses // Q1bv = {}, or any value (adopt-highest-vote off)
				if best >= 0 && m.adoptHighest {
					// each message that shows the highest vote, for v
					shows := 0
					for a := 0; a < m.Acceptors; a++ {
						if q&(1<<a) != 0 && masks[a]&(1<<(1+best*m.Values+v)) != 0 {
							shows++
						}
					}
					n *= shows
				}
				if n > 0 {
					*t = *s
					t.set(m.bit2a(b, v))
					emit(t, act{actPhase2a, int8(b), int8(v)}, n)
				}
			}
		}
	}
	for a := 0; a < m.Acceptors; a++ {
		maxBal, maxVBal, maxVal := s.acc(a)
		// Phase1b(a): maxBal is stored +1, so m.bal > maxBal-1.
		vote := 0
		if maxVBal > 0 && m.reportVote {
			vote = 1 + (maxVBal-1)*m.Values + (maxVal - 1)
		}
		for b := maxBal; b < m.nB; b++ {
			if !s.has(m.bit1a(b)) {
				continue
			}
			*t = *s
			t.setAcc(a, b+1, maxVBal, maxVal)
			t.set(m.bit1b(a, b, vote))
			emit(t, act{actPhase1b, int8(a), 0}, 1)
		}
		// Phase2b(a)
		from := max(maxBal-1, 0)
		if !m.keepPromise {
			from = 0
		}
		for b := from; b < m.nB; b++ {
			sent := s.field(m.bit2a(b, 0), m.Values)
			for v := 0; sent != 0; v, sent = v+1, sent>>1 {
				if sent&1 == 0 {
					continue
				}
				*t = *s
				if b+1 >= maxVBal { // it keeps its highest vote
					t.setAcc(a, max(maxBal, b+1), b+1, v+1)
				} else {
					t.setAcc(a, maxBal, maxVBal, maxVal)
				}
				t.set(m.bit2b(a, b, v))
				emit(t, act{actPhase2b, int8(a), 0}, 1)
			}
		}
		// Restart(a), with durable-acceptors off
		if !m.durable {
			*t = *s
			t.setAcc(a, 0, 0, 0)
			emit(t, act{actRestart, int8(a), 0}, 1)
		}
	}
}

// agreement reports whether s keeps Agreement: at most one value chosen
// (a quorum voted for it in one ballot); with same-ballot-majority off,
// also no value that a learner counting across ballots may learn unchosen.
func (m *model) agreement(s *key) bool {
	var chosen uint32
	var across [15]uint32
	for v := 0; v < m.Values; v++ {
		for b := 0; b < m.nB; b++ {
			voters := m.voters(s, b, v)
			if bits.OnesCount32(voters) >= m.quorum {
				chosen |= 1 << v
			}
			across[v] |= voters
		}
		if !m.sameBallot && chosen&(1<<v) == 0 && bits.OnesCount32(across[v]) >= m.quorum {
			return false
		}
	}
	return bits.OnesCount32(chosen) <= 1
}

// voters is the set of acceptors that sent a 2b for value v in ballot b.
func (m *model) voters(s *key, b, v int) uint32 {
	var voters uint32
	for a := 0; a < m.Acceptors; a++ {
		if s.has(m.bit2b(a, b, v)) {
			voters |= 1 << a
		}
	}
	return voters
}

// whatFails says, of a state that breaks Agreement, what is chosen and what
// a learner may learn unchosen.
func (m *model) whatFails(s *key) string {
	var parts []string
	var learnable []string
	for v := 0; v < m.Values; v++ {
		var across uint32
		chosen := false
		for b := 0; b < m.nB; b++ {
			voters := m.voters(s, b, v)
			if bits.OnesCount32(voters) >= m.quorum {
				parts = append(parts, fmt.Sprintf("%s is chosen in ballot %d (2b from %s)", valueName(v), b, accSet(voters)))
				chosen = true
			}
			across |= voters
		}
		if !m.sameBallot && !chosen && bits.OnesCount32(across) >= m.quorum {
			learnable = append(learnable, fmt.Sprintf("a learner may learn %s from the 2b of %s in different ballots, and %s is not chosen", valueName(v), accSet(across), valueName(v)))
		}
	}
	return strings.Join(append(parts, learnable...), "; ")
}

func accName(a int) string   { return fmt.Sprintf("a%d", a+1) }
func valueName(v int) string { return fmt.Sprintf("v%d", v+1) }

func accSet(s uint32) string {
	var names []string
	for a := 0; s != 0; a, s = a+1, s>>1 {
		if s&1 != 0 {
			names = append(names, accName(a))
		}
	}
	return "{" + strings.Join(names, ", ") + "}"
}
