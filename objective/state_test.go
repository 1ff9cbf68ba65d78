package objective

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rothpath/optimize/money"
	"github.com/rothpath/optimize/scenario"
)

// TestStateParamData checks the states' figures themselves: every file
// parses, every value has a reference, every year from 2024 resolves for
// every state and status, schedules and thresholds increase, rates are
// sane, and years after the last published figures are flagged projected
// where a figure is indexed.
func TestStateParamData(t *testing.T) {
	laws, err := loadStates()
	if err != nil {
		t.Fatal(err)
	}
	for code := range laws {
		if !scenario.IsStateCode(code) {
			t.Errorf("%s: not a state code", code)
		}
	}
	var missing []string
	for _, code := range scenario.StateCodes {
		if laws[code] == nil {
			missing = append(missing, code)
		}
	}
	if len(missing) > 0 {
		t.Errorf("states without figures: %v", missing)
	}
	for code := range laws {
		if _, err := os.Stat(filepath.Join("testdata", "states", strings.ToLower(code)+".yaml")); err != nil {
			t.Errorf("%s: no worked figures in testdata/states", code)
		}
	}
	for code, law := range laws {
		for name, p := range law.params {
			for _, e := range p.entries {
				if strings.TrimSpace(e.reference) == "" {
					t.Errorf("%s %s %d: no reference", code, name, e.year)
				}
			}
		}
		for year := 2024; year <= 2040; year++ {
			sp, err := StateParamsFor(code, year, 0.025)
			if err != nil {
				t.Fatalf("%s %d: %v", code, year, err)
			}
			if !sp.IncomeTax {
				continue
			}
			for s := 0; s < numStatus; s++ {
				b := &sp.Brackets[s]
				if b.N < 1 {
					t.Errorf("%s %d %s: no brackets", code, year, statusNames[s])
				}
				for k := 1; k < b.N-1; k++ {
					if b.Top[k] <= b.Top[k-1] {
						t.Errorf("%s %d %s: tops do not increase: %v", code, year, statusNames[s], b.Top[:b.N-1])
					}
				}
				for k := 0; k < b.N; k++ {
					if b.Rate[k] < 0 || (b.Rate[k] == 0 && k > 0) || b.Rate[k] > 20*RateScale/100 {
						t.Errorf("%s %d %s: rate %d out of range", code, year, statusNames[s], b.Rate[k])
					}
				}
			}
			if year <= 2025 && len(sp.Projected) > 0 {
				t.Errorf("%s %d: published year flagged projected: %v", code, year, sp.Projected)
			}
			if len(sp.References) == 0 || len(sp.Sources) == 0 {
				t.Errorf("%s %d: no references", code, year)
			}
		}
	}
	if _, err := StateParamsFor("XX", 2025, 0.025); err == nil {
		t.Error("unknown state accepted")
	}
	if _, err := StateParamsFor("CA", 2023, 0.025); err == nil {
		t.Error("2023 accepted")
	}
}

func moveScenario(res []scenario.Residence) *scenario.Scenario {
	sc := testScenario(scenario.Single, []int{1965}, scenario.IncomeYear{Wages: money.Dollars(50000)})
	sc.People[0].Accounts = []scenario.Account{{ID: "ira", Kind: scenario.KindTraditionalIRA, Balance: money.Dollars(900000)}}
	sc.StartYear, sc.HorizonYears = 2026, 4
	sc.Residence = res
	return sc
}

// TestStateMoveYear: a move from California to Texas in 2028. The year of
// the move is taxed as if the added income were received while resident in
// whichever state taxes it more (California), unless the move is marked as
// a full year in Texas; after it, Texas taxes nothing.
func TestStateMoveYear(t *testing.T) {
	d := money.Dollars
	m := newModel(t, moveScenario([]scenario.Residence{{State: "CA"}, {State: "TX", FromYear: 2028}}))
	ca := newModel(t, moveScenario([]scenario.Residence{{State: "CA"}}))
	for i, want := range []bool{true, true, true, false} {
		got := m.YearCost(i, d(100000), 0).State
		if want && (got == 0 || got != ca.YearCost(i, d(100000), 0).State) {
			t.Errorf("%d: state cost %v, want California's %v", m.Year(i), got, ca.YearCost(i, d(100000), 0).State)
		}
		if !want && got != 0 {
			t.Errorf("%d: state cost %v in Texas", m.Year(i), got)
		}
	}
	full := newModel(t, moveScenario([]scenario.Residence{{State: "CA"}, {State: "TX", FromYear: 2028, FullYear: true}}))
	if got := full.YearCost(2, d(100000), 0).State; got != 0 {
		t.Errorf("full year in Texas: %v", got)
	}
	// Moving into California: the move year is California's too.
	in := newModel(t, moveScenario([]scenario.Residence{{State: "TX"}, {State: "CA", FromYear: 2028}}))
	if got, want := in.YearCost(2, d(100000), 0).State, ca.YearCost(2, d(100000), 0).State; got != want {
		t.Errorf("move into California: %v, want %v", got, want)
	}
	if got := in.YearCost(1, d(100000), 0).State; got != 0 {
		t.Errorf("Texas before the move: %v", got)
	}
}

// TestStateOverride: a flat state_tax_rate replaces the residence's tax.
func TestStateOverride(t *testing.T) {
	sc := moveScenario([]scenario.Residence{{State: "CA"}})
	sc.Assumptions.StateTaxRate = 0.05
	m := newModel(t, sc)
	if got := m.YearCost(0, money.Dollars(10000), 0).State; got != money.Dollars(500) {
		t.Errorf("override: %v, want 500.00", got)
	}
}

// TestStateProjected: years after a state's last published figures carry
// them among the year's projected figures (the search warns of those).
func TestStateProjected(t *testing.T) {
	m := newModel(t, moveScenario([]scenario.Residence{{State: "CA"}}))
	pr := strings.Join(m.Params(1).Projected, "; ")
	if !strings.Contains(pr, "CA brackets (projected from 2025)") {
		t.Errorf("2027 projected: %q", pr)
	}
	if fed, _ := ParamsFor(2027, 0.025); len(fed.Projected) == len(m.Params(1).Projected) {
		t.Error("federal figures were changed in place")
	}
}

// TestStateMarginalRate: the year's marginal rate includes the state's
// (Pennsylvania taxes a conversion before 59½, not after).
func TestStateMarginalRate(t *testing.T) {
	sc := moveScenario([]scenario.Residence{{State: "PA"}})
	if r := newModel(t, sc).YearCost(0, money.Dollars(10000), 0).State; r != 0 {
		t.Errorf("Pennsylvania at 61: %v", r)
	}
	sc.People[0].BirthYear = 1975
	m := newModel(t, sc)
	sc.Residence = nil
	none := newModel(t, sc)
	got := m.YearCost(0, money.Dollars(10000), 0).MarginalRate
	want := none.YearCost(0, money.Dollars(10000), 0).MarginalRate + 0.0307
	if d := got - want; d > 1e-12 || d < -1e-12 {
		t.Errorf("marginal rate %v, want %v", got, want)
	}
}
