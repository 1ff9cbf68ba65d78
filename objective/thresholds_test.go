package objective

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/rothpath/optimize/money"
	"github.com/rothpath/optimize/scenario"
)

// find returns the first threshold of a kind (and, for brackets and IRMAA
// tiers, of the given rate or tier), failing the test when absent.
func find(t *testing.T, ts []Threshold, kind ThresholdKind, match func(Threshold) bool) Threshold {
	t.Helper()
	for _, th := range ts {
		if th.Kind == kind && (match == nil || match(th)) {
			return th
		}
	}
	t.Fatalf("no threshold of kind %d in %+v", kind, ts)
	return Threshold{}
}

// Rev. Proc. 2025-32: single 2026, standard deduction 16,100, bracket tops
// 12,400 / 50,400 / 105,700 / 201,775 / 256,225 / 640,600. With no other
// income the added income reaches each top at top + 16,100.
func TestThresholdsBracketsSingle2026(t *testing.T) {
	d := money.Dollars
	m := newModel(t, testScenario(scenario.Single, []int{1963}, scenario.IncomeYear{}))
	ts := m.Thresholds(0)
	if th := find(t, ts, DeductionUsedUp, nil); th.Added != d(16100) || th.Level != d(16100) {
		t.Errorf("deduction used up %+v, want 16,100", th)
	}
	for _, c := range []struct {
		top, added money.Cents
		rate, next float64
	}{
		{d(12400), d(28500), 0.10, 0.12}, {d(50400), d(66500), 0.12, 0.22}, {d(105700), d(121800), 0.22, 0.24},
		{d(201775), d(217875), 0.24, 0.32}, {d(256225), d(272325), 0.32, 0.35}, {d(640600), d(656700), 0.35, 0.37},
	} {
		th := find(t, ts, BracketTop, func(th Threshold) bool { return th.Level == c.top })
		if th.Added != c.added || th.Rate != c.rate || th.NextRate != c.next {
			t.Errorf("bracket top %v: %+v, want added %v, %v -> %v", c.top, th, c.added, c.rate, c.next)
		}
	}
	for i := 1; i < len(ts); i++ {
		if ts[i].Added < ts[i-1].Added {
			t.Errorf("not ascending: %+v", ts)
		}
	}
}

// Publication 915 (base amounts 25,000 / 34,000 single, IRC 86(c)): a single
// person with 30,000 of benefits (half: 15,000) reaches the base amount at
// 10,000 of other income, the adjusted base at 19,000, and 85% of benefits
// (25,500) taxable once 0.85 x (provisional - 34,000) + 4,500 = 25,500,
// i.e. provisional income 58,705.88, other income 43,705.88. At 30,000 of
// other income 13,850 is taxable (the publication's worked figure), and each
// added dollar makes 85 cents more taxable.
func TestThresholdsSocialSecurity(t *testing.T) {
	d := money.Dollars
	m := newModel(t, testScenario(scenario.Single, []int{1963}, scenario.IncomeYear{SocialSecurity: d(30000)}))
	ts := m.Thresholds(0)
	if th := find(t, ts, SocialSecurityStart, nil); th.Added != d(10000) || th.Level != d(25000) {
		t.Errorf("start %+v", th)
	}
	if th := find(t, ts, SocialSecurity85, nil); th.Added != d(19000) || th.Level != d(34000) {
		t.Errorf("85%% %+v", th)
	}
	if th := find(t, ts, SocialSecurityCap, nil); th.Added != money.MustParse("43705.88") || th.Level != d(25500) {
		t.Errorf("cap %+v, want added 43,705.88", th)
	}
	// The next $1,000 at 30,000 of other income: taxable income is
	// 30,000 + 13,850 - 16,100 = 27,750 (12% bracket); 1,000 + 850 more is
	// taxed at 12%: 120.00 on the income itself, 102.00 on the benefits.
	c := m.NextCost(0, d(30000), d(1000))
	if c.TaxableBenefits != d(850) || c.Ordinary != d(120) || c.SocialSecurity != d(102) || c.Federal != d(222) || c.Total != d(222) {
		t.Errorf("next cost %+v", c)
	}
	if c.Rate() != 0.222 {
		t.Errorf("rate %v, want 0.222", c.Rate())
	}
}

