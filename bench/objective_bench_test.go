package bench

import (
	"testing"

	"github.com/rothpath/optimize/money"
	"github.com/rothpath/optimize/objective"
	"github.com/rothpath/optimize/scenario"
)

// benchScenario is a married couple over 65 with Social Security, dividends
// and IRMAA counted: every part of the year's computation is exercised.
func benchScenario() *scenario.Scenario {
	d := money.Dollars
	return &scenario.Scenario{
		StartYear: 2026, HorizonYears: 5, FilingStatus: scenario.MarriedJoint,
		People:      []scenario.Person{{ID: "a", BirthYear: 1958}, {ID: "b", BirthYear: 1960}},
		Income:      []scenario.IncomeYear{{Year: 2026, Wages: d(60000), SocialSecurity: d(45000), QualifiedDividends: d(90000)}},
		Objective:   scenario.PresentValue,
		Assumptions: scenario.Assumptions{DiscountRate: 0.03, Inflation: 0.025, StateTaxRate: 0.05},
		Constraints: scenario.Constraints{IRMAA: scenario.IRMAACost},
	}
}

var sinkB objective.Breakdown
var sinkC objective.YearCost
var sinkCurve objective.Curve

func BenchmarkTax(b *testing.B) {
	p, err := objective.ParamsFor(2026, 0.025)
	if err != nil {
		b.Fatal(err)
	}
	d := money.Dollars
	f := objective.Filer{Status: scenario.MarriedJoint, Over65: 2}
	in := objective.Income{Wages: d(60000), OtherOrdinary: d(100000), SocialSecurity: d(45000), QualifiedDividends: d(90000)}
	b.ReportAllocs()
	for b.Loop() {
		sinkB = objective.Tax(p, f, in)
	}
}

func BenchmarkYearCost(b *testing.B) {
	m, err := objective.NewModel(benchScenario())
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	x := money.Cents(0)
	for b.Loop() {
		sinkC = m.YearCost(1, x, 0)
		x = (x + 1234567) % money.Dollars(500000)
	}
}

func BenchmarkCurve(b *testing.B) {
	m, err := objective.NewModel(benchScenario())
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		sinkCurve = m.Curve(1, 0, money.Dollars(1000000))
	}
	b.ReportMetric(float64(len(sinkCurve.Segments)), "segments")
}

// stateBench is benchScenario living in a state instead of paying the flat
// rate: New York (graduated rates, the pension exclusion, the supplemental
// tax) or California (graduated rates, credits phased out by AGI).
func stateBench(code string) *scenario.Scenario {
	sc := benchScenario()
	sc.Assumptions.StateTaxRate = 0
	sc.Residence = []scenario.Residence{{State: code}}
	sc.People[0].Accounts = []scenario.Account{{ID: "ira", Kind: scenario.KindTraditionalIRA, Balance: money.Dollars(900000)}}
	return sc
}

func benchYearCost(b *testing.B, sc *scenario.Scenario) {
	m, err := objective.NewModel(sc)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	x := money.Cents(0)
	for b.Loop() {
		sinkC = m.YearCost(1, x, 0)
		x = (x + 1234567) % money.Dollars(500000)
	}
}

func benchCurve(b *testing.B, sc *scenario.Scenario) {
	m, err := objective.NewModel(sc)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		sinkCurve = m.Curve(1, 0, money.Dollars(1000000))
	}
	b.ReportMetric(float64(len(sinkCurve.Segments)), "segments")
}

func BenchmarkYearCostNY(b *testing.B) { benchYearCost(b, stateBench("NY")) }
func BenchmarkYearCostCA(b *testing.B) { benchYearCost(b, stateBench("CA")) }
func BenchmarkCurveNY(b *testing.B)    { benchCurve(b, stateBench("NY")) }
func BenchmarkCurveCA(b *testing.B)    { benchCurve(b, stateBench("CA")) }

// Connecticut's curve has the most steps (its add-back, recapture and
// personal credit tables, the exemption phase-out, the Social Security
// limit): the worst case for the number of segments.
func BenchmarkYearCostCT(b *testing.B) { benchYearCost(b, stateBench("CT")) }
func BenchmarkCurveCT(b *testing.B)    { benchCurve(b, stateBench("CT")) }
