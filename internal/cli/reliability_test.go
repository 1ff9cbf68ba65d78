package cli

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/rothpath/optimize/bench"
	"github.com/rothpath/optimize/report"
	"github.com/rothpath/optimize/scenario"
	"github.com/rothpath/optimize/search"
)

// The plan report does not depend on the number of search workers: the
// design's "ties break in a fixed order" seen from the command line.
func TestPlanJSONSameForAnyWorkers(t *testing.T) {
	for _, path := range examples(t) {
		t.Run(filepath.Base(path), func(t *testing.T) {
			var first string
			for _, w := range []string{"1", "8", "2", "1", "8"} {
				code, out, stderr := runCLI(t, "", "plan", path, "-o", "json", "--workers", w)
				if code != ExitOK {
					t.Fatalf("--workers %s: exit %d: %s", w, code, stderr)
				}
				if !json.Valid([]byte(out)) {
					t.Fatalf("--workers %s: invalid JSON", w)
				}
				if first == "" {
					first = out
				} else if out != first {
					t.Fatalf("--workers %s output differs from --workers 1", w)
				}
			}
		})
	}
}

// bigYAML is a household too large to search in seconds: two people, three
// plans each with after-tax money, accepting roll-ins and allowing in-plan
// Roth rollovers, over the longest horizon, 40 years.
func bigYAML() string {
	var b strings.Builder
	b.WriteString("name: too large to prove\nstart_year: 2026\nhorizon_years: 40\nfiling_status: married_joint\npeople:\n")
	for i, person := range []string{"ann", "bob"} {
		fmt.Fprintf(&b, "  - id: %s\n    birth_year: %d\n    separated_from_service: true\n    accounts:\n", person, 1966+i*3)
		fmt.Fprintf(&b, "      - id: %s-ira\n        kind: traditional_ira\n        balance: %d\n        basis: %d\n", person, 300000+i*50000, 40000+i*10000)
		for j, kind := range []string{"401k", "403b", "401k"} {
			fmt.Fprintf(&b, "      - id: %s-plan%d\n        kind: %s\n        pretax: %d\n        after_tax_contributions: %d\n",
				person, j+1, kind, 200000+j*70000+i*10000, 30000+j*15000)
			if j == 1 {
				b.WriteString("        after_tax_earnings: 9000\n        separate_after_tax_account: true\n")
			}
			if j == 2 {
				b.WriteString("        pre1987_after_tax: 4000\n        designated_roth: 20000\n        separated_from_service: false\n        in_service_sources: [after_tax, pretax, roth]\n")
			}
			b.WriteString("        allows_in_plan_roth_rollover: true\n        accepts_ira_roll_in: true\n")
		}
	}
	b.WriteString("cash: 150000\nincome:\n  - year: 2026\n    wages: 90000\n    other_ordinary: 4000\ngoal:\n  convert: 900000\n")
	// (Without the growth, state tax and IRMAA below, one structure's fill
	// over 40 years takes about 10 s of CPU; the search stops inside it at
	// the limit: see search/determinism_test.go, TestTimeLimitOneSlowFill.)
	b.WriteString("objective: present_value\nassumptions:\n  discount_rate: 0.03\n  inflation: 0.025\n  growth_rate: 0.04\n  state_tax_rate: 0.05\nconstraints:\n  irmaa: cost\n")
	return b.String()
}

