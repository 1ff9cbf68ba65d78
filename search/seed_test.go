package search

import (
	"context"
	"strings"
	"testing"

	"github.com/rothpath/optimize/money"
	"github.com/rothpath/optimize/rules"
	"github.com/rothpath/optimize/scenario"
)

func loadScenario(t testing.TB, path string) *scenario.Scenario {
	t.Helper()
	sc, err := scenario.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

// Seed 000 (shared/seeds/000; rules.md sections 1 and 3): rank 1 is the
// whole-401(k) split rollover plus a $150,000 IRA conversion, $147,000
// taxable, $24,014 of tax (2026, single, no other income).
func TestSeed000SplitRollover(t *testing.T) {
	sc := loadScenario(t, "../examples/seed000-split-rollover.yaml")
	res, err := Search(context.Background(), sc, Settings{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Status != Optimal || len(res.Strategies) == 0 {
		t.Fatalf("status %v, %d strategies (cause %d)", res.Status, len(res.Strategies), res.Cause)
	}
	best := res.Strategies[0]
	for _, s := range res.Strategies {
		t.Logf("rank %d: total %s taxable %s converted %s basis left %s steps %d", s.Rank, s.TotalTax, s.Taxable, s.Converted, s.BasisLeft, len(s.Steps))
		for _, st := range s.Steps {
			t.Logf("   %+v", st)
		}
	}
	if best.Taxable != money.Dollars(147000) || best.TotalTax != money.Dollars(24014) {
		t.Errorf("best: taxable %s tax %s, want 147000.00 and 24014.00", best.Taxable, best.TotalTax)
	}
	if len(best.Steps) != 2 || best.Steps[0].Kind != rules.SplitRollover || best.Steps[1].Kind != rules.IRAConversion {
		t.Fatalf("best steps = %+v", best.Steps)
	}
	if got := best.Steps[1].To[0].Amount; got != money.Dollars(150000) {
		t.Errorf("conversion = %s, want 150000.00", got)
	}
	t.Logf("stats %+v", res.Stats)
}

// The same household still employed, with a plan that accepts IRA roll-ins
// and allows in-service distributions, over two years: the roll-in isolates
// the IRA's $15,000 basis, so only $135,000 is taxable in all (issue 4).
func TestSeed000EmployedRollIn(t *testing.T) {
	sc := loadScenario(t, "../examples/seed000-employed-roll-in.yaml")
	res, err := Search(context.Background(), sc, Settings{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Strategies) == 0 {
		t.Fatalf("status %v, cause %d", res.Status, res.Cause)
	}
	for _, s := range res.Strategies {
		t.Logf("rank %d: total %s taxable %s converted %s basis left %s", s.Rank, s.TotalTax, s.Taxable, s.Converted, s.BasisLeft)
		for _, st := range s.Steps {
			t.Logf("   %+v", st)
		}
	}
	best := res.Strategies[0]
	// $135,000 in all, up to the cents Form 8606's five-decimal line 10
	// leaves over two years of conversions.
	if d := best.Taxable - money.Dollars(135000); d < 0 || d > money.Dollar {
		t.Errorf("best taxable = %s, want 135000 (to the dollar)", best.Taxable)
	}
	if best.TotalTax != money.MustParse("11821.00") {
		t.Errorf("best total tax = %s, want 11821.00", best.TotalTax)
	}
	rolled := false
	for _, st := range best.Steps {
		rolled = rolled || st.Kind == rules.IRARollIn
	}
	if !rolled {
		t.Errorf("best strategy has no IRA roll-in")
	}
	t.Logf("stats %+v", res.Stats)
}

// A person with two traditional IRAs: Form 8606 treats them as one (IRC
// 408(d)(2)), and every strategy says so, naming both, since its figures
// rest on it.
func TestSeveralIRAsAreNoted(t *testing.T) {
	sc := loadScenario(t, "../examples/seed000-split-rollover.yaml")
	p := &sc.People[0]
	var ids []string
	for _, a := range p.Accounts {
		if a.Kind == scenario.KindTraditionalIRA {
			ids = append(ids, a.ID)
		}
	}
	p.Accounts = append(p.Accounts, scenario.Account{ID: "second-ira", Kind: scenario.KindTraditionalIRA,
		Balance: money.Dollars(20000), Basis: money.Dollars(5000)})
	ids = append(ids, "second-ira")
	res, err := Search(context.Background(), sc, Settings{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Strategies) == 0 {
		t.Fatalf("no strategy: cause %d", res.Cause)
	}
	for _, s := range res.Strategies {
		found := false
		for _, w := range s.Warnings {
			if w.Kind == WarnScenarioNote && strings.Contains(w.Detail, "aggregated") && strings.Contains(w.Detail, strings.Join(ids, ", ")) {
				found = true
			}
		}
		if !found {
			t.Errorf("rank %d: no warning that %v are aggregated: %+v", s.Rank, ids, s.Warnings)
		}
	}
}
