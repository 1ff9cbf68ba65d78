package bench

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/rothpath/optimize/scenario"
)

// The harness writes a row per tiny case with its status; a proven row
// shows no gap.
func TestRunTiny(t *testing.T) {
	var out bytes.Buffer
	if err := Run(context.Background(), &out, Options{Workers: 1, TinyOnly: true}); err != nil {
		t.Fatal(err)
	}
	for _, c := range TinyCases() {
		row := tableRow(t, out.String(), c.Name)
		if len(row) != len(Header) {
			t.Fatalf("%s: %d cells, want %d: %q", c.Name, len(row), len(Header), row)
		}
		if row[6] == "optimal" && row[7] != "-" || row[6] == "" {
			t.Errorf("%s: status %q gap %q\n%s", c.Name, row[6], row[7], out.String())
		}
	}
}

// tableRow returns the cells of the row whose first cell is name.
func tableRow(t *testing.T, table, name string) []string {
	t.Helper()
	for _, line := range strings.Split(table, "\n") {
		cells := strings.Split(strings.Trim(line, "|"), "|")
		if strings.TrimSpace(cells[0]) != name {
			continue
		}
		for i := range cells {
			cells[i] = strings.TrimSpace(cells[i])
		}
		return cells
	}
	t.Fatalf("no row %q in\n%s", name, table)
	return nil
}

// Every case of the suite loads from the module root and validates.
func TestSuiteLoads(t *testing.T) {
	cs, err := Suite("..")
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, c := range cs {
		if seen[c.Name] {
			t.Errorf("two cases named %q", c.Name)
		}
		seen[c.Name] = true
		if err := c.Scenario.Validate(); err != nil {
			t.Errorf("%s: %v", c.Name, err)
		}
	}
	if _, err := Suite(t.TempDir()); err == nil {
		t.Error("a root without examples/ gives no error")
	}
}

// Every suite scenario (the examples carry birth dates, the generated ones
// every account kind) written as a JSON line reads back to the same one.
func TestScenarioJSONRoundTrip(t *testing.T) {
	cs, err := Suite("..")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cs {
		line, err := ScenarioJSON(c.Scenario)
		if err != nil {
			t.Fatal(err)
		}
		if bytes.ContainsRune(line, '\n') {
			t.Fatalf("%s: a newline inside the line", c.Name)
		}
		back, err := scenario.Parse(line)
		if err != nil {
			t.Fatalf("%s: %v\n%s", c.Name, err, line)
		}
		a, _ := scenario.Encode(c.Scenario)
		b, _ := scenario.Encode(back)
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs after the round trip:\n%s\n%s", c.Name, a, b)
		}
	}
}
