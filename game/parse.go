package game

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"paxosgame/internal/words"
	"paxosgame/paxos"
)

// Error is a problem with a line of a script: where it is, what kind of
// problem it is and, for a word that is not what may stand there, what
// was expected and what was found. Line and Col count from 1; Col 0 means
// the whole line. Msg is the whole sentence, built from these fields by
// the parser; whoever reports the error may add to it.
type Error struct {
	File      string
	Line, Col int
	Kind      ErrorKind
	Expected  string   // what may stand at Col, in words: "a proposer such as P2", "a rule (unique-ballots, ...)"
	Choices   []string // the words that may stand at Col, when they can be listed: the commands, the rules...
	Found     string   // the word found at Col, without its quotes; "" when AtEnd
	AtEnd     bool     // the line ends at Col: nothing was found
	Suggest   string   // what the word found likely means, when the game can tell (A1 for a1); "" otherwise
	Msg       string
	Err       error // the error this one reports, if any: the *Refusal of a command Load replayed
}

// ErrorKind is what kind of problem an Error is.
type ErrorKind uint8

const (
	OtherError    ErrorKind = iota // not a problem of the language: a mistake of a lesson, say; Msg says what
	Unexpected                     // a word that is not what may stand there: "expected ..., found ..."
	UnknownVerb                    // the first word of a line is no command (Choices are the verbs)
	OutOfRange                     // a number out of its range: ballot 0, config proposers 10
	UnclosedQuote                  // a value with no closing double quote
	BadEscape                      // a backslash in a value that starts no escape the language has
	Refused                        // a command the game refused when a script was loaded: Err is the *Refusal
)

// Unwrap is the error this one reports, so that errors.As finds the
// refusal inside a Load error.
func (e *Error) Unwrap() error { return e.Err }

func (e *Error) Error() string {
	var b strings.Builder
	if e.File != "" {
		b.WriteString(Printable(e.File)) // a file's name may hold anything
		b.WriteByte(':')
	}
	if e.Line > 0 {
		b.WriteString(strconv.Itoa(e.Line))
		b.WriteByte(':')
		if e.Col > 0 {
			b.WriteString(strconv.Itoa(e.Col))
			b.WriteByte(':')
		}
	}
	if b.Len() > 0 {
		b.WriteByte(' ')
	}
	b.WriteString(e.Msg)
	return b.String()
}

// Errors is every problem found in one script.
type Errors []*Error

func (es Errors) Error() string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// Parse reads a whole script. It returns every command, and every error as
// Errors (nil when there is none), each naming file, line and column. A
// UTF-8 byte order mark at its start, which some editors write, is
// skipped: columns count from after it, as the editor shows the line.
//
// What Parse holds is bounded whatever the script: it stops at the first
// command past the limits (MaxSteps actions, MaxOthers other commands),
// and after maxErrors errors, saying so in its last error.
func Parse(file, src string) ([]Command, error) {
	src = strings.TrimPrefix(src, ByteOrderMark)
	var cmds []Command
	var errs Errors
	steps, others := 0, 0
	for n := 1; src != ""; n++ {
		line := src
		if i := strings.IndexByte(src, '\n'); i >= 0 {
			line, src = src[:i], src[i+1:]
		} else {
			src = ""
		}
		cmd, ok, err := ParseLine(line)
		if err != nil {
			err.File, err.Line = file, n
			errs = append(errs, err)
			if len(errs) == maxErrors && src != "" {
				errs = append(errs, &Error{File: file, Line: n, Kind: OtherError,
					Msg: fmt.Sprintf("%d errors: the rest of the script is not read", maxErrors)})
				break
			}
			continue
		}
		if !ok {
			continue
		}
		if cmd.Verb.Action() {
			steps++
		} else {
			others++
		}
		if steps > MaxSteps || others > MaxOthers {
			errs = append(errs, tooLong(file, n, steps > MaxSteps))
			break
		}
		cmd.Line = n
		cmds = append(cmds, cmd)
	}
	if errs != nil {
		return cmds, errs
	}
	return cmds, nil
}

