package report

import (
	"time"

	"github.com/rothpath/optimize/money"
	"github.com/rothpath/optimize/rules"
	"github.com/rothpath/optimize/scenario"
	"github.com/rothpath/optimize/search"
)

// fixtureInput is the example strategy of docs/scenario.md (seed-000:
// a split rollover of the 401(k) then an IRA conversion, total tax
// $24,014.00), with the obvious approach (convert $200,000 from the IRA).
func fixtureInput() Input {
	m := money.MustParse
	best := search.Strategy{
		Rank: 1, TotalTax: m("24014"), FederalTax: m("24014"), PresentValue: m("24014"),
		Converted: m("200000"), Taxable: m("147000"), BasisToRoth: m("53000"), BasisLeft: m("12000"),
		Steps: []search.Step{
			{Year: 2026, Order: 1, Kind: rules.SplitRollover, From: "acme-401k", Rule: "IRS Notice 2014-54",
				To: []search.Destination{{Account: "client-roth-ira", Amount: m("50000")}, {Account: "ira", Amount: m("350000")}}},
			{Year: 2026, Order: 2, Kind: rules.IRAConversion, From: "ira", Rule: "Form 8606 Part II",
				To: []search.Destination{{Account: "client-roth-ira", Amount: m("150000"), Taxable: m("147000")}}},
		},
		Years: []search.Year{{Year: 2026, AddedTaxable: m("147000"), AddedTax: m("24014"), MarginalRate: 0.24,
			Form8606: []search.Form8606Lines{{Person: "client", Line6: m("600000"), Line9: m("750000"),
				Line10: money.Ratio(2000), Line13: m("3000"), Line14: m("12000"), Line18: m("147000")}}}},
		Requires: []search.Requirement{{Account: "acme-401k", Need: rules.ReqDistribution}},
	}
	obvious := search.Strategy{
		TotalTax: m("34934"), FederalTax: m("34934"), PresentValue: m("34934"),
		Converted: m("200000"), Taxable: m("192500"), BasisToRoth: m("7500"), BasisLeft: m("7500"),
		Steps: []search.Step{{Year: 2026, Order: 1, Kind: rules.IRAConversion, From: "ira", Rule: "Form 8606 Part II",
			To: []search.Destination{{Account: "client-roth-ira", Amount: m("200000"), Taxable: m("192500")}}}},
		Years: []search.Year{{Year: 2026, AddedTaxable: m("192500"), AddedTax: m("34934"), MarginalRate: 0.24,
			Form8606: []search.Form8606Lines{{Person: "client", Line6: m("200000"), Line9: m("400000"),
				Line10: money.Ratio(3750), Line13: m("7500"), Line14: m("7500"), Line18: m("192500")}}}},
		Warnings: []search.Warning{},
	}
	return Input{
		Scenario: "seed-000 client, 2026",
		Goal:     m("200000"),
		Result: &search.Result{
			Strategies: []search.Strategy{best},
			Status:     search.Optimal,
			Stats:      search.Stats{Structures: 12, Pruned: 3, Evaluations: 40, Elapsed: 15 * time.Millisecond},
			Baseline:   []search.YearTax{{Year: 2026, Federal: 0}},
			Obvious:    &obvious,
		},
		PlanTotals: map[string]money.Cents{"acme-401k": m("400000")},
		Brackets:   fixtureBrackets,
		Household:  fixtureHousehold(),
		Preparer:   "Jordan Lee, CFP®, Example Planning LLC",
		Date:       time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC),
	}
}

// fixtureHousehold is examples/seed000-split-rollover.yaml with labels.
func fixtureHousehold() *scenario.Scenario {
	m := money.MustParse
	return &scenario.Scenario{
		Name: "seed-000 client, 2026", StartYear: 2026, HorizonYears: 1, FilingStatus: scenario.Single,
		People: []scenario.Person{{ID: "client", BirthDate: scenario.Date{Year: 1963, Month: 3, Day: 14}, SeparatedFromService: true,
			Accounts: []scenario.Account{
				{ID: "acme-401k", Label: "Acme 401(k)", Kind: scenario.Kind401k, Pretax: m("350000"), AfterTaxContributions: m("50000")},
				{ID: "ira", Label: "Schwab IRA", Kind: scenario.KindTraditionalIRA, Balance: m("400000"), Basis: m("15000")},
			}}},
		Cash:        m("100000"),
		Income:      []scenario.IncomeYear{{Year: 2026}},
		Goal:        scenario.Goal{Convert: m("200000")},
		Objective:   scenario.TotalTax,
		Assumptions: scenario.Assumptions{Inflation: scenario.DefaultInflation},
		Constraints: scenario.Constraints{IRMAA: scenario.IRMAAIgnore, RuleRegime: scenario.DefaultRuleRegime},
	}
}

// fixtureBrackets are the 2026 single figures on income before the standard
// deduction ($16,100): the 0% band is the deduction.
func fixtureBrackets(year int, _ money.Cents) (YearBrackets, bool) {
	if year != 2026 {
		return YearBrackets{}, false
	}
	m := money.MustParse
	return YearBrackets{Brackets: []Bracket{
		{Floor: 0, Rate: 0}, {Floor: m("16100"), Rate: 0.10}, {Floor: m("28500"), Rate: 0.12},
		{Floor: m("66500"), Rate: 0.22}, {Floor: m("121800"), Rate: 0.24}, {Floor: m("217875"), Rate: 0.32},
		{Floor: m("272325"), Rate: 0.35}, {Floor: m("656700"), Rate: 0.37},
	}}, true
}

func fixtureFrontier() []search.FrontierPoint {
	m := money.MustParse
	return []search.FrontierPoint{
		{Goal: 0, TotalTax: 0, Feasible: true},
		{Goal: m("50000"), TotalTax: 0, Marginal: 0, Feasible: true},
		{Goal: m("100000"), TotalTax: m("3070"), Marginal: 0.0614, Feasible: true},
		{Goal: m("150000"), TotalTax: m("12014"), Marginal: 0.17888, Feasible: true},
		{Goal: m("200000"), TotalTax: m("24014"), Marginal: 0.24, Feasible: true},
		{Goal: m("250000"), TotalTax: m("36014"), Marginal: 0.24, Feasible: true},
	}
}
