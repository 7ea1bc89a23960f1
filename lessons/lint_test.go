package lessons

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"paxosgame/game"
	"paxosgame/paxos"
)

// Each broken lesson in testdata has its mistakes at known places; lint
// must name each one at its exact line and column, with its exact
// sentence, in file order, and nothing else: no mistake that only follows
// from another.
func TestLintFindsEachMistakeWhereItIs(t *testing.T) {
	const fence = "```"
	tests := []struct {
		file string
		want []string // every error, in order
	}{
		{"testdata/lint-mistakes.md", []string{
			`9:3: unknown command "proposee": did you mean propose?`,
			`17:1: this goal has no solution: add a ` + fence + `paxos solution block after it with the commands that reach it (lesson check plays it; its length is the par)`,
			`27:1: the solution (line 31) does not make this true (fix the solution or this line): expected chosen "2 EUR", but no value is chosen. A majority is 2 of 3 acceptors. Ballot 2, run by P2: promises from 0 of 3; no vote yet.`,
			`28:1: the solution (line 31) does not make this true (fix the solution or this line): expected L1 learned "2 EUR", but L1 has learned nothing. L1 is up. It has heard no vote yet.`,
			`51:3: playing this question gives the answer "5 EUR", which is not among its choices: add it as a choice (- "5 EUR") or change the commands`,
		}},
		// DESIGN §13: a start no run of Paxos reaches is refused at the set
		// line at fault, whether the setup acts or not.
		{"testdata/dishonest-start.md", []string{
			`7:1: the game refuses the start this setup makes: no run of Paxos reaches this start; add set A2 promised 12, ` +
				`since a vote in 12 needs a majority that promised 12 (the request to vote is sent out when there is a majority of promises), ` +
				`and A2 and A3 have not promised above 11: they can still vote in 11. Until then the rest of this scene is not checked`,
			`22:1: the game refuses the start this setup makes: no run of Paxos reaches this start; write set A1 voted 10 "x" instead, ` +
				`since A1 voted y in 10 while A2 and A3 voted x in 10, and the proposer of a ballot asks for votes for one value only. ` +
				`Until then the rest of this scene is not checked`,
			`41:1: the game refuses this command at this point of the lesson: put rule keep-promise on before the set lines: a start set up with keep-promise off stays so, ` +
				`since with the rule on no run of Paxos need reach it; fix it or the commands before it`,
		}},
		{"testdata/story-mistakes.md", []string{
			`10:1: one goes just after deliver: deliver one lets the student deliver messages one at a time, but not deliver all`,
			`11:1: deliver one is allowed at line 9: keep deliver one, which refuses deliver all, or deliver alone, which allows it`,
			`19:1: the allow block at line 8 has deliver one, so the student may not deliver all: deliver the messages one at a time in the solution, or allow deliver alone`,
			`27:1: this line holds before the student acts: P2 knows its value is decided when the goal begins, and expect ever counts that step: ask for something that does not hold yet`,
			`42:1: this goal can never be reached: 5 EUR is chosen when the goal begins, and expect never asks that this holds at no step since: ask for something that does not hold yet, or change the commands before the goal. Until then the rest of this scene is not checked`,
		}},
		{"testdata/play-mistakes.md", []string{
			`8:1: the game refuses this command at this point of the lesson: no message in flight matches 1b A3->P2 (in flight: #1 1a P2->A1, #2 1a P2->A2, #3 1a P2->A3); fix it or the commands before it. Until then the rest of this scene is not checked`,
			`19:1: this expect does not hold at this point of the lesson (fix it or the commands before it): expected P1 phase 2, but P1 is in phase 1, gathering promises. P1 is up. It runs ballot 1, phase 1: it asked every acceptor to promise, and has promises from 0 of 3; it needs 2. It would propose 1 EUR: no vote reported yet.`,
			`27:1: this goal already holds before the student acts: ask for something the student must change`,
			`50:1: the allow block at line 41 does not let the student use propose: allow it there or reach the goal without it`,
			`62:8: there is no A7: this cluster has A1 to A3; name a node the cluster has, or make the cluster bigger in this scene's setup block, such as config acceptors 7`,
			`80:1: the goal is already reached before this line, after 1 action: end the solution there, since its length is the par`,
		}},
		{"testdata/parse-mistakes.md", []string{
			`3:1: this hint does not follow a goal, and a hint belongs to the goal just above it: put it right after the ` + fence + `paxos goal block it is for`,
			`7:10: unknown block "shwo": did you mean show?`,
			`11:15: unknown option "hard": the only option of a goal is challenge, for a scored goal: remove it or write challenge`,
			`21:1: config is a setup command, so it cannot be in a show block: move it into the ` + fence + `paxos setup block of this scene, or start a new scene with a setup block of its own`,
			`25:1: a goal holds only expect lines, since the student takes the actions: move propose into a ` + fence + `paxos show block (played for the student) or the solution`,
			`26:20: expected a ballot number such as 17, found "zero"; for example: expect A1 promised 17, expect A1 promised nothing, expect A1 voted 10 "5 EUR", expect A1 voted nothing, expect A1 up, expect A1 crashed, expect A1 holds 3 or expect A1 holds nothing`,
			`29:1: this predict block asks nothing: make its first line the question, such as ? What value does P2 ask the acceptors to vote for?`,
			`31:11: "colour" is not something a question can ask of P1: ask for its phase, ballot, value or state, such as answer P1 value`,
			`35:9: "jump" is not an action: an allow block lists actions the student may take (propose, deliver, drop, duplicate, accept, crash, restart, hand, auto, promise, vote, refuse, ignore, learn), or all; deliver one allows delivering messages one at a time but not deliver all`,
			`46:1: this ` + fence + `paxos block does not say what it is: write ` + fence + `paxos followed by one of setup, show, goal, predict, do, hint, solution, allow`,
			`50:1: this ` + fence + `paxos show block is never closed: add a line ` + fence + ` after its last command`,
		}},
		// Questions that explain, and questions answered by doing (issue
		// 23), and a setup block that starts a new scene where its author
		// likely meant more of the scene before.
		{"testdata/question-mistakes.md", []string{
			`10:1: a > line explains the choice just above it: move it right under its choice (- ...)`,
			`15:1: expect-answer "12" is none of the choices: write the answer you expect as its choice is written (after the dash)`,
			`16:1: expect-answer says nothing: write after it the answer you expect, as its choice is written, such as expect-answer "5 EUR"`,
			`24:3: a choice of a do block is an action the student takes on the board, such as - refuse A1: expect is not one`,
			`25:1: a do block holds the question (? ...) and its choices (- ..., each an action the student takes, with > lines under it that explain it): play other commands in a show block before it`,
			`28:1: this do block asks nothing: make its first line the question, such as ? P2's prepare 17 reaches you, A1: what do you do? Decide on the board.`,
			`43:1: this choice does the same as the one at line 41, so the lesson cannot tell which the student took: keep one of them`,
			`61:1: after this choice the rest of the scene does not play (line 68: the game refuses this command at this point of the lesson: no message in flight matches 1b A1->P2 (in flight: #3 1a P2->A3, #4 1b A2->P2, #5 nack A1->P2); fix it or the commands before it): make it play whatever the student does, or start a new scene after the question with a setup block`,
			`63:3: the game refuses this choice at this point of the lesson: A1 holds no accept request to vote; it holds #1 1a P2→A1 (prepare 17: promise, refuse, ignore); a choice is an action the student can take here, so change it or the commands before it. Until then the rest of this scene is not checked`,
			`77:1: this setup block starts a new scene (a fresh game) between the goal at line 73 and its solution at line 81, which belongs to that goal: move the setup block below the goal's hints and solution`,
			`97:1: the game refuses this command at this point of the lesson: no message in flight matches 1a P2->A1 (no message is in flight); fix it or the commands before it (the setup block at line 92 starts a new scene: a fresh game set up by its own lines alone, not the game the scene before it left, which no setup line can change once it has begun)`,
		}},
		{"testdata/no-title.md", []string{
			`1:1: a lesson starts with its title, and this line comes before any: make the first line a heading such as # Promises carry votes`,
		}},
		// Every other mistake a lesson can have when it is read, each once:
		// an empty goal does not also hold from the start, an empty allow
		// block does not also limit nothing.
		{"testdata/more-mistakes.md", []string{
			`3:16: unknown option "hard": this block takes no options: remove it`,
			`7:1: this show block is empty: put in it the commands to play, one per line, or remove it`,
			`10:1: this goal has no expect lines: say what the student must make true, such as expect chosen "5 EUR"`,
			`13:1: this solution is empty: put in it the commands that reach the goal`,
			`16:1: this hint block is empty: write the hint in it as prose`,
			`19:1: the goal above already has a solution (line 13): a goal has one solution, so remove one of them`,
			`23:1: this allow block is empty: list the actions the student may take, such as deliver drop`,
			`26:1: no goal comes between this allow block and the next one (line 84), so this one limits nothing: remove one of them`,
			`32:1: a predict block asks one question, on its first line: remove this one or make it a new predict block`,
			`33:1: this choice is empty: write it after the dash, such as - "5 EUR"`,
			`34:1: a value in this choice has no closing double quote ("): write it such as - "5 EUR"`,
			`36:1: this choice is offered twice (first at line 35): remove one of them`,
			`38:1: choices come before the commands to play: move this choice up, under the question`,
			`40:1: the answer line must be the last line of a predict block: move this line above it`,
			`43:1: a question needs at least two choices: add lines such as - "5 EUR" under the question`,
			`46:7: say what answers the question after answer: chosen, agreement, in-flight, or a node and what of it, such as answer P2 value`,
			`53:1: config is a setup command, so it cannot be in a predict block: move it into the ` + fence + `paxos setup block of this scene, or start a new scene with a setup block of its own`,
			`54:10: say what of P2 answers the question: phase, ballot, value or state`,
			`61:8: "chosn" is not something a question can ask about: did you mean chosen?`,
			`68:15: the answer line ends before this word: remove it (the choices give the last word, such as - 17)`,
			`75:1: unknown command "What": each line of a predict block is the question (? ...), a choice (- ...), a command of the game (propose, deliver, drop, duplicate, accept, crash, restart, hand, auto, promise, vote, refuse, ignore, learn, expect) or, last, the answer line (answer ...)`,
			`79:15: this value has no closing double quote ("): add one at the end of the value, such as "5 EUR"`,
			`80:12: expected the sender and receiver such as A1->P2, found "P2-A1"; for example: deliver #12, deliver 1b A1->P2 or deliver all`,
			`81:23: expected the end of the propose command, found "now"; for example: propose P2 17 "5 EUR" (the ballot and the value may be left out)`,
			`84:1: no goal comes after this allow block, so it limits nothing: move it above the goal it is for, or remove it`,
		}},
		// The docs' example lesson without the line that closes its solution:
		// the prose after it is not read as commands.
		{"testdata/unclosed-at-end.md", []string{
			`45:1: this ` + fence + `paxos solution block is never closed: add a line ` + fence + ` after its last command`,
		}},
		// A show block left open runs into prose and the next block: only
		// the open block is reported, the blocks after it are read as
		// written (and their own mistakes reported), and the scene it
		// belongs to is not played.
		{"testdata/unclosed-in-middle.md", []string{
			`9:1: this ` + fence + `paxos show block is never closed: add a line ` + fence + ` after its last command`,
			`27:1: unknown command "proposee": did you mean propose?`,
		}},
		// A typo of a command, a block's kind, a rule, a mode, what an
		// expect checks, what answers a question, an action, an option:
		// lint says what was likely meant. A word near nothing known gets
		// the list of what may be written there.
		{"testdata/typos.md", []string{
			`5:6: expected a rule (unique-ballots, promise-reports-vote, adopt-highest-vote, keep-promise, majority-quorum, durable-acceptors, same-ballot-majority), found "keep-promis": did you mean keep-promise?`,
			`6:6: expected a mode (auto, manual), found "manul": did you mean manual?`,
			`10:1: unknown command "propse": did you mean propose?`,
			`11:1: unknown command "delivr": did you mean deliver?`,
			`12:11: expected what to check of A1 (promised, voted, up, crashed, holds), found "promsied": did you mean promised?`,
			`13:8: expected what to check: chosen, nothing-chosen, agreement, violation, in-flight N, or a node such as A1, found "chosn": did you mean chosen?`,
			`14:8: expected what to check: chosen, nothing-chosen, agreement, violation, in-flight N, or a node such as A1, found "in-fligth": did you mean in-flight?`,
			`15:1: unknown command "jump": each line of a paxos block is one command of the game (propose, deliver, drop, duplicate, accept, crash, restart, hand, auto, promise, vote, refuse, ignore, learn, expect; in a setup block also config, rule, policy, mode, set)`,
			`22:1: unknown command "answr": did you mean answer?`, // and not that the block has no answer line
			`29:11: "balot" is not something a question can ask of P2: did you mean ballot?`,
			`33:1: "delivr" is not an action: did you mean deliver?`,
			`36:10: unknown block "gaol": did you mean goal?`,
			`40:15: unknown option "chalenge": did you mean challenge?`,
			`49:1: "answer" starts a line of a question: a question, its choices and its answer line go in a ` + fence + `paxos predict block`,
		}},
		// A node the cluster does not have, wherever it is named: the
		// game's sentence, at the node.
		{"testdata/no-such-node.md", []string{
			`10:16: there is no A9: this cluster has A1 to A3; name a node the cluster has, or make the cluster bigger in this scene's setup block, such as config acceptors 9`,
			`20:8: there is no A5: this cluster has A1 to A3; name a node the cluster has, or make the cluster bigger in this scene's setup block, such as config acceptors 5`,
			`24:8: there is no L3: this cluster has L1 and L2; name a node the cluster has, or make the cluster bigger in this scene's setup block, such as config learners 3. Until then the rest of this scene is not checked`,
			`42:8: there is no L1: this cluster has no learners; name a node the cluster has, or make the cluster bigger in this scene's setup block, such as config learners 1`,
			`46:5: there is no P7: this cluster has P1 to P5; name a node the cluster has, or make the cluster bigger in this scene's setup block, such as config proposers 7`,
		}},
		// A block of unknown kind: not the allow block before it, nor the
		// hint and solution after it; a goal that holds from the start: not
		// its solution; a setup the game refuses: not the goal after it; a
		// block of unknown kind after a goal (its hint or its solution?):
		// not the goal.
		{"testdata/cascades.md", []string{
			`13:10: unknown block "gaol": did you mean goal?`,
			`35:1: this goal already holds before the student acts: ask for something the student must change`,
			`48:1: the game refuses this command at this point of the lesson: config must come before set: changing the cluster would forget the state set so far; fix it or the commands before it. Until then the rest of this scene is not checked`,
			`69:10: unknown block "hnit": did you mean hint?`,
			`85:10: unknown block "solutoin": did you mean solution?`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			src, err := os.ReadFile(tt.file)
			if err != nil {
				t.Fatal(err)
			}
			err = Lint(tt.file, string(src))
			errs, ok := err.(game.Errors)
			if !ok {
				t.Fatalf("Lint = %v, want game.Errors", err)
			}
			for i := range max(len(errs), len(tt.want)) {
				want := tt.file + ":" + tt.want[min(i, len(tt.want)-1)]
				switch {
				case i >= len(errs):
					t.Errorf("missing error %d: %s", i+1, want)
				case i >= len(tt.want):
					t.Errorf("unexpected error: %v", errs[i])
				case errs[i].Error() != want:
					t.Errorf("error %d\n got: %v\nwant: %s", i+1, errs[i], want)
				}
			}
		})
	}
}

