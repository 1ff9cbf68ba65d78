package report

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// chromium finds the headless browser, or skips (fails under CI=true, where
// .ci/run installs it).
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"/usr/bin/chromium", "chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("chromium is not installed (CI is set: .ci/run must install Debian's chromium package)")
	}
	t.Skip("chromium is not installed: apt-get install -y chromium to run the browser test (CI unset, so skipping)")
	return ""
}

// renderInBrowser loads the file in headless Chromium and returns the DOM.
func renderInBrowser(t *testing.T, browser, file string, extra ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	args := append([]string{
		"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir=" + t.TempDir(),
	}, extra...)
	args = append(args, "--dump-dom", "file://"+file)
	cmd := exec.CommandContext(ctx, browser, args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("chromium: %v\n%s", err, stderr.String())
	}
	return string(out)
}

func TestHTMLRendersInBrowser(t *testing.T) {
	browser := chromium(t)
	dir := t.TempDir()
	file := filepath.Join(dir, "plan.html")
	var b bytes.Buffer
	if err := WriteHTML(&b, fixtureInput(), fixtureFrontier()); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	dom := renderInBrowser(t, browser, file)
	for _, want := range []string{"<table", "Strategies, cheapest first", "Compared with the obvious approach", "$10,920.00", "Form 8606 line 10 is rounded half-up"} {
		if !strings.Contains(dom, want) {
			t.Errorf("rendered DOM lacks %q", want)
		}
	}
	if n := strings.Count(dom, "<table"); n < 5 {
		t.Errorf("rendered DOM has %d tables, want at least 5", n)
	}
	if n := strings.Count(dom, "<svg"); n < 2 {
		t.Errorf("rendered DOM has %d <svg> charts, want the year chart and the frontier", n)
	}
	bars := regexp.MustCompile(`<rect class="bar"[^>]*height="([1-9][0-9]*)"`).FindAllStringSubmatch(dom, -1)
	if len(bars) < 4 {
		t.Errorf("year chart has %d bracket bars with height, want one per bracket (0%%, 10%%, 12%%, 22%%, 24%%)", len(bars))
	}
	if !strings.Contains(dom, `class="curve"`) || strings.Count(dom, `class="point"`) != len(fixtureFrontier()) {
		t.Error("frontier chart lacks its curve or points")
	}
	if regexp.MustCompile(`(src|href)="(https?:)?//`).MatchString(b.String()) {
		t.Error("the page refers to an external resource")
	}
}