// IRC 151(f) (P.L. 119-21 sec. 70103): 6,000 for a single person 65+, less
// 6% of MAGI above 75,000: the phase-out starts at 75,000 and ends at
// 175,000. At MAGI 90,000 the deduction is 5,100 and each added 1,000 takes
// 60 of it away.
func TestThresholdsSeniorDeduction(t *testing.T) {
	d := money.Dollars
	m := newModel(t, testScenario(scenario.Single, []int{1955}, scenario.IncomeYear{}))
	ts := m.Thresholds(0)
	if th := find(t, ts, SeniorPhaseOutStart, nil); th.Added != d(75000) || th.Level != d(75000) {
		t.Errorf("start %+v", th)
	}
	if th := find(t, ts, SeniorPhaseOutEnd, nil); th.Added != d(175000) || th.Level != d(175000) {
		t.Errorf("end %+v", th)
	}
	c := m.NextCost(0, d(90000), d(1000))
	if c.DeductionLost != d(60) {
		t.Errorf("deduction lost %v, want 60", c.DeductionLost)
	}
	// Taxable income at 90,000: 90,000 - 16,100 - 2,050 - 5,100 = 66,750,
	// in the 22% bracket: 220.00 on the income, 13.20 on the 60 lost.
	if c.Ordinary != d(220) || c.SeniorDeduction != money.MustParse("13.20") || c.Federal != money.MustParse("233.20") {
		t.Errorf("next cost %+v", c)
	}
}

// Rev. Proc. 2025-32: single 2026, the 0% gains band ends at 49,450 of
// taxable income. With a 40,000 long-term gain and nothing else, the added
// income starts pushing gains out of the 0% band once taxable income
// reaches 49,450 (added 25,550) and has pushed them all once ordinary
// taxable income reaches it (added 65,550). At 30,000 of ordinary taxable
// income (added 46,100) each added dollar is taxed at 12% and moves a
// dollar of gain from 0% to 15%.
func TestThresholdsGainsBand(t *testing.T) {
	d := money.Dollars
	m := newModel(t, testScenario(scenario.Single, []int{1963}, scenario.IncomeYear{LongTermGains: d(40000)}))
	ts := m.Thresholds(0)
	start := find(t, ts, GainsBandStart, func(th Threshold) bool { return th.Rate == 0 })
	end := find(t, ts, GainsBandEnd, func(th Threshold) bool { return th.Rate == 0 })
	if start.Added != d(25550) || end.Added != d(65550) || start.Level != d(49450) || start.NextRate != 0.15 {
		t.Errorf("gains band: start %+v, end %+v", start, end)
	}
	c := m.NextCost(0, d(46100), d(1000))
	if c.Ordinary != d(120) || c.Gains != d(150) || c.Federal != d(270) {
		t.Errorf("next cost %+v", c)
	}
}

// IRC 1411: NIIT threshold 250,000 joint. With 80,000 of qualified
// dividends, MAGI passes it at 170,000 added and the NIIT stops growing once
// MAGI reaches 330,000 (added 250,000). At MAGI 300,000 the NIIT is 1,900
// (the figure of the rules digest), and 1,000 more adds 38.00.
func TestThresholdsNIIT(t *testing.T) {
	d := money.Dollars
	m := newModel(t, testScenario(scenario.MarriedJoint, []int{1970, 1970}, scenario.IncomeYear{QualifiedDividends: d(80000)}))
	ts := m.Thresholds(0)
	if th := find(t, ts, NIITStart, nil); th.Added != d(170000) {
		t.Errorf("start %+v", th)
	}
	if th := find(t, ts, NIITEnd, nil); th.Added != d(250000) {
		t.Errorf("end %+v", th)
	}
	if c := m.NextCost(0, d(220000), d(1000)); c.NIIT != d(38) {
		t.Errorf("next cost %+v, want NIIT 38.00", c)
	}
}