// A block left open at the end of a file swallows nothing silently: an
// open block of another language is reported too, and a lone fence line
// (the closing line of a block whose opening line is gone) says so. An
// empty file says how a lesson starts.
func TestLintWholeFileMistakes(t *testing.T) {
	for _, tt := range []struct{ src, want string }{
		{"\n  \n", "t.md:1:1: this lesson is empty: start it with a title such as # Promises carry votes"},
		// A title and nothing else has no step to play: said at the end of
		// the title, as the end of a line is where the game's parser says
		// what is missing.
		{"#0\n", "t.md:1:3: this lesson has only its title: write after it what the student reads, and ```paxos blocks to play"},
		{"#0", "t.md:1:3: this lesson has only its title: write after it what the student reads, and ```paxos blocks to play"},
		{"\n# Only a title  \n\n\n", "t.md:2:15: this lesson has only its title: write after it what the student reads, and ```paxos blocks to play"},
		{"# T\n\nSome code:\n\n  ```text\npropose P1\n", "t.md:5:3: this ```text block is never closed: add a line ``` after its last line"},
		{"# T\n\npropose P1\n```\n\n```paxos show\npropose P1\n```\n",
			"t.md:4:1: this line ``` opens a code block that is never closed: if it was meant to close a ```paxos block, " +
				"that block's opening line (```paxos and its kind) is missing above; otherwise add a line ``` where the code ends"},
	} {
		if err := Lint("t.md", tt.src); err == nil || err.Error() != tt.want {
			t.Errorf("%q:\n got: %v\nwant: %s", tt.src, err, tt.want)
		}
	}
}

