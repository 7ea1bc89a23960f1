package lessons

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"paxosgame/userfile"
	"slices"
	"strings"

	"paxosgame/atomicfile"
)

// ConfigEnv names the environment variable that, when set, is the
// directory of the progress file instead of the user's config directory
// (os.UserConfigDir()/paxosgame). Tests and classroom machines use it.
const ConfigEnv = "PAXOSGAME_CONFIG_DIR"

// Status is how far a user is in one lesson.
type Status string

const (
	NotStarted Status = "not started"
	InProgress Status = "in progress"
	Done       Status = "done"
)

// Record is one lesson's progress. Best and Par are for challenges.
type Record struct {
	Status Status `json:"status"`
	Best   int    `json:"best,omitempty"` // fewest actions at the scored goals; 0: no score yet
	Par    int    `json:"par,omitempty"`
	// Pages is what the student did at each goal and question in their
	// last play of the lesson (see Tally); nil before the first move.
	Pages []Tally `json:"pages,omitempty"`
}

// Describe says how far the user is in a lesson, in a few words, as
// `lesson list` shows it: "", "started", "done", or for a challenge "par 7",
// "started, par 7", "best 8, par 7"; then what the last play counted:
// "done: 3 goals, 1 hint, 2 mistakes".
func (r Record) Describe(l *Lesson) string {
	words := map[Status]string{NotStarted: "", InProgress: "started", Done: "done"}[r.Status]
	if par, ok := l.Challenge(); ok {
		switch {
		case r.Best > 0:
			words = fmt.Sprintf("best %d, par %d", r.Best, par)
		case words != "":
			words = fmt.Sprintf("%s, par %d", words, par)
		default:
			words = fmt.Sprintf("par %d", par)
		}
	}
	if t := Total(r.Pages).Words(); t != "" && r.Status != NotStarted {
		return words + ": " + t
	}
	return words
}

// progressFile is the file as written: a version, then one record per
// lesson key (see Lesson.Key).
type progressFile struct {
	Version int               `json:"version"`
	Lessons map[string]Record `json:"lessons"`
}

const progressVersion = 1

// Store is one user's progress, kept in progress.json. Nothing it does is
// fatal: a damaged or unreadable file is set aside and progress starts
// afresh; a file that cannot be written leaves progress in memory. Each
// such problem is told once, through Notices.
type Store struct {
	path      string // "" when progress cannot be saved
	lessons   map[string]Record
	changed   map[string]bool // lessons whose record changed since the last write
	forgot    map[string]bool // lessons reset since the last write
	forgotAll bool            // ResetAll since the last write
	pending   []string
	told      map[string]bool
}

// ConfigDir is the directory of the progress file: $PAXOSGAME_CONFIG_DIR,
// or the user's config directory and paxosgame.
func ConfigDir() (string, error) {
	if dir := os.Getenv(ConfigEnv); dir != "" {
		return dir, nil
	}
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "paxosgame"), nil
}

// OpenStore reads the user's progress from ConfigDir.
func OpenStore() *Store {
	dir, err := ConfigDir()
	if err != nil {
		s := &Store{lessons: map[string]Record{}, told: map[string]bool{}}
		s.tell(fmt.Sprintf("Progress will not be saved: %v (set %s to a directory to keep it).", err, ConfigEnv))
		return s
	}
	return OpenStoreIn(dir)
}

// maxProgressSize is the largest progress file read: a record is under
// 200 bytes, so this is tens of thousands of lessons. A bigger one is set
// aside like a damaged one.
const maxProgressSize = 8 << 20

// OpenStoreIn reads the progress file of a directory. Anything in its
// place that is not a regular file, or is too big, is set aside.
func OpenStoreIn(dir string) *Store {
	s := &Store{path: filepath.Join(dir, "progress.json"), lessons: map[string]Record{}, told: map[string]bool{}}
	src, err := userfile.Read(s.path, maxProgressSize)
	var odd *userfile.Refused
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return s
	case err != nil && !exists(s.path):
		return s // its directory is missing or is not one: saving will say so
	case errors.As(err, &odd):
		s.setAside(odd.Error())
		return s
	case err != nil:
		s.setAside(fmt.Sprintf("could not be read (%v)", err))
		return s
	}
	var f struct {
		Version int                        `json:"version"`
		Lessons map[string]json.RawMessage `json:"lessons"`
	}
	if err := json.Unmarshal(src, &f); err != nil {
		s.setAside(fmt.Sprintf("is damaged (%v)", err))
		return s
	}
	if f.Version != progressVersion {
		s.setAside(fmt.Sprintf("has version %d; this game reads version %d", f.Version, progressVersion))
		return s
	}
	var bad []string
	for key, raw := range f.Lessons {
		r, err := readRecord(raw)
		if err != nil {
			bad = append(bad, fmt.Sprintf("lesson %q %v", key, err))
			continue
		}
		s.lessons[key] = r
	}
	if bad != nil {
		slices.Sort(bad)
		s.dropRecords(bad)
	}
	return s
}