// CMS 2026 IRMAA (premium year 2026, MAGI of 2024): single, tier 1 above
// 109,000 (Part B 81.20 + Part D 14.50 a month: 1,148.40 a year), the top
// tier at 500,000 or more. A person born in 1955 is 65 in 2026.
func TestThresholdsIRMAA(t *testing.T) {
	d := money.Dollars
	sc := testScenario(scenario.Single, []int{1955}, scenario.IncomeYear{})
	sc.StartYear, sc.Income[0].Year = 2024, 2024
	m := newModel(t, sc)
	ts := m.Thresholds(0)
	first := find(t, ts, IRMAATier, func(th Threshold) bool { return th.Tier == 1 })
	top := find(t, ts, IRMAATier, func(th Threshold) bool { return th.Tier == 5 })
	if first.Added != d(109000) || first.Level != d(109000) || first.Amount != money.MustParse("1148.40") {
		t.Errorf("tier 1 %+v", first)
	}
	if top.Added != d(500000)-1 || top.Amount != 12*money.MustParse("578.00") {
		t.Errorf("top tier %+v", top)
	}
	// irmaa: ignore: the step across 109,000 shows the surcharge as not counted.
	c := m.NextCost(0, d(108500), d(1000))
	if c.IRMAA != 0 || c.IRMAANotCounted != money.MustParse("1148.40") {
		t.Errorf("next cost %+v", c)
	}
	sc.Constraints.IRMAA = scenario.IRMAACost
	m = newModel(t, sc)
	if c := m.NextCost(0, d(108500), d(1000)); c.IRMAA != money.MustParse("1148.40") || c.Total != c.Federal+c.IRMAA {
		t.Errorf("counted: %+v", c)
	}
}

// The parts of NextCost add up to YearCost's difference, and computeFrozen
// with nothing held is the tax itself, on random households.
func TestNextCostAddsUp(t *testing.T) {
	r := rand.New(rand.NewPCG(14, 1))
	d := func(n int) money.Cents { return money.Cents(r.IntN(n)) * 100 }
	for n := 0; n < 300; n++ {
		st := []scenario.FilingStatus{scenario.Single, scenario.MarriedJoint, scenario.HeadOfHousehold, scenario.MarriedSeparate}[r.IntN(4)]
		born := []int{1950 + r.IntN(25)}
		if st == scenario.MarriedJoint {
			born = append(born, 1950+r.IntN(25))
		}
		sc := testScenario(st, born, scenario.IncomeYear{OtherOrdinary: d(80000), QualifiedDividends: d(30000),
			LongTermGains: d(60000), SocialSecurity: d(60000)})
		sc.Assumptions.StateTaxRate = float64(r.IntN(8)) / 100
		if r.IntN(2) == 0 {
			sc.Constraints.IRMAA = scenario.IRMAACost
		}
		m := newModel(t, sc)
		i := r.IntN(3)
		at, step := d(400000), d(5000)+1
		c := m.NextCost(i, at, step)
		c0, c1 := m.YearCost(i, at, 0), m.YearCost(i, at+step, 0)
		if c.Federal != c1.Federal-c0.Federal || c.State != c1.State-c0.State || c.Total != c1.Total-c0.Total+c.IRMAANotCounted*0 {
			t.Fatalf("%d: next cost %+v, year costs %+v -> %+v", n, c, c0, c1)
		}
		if sc.Constraints.IRMAA == scenario.IRMAACost && c.IRMAA != c1.IRMAA-c0.IRMAA {
			t.Fatalf("%d: IRMAA %v, want %v", n, c.IRMAA, c1.IRMAA-c0.IRMAA)
		}
		var w1, w2 worksheet
		var k kinks
		y := &m.years[i]
		k.reset()
		w1.compute(y.p, m.st, y.filer, &y.income, lin{v: int64(at) * Unit, s: Unit}, &k)
		k.reset()
		w2.computeFrozen(y.p, m.st, y.filer, &y.income, lin{v: int64(at) * Unit, s: Unit}, &k, frozen{})
		if w1 != w2 {
			t.Fatalf("%d: computeFrozen differs from compute", n)
		}
	}
}

