package cli

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// runCLI runs the command line and returns the exit status and outputs.
func runCLI(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/cli -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file; got:\n%s", name, got)
	}
}

func examples(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("..", "..", "examples", "*.yaml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no examples: %v", err)
	}
	return files
}

func TestGoldenPlanExamples(t *testing.T) {
	for _, file := range examples(t) {
		base := strings.TrimSuffix(filepath.Base(file), ".yaml")
		for _, f := range []struct{ format, ext string }{{"table", "txt"}, {"markdown", "md"}, {"json", "json"}} {
			t.Run(base+"/"+f.format, func(t *testing.T) {
				code, out, stderr := runCLI(t, "", "plan", file, "-o", f.format, "--workers", "2")
				if code != ExitOK && code != ExitFailed {
					t.Fatalf("exit %d: %s", code, stderr)
				}
				golden(t, "plan-"+base+"."+f.ext, []byte(out))
			})
		}
	}
}

func TestGoldenQuick(t *testing.T) {
	code, out, stderr := runCLI(t, "", "quick", "--age", "63", "--plan-pretax", "350000", "--plan-after-tax", "50000",
		"--ira", "400000", "--ira-basis", "15000", "--goal", "200000", "-o", "markdown")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	golden(t, "quick-seed000.md", []byte(out))
}

func TestGoldenFrontier(t *testing.T) {
	file := filepath.Join("..", "..", "examples", "seed000-split-rollover.yaml")
	code, out, stderr := runCLI(t, "", "frontier", file, "--step", "100000")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	golden(t, "frontier-seed000.txt", []byte(out))
}

func TestValidate(t *testing.T) {
	for _, file := range examples(t) {
		code, out, stderr := runCLI(t, "", "validate", file)
		if code != ExitOK || out != "ok\n" {
			t.Errorf("%s: exit %d, %q, %s", file, code, out, stderr)
		}
	}
}

