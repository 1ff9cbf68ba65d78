package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/rothpath/optimize/bench"
)

// soakInput writes a random batch of JSON Lines: generated households of
// several shapes, malformed lines, households past the supported ranges,
// blank lines and now and then a line over the 1 MiB limit. It returns the
// line numbers that hold a household (every non-blank line), in order.
func soakInput(t *testing.T, r *rand.Rand, path string) []int {
	t.Helper()
	var b bytes.Buffer
	var lines []int
	n := 50 + r.IntN(200)
	for i := range n {
		line := 0
		switch k := r.IntN(20); {
		case k < 12:
			sh := bench.TinyShape
			if k < 7 {
				sh = bench.RealisticShape
			}
			js, err := bench.ScenarioJSON(bench.Generate(r.Uint64(), sh))
			if err != nil {
				t.Fatal(err)
			}
			b.Write(js)
		case k < 14:
			b.WriteString(`{"start_year": 2026, "filing_status": "single", "people": [`) // cut short
		case k < 16:
			b.WriteString(`{"start_year": 2026, "filing_status": "single", "people": [{"id": "c", "birth_year": 1960, "accounts": [{"id": "i", "kind": "traditional_ira", "balance": 30000000000}]}], "goal": {"convert": 1}}`)
		case k < 18:
			b.WriteString("   ") // blank: no household
			line = -1
		case k < 19 && i%5 == 0:
			b.WriteString(`{"name": "` + strings.Repeat("x", 1<<20+10) + `"}`)
		default:
			b.WriteString("not json at all")
		}
		b.WriteByte('\n')
		if line == 0 {
			lines = append(lines, i+1)
		}
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return lines
}

// soakRun is one run of rank interrupted at a random moment.
type soakRun struct {
	seed     uint64
	out      bool // --out instead of stdout
	slow     bool // stdin written a line every 2 ms instead of all at once
	sig      syscall.Signal
	after    time.Duration // when the signal is sent
	twice    bool          // a second signal soon after: the hard stop
	workers  int
	expected []int // the stdin line numbers of the households, in order
}

// TestRankSoakInterrupts runs rank 50 times on random good and bad lines and
// interrupts it at a random moment (SIGINT or SIGTERM, sometimes twice, to
// stdout or --out, the lines written at once or slowly on a stdin that
// stays open, so that the signal ends every run). Every run must leave its
// rows whole and in input order with no gap (stdin:N for each household up
// to the last reported, none missing), each answered, failed or "not
// finished", and no temporary file; a hard stop (the second signal) leaves
// --out as it was. Runs go four at a time; the test takes about 5 s.
func TestRankSoakInterrupts(t *testing.T) {
	bin := buildOptimize(t)
	const runs = 50
	r := rand.New(rand.NewPCG(15, uint64(time.Now().UnixNano())))
	sem := make(chan struct{}, 4)
	var wg sync.WaitGroup
	var mu sync.Mutex
	stats := map[string]int{}
	began := time.Now()
	for range runs {
		run := soakRun{
			seed:    r.Uint64(),
			out:     r.IntN(2) == 0,
			slow:    r.IntN(3) == 0,
			sig:     []syscall.Signal{syscall.SIGINT, syscall.SIGTERM}[r.IntN(2)],
			after:   time.Duration(r.IntN(400)) * time.Millisecond,
			twice:   r.IntN(5) == 0,
			workers: 1 + r.IntN(4),
		}
		dir := t.TempDir()
		run.expected = soakInput(t, rand.New(rand.NewPCG(run.seed, 1)), filepath.Join(dir, "in.jsonl"))
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			outcome := soakOnce(t, bin, dir, run)
			mu.Lock()
			stats[outcome]++
			mu.Unlock()
		}()
	}
	wg.Wait()
	t.Logf("%d runs in %v: %v", runs, time.Since(began).Round(time.Millisecond), stats)
}

