package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/rothpath/optimize/scenario"
	"github.com/rothpath/optimize/search"
)

// withSearch replaces the search the commands run for the test's duration.
func withSearch(t *testing.T, f func(context.Context, *scenario.Scenario, search.Settings) (*search.Result, error)) {
	t.Helper()
	old := searchScenario
	searchScenario = f
	t.Cleanup(func() { searchScenario = old })
}

// A broken invariant is an internal error: exit 3, a message asking for a
// report (with the stack for a panic), never "bad input", nothing written.
func TestInternalErrorIsNotBadInput(t *testing.T) {
	seed := filepath.Join("..", "..", "examples", "seed000-split-rollover.yaml")
	for _, tc := range []struct {
		name  string
		fail  func() (*search.Result, error)
		stack bool
	}{
		{"panic", func() (*search.Result, error) { panic("objective: internal error: added income out of range") }, true},
		{"error", func() (*search.Result, error) {
			return nil, errors.New("search: a replay of a scored candidate failed")
		}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			withSearch(t, func(context.Context, *scenario.Scenario, search.Settings) (*search.Result, error) { return tc.fail() })
			out := filepath.Join(t.TempDir(), "plan.json")
			code, stdout, stderr := runCLI(t, "", "plan", seed, "-o", "json", "--out", out)
			if code != ExitInternal {
				t.Errorf("exit %d, want %d", code, ExitInternal)
			}
			if !strings.HasPrefix(stderr, "optimize: internal error (a bug in optimize, not a problem with the input): ") ||
				!strings.Contains(stderr, "please report it") || strings.Contains(stderr, "bad input") {
				t.Errorf("stderr %q", stderr)
			}
			if got := strings.Contains(stderr, "goroutine "); got != tc.stack {
				t.Errorf("stack trace shown: %v, want %v", got, tc.stack)
			}
			if _, err := os.Stat(out); stdout != "" || !errors.Is(err, os.ErrNotExist) {
				t.Errorf("something was written: stdout %q, --out %v", stdout, err)
			}
		})
	}
}

// In rank, an internal error is that household's row; the batch goes on
// and exits 3.
func TestRankInternalErrorIsItsRow(t *testing.T) {
	real := searchScenario
	withSearch(t, func(ctx context.Context, sc *scenario.Scenario, set search.Settings) (*search.Result, error) {
		if sc.Name == "boom" {
			panic("invariant broken")
		}
		return real(ctx, sc, set)
	})
	line := func(name string) string {
		return fmt.Sprintf(`{"name": %q, "start_year": 2026, "filing_status": "single", "people": [{"id": "c", "birth_year": 1960, "accounts": [{"id": "ira", "kind": "traditional_ira", "balance": 100000}]}], "goal": {"convert": 50000}}`, name)
	}
	in := line("a") + "\n" + line("boom") + "\n" + line("c") + "\n"
	code, out, stderr := runCLI(t, in, "rank", "-o", "json", "--workers", "2", "-")
	if code != ExitInternal || !strings.Contains(stderr, "1 of 3 households hit an internal error") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	rows := parseRows(t, out)
	if len(rows) != 3 || rows[1].Status != statusInternal || !strings.Contains(rows[1].Error, "invariant broken") ||
		rows[0].Status != "optimal" || rows[2].Status != "optimal" {
		t.Errorf("rows %+v", rows)
	}
}

// 0 is refused where it would silently mean something else; quick --age 0
// is an age, not a missing flag.
func TestZeroMeansWhatTheHelpSays(t *testing.T) {
	seed := filepath.Join("..", "..", "examples", "seed000-split-rollover.yaml")
	for _, tc := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"plan", seed, "--time-limit", "0"}, ExitBadInput, "--time-limit: 0s: give a positive duration"},
		{[]string{"frontier", seed, "--time-limit", "0s"}, ExitBadInput, "--time-limit: 0s: give a positive duration"},
		{[]string{"rank", seed, "--time-limit", "-1s"}, ExitBadInput, "--time-limit: -1s: give a positive duration"},
		{[]string{"plan", seed, "--top", "0"}, ExitBadInput, "--top: 0: give at least 1"},
		{[]string{"plan", seed, "--workers", "1000"}, ExitBadInput, "--workers: 1000 is outside 0..64"},
		{[]string{"rank", seed, "--workers", "65"}, ExitBadInput, "--workers: 65 is outside 0..64"},
		{[]string{"quick", "--age", "0", "--ira", "1000", "--goal", "100"}, ExitOK, ""},
		{[]string{"quick", "--age", "-1", "--ira", "1000", "--goal", "100"}, ExitBadInput, "--age: -1 is outside 0..126"},
		{[]string{"quick", "--ira", "1000", "--goal", "100"}, ExitBadInput, "--age or --birth-year: required"},
	} {
		code, _, stderr := runCLI(t, "", tc.args...)
		if code != tc.code || !strings.Contains(stderr, tc.msg) {
			t.Errorf("%v: exit %d, stderr %q; want %d and %q", tc.args, code, stderr, tc.code, tc.msg)
		}
	}
}

// A failed write stops the batch at once: the searches still to come are
// never started.
func TestRankStopsWhenOutputFails(t *testing.T) {
	var searches atomic.Int64
	real := searchScenario
	withSearch(t, func(ctx context.Context, sc *scenario.Scenario, set search.Settings) (*search.Result, error) {
		searches.Add(1)
		return real(ctx, sc, set)
	})
	line := `{"start_year": 2026, "filing_status": "single", "people": [{"id": "c", "birth_year": 1960, "accounts": [{"id": "ira", "kind": "traditional_ira", "balance": 100000}]}], "goal": {"convert": 50000}}`
	in := strings.Repeat(line+"\n", 200)
	w := &failAfter{n: 2}
	code := run(context.Background(), []string{"rank", "-o", "json", "--workers", "2", "-"}, strings.NewReader(in), w, &strings.Builder{})
	if code != ExitFailed {
		t.Errorf("exit %d, want %d", code, ExitFailed)
	}
	t.Logf("%d searches ran", searches.Load())
	if n := searches.Load(); n > 12 {
		t.Errorf("%d searches ran after the output failed at the third row", n)
	}
	// The header itself failing (CSV writes one) stops the batch too.
	searches.Store(0)
	var stderr strings.Builder
	code = run(context.Background(), []string{"rank", "-o", "csv", "--workers", "2", "-"}, strings.NewReader(in), &failAfter{}, &stderr)
	if code != ExitFailed || !strings.Contains(stderr.String(), "writing the report: disk full") {
		t.Errorf("header failed: exit %d, %q", code, stderr.String())
	}
	if n := searches.Load(); n > 8 {
		t.Errorf("%d searches ran after the header failed", n)
	}
}

// failAfter accepts n writes, then fails every one.
type failAfter struct{ n int }

func (f *failAfter) Write(p []byte) (int, error) {
	if f.n <= 0 {
		return 0, errors.New("disk full")
	}
	f.n--
	return len(p), nil
}
