package bench

import (
	"testing"

	"github.com/rothpath/optimize/money"
	"github.com/rothpath/optimize/rules"
	"github.com/rothpath/optimize/scenario"
)

// seedHousehold is seed 000's household: a $400,000 401(k) with $50,000
// after-tax money and a $400,000 IRA with $15,000 basis.
func seedHousehold(b *testing.B) *rules.State {
	sc := &scenario.Scenario{
		StartYear: 2026, HorizonYears: 3,
		People: []scenario.Person{{
			ID: "client", BirthYear: 1963, SeparatedFromService: true,
			Accounts: []scenario.Account{
				{ID: "acme-401k", Kind: scenario.Kind401k, Pretax: money.Dollars(350000), AfterTaxContributions: money.Dollars(50000)},
				{ID: "ira", Kind: scenario.KindTraditionalIRA, Balance: money.Dollars(400000), Basis: money.Dollars(15000)},
			},
		}},
		Cash: money.Dollars(100000),
	}
	s, err := rules.NewState(sc)
	if err != nil {
		b.Fatal(err)
	}
	return s
}

// BenchmarkRulesApply: one split rollover on a fresh copy of the household
// (the copy is part of the measured work, as in the search loop).
func BenchmarkRulesApply(b *testing.B) {
	base := seedHousehold(b)
	var s rules.State
	base.CopyTo(&s)
	m := rules.Move{Kind: rules.SplitRollover, Year: 2026, Plan: 0, Whole: true}
	var e rules.Effect
	b.ReportAllocs()
	for b.Loop() {
		base.CopyTo(&s)
		if err := s.Apply(&m, &e); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRulesCloseYear: one conversion and the year end (Form 8606).
func BenchmarkRulesCloseYear(b *testing.B) {
	base := seedHousehold(b)
	var s rules.State
	base.CopyTo(&s)
	m := rules.Move{Kind: rules.IRAConversion, Year: 2026, Amount: money.Dollars(150000)}
	var e rules.Effect
	var r rules.YearResult
	b.ReportAllocs()
	for b.Loop() {
		base.CopyTo(&s)
		if err := s.Apply(&m, &e); err != nil {
			b.Fatal(err)
		}
		s.CloseYear(2026, &r)
	}
}

// BenchmarkRulesRun: a three-year strategy (split, then a conversion a year).
func BenchmarkRulesRun(b *testing.B) {
	base := seedHousehold(b)
	var s rules.State
	base.CopyTo(&s)
	moves := []rules.Move{
		{Kind: rules.SplitRollover, Year: 2026, Plan: 0, Whole: true},
		{Kind: rules.IRAConversion, Year: 2026, Amount: money.Dollars(50000)},
		{Kind: rules.IRAConversion, Year: 2027, Amount: money.Dollars(50000)},
		{Kind: rules.IRAConversion, Year: 2028, Amount: money.Dollars(50000)},
	}
	l := rules.Ledger{Years: make([]rules.YearResult, 0, 3)}
	effects := make([]rules.Effect, len(moves))
	b.ReportAllocs()
	for b.Loop() {
		base.CopyTo(&s)
		if err := rules.Run(&s, moves, &l, effects); err != nil {
			b.Fatal(err)
		}
	}
}
