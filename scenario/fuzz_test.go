package scenario

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzParse holds two properties on arbitrary input: Parse never panics (or
// hangs), and whatever it accepts survives Encode and Parse unchanged.
func FuzzParse(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join("testdata", "*.yaml"))
	bad, _ := filepath.Glob(filepath.Join("..", "testdata", "bad", "*.yaml"))
	for _, p := range append(seeds, bad...) {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		if len(data) < 4096 {
			f.Add(data)
		}
	}
	f.Add([]byte(`{"start_year": 2026, "filing_status": "married_joint", "people": [{"id": "a", "birth_year": 1960}, {"id": "b", "birth_date": "1962-01-01", "accounts": [{"id": "r", "kind": "roth_ira", "balance": "1.5", "first_contribution_year": 2019}]}], "income": [{"year": 2026, "wages": 1}], "constraints": {"max_marginal_rate": 0.24, "irmaa": "cost"}, "assumptions": {"inflation": 0}}`))
	f.Add([]byte(residenceYAML))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := Parse(data)
		if err != nil {
			return
		}
		out, err := Encode(s)
		if err != nil {
			t.Fatalf("Encode of an accepted scenario: %v", err)
		}
		back, err := Parse(out)
		if err != nil {
			t.Fatalf("Parse(Encode(s)) = %v\ninput:\n%s\nencoded:\n%s", err, data, out)
		}
		if !equal(s, back) {
			t.Fatalf("round trip changed the scenario\n%+v\n%+v\nencoded:\n%s", *s, *back, out)
		}
	})
}
