package ui

import (
	"fmt"
	"testing"
)

func TestZZScratch(t *testing.T) {
	m := newTestGame(t, 80, 24)
	for _, l := range []string{`set A1 voted 10 "5 EUR"`, "set A1 promised 17", "hand A1", "hand L1", "propose P1 6", "deliver 1a P1->A1"} {
		command(m, l)
	}
	fmt.Println(screenOf(m))
	checkFits(t, m)
	keys(m, "c")
	fmt.Println(screenOf(m))
	checkFits(t, m)
}
