package lessons

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestProgressRoundTrip(t *testing.T) {
	dir := t.TempDir()
	s := OpenStoreIn(dir)
	s.Start("roles")
	s.Finish("promises", Score{})
	s.Finish("challenge-secret", Score{Challenge: true, Complete: true, Actions: 7, Par: 6})
	s.Finish("challenge-secret", Score{Challenge: true, Complete: true, Actions: 9, Par: 6})
	s.Start("challenge-secret") // done stays done
	if n := s.Notices(); n != nil {
		t.Fatalf("notices: %q", n)
	}

	r := OpenStoreIn(dir)
	for key, want := range map[string]Record{
		"roles":            {Status: InProgress},
		"promises":         {Status: Done},
		"challenge-secret": {Status: Done, Best: 7, Par: 6},
		"battle":           {Status: NotStarted},
	} {
		if got := r.Get(key); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: %+v, want %+v", key, got, want)
		}
	}
	r.Finish("challenge-secret", Score{Challenge: true, Complete: true, Actions: 6, Par: 6})
	if got := OpenStoreIn(dir).Get("challenge-secret").Best; got != 6 {
		t.Errorf("a better score is kept: best %d", got)
	}

	r.Reset("roles")
	if got := OpenStoreIn(dir).Get("roles").Status; got != NotStarted {
		t.Errorf("reset one: %s", got)
	}
	r.ResetAll()
	if got := OpenStoreIn(dir).Get("promises").Status; got != NotStarted {
		t.Errorf("reset all: %s", got)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 || entries[0].Name() != "progress.json" {
		t.Errorf("writes leave only progress.json behind: %v", entries)
	}
}

// A damaged progress file never stops anything: it is told once, set
// aside with its content intact, and progress starts afresh.
func TestDamagedProgressIsSetAside(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "progress.json")
	for n, bad := range []string{`{"version": 1, "lessons": {"roles": {"status": "do`, `{"version": 99}`, `{"version":1,"lessons":{"roles":{"status":"finished"}}}`} {
		os.WriteFile(path, []byte(bad), 0o644)
		s := OpenStoreIn(dir)
		aside := path + ".damaged-" + string(rune('1'+n))
		notes := s.Notices()
		if len(notes) != 1 || !strings.Contains(notes[0], aside) {
			t.Fatalf("notices %q, want one naming %s", notes, aside)
		}
		if s.Notices() != nil {
			t.Error("a problem is told once")
		}
		if got, _ := os.ReadFile(aside); string(got) != bad {
			t.Errorf("the damaged file is kept as it was: %q", got)
		}
		if s.Get("roles").Status != NotStarted {
			t.Error("progress starts afresh")
		}
		s.Start("roles")
		if OpenStoreIn(dir).Get("roles").Status != InProgress {
			t.Error("progress is saved again after a damaged file")
		}
	}
}

func TestUnreadableProgressIsSetAside(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "progress.json")
	os.Mkdir(path, 0o755) // reading it fails
	s := OpenStoreIn(dir)
	if n := s.Notices(); len(n) != 1 || !strings.Contains(n[0], "is a directory, not a regular file") {
		t.Errorf("notices %q", n)
	}
	s.Start("roles")
	if OpenStoreIn(dir).Get("roles").Status != InProgress {
		t.Error("progress is saved after the unreadable file is set aside")
	}
}

// Issue 8 (progress files): a progress file larger than any the game
// writes is set aside unread, like a damaged one, and kept.
func TestHugeProgressIsSetAside(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "progress.json")
	huge := append([]byte(`{"version":1,"lessons":{},"pad":"`), make([]byte, maxProgressSize)...)
	if err := os.WriteFile(path, huge, 0o644); err != nil {
		t.Fatal(err)
	}
	s := OpenStoreIn(dir)
	if n := s.Notices(); len(n) != 1 || !strings.Contains(n[0], "is too big") || !strings.Contains(n[0], "damaged-1") {
		t.Errorf("notices %q", n)
	}
	if kept, err := os.ReadFile(path + ".damaged-1"); err != nil || len(kept) != len(huge) {
		t.Errorf("the file set aside is not kept whole: %d bytes, %v", len(kept), err)
	}
}

// When the progress cannot be written, the game goes on with progress in
// memory, and says so once.
func TestProgressThatCannotBeSaved(t *testing.T) {
	file := filepath.Join(t.TempDir(), "a-file")
	os.WriteFile(file, nil, 0o644)
	s := OpenStoreIn(filepath.Join(file, "paxosgame")) // a directory under a file
	s.Start("roles")
	s.Start("promises")
	s.Finish("promises", Score{})
	if n := s.Notices(); len(n) != 1 || !strings.Contains(n[0], "could not be saved") {
		t.Errorf("notices %q", n)
	}
	if s.Get("promises").Status != Done {
		t.Error("progress is kept in memory")
	}
}

func TestConfigDirFromEnvironment(t *testing.T) {
	t.Setenv(ConfigEnv, "/some/dir")
	if dir, err := ConfigDir(); err != nil || dir != "/some/dir" {
		t.Errorf("ConfigDir = %q, %v", dir, err)
	}
	if p := OpenStore().Path(); p != "/some/dir/progress.json" {
		t.Errorf("path %q", p)
	}
}

