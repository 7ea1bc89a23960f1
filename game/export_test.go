package game

// What the external tests (package game_test) use of the internal ones.

// WithChecks runs f with rapid's number of checks set to n, unless the
// command line sets it.
var WithChecks = withChecks

// The long scripts of the benchmarks, and the fuzzers' seeds, for the
// benchmarks and the fuzzer of `paxosgame run` (the engine with its
// narrator).
var (
	Bench100kScript          = bench100kScript
	ProposesThenDelivers     = proposesThenDelivers
	DuplicatesThenDeliverAll = duplicatesThenDeliverAll
	AddSeeds                 = addSeeds
)
