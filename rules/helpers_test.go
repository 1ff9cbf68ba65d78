package rules

import (
	"testing"

	"github.com/rothpath/optimize/money"
	"github.com/rothpath/optimize/scenario"
)

func d(v int64) money.Cents { return money.Dollars(v) }

// seed000 is seed 000: a 63-year-old with a $400,000 401(k) ($50,000
// after-tax) and a $400,000 IRA with $15,000 basis.
func seed000() *scenario.Scenario {
	return &scenario.Scenario{
		StartYear: 2026, HorizonYears: 1, FilingStatus: scenario.Single,
		Cash: d(100000),
		People: []scenario.Person{{
			ID: "client", BirthDate: scenario.Date{Year: 1963, Month: 3, Day: 14},
			SeparatedFromService: true,
			Accounts: []scenario.Account{
				{ID: "acme-401k", Kind: scenario.Kind401k, Pretax: d(350000), AfterTaxContributions: d(50000)},
				{ID: "ira", Kind: scenario.KindTraditionalIRA, Balance: d(400000), Basis: d(15000)},
			},
		}},
	}
}

func mustState(t testing.TB, sc *scenario.Scenario) *State {
	t.Helper()
	s, err := NewState(sc)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func eq(t *testing.T, what string, got, want money.Cents) {
	t.Helper()
	if got != want {
		t.Errorf("%s = %s, want %s", what, got, want)
	}
}