// A search stopped by --time-limit answers (exit 0) and says the answer is
// not proven optimal: "status": "feasible" in JSON, in words in the table.
func TestPlanTimeLimitSaysNotProven(t *testing.T) {
	path := filepath.Join(t.TempDir(), "big.yaml")
	if err := os.WriteFile(path, []byte(bigYAML()), 0o644); err != nil {
		t.Fatal(err)
	}
	began := time.Now()
	code, out, stderr := runCLI(t, "", "plan", path, "--time-limit", "2s", "-o", "json")
	took := time.Since(began)
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	t.Logf("returned after %v", took)
	if took > 8*time.Second {
		t.Errorf("--time-limit 2s returned after %v", took)
	}
	var res struct {
		Status     string `json:"status"`
		Goal       struct{ Reached bool }
		Strategies []json.RawMessage `json:"strategies"`
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	if res.Status != "feasible" {
		t.Errorf(`status %q, want "feasible" (stopped early, not proven optimal)`, res.Status)
	}
	if len(res.Strategies) == 0 || !res.Goal.Reached {
		t.Errorf("%d strategies, reached %v: a 2 s search of this household finds one", len(res.Strategies), res.Goal.Reached)
	}
	code, out, stderr = runCLI(t, "", "plan", path, "--time-limit", "300ms")
	if code != ExitOK || !strings.Contains(strings.Join(strings.Fields(out), " "), "not proven optimal") { // the report wraps its lines
		t.Errorf("table: exit %d, want it to say \"not proven optimal\"; stderr %s\n%s", code, stderr, out)
	}
}

// A limit too short for the search to find anything: exit 1, and both the
// report and stderr say the goal is not proven unreachable. (The search is
// given a limit already past; from the command line the limit covers
// reading the file too, which a nanosecond does not leave time for: see
// TestPlanTimeLimitCoversReading.)
func TestPlanTimeLimitNothingFound(t *testing.T) {
	sc, err := scenario.Parse([]byte(bigYAML()))
	if err != nil {
		t.Fatal(err)
	}
	var out, stderr bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: &out, stderr: &stderr}
	set := search.Settings{Top: 5, TimeLimit: time.Nanosecond}
	ctx, cancel := withTimeLimit(context.Background(), set)
	defer cancel()
	code := reportError(&stderr, solve(ctx, e, sc, set, report.Table, &outputFlags{}, false, clientFlags{}))
	if code != ExitFailed {
		t.Fatalf("exit %d, want %d; stderr %s", code, ExitFailed, stderr.String())
	}
	text := strings.Join(strings.Fields(out.String()), " ") // the report wraps its lines
	if !strings.Contains(stderr.String(), "not proven unreachable") || !strings.Contains(text, "not proven unreachable") {
		t.Errorf("want both to say the goal is not proven unreachable; stderr %q\n%s", stderr.String(), out.String())
	}
}

// The time limit covers reading the input: a limit that passes while the
// file is read stops the command with exit 1 and nothing written.
func TestPlanTimeLimitCoversReading(t *testing.T) {
	path := filepath.Join(t.TempDir(), "big.yaml")
	if err := os.WriteFile(path, []byte(bigYAML()), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, stderr := runCLI(t, "", "plan", path, "--time-limit", "1ns")
	if code != ExitFailed || out != "" || !strings.Contains(stderr, "the time limit (1ns) passed while reading") {
		t.Errorf("exit %d, stdout %q, stderr %q", code, out, stderr)
	}
}

// A folder with good households and one bad one: the bad one's row names
// the field, the others are answered, and the exit status is 1 ("failed or
// cannot reach their goal", as rank.go documents) with the count on stderr.
func TestRankFolderWithOneBadHousehold(t *testing.T) {
	dir := t.TempDir()
	copyFile := func(src, dst string) {
		b, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, dst), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	copyFile("../../examples/seed000-split-rollover.yaml", "a-good.yaml")
	copyFile("../../testdata/bad/negative_money.yaml", "b-bad.yaml")
	copyFile("../../examples/seed004-403b-split.yaml", "c-good.yaml")
	if err := os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("not a scenario"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, stderr := runCLI(t, "", "rank", "-o", "json", "--workers", "2", dir)
	if code != ExitFailed {
		t.Errorf("exit %d, want %d", code, ExitFailed)
	}
	if !strings.Contains(stderr, "1 of 3 households failed") {
		t.Errorf("stderr %q", stderr)
	}
	rows := parseRows(t, out)
	if len(rows) != 3 {
		t.Fatalf("%d rows, want 3:\n%s", len(rows), out)
	}
	for i, want := range []string{"a-good.yaml", "b-bad.yaml", "c-good.yaml"} {
		if filepath.Base(rows[i].Input) != want {
			t.Errorf("row %d is %s, want %s", i, rows[i].Input, want)
		}
	}
	if e := rows[1].Error; !strings.Contains(e, "people[0].accounts[1].balance") || rows[1].Status != "bad input" {
		t.Errorf("bad row: status %q error %q, want bad input naming people[0].accounts[1].balance", rows[1].Status, e)
	}
	for _, i := range []int{0, 2} {
		if st := rows[i].Status; rows[i].Error != "" || (st != "optimal" && st != "feasible") || rows[i].TotalTax == "" {
			t.Errorf("good row %d: %+v", i, rows[i])
		}
	}
}

type rowOut struct {
	Input, Scenario, Status, Error string
	TotalTax                       string `json:"total_tax"`
}

// parseRows parses JSON Lines rows, failing on any line that is not one.
func parseRows(t *testing.T, out string) []rowOut {
	t.Helper()
	var rows []rowOut
	for i, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		if line == "" && out == "" {
			break
		}
		var r rowOut
		var raw map[string]any
		if err := json.Unmarshal([]byte(line), &raw); err != nil {
			t.Fatalf("line %d is not JSON: %v: %q", i+1, err, line)
		}
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatalf("line %d: %v", i+1, err)
		}
		rows = append(rows, r)
	}
	return rows
}

