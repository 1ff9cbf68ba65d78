package objective

import (
	"errors"
	"fmt"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/rothpath/optimize/money"
	"github.com/rothpath/optimize/scenario"
)

// The model's constants agree with the scenario's supported ranges.
func TestRangesAgreeWithScenario(t *testing.T) {
	if FirstYear != scenario.FirstTaxYear {
		t.Errorf("FirstYear %d, scenario.FirstTaxYear %d", FirstYear, scenario.FirstTaxYear)
	}
	if MaxIncome < scenario.MaxHousehold {
		t.Errorf("MaxIncome %s below scenario.MaxHousehold %s", MaxIncome, scenario.MaxHousehold)
	}
	// The largest line is below MaxIncome + 0.85 MaxIncome + MaxFigure (see
	// limits.go); in units it must fit an int64 with room to spare.
	if worst := new(big.Int).Mul(big.NewInt(int64(MaxIncome*2+MaxFigure)), big.NewInt(Unit)); !worst.IsInt64() {
		t.Errorf("2·MaxIncome + MaxFigure in units (%v) does not fit an int64", worst)
	}
}

// Figures projected to the last year at the highest supported inflation are
// under MaxFigure; a little more inflation is refused, not wrapped, and so
// is any year past the last, at once however far.
func TestProjectionEdge(t *testing.T) {
	for _, infl := range []float64{scenario.MaxInflation, scenario.MinInflation, 0} {
		p, err := ParamsFor(LastYear, infl)
		if err != nil {
			t.Fatalf("%d at inflation %v: %v", LastYear, infl, err)
		}
		for s := range numStatus {
			figs := append(p.Brackets[s].Top[:], p.StandardDeduction[s], p.AdditionalAged[s], p.GainsTop0[s], p.GainsTop15[s])
			figs = append(figs, p.IRMAA[s].Threshold[:p.IRMAA[s].N]...)
			for _, v := range figs {
				if v < 0 || v > MaxFigure {
					t.Errorf("%d %s at %v: figure %s outside 0..%s", LastYear, statusNames[s], infl, v, MaxFigure)
				}
			}
			if infl == scenario.MaxInflation && p.Brackets[s].Top[MaxBrackets-2] < money.Dollars(100_000_000) {
				t.Errorf("top bracket %s: not projected as expected", p.Brackets[s].Top[MaxBrackets-2])
			}
		}
	}
	if _, err := ParamsFor(LastYear, scenario.MaxInflation+0.01); !errors.Is(err, ErrProjection) {
		t.Errorf("inflation past the maximum: %v, want ErrProjection", err)
	}
	if _, err := ParamsFor(LastYear, 0.5); !errors.Is(err, ErrProjection) {
		t.Errorf("inflation 0.5: %v, want ErrProjection", err)
	}
	began := time.Now()
	for _, y := range []int{LastYear + 1, 999_999_999} {
		if _, err := ParamsFor(y, 0.025); !errors.Is(err, ErrYearLate) {
			t.Errorf("year %d: %v, want ErrYearLate", y, err)
		}
	}
	if d := time.Since(began); d > time.Second {
		t.Errorf("refusing far years took %v", d)
	}
}

// rat is an exact amount in dollars.
func rat(c money.Cents) *big.Rat { return new(big.Rat).SetFrac64(int64(c), 100) }

func ratMin(a, b *big.Rat) *big.Rat {
	if a.Cmp(b) < 0 {
		return a
	}
	return b
}

func ratMax(a, b *big.Rat) *big.Rat {
	if a.Cmp(b) > 0 {
		return a
	}
	return b
}

func pct(r *big.Rat, bp int64) *big.Rat { return new(big.Rat).Mul(r, big.NewRat(bp, 10000)) }