// soakOnce runs and checks one interrupted rank; it returns how it ended.
func soakOnce(t *testing.T, bin, dir string, run soakRun) string {
	name := fmt.Sprintf("seed %d (out %v, slow %v, %v after %v, twice %v, %d workers)", run.seed, run.out, run.slow, run.sig, run.after, run.twice, run.workers)
	target := filepath.Join(dir, "ranked.jsonl")
	const before = "the previous report\n"
	if run.out {
		if err := os.WriteFile(target, []byte(before), 0o644); err != nil {
			t.Error(err)
			return "setup"
		}
	}
	args := []string{"rank", "-o", "json", "--workers", fmt.Sprint(run.workers), "-"}
	if run.out {
		args = append(args, "--out", target)
	}
	cmd := exec.Command(bin, args...)
	cmd.Dir = dir
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	in, err := os.ReadFile(filepath.Join(dir, "in.jsonl"))
	if err != nil {
		t.Error(err)
		return "setup"
	}
	// stdin stays open until rank exits, so that only the signal ends it:
	// every run is interrupted, busy or idle.
	w, err := cmd.StdinPipe()
	if err != nil {
		t.Error(err)
		return "setup"
	}
	defer w.Close()
	if err := cmd.Start(); err != nil {
		t.Error(err)
		return "setup"
	}
	go func() {
		if !run.slow {
			w.Write(in)
			return
		}
		for _, line := range bytes.SplitAfter(in, []byte("\n")) {
			if _, err := w.Write(line); err != nil {
				return
			}
			time.Sleep(2 * time.Millisecond)
		}
	}()
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	time.Sleep(run.after)
	cmd.Process.Signal(run.sig)
	if run.twice {
		time.Sleep(time.Duration(run.seed%30) * time.Millisecond)
		cmd.Process.Signal(run.sig)
	}
	var werr error
	select {
	case werr = <-done:
	case <-time.After(15 * time.Second):
		cmd.Process.Kill()
		<-done
		t.Errorf("%s: no exit 15 s after the signal; stderr %q", name, stderr.String())
		return "hung"
	}
	code := 0
	killed := false
	if ee, ok := werr.(*exec.ExitError); ok {
		code = ee.ExitCode()
		ws, ok := ee.Sys().(syscall.WaitStatus)
		killed = ok && ws.Signaled()
	}
	want := map[syscall.Signal]int{syscall.SIGINT: ExitInterrupted, syscall.SIGTERM: ExitTerminated}[run.sig]
	if tmps, _ := filepath.Glob(filepath.Join(dir, ".*.tmp-*")); len(tmps) > 0 {
		t.Errorf("%s: temporary files left: %v", name, tmps)
	}
	report := stdout.String()
	if run.out {
		b, err := os.ReadFile(target)
		if err != nil {
			t.Errorf("%s: --out: %v", name, err)
			return "lost"
		}
		report = string(b)
		if stdout.Len() > 0 {
			t.Errorf("%s: stdout %q with --out", name, clip(stdout.String()))
		}
	}
	hard := strings.Contains(stderr.String(), "again: stopped at once")
	switch {
	case killed:
		// The signal came before the program set its handler, in its
		// first milliseconds, before any work: nothing may have changed.
		if report != before && (run.out || report != "") {
			t.Errorf("%s: killed by the signal at start, yet the report is %q", name, clip(report))
		}
		return "killed at start"
	case code != want:
		t.Errorf("%s: exit %d, want %d; stderr %q", name, code, want, stderr.String())
		return "bad exit"
	case hard && run.out:
		// Stopped at once: --out is as it was, unless the report had
		// already been renamed into place whole.
		if report != before {
			checkSoakRows(t, name, report, run.expected)
		}
		return "hard stop"
	case hard:
		// Stopped at once while writing: whole rows so far, in order.
		if i := strings.LastIndexByte(report, '\n'); i >= 0 {
			report = report[:i+1]
		} else {
			report = ""
		}
		checkSoakRows(t, name, report, run.expected)
		return "hard stop"
	}
	if n := checkSoakRows(t, name, report, run.expected); n < len(run.expected) {
		return "interrupted mid-batch"
	}
	return "interrupted once all were answered"
}

// checkSoakRows checks that the rows are the households' lines in order
// with none missing, each with a status.
func checkSoakRows(t *testing.T, name, report string, expected []int) (answered int) {
	t.Helper()
	if report != "" && !strings.HasSuffix(report, "\n") {
		t.Errorf("%s: the report ends inside a row", name)
	}
	var rows []string
	if report != "" {
		rows = strings.Split(strings.TrimSuffix(report, "\n"), "\n")
	}
	if len(rows) > len(expected) {
		t.Errorf("%s: %d rows for %d households", name, len(rows), len(expected))
		return
	}
	known := map[string]bool{"optimal": true, "feasible": true, "infeasible": true, statusBadInput: true,
		statusError: true, statusNotFinished: true}
	for i, line := range rows {
		var r struct{ Input, Status string }
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Errorf("%s: row %d is not JSON: %v", name, i+1, err)
			return
		}
		if want := fmt.Sprintf("stdin:%d", expected[i]); r.Input != want {
			t.Errorf("%s: row %d is %s, want %s: a gap", name, i+1, r.Input, want)
			return
		}
		if !known[r.Status] {
			t.Errorf("%s: row %d: status %q", name, i+1, r.Status)
		}
		if r.Status != statusNotFinished {
			answered++
		}
	}
	return answered
}
