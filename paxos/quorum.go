package paxos

import "math/bits"

// Set is a set of acceptors, by number (1..9), as a bitmask: small enough
// to copy with the state that holds it.
type Set uint16

// Add puts acceptor n in the set.
func (s Set) Add(n int) Set { return s | 1<<n }

// Has reports whether acceptor n is in the set.
func (s Set) Has(n int) bool { return s&(1<<n) != 0 }

// Len is the number of acceptors in the set.
func (s Set) Len() int { return bits.OnesCount16(uint16(s)) }

// Members lists the acceptor numbers in increasing order.
func (s Set) Members() []int {
	var ns []int
	for n := 1; n <= MaxAcceptors; n++ {
		if s.Has(n) {
			ns = append(ns, n)
		}
	}
	return ns
}

// Reached reports whether the set is a quorum of cfg.
func (s Set) Reached(cfg *Config) bool { return s.Len() >= cfg.Quorum() }
