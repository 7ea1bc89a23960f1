// Package paxos holds the roles of single-decree Paxos as pure state
// machines: a role takes one message and returns the messages it sends.
// There is no I/O, clock, randomness or goroutine here; the caller (the
// game world) owns the network and decides what is delivered when.
package paxos

import (
	"fmt"
	"strconv"
)

// Ballot is a proposal number ("sequence number"); 0 means none.
type Ballot int

// Value is what the proposers want agreed on, such as "5 EUR".
type Value string

// Vote is an acceptor's vote: a value in a ballot. The zero Vote is "none".
type Vote struct {
	Ballot Ballot
	Value  Value
}

// None reports whether the vote is empty.
func (v Vote) None() bool { return v.Ballot == 0 }

func (v Vote) String() string {
	if v.None() {
		return "none"
	}
	return fmt.Sprintf("%d %s", v.Ballot, strconv.Quote(string(v.Value)))
}

// Role is the kind of a node.
type Role uint8

const (
	RoleProposer Role = iota + 1
	RoleAcceptor
	RoleLearner
)

// Letter is the one-letter prefix of the role in node names (P, A, L).
func (r Role) Letter() string {
	switch r {
	case RoleProposer:
		return "P"
	case RoleAcceptor:
		return "A"
	case RoleLearner:
		return "L"
	}
	return "?"
}

// NodeID names a node: its role and its number, counted from 1.
type NodeID struct {
	Role Role
	N    int
}

// P, A and L build node ids.
func P(n int) NodeID { return NodeID{RoleProposer, n} }
func A(n int) NodeID { return NodeID{RoleAcceptor, n} }
func L(n int) NodeID { return NodeID{RoleLearner, n} }

func (id NodeID) String() string { return id.Role.Letter() + strconv.Itoa(id.N) }

// MsgType is the kind of a message, named as the course names the phases.
type MsgType uint8

const (
	Prepare  MsgType = iota + 1 // 1a
	Promise                     // 1b
	Nack                        // refusal
	Accept                      // 2a, the request to vote
	Accepted                    // 2b, the vote
)

// Code is the short name used in scripts: 1a, 1b, nack, 2a, 2b.
func (t MsgType) Code() string {
	switch t {
	case Prepare:
		return "1a"
	case Promise:
		return "1b"
	case Nack:
		return "nack"
	case Accept:
		return "2a"
	case Accepted:
		return "2b"
	}
	return "?"
}

// Word is the name of the message in prose.
func (t MsgType) Word() string {
	switch t {
	case Prepare:
		return "prepare"
	case Promise:
		return "promise"
	case Nack:
		return "refusal"
	case Accept:
		return "accept"
	case Accepted:
		return "accepted"
	}
	return "?"
}

// MsgTypeFromCode parses 1a, 1b, nack, 2a or 2b.
func MsgTypeFromCode(s string) (MsgType, bool) {
	for t := Prepare; t <= Accepted; t++ {
		if t.Code() == s {
			return t, true
		}
	}
	return 0, false
}

// Message is one message of the protocol. Which fields mean something
// depends on Type:
//
//	prepare  Ballot
//	promise  Ballot, Vote (the acceptor's last vote, or none)
//	nack     Ballot (refused), Promised (the higher ballot promised)
//	accept   Ballot, Value
//	accepted Ballot, Value
type Message struct {
	Type     MsgType
	From, To NodeID
	Ballot   Ballot
	Value    Value
	Vote     Vote
	Promised Ballot
}

// Summary describes the content of the message, for lists of messages in
// flight: `promise 17 · voted 10 "5 EUR"`.
func (m Message) Summary() string {
	switch m.Type {
	case Prepare:
		return fmt.Sprintf("prepare %d", m.Ballot)
	case Promise:
		if m.Vote.None() {
			return fmt.Sprintf("promise %d · no vote", m.Ballot)
		}
		return fmt.Sprintf("promise %d · voted %s", m.Ballot, m.Vote)
	case Nack:
		return fmt.Sprintf("refuse %d · promised %d", m.Ballot, m.Promised)
	case Accept:
		return fmt.Sprintf("accept %d %s", m.Ballot, strconv.Quote(string(m.Value)))
	case Accepted:
		return fmt.Sprintf("voted %d %s", m.Ballot, strconv.Quote(string(m.Value)))
	}
	return "?"
}
