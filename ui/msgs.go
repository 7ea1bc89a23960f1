package ui

import (
	tea "charm.land/bubbletea/v2"

	"paxosgame/game"
)

// Notice is news from outside the screens (the server's: the terminal is
// drawn smaller than it is), said on the status line of the screen.
type Notice struct{ Text string }

// Messages between the screens and the root.
type (
	goHomeMsg       struct{}
	openSettingsMsg struct{}
	newGameMsg      struct{}
	resumeMsg       struct{}
	quitMsg         struct{}
	openLessonsMsg  struct{}
	startLessonMsg  struct{ name string } // a built-in lesson, by name
	startGameMsg    struct {
		g     *game.Game
		title string
		path  string
	}
)

// msgCmd is the command that sends msg.
func msgCmd(msg tea.Msg) tea.Cmd { return func() tea.Msg { return msg } }
