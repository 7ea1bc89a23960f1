package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Every command has a help: COMMAND -h and help COMMAND print it, exit 0.
func TestEveryCommandHasAHelp(t *testing.T) {
	for _, name := range commandNames() {
		status, out, errOut := cli(name, "-h")
		if status != 0 || !strings.Contains(out, "usage:") || errOut != "" {
			t.Errorf("paxosgame %s -h: status %d, %q %q", name, status, out, errOut)
		}
		if _, again, _ := cli("help", name); again != out {
			t.Errorf("paxosgame help %s is not paxosgame %s -h:\n%s", name, name, again)
		}
	}
	if status, _, errOut := cli("help", "fly"); status != 2 || !strings.Contains(errOut, `unknown command "fly"`) {
		t.Errorf("help fly: %d %q", status, errOut)
	}
}

func TestVersion(t *testing.T) {
	status, out, _ := cli("--version")
	if status != 0 || !strings.HasPrefix(out, "paxosgame ") || !strings.Contains(out, "go1.") {
		t.Errorf("--version: %d %q", status, out)
	}
}

// What the shell offers for the words typed so far.
func TestComplete(t *testing.T) {
	for _, tc := range []struct {
		words []string
		want  string // the lines, joined by spaces
	}{
		{[]string{"ex"}, "export"},
		{[]string{"lesson", "l"}, "list lint"},
		{[]string{"lesson", "play", "ro"}, "roles"},
		{[]string{"lesson", "play", "--w"}, "--watch"},
		{[]string{"lesson", "check", "whatif-same"}, "whatif-same-ballot-majority"},
		{[]string{"lesson", "lint", ""}, ""}, // a file: the shell's own completion
		{[]string{"run", ""}, ""},
		{[]string{"check", "--rule", "keep"}, "keep-promise"},
		{[]string{"check", "--rule", "keep-promise", ""}, "off on"},
		{[]string{"check", "--rule", "keep-promise", "off", "--sp"}, "--spec"},
		{[]string{"check", "--ballots", ""}, ""},
		{[]string{"check", "--fo"}, "--force --forever"},
		{[]string{"export", "--format", "s"}, "svg svg-dark"},
		{[]string{"export", "--sl"}, "--slide"},
		{[]string{"serve", "--li"}, "--line --listen"},
		{[]string{"completion", ""}, "bash zsh fish"},
		{[]string{"help", "se"}, "serve"},
		{[]string{"fly", ""}, ""},
	} {
		_, out, _ := cli(append([]string{completeCommand}, tc.words...)...)
		if got := strings.Join(strings.Fields(out), " "); got != tc.want {
			t.Errorf("%q: %q, want %q", tc.words, got, tc.want)
		}
	}
}

// Each flag the shell completes is one the command's help explains.
func TestCompletedFlagsAreInTheHelp(t *testing.T) {
	for _, c := range append(commands, lessonCommands...) {
		help := lessonUsage
		if c.help != nil {
			var b strings.Builder
			c.help(&b)
			help = b.String()
		}
		for _, f := range c.flags {
			name := f.name
			if c.name == "serve" || c.name == "export" {
				name = "-" + strings.TrimLeft(name, "-") // package flag's help writes -name
			}
			if !strings.Contains(help, name) {
				t.Errorf("%s: %s is not in its help", c.name, f.name)
			}
		}
	}
}

// The bash script hands the words typed to paxosgame __complete and
// offers what it prints.
func TestBashCompletionScript(t *testing.T) {
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("no bash here")
	}
	_, script, _ := cli("completion", "bash")
	file := filepath.Join(t.TempDir(), "complete.bash")
	if err := os.WriteFile(file, []byte(script), 0o644); err != nil {
		t.Fatal(err)
	}
	// fakepg stands for the program: it prints its arguments and two
	// words to offer.
	out, err := exec.Command(bash, "-c", `source "$1"
fakepg() { printf '%s|' "$@"; printf '\nunique ballots\n'; }
COMP_WORDS=(fakepg lesson play r); COMP_CWORD=3
_paxosgame
printf '%s\n' "${COMPREPLY[@]}"`, "bash", file).CombinedOutput()
	if err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if want := "__complete|lesson|play|r|\nunique ballots\n"; string(out) != want {
		t.Errorf("got %q, want %q", out, want)
	}
}