// The limits of a script, so that replaying one takes bounded memory and
// time (under 1 GB and a few seconds for the longest; issue 18): far more
// than a person plays or writes. A game holds at most MaxSteps steps too
// (Game.Exec), so that every game can be saved and read back.
const (
	MaxSteps  = 100_000 // actions: propose, deliver, ...
	MaxOthers = 100_000 // the other commands: setup and expect lines
	maxErrors = 100     // errors Parse reports before it stops reading
)

// tooLong is the error of the first command past a script's limits.
func tooLong(file string, line int, steps bool) *Error {
	msg := fmt.Sprintf("a script may have at most %s steps (actions such as propose and deliver): this is one more", words.Thousands(MaxSteps))
	if !steps {
		msg = fmt.Sprintf("a script may have at most %s commands besides its steps (setup and expect lines): this is one more", words.Thousands(MaxOthers))
	}
	return &Error{File: file, Line: line, Kind: OutOfRange, Msg: msg + "; the rest of the script is not read"}
}

// thousands writes n with commas between its thousands: 100,000.
// ByteOrderMark is the UTF-8 byte order mark, which a script or lesson
// may start with and is then skipped.
const ByteOrderMark = "\ufeff"

// ParseLine reads one line. ok is false for a blank or comment line. The
// error, if any, has its column set and its line left 0 for the caller.
func ParseLine(line string) (cmd Command, ok bool, err *Error) {
	toks, end, err := tokenize(strings.TrimRight(line, "\r"))
	if err != nil {
		return Command{}, false, err
	}
	if len(toks) == 0 {
		return Command{}, false, nil
	}
	p := &parser{toks: toks, end: end}
	cmd, err = p.command()
	if err != nil {
		return Command{}, false, err
	}
	cmd.Col = toks[0].col
	return cmd, true, nil
}

type token struct {
	text   string
	quoted bool
	col    int
	raw    string // the token as written, quotes and escapes and all
}

// column is the column of the byte at offset i of the token's text: where
// the character it starts is written, raw or as an escape.
func (t token) column(i int) int {
	if !t.quoted || t.raw == "" { // a word, or a form's field: no escapes
		return t.col + utf8.RuneCountInString(t.text[:i])
	}
	col, n := t.col+1, 0 // n: the bytes of text before col
	for s := t.raw[1:]; s != ""; {
		size, width, bytes := 0, 1, 0 // written, in columns, and read, in bytes
		if s[0] != '\\' {
			_, size = utf8.DecodeRuneInString(s)
			bytes = size
		} else {
			v, multibyte, tail, _ := strconv.UnquoteChar(s, '"')
			size, width, bytes = len(s)-len(tail), len(s)-len(tail), 1
			if v >= utf8.RuneSelf && multibyte {
				bytes = utf8.RuneLen(v)
			}
		}
		if n+bytes > i {
			return col
		}
		s, n, col = s[size:], n+bytes, col+width
	}
	return col
}

