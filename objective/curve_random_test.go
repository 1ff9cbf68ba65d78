package objective

import (
	"math/rand/v2"
	"testing"

	"github.com/rothpath/optimize/money"
	"github.com/rothpath/optimize/scenario"
)

// TestCurveRandomHouseholds holds the curve to YearCost on random
// households: every status, ages, odd-cent incomes, IRMAA counted or not.
func TestCurveRandomHouseholds(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	statuses := []scenario.FilingStatus{scenario.Single, scenario.MarriedJoint, scenario.MarriedSeparate,
		scenario.HeadOfHousehold, scenario.QualifyingSurvivingSpouse}
	amount := func(max int64) money.Cents {
		if rng.IntN(3) == 0 {
			return 0
		}
		return money.Cents(rng.Int64N(max * 100))
	}
	maxAdded := money.Dollars(1200000)
	straight := 0 // stretches DollarStep called straight, checked
	for n := 0; n < 200; n++ {
		st := statuses[rng.IntN(len(statuses))]
		born := []int{1940 + rng.IntN(50)}
		if st == scenario.MarriedJoint {
			born = append(born, 1940+rng.IntN(50))
		}
		sc := testScenario(st, born, scenario.IncomeYear{
			Wages: amount(150000), OtherOrdinary: amount(80000), QualifiedDividends: amount(120000),
			LongTermGains: amount(300000), SocialSecurity: amount(60000), ItemizedDeductions: amount(50000),
		})
		sc.StartYear = 2024 + rng.IntN(6)
		sc.Assumptions.StateTaxRate = float64(rng.IntN(1000)) / 10000
		sc.Assumptions.Inflation = float64(rng.IntN(600)) / 10000
		if rng.IntN(2) == 0 {
			sc.Constraints.IRMAA = scenario.IRMAACost
		}
		m := newModel(t, sc)
		for i := 0; i < m.Years(); i++ {
			pb := amount(20000)
			c := m.Curve(i, pb, maxAdded)
			check := func(x money.Cents) {
				if x < 0 || x > maxAdded {
					return
				}
				if got, want := c.At(x), m.YearCost(i, x, pb).Total; got != want {
					t.Fatalf("household %d (%s %+v) year %d x=%v: curve %v, YearCost %v",
						n, st, sc.Income[0], i, x, got, want)
				}
			}
			for _, s := range c.Segments {
				for _, dx := range []money.Cents{-1, 0, 1} {
					check(s.X + dx)
				}
			}
			for k := 0; k < 200; k++ {
				check(money.Cents(rng.Int64N(int64(maxAdded) + 1)))
			}
			// Within a segment the cost stays within CurveLineSlack of the
			// segment's straight line (the search's bounds rest on it).
			for k := 0; k < 200; k++ {
				x := money.Cents(rng.Int64N(int64(maxAdded) + 1))
				j := 0
				for j+1 < len(c.Segments) && c.Segments[j+1].X <= x {
					j++
				}
				sg := c.Segments[j]
				line := float64(sg.Value) + float64(sg.Slope)*float64(x-sg.X)/Unit
				if d := float64(c.At(x)) - line; d > float64(CurveLineSlack) || d < -float64(CurveLineSlack) {
					t.Fatalf("household %d year %d x=%v: cost %v is %.3f cents off its segment's line", n, i, x, c.At(x), d)
				}
			}
			// Where DollarStep says a stretch is straight, it is, to the cent.
			for k := 0; k < 50; k++ {
				x := money.Cents(rng.Int64N(int64(maxAdded) + 1))
				step, end, ok := c.DollarStep(x)
				if !ok {
					continue
				}
				straight++
				for n := money.Cents(1); n <= 5 && x+100*n <= end; n++ {
					if got, want := c.At(x+100*n)-c.At(x), n*step; got != want {
						t.Fatalf("household %d year %d: DollarStep at %v says %v a dollar, %d dollars on it rises %v", n, i, x, step, n, got)
					}
				}
			}
			// The tax never falls as income rises, and the true marginal
			// rate is never below the plain bracket rate's contribution.
			for j, s := range c.Segments {
				if s.Slope < 0 {
					t.Fatalf("household %d: negative slope at %v", n, s.X)
				}
				if j > 0 && s.Value < c.Segments[j-1].Value {
					t.Fatalf("household %d: cost falls at %v", n, s.X)
				}
			}
		}
	}
	if straight < 100 {
		t.Errorf("only %d straight stretches checked", straight)
	}
}
