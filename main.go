// Command paxosgame is an interactive terminal game for learning and
// teaching the Paxos consensus algorithm. See README.md; the command line
// is package cli.
package main

import (
	"os"

	"paxosgame/cli"
)

func main() {
	os.Exit(cli.Run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
