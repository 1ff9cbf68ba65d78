// Package household generates households deterministically: the same
// number and shape always give the same valid scenario. The benchmark
// suite, `optimize bench generate` and the tests of the packages below bench
// (which cannot import it) draw their generated households from here.
package household

import (
	"fmt"
	"math/rand/v2"

	"github.com/rothpath/optimize/money"
	"github.com/rothpath/optimize/scenario"
)

// Shape says what kind of households Generate makes.
type Shape struct {
	// Tiny households (balances of a few hundred dollars, baseline income a
	// few hundred dollars below a tax threshold) small enough for the
	// brute-force oracle on a one-dollar grid, with at most MaxDims
	// continuous source-years.
	Tiny    bool
	MaxDims int
	// Scale multiplies tiny households' balances (0 means 1): larger grids
	// for the oracle, to time the search against it.
	Scale int
	// Horizon is the number of years (1..40); 0 picks 1 to 3 at random.
	Horizon int
	// Plans per person (0..3); negative picks 0 to 2 at random.
	Plans int
	// Couples makes married couples (two people filing jointly) half the time.
	Couples bool
}

// Shapes of `optimize bench generate`.
var (
	// Realistic: one person or a couple, 0 to 2 plans each, a 1- to 3-year
	// horizon.
	Realistic = Shape{Plans: -1, Couples: true}
	// TinyShape: households a brute-force oracle solves in well under a
	// second.
	TinyShape = Shape{Tiny: true, MaxDims: 2, Plans: -1}
)

// Generate returns household number n of the given shape: the same n and
// shape always give the same household. Every household it returns passes
// scenario validation.
func Generate(n uint64, sh Shape) *scenario.Scenario {
	r := rand.New(rand.NewPCG(n, 0x9e3779b97f4a7c15))
	g := gen{r: r, sh: sh}
	for try := 0; try < 1000; try++ {
		sc := g.household(n)
		if err := sc.Validate(); err == nil {
			return sc
		}
	}
	panic("household: the generator made 1,000 invalid households in a row") // a bug here
}

type gen struct {
	r  *rand.Rand
	sh Shape
}

func (g *gen) dollars(lo, hi int) money.Cents {
	return money.Dollars(int64(lo + g.r.IntN(hi-lo+1)))
}

// tiny returns a tiny household's amount, scaled.
func (g *gen) tiny(lo, hi int) money.Cents {
	return g.dollars(lo, hi) * money.Cents(max(1, g.sh.Scale))
}

func (g *gen) household(n uint64) *scenario.Scenario {
	r := g.r
	sc := &scenario.Scenario{
		Name:         fmt.Sprintf("generated household %d", n),
		StartYear:    2026,
		HorizonYears: g.sh.Horizon,
		FilingStatus: scenario.Single,
		Objective:    scenario.TotalTax,
		Assumptions:  scenario.Assumptions{Inflation: 0.025},
		Constraints:  scenario.Constraints{IRMAA: scenario.IRMAAIgnore, RuleRegime: "current"},
	}
	if sc.HorizonYears == 0 {
		sc.HorizonYears = 1 + r.IntN(3)
	}
	people := 1
	if g.sh.Couples && r.IntN(2) == 0 {
		people = 2
		sc.FilingStatus = scenario.MarriedJoint
	} else if r.IntN(5) == 0 {
		sc.FilingStatus = scenario.HeadOfHousehold
	}
	switch r.IntN(6) {
	case 0:
		sc.Objective = scenario.PresentValue
		sc.Assumptions.DiscountRate = 0.03
	case 1:
		sc.Constraints.IRMAA = scenario.IRMAACost
	case 2:
		sc.Assumptions.StateTaxRate = 0.05
	}
	if !g.sh.Tiny && r.IntN(4) == 0 {
		sc.Assumptions.GrowthRate = 0.05
	}
	dims := 0
	var total money.Cents
	for i := 0; i < people; i++ {
		p := scenario.Person{
			ID:                   fmt.Sprintf("p%d", i+1),
			BirthYear:            1950 + r.IntN(25),
			SeparatedFromService: r.IntN(3) != 0,
		}
		ira := scenario.Account{ID: fmt.Sprintf("p%d-ira", i+1), Kind: scenario.KindTraditionalIRA}
		if g.sh.Tiny {
			ira.Balance = g.tiny(20, 160)
		} else {
			ira.Balance = g.dollars(0, 800_000)
		}
		if r.IntN(2) == 0 {
			ira.Basis = money.MulDiv(ira.Balance, int64(r.IntN(60)), 100) / money.Dollar * money.Dollar
		}
		if ira.Balance > 0 {
			p.Accounts = append(p.Accounts, ira)
			total += ira.Balance
			dims += sc.HorizonYears
		}
		plans := g.sh.Plans
		if plans < 0 {
			plans = r.IntN(3)
		}
		for j := 0; j < plans; j++ {
			if g.sh.Tiny && dims+sc.HorizonYears > g.sh.MaxDims {
				break
			}
			pl := g.plan(i, j)
			p.Accounts = append(p.Accounts, pl)
			total += pl.Pretax + pl.AfterTaxContributions + pl.AfterTaxEarnings + pl.Pre1987AfterTax
			dims += sc.HorizonYears
		}
		if r.IntN(3) == 0 {
			p.Accounts = append(p.Accounts, scenario.Account{ID: fmt.Sprintf("p%d-roth", i+1), Kind: scenario.KindRothIRA,
				Balance: g.dollars(0, 1000), FirstContributionYear: 2015})
		}
		sc.People = append(sc.People, p)
	}
	if g.sh.Tiny && dims > g.sh.MaxDims && g.sh.MaxDims > 0 {
		// Too many continuous sources for the oracle: fewer years.
		sc.HorizonYears = max(1, g.sh.MaxDims/max(1, dims/sc.HorizonYears))
	}
	sc.Cash = g.dollars(0, 200_000)
	sc.Income = []scenario.IncomeYear{g.income(sc, people)}
	if total > 0 {
		sc.Goal.Convert = money.MulDiv(total, int64(r.IntN(101)), 100) / money.Dollar * money.Dollar
	}
	return sc
}