// tokenize splits a line into words and double-quoted strings; # starts a
// comment unless a digit follows it (#12 is a message id). Inside double
// quotes a backslash starts an escape as in Go (\" for a quote, \\ for a
// backslash, \t, \u20ac ...), so that whatever Quote writes reads back
// the same. end is the column just past the last token's text: the end of
// the line, or where its comment starts. Columns count characters; a byte
// that is not UTF-8 counts as one. A comment must keep the printable rule
// as the rest of the line does (it is saved and exported with the script).
func tokenize(line string) (toks []token, end int, err *Error) {
	col := 1 // the column of line[i]
	// next is the character at i and its size in bytes.
	next := func(i int) (rune, int) { return utf8.DecodeRuneInString(line[i:]) }
	for i := 0; i < len(line); {
		r, _ := next(i)
		switch {
		case r == ' ' || r == '\t':
			i, col = i+1, col+1
		case r == '#' && (i+1 >= len(line) || line[i+1] < '0' || line[i+1] > '9'):
			if f, bad := FirstFlawInText(line[i+1:]); bad {
				return nil, 0, &Error{Kind: OtherError, Col: col + 1 + utf8.RuneCountInString(line[i+1:i+1+f.At]),
					Msg: "a comment is printable text too: " + f.Sentence("a comment")}
			}
			return toks, col, nil
		case r == '"':
			start := col
			var b strings.Builder
			i, col = i+1, col+1
			from := i - 1
			for i < len(line) && line[i] != '"' {
				if line[i] != '\\' {
					_, size := next(i)
					b.WriteString(line[i : i+size])
					i, col = i+size, col+1
					continue
				}
				v, multibyte, tail, err := strconv.UnquoteChar(line[i:], '"')
				if err != nil {
					return nil, 0, &Error{Col: col, Kind: BadEscape, Msg: `this escape is not one a value may use: write \" for a double quote and \\ for a backslash`}
				}
				if v < utf8.RuneSelf || !multibyte {
					b.WriteByte(byte(v))
				} else {
					b.WriteRune(v)
				}
				n := len(line) - i - len(tail) // the escape's bytes, all ASCII
				i, col = i+n, col+n
			}
			if i >= len(line) {
				return nil, 0, &Error{Col: start, Kind: UnclosedQuote, Msg: `this value has no closing double quote (")`}
			}
			i, col = i+1, col+1
			toks = append(toks, token{text: b.String(), quoted: true, col: start, raw: line[from:i]})
		default:
			start, startCol := i, col
			for i < len(line) && line[i] != ' ' && line[i] != '\t' && line[i] != '"' {
				_, size := next(i)
				i, col = i+size, col+1
			}
			toks = append(toks, token{text: line[start:i], col: startCol, raw: line[start:i]})
		}
	}
	return toks, col, nil
}

type parser struct {
	toks []token
	pos  int
	end  int // the column just past the line, for "missing" errors
}

func (p *parser) more() bool { return p.pos < len(p.toks) }

func (p *parser) peek() token {
	if p.more() {
		return p.toks[p.pos]
	}
	return token{col: p.end}
}

func (p *parser) next() token {
	t := p.peek()
	p.pos++
	return t
}

// unexpected reports that token t is not what may stand there: expected,
// in words, or one of choices when they can be listed.
// When the word found is a likely typo of one of choices, the error says
// which (DidYouMean): "did you mean deliver?".
func unexpected(t token, expected string, choices ...string) *Error {
	e := &Error{Kind: Unexpected, Col: t.col, Expected: expected, Choices: choices, Found: t.text, AtEnd: t.text == "" && !t.quoted}
	e.Suggest = DidYouMean(t.text, choices)
	e.Msg = e.expectedFound()
	return e
}

// suggesting adds to e what the word found likely means.
func (e *Error) suggesting(word string) *Error {
	e.Suggest = word
	e.Msg = e.expectedFound()
	return e
}

// expectedFound is the sentence of an Unexpected or UnknownVerb error:
// "expected a mode (auto, manual), found "fast"", and what the word
// likely means when the game can tell.
func (e *Error) expectedFound() string {
	found := "the end of the line"
	if !e.AtEnd {
		found = Excerpt(e.Found)
	}
	msg := "expected " + e.Expected + ", found " + found
	if e.Suggest != "" {
		msg += ": did you mean " + e.Suggest + "?"
	}
	return msg
}

// outOfRange reports that the number of token t is out of its range.
func outOfRange(t token, expected, format string, args ...any) *Error {
	return &Error{Kind: OutOfRange, Col: t.col, Expected: expected, Found: t.text, Msg: fmt.Sprintf(format, args...)}
}

func (p *parser) done(cmd Command) (Command, *Error) {
	if p.more() {
		return Command{}, unexpected(p.peek(), "the end of the "+cmd.Verb.String()+" command")
	}
	return cmd, nil
}

