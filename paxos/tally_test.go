package paxos

import "testing"

// "The observer remembers every vote ever cast, not only each acceptor's
// current one": tallies count each acceptor once per (ballot, value), and
// a late vote for an old ballot still counts there.
func TestTallies(t *testing.T) {
	var ts Tallies
	v17, v20 := Vote{17, "5 EUR"}, Vote{20, "8 EUR"}
	if before := ts.Add(1, v17); before != 0 {
		t.Errorf("first vote: before %v", before.Members())
	}
	ts.Add(1, v20)
	if before := ts.Add(2, v17); !before.Has(1) || before.Len() != 1 {
		t.Errorf("a late vote for 17: before %v, want [1]", before.Members())
	}
	if before := ts.Add(2, v17); before.Len() != 2 {
		t.Errorf("a repeated vote: before %v, want [1 2]", before.Members())
	}
	if got := ts.Of(v17).Members(); len(got) != 2 {
		t.Errorf("Of(17) = %v, want [1 2]", got)
	}
	if got := ts.Of(Vote{17, "8 EUR"}); got != 0 {
		t.Errorf("another value in 17 counts %v", got.Members())
	}
	if len(ts.List) != 2 || ts.List[0].Vote != v17 || ts.List[1].Vote != v20 {
		t.Errorf("List = %v, want 17 then 20, in the order first voted", ts.List)
	}
	c := ts.Clone()
	c.Add(3, v17)
	if ts.Of(v17).Has(3) {
		t.Errorf("a vote counted in the clone shows in the original")
	}
}
