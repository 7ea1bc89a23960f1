package ui

import (
	"fmt"
	"testing"
)

func TestScratch(t *testing.T) {
	m := newTest(t, 80, 24)
	keys(m, "down", "enter", "enter", "n", "n", "n", "n", "n", "n", "n", "n", "n", "n")
	fmt.Println(screenOf(m), m.lesson.focus, m.lesson.top)
}