// buildOptimize builds the command once per test binary run.
func buildOptimize(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := filepath.Join(t.TempDir(), "optimize")
	cmd := exec.Command("go", "build", "-o", bin, "../../cmd/optimize")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// checkInterruptedRows checks an interrupted rank's output: every line a
// whole JSON row, inputs strictly in input order, at least the rows already
// seen before the interrupt.
func checkInterruptedRows(t *testing.T, out string, seen int) []rowOut {
	t.Helper()
	if out != "" && !strings.HasSuffix(out, "\n") {
		t.Errorf("output ends inside a row: %q", out[max(0, len(out)-80):])
	}
	rows := parseRows(t, out)
	if len(rows) < seen {
		t.Errorf("%d rows after the interrupt, %d were already written", len(rows), seen)
	}
	prev := 0
	for _, r := range rows {
		var n int
		if _, err := fmt.Sscanf(r.Input, "stdin:%d", &n); err != nil || n <= prev {
			t.Errorf("row %q out of input order (after stdin:%d)", r.Input, prev)
		}
		prev = n
		if r.Error == "" && r.TotalTax == "" && r.Status != "infeasible" {
			t.Errorf("row %+v neither answered nor failed", r)
		}
	}
	return rows
}

// SIGINT during `rank -` on a large JSON Lines input stops the batch: exit
// status 130, "interrupted" on stderr, and every household finished so far
// written whole, in input order.
func TestRankInterruptLargeInput(t *testing.T) {
	bin := buildOptimize(t)
	var in bytes.Buffer
	const n = 400
	if err := bench.WriteJSONLines(&in, n, bench.Shape{Plans: -1, Couples: true, Horizon: 12}); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "rank", "-o", "json", "--workers", "2", "-")
	cmd.Stdin = &in
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	br := bufio.NewReader(stdout)
	seen := 0
	for seen < 5 {
		line, err := br.ReadBytes('\n')
		out.Write(line)
		if err != nil {
			t.Fatalf("output ended after %d rows: %v; stderr %s", seen, err, stderr.String())
		}
		seen++
	}
	if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := io.Copy(&out, br)
		if err == nil {
			err = cmd.Wait()
		}
		done <- err
	}()
	select {
	case err = <-done:
	case <-time.After(30 * time.Second):
		cmd.Process.Kill()
		t.Fatalf("no exit 30 s after SIGINT; stderr %s", stderr.String())
	}
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != ExitInterrupted {
		t.Errorf("exit %v, want status %d", err, ExitInterrupted)
	}
	if !strings.Contains(stderr.String(), "interrupted") {
		t.Errorf("stderr %q, want it to say interrupted", stderr.String())
	}
	rows := checkInterruptedRows(t, out.String(), seen)
	if len(rows) >= n {
		t.Errorf("all %d households answered: the interrupt did not stop the batch", n)
	}
	t.Logf("%d of %d rows before the interrupt stopped the batch", len(rows), n)
}