// readRecord reads one lesson's record, or says what is wrong with it:
// "has the status \"finished\"".
func readRecord(raw json.RawMessage) (Record, error) {
	var r Record
	if err := json.Unmarshal(raw, &r); err != nil {
		return r, fmt.Errorf("is not a record (%v)", err)
	}
	switch {
	case r.Status != InProgress && r.Status != Done && r.Status != NotStarted:
		return r, fmt.Errorf("has the status %q, not %q, %q or %q", r.Status, NotStarted, InProgress, Done)
	case r.Best < 0:
		return r, fmt.Errorf("has the best score %d", r.Best)
	case r.Par < 0:
		return r, fmt.Errorf("has the par %d", r.Par)
	case len(r.Pages) > maxPages:
		return r, fmt.Errorf("counts %d pages; a lesson has at most %d", len(r.Pages), maxPages)
	}
	for _, t := range r.Pages {
		if t.Page < 1 || t.Page > maxPages || t.Mistakes < 0 || t.Hints < 0 || t.Solutions < 0 {
			return r, fmt.Errorf("has a page counted as %+v", t)
		}
	}
	return r, nil
}

// maxPages bounds the pages a record counts: a lesson file holds far
// fewer, and a progress file is read from disk, so it is bounded.
const maxPages = 1000

// dropRecords sets the file aside as it was, then writes back the records
// that were good, so that only the bad ones are lost.
func (s *Store) dropRecords(bad []string) {
	what, them := fmt.Sprintf("has %d records that cannot be read (%s)", len(bad), strings.Join(bad, "; ")), "they are"
	if len(bad) == 1 {
		what, them = fmt.Sprintf("has a record that cannot be read (%s)", bad[0]), "it is"
	}
	aside, err := s.moveAside()
	if err != nil {
		s.tell(fmt.Sprintf("Your progress file %s %s, and could not be set aside (%v): the other lessons' progress is kept until the game closes and will not be saved.", s.path, what, err))
		s.path = ""
		return
	}
	for key, r := range s.lessons {
		s.set(key, r) // all written back, to a file that holds none
	}
	if err := s.write(); err != nil {
		s.tell(fmt.Sprintf("Your progress file %s %s: it was moved to %s, and the other lessons' progress could not be written back (%v): it is kept until the game closes.", s.path, what, aside, err))
		return
	}
	s.tell(fmt.Sprintf("Your progress file %s %s: %s dropped and the others kept; the file as it was is in %s.", s.path, what, them, aside))
}

func exists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}

// setAside renames a bad progress file to progress.json.damaged-N, so that
// the next save starts afresh without destroying what was there.
func (s *Store) setAside(why string) {
	aside, err := s.moveAside()
	if err != nil {
		s.tell(fmt.Sprintf("Your progress file %s %s, and could not be set aside (%v): progress starts afresh and will not be saved.", s.path, why, err))
		s.path = ""
		return
	}
	s.tell(fmt.Sprintf("Your progress file %s %s: it was moved to %s and progress starts afresh.", s.path, why, aside))
}

// moveAside renames the progress file to the first free
// progress.json.damaged-N and returns that name.
func (s *Store) moveAside() (string, error) {
	for n := 1; ; n++ {
		aside := fmt.Sprintf("%s.damaged-%d", s.path, n)
		if exists(aside) {
			continue
		}
		return aside, os.Rename(s.path, aside)
	}
}

func (s *Store) tell(msg string) {
	if !s.told[msg] {
		s.told[msg] = true
		s.pending = append(s.pending, msg)
	}
}

// Notices returns what went wrong since the last call, each problem once.
func (s *Store) Notices() []string {
	out := s.pending
	s.pending = nil
	return out
}

// Path is the progress file, or "" when progress is not saved.
func (s *Store) Path() string { return s.path }

// Get is a lesson's record (by Lesson.Key); NotStarted when none.
func (s *Store) Get(key string) Record {
	r, ok := s.lessons[key]
	if !ok || r.Status == "" {
		r.Status = NotStarted
	}
	return r
}

// Start marks a lesson in progress, unless it is already done.
func (s *Store) Start(key string) {
	if r := s.Get(key); r.Status == NotStarted {
		r.Status = InProgress
		s.set(key, r)
		s.save()
	}
}

// Finish marks a lesson done and keeps the best score of a challenge
// finished without help.
func (s *Store) Finish(key string, sc Score) {
	r := s.Get(key)
	r.Status = Done
	if sc.Complete {
		r.Par = sc.Par
		if r.Best == 0 || sc.Actions < r.Best {
			r.Best = sc.Actions
		}
	}
	s.set(key, r)
	s.save()
}

