package classroom

import (
	"strings"
	"testing"
)

// "The join line lists … the host key's fingerprint exactly as ssh
// prints it" (issue 17): in a pane narrower than the fingerprint, it is
// broken across lines, every character kept.
func TestWrapTextKeepsLongWords(t *testing.T) {
	fp := "SHA256:ffFdr75/jfNeZI0CUuZvQoOxU5drNSMQBOBvGGHaeb8"
	for _, w := range []int{10, 20, 38, 60} {
		lines := wrapText("host key "+fp+" — compare it", w)
		for _, l := range lines {
			if len([]rune(l)) > w {
				t.Errorf("width %d: line %q is wider", w, l)
			}
		}
		if got := strings.Join(lines, ""); !strings.Contains(strings.ReplaceAll(got, " ", ""), strings.ReplaceAll(fp, " ", "")) {
			t.Errorf("width %d: the fingerprint is not whole in %q", w, lines)
		}
	}
}
