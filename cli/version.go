package cli

import (
	"fmt"
	"runtime/debug"
)

const versionUsage = `usage: paxosgame --version

Which paxosgame this is: its module version (or devel), the commit it was
built from, and the Go that built it.
`

// version is `paxosgame --version` (and `paxosgame version`).
func version(s std, _ []string) int {
	fmt.Fprintln(s.out, "paxosgame", versionOf(debug.ReadBuildInfo()))
	return 0
}

// versionOf says which build info is: "v1.2.0, go1.26.8", or for a build
// from a work tree "devel 0427ccb1a2b3 (modified), go1.26.8".
func versionOf(info *debug.BuildInfo, ok bool) string {
	if !ok {
		return "devel"
	}
	v := info.Main.Version
	if v == "" || v == "(devel)" {
		v = "devel"
		settings := map[string]string{}
		for _, s := range info.Settings {
			settings[s.Key] = s.Value
		}
		if rev := settings["vcs.revision"]; rev != "" {
			v += " " + rev[:min(len(rev), 12)]
			if settings["vcs.modified"] == "true" {
				v += " (modified)"
			}
		}
	}
	return v + ", " + info.GoVersion
}
