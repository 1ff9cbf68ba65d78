package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/rothpath/optimize/money"
	"github.com/rothpath/optimize/scenario"
)

// movingScenario is a single 62-year-old in California who moves to Texas
// during 2028.
func movingScenario(t *testing.T) *scenario.Scenario {
	t.Helper()
	sc, err := scenario.Parse([]byte(`
start_year: 2026
horizon_years: 4
filing_status: single
people:
  - id: client
    birth_year: 1964
    accounts:
      - {id: ira, kind: traditional_ira, balance: 400000}
income:
  - {year: 2026, other_ordinary: 40000}
residence:
  - state: CA
  - {state: TX, from_year: 2028}
goal:
  convert: 200000
`))
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

func TestStateFigures(t *testing.T) {
	st, err := StateFigures(movingScenario(t))
	if err != nil || st == nil {
		t.Fatalf("%v %v", st, err)
	}
	want := "Residence: California 2026–2027; 2028, the year of the move from California to Texas (a part-year: the added income is taxed as if received while resident in whichever of the two taxes it more); Texas 2029."
	if got := st.residenceText(); got != want {
		t.Errorf("residence:\n got %s\nwant %s", got, want)
	}
	notes := strings.Join(st.notes(), "\n")
	if !strings.Contains(notes, "Texas has no individual income tax.") || !strings.Contains(notes, "California: retirement income:") {
		t.Errorf("notes:\n%s", notes)
	}
	// In 2029 (Texas) a conversion costs no state tax; in 2026 California
	// taxes it.
	if _, s, ok := st.cost(2029, money.Dollars(50000)); !ok || s != 0 {
		t.Errorf("2029 state cost %v %v", s, ok)
	}
	if _, s, ok := st.cost(2026, money.Dollars(50000)); !ok || s <= 0 {
		t.Errorf("2026 state cost %v %v", s, ok)
	}
	if _, _, ok := st.cost(2031, 1); ok {
		t.Error("a year outside the horizon has a cost")
	}
	sc := movingScenario(t)
	sc.Assumptions.StateTaxRate = 0.05
	if st, err := StateFigures(sc); st != nil || err != nil {
		t.Errorf("flat rate override: %v %v", st, err)
	}
}

// TestGoldenPlanState renders the fixture strategy for a household that
// moves from California to Texas: the state section, the federal and state
// parts of each year's added tax.
func TestGoldenPlanState(t *testing.T) {
	in := fixtureInput()
	st, err := StateFigures(movingScenario(t))
	if err != nil {
		t.Fatal(err)
	}
	in.State = st
	for _, tc := range []struct {
		format Format
		file   string
	}{
		{Table, "plan-state.txt"}, {JSON, "plan-state.json"}, {Markdown, "plan-state.md"},
	} {
		t.Run(string(tc.format), func(t *testing.T) {
			var b bytes.Buffer
			if err := Write(&b, tc.format, in); err != nil {
				t.Fatal(err)
			}
			golden(t, tc.file, b.Bytes())
		})
	}
}