// SIGINT while `rank -` waits on a slow stream (stdin open, no new line)
// ends the batch too, with what was finished.
func TestRankInterruptSlowStream(t *testing.T) {
	bin := buildOptimize(t)
	var in bytes.Buffer
	if err := bench.WriteJSONLines(&in, 2, bench.Shape{Plans: -1, Horizon: 1}); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "rank", "-o", "json", "-")
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	defer stdin.Close()
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	if _, err := stdin.Write(in.Bytes()); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	br := bufio.NewReader(stdout)
	for seen := 0; seen < 2; seen++ {
		line, err := br.ReadBytes('\n')
		out.Write(line)
		if err != nil {
			t.Fatalf("output ended after %d rows: %v; stderr %s", seen, err, stderr.String())
		}
	}
	// Both households are answered; stdin stays open with nothing more, so
	// the reader is blocked in a read that only a new line or EOF ends.
	if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	sent := time.Now()
	done := make(chan error, 1)
	go func() {
		_, err := io.Copy(&out, br)
		if err == nil {
			err = cmd.Wait()
		}
		done <- err
	}()
	select {
	case err = <-done:
	case <-time.After(10 * time.Second):
		// Regression: the batch waits on the idle stream (the reader blocked
		// in Scanner.Scan) instead of ending on the interrupt. Closing stdin
		// tells that wait apart from a hang elsewhere.
		stdin.Close()
		select {
		case err = <-done:
			t.Fatalf("no exit 10 s after SIGINT while stdin was open and idle; exit %v once stdin closed, %d rows; stderr %q: "+
				"rankCmd.batch (rank.go) must not wait for the reader (or for jobs to close) once the context is cancelled",
				err, strings.Count(out.String(), "\n"), stderr.String())
		case <-time.After(10 * time.Second):
			cmd.Process.Kill()
			<-done
			t.Fatalf("no exit after SIGINT, even once stdin is closed; stderr %q", stderr.String())
		}
	}
	took := time.Since(sent)
	t.Logf("exited %v after SIGINT", took)
	if took > 2*time.Second {
		t.Errorf("exited %v after SIGINT, want within 2 s", took)
	}
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != ExitInterrupted {
		t.Errorf("exit %v, want status %d", err, ExitInterrupted)
	}
	if !strings.Contains(stderr.String(), "interrupted (SIGINT): 2 households reported") {
		t.Errorf("stderr %q, want it to say interrupted with the 2 households reported", stderr.String())
	}
	if rows := checkInterruptedRows(t, out.String(), 2); len(rows) != 2 {
		t.Errorf("%d rows, want the 2 finished", len(rows))
	}
}

// The same interrupt with --out: while the batch runs only the temporary
// file exists; the interrupt ends the batch promptly although stdin is still
// open, the report of the finished households is renamed into place whole,
// and no temporary file is left.
func TestRankInterruptIdleStdinOut(t *testing.T) {
	var in bytes.Buffer
	if err := bench.WriteJSONLines(&in, 2, bench.Shape{Plans: -1, Horizon: 1}); err != nil {
		t.Fatal(err)
	}
	pr, pw := io.Pipe()
	t.Cleanup(func() { pw.Close() }) // ends the reader left blocked in its read
	go pw.Write(in.Bytes())
	dir := t.TempDir()
	target := filepath.Join(dir, "ranked.jsonl")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stdout, stderr bytes.Buffer
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"rank", "-o", "json", "--out", target, "-"}, pr, &stdout, &stderr)
	}()

	// Wait until both rows are in the temporary file.
	deadline := time.Now().Add(20 * time.Second)
	for {
		tmps, _ := filepath.Glob(filepath.Join(dir, ".ranked.jsonl.tmp-*"))
		if len(tmps) == 1 {
			if b, err := os.ReadFile(tmps[0]); err == nil && bytes.Count(b, []byte("\n")) == 2 {
				break
			}
		}
		select {
		case code := <-done:
			t.Fatalf("rank ended (exit %d) with stdin still open and no interrupt; stderr %q", code, stderr.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("the 2 rows were not written to a temporary file in 20 s; stderr %q", stderr.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
	if _, err := os.Stat(target); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("--out target exists before the batch ended: %v", err)
	}

	cancel() // the interrupt
	sent := time.Now()
	var code int
	select {
	case code = <-done:
	case <-time.After(10 * time.Second):
		t.Fatalf("no return 10 s after the interrupt while stdin was open and idle; stderr %q", stderr.String())
	}
	if took := time.Since(sent); took > 2*time.Second {
		t.Errorf("returned %v after the interrupt, want within 2 s", took)
	}
	if code != ExitInterrupted || !strings.Contains(stderr.String(), "interrupted (SIGINT): 2 households reported") {
		t.Errorf("exit %d, stderr %q; want %d and interrupted with the 2 households reported", code, stderr.String(), ExitInterrupted)
	}
	if stdout.Len() != 0 {
		t.Errorf("stdout %q, want nothing (the report goes to --out)", stdout.String())
	}
	b, err := os.ReadFile(target)
	if err != nil {
		t.Fatal(err)
	}
	if rows := checkInterruptedRows(t, string(b), 2); len(rows) != 2 {
		t.Errorf("%d rows in --out, want the 2 finished", len(rows))
	}
	if tmps, _ := filepath.Glob(filepath.Join(dir, ".ranked.jsonl.tmp-*")); len(tmps) != 0 {
		t.Errorf("temporary files left: %v", tmps)
	}
}
