package cli

import (
	"encoding/csv"
	"strings"
	"testing"
)

// `bench generate` writes one scenario per line, and rank reads them all.
func TestBenchGenerateFeedsRank(t *testing.T) {
	code, out, stderr := runCLI(t, "", "bench", "generate", "-n", "3")
	if code != ExitOK {
		t.Fatalf("generate: exit %d, stderr %s", code, stderr)
	}
	if n := strings.Count(out, "\n"); n != 3 {
		t.Fatalf("generate wrote %d lines, want 3:\n%s", n, out)
	}
	code, ranked, stderr := runCLI(t, out, "rank", "-o", "csv", "-")
	if code != ExitOK {
		t.Fatalf("rank: exit %d, stderr %s\n%s", code, stderr, ranked)
	}
	rows, err := csv.NewReader(strings.NewReader(ranked)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 4 {
		t.Fatalf("%d rows, want header + 3:\n%s", len(rows), ranked)
	}
	for _, r := range rows[1:] {
		if r[3] == "bad input" {
			t.Errorf("rank refused a generated household: %v", r)
		}
	}
}

func TestBenchBadInput(t *testing.T) {
	for _, args := range [][]string{
		{"bench", "generate"},             // no -n
		{"bench", "generate", "-n", "-1"}, // negative
		{"bench"},                         // tests run in internal/cli: no examples/ here
	} {
		code, out, stderr := runCLI(t, "", args...)
		if code != ExitBadInput || out != "" || stderr == "" {
			t.Errorf("%v: exit %d, out %q, stderr %q", args, code, out, stderr)
		}
	}
}
