package rules_test

import (
	"fmt"

	"github.com/rothpath/optimize/money"
	"github.com/rothpath/optimize/rules"
	"github.com/rothpath/optimize/scenario"
)

// Seed 000: split the 401(k) (after-tax to Roth, pre-tax to the IRA), then
// convert $150,000 of the IRA in the same year. Form 8606 line 10 is rounded
// to five decimals.
func Example() {
	sc := &scenario.Scenario{
		StartYear: 2026, HorizonYears: 1,
		People: []scenario.Person{{
			ID: "client", BirthYear: 1963, SeparatedFromService: true,
			Accounts: []scenario.Account{
				{ID: "acme-401k", Kind: scenario.Kind401k, Pretax: money.Dollars(350000), AfterTaxContributions: money.Dollars(50000)},
				{ID: "ira", Kind: scenario.KindTraditionalIRA, Balance: money.Dollars(400000), Basis: money.Dollars(15000)},
			},
		}},
	}
	s, err := rules.NewState(sc)
	if err != nil {
		panic(err)
	}
	plan, _ := s.PlanIndex("acme-401k")
	var e rules.Effect
	if err := s.Apply(&rules.Move{Kind: rules.SplitRollover, Year: 2026, Plan: plan, Whole: true}, &e); err != nil {
		panic(err)
	}
	for _, d := range e.Destinations() {
		fmt.Printf("%s: %s to %s, taxable %s\n", e.Kind.Action(), d.Amount, d.Account, d.Taxable)
	}
	if err := s.Apply(&rules.Move{Kind: rules.IRAConversion, Year: 2026, Person: 0, Amount: money.Dollars(150000)}, &e); err != nil {
		panic(err)
	}
	var r rules.YearResult
	s.CloseYear(2026, &r)
	f := r.Form8606[0]
	fmt.Println("line 6", f.Line6, "line 9", f.Line9, "line 10", f.Line10)
	fmt.Println("taxable conversion (line 18)", f.Line18, "basis left (line 14)", f.Line14)
	fmt.Println("converted", r.Converted, "of which basis", r.BasisToRoth)
	// Output:
	// split_rollover: 350000.00 to ira, taxable 0.00
	// split_rollover: 50000.00 to client-roth-ira, taxable 0.00
	// line 6 600000.00 line 9 750000.00 line 10 0.02000
	// taxable conversion (line 18) 147000.00 basis left (line 14) 12000.00
	// converted 200000.00 of which basis 53000.00
}
