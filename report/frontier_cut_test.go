package report

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"

	"github.com/rothpath/optimize/money"
)

// A frontier a limit cut marks the points from the cut on, and only those,
// in every format, and says why the run stopped.
func TestWriteFrontierCut(t *testing.T) {
	pts := fixtureFrontier()
	cut := FrontierCut{From: 4, Reason: "The time limit (1s)"}
	for _, f := range []Format{Table, Markdown, HTML} {
		var b bytes.Buffer
		if err := WriteFrontierCut(&b, f, "seed", money.Dollars(200000), pts, cut); err != nil {
			t.Fatal(err)
		}
		out := b.String()
		if strings.Count(out, "(not proven)") != 2+1 || !strings.Contains(strings.Join(strings.Fields(out), " "), "The time limit (1s) ended the run") {
			t.Errorf("%s: want the two last points marked and the sentence:\n%s", f, out)
		}
	}
	var b bytes.Buffer
	if err := WriteFrontierCut(&b, JSON, "seed", money.Dollars(200000), pts, cut); err != nil {
		t.Fatal(err)
	}
	var j struct {
		Points []struct {
			NotProven bool `json:"not_proven"`
		}
		Stopped string
	}
	if err := json.Unmarshal(b.Bytes(), &j); err != nil {
		t.Fatal(err)
	}
	for i, p := range j.Points {
		if p.NotProven != (i >= 4) {
			t.Errorf("json point %d not_proven %v", i, p.NotProven)
		}
	}
	if !strings.HasPrefix(j.Stopped, "The time limit (1s) ended the run") {
		t.Errorf("stopped %q", j.Stopped)
	}
	b.Reset()
	if err := WriteFrontierCut(&b, CSV, "seed", money.Dollars(200000), pts, cut); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if rows[0][4] != "not_proven" || rows[4][4] != "false" || rows[5][4] != "true" || rows[6][4] != "true" {
		t.Errorf("csv %v", rows)
	}
	// Without a cut nothing changes.
	var plain, none bytes.Buffer
	WriteFrontier(&plain, Table, "seed", money.Dollars(200000), pts)
	writeFrontier(&none, Table, "seed", money.Dollars(200000), pts, nil)
	if plain.String() != none.String() || strings.Contains(plain.String(), "not proven") {
		t.Errorf("an uncut frontier is marked")
	}
}
