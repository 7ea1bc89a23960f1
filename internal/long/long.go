// Package long is the one switch of the long tests: the searches of
// millions of states, the lab's cap, the figures written in lesson text.
// `go test ./...` leaves them out, so that it passes quickly on a loaded
// machine; CI turns them on with PAXOSGAME_LONG=1.
package long

import (
	"os"
	"testing"
)

// Env is the variable that turns the long tests on.
const Env = "PAXOSGAME_LONG"

// On reports whether the long tests run.
func On() bool { return os.Getenv(Env) != "" }

// Test skips t unless the long tests run.
func Test(t testing.TB) {
	t.Helper()
	if !On() {
		t.Skipf("a long test: %s=1 runs it (CI does)", Env)
	}
}
