package cli

import (
	"fmt"
	"io"
	"time"
)

// progress shows a one-line counter on stderr while a batch runs, only when
// stderr is a terminal; otherwise it writes nothing.
type progress struct {
	w     io.Writer
	on    bool
	start time.Time
	last  time.Time
}

func newProgress(stderr io.Writer) *progress {
	return &progress{w: stderr, on: isTerminal(stderr), start: time.Now()}
}

func (p *progress) update(done, failed int) {
	if !p.on {
		return
	}
	now := time.Now()
	if now.Sub(p.last) < 100*time.Millisecond {
		return
	}
	p.last = now
	rate := float64(done) / now.Sub(p.start).Seconds()
	const width = 24
	spin := done % (2 * width)
	if spin >= width {
		spin = 2*width - 1 - spin
	}
	bar := []byte("[" + fmt.Sprintf("%*s", width, "") + "]")
	bar[1+spin] = '='
	fmt.Fprintf(p.w, "\r\x1b[K%s %d households done, %d failed, %.1f/s", bar, done, failed, rate)
}

func (p *progress) done() {
	if p.on {
		fmt.Fprint(p.w, "\r\x1b[K")
	}
}
