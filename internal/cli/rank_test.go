package cli

import (
	"encoding/csv"
	"fmt"
	"strings"
	"testing"
)

// Rows come out in input order whatever order the workers finish in, and a
// household's error is its row, not the batch's.
func TestRankRowsInInputOrder(t *testing.T) {
	var in strings.Builder
	const n = 40
	for i := range n {
		// Each line is a scenario with a different error, so every row is
		// decided by the parser, not the search.
		fmt.Fprintf(&in, `{"start_year": 2026, "filing_status": "single", "people": [{"id": "p%d", "birth_year": 1960, "accounts": []}], "goal": {"convert": -%d}}`+"\n", i, i+1)
		if i%7 == 0 {
			in.WriteString("\n") // blank lines are skipped
		}
	}
	code, out, stderr := runCLI(t, in.String(), "rank", "-o", "csv", "--workers", "4", "-")
	if code != ExitFailed {
		t.Errorf("exit %d, want %d (every household failed); stderr %s", code, ExitFailed, stderr)
	}
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != n+1 {
		t.Fatalf("%d rows, want header + %d", len(rows), n)
	}
	if strings.Join(rows[0], ",") != strings.Join(rankHeader, ",") {
		t.Errorf("header %v", rows[0])
	}
	prev := 0
	for _, r := range rows[1:] {
		var line int
		if _, err := fmt.Sscanf(r[0], "stdin:%d", &line); err != nil || line <= prev {
			t.Errorf("row %v out of order (after line %d)", r, prev)
		}
		prev = line
		if r[3] != "bad input" || r[8] == "" {
			t.Errorf("row %v: want status bad input and the error", r)
		}
	}
	if !strings.Contains(stderr, "40 of 40 households failed") {
		t.Errorf("stderr %q", stderr)
	}
}

func TestRankJSONLinesAndMarkdown(t *testing.T) {
	in := "{}\nnot json\n"
	code, out, _ := runCLI(t, in, "rank", "-o", "json", "-")
	if code != ExitFailed || strings.Count(out, "\n") != 2 || !strings.Contains(out, `"input":"stdin:2"`) {
		t.Errorf("exit %d, out %q", code, out)
	}
	_, out, _ = runCLI(t, in, "rank", "-o", "markdown", "-")
	if !strings.HasPrefix(out, "| input | scenario |") || strings.Count(out, "\n") != 4 {
		t.Errorf("markdown %q", out)
	}
}
