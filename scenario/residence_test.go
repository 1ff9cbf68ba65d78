package scenario

import (
	"strings"
	"testing"
)

const residenceYAML = `
start_year: 2026
horizon_years: 6
filing_status: single
people:
  - id: client
    birth_year: 1962
    accounts:
      - {id: ira, kind: traditional_ira, balance: 500000}
residence:
  - state: CA
  - {state: TX, from_year: 2028}
  - {state: NY, from_year: 2030, full_year: true}
goal:
  convert: 100000
`

// A household in California that moves to Texas during 2028 and to New York
// on January 1, 2030: 2028 is a part-year for both California and Texas,
// 2030 a full year in New York.
func TestResidence(t *testing.T) {
	s, err := Parse([]byte(residenceYAML))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		year           int
		state, leaving string
	}{
		{2026, "CA", ""}, {2027, "CA", ""}, {2028, "TX", "CA"}, {2029, "TX", ""},
		{2030, "NY", ""}, {2040, "NY", ""},
	} {
		if st, l := s.ResidenceIn(c.year); st != c.state || l != c.leaving {
			t.Errorf("%d: %q leaving %q, want %q leaving %q", c.year, st, l, c.state, c.leaving)
		}
	}
	out, err := Encode(s)
	if err != nil {
		t.Fatal(err)
	}
	back, err := Parse(out)
	if err != nil || !equal(s, back) {
		t.Fatalf("round trip: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "- {state: TX, from_year: 2028}") {
		t.Errorf("encoded residence:\n%s", out)
	}
	if n := s.Notes(); len(n) != 0 {
		t.Errorf("notes without a flat rate: %q", n)
	}
	s.Assumptions.StateTaxRate = 0.05
	if n := s.Notes(); len(n) != 1 || !strings.Contains(n[0], "overrides") {
		t.Errorf("notes with a flat rate: %q", n)
	}
	var none Scenario
	if st, l := none.ResidenceIn(2026); st != "" || l != "" {
		t.Errorf("no residence: %q %q", st, l)
	}
}
