package lessons

import (
	"fmt"
	"io"
	"strings"

	"paxosgame/narrate"
)

// Transcript plays a lesson through a Session the way a perfect student
// would (first choice taken at every question, every goal met by its
// solution) and writes what the student reads: each step's narration, each
// command with its note and the game's own narration, each question with
// its computed answer, each goal line with ✓ or ✗. Authors use it to read a
// lesson as a whole (`paxosgame lesson check -v`).
func Transcript(w io.Writer, l *Lesson) error {
	s, err := NewSession(l)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "# %s\n", l.Title)
	for {
		st := s.Step()
		if played, _ := s.Beats(); played == 0 {
			fmt.Fprintf(w, "\n--- step %d: %s (line %d)\n", s.Index()+1, st.Kind, st.Line)
			if st.Text != "" {
				fmt.Fprintln(w, indent(st.Text, "  "))
			}
			if err := transcribeStep(w, s); err != nil {
				return err
			}
		}
		p, err := s.Next()
		if err == ErrEnd {
			return nil
		}
		if err != nil {
			return err
		}
		if p != nil {
			writePlayed(w, *p)
		}
		if n := s.Notice(); n != "" {
			fmt.Fprintf(w, "  (%s)\n", n)
		}
	}
}

// transcribeStep writes what a step shows before next is pressed, and
// plays its goal's solution or answers its question.
func transcribeStep(w io.Writer, s *Session) error {
	st := s.Step()
	switch st.Kind {
	case KindSetup:
		for _, l := range st.Cmds {
			fmt.Fprintf(w, "  | %s\n", l.Text)
		}
	case KindPredict:
		fmt.Fprintf(w, "  ? %s\n", st.Predict.Question)
		if st.Predict.YouPlay {
			fmt.Fprintf(w, "    (the student plays it out at the goal below)\n")
		}
		v, err := s.Answer(0)
		if err != nil {
			return err
		}
		for i, c := range st.Predict.Choices {
			mark := " "
			if i == v.Answer {
				mark = "✓"
			}
			fmt.Fprintf(w, "    %s %d. %s\n", mark, i+1, c.Text)
			if c.Explain != "" {
				fmt.Fprintf(w, "         > %s\n", c.Explain)
			}
		}
	case KindDo:
		fmt.Fprintf(w, "  ? %s (answered by acting)\n", st.Predict.Question)
		for i, c := range st.Predict.Choices {
			fmt.Fprintf(w, "    %d. %s\n", i+1, c.Text)
			if c.Explain != "" {
				fmt.Fprintf(w, "         > %s\n", c.Explain)
			}
		}
		first := st.Predict.Choices[0]
		evs, err := s.Do(first.Do.Cmd)
		writePlayed(w, Played{Line: *first.Do, Events: evs, Err: err})
		if err != nil {
			return err
		}
	case KindGoal:
		writeGoal(w, s, "goal")
		if st.Goal.Challenge {
			fmt.Fprintf(w, "  challenge: par %d\n", st.Goal.Par())
		}
		for i, h := range st.Goal.Hints {
			fmt.Fprintf(w, "  hint %d: %s\n", i+1, h)
		}
		played, err := s.PlaySolution()
		for _, p := range played {
			writePlayed(w, p)
		}
		if err != nil {
			return err
		}
		writeGoal(w, s, "after the solution")
	}
	return nil
}

func writeGoal(w io.Writer, s *Session, title string) {
	fmt.Fprintf(w, "  %s:\n", title)
	for _, g := range s.Goal() {
		mark, now := "✗", ""
		if g.Met {
			mark = "✓"
		} else if g.Now != "" {
			now = " (now: " + g.Now + ")"
		}
		fmt.Fprintf(w, "    %s %s%s\n", mark, g.Words, now)
	}
}

func writePlayed(w io.Writer, p Played) {
	fmt.Fprintf(w, "  > %s\n", p.Line.Text)
	if p.Line.Note != "" {
		fmt.Fprintf(w, "      « %s »\n", p.Line.Note)
	}
	narrate.WriteEvents(w, p.Events, "      ")
	if p.Err != nil {
		fmt.Fprintf(w, "      MISTAKE: %s\n", narrate.Error(p.Err))
	}
}

func indent(text, prefix string) string {
	return prefix + strings.ReplaceAll(text, "\n", "\n"+prefix)
}
