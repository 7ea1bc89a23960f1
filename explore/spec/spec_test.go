package spec

import "testing"

// MCPaxosTiny, as the TLA+ Examples' manifest records TLC's result.
func TestTinyModelCountsAreTLCs(t *testing.T) {
	for _, workers := range []int{1, 2} {
		st, err := Explore(Params{Acceptors: 3, Values: 2, MaxBallot: 1}, workers, nil)
		if err != nil {
			t.Fatal(err)
		}
		if st.Distinct != 3921 || st.Found != 23563 || st.Depth != 17 || !st.Agreement {
			t.Errorf("workers %d: %d distinct, %d found, depth %d, agreement %v; TLC: 3921, 23563, 17, true", workers, st.Distinct, st.Found, st.Depth, st.Agreement)
		}
	}
}

func BenchmarkMaxBallot2(b *testing.B) {
	for b.Loop() {
		st, _ := Explore(Params{Acceptors: 3, Values: 2, MaxBallot: 2}, 0, nil)
		b.ReportMetric(float64(st.Distinct), "states")
	}
}

func BenchmarkMaxBallot3(b *testing.B) {
	if testing.Short() {
		b.Skip("about 8 million states")
	}
	for b.Loop() {
		st, _ := Explore(Params{Acceptors: 3, Values: 2, MaxBallot: 3}, 0, nil)
		b.ReportMetric(float64(st.Distinct), "states")
	}
}