// FTB 2025 California Tax Rate Schedule X (single): 6% over $41,452, 8% over
// $57,542, 9.3% over $72,724; standard deduction $5,706 (Form 540 line 18).
// With $50,000 of other income, taxable income is 44,294, so added income
// reaches the 8% bracket at 57,542 - 44,294 = 13,248 and the 9.3% bracket at
// 72,724 - 44,294 = 28,430. Above $252,203 of federal AGI the $153 personal
// credit loses $6 for each $2,500 or part (line 32): the tax steps up by $6
// at the first dollar over, 252,203 - 50,000 = 202,203 added.
func TestThresholdsStateRise(t *testing.T) {
	d := money.Dollars
	sc := testScenario(scenario.Single, []int{1965}, scenario.IncomeYear{OtherOrdinary: d(50000)})
	sc.StartYear, sc.Income[0].Year = 2025, 2025
	sc.Residence = []scenario.Residence{{State: "CA"}}
	m := newModel(t, sc)
	ts := m.Thresholds(0)
	for _, c := range []struct {
		added      money.Cents
		rate, next float64
	}{{d(13248), 0.06, 0.08}, {d(28430), 0.08, 0.093}} {
		th := find(t, ts, StateRise, func(th Threshold) bool { return th.Added == c.added })
		if th.Amount != 0 || math.Abs(th.Rate-c.rate) > 1e-9 || math.Abs(th.NextRate-c.next) > 1e-9 {
			t.Errorf("state bracket at %s: %+v, want %v -> %v", c.added, th, c.rate, c.next)
		}
	}
	step := find(t, ts, StateRise, func(th Threshold) bool { return th.Amount > 0 })
	if step.Added != d(202203) || step.Amount != d(6) {
		t.Errorf("first credit step %+v, want $6 at %s", step, d(202203))
	}
	// Each is where the state's cost of the next dollar changes.
	for _, th := range ts {
		if th.Kind != StateRise {
			continue
		}
		before, after := m.NextCost(0, th.Added-d(100), d(100)), m.NextCost(0, th.Added, d(100))
		if after.State <= before.State {
			t.Errorf("no rise of the state tax at %+v: %s then %s", th, before.State, after.State)
		}
	}
	// Without a residence, or with a flat rate, there are none.
	sc.Residence, sc.Assumptions.StateTaxRate = nil, 0.05
	for _, th := range newModel(t, sc).Thresholds(0) {
		if th.Kind == StateRise {
			t.Errorf("flat rate: %+v", th)
		}
	}
}

// At the top of the supported range the next step is cut to what is left
// (MaxAdded less what was added), and to nothing at the edge itself: it
// never asks YearCost for more than a year can hold.
func TestNextCostStopsAtTheRange(t *testing.T) {
	sc := testScenario(scenario.Single, []int{1960}, scenario.IncomeYear{Wages: money.Dollars(100_000)})
	sc.Assumptions.StateTaxRate = 0.05
	m := newModel(t, sc)
	top := m.MaxAdded(0)
	c := m.NextCost(0, top-money.Dollars(400), money.Dollars(1000))
	c0, c1 := m.YearCost(0, top-money.Dollars(400), 0), m.YearCost(0, top, 0)
	if c.Step != money.Dollars(400) || c.Total != c1.Total-c0.Total || c.State != c1.State-c0.State {
		t.Errorf("near the edge: %+v, want a $400 step costing %s", c, c1.Total-c0.Total)
	}
	// 37% federal and 5% state on the last $400 (Rev. Proc. 2025-32: the
	// top bracket), less a cent of rounding either way.
	if want := money.Dollars(168); c.Total < want-2 || c.Total > want+2 {
		t.Errorf("the last $400 costs %s, want about %s", c.Total, want)
	}
	if c := m.NextCost(0, top, money.Dollars(1000)); c.Step != 0 || c.Total != 0 || c.Rate() != 0 {
		t.Errorf("at the edge: %+v, want an empty step", c)
	}
}

// Every threshold is where it says: at Added the quantity is within, one
// cent more crosses it (the cost's slope or IRMAA changes there).
func TestThresholdsAreKinks(t *testing.T) {
	r := rand.New(rand.NewPCG(14, 2))
	d := func(n int) money.Cents { return money.Cents(r.IntN(n)) * 100 }
	for n := 0; n < 100; n++ {
		sc := testScenario(scenario.Single, []int{1950 + r.IntN(25)}, scenario.IncomeYear{OtherOrdinary: d(40000),
			LongTermGains: d(40000), SocialSecurity: d(40000)})
		sc.Constraints.IRMAA = scenario.IRMAACost
		m := newModel(t, sc)
		for _, th := range m.Thresholds(0) {
			if th.Kind == DeductionUsedUp && th.Added == 0 {
				continue
			}
			before := m.NextCost(0, th.Added-100, 100)
			after := m.NextCost(0, th.Added, 100)
			if before.Total == after.Total && before.TaxableBenefits == after.TaxableBenefits &&
				before.DeductionLost == after.DeductionLost && th.Kind != GainsBandEnd && th.Kind != NIITEnd {
				t.Errorf("%d: no change of cost at threshold %+v: %+v vs %+v", n, th, before, after)
			}
		}
	}
}