// set changes a lesson's record, to be written.
func (s *Store) set(key string, r Record) {
	s.lessons[key] = r
	if s.changed == nil {
		s.changed = map[string]bool{}
	}
	s.changed[key] = true
}

// Update records a session: done when it is done, in progress otherwise,
// with what it counted (Session.Tally). Call it after each move of the
// session.
func (s *Store) Update(sess *Session) {
	key := sess.Lesson().Key()
	if pages := sess.Tally(); !slices.Equal(pages, s.Get(key).Pages) {
		r := s.Get(key)
		r.Pages = pages
		if r.Status == NotStarted {
			r.Status = InProgress
		}
		s.set(key, r)
		if !sess.Done() {
			s.save()
		}
	}
	switch {
	case sess.Done():
		if r := s.Get(key); r.Status != Done || sess.Score().Complete || s.changed[key] {
			s.Finish(key, sess.Score())
		}
	default:
		s.Start(key)
	}
}

// Reset forgets one lesson's progress. An error says the file could not
// be written, so that what it holds is not forgotten; it is also told
// through Notices.
func (s *Store) Reset(key string) error {
	delete(s.lessons, key)
	if s.forgot == nil {
		s.forgot = map[string]bool{}
	}
	s.forgot[key] = true
	return s.forget()
}

// ResetAll forgets all progress; an error as for Reset.
func (s *Store) ResetAll() error {
	s.lessons = map[string]Record{}
	s.forgotAll = true
	return s.forget()
}

// errNotSaved is why progress that is not kept in a file cannot be forgotten.
var errNotSaved = errors.New("progress is not kept in a file")

func (s *Store) forget() error {
	err := errNotSaved
	if s.path != "" {
		err = s.write()
	}
	if err != nil {
		s.tell(fmt.Sprintf("Progress could not be forgotten (%v).", err))
	}
	return err
}

// save writes the file, telling a failure through Notices.
func (s *Store) save() {
	if s.path == "" {
		return
	}
	if err := s.write(); err != nil {
		s.tell(fmt.Sprintf("Progress could not be saved (%v): it is kept until the game closes.", err))
	}
}

// write writes the file atomically (a temporary file in the same
// directory, renamed over the old one, so that a crash never leaves half
// a file), merged under a lock with what the file holds now: what this
// store changed goes in, and what another game wrote meanwhile stays, so
// that two games played at once each keep their progress, and a lesson
// reset in one is not written back by the other. The directory is made
// if missing.
func (s *Store) write() error {
	if err := os.MkdirAll(filepath.Dir(s.path), 0o755); err != nil {
		return err
	}
	unlock, err := atomicfile.Lock(s.path)
	if err != nil {
		return err
	}
	defer unlock()
	merged := map[string]Record{}
	if !s.forgotAll {
		merged = readRecords(s.path)
	}
	for key := range s.forgot {
		delete(merged, key)
	}
	for key := range s.changed {
		merged[key] = furthest(merged[key], s.lessons[key])
	}
	data, err := json.MarshalIndent(progressFile{Version: progressVersion, Lessons: merged}, "", "  ")
	if err != nil {
		return err
	}
	if err := atomicfile.Write(s.path, append(data, '\n'), true); err != nil {
		return err
	}
	s.lessons, s.changed, s.forgot, s.forgotAll = merged, nil, nil, false
	return nil
}

// readRecords is the good records of the progress file as it is now;
// none when it cannot be read (OpenStoreIn set aside what was bad).
func readRecords(path string) map[string]Record {
	out := map[string]Record{}
	src, err := userfile.Read(path, maxProgressSize)
	if err != nil {
		return out
	}
	var f struct {
		Version int                        `json:"version"`
		Lessons map[string]json.RawMessage `json:"lessons"`
	}
	if json.Unmarshal(src, &f) != nil || f.Version != progressVersion {
		return out
	}
	for key, raw := range f.Lessons {
		if r, err := readRecord(raw); err == nil {
			out[key] = r
		}
	}
	return out
}

// furthest is one lesson's progress from two records of it: the further
// status, the best score of the two, and b's par and count of pages when
// it has them.
func furthest(a, b Record) Record {
	rank := map[Status]int{"": 0, NotStarted: 0, InProgress: 1, Done: 2}
	if rank[a.Status] > rank[b.Status] {
		b.Status = a.Status
	}
	if a.Best > 0 && (b.Best == 0 || a.Best < b.Best) {
		b.Best = a.Best
	}
	if b.Par == 0 {
		b.Par = a.Par
	}
	if b.Pages == nil {
		b.Pages = a.Pages // b, this game's, counts its own play when it has one
	}
	return b
}