// Every message says how to fix the mistake, not only what is wrong: a
// sentence after a colon or a semicolon.
func TestLintMessagesSayHowToFix(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.md")
	for _, f := range files {
		src, _ := os.ReadFile(f)
		errs, _ := Lint(f, string(src)).(game.Errors)
		for _, e := range errs {
			if !strings.ContainsAny(e.Msg, ":;") {
				t.Errorf("%v: says nothing of how to fix it", e)
			}
		}
	}
}

func TestExampleLessonIsClean(t *testing.T) {
	src, err := os.ReadFile("testdata/example.md")
	if err != nil {
		t.Fatal(err)
	}
	if err := Lint("testdata/example.md", string(src)); err != nil {
		t.Fatalf("the example lesson of docs/writing-lessons.md has mistakes:\n%v", err)
	}
}

// The forms lint shows for a command it cannot read are commands the game
// reads, each of the verb it is shown for.
func TestCommandFormsParse(t *testing.T) {
	forms := map[string]string{}
	for v := game.VConfig; v <= game.VExpect; v++ {
		forms[v.String()] = commandForm(v)
	}
	for _, id := range []paxos.NodeID{paxos.A(1), paxos.P(1), paxos.L(1)} {
		forms["expect "+id.String()] = expectForms(id)
	}
	for key, form := range forms {
		form, _, _ = strings.Cut(form, " (") // (the ballot and the value may be left out)
		form = strings.NewReplacer(", or what a node is, such as ", ", ", " or ", ", ").Replace(form)
		for _, line := range strings.Split(form, ", ") {
			c, ok, err := game.ParseLine(line)
			if err != nil || !ok || c.Verb.String() != strings.Fields(key)[0] {
				t.Errorf("%s: %q is not a %s command: %v", key, line, strings.Fields(key)[0], err)
			}
		}
	}
}