func (p *parser) word(what string, choices ...string) (string, *Error) {
	t := p.next()
	if !t.quoted {
		for _, c := range choices {
			if t.text == c {
				return c, nil
			}
		}
	}
	return "", unexpected(t, what+" ("+strings.Join(choices, ", ")+")", choices...)
}

func (p *parser) number(what string) (int, *Error) {
	t := p.next()
	if t.quoted {
		return 0, unexpected(t, what)
	}
	return readNumber(t, what)
}

// readNumber reads the number token t writes, as the language writes
// numbers and String prints them: digits only, with no sign and no
// leading zero. Every number of the language is read by it: ballots,
// counts, the sizes of a cluster, message ids. A number too big for an
// int is refused as OutOfRange, never read as a smaller one.
func readNumber(t token, what string) (int, *Error) {
	s := t.text
	switch {
	case s == "":
		return 0, unexpected(t, what)
	case s[0] == '+' || s[0] == '-':
		e := unexpected(t, what)
		e.Msg = "a number is written with digits only, with no sign: " + e.Msg
		return 0, e
	case !isDigits(s):
		i := strings.IndexFunc(s, func(r rune) bool { return r < '0' || r > '9' })
		if i > 0 {
			// Digits, then something else: say where the number goes wrong.
			e := unexpected(t, what)
			e.Col = t.col + utf8.RuneCountInString(s[:i])
			r, size := utf8.DecodeRuneInString(s[i:])
			what := strconv.QuoteRune(r)
			if r == utf8.RuneError && size == 1 {
				what = "'" + escapeBytes(s[i:i+1]) + "'"
			}
			e.Msg = fmt.Sprintf("a number is written with digits only: %s is not a digit (in %s)", what, Excerpt(s))
			return 0, e
		}
		return 0, unexpected(t, what)
	case len(s) > 1 && s[0] == '0':
		// No Suggest: the number written right may still be out of range.
		e := unexpected(t, what)
		e.Msg = fmt.Sprintf("a number is written with no leading zero: write %s, not %s", Clipped(cmp.Or(strings.TrimLeft(s, "0"), "0")), Clipped(s))
		return 0, e
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0, outOfRange(t, what, "%s is too high: expected %s", Clipped(s), what)
	}
	return n, nil
}

func (p *parser) ballot() (paxos.Ballot, *Error) {
	const what = "a ballot number such as 17"
	t := p.peek()
	n, err := p.number(what)
	if err != nil && err.Kind == OutOfRange {
		n, err = math.MaxInt, nil // too high for an int: said as for any ballot too high
	}
	if err == nil && n == 0 {
		return 0, outOfRange(t, what, "ballots are positive numbers; 0 is not a ballot")
	}
	if err == nil && paxos.Ballot(n) > paxos.MaxBallot {
		return 0, outOfRange(t, what, "ballots go up to %d; %s is too high", paxos.MaxBallot, Clipped(t.text))
	}
	return paxos.Ballot(n), err
}

func (p *parser) value() (paxos.Value, *Error) {
	t := p.next()
	const what = `a value such as "5 EUR"`
	if t.text == "" && !t.quoted {
		return "", unexpected(t, what)
	}
	if t.text == "" {
		return "", &Error{Kind: Unexpected, Col: t.col, Expected: what, Msg: `a value may not be empty: write some printable text between the quotes, such as "5 EUR"`}
	}
	if f, bad := FirstFlaw(t.text); bad {
		msg := "a value is printable text: " + f.Sentence("a value")
		if !strings.HasPrefix(f.What, `"`) {
			msg += ", raw or as an escape"
		}
		return "", &Error{Kind: Unexpected, Col: t.column(f.At), Expected: what, Found: t.text, Msg: msg}
	}
	if n := utf8.RuneCountInString(t.text); n > MaxValue {
		return "", &Error{Kind: OutOfRange, Col: t.col, Expected: what, Found: t.text,
			Msg: fmt.Sprintf("a value may have at most %d characters; this one has %d", MaxValue, n)}
	}
	return paxos.Value(t.text), nil
}

