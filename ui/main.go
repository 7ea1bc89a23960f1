// Package ui is the terminal screen of the game, built with Bubble Tea.
package ui

import (
	"fmt"
	"io"
)

// Main runs the game screen: args is empty for the home screen, or the
// script to load for `paxosgame play FILE`. It returns the exit status.
func Main(args []string, stdout, stderr io.Writer) int {
	fmt.Fprintln(stderr, "paxosgame: the game screen is being built; use `paxosgame run FILE` meanwhile")
	return 2
}
