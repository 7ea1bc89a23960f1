package main

import (
	"os"

	"paxosgame/game"
)

func main() {
	b, _ := os.ReadFile(os.Args[1])
	os.Exit(game.Run(os.Stdout, os.Stderr, os.Args[1], string(b)))
}