// MaxValue is the most characters (code points) a value may have: a
// price or a short phrase, as the course's values are, that fits the
// screen and a diagram's arrow with room to spare.
const MaxValue = 200

// ParseBallot and ParseValue read a ballot and a value typed in a field of
// a form, by the parser's own rules: the form builds a command as a value,
// and what the player typed is checked as the language would check it.
// The error's column counts from the start of the field.
func ParseBallot(s string) (paxos.Ballot, *Error) {
	p := parser{toks: []token{{text: s, col: 1}}, end: utf8.RuneCountInString(s) + 1}
	return p.ballot()
}

func ParseValue(s string) (paxos.Value, *Error) {
	p := parser{toks: []token{{text: s, quoted: true, col: 1}}, end: utf8.RuneCountInString(s) + 1}
	return p.value()
}

// maxNode is the highest number a node has in the largest cluster.
const maxNode = max(paxos.MaxProposers, paxos.MaxAcceptors, paxos.MaxLearners)

var roleOfLetter = map[byte]paxos.Role{'P': paxos.RoleProposer, 'A': paxos.RoleAcceptor, 'L': paxos.RoleLearner}

// ParseNode reads a node as the language writes it, and as String prints
// it: the letter of its role (P, A or L) and its number, from 1, with no
// sign and no leading zero. A word that is not one is refused with an
// error that says what the word likely means, when it is a node written
// otherwise: a1, P01 or A+1.
func ParseNode(s string) (paxos.NodeID, *Error) {
	if id, ok := readNode(s); ok {
		return id, nil
	}
	e := unexpected(token{text: s}, "a node such as A1")
	if id, ok := likelyNode(s); ok {
		e.suggesting(id.String())
	}
	return paxos.NodeID{}, e
}

// readNode reads a node written exactly as the language writes it.
func readNode(s string) (paxos.NodeID, bool) {
	if len(s) < 2 || s[1] == '0' || !isDigits(s[1:]) {
		return paxos.NodeID{}, false
	}
	r, ok := roleOfLetter[s[0]]
	n, err := strconv.Atoi(s[1:])
	if !ok || err != nil || n > maxNode {
		return paxos.NodeID{}, false
	}
	return paxos.NodeID{Role: r, N: n}, true
}

// likelyNode is the node s likely means when it is a node written with
// its letter in lower case, a plus sign or leading zeros (a1, A+1, A01).
func likelyNode(s string) (paxos.NodeID, bool) {
	if s == "" {
		return paxos.NodeID{}, false
	}
	letter := s[0]
	if 'a' <= letter && letter <= 'z' {
		letter -= 'a' - 'A'
	}
	return readNode(string(letter) + strings.TrimLeft(strings.TrimPrefix(s[1:], "+"), "0"))
}

var roleWords = map[paxos.Role]string{
	paxos.RoleProposer: "a proposer such as P2",
	paxos.RoleAcceptor: "an acceptor such as A1",
	paxos.RoleLearner:  "a learner such as L1",
}

// node reads a node of one of the given roles.
func (p *parser) node(roles ...paxos.Role) (paxos.NodeID, *Error) {
	t := p.next()
	if !t.quoted {
		if id, ok := readNode(t.text); ok && slices.Contains(roles, id.Role) {
			return id, nil
		}
	}
	words := make([]string, len(roles))
	for i, r := range roles {
		words[i] = roleWords[r]
	}
	e := unexpected(t, strings.Join(words, " or "))
	if id, ok := likelyNode(t.text); ok && !t.quoted && slices.Contains(roles, id.Role) {
		e.suggesting(id.String())
	}
	return paxos.NodeID{}, e
}

var anyRole = []paxos.Role{paxos.RoleProposer, paxos.RoleAcceptor, paxos.RoleLearner}

