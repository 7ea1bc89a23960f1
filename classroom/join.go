package classroom

import (
	"fmt"
	"net"
)

// joinWords is how to join, for the lecturer to put on the projector: one
// ssh command per address the server is reached at (every address of
// this machine but loopback when it listens on all of them, with a
// warning when it listens on loopback alone), and the host key's
// fingerprint as ssh prints it when it asks to trust the key.
type joinWords struct {
	Commands    []string // ssh -p 2222 192.168.1.20 -t CODE
	Warning     string   // "" or why students elsewhere cannot join
	Fingerprint string   // SHA256:…
	Code        string
}

// join says how to join the server listening at addr, with host key
// fingerprint fp and room code code ("" for none); ifaces are the
// machine's addresses (net.InterfaceAddrs).
func join(addr net.Addr, fp, code string, ifaces []net.Addr) joinWords {
	j := joinWords{Fingerprint: fp, Code: code}
	host, port, _ := net.SplitHostPort(addr.String())
	ip := net.ParseIP(host)
	var hosts []string
	switch {
	case ip != nil && ip.IsUnspecified():
		v4only := ip.To4() != nil
		for _, a := range ifaces {
			n, ok := a.(*net.IPNet)
			if !ok || n.IP.IsLoopback() || n.IP.IsLinkLocalUnicast() || v4only && n.IP.To4() == nil {
				continue
			}
			hosts = append(hosts, n.IP.String())
		}
		if len(hosts) == 0 {
			j.Warning = "⚠ this machine has no network address but loopback: only it can join"
			hosts = []string{"127.0.0.1"}
		}
	case ip != nil && ip.IsLoopback():
		hosts = []string{host}
		j.Warning = "⚠ listening on " + host + " only: students on other machines cannot join (serve --listen 0.0.0.0:" + port + ")"
	default:
		hosts = []string{host}
	}
	for _, h := range hosts {
		c := fmt.Sprintf("ssh -p %s %s", port, h)
		if code != "" {
			c += " -t " + code
		}
		j.Commands = append(j.Commands, c)
	}
	return j
}

// Line is the join in one line: the first command, how many more, the
// fingerprint.
func (j joinWords) Line() string {
	if len(j.Commands) == 0 {
		return ""
	}
	s := "join: " + j.Commands[0]
	if n := len(j.Commands) - 1; n > 0 {
		s += fmt.Sprintf(" (+%d more)", n)
	}
	return s + " · host key " + j.Fingerprint
}

// Lines is the join in full: every command, what -t takes, the warning,
// the fingerprint.
func (j joinWords) Lines() []string {
	var out []string
	for _, c := range j.Commands {
		out = append(out, "join: "+c)
	}
	t := "-t A2 takes A2; -t solo plays alone; -t plain: line by line, for screen readers"
	if j.Code != "" {
		t = fmt.Sprintf("-t %s A2 takes A2; -t %s solo plays alone; -t %s plain: line by line, for screen readers", j.Code, j.Code, j.Code)
	}
	out = append(out, "("+t+")")
	if j.Warning != "" {
		out = append(out, j.Warning)
	}
	return append(out, "host key "+j.Fingerprint+" (ssh asks the first time: compare it)")
}
