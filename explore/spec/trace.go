package spec

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
)

// Violation is a shortest behavior to a state that breaks Agreement.
type Violation struct {
	Fails string  // what fails in the last state, in words
	Trace []State // the initial state first; each next one is the step of its Action
}

// State is one state of a behavior, and the action that led to it.
type State struct {
	Action  string // "Initial predicate", "Phase1a(0)", "Phase1b(a1)", "Phase2a(0, v1)", "Phase2b(a2)", "Restart(a1)"
	MaxBal  []int  // by acceptor; -1 before any
	MaxVBal []int
	MaxVal  []int     // by acceptor: 0 is v1; -1 is None
	Msgs    []Message // msgs, in a fixed order
	Sent    []Message // the messages this step added to msgs
}

// Message is a message of msgs, as Paxos.tla writes it.
type Message struct {
	Type                      string // 1a, 1b, 2a, 2b
	Acc, Bal, MBal, MVal, Val int    // MBal, MVal: -1 and None (-1) when a 1b reports no vote
}

func (m Message) String() string {
	switch m.Type {
	case "1a":
		return fmt.Sprintf(`[type |-> "1a", bal |-> %d]`, m.Bal)
	case "1b":
		return fmt.Sprintf(`[type |-> "1b", acc |-> %s, bal |-> %d, mbal |-> %d, mval |-> %s]`, accName(m.Acc), m.Bal, m.MBal, valOrNone(m.MVal))
	case "2a":
		return fmt.Sprintf(`[type |-> "2a", bal |-> %d, val |-> %s]`, m.Bal, valueName(m.Val))
	}
	return fmt.Sprintf(`[type |-> "2b", acc |-> %s, bal |-> %d, val |-> %s]`, accName(m.Acc), m.Bal, valueName(m.Val))
}

func valOrNone(v int) string {
	if v < 0 {
		return "None"
	}
	return valueName(v)
}

// violation makes the behavior of a path of states.
func (m *model) violation(path []key) *Violation {
	v := &Violation{Fails: m.whatFails(&path[len(path)-1])}
	for i := range path {
		st := m.decode(&path[i])
		if i == 0 {
			st.Action = "Initial predicate"
		} else {
			st.Action = m.label(&path[i-1], &path[i])
			prev := v.Trace[i-1].Msgs
			for _, msg := range st.Msgs {
				if !slices.Contains(prev, msg) {
					st.Sent = append(st.Sent, msg)
				}
			}
		}
		v.Trace = append(v.Trace, st)
	}
	return v
}

// label names the action that takes s to t.
func (m *model) label(s, t *key) string {
	name := "?"
	var scratch key
	m.successors(s, &scratch, func(u *key, a act, _ int) {
		if name != "?" || *u != *t {
			return
		}
		switch a.kind {
		case actPhase1a:
			name = fmt.Sprintf("Phase1a(%d)", a.x)
		case actPhase1b:
			name = fmt.Sprintf("Phase1b(%s)", accName(int(a.x)))
		case actPhase2a:
			name = fmt.Sprintf("Phase2a(%d, %s)", a.x, valueName(int(a.y)))
		case actPhase2b:
			name = fmt.Sprintf("Phase2b(%s)", accName(int(a.x)))
		case actRestart:
			name = fmt.Sprintf("Restart(%s)", accName(int(a.x)))
		}
	})
	return name
}

func (m *model) decode(k *key) State {
	var st State
	for a := 0; a < m.Acceptors; a++ {
		maxBal, maxVBal, maxVal := k.acc(a)
		st.MaxBal = append(st.MaxBal, maxBal-1)
		st.MaxVBal = append(st.MaxVBal, maxVBal-1)
		st.MaxVal = append(st.MaxVal, maxVal-1)
	}
	for b := 0; b < m.nB; b++ {
		if k.has(m.bit1a(b)) {
			st.Msgs = append(st.Msgs, Message{Type: "1a", Bal: b, Acc: -1, MBal: -1, MVal: -1, Val: -1})
		}
	}
	for a := 0; a < m.Acceptors; a++ {
		for b := 0; b < m.nB; b++ {
			for vote := 0; vote < m.votes; vote++ {
				if !k.has(m.bit1b(a, b, vote)) {
					continue
				}
				msg := Message{Type: "1b", Acc: a, Bal: b, MBal: -1, MVal: -1, Val: -1}
				if vote > 0 {
					msg.MBal, msg.MVal = (vote-1)/m.Values, (vote-1)%m.Values
				}
				st.Msgs = append(st.Msgs, msg)
			}
		}
	}
	for b := 0; b < m.nB; b++ {
		for v := 0; v < m.Values; v++ {
			if k.has(m.bit2a(b, v)) {
				st.Msgs = append(st.Msgs, Message{Type: "2a", Bal: b, Val: v, Acc: -1, MBal: -1, MVal: -1})
			}
		}
	}
	for a := 0; a < m.Acceptors; a++ {
		for b := 0; b < m.nB; b++ {
			for v := 0; v < m.Values; v++ {
				if k.has(m.bit2b(a, b, v)) {
					st.Msgs = append(st.Msgs, Message{Type: "2b", Acc: a, Bal: b, Val: v, MBal: -1, MVal: -1})
				}
			}
		}
	}
	return st
}

// Steps is the number of steps of the behavior (its states less one).
func (v *Violation) Steps() int { return len(v.Trace) - 1 }

// Write prints the behavior as TLC prints an error trace, numbered from
// State 1, the initial state in full; after it, as TLC's -difftrace does,
// each state shows the variables its step changed, msgs as the messages
// the step added to it.
func (v *Violation) Write(w io.Writer, invariant string) {
	name, _, _ := strings.Cut(invariant, " (")
	fmt.Fprintf(w, "Error: Invariant %s is violated: %s.\n", name, v.Fails)
	fmt.Fprintf(w, "Error: The behavior up to this point is (a shortest one: %d steps):\n", v.Steps())
	for i, st := range v.Trace {
		fmt.Fprintf(w, "State %d: <%s>\n", i+1, st.Action)
		var prev *State
		if i > 0 {
			prev = &v.Trace[i-1]
		}
		for _, f := range []struct {
			name string
			vals []int
			pv   func(*State) []int
			str  func(int) string
		}{
			{"maxBal", st.MaxBal, func(s *State) []int { return s.MaxBal }, strconv.Itoa},
			{"maxVBal", st.MaxVBal, func(s *State) []int { return s.MaxVBal }, strconv.Itoa},
			{"maxVal", st.MaxVal, func(s *State) []int { return s.MaxVal }, valOrNone},
		} {
			if prev != nil && slices.Equal(f.vals, f.pv(prev)) {
				continue
			}
			parts := make([]string, len(f.vals))
			for a, x := range f.vals {
				parts[a] = accName(a) + " :> " + f.str(x)
			}
			fmt.Fprintf(w, "/\\ %s = (%s)\n", f.name, strings.Join(parts, " @@ "))
		}
		switch {
		case prev == nil:
			fmt.Fprintf(w, "/\\ msgs = {%s}\n", joinMsgs(st.Msgs))
		case len(st.Sent) > 0:
			fmt.Fprintf(w, "/\\ msgs = msgs \\cup {%s}\n", joinMsgs(st.Sent))
		}
		fmt.Fprintln(w)
	}
}

func joinMsgs(ms []Message) string {
	s := make([]string, len(ms))
	for i, m := range ms {
		s[i] = m.String()
	}
	return strings.Join(s, ", ")
}
