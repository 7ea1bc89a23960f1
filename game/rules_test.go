package game

import (
	"path/filepath"
	"strings"
	"testing"

	"paxosgame/paxos"
)

// "Each rule is on by default; switching one off makes the protocol
// unsafe, and the game must be able to show a run where Agreement fails"
// (DESIGN §3): for every rule, rule-X-off.paxos ends in a violation and
// rule-X-on.paxos, the same run with the rule on, keeps agreement.
func TestEveryRuleHasAViolationScriptAndItsSafeTwin(t *testing.T) {
	for _, r := range paxos.AllRules() {
		for _, on := range []bool{false, true} {
			path := filepath.Join("testdata", "rule-"+r.String()+"-"+onOff(on)+".paxos")
			src := readFile(t, path)
			if !strings.Contains(src, "\nrule "+r.String()+" "+onOff(on)+"\n") {
				t.Errorf("%s does not say `rule %s %s`", path, r, onOff(on))
			}
			cmds, err := Parse(path, src)
			if err != nil {
				t.Fatal(err)
			}
			g, err := Load(path, cmds)
			if err != nil {
				t.Fatal(err)
			}
			w := g.World()
			if w.Cfg.Rules.On(r) != on {
				t.Errorf("%s: rule %s is %s at the end", path, r, onOff(w.Cfg.Rules.On(r)))
			}
			for _, other := range paxos.AllRules() {
				if other != r && !w.Cfg.Rules.On(other) {
					t.Errorf("%s: rule %s is off too; a pair must differ in one rule only", path, other)
				}
			}
			if w.Obs.Agreement() == !on {
				t.Errorf("%s: agreement %v at the end, want %v", path, w.Obs.Agreement(), on)
			}
			want := "\nexpect violation\n"
			if on {
				want = "\nexpect agreement\n"
			}
			if !strings.Contains(src, want) {
				t.Errorf("%s does not check %q", path, strings.TrimSpace(want))
			}
		}
	}
}
