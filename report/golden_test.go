package report

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/rothpath/optimize/money"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// golden compares got with testdata/golden/name, or rewrites it under -update.
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
		t.Fatalf("%v (run go test ./report -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file; got:\n%s", name, got)
	}
}

func TestGoldenPlan(t *testing.T) {
	for _, tc := range []struct {
		format Format
		file   string
	}{
		{Table, "plan.txt"}, {JSON, "plan.json"}, {CSV, "plan.csv"}, {Markdown, "plan.md"}, {HTML, "plan.html"},
	} {
		t.Run(string(tc.format), func(t *testing.T) {
			var b bytes.Buffer
			if err := Write(&b, tc.format, fixtureInput()); err != nil {
				t.Fatal(err)
			}
			golden(t, tc.file, b.Bytes())
		})
	}
}

func TestGoldenFrontier(t *testing.T) {
	for _, tc := range []struct {
		format Format
		file   string
	}{
		{Table, "frontier.txt"}, {JSON, "frontier.json"}, {Markdown, "frontier.md"}, {CSV, "frontier.csv"},
	} {
		t.Run(string(tc.format), func(t *testing.T) {
			var b bytes.Buffer
			if err := WriteFrontier(&b, tc.format, "seed-000 client, 2026", money.Dollars(200000), fixtureFrontier()); err != nil {
				t.Fatal(err)
			}
			golden(t, tc.file, b.Bytes())
		})
	}
}

// Without the household the report still writes every format, naming
// accounts by their ids and leaving the explanations out.
func TestWithoutHousehold(t *testing.T) {
	in := fixtureInput()
	in.Household = nil
	for _, f := range Formats {
		var b bytes.Buffer
		if err := Write(&b, f, in); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if !bytes.Contains(b.Bytes(), []byte("acme-401k")) || bytes.Contains(b.Bytes(), []byte("Acme 401(k)")) {
			t.Errorf("%s: accounts not named by id", f)
		}
		if bytes.Contains(b.Bytes(), []byte("stops at")) {
			t.Errorf("%s: explanations without the household", f)
		}
	}
}