func (p *parser) command() (Command, *Error) {
	t := p.next()
	var cmd Command
	for v, name := range verbNames {
		if name == t.text && !t.quoted {
			cmd.Verb = v
		}
	}
	if cmd.Verb == 0 {
		var verbs []string // the actions and expect first, then setup
		for _, v := range slices.Concat(verbRange(VPropose, VExpect), verbRange(VConfig, VSet)) {
			verbs = append(verbs, v.String())
		}
		err := unexpected(t, "a command ("+strings.Join(verbs, ", ")+")", verbs...)
		err.Kind = UnknownVerb
		return cmd, err
	}
	var err *Error
	switch cmd.Verb {
	case VConfig:
		err = p.config(&cmd)
	case VRule:
		err = p.rule(&cmd)
	case VPolicy:
		var kind string
		if kind, err = p.word("a policy name", policyNames...); err == nil {
			cmd.PolicyOf = PolicyKind(slices.Index(policyNames, kind))
			choices := []string{"refuse", "ignore", "promise"}
			if cmd.PolicyOf == StaleAccept {
				choices = choices[:2] // a vote cannot be false-promised
			}
			var w string
			w, err = p.word("a "+kind+" policy", choices...)
			cmd.Policy, _ = paxos.StalePolicyByName(w)
		}
	case VMode:
		var w string
		w, err = p.word("a mode", "auto", "manual")
		cmd.Manual = w == "manual"
	case VSet:
		err = p.set(&cmd)
	case VPropose:
		err = p.propose(&cmd)
	case VDeliver, VDrop, VDuplicate:
		cmd.Sel, err = p.selector(cmd.Verb == VDeliver, cmd.Verb == VDrop)
	case VAccept:
		if cmd.Node, err = p.node(paxos.RoleProposer); err == nil && p.more() {
			cmd.Value, err = p.value()
		}
	case VLearn:
		if cmd.Node, err = p.node(paxos.RoleLearner); err == nil {
			cmd.Value, err = p.value()
		}
	case VCrash, VRestart, VHand, VAuto:
		cmd.Node, err = p.node(anyRole...)
	case VPromise, VVote, VRefuse, VIgnore:
		err = p.decision(&cmd)
	case VExpect:
		err = p.expect(&cmd)
	}
	if err != nil {
		return Command{}, err
	}
	return p.done(cmd)
}

func (p *parser) config(cmd *Command) *Error {
	cmd.Learners = -1
	if !p.more() {
		return unexpected(p.peek(), "proposers N, acceptors N or learners N", "proposers", "acceptors", "learners")
	}
	for p.more() {
		w, err := p.word("a part of the cluster", "proposers", "acceptors", "learners")
		if err != nil {
			return err
		}
		t := p.peek()
		n, err := p.number("how many " + w)
		if err != nil {
			return err
		}
		lo, hi := 1, paxos.MaxProposers
		switch w {
		case "proposers":
			cmd.Proposers = n
		case "acceptors":
			cmd.Acceptors, hi = n, paxos.MaxAcceptors
		case "learners":
			cmd.Learners, lo, hi = n, 0, paxos.MaxLearners
		}
		if n < lo || n > hi {
			return outOfRange(t, "how many "+w, "%s must be %d to %d, not %d", w, lo, hi, n)
		}
	}
	return nil
}

func (p *parser) rule(cmd *Command) *Error {
	t := p.next()
	r, ok := paxos.RuleByName(t.text)
	if !ok || t.quoted {
		names := make([]string, 0, 7)
		for _, r := range paxos.AllRules() {
			names = append(names, r.String())
		}
		return unexpected(t, "a rule ("+strings.Join(names, ", ")+")", names...)
	}
	cmd.Rule = r
	w, err := p.word("on or off", "on", "off")
	cmd.On = w == "on"
	return err
}

