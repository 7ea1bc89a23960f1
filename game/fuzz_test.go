package game

import (
	"reflect"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"paxosgame/paxos"
)

// addSeeds adds every testdata script to the fuzzer's corpus, and every
// line of them on its own.
func addSeeds(f *testing.F) {
	for _, path := range scriptFiles(f) {
		src := readFile(f, path)
		f.Add(src)
		for _, line := range strings.Split(src, "\n") {
			f.Add(line)
		}
	}
	f.Add(`propose P2 17 "tab\there \u20ac \\ \" \x41"`)
	// Control characters, raw and escaped, signs and leading zeros, and a
	// byte order mark.
	f.Add("propose P3 \"\x1b[2J\x1b[H\x1b[31mEVIL\"")
	f.Add(`propose P3 "\x1b[2J\x1b[H\x1b[31mEVIL"`)
	f.Add("propose P2 1 \"a\nb\rc\"\nset P1 value \"x\x00\x7f\u0085\"")
	f.Add(`set A1 voted 3 "a\nb\rc\x00\x7f\u0085\xc2\x85"`)
	f.Add("propose P2 -17\npropose P2 17\x00\ndeliver 1a P2->A1 +17\npropose P2 017\ndeliver #017\nexpect in-flight 00")
	f.Add(`propose P1 6 ""`)
	f.Add("\ufeffpropose P2 17\n\ufeffdeliver all")
	f.Add("deliver 1b A1→P2 17 # comment")
	f.Add("crash a1\npropose P01\ncrash A+1\ndeliver 1b a1→p02")
}

// The parser never panics; whatever it reads, it prints, and the printed
// line reads back as the same command.
func FuzzParse(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, src string) {
		cmds, err := Parse("fuzz", src)
		// Every error points into the script: a line of it, and a column
		// of that line or just past its end.
		lines := strings.Split(src, "\n")
		if es, ok := err.(Errors); ok {
			for _, e := range es {
				if e.Line < 1 || e.Line > len(lines) || e.Col < 1 || e.Col > utf8.RuneCountInString(lines[e.Line-1])+1 {
					t.Fatalf("error %v points outside %q", e, src)
				}
				// What the error suggests, written in place of the word
				// found, mends the line up to that word.
				if e.Suggest != "" {
					rs := []rune(lines[e.Line-1])
					found := []rune(e.Found)
					if string(rs[e.Col-1:min(len(rs), e.Col-1+len(found))]) != e.Found {
						t.Fatalf("error %v: %q is not at its column", e, e.Found)
					}
					mended := string(rs[:e.Col-1]) + e.Suggest + string(rs[e.Col-1+len(found):])
					if _, _, err := ParseLine(mended); err != nil && err.Col <= e.Col {
						t.Fatalf("%q, mended as %v suggests, is %q, which fails there: %v", lines[e.Line-1], e, mended, err)
					}
				}
			}
		} else if err != nil {
			t.Fatalf("Parse returned %T", err)
		}
		var printed strings.Builder
		for _, c := range cmds {
			// A value is printable text.
			if strings.IndexFunc(string(c.Value), unicode.IsControl) >= 0 || !utf8.ValidString(string(c.Value)) {
				t.Fatalf("%q gives the value %q", src, c.Value)
			}
			line := c.String()
			again, ok, err := ParseLine(line)
			if err != nil || !ok {
				t.Fatalf("%q prints as %q, which does not parse: %v", src, line, err)
			}
			again.Line, again.Col = c.Line, c.Col
			if !reflect.DeepEqual(again, c) {
				t.Fatalf("%q prints as %q, which parses to another command:\n%+v\n%+v", src, line, c, again)
			}
			printed.WriteString(line + "\n")
		}
		again, err := Parse("printed", printed.String())
		if err != nil || len(again) != len(cmds) {
			t.Fatalf("the printed script does not parse to as many commands: %v\n%s", err, printed.String())
		}
	})
}

// A schedule read from bytes: the first four set the cluster up (its
// size, the rules switched off, the policy and the mode), each of the
// others picks the next action among those w.Enabled lists. Every action
// listed is accepted, the key of a clone is the key, and with every rule
// on Agreement and Validity hold after every step (DESIGN §2: "checked
// after every step of every game, test and exploration").
func FuzzSchedule(f *testing.F) {
	f.Add([]byte{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0})
	f.Add([]byte{7, 0, 0, 0, 4, 1, 9, 0, 0, 3, 0, 2, 0, 0, 1, 0, 5, 0, 0, 0, 8, 0, 0, 6, 0, 0, 0, 0})
	f.Add([]byte{5, 1 << paxos.DurableAcceptors, 1, 1, 0, 30, 0, 0, 2, 0, 0, 40, 0, 50, 0, 0, 0, 0, 60, 0})
	f.Add([]byte("the course's default cluster, any schedule at all"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) < 4 || len(data) > 400 {
			return
		}
		w := NewWorld()
		setup := []Command{
			{Verb: VConfig, Proposers: 1 + int(data[0])%3, Acceptors: 1 + int(data[0]/3)%5, Learners: int(data[0]/15) % 3},
			{Verb: VPolicy, Policy: paxos.StalePolicy(data[2] % 3)},
			{Verb: VMode, Manual: data[3]%2 == 1},
		}
		safe := true
		for _, r := range paxos.AllRules() {
			if data[1]&(1<<r) != 0 {
				setup = append(setup, Command{Verb: VRule, Rule: r, On: false})
				safe = false
			}
		}
		for _, c := range setup {
			if _, err := w.Apply(c); err != nil {
				t.Fatalf("setup %s refused: %v", c, err)
			}
		}
		s := newShadow(w)
		for i, b := range data[4:] {
			en := w.Enabled()
			c := en[int(b)%len(en)]
			if k := w.Key(); w.Clone().Key() != k {
				t.Fatalf("step %d: the clone has another key", i+1)
			}
			evs, err := w.Apply(c)
			if err != nil {
				t.Fatalf("step %d: Enabled lists %s, which is refused: %v\n%s", i+1, c, err, w.Describe())
			}
			s.see(w, c, evs)
			if !safe {
				continue
			}
			if err := checkSafety(w, s); err != nil {
				t.Fatalf("after step %d (%s): %v\n%s", i+1, c, err, w.Describe())
			}
		}
	})
}
