package game

// What the external tests (package game_test) use of the internal ones.

// WithChecks runs f with rapid's number of checks set to n, unless the
// command line sets it.
var WithChecks = withChecks
