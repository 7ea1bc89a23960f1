//go:build race

package classroom

const raceOn = true
