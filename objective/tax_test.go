package objective

import (
	"testing"

	"github.com/rothpath/optimize/money"
	"github.com/rothpath/optimize/scenario"
)

func params(t testing.TB, year int) *YearParams {
	t.Helper()
	p, err := ParamsFor(year, 0.025)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// taxableOnly returns income whose taxable income is exactly ti (the
// standard deduction added back as other ordinary income).
func taxableOnly(p *YearParams, s scenario.FilingStatus, ti money.Cents) Income {
	return Income{OtherOrdinary: ti + p.StandardDeduction[mustStatus(s)]}
}

// TestTaxWorked holds Tax to the worked figures of rules.md section 8, which
// follow Rev. Proc. 2023-34, 2024-40 and 2025-32.
func TestTaxWorked(t *testing.T) {
	d := money.Dollars
	for _, c := range []struct {
		year int
		st   scenario.FilingStatus
		ti   money.Cents
		want money.Cents
	}{
		{2024, scenario.Single, d(100000), d(17053)},
		{2025, scenario.Single, d(100000), d(16914)},
		{2026, scenario.Single, d(100000), d(16712)},
		{2024, scenario.MarriedJoint, d(200000), d(34106)},
		{2025, scenario.MarriedJoint, d(200000), d(33828)},
		{2026, scenario.MarriedJoint, d(200000), d(33424)},
		{2026, scenario.QualifyingSurvivingSpouse, d(200000), d(33424)},
	} {
		p := params(t, c.year)
		b := Tax(p, Filer{Status: c.st}, taxableOnly(p, c.st, c.ti))
		if b.TaxableIncome != c.ti || b.Total != c.want {
			t.Errorf("%d %s taxable %v: tax %v (taxable %v), want %v", c.year, c.st, c.ti, b.Total, b.TaxableIncome, c.want)
		}
	}

	p26 := params(t, 2026)
	b := Tax(p26, Filer{Status: scenario.Single}, Income{OtherOrdinary: d(147000)})
	if b.TaxableIncome != d(130900) || b.Total != d(24014) {
		t.Errorf("single 2026 147,000: taxable %v tax %v, want 130900 / 24014", b.TaxableIncome, b.Total)
	}
	if b.BracketRate != 0.24 || b.MarginalRate != 0.24 {
		t.Errorf("single 2026 147,000: rates %v / %v, want 0.24", b.BracketRate, b.MarginalRate)
	}
}

// TestSeniorDeduction: IRC 151(f), figures of rules.md section 8.
func TestSeniorDeduction(t *testing.T) {
	d := money.Dollars
	p := params(t, 2026)
	for _, c := range []struct {
		st     scenario.FilingStatus
		over65 int
		magi   money.Cents
		want   money.Cents
	}{
		{scenario.Single, 1, d(90000), d(5100)},
		{scenario.MarriedJoint, 2, d(200000), d(6000)},
		{scenario.MarriedJoint, 1, d(180000), d(4200)},
		{scenario.MarriedJoint, 2, d(100000), d(12000)},
		{scenario.Single, 1, d(175000), 0},
		{scenario.MarriedSeparate, 1, d(50000), 0},
		{scenario.Single, 0, d(50000), 0},
	} {
		b := Tax(p, Filer{Status: c.st, Over65: c.over65}, Income{OtherOrdinary: c.magi})
		if b.SeniorDeduction != c.want {
			t.Errorf("%s %d over 65, MAGI %v: senior %v, want %v", c.st, c.over65, c.magi, b.SeniorDeduction, c.want)
		}
	}
	b := Tax(params(t, 2024), Filer{Status: scenario.Single, Over65: 1}, Income{OtherOrdinary: d(50000)})
	if b.SeniorDeduction != 0 {
		t.Errorf("2024 senior deduction %v, want 0", b.SeniorDeduction)
	}
	// Single 65+, 2026, MAGI 90,000: taxable = 90,000 - 18,150 - 5,100.
	b = Tax(p, Filer{Status: scenario.Single, Over65: 1}, Income{OtherOrdinary: d(90000)})
	if b.TaxableIncome != d(66750) {
		t.Errorf("taxable %v, want 66750", b.TaxableIncome)
	}
	// In the phase-out the next dollar is taxed at 22% x 1.06.
	if b.MarginalRate != 0.2332 || b.BracketRate != 0.22 {
		t.Errorf("marginal %v bracket %v, want 0.2332 / 0.22", b.MarginalRate, b.BracketRate)
	}
}

// TestGainsStacking: QDCG worksheet; single 2026, 30,000 ordinary taxable
// income and a 40,000 gain: the gain's tax is 3,082.50.
func TestGainsStacking(t *testing.T) {
	d := money.Dollars
	p := params(t, 2026)
	b := Tax(p, Filer{Status: scenario.Single}, Income{OtherOrdinary: d(30000) + d(16100), LongTermGains: d(40000)})
	ord := Tax(p, Filer{Status: scenario.Single}, Income{OtherOrdinary: d(30000) + d(16100)})
	if got := b.RegularTax - ord.RegularTax; got != money.MustParse("3082.50") {
		t.Errorf("tax on the gain %v, want 3082.50", got)
	}
	if b.OrdinaryTaxable != d(30000) || b.TaxableIncome != d(70000) {
		t.Errorf("lines %v %v", b.OrdinaryTaxable, b.TaxableIncome)
	}
	// The next ordinary dollar is taxed at 12% and pushes a dollar of gain
	// from the 0% band into the 15% band: 27%.
	if b.MarginalRate != 0.27 || b.BracketRate != 0.12 {
		t.Errorf("marginal %v bracket %v, want 0.27 / 0.12", b.MarginalRate, b.BracketRate)
	}
	// All gains within the 0% band: no tax.
	z := Tax(p, Filer{Status: scenario.Single}, Income{LongTermGains: d(40000)})
	if z.Total != 0 {
		t.Errorf("gain within deduction and 0%% band: %v", z.Total)
	}
}

// TestNIIT: IRC 1411; joint MAGI 300,000 with 80,000 investment income: 1,900.
func TestNIIT(t *testing.T) {
	d := money.Dollars
	p := params(t, 2026)
	b := Tax(p, Filer{Status: scenario.MarriedJoint}, Income{OtherOrdinary: d(220000), QualifiedDividends: d(80000)})
	if b.NIIT != d(1900) || b.MAGI != d(300000) {
		t.Errorf("NIIT %v MAGI %v, want 1900 / 300000", b.NIIT, b.MAGI)
	}
	b = Tax(p, Filer{Status: scenario.MarriedJoint}, Income{OtherOrdinary: d(400000), QualifiedDividends: d(80000)})
	if b.NIIT != money.MustParse("3040.00") {
		t.Errorf("NIIT capped at investment income: %v, want 3040", b.NIIT)
	}
}

// TestSocialSecurity: Publication 915 Worksheet 1, figures of rules.md.
func TestSocialSecurity(t *testing.T) {
	d := money.Dollars
	p := params(t, 2026)
	for _, c := range []struct {
		st          scenario.FilingStatus
		ss, other   money.Cents
		want        money.Cents
		wantMarginB float64 // slope of taxable benefits per dollar of other income
	}{
		{scenario.Single, d(30000), d(30000), d(13850), 0.85},
		{scenario.MarriedJoint, d(40000), d(40000), d(19600), 0.85},
		{scenario.MarriedJoint, d(40000), d(60000), d(34000), 0},
		{scenario.Single, d(20000), d(10000), 0, 0},
		{scenario.Single, d(20000), d(20000), d(2500), 0.5},
		{scenario.MarriedSeparate, d(20000), d(10000), d(17000), 0},
	} {
		b := Tax(p, Filer{Status: c.st}, Income{SocialSecurity: c.ss, OtherOrdinary: c.other})
		if b.TaxableSocialSecurity != c.want {
			t.Errorf("%s ss %v other %v: taxable %v, want %v", c.st, c.ss, c.other, b.TaxableSocialSecurity, c.want)
		}
		var w worksheet
		var k kinks
		k.reset()
		w.compute(p, mustStatus(c.st), Filer{Status: c.st}, &Income{SocialSecurity: c.ss, OtherOrdinary: c.other}, lin{s: Unit}, &k)
		if got := float64(w.ssTaxable.s) / Unit; got != c.wantMarginB {
			t.Errorf("%s ss %v other %v: slope %v, want %v", c.st, c.ss, c.other, got, c.wantMarginB)
		}
	}
}

// TestTaxComputationWorksheet holds the schedule to the Tax Computation
// Worksheet (Form 1040 instructions): tax = taxable income x rate -
// subtraction amount, with the brackets typed in from rules.md (independent
// of params/) and the subtraction amounts derived from them.
func TestTaxComputationWorksheet(t *testing.T) {
	rates := []int64{10, 12, 22, 24, 32, 35, 37}
	tops := map[int]map[scenario.FilingStatus][]int64{
		2024: {
			scenario.Single:          {11600, 47150, 100525, 191950, 243725, 609350},
			scenario.MarriedJoint:    {23200, 94300, 201050, 383900, 487450, 731200},
			scenario.HeadOfHousehold: {16550, 63100, 100500, 191950, 243700, 609350},
			scenario.MarriedSeparate: {11600, 47150, 100525, 191950, 243725, 365600},
		},
		2025: {
			scenario.Single:          {11925, 48475, 103350, 197300, 250525, 626350},
			scenario.MarriedJoint:    {23850, 96950, 206700, 394600, 501050, 751600},
			scenario.HeadOfHousehold: {17000, 64850, 103350, 197300, 250500, 626350},
			scenario.MarriedSeparate: {11925, 48475, 103350, 197300, 250525, 375800},
		},
		2026: {
			scenario.Single:          {12400, 50400, 105700, 201775, 256225, 640600},
			scenario.MarriedJoint:    {24800, 100800, 211400, 403550, 512450, 768700},
			scenario.HeadOfHousehold: {17700, 67450, 105700, 201750, 256200, 640600},
			scenario.MarriedSeparate: {12400, 50400, 105700, 201775, 256225, 384350},
		},
	}
	incomes := []int64{0, 5000, 12345, 47150, 60000, 100000, 150050, 200000, 250000, 380000, 500000, 700000, 1234567}
	for year, bySt := range tops {
		p := params(t, year)
		for st, top := range bySt {
			for _, ti := range incomes {
				// Worksheet row: the bracket containing ti, its subtraction
				// amount = sum over lower tops of top x (next rate - rate).
				k := 0
				for k < len(top) && ti > top[k] {
					k++
				}
				var sub int64 // in cents x 100 (rates in percent)
				for j := 0; j < k; j++ {
					sub += top[j] * 100 * (rates[j+1] - rates[j])
				}
				want := money.Cents((ti*100*rates[k] - sub + 50) / 100)
				b := Tax(p, Filer{Status: st}, taxableOnly(p, st, money.Dollars(ti)))
				if b.Total != want {
					t.Errorf("%d %s taxable %d: %v, want %v", year, st, ti, b.Total, want)
				}
			}
		}
	}
}

func TestTaxAllocatesNothing(t *testing.T) {
	p := params(t, 2026)
	f := Filer{Status: scenario.MarriedJoint, Over65: 2}
	in := Income{OtherOrdinary: money.Dollars(150000), SocialSecurity: money.Dollars(40000), QualifiedDividends: money.Dollars(30000)}
	if n := testing.AllocsPerRun(100, func() { _ = Tax(p, f, in) }); n != 0 {
		t.Errorf("Tax allocates %v times per call", n)
	}
}
