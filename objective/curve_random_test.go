package objective

import (
	"math/rand/v2"
	"testing"

	"github.com/rothpath/optimize/money"
	"github.com/rothpath/optimize/scenario"
)

// TestCurveRandomHouseholds holds the curve to YearCost on random
// households: every status, ages, odd-cent incomes, IRMAA counted or not,
// a flat state rate or a residence in any state, with moves.
func TestCurveRandomHouseholds(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	codes, err := StateCodes()
	if err != nil {
		t.Fatal(err)
	}
	statuses := []scenario.FilingStatus{scenario.Single, scenario.MarriedJoint, scenario.MarriedSeparate,
		scenario.HeadOfHousehold, scenario.QualifyingSurvivingSpouse}
	amount := func(max int64) money.Cents {
		if rng.IntN(3) == 0 {
			return 0
		}
		return money.Cents(rng.Int64N(max * 100))
	}
	maxAdded := money.Dollars(1200000)
	straight := 0 // stretches DollarPeriod gave a period for, checked
	for n := 0; n < 400; n++ {
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
		switch rng.IntN(4) {
		case 0:
			sc.Assumptions.StateTaxRate = float64(rng.IntN(1000)) / 10000
		case 1, 2:
			sc.Residence = []scenario.Residence{{State: codes[rng.IntN(len(codes))]}}
		default:
			sc.Residence = []scenario.Residence{{State: codes[rng.IntN(len(codes))]},
				{State: codes[rng.IntN(len(codes))], FromYear: sc.StartYear + 1 + rng.IntN(2)}}
		}
		for j := range sc.People {
			if rng.IntN(3) > 0 {
				sc.People[j].Accounts = []scenario.Account{{ID: sc.People[j].ID + "-ira", Kind: scenario.KindTraditionalIRA, Balance: money.Dollars(100000)}}
			}
		}
		sc.Assumptions.Inflation = float64(rng.IntN(600)) / 10000
		if rng.IntN(2) == 0 {
			sc.Constraints.IRMAA = scenario.IRMAACost
		}
		straight += checkCurves(t, rng, sc, maxAdded, amount, n)
	}
	if straight < 100 {
		t.Errorf("only %d straight stretches checked", straight)
	}
}

// TestCurveEveryState holds the curve to YearCost on random households in
// each state (the households of TestCurveRandomHouseholds meet each state
// only a few times).
func TestCurveEveryState(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 17))
	codes, err := StateCodes()
	if err != nil {
		t.Fatal(err)
	}
	statuses := []scenario.FilingStatus{scenario.Single, scenario.MarriedJoint, scenario.MarriedSeparate,
		scenario.HeadOfHousehold, scenario.QualifyingSurvivingSpouse}
	amount := func(max int64) money.Cents {
		if rng.IntN(3) == 0 {
			return 0
		}
		return money.Cents(rng.Int64N(max * 100))
	}
	maxAdded := money.Dollars(600000)
	for _, code := range codes {
		for n := 0; n < 12; n++ {
			st := statuses[rng.IntN(len(statuses))]
			if n%3 == 0 {
				st = scenario.MarriedJoint
			}
			born := []int{1935 + rng.IntN(50)}
			if st == scenario.MarriedJoint {
				born = append(born, 1935+rng.IntN(50))
			}
			sc := testScenario(st, born, scenario.IncomeYear{
				Wages: amount(100000), OtherOrdinary: amount(60000), QualifiedDividends: amount(40000),
				LongTermGains: amount(100000), SocialSecurity: amount(50000), ItemizedDeductions: amount(40000),
			})
			sc.StartYear = 2024 + rng.IntN(4)
			sc.Residence = []scenario.Residence{{State: code}}
			for j := range sc.People {
				if rng.IntN(4) > 0 {
					sc.People[j].Accounts = []scenario.Account{{ID: sc.People[j].ID + "-ira", Kind: scenario.KindTraditionalIRA, Balance: money.Dollars(100000)}}
				}
			}
			sc.Assumptions.Inflation = float64(rng.IntN(600)) / 10000
			checkCurves(t, rng, sc, maxAdded, amount, n)
		}
	}
}

// checkCurves compares each year's curve with YearCost at every breakpoint,
// a cent either side, and random points, and checks the cost never falls.
// It returns how many stretches DollarPeriod gave a period for were checked.
func checkCurves(t *testing.T, rng *rand.Rand, sc *scenario.Scenario, maxAdded money.Cents, amount func(int64) money.Cents, n int) (straight int) {
	t.Helper()
	st := sc.FilingStatus
	{
		m := newModel(t, sc)
		for i := 0; i < m.Years(); i++ {
			pb := amount(20000)
			c := m.Curve(i, pb, maxAdded)
			check := func(x money.Cents) {
				if x < 0 || x > maxAdded {
					return
				}
				if got, want := c.At(x), m.YearCost(i, x, pb).Total; got != want {
					t.Fatalf("household %d (%s %+v %v) year %d x=%v: curve %v, YearCost %v",
						n, st, sc.Income[0], sc.Residence, i, x, got, want)
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
			// Within a segment the cost stays within LineSlack of the
			// segment's exact line.
			slack := c.LineSlack()
			for k := 0; k < 200; k++ {
				x := money.Cents(rng.Int64N(int64(maxAdded) + 1))
				j := 0
				for j+1 < len(c.Segments) && c.Segments[j+1].X <= x {
					j++
				}
				v, sl := c.ExactLine(j)
				line := v + sl*float64(x-c.Segments[j].X)
				if d := float64(c.At(x)) - line; d > slack+1e-6 || d < -slack-1e-6 {
					t.Fatalf("household %d year %d x=%v: cost %v is %.6f cents off its segment's exact line (slack %v)", n, i, x, c.At(x), d, slack)
				}
			}
			// Where DollarPeriod gives a period, the cost repeats its
			// rounding with it, to the cent.
			for k := 0; k < 50; k++ {
				x := money.Cents(rng.Int64N(int64(maxAdded) + 1))
				period, step, end, ok := c.DollarPeriod(x, 1000)
				if !ok {
					continue
				}
				straight++
				for n := money.Cents(1); n <= 3 && x+100*money.Cents(period)*n <= end; n++ {
					if got, want := c.At(x+100*money.Cents(period)*n)-c.At(x), n*step; got != want {
						t.Fatalf("household %d year %d: DollarPeriod at %v says %v every %d dollars, %d periods on it rises %v", n, i, x, step, period, n, got)
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
	return straight
}
