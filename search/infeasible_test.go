package search

import (
	"context"
	"testing"

	"github.com/rothpath/optimize/money"
	"github.com/rothpath/optimize/scenario"
)

// An infeasible goal is an answer, not an error: the result gives the most
// that can be reached and why (scenario.md).
func TestInfeasibleGoalsSayHowFarAndWhy(t *testing.T) {
	rate := 0.22
	capped := loadScenario(t, "../examples/seed000-split-rollover.yaml")
	capped.Constraints.MaxMarginalRate = &rate
	// The split sends $50,000 of basis for nothing; then the IRA (2% basis
	// after the rollover) may add taxable income up to the top of the 22%
	// bracket: 105,700 + 16,100 = 121,800 taxable, 124,285 gross, in whole
	// dollars.
	res, err := Search(context.Background(), capped, Settings{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Status != Infeasible || len(res.Strategies) != 0 {
		t.Fatalf("status %v with %d strategies", res.Status, len(res.Strategies))
	}
	if res.MaxReachable != money.Dollars(174285) {
		t.Errorf("max reachable %s, want 174285.00", res.MaxReachable)
	}
	if !hasBlocker(res, BlockMaxMarginalRate, "") {
		t.Errorf("blockers %+v do not name the constraint", res.Blockers)
	}

	employed, err := scenario.Parse([]byte(`
start_year: 2026
horizon_years: 2
filing_status: single
people:
  - id: ann
    birth_year: 1970
    separated_from_service: false
    accounts:
      - {id: acme-401k, kind: 401k, pretax: 300000, after_tax_contributions: 20000}
      - {id: ira, kind: traditional_ira, balance: 10000}
goal:
  convert: 50000
`))
	if err != nil {
		t.Fatal(err)
	}
	res, err = Search(context.Background(), employed, Settings{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Status != Infeasible || res.MaxReachable != money.Dollars(10000) {
		t.Errorf("status %v, max reachable %s; want infeasible, 10000.00", res.Status, res.MaxReachable)
	}
	if !hasBlocker(res, BlockNoDistribution, "acme-401k") {
		t.Errorf("blockers %+v do not name acme-401k", res.Blockers)
	}
}

// hasBlocker reports whether res names a blocker of kind k (on account, when
// not empty).
func hasBlocker(res *Result, k BlockerKind, account string) bool {
	for _, b := range res.Blockers {
		if b.Kind == k && (account == "" || b.Account == account) {
			return true
		}
	}
	return false
}
