package cli

import (
	"io"
	"os"
)

// useColour reports whether w should get ANSI colour: only a terminal, and
// never when NO_COLOR is set to anything non-empty (no-color.org) or TERM
// is "dumb".
func useColour(w io.Writer) bool {
	if os.Getenv("NO_COLOR") != "" || os.Getenv("TERM") == "dumb" {
		return false
	}
	return isTerminal(w)
}

// paint wraps s in an ANSI SGR sequence when on.
func paint(on bool, sgr, s string) string {
	if !on {
		return s
	}
	return "\x1b[" + sgr + "m" + s + "\x1b[0m"
}
