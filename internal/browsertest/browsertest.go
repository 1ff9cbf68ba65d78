// Package browsertest drives Debian's headless Chromium from Go tests with
// chromedp: it finds the browser (skipping when it is missing and CI is
// unset, failing when CI is set, where .ci/run installs it), starts it with
// a clean profile and no network beyond the machine, and says where tests
// keep their screenshots.
package browsertest

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Chromium returns the browser's path, or skips the test (fails it when
// the CI variable is set).
func Chromium(t testing.TB) string {
	t.Helper()
	for _, name := range []string{"/usr/bin/chromium", "chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("chromium is not installed (CI is set: .ci/run must install Debian's chromium package)")
	}
	t.Skip("chromium is not installed: apt-get install -y chromium to run the browser tests (CI unset, so skipping)")
	return ""
}

// New starts headless Chromium with a window of width x height pixels and
// returns a browser context for its first tab, limited to timeout and
// ended with the test.
func New(t testing.TB, width, height int, timeout time.Duration) context.Context {
	t.Helper()
	browser := Chromium(t)
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(browser),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(width, height),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("no-first-run", true),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(actx)
	// The first call starts the browser; it must not carry the timeout,
	// which would end the whole browser (see chromedp.Run).
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		cancelCtx()
		cancelAlloc()
		t.Fatalf("starting chromium: %v", err)
	}
	tctx, cancelTimeout := context.WithTimeout(ctx, timeout)
	t.Cleanup(func() {
		cancelTimeout()
		cancelCtx()
		cancelAlloc()
	})
	return tctx
}

// ArtifactDir is where a test keeps files worth looking at after the run
// (screenshots, PDFs): $OPTIMIZE_ARTIFACTS/<test name> when that variable is
// set (.ci/run sets it and keeps the folder), else a temporary folder.
func ArtifactDir(t testing.TB) string {
	t.Helper()
	root := os.Getenv("OPTIMIZE_ARTIFACTS")
	if root == "" {
		return t.TempDir()
	}
	dir := filepath.Join(root, strings.NewReplacer("/", "_", " ", "_").Replace(t.Name()))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// Save writes data to name under the test's artifact folder and logs where.
func Save(t testing.TB, name string, data []byte) string {
	t.Helper()
	path := filepath.Join(ArtifactDir(t), name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("saved %s", path)
	return path
}