func (p *parser) set(cmd *Command) *Error {
	var err *Error
	if cmd.Node, err = p.node(paxos.RoleAcceptor, paxos.RoleProposer); err != nil {
		return err
	}
	if cmd.Node.Role == paxos.RoleProposer {
		if _, err = p.word("what to set on a proposer", "value"); err != nil {
			return err
		}
		cmd.Field = FieldValue
		cmd.Value, err = p.value()
		return err
	}
	w, err := p.word("what to set on an acceptor", "promised", "voted")
	if err != nil {
		return err
	}
	cmd.Field = FieldPromised
	if cmd.Ballot, err = p.ballot(); err != nil || w == "promised" {
		return err
	}
	cmd.Field = FieldVoted
	cmd.Value, err = p.value()
	return err
}

func (p *parser) propose(cmd *Command) *Error {
	var err *Error
	if cmd.Node, err = p.node(paxos.RoleProposer); err != nil {
		return err
	}
	if t := p.peek(); !t.quoted && looksNumeric(t.text) {
		if cmd.Ballot, err = p.ballot(); err != nil {
			return err
		}
	}
	if p.more() {
		cmd.Value, err = p.value()
	}
	return err
}

// looksNumeric says whether a word is meant as a number: it starts with a
// digit or a sign. After a proposer, such a word is its ballot, and reads
// as a number or is refused; a value that starts so is written in quotes.
func looksNumeric(s string) bool {
	return s != "" && (s[0] >= '0' && s[0] <= '9' || s[0] == '+' || s[0] == '-')
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// messageID reads a message id token: #12.
func messageID(t token) (int, *Error) {
	const what = "a message id such as #12"
	id, err := readNumber(token{text: strings.TrimPrefix(t.text, "#"), col: t.col + 1}, what)
	if err != nil && err.Kind == OutOfRange && strings.HasPrefix(t.text, "#") && !t.quoted {
		err.Col, err.Msg = t.col, fmt.Sprintf("no message has an id as high as %s: ids count the messages sent, from #1", "#"+Clipped(t.text[1:]))
		return 0, err
	}
	if err != nil || !strings.HasPrefix(t.text, "#") || t.quoted {
		e := unexpected(t, what)
		if strings.HasPrefix(t.text, "#0") && isDigits(t.text[1:]) {
			e.Msg += fmt.Sprintf(": write %s, with no leading zero", "#"+Clipped(cmp.Or(strings.TrimLeft(t.text[1:], "0"), "0")))
		}
		return 0, e
	}
	if id < 1 {
		return 0, unexpected(t, what)
	}
	return id, nil
}

// decision reads what follows the verb of an acceptor's decision: the
// acceptor, the message it answers if named (#12), and for a promise
// the vote it reports, if not its own (reporting none, reporting 9 "6 EUR").
func (p *parser) decision(cmd *Command) *Error {
	var err *Error
	if cmd.Node, err = p.node(paxos.RoleAcceptor); err != nil {
		return err
	}
	if t := p.peek(); strings.HasPrefix(t.text, "#") && !t.quoted {
		p.next()
		if cmd.Sel.ID, err = messageID(t); err != nil {
			return err
		}
	}
	if cmd.Verb != VPromise || !p.more() {
		return nil
	}
	if _, err = p.word("the vote the promise reports", "reporting"); err != nil {
		return err
	}
	cmd.Field = FieldReport
	if t := p.peek(); t.text == "none" && !t.quoted {
		p.next()
		cmd.Nothing = true
		return nil
	}
	if t := p.peek(); !looksNumeric(t.text) || t.quoted {
		return unexpected(t, `none, or a vote: a ballot and a value such as 9 "6 EUR"`)
	}
	if cmd.Ballot, err = p.ballot(); err != nil {
		return err
	}
	cmd.Value, err = p.value()
	return err
}

func (p *parser) selector(allowAll, allowStale bool) (Selector, *Error) {
	t := p.next()
	switch {
	case t.text == "all" && allowAll && !t.quoted:
		return Selector{All: true}, nil
	case t.text == "stale" && allowStale && !t.quoted:
		return Selector{Stale: true}, nil
	case strings.HasPrefix(t.text, "#") && !t.quoted:
		id, err := messageID(t)
		return Selector{ID: id}, err
	}
	typ, ok := paxos.MsgTypeFromCode(t.text)
	if !ok || t.quoted {
		what := "a message: an id such as #12, or a type (1a, 1b, nack, 2a, 2b) and from->to"
		choices := []string{"1a", "1b", "nack", "2a", "2b"}
		if allowAll {
			what += ", or all"
			choices = append(choices, "all")
		}
		if allowStale {
			what += ", or stale"
			choices = append(choices, "stale")
		}
		return Selector{}, unexpected(t, what, choices...)
	}
	s := Selector{Type: typ}
	t = p.next()
	from, to, found := strings.Cut(strings.Replace(t.text, "→", "->", 1), "->")
	var okFrom, okTo bool
	s.From, okFrom = readNode(from)
	s.To, okTo = readNode(to)
	if !found || !okFrom || !okTo || t.quoted {
		e := unexpected(t, "the sender and receiver such as A1->P2")
		if !found || t.quoted {
			return Selector{}, e
		}
		if !okFrom {
			s.From, okFrom = likelyNode(from)
		}
		if !okTo {
			s.To, okTo = likelyNode(to)
		}
		if okFrom && okTo {
			e.suggesting(s.From.String() + "->" + s.To.String())
		}
		return Selector{}, e
	}
	if p.more() {
		var err *Error
		if s.Ballot, err = p.ballot(); err != nil {
			return Selector{}, err
		}
	}
	return s, nil
}

// expect reads what an expect line checks, as expectSpecs write it.
func (p *parser) expect(cmd *Command) *Error {
	t := p.next()
	if (t.text == "ever" || t.text == "never") && !t.quoted {
		cmd.Modal = Modal(slices.Index(modalNames, t.text))
		t = p.next()
	}
	for _, s := range expectSpecs {
		switch {
		case t.quoted || !s.About(0):
		case t.text == s.Word:
			cmd.Expect = s.Kind
			return p.expectArg(cmd, s.Arg)
		case t.text == s.nothingWord() && s.Nothing:
			cmd.Expect, cmd.Nothing = s.Kind, true
			return nil
		}
	}
	id, ok := readNode(t.text)
	if !ok || t.quoted {
		words, listed := expectWords(0)
		e := unexpected(t, "what to check: "+strings.Join(listed, ", ")+", or a node such as A1", words...)
		if id, ok := likelyNode(t.text); ok && !t.quoted {
			e.suggesting(id.String())
		}
		return e
	}
	cmd.Node = id
	words, _ := expectWords(id.Role)
	w, err := p.word("what to check of "+id.String(), words...)
	if err != nil {
		return err
	}
	i := slices.IndexFunc(expectSpecs, func(s ExpectSpec) bool { return s.About(id.Role) && s.Word == w })
	s := expectSpecs[i]
	cmd.Expect = s.Kind
	if t := p.peek(); s.Nothing && t.text == "nothing" && !t.quoted {
		p.next()
		cmd.Nothing = true
		return nil
	}
	return p.expectArg(cmd, s.Arg)
}

// expectArg reads what an expect line says after its word.
func (p *parser) expectArg(cmd *Command, arg ExpectArg) (err *Error) {
	switch arg {
	case BallotArg:
		cmd.Ballot, err = p.ballot()
	case VoteArg:
		if cmd.Ballot, err = p.ballot(); err == nil {
			cmd.Value, err = p.value()
		}
	case ValueArg:
		cmd.Value, err = p.value()
	case PhaseArg:
		t := p.next()
		ph, ok := paxos.PhaseByName(t.text)
		if !ok || t.quoted {
			var names []string
			for ph := paxos.Idle; ph <= paxos.Abandoned; ph++ {
				names = append(names, ph.String())
			}
			return unexpected(t, "a phase ("+strings.Join(names, ", ")+")", names...)
		}
		cmd.Phase = ph
	case CountArg:
		cmd.Count, err = p.number("how many messages are in flight")
	}
	return err
}
