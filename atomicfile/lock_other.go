//go:build !unix

package atomicfile

// Lock is a no-op where the game knows no file locks: writes stay atomic,
// but two processes writing one file at once may lose one's changes.
func Lock(path string) (unlock func(), err error) { return func() {}, nil }
