package cli

import (
	"strings"
	"testing"
	"time"
)

// fakeProgress is a progress bar on a buffer with a clock the test moves.
func fakeProgress(total int, size int64) (*progress, *strings.Builder, *time.Time) {
	var b strings.Builder
	start := time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)
	now := start
	p := &progress{w: &b, on: true, total: total, size: size, now: func() time.Time { return now }, start: start}
	return p, &b, &now
}

// last is the line the bar shows now.
func last(b *strings.Builder) string {
	s := b.String()
	return s[strings.LastIndex(s, "\x1b[K")+3:]
}

func TestProgressTotalAndETA(t *testing.T) {
	p, b, now := fakeProgress(10_000, 0)
	*now = now.Add(time.Minute)
	p.update(2_500, 3, -1)
	want := "[======                  ] 2,500 of 10,000 households, 3 failed, 41.7/s, about 3m0s left"
	if got := last(b); got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
	*now = now.Add(50 * time.Millisecond)
	p.update(2_501, 3, -1) // within 100 ms: not redrawn
	if got := last(b); got != want {
		t.Errorf("redrawn within 100 ms: %q", got)
	}
	*now = now.Add(2 * time.Hour)
	p.update(5_000, 3, -1)
	if got := last(b); !strings.HasSuffix(got, "about 2h1m0s left") {
		t.Errorf("past an hour: %q", got)
	}
	p.update(10_000, 3, -1) // the end is always drawn, with no estimate
	if got := last(b); !strings.HasPrefix(got, "[========================] 10,000 of 10,000") || strings.Contains(got, "left") {
		t.Errorf("at the end: %q", got)
	}
}

// stdin redirected from a file: the share is the input's bytes through the
// last household written.
func TestProgressStdinShare(t *testing.T) {
	p, b, now := fakeProgress(0, 1_000)
	*now = now.Add(10 * time.Second)
	p.update(40, 0, 200)
	if got := last(b); got != "[====                    ] 40 households, 20% of stdin, 0 failed, 4.0/s, about 40s left" {
		t.Errorf("got %q", got)
	}
}

// A pipe: no total, a count and a rate only.
func TestProgressUnknownTotal(t *testing.T) {
	p, b, now := fakeProgress(0, 0)
	*now = now.Add(2 * time.Second)
	p.update(7, 1, 500)
	if got := last(b); !strings.HasSuffix(got, "] 7 households done, 1 failed, 3.5/s") {
		t.Errorf("got %q", got)
	}
}

// Not a terminal: nothing at all.
func TestProgressOffWithoutTerminal(t *testing.T) {
	var b strings.Builder
	p := newProgress(&b)
	p.update(1, 0, -1)
	p.done()
	if b.Len() != 0 {
		t.Errorf("wrote %q", b.String())
	}
}

func TestGroup(t *testing.T) {
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1,000", 1234567: "1,234,567", -1234: "-1,234"} {
		if got := group(n); got != want {
			t.Errorf("group(%d) = %q, want %q", n, got, want)
		}
	}
}
