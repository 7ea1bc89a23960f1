// Package ui is the terminal screen of the game, built with Bubble Tea:
// a home screen, the settings, and the play screen where a person plays
// Paxos by hand — every action a line of the command language.
package ui

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	tea "charm.land/bubbletea/v2"

	"paxosgame/game"
	"paxosgame/internal/term"
	"paxosgame/lessons"
	"paxosgame/narrate"
)

// Home runs the game at the home screen, for `paxosgame`. It returns the
// exit status.
func Home(stdout, stderr io.Writer) int {
	return runProgram(New(os.Getenv("NO_COLOR") != "", needsASCII()), stdout, stderr)
}

// Main runs the game at the play screen, for `paxosgame play [FILE]`: free
// play when args is empty, or the script args[0] loaded. It returns the
// exit status.
func Main(args []string, stdout, stderr io.Writer) int {
	m, err := NewPlay(os.Getenv("NO_COLOR") != "", needsASCII(), args)
	if err != nil {
		fmt.Fprintf(stderr, "paxosgame play: %s\n", game.Printable(narrate.Error(err)))
		return 2
	}
	return runProgram(m, stdout, stderr)
}

// NewPlay is the root model of `paxosgame play [FILE]`: straight at the
// play screen, with a new free play (the default settings) when args is
// empty, or with the script args[0] loaded.
func NewPlay(noColor, ascii bool, args []string) (*Model, error) {
	switch len(args) {
	case 0:
		m := New(noColor, ascii)
		g, err := m.settings.NewGame()
		if err != nil {
			return nil, err
		}
		m.startGame(g, "free play", "")
		return m, nil
	case 1:
		g, err := loadScript(args[0])
		if err != nil {
			return nil, err
		}
		return NewWithGame(noColor, ascii, g, filepath.Base(args[0]), args[0]), nil
	}
	return nil, errors.New("give at most one script file")
}

// PlayLesson runs the game at the lesson screen, for
// `paxosgame lesson play NAME|FILE [--watch]`. It returns the exit status.
func PlayLesson(l *lessons.Lesson, opts lessons.PlayOptions, stdout, stderr io.Writer) int {
	m := NewWithLesson(os.Getenv("NO_COLOR") != "", needsASCII(), l, opts)
	return runProgram(m, stdout, stderr)
}

// NewWithLesson is the root model straight at the lesson screen.
func NewWithLesson(noColor, ascii bool, l *lessons.Lesson, opts lessons.PlayOptions) *Model {
	m := New(noColor, ascii)
	m.store = opts.Store
	if m.store == nil {
		m.store = lessons.OpenStore()
	}
	m.startLesson(l)
	if opts.Watch && opts.Path != "" && m.lesson != nil {
		m.lesson.startWatching(opts.Path) // Init starts the ticks
	}
	return m
}

func runProgram(m *Model, stdout, stderr io.Writer) int {
	opts := []tea.ProgramOption{tea.WithOutput(stdout)}
	m.probeWidth = term.IsTerminal(stdout)
	defer m.Close() // auto-play stops, the boards stop listening
	if _, err := tea.NewProgram(m, opts...).Run(); err != nil {
		fmt.Fprintf(stderr, "paxosgame: %v\n", err)
		return 1
	}
	return 0
}

// needsASCII: the Linux console and old terminals cannot draw the marks;
// PAXOSGAME_ASCII=1 asks for ASCII anywhere (see package term).
func needsASCII() bool { return term.ASCII() }