// badScenario is the seed with one field broken.
func badScenario(t *testing.T, dir, from, to string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "examples", "seed000-split-rollover.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), from) {
		t.Fatalf("example lacks %q", from)
	}
	path := filepath.Join(dir, "bad.yaml")
	if err := os.WriteFile(path, []byte(strings.Replace(string(data), from, to, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestBadInputExitsTwoAndWritesNothing(t *testing.T) {
	for _, tc := range []struct {
		name  string
		from  string // edit of the seed scenario; empty: use it as is
		to    string
		args  []string // FILE and OUT are replaced
		field string   // the message must name it
	}{
		{"unknown key", "cash: 100000", "cash: 100000\ncolour: blue", []string{"plan", "FILE", "--out", "OUT"}, "colour"},
		{"negative money", "balance: 400000", "balance: -400000", []string{"plan", "FILE", "--out", "OUT"}, "balance"},
		{"basis above balance", "basis: 15000", "basis: 500000", []string{"plan", "FILE", "-o", "json", "--out", "OUT"}, "basis"},
		{"goal too large", "convert: 200000", "convert: 9000000", []string{"plan", "FILE", "--out", "OUT"}, "goal.convert"},
		{"bad status", "filing_status: single", "filing_status: widow", []string{"frontier", "FILE", "--out", "OUT"}, "filing_status"},
		{"missing file", "", "", []string{"plan", "MISSING", "--out", "OUT"}, "missing.yaml"},
		{"bad format", "", "", []string{"plan", "FILE", "-o", "xml", "--out", "OUT"}, "-o"},
		{"bad flag", "", "", []string{"plan", "FILE", "--topp", "3", "--out", "OUT"}, "topp"},
		{"bad top", "", "", []string{"plan", "FILE", "--top", "-1", "--out", "OUT"}, "--top"},
		{"bad step", "", "", []string{"frontier", "FILE", "--step", "1e5", "--out", "OUT"}, "--step"},
		{"quick bad money", "", "", []string{"quick", "--age", "63", "--ira", "4OO", "--goal", "1", "--out", "OUT"}, "--ira"},
		{"quick goal too large", "", "", []string{"quick", "--age", "63", "--ira", "400", "--goal", "1000", "--out", "OUT"}, "--goal"},
		{"quick basis above balance", "", "", []string{"quick", "--age", "63", "--ira", "400", "--ira-basis", "500", "--goal", "100", "--out", "OUT"}, "--ira-basis"},
		{"quick no age", "", "", []string{"quick", "--ira", "400", "--goal", "100", "--out", "OUT"}, "--age"},
		{"rank missing input", "", "", []string{"rank", "MISSING", "--out", "OUT"}, "missing.yaml"},
		{"validate", "basis: 15000", "basis: 500000", []string{"validate", "FILE"}, "basis"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			file := filepath.Join("..", "..", "examples", "seed000-split-rollover.yaml")
			if tc.from != "" {
				file = badScenario(t, dir, tc.from, tc.to)
			}
			out := filepath.Join(dir, "report.out")
			args := make([]string, len(tc.args))
			for i, a := range tc.args {
				switch a {
				case "FILE":
					a = file
				case "OUT":
					a = out
				case "MISSING":
					a = filepath.Join(dir, "missing.yaml")
				}
				args[i] = a
			}
			code, stdout, stderr := runCLI(t, "", args...)
			if code != ExitBadInput {
				t.Errorf("exit %d, want %d; stderr: %s", code, ExitBadInput, stderr)
			}
			if stdout != "" {
				t.Errorf("stdout not empty: %q", stdout)
			}
			if !strings.HasPrefix(stderr, "optimize: ") || !strings.Contains(stderr, tc.field) {
				t.Errorf("stderr %q: want the prefix optimize: and the field %q", stderr, tc.field)
			}
			entries, _ := os.ReadDir(dir)
			for _, e := range entries {
				if e.Name() != "bad.yaml" {
					t.Errorf("left %s in the output folder", e.Name())
				}
			}
		})
	}
}

// A tax year before the first one with published figures is bad input,
// caught by validation with the field and line: exit 2, nothing written.
func TestYearWithoutFiguresIsBadInput(t *testing.T) {
	dir := t.TempDir()
	src, err := os.ReadFile(filepath.Join("..", "..", "examples", "seed000-split-rollover.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	old := strings.ReplaceAll(strings.ReplaceAll(string(src), "2026", "2020"), "start_year: 2020", "start_year: 2020")
	in := filepath.Join(dir, "old.yaml")
	if err := os.WriteFile(in, []byte(old), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "plan.html")
	code, stdout, stderr := runCLI(t, "", "plan", in, "-o", "html", "--out", out)
	if code != ExitBadInput || stdout != "" || !strings.Contains(stderr, "old.yaml: line 7: start_year: 2020 is outside 2024..2100") {
		t.Errorf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("--out file written on error")
	}
}

func TestWriteFileAtomicLeavesTargetOnError(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "r.txt")
	if err := os.WriteFile(path, []byte("before"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := writeFileAtomic(path, func(w io.Writer) error {
		w.Write([]byte("partial"))
		return errors.New("boom")
	})
	if err == nil {
		t.Fatal("no error")
	}
	if b, _ := os.ReadFile(path); string(b) != "before" {
		t.Errorf("target changed to %q", b)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("temporary file left behind: %v", entries)
	}
	if err := writeFileAtomic(path, func(w io.Writer) error { _, err := w.Write([]byte("after")); return err }); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(path); string(b) != "after" {
		t.Errorf("target is %q", b)
	}
}

// The other commands in each output format they offer (brackets has one).
func TestGoldenFormats(t *testing.T) {
	seed := filepath.Join("..", "..", "examples", "seed000-split-rollover.yaml")
	quick := []string{"quick", "--age", "63", "--plan-pretax", "350000", "--plan-after-tax", "50000",
		"--ira", "400000", "--ira-basis", "15000", "--goal", "200000"}
	tests := []struct {
		name string
		args []string
		want int
	}{
		{"quick-seed000.txt", append(quick[:len(quick):len(quick)], "-o", "table"), ExitOK},
		{"quick-seed000.json", append(quick[:len(quick):len(quick)], "-o", "json"), ExitOK},
		{"frontier-seed000.md", []string{"frontier", seed, "--step", "100000", "-o", "markdown"}, ExitOK},
		{"frontier-seed000.json", []string{"frontier", seed, "--step", "100000", "-o", "json"}, ExitOK},
		{"rank-examples.txt", []string{"rank", filepath.Join("..", "..", "examples"), "-o", "table", "--workers", "2"}, ExitOK},
		{"rank-examples.md", []string{"rank", filepath.Join("..", "..", "examples"), "-o", "markdown", "--workers", "2"}, ExitOK},
		{"rank-examples.jsonl", []string{"rank", filepath.Join("..", "..", "examples"), "-o", "json", "--workers", "2"}, ExitOK},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, stderr := runCLI(t, "", tt.args...)
			if code != tt.want {
				t.Fatalf("exit %d, want %d: %s", code, tt.want, stderr)
			}
			golden(t, tt.name, []byte(out))
		})
	}
}