// scheduleRat is the rate schedule's tax on ti (Tax Computation Worksheet),
// bracket by bracket.
func scheduleRat(s *Schedule, ti *big.Rat) *big.Rat {
	tax := new(big.Rat)
	lower := new(big.Rat)
	for k := range MaxBrackets {
		top := ti
		if k < MaxBrackets-1 {
			top = ratMin(ti, rat(s.Top[k]))
		}
		if top.Cmp(lower) > 0 {
			tax.Add(tax, pct(new(big.Rat).Sub(top, lower), s.RateBP[k]))
		}
		if k < MaxBrackets-1 {
			lower = rat(s.Top[k])
		}
	}
	return tax
}

// taxRat is the year's federal tax computed from the forms with exact
// rationals, independently of the worksheet code: Publication 915 Worksheet
// 1, the standard deduction (no senior deduction: the caller's incomes are
// far past its phase-out), the Qualified Dividends and Capital Gain Tax
// Worksheet and Form 8960. It returns the total in cents, rounded half up.
func taxRat(p *YearParams, st int, over65 int, in Income) money.Cents {
	other := rat(in.Wages + in.OtherOrdinary + in.QualifiedDividends + in.LongTermGains)
	ss := rat(in.SocialSecurity)
	half := new(big.Rat).Quo(ss, big.NewRat(2, 1))
	l6 := new(big.Rat).Add(half, other)
	l9 := ratMax(new(big.Rat).Sub(l6, rat(p.SSBase[st])), new(big.Rat))
	l10 := rat(p.SSAdjustedBase[st] - p.SSBase[st])
	l11 := ratMax(new(big.Rat).Sub(l9, l10), new(big.Rat))
	l13 := new(big.Rat).Quo(ratMin(l9, l10), big.NewRat(2, 1))
	l16 := new(big.Rat).Add(ratMin(half, l13), pct(l11, 8500))
	taxableSS := ratMin(l16, pct(ss, 8500))
	agi := new(big.Rat).Add(other, taxableSS)
	ded := rat(p.StandardDeduction[st] + money.Cents(over65)*p.AdditionalAged[st])
	l1 := ratMax(new(big.Rat).Sub(agi, ded), new(big.Rat))
	sch := &p.Brackets[st]
	l4 := rat(in.QualifiedDividends + in.LongTermGains)
	var regular *big.Rat
	if l4.Sign() == 0 {
		regular = scheduleRat(sch, l1)
	} else {
		l5 := ratMax(new(big.Rat).Sub(l1, l4), new(big.Rat))
		l7 := ratMin(l1, rat(p.GainsTop0[st]))
		l9 := new(big.Rat).Sub(l7, ratMin(l5, l7))
		l10 := ratMin(l1, l4)
		l12 := new(big.Rat).Sub(l10, l9)
		l14 := ratMin(l1, rat(p.GainsTop15[st]))
		l16 := ratMax(new(big.Rat).Sub(l14, new(big.Rat).Add(l5, l9)), new(big.Rat))
		l17 := ratMin(l12, l16)
		l20 := new(big.Rat).Sub(new(big.Rat).Sub(l10, l9), l17)
		l23 := new(big.Rat).Add(pct(l17, 1500), pct(l20, 2000))
		l23.Add(l23, scheduleRat(sch, l5))
		regular = ratMin(l23, scheduleRat(sch, l1))
	}
	niit := pct(ratMin(l4, ratMax(new(big.Rat).Sub(agi, rat(p.NIITThreshold[st])), new(big.Rat))), p.NIITRateBP)
	total := new(big.Rat).Add(regular, niit)
	cents := new(big.Rat).Mul(total, big.NewRat(100, 1))
	cents.Add(cents, big.NewRat(1, 2))
	return money.Cents(new(big.Int).Quo(cents.Num(), cents.Denom()).Int64())
}

