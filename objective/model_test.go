package objective

import (
	"math/rand/v2"
	"testing"

	"github.com/rothpath/optimize/money"
	"github.com/rothpath/optimize/rules"
	"github.com/rothpath/optimize/scenario"
)

func testScenario(status scenario.FilingStatus, born []int, inc scenario.IncomeYear) *scenario.Scenario {
	sc := &scenario.Scenario{
		StartYear: 2026, HorizonYears: 3, FilingStatus: status,
		Objective:   scenario.TotalTax,
		Assumptions: scenario.Assumptions{DiscountRate: 0.03, Inflation: 0.025},
		Constraints: scenario.Constraints{IRMAA: scenario.IRMAAIgnore},
	}
	for j, b := range born {
		sc.People = append(sc.People, scenario.Person{ID: string(rune('a' + j)), BirthYear: b})
	}
	inc.Year = 2026
	sc.Income = []scenario.IncomeYear{inc}
	return sc
}

func newModel(t testing.TB, sc *scenario.Scenario) *Model {
	t.Helper()
	m, err := NewModel(sc)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// Seed 000: single, 2026, no other income, 147,000 of conversion income.
func TestYearCostSeed000(t *testing.T) {
	d := money.Dollars
	sc := testScenario(scenario.Single, []int{1963}, scenario.IncomeYear{})
	m := newModel(t, sc)
	c := m.YearCost(0, d(147000), 0)
	if c.Federal != d(24014) || c.Total != d(24014) || c.Discounted != d(24014) || c.MarginalRate != 0.24 {
		t.Errorf("cost %+v", c)
	}
	sc.Objective = scenario.PresentValue
	sc.Assumptions.StateTaxRate = 0.05
	m = newModel(t, sc)
	c = m.YearCost(1, d(10000), d(10000))
	// 2027 projected: 10,000 all in the 10% bracket? No: within the
	// standard deduction, so no federal tax; state 500; penalty 1,000.
	if c.Federal != 0 || c.State != d(500) || c.Penalty != d(1000) || c.Total != d(1500) {
		t.Errorf("year 1 cost %+v", c)
	}
	if want := money.MustParse("1456.31"); c.Discounted != want { // 1,500 / 1.03
		t.Errorf("discounted %v, want %v", c.Discounted, want)
	}
	var cost Cost
	l := &rules.Ledger{Years: []rules.YearResult{{Year: 2026, AddedOrdinary: d(147000)}, {Year: 2027, AddedOrdinary: d(10000), PenaltyBase: d(10000)}}}
	m.CostInto(l, &cost)
	if cost.Total != d(24014)+money.MustParse("7350.00")+d(1500) || len(cost.Years) != 2 {
		t.Errorf("ledger cost %+v", cost)
	}
	if n := testing.AllocsPerRun(100, func() { m.CostInto(l, &cost) }); n != 0 {
		t.Errorf("CostInto allocates %v", n)
	}
}

func TestIRMAAEdges(t *testing.T) {
	p := params(t, 2026)
	d := money.Dollars
	one := money.Cents(1)
	for _, c := range []struct {
		st   scenario.FilingStatus
		magi money.Cents
		want money.Cents
	}{
		{scenario.Single, d(109000), 0},
		{scenario.Single, d(109000) + one, money.MustParse("1148.40")}, // 12 x (81.20 + 14.50)
		{scenario.Single, d(500000) - one, 12 * money.MustParse("529.60")},
		{scenario.Single, d(500000), 12 * money.MustParse("578.00")},
		{scenario.MarriedJoint, d(218000), 0},
		{scenario.MarriedJoint, d(218000) + one, 2 * money.MustParse("1148.40")},
		{scenario.MarriedSeparate, d(109000) + one, 12 * money.MustParse("529.60")},
		{scenario.MarriedSeparate, d(391000), 12 * money.MustParse("578.00")},
	} {
		enrolled := 1
		if c.st == scenario.MarriedJoint {
			enrolled = 2
		}
		if got := IRMAA(p, c.st, c.magi, enrolled); got != c.want {
			t.Errorf("%s MAGI %v: %v, want %v", c.st, c.magi, got, c.want)
		}
	}
	if StateTax(0.0495, d(1000)) != money.MustParse("49.50") || AdditionalTax(money.MustParse("0.05")) != money.MustParse("0.01") {
		t.Error("StateTax / AdditionalTax")
	}
}

// curveCases are households whose years exercise every kink: Social
// Security phase-in, the senior deduction, gains stacking, NIIT and IRMAA.
func curveCases() []*scenario.Scenario {
	d := money.Dollars
	a := testScenario(scenario.Single, []int{1958}, scenario.IncomeYear{
		OtherOrdinary: d(12000), SocialSecurity: d(30000), QualifiedDividends: d(25000), LongTermGains: d(15000)})
	a.Constraints.IRMAA = scenario.IRMAACost
	a.Assumptions.StateTaxRate = 0.0425
	b := testScenario(scenario.MarriedJoint, []int{1959, 1962}, scenario.IncomeYear{
		Wages: d(60000), SocialSecurity: d(45000), QualifiedDividends: d(90000)})
	b.Constraints.IRMAA = scenario.IRMAACost
	b.Objective = scenario.PresentValue
	c := testScenario(scenario.HeadOfHousehold, []int{1970}, scenario.IncomeYear{LongTermGains: d(60000)})
	e := testScenario(scenario.MarriedSeparate, []int{1955}, scenario.IncomeYear{SocialSecurity: d(20000), OtherOrdinary: money.MustParse("3333.33")})
	e.Constraints.IRMAA = scenario.IRMAACost
	f := testScenario(scenario.QualifyingSurvivingSpouse, []int{1960}, scenario.IncomeYear{SocialSecurity: money.MustParse("31234.57"), ItemizedDeductions: d(40000), QualifiedDividends: money.MustParse("777.77")})
	f.Constraints.IRMAA = scenario.IRMAACost
	return []*scenario.Scenario{a, b, c, e, f}
}

// TestCurveProperty: the curve equals YearCost to the cent at every
// breakpoint, next to it, and at random points.
func TestCurveProperty(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	maxAdded := money.Dollars(900000)
	for ci, sc := range curveCases() {
		m := newModel(t, sc)
		for i := 0; i < m.Years(); i++ {
			pb := money.Dollars(int64(1000 * i))
			c := m.Curve(i, pb, maxAdded)
			if len(c.Segments) < 3 {
				t.Errorf("case %d year %d: only %d segments", ci, i, len(c.Segments))
			}
			check := func(x money.Cents) {
				if x < 0 || x > maxAdded {
					return
				}
				if got, want := c.At(x), m.YearCost(i, x, pb).Total; got != want {
					t.Fatalf("case %d year %d x=%v: curve %v, YearCost %v", ci, i, x, got, want)
				}
			}
			for j, s := range c.Segments {
				if j > 0 && s.X <= c.Segments[j-1].X {
					t.Fatalf("breakpoints not increasing")
				}
				if s.Value != m.YearCost(i, s.X, pb).Total {
					t.Fatalf("case %d: segment value at %v", ci, s.X)
				}
				for _, dx := range []money.Cents{-2, -1, 0, 1, 2, 37} {
					check(s.X + dx)
				}
			}
			for n := 0; n < 3000; n++ {
				check(money.Cents(rng.Int64N(int64(maxAdded) + 1)))
			}
		}
	}
}

// TestCurveIRMAAJump: with irmaa: cost the curve jumps by the whole tier at
// one cent past a threshold.
func TestCurveIRMAAJump(t *testing.T) {
	d := money.Dollars
	sc := testScenario(scenario.Single, []int{1958}, scenario.IncomeYear{})
	sc.Constraints.IRMAA = scenario.IRMAACost
	m := newModel(t, sc)
	h := m.IRMAAHeadroom(0)
	th := m.years[0].pIRMAA.IRMAA[stSingle].Threshold[0]
	if h != th {
		t.Fatalf("headroom %v, want the threshold %v (MAGI = added)", h, th)
	}
	c := m.Curve(0, 0, d(300000))
	jump := c.At(h+1) - c.At(h)
	if want := m.YearCost(0, h+1, 0).IRMAA; jump < want || want <= 0 {
		t.Errorf("jump %v, IRMAA %v", jump, want)
	}
	sc.People[0].BirthYear = 1980
	if newModel(t, sc).IRMAAHeadroom(0) != money.MaxAmount {
		t.Error("nobody on Medicare: headroom should be unlimited")
	}
}

func TestMaxAddedAtRate(t *testing.T) {
	d := money.Dollars
	m := newModel(t, testScenario(scenario.Single, []int{1970}, scenario.IncomeYear{}))
	if got := m.MaxAddedAtRate(0, 0.24); got != d(201775+16100) {
		t.Errorf("24%%: %v", got)
	}
	if m.MaxAddedAtRate(0, 0.37) != money.MaxAmount || m.MaxAddedAtRate(0, 0.05) != 0 {
		t.Error("edges")
	}
	// With gains stacked on top, the ordinary part is what counts.
	m = newModel(t, testScenario(scenario.Single, []int{1970}, scenario.IncomeYear{LongTermGains: d(50000), OtherOrdinary: d(20000)}))
	if got := m.MaxAddedAtRate(0, 0.12); got != d(50400+16100-20000) {
		t.Errorf("12%% with gains: %v", got)
	}
	for _, sc := range curveCases() {
		m := newModel(t, sc)
		for _, r := range []float64{0.12, 0.22, 0.24, 0.32} {
			x := m.MaxAddedAtRate(0, r)
			if x == 0 || x == money.MaxAmount {
				continue
			}
			var w worksheet
			var k kinks
			m.eval(0, x, &w, &k)
			in := w.ordinary.v
			m.eval(0, x+1, &w, &k)
			top := int64(0)
			for j, rb := range m.years[0].p.Brackets[m.st].RateBP[:MaxBrackets-1] {
				if float64(rb) <= r*10000 {
					top = int64(m.years[0].p.Brackets[m.st].Top[j]) * Unit
				}
			}
			if in > top || w.ordinary.v <= top {
				t.Errorf("%s rate %v: x=%v not the largest", sc.FilingStatus, r, x)
			}
		}
	}
}

func TestNewModelErrors(t *testing.T) {
	sc := testScenario(scenario.Single, []int{1970}, scenario.IncomeYear{})
	sc.StartYear = 2020
	if _, err := NewModel(sc); err == nil {
		t.Error("2020 accepted")
	}
	sc = testScenario("widowed", []int{1970}, scenario.IncomeYear{})
	if _, err := NewModel(sc); err == nil {
		t.Error("bad status accepted")
	}
	sc = testScenario(scenario.Single, []int{1970}, scenario.IncomeYear{Wages: MaxIncome + 1})
	if _, err := NewModel(sc); err == nil {
		t.Error("huge income accepted")
	}
}
