package lessons

import (
	"embed"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"paxosgame/game"
)

// The built-in lessons, in the order of builtin/ORDER: one lesson name a
// line (the file builtin/NAME.md), # comments and blank lines ignored.
//
//go:embed builtin/*.md builtin/ORDER
var builtinFS embed.FS

// Builtins lists the names of the built-in lessons in course order.
func Builtins() []string {
	src, err := builtinFS.ReadFile("builtin/ORDER")
	if err != nil {
		panic("lessons: builtin/ORDER is not embedded: " + err.Error())
	}
	var names []string
	for _, line := range strings.Split(string(src), "\n") {
		if line, _, _ = strings.Cut(line, "#"); strings.TrimSpace(line) != "" {
			names = append(names, strings.TrimSpace(line))
		}
	}
	return names
}

// Course reads every built-in lesson, in course order.
func Course() ([]*Lesson, error) {
	var out []*Lesson
	for _, name := range Builtins() {
		l, err := Builtin(name)
		if err != nil {
			return nil, err
		}
		out = append(out, l)
	}
	return out, nil
}

// Builtin reads the built-in lesson of that name.
func Builtin(name string) (*Lesson, error) {
	file := "builtin/" + name + ".md"
	src, err := builtinFS.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("there is no built-in lesson %q (paxosgame lesson list shows them)", name)
	}
	l, err := Parse("lessons/"+file, string(src))
	if err != nil {
		return nil, err
	}
	l.Name, l.builtin = name, true
	return l, nil
}

// Load reads a lesson: a built-in one by name or by its number in the
// course (from 1), or any lesson file by its path. A lesson with mistakes
// is not returned: the error lists them all, with their lines.
func Load(arg string) (*Lesson, error) {
	names := Builtins()
	if n, err := strconv.Atoi(arg); err == nil {
		if n < 1 || n > len(names) {
			return nil, fmt.Errorf("the course has lessons 1 to %d, not %d", len(names), n)
		}
		return Builtin(names[n-1])
	}
	for _, name := range names {
		if name == arg {
			return Builtin(name)
		}
	}
	src, err := game.ReadScript(arg)
	if err != nil {
		if os.IsNotExist(err) && !strings.ContainsAny(arg, `/\.`) {
			return nil, fmt.Errorf("there is no built-in lesson %q and no file of that name (paxosgame lesson list shows the lessons)", arg)
		}
		return nil, err
	}
	l, err := Parse(arg, string(src))
	if err != nil {
		return nil, err
	}
	return l, nil
}

// Key names the lesson in the progress file: the built-in name, or
// "file:" and the absolute path of a lesson file.
func (l *Lesson) Key() string {
	if l.builtin {
		return l.Name
	}
	if abs, err := filepath.Abs(l.File); err == nil {
		return "file:" + abs
	}
	return "file:" + l.File
}

// Builtin reports whether the lesson is one of the course's own.
func (l *Lesson) Builtin() bool { return l.builtin }