// At the largest income a year can have, for every status, in a published
// year and in the last year at the highest inflation, the tax is exact to
// the cent: the same as the forms computed with rationals.
func TestTaxAtMaxIncome(t *testing.T) {
	mixes := map[string]Income{
		"ordinary": {OtherOrdinary: MaxIncome},
		"mixed": {Wages: MaxIncome / 10 * 3, OtherOrdinary: MaxIncome / 10 * 3, QualifiedDividends: MaxIncome / 10,
			LongTermGains: MaxIncome / 10 * 2, SocialSecurity: MaxIncome / 10},
		"gains": {LongTermGains: MaxIncome - money.Dollars(50_000), OtherOrdinary: money.Dollars(50_000)},
	}
	for _, yi := range []struct {
		year int
		infl float64
	}{{2026, 0.025}, {scenario.MaxYear, scenario.MaxInflation}, {scenario.MaxYear, scenario.MinInflation}} {
		p, err := ParamsFor(yi.year, yi.infl)
		if err != nil {
			t.Fatal(err)
		}
		for st, name := range statusNames {
			for mix, in := range mixes {
				b := Tax(p, Filer{Status: scenario.FilingStatus(name), Over65: 1}, in)
				want := taxRat(p, st, 1, in)
				if b.Total != want || b.Total <= 0 {
					t.Errorf("%d at %v, %s, %s: tax %s, the forms give %s", yi.year, yi.infl, name, mix, b.Total, want)
				}
			}
		}
	}
}

// A year with no income to which the most a household can add is added,
// with IRMAA counted and the present value at the lowest discount rate over
// the longest horizon: the cost is the forms' tax, the curve agrees to the
// cent at its end, and the discounted figure is exact.
func TestYearCostAtTheEdge(t *testing.T) {
	sc := testScenario(scenario.MarriedJoint, []int{1960, 1962}, scenario.IncomeYear{})
	sc.StartYear, sc.HorizonYears = scenario.MaxYear-scenario.MaxHorizon+1, scenario.MaxHorizon
	sc.Objective = scenario.PresentValue
	sc.Assumptions = scenario.Assumptions{DiscountRate: scenario.MinDiscountRate, Inflation: scenario.MaxInflation, StateTaxRate: scenario.MaxStateTaxRate}
	sc.Constraints.IRMAA = scenario.IRMAACost
	m := newModel(t, sc)
	last := m.Years() - 1
	x := m.MaxAdded(last)
	if x != MaxIncome {
		t.Fatalf("MaxAdded %s, want %s (no baseline income)", x, MaxIncome)
	}
	c := m.YearCost(last, x, x)
	fed := taxRat(m.Params(last), stJoint, 2, Income{OtherOrdinary: x}) - taxRat(m.Params(last), stJoint, 2, Income{})
	if c.Federal != fed {
		t.Errorf("federal %s, the forms give %s", c.Federal, fed)
	}
	if c.State != money.MulDiv(x, 2, 10) || c.Penalty != x/10 || c.IRMAA <= 0 {
		t.Errorf("state %s, penalty %s, irmaa %s", c.State, c.Penalty, c.IRMAA)
	}
	// Discounted = Total / 0.9^39, rounded: factor round(1e9 / 0.9^39), then
	// half up.
	f := new(big.Rat).SetFrac(new(big.Int).Exp(big.NewInt(10), big.NewInt(39), nil), new(big.Int).Exp(big.NewInt(9), big.NewInt(39), nil))
	f.Mul(f, big.NewRat(discountScale, 1))
	factor := new(big.Int).Quo(new(big.Int).Add(new(big.Int).Mul(f.Num(), big.NewInt(2)), f.Denom()), new(big.Int).Mul(f.Denom(), big.NewInt(2)))
	if want := money.MulDiv(c.Total, factor.Int64(), discountScale); c.Discounted != want || want < c.Total*60 {
		t.Errorf("discounted %s, want %s (about 61 times %s)", c.Discounted, want, c.Total)
	}
	cv := m.Curve(last, x, money.MaxAmount) // asks for more than a year can hold
	if cv.Max != x {
		t.Errorf("curve ends at %s, want MaxAdded %s", cv.Max, x)
	}
	if at := cv.At(x); at != c.Total {
		t.Errorf("curve at the end %s, YearCost %s", at, c.Total)
	}
}

