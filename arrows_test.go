package main

import (
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// The arrows that must never be (DESIGN §9: arrows point down only): a
// package that imports one above it, even through another, would tie the
// layers together. go list -deps gives every package each one needs.
var neverArrows = []struct {
	from  string
	never []string // the packages from must not need; "*" is any of ours
	why   string
}{
	{"paxos", []string{"*"}, "the roles are pure: they import nothing of ours"},
	{"game", []string{"ui", "lessons", "table", "narrate"}, "the engine knows no screen, lesson, table or narrator"},
	{"lessons", []string{"ui"}, "lessons are a library the screens use"},
	{"export", []string{"ui"}, "export draws a cast through the Screen it is given"},
	{"*", []string{"cli"}, "the command line is on top: only main calls it"},
}

func TestNoArrowRunsUp(t *testing.T) {
	out, err := exec.Command("go", "list", "-f", `{{.ImportPath}}:{{join .Deps " "}}`, "./...").Output()
	if err != nil {
		t.Skipf("go list: %v", err) // no go tool beside the test: nothing to read
	}
	const module = "paxosgame/"
	deps := map[string][]string{} // our package, without the module: ours it needs
	for line := range strings.Lines(strings.TrimSpace(string(out))) {
		pkg, all, _ := strings.Cut(strings.TrimSpace(line), ":")
		name := strings.TrimPrefix(pkg, module)
		if pkg == "paxosgame" {
			name = "main"
		}
		deps[name] = nil
		for _, d := range strings.Fields(all) {
			if strings.HasPrefix(d, module) {
				deps[name] = append(deps[name], strings.TrimPrefix(d, module))
			}
		}
	}
	if len(deps["cli"]) == 0 || !slices.Contains(deps["main"], "cli") {
		t.Fatalf("go list did not list the packages:\n%s", out)
	}
	for _, a := range neverArrows {
		for pkg, needs := range deps {
			if a.from != "*" && pkg != a.from && !strings.HasPrefix(pkg, a.from+"/") {
				continue
			}
			if a.from == "*" && pkg == "main" {
				continue
			}
			for _, d := range needs {
				if slices.Contains(a.never, "*") || slices.Contains(a.never, d) || slices.ContainsFunc(a.never, func(n string) bool { return strings.HasPrefix(d, n+"/") }) {
					t.Errorf("%s needs %s: %s", pkg, d, a.why)
				}
			}
		}
	}
}