func TestStoreUpdateFollowsASession(t *testing.T) {
	st := OpenStoreIn(t.TempDir())
	s := start(t, mustParse(t, "testdata/example.md"))
	key := s.Lesson().Key()
	st.Update(s)
	if st.Get(key).Status != InProgress {
		t.Fatalf("started: %+v", st.Get(key))
	}
	for !s.Done() {
		switch s.Step().Kind {
		case KindPredict:
			s.Answer(0)
		case KindGoal:
			if _, err := s.PlaySolution(); err != nil {
				t.Fatal(err)
			}
		}
		if !s.Done() {
			next(t, s)
		}
		st.Update(s)
	}
	if st.Get(key).Status != Done || !strings.HasPrefix(key, "file:/") {
		t.Errorf("%s: %+v", key, st.Get(key))
	}
}

// One bad lesson record costs only that record: the file is kept aside as
// it was, the good records stay and are written back, and the notice names
// the lesson and what was wrong with it.
func TestBadRecordsAreDroppedOneByOne(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "progress.json")
	bad := `{"version":1,"lessons":{
		"roles":{"status":"done"},
		"promises":{"status":""},
		"challenge-secret":{"status":"done","best":7,"par":6},
		"battle":{"status":"finished"},
		"quorums":42,
		"ballots":{"status":"in progress","best":-3}}}`
	os.WriteFile(path, []byte(bad), 0o644)
	s := OpenStoreIn(dir)
	aside := path + ".damaged-1"
	notes := s.Notices()
	if len(notes) != 1 {
		t.Fatalf("notices %q, want one", notes)
	}
	for _, want := range []string{aside, `lesson "promises" has the status ""`, `lesson "battle" has the status "finished"`, `lesson "quorums"`, `lesson "ballots" has the best score -3`} {
		if !strings.Contains(notes[0], want) {
			t.Errorf("the notice does not say %q: %s", want, notes[0])
		}
	}
	for _, good := range []string{"roles", "challenge-secret"} {
		if strings.Contains(notes[0], `"`+good+`"`) {
			t.Errorf("the notice names the good lesson %s: %s", good, notes[0])
		}
	}
	if got, _ := os.ReadFile(aside); string(got) != bad {
		t.Errorf("the original file is kept as it was: %q", got)
	}
	for _, r := range []*Store{s, OpenStoreIn(dir)} {
		if got := r.Get("roles"); !reflect.DeepEqual(got, Record{Status: Done}) {
			t.Errorf("roles: %+v", got)
		}
		if got := r.Get("challenge-secret"); !reflect.DeepEqual(got, Record{Status: Done, Best: 7, Par: 6}) {
			t.Errorf("challenge-secret: %+v", got)
		}
		for _, key := range []string{"promises", "battle", "quorums", "ballots"} {
			if got := r.Get(key); !reflect.DeepEqual(got, Record{Status: NotStarted}) {
				t.Errorf("%s: %+v", key, got)
			}
		}
		if n := r.Notices(); r != s && n != nil {
			t.Errorf("the file written back is clean: %q", n)
		}
	}
}

// "Two lesson play processes lose each other's progress (each writes back
// its whole map)" (issue 18): each write merges with the file under a
// lock, so two stores open at once, writing in turn or together, keep
// both's progress.
func TestTwoGamesAtOnceKeepBothProgress(t *testing.T) {
	dir := t.TempDir()
	a, b := OpenStoreIn(dir), OpenStoreIn(dir)
	a.Finish("roles", Score{})
	b.Start("promises")
	a.Finish("challenge", Score{Challenge: true, Complete: true, Actions: 9, Par: 6})
	b.Finish("challenge", Score{Challenge: true, Complete: true, Actions: 8, Par: 6})
	want := map[string]Record{
		"roles":     {Status: Done},
		"promises":  {Status: InProgress},
		"challenge": {Status: Done, Best: 8, Par: 6},
	}
	for key, w := range want {
		if got := OpenStoreIn(dir).Get(key); !reflect.DeepEqual(got, w) {
			t.Errorf("%s: %+v, want %+v", key, got, w)
		}
	}
	// A reset in one is not undone by the other's next write.
	a.Reset("roles")
	b.Start("battle")
	if got := OpenStoreIn(dir).Get("roles").Status; got != NotStarted {
		t.Errorf("roles after a reset and another's write: %s", got)
	}

	// Many writes at once, from two stores: none is lost.
	dir = t.TempDir()
	stores := []*Store{OpenStoreIn(dir), OpenStoreIn(dir)}
	done := make(chan bool)
	for i, s := range stores {
		go func() {
			for n := range 40 {
				s.Start(fmt.Sprintf("lesson-%d-%d", i, n))
			}
			done <- true
		}()
	}
	<-done
	<-done
	got := OpenStoreIn(dir)
	for i := range stores {
		for n := range 40 {
			if key := fmt.Sprintf("lesson-%d-%d", i, n); got.Get(key).Status != InProgress {
				t.Errorf("%s is lost", key)
			}
		}
		if n := stores[i].Notices(); n != nil {
			t.Errorf("notices: %q", n)
		}
	}
}