// Adding more than a year can hold is a programming error: it panics with
// an internal-error message instead of wrapping round.
func TestAddedBeyondTheRangePanics(t *testing.T) {
	sc := testScenario(scenario.Single, []int{1960}, scenario.IncomeYear{Wages: money.Dollars(100_000)})
	m := newModel(t, sc)
	x := m.MaxAdded(0)
	if x != MaxIncome-money.Dollars(100_000) {
		t.Fatalf("MaxAdded %s", x)
	}
	m.YearCost(0, x, 0) // the edge itself is fine
	for _, bad := range []money.Cents{x + 1, money.MaxAmount, -MaxIncome - 1} {
		func() {
			defer func() {
				r := recover()
				if msg := fmt.Sprint(r); !strings.Contains(msg, "objective: internal error: added income") {
					t.Errorf("YearCost(%s): recovered %v", bad, r)
				}
			}()
			m.YearCost(0, bad, 0)
		}()
	}
}

// A discount rate whose factors leave the supported range is an error of
// NewModel, not a wrapped factor.
func TestDiscountOutOfRange(t *testing.T) {
	sc := testScenario(scenario.Single, []int{1960}, scenario.IncomeYear{})
	sc.HorizonYears, sc.Objective = 40, scenario.PresentValue
	sc.Assumptions.DiscountRate = -0.5
	if _, err := NewModel(sc); !errors.Is(err, ErrRate) {
		t.Errorf("discount -0.5 over 40 years: %v", err)
	}
	sc.Assumptions.DiscountRate = scenario.MinDiscountRate
	newModel(t, sc)
}

// A year whose baseline income is the most a year can hold has no room for
// added income: the headroom functions answer without stepping past it.
func TestHeadroomAtMaxIncome(t *testing.T) {
	sc := testScenario(scenario.MarriedJoint, []int{1955, 1957}, scenario.IncomeYear{Wages: MaxIncome})
	sc.Constraints.IRMAA = scenario.IRMAAAvoid
	m := newModel(t, sc)
	if m.MaxAdded(0) != 0 {
		t.Fatalf("MaxAdded %s", m.MaxAdded(0))
	}
	for _, rate := range []float64{0.10, 0.24, 0.35, 0.37} {
		if got := m.MaxAddedAtRate(0, rate); got != 0 && got != money.MaxAmount {
			t.Errorf("MaxAddedAtRate(%v) = %s", rate, got)
		}
	}
	if got := m.IRMAAHeadroom(0); got != money.MaxAmount { // the baseline is in the top tier already
		t.Errorf("IRMAAHeadroom = %s", got)
	}
	// A baseline a little under the maximum: the 37% bracket has no top,
	// and the limits of lower brackets are 0 (the baseline is past them).
	sc = testScenario(scenario.Single, []int{1960}, scenario.IncomeYear{Wages: MaxIncome - money.Dollars(250_000)})
	m = newModel(t, sc)
	if got := m.MaxAddedAtRate(0, 0.37); got != money.MaxAmount {
		t.Errorf("37%%: %s", got)
	}
	if got := m.MaxAddedAtRate(0, 0.35); got != 0 {
		t.Errorf("35%%: %s", got)
	}
	// The maximum as long-term gains: ordinary taxable income is nil, so
	// every bracket's limit lies past what the year can hold (found by
	// FuzzPlanEndToEnd: the search stepped past MaxAdded here).
	sc = testScenario(scenario.Single, []int{1960}, scenario.IncomeYear{LongTermGains: MaxIncome})
	m = newModel(t, sc)
	for _, rate := range []float64{0.10, 0.12, 0.22, 0.24, 0.32, 0.35} {
		if got := m.MaxAddedAtRate(0, rate); got != money.MaxAmount {
			t.Errorf("gains, %v: %s, want no limit within the year", rate, got)
		}
	}
}
