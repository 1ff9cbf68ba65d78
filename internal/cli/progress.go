package cli

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// progress shows a one-line bar on stderr while a batch runs, only when
// stderr is a terminal; otherwise it writes nothing. With a total (the
// households of files and folders) or a size (stdin redirected from a
// file) it shows the share done and an estimate of the time left;
// otherwise a count and a rate.
type progress struct {
	w     io.Writer
	on    bool
	total int   // households expected; 0 if unknown
	size  int64 // bytes of stdin expected; 0 if unknown
	now   func() time.Time
	start time.Time
	last  time.Time
}

func newProgress(stderr io.Writer) *progress {
	return &progress{w: stderr, on: isTerminal(stderr), now: time.Now, start: time.Now()}
}

// update shows done households (failed of them), offset being the stdin
// bytes read through the last one written (-1 for files).
func (p *progress) update(done, failed int, offset int64) {
	if !p.on {
		return
	}
	now := p.now()
	if now.Sub(p.last) < 100*time.Millisecond && (p.total == 0 || done < p.total) {
		return
	}
	p.last = now
	elapsed := now.Sub(p.start)
	rate := float64(done) / max(elapsed.Seconds(), 1e-9)
	const width = 24
	frac := -1.0
	var what string
	switch {
	case p.total > 0:
		frac = float64(done) / float64(p.total)
		what = fmt.Sprintf("%s of %s households", group(done), group(p.total))
	case p.size > 0 && offset >= 0:
		frac = float64(offset) / float64(p.size)
		what = fmt.Sprintf("%s households, %.0f%% of stdin", group(done), 100*frac)
	default:
		what = fmt.Sprintf("%s households done", group(done))
	}
	var bar string
	if frac >= 0 {
		n := int(min(frac, 1) * width)
		bar = "[" + strings.Repeat("=", n) + strings.Repeat(" ", width-n) + "]"
	} else { // no total: a marker that bounces
		spin := done % (2 * width)
		if spin >= width {
			spin = 2*width - 1 - spin
		}
		b := []byte("[" + strings.Repeat(" ", width) + "]")
		b[1+spin] = '='
		bar = string(b)
	}
	line := fmt.Sprintf("%s %s, %s failed, %.1f/s", bar, what, group(failed), rate)
	if frac > 0 && frac < 1 {
		line += ", about " + eta(time.Duration(float64(elapsed)*(1-frac)/frac)) + " left"
	}
	fmt.Fprintf(p.w, "\r\x1b[K%s", line)
}

// eta formats a duration to the second, or to the minute past an hour.
func eta(d time.Duration) string {
	if d >= time.Hour {
		return d.Round(time.Minute).String()
	}
	return d.Round(time.Second).String()
}

// group writes a count with thousands separators.
func group(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

func (p *progress) done() {
	if p.on {
		fmt.Fprint(p.w, "\r\x1b[K")
	}
}