// Issue 23, "a lint that warns": a lesson that plays, but likely not as
// its author meant, gets a warning of each such thing at its line and
// column (the command's exit: cli's TestLintWarnsAndExits).
func TestLintWarnsOfEachWhereItIs(t *testing.T) {
	const file = "testdata/warnings.md"
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	r, err := LintWithin(file, string(src), DefaultParBudget())
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		`3:1: the text says "You play A2", but no hand A2 line in this scene has it played by hand: add hand A2 to the scene's setup block (or to a show block before this page)`,
		`10:1: deliver all alone meets this goal, yet the page says "one message at a time": put above it an allow block with deliver one, which refuses deliver all, or ask a question first`,
		`28:1: deliver all alone meets this goal, yet its allow block lists promise/vote (an acceptor's decisions): add deliver one to the allow block above it, which refuses deliver all, or ask a question first`,
		`38:1: this choice reads "17", which says too little on its own: give it words after a #, such as - 17   # ballot 17`,
		`41:1: you expect the answer ballot 22, but playing the question gives 17: the lesson computes its answer from the commands, so change them, or this line if it was the mistake`,
		`56:1: this choice has no explanation: under it, write in lines that start with > what the lesson says to a student who does it`,
	}
	var got []string
	for _, w := range r.Warns {
		got = append(got, strings.TrimPrefix(w.Error(), file+":"))
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

}

// The question answered by doing of docs/writing-lessons.md is testdata/do.md's.
func TestDocsDoQuestion(t *testing.T) {
	readme, err := os.ReadFile("../docs/writing-lessons.md")
	if err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile("testdata/do.md")
	if err != nil {
		t.Fatal(err)
	}
	start := strings.Index(string(src), "```paxos do")
	end := start + strings.Index(string(src)[start+3:], "```") + 6
	if start < 0 || !strings.Contains(string(readme), string(src)[start:end]) {
		t.Errorf("docs/writing-lessons.md does not show testdata/do.md's question:\n%s", string(src)[start:end])
	}
}

// Lint parses and checks a lesson file; it returns every mistake (as
// game.Errors), or nil.
//
// Lint also proves each challenge's par the fewest commands that reach its
// goal: it searches every shorter run a student could type (searchPar),
// and reports the par, at the solution, with the shorter run it found.
func Lint(file, src string) error {
	_, err := LintWithin(file, src, DefaultParBudget())
	return err
}