func (g *gen) plan(person, j int) scenario.Account {
	r := g.r
	kinds := []scenario.AccountKind{scenario.Kind401k, scenario.Kind403b, scenario.KindGovernmental457}
	a := scenario.Account{ID: fmt.Sprintf("p%d-plan%d", person+1, j+1), Kind: kinds[r.IntN(3)]}
	if g.sh.Tiny {
		a.Pretax = g.tiny(10, 120)
		if r.IntN(2) == 0 {
			a.AfterTaxContributions = g.tiny(5, 60)
		}
	} else {
		a.Pretax = g.dollars(0, 900_000)
		if r.IntN(2) == 0 {
			a.AfterTaxContributions = g.dollars(1000, 120_000)
		}
		if r.IntN(6) == 0 {
			a.DesignatedRoth = g.dollars(0, 100_000)
		}
		if r.IntN(10) == 0 {
			a.Pre1987AfterTax = g.dollars(100, 20_000)
		}
	}
	if a.AfterTaxContributions > 0 && r.IntN(2) == 0 {
		a.SeparateAfterTaxAccount = true
		a.AfterTaxEarnings = money.MulDiv(a.AfterTaxContributions, int64(r.IntN(80)), 100) / money.Dollar * money.Dollar
		if a.AfterTaxEarnings > a.Pretax {
			a.AfterTaxEarnings = a.Pretax
		}
		a.Pretax -= a.AfterTaxEarnings
	}
	if r.IntN(3) == 0 {
		a.InServiceSources = append(a.InServiceSources, scenario.SourceAfterTax)
	}
	if r.IntN(3) == 0 {
		a.InServiceSources = append(a.InServiceSources, scenario.SourcePretax)
	}
	a.AllowsInPlanRothRollover = r.IntN(3) == 0
	a.AcceptsIRARollIn = r.IntN(3) == 0
	return a
}

// thresholds2026 are single-filer 2026 figures where a year's cost bends:
// the standard deduction, bracket tops above it, the senior deduction's
// phase-out start, the IRMAA first tier (rules.md section 8).
var thresholds2026 = []int{16_100, 28_500, 66_500, 121_800, 75_000, 109_000}

func (g *gen) income(sc *scenario.Scenario, people int) scenario.IncomeYear {
	r := g.r
	in := scenario.IncomeYear{Year: sc.StartYear}
	if g.sh.Tiny {
		// Just below a threshold, so a few hundred dollars of conversion
		// crosses it.
		t := thresholds2026[r.IntN(len(thresholds2026))] * people
		in.OtherOrdinary = money.Dollars(int64(t - r.IntN(250)))
		if r.IntN(4) == 0 {
			in.SocialSecurity = g.dollars(10_000, 40_000)
		}
		return in
	}
	in.Wages = g.dollars(0, 250_000)
	if r.IntN(3) == 0 {
		in.Wages = 0
		in.OtherOrdinary = g.dollars(0, 80_000)
		in.SocialSecurity = g.dollars(0, 50_000)
	}
	if r.IntN(3) == 0 {
		in.QualifiedDividends = g.dollars(0, 30_000)
		in.LongTermGains = g.dollars(0, 50_000)
	}
	return in
}
