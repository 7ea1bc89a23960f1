package cli

import (
	"flag"
	"fmt"
	"slices"
	"strings"

	"paxosgame/export"
	"paxosgame/paxos"
)

// completeCommand is the command the shells' completion scripts call:
// paxosgame __complete WORD... prints the words that may follow WORD...
// in place of the last one (the one being typed), one a line. Nothing
// printed: the shell completes a file name.
const completeCommand = "__complete"

const completionUsage = `usage: paxosgame completion bash|zsh|fish

Prints the shell's completion of paxosgame's commands, flags and lesson
names; load it in the shell's start-up file:

  bash:  source <(paxosgame completion bash)          (in ~/.bashrc)
  zsh:   source <(paxosgame completion zsh)           (in ~/.zshrc, after compinit)
  fish:  paxosgame completion fish | source           (in ~/.config/fish/config.fish)
`

// shells are the shells completion writes a script for.
var shells = []string{"bash", "zsh", "fish"}

// completion is `paxosgame completion SHELL`.
func completion(s std, args []string) int {
	if len(args) != 1 || scripts[args[0]] == "" {
		fmt.Fprint(s.err, completionUsage)
		return 2
	}
	fmt.Fprint(s.out, scripts[args[0]])
	return 0
}

// scripts are the completion scripts: each hands the words typed to
// paxosgame __complete (the program as typed, so ./paxosgame completes
// too) and falls back to file names when it prints nothing.
var scripts = map[string]string{
	"bash": `# bash completion of paxosgame (paxosgame completion bash)
_paxosgame() {
	local IFS=$'\n'
	COMPREPLY=($("${COMP_WORDS[0]}" ` + completeCommand + ` "${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null))
}
complete -o default -F _paxosgame paxosgame
`,
	"zsh": `# zsh completion of paxosgame (paxosgame completion zsh)
_paxosgame() {
	local -a words_
	words_=("${(@f)$("${words[1]}" ` + completeCommand + ` "${(@)words[2,CURRENT]}" 2>/dev/null)}")
	if [[ -z "${words_[1]}" ]]; then
		_files
	else
		compadd -a words_
	fi
}
compdef _paxosgame paxosgame
`,
	"fish": `# fish completion of paxosgame (paxosgame completion fish)
function __paxosgame_complete
	set -l words (commandline -opc) (commandline -ct)
	set -l found ($words[1] ` + completeCommand + ` $words[2..-1] 2>/dev/null)
	if test (count $found) -eq 0
		__fish_complete_path (commandline -ct)
	else
		printf '%s\n' $found
	end
end
complete -c paxosgame -f -a '(__paxosgame_complete)'
`,
}

// A flagSpec is a flag as the shell completes it: its name, and what
// each of its values may be (the words, or nil for anything: a number, a
// file).
type flagSpec struct {
	name   string
	values [][]string
}

// specs are flags written as a usage writes them: "--strict",
// "--par-states N" (one value), "--format mermaid|svg" (one of those
// words), "--rule RULE off|on" (two values; RULE is a rule's name).
func specs(flags ...string) []flagSpec {
	var out []flagSpec
	for _, f := range flags {
		words := strings.Fields(f)
		spec := flagSpec{name: words[0]}
		for _, v := range words[1:] {
			spec.values = append(spec.values, valueWords(v))
		}
		out = append(out, spec)
	}
	return out
}

// valueWords is what a value written as v in a usage may be.
func valueWords(v string) []string {
	switch {
	case v == "RULE":
		var names []string
		for _, r := range paxos.AllRules() {
			names = append(names, r.String())
		}
		return names
	case strings.Contains(v, "|"):
		return strings.Split(v, "|")
	}
	return nil
}

// complete is paxosgame __complete WORD...: it prints what may stand in
// place of the last word.
func complete(s std, words []string) int {
	if len(words) == 0 {
		return 0
	}
	typed := words[len(words)-1]
	for _, w := range candidates(words[:len(words)-1], typed) {
		if strings.HasPrefix(w, typed) {
			fmt.Fprintln(s.out, w)
		}
	}
	return 0
}

// candidates are the words that may follow before (the words typed after
// paxosgame) where typed is being typed: a command, a flag's value, a
// flag (when typed starts with -), or an operand.
func candidates(before []string, typed string) []string {
	if len(before) == 0 {
		return append(commandNames(), "--help", "--version")
	}
	c := find(commands, before[0])
	before = before[1:]
	if c != nil && c.subs != nil {
		if len(before) == 0 {
			var names []string
			for _, sub := range c.subs {
				names = append(names, sub.name)
			}
			return names
		}
		c, before = find(c.subs, before[0]), before[1:]
	}
	if c == nil {
		return nil
	}
	// A value of a flag: the last flag typed, if its values run to here.
	for i := len(before) - 1; i >= 0; i-- {
		for _, f := range c.flags {
			if f.name == before[i] && len(before)-i <= len(f.values) {
				return f.values[len(before)-i-1]
			}
		}
	}
	if strings.HasPrefix(typed, "-") {
		return flagNames(c.flags)
	}
	if c.operands != nil {
		return c.operands()
	}
	return nil
}

// flagNames are the names of flags.
func flagNames(flags []flagSpec) []string {
	var names []string
	for _, f := range flags {
		names = append(names, f.name)
	}
	return names
}

// checkSpecs are check's flags for the shell.
func checkSpecs() []flagSpec {
	var out []flagSpec
	for _, f := range checkFlags {
		spec := flagSpec{name: f.name}
		for _, v := range f.values {
			spec.values = append(spec.values, valueWords(v))
		}
		out = append(out, spec)
	}
	return out
}

// goFlagSpecs are the flags of fs (package flag's) for the shell, as
// --name; --format's values are the export formats.
func goFlagSpecs(fs *flag.FlagSet) []flagSpec {
	var out []flagSpec
	fs.VisitAll(func(f *flag.Flag) {
		spec := flagSpec{name: "--" + f.Name}
		if len(f.Name) == 1 {
			spec.name = "-" + f.Name
		}
		if b, ok := f.Value.(interface{ IsBoolFlag() bool }); !ok || !b.IsBoolFlag() {
			var words []string
			if f.Name == "format" {
				words = append(slices.Clone(export.Formats), "exam")
			}
			spec.values = [][]string{words}
		}
		out = append(out, spec)
	})
	return out
}
