package search

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/rothpath/optimize/money"
	"github.com/rothpath/optimize/objective"
	"github.com/rothpath/optimize/scenario"
)

// lpAllowance is how far the search's best (exact, whole dollars, every tax
// line rounded to the cent) may lie above the LP optimum of a convex
// household (continuous amounts, exact slopes), in cents. Two things open
// the gap, and both are bounded a year at a time:
//
//   - The whole-dollar grid. In a convex fill at most one year sits strictly
//     inside a segment and every other year at a breakpoint; the fill puts
//     each year within a dollar of gross of the LP's amount for it (the
//     free year takes the least whole dollar meeting the goal, each other
//     year the first whole dollar at or past its breakpoint). A dollar of
//     gross adds at most a dollar of taxable income, which costs at most the
//     year's top slope on that dollar. So: the sum over years of the highest
//     rate on the year's curve times one dollar.
//   - Rounding. Each year's federal and state tax are rounded to the cent
//     (half a cent each) and Form 8606 line 11 and the pro-rata split of a
//     plan distribution round the nontaxable part to the cent (half a cent
//     of taxable income per source, at a rate below one): two cents a year
//     covers them.
func lpAllowance(t *testing.T, sc *scenario.Scenario) money.Cents {
	t.Helper()
	p, err := prepare(sc)
	if err != nil {
		t.Fatal(err)
	}
	ev := newEvaluator(p)
	var total money.Cents
	for y := 0; y < sc.HorizonYears; y++ {
		// The curve up to any income the household could reach: its top
		// rate is the highest the year can charge.
		c := p.model.Curve(y, 0, money.MaxAmount/4)
		var top float64
		for _, sg := range c.Segments {
			top = math.Max(top, sg.Rate()*ev.discountFactor(y))
		}
		total += money.Cents(math.Ceil(top*float64(money.Dollar))) + 2
	}
	return total + form8606Slack(sc)
}

// form8606Slack bounds, in cents, what Form 8606's five-decimal line 10
// can move the tax either way against the shares the LP takes from the zero
// fill. In a roll-in year line 9 is the conversion itself plus the basis, so
// the rounded ratio moves with the amount; and after a year of conversions
// the basis carried forward (line 14, rounded) over the smaller balance
// rounds to a line 10 that can differ from the zero fill's by 1e-5. Either
// way the nontaxable part is off by up to 1e-5 of line 9, which at most is
// all the household's money grown over the horizon; that much taxable
// income, at the highest rate a year can charge (under 0.5 with a state tax),
// once for each year after the first and once for a roll-in year.
func form8606Slack(sc *scenario.Scenario) money.Cents {
	var total money.Cents
	years := sc.HorizonYears - 1
	for _, p := range sc.People {
		for _, a := range p.Accounts {
			if a.AcceptsIRARollIn {
				years++
			}
			total += a.Balance + a.Pretax + a.AfterTaxContributions + a.AfterTaxEarnings + a.Pre1987AfterTax
		}
	}
	grown := float64(total) * math.Pow(1+sc.Assumptions.GrowthRate, float64(sc.HorizonYears))
	return money.Cents(years) * (money.Cents(math.Ceil(0.5*grown*1e-5)) + 1)
}

// lpBelow is how far the search's best may lie below the LP optimum, in
// cents: the LP carries each year's cost at x = 0 rounded (Segment.Value)
// but its slopes exact, while the search's cost rounds each year's federal
// and state tax to the nearest cent, half a cent each, and the rounded Form
// 8606 nontaxable part can leave up to half a cent less taxable income per
// source. A cent a year, so one cent for one year.
// Form 8606's rounding can also favour the search (form8606Slack).
func lpBelow(sc *scenario.Scenario) float64 {
	return float64(sc.HorizonYears) + float64(form8606Slack(sc))
}

// checkLP runs the search and the LP oracle on sc and checks that the
// search's best lies between the LP optimum (less lpBelow) and the LP
// optimum plus lpAllowance. It returns whether the household was convex,
// the gap in cents and what it found wrong.
func checkLP(t *testing.T, sc *scenario.Scenario) (convex bool, gap float64, problems []string) {
	t.Helper()
	ctx := context.Background()
	lpOpt, allConvex, err := OracleLP(ctx, sc)
	if err != nil {
		t.Fatalf("%s: OracleLP: %v", sc.Name, err)
	}
	if !allConvex {
		t.Logf("%s: not convex, skipped", sc.Name)
		return false, 0, nil
	}
	res, err := Search(ctx, sc, Settings{Workers: 2})
	if err != nil {
		t.Fatalf("%s: Search: %v", sc.Name, err)
	}
	if len(res.Strategies) == 0 {
		// Infeasible both ways, or the LP reaching a goal the search
		// cannot (it does not see that a plan converted early holds less
		// when it is rolled to the IRA later): neither is wrong.
		t.Logf("%s: search %v, LP %.2f", sc.Name, res.Status, lpOpt)
		return true, 0, nil
	}
	best := &res.Strategies[0]
	if math.IsInf(lpOpt, 1) {
		msg := fmt.Sprintf("%s: the search met the goal (%s), the LP found no feasible fill", sc.Name, best.PresentValue)
		if r := sc.Constraints.MaxMarginalRate; r != nil {
			model, err := objective.NewModel(sc)
			if err != nil {
				t.Fatal(err)
			}
			for y, yr := range best.Years {
				if lim := model.MaxAddedAtRate(y, *r); yr.AddedTaxable > lim {
					msg += fmt.Sprintf("; %d adds %s of taxable income, past the max_marginal_rate limit of %s", yr.Year, yr.AddedTaxable, lim)
				}
			}
		}
		return true, 0, []string{msg}
	}
	lpCents := lpOpt * float64(money.Dollar)
	gap = float64(best.PresentValue) - lpCents
	allow := lpAllowance(t, sc)
	t.Logf("%s: search %s, LP %.4f, gap %.4f cents (allowance %d)", sc.Name, best.PresentValue, lpOpt, gap, allow)
	if gap < -lpBelow(sc) {
		problems = append(problems, fmt.Sprintf("%s: search %s beats the LP lower bound %.4f by %.4f cents", sc.Name, best.PresentValue, lpOpt, -gap))
	}
	if gap > float64(allow) {
		// The LP is loose on some structures (lp.go says which). The gap is
		// the search's fault only if the LP's own plan, rounded and replayed
		// through the rules engine, costs less than the search's answer.
		if replayed, ok := replayLPPlans(t, sc); ok && replayed < best.PresentValue {
			problems = append(problems, fmt.Sprintf("%s: search %s, but the LP's plan replays to %s (LP optimum %.4f)", sc.Name, best.PresentValue, replayed, lpOpt))
		} else {
			t.Logf("%s: gap %.4f cents above the allowance, but the LP's plan replays to %s: the LP is loose here", sc.Name, gap, replayed)
		}
	}
	return true, gap, problems
}

// replayLPPlans replays, for every structure, the LP's per-source amounts
// rounded down to whole dollars and topped up a dollar at a time until the
// goal is met, and returns the least exact objective.
func replayLPPlans(t *testing.T, sc *scenario.Scenario) (money.Cents, bool) {
	t.Helper()
	best, found := money.Cents(0), false
	eachFill(t, sc, func(ev *evaluator, s *structure, idx int, need money.Cents) {
		if _, err := ev.lpOracle(need); err != nil {
			return
		}
		var plan []srcAmount
		k := 0
		for y := range ev.fy {
			for j := range ev.fy[y].src {
				src := &ev.fy[y].src[j]
				plan = append(plan, srcAmount{year: y, kind: src.kind, person: src.person, plan: src.plan,
					amount: money.Cents(math.Floor(ev.lpGross[k])) * money.Dollar})
				k++
			}
		}
		for try := 0; try < 64; try++ {
			if c, ok := ev.scoreExplicit(plan, s, idx); ok {
				if !found || c.objective < best {
					best, found = c.objective, true
				}
				break
			}
			for i := len(plan) - 1; i >= 0; i-- {
				if plan[i].amount > 0 {
					plan[i].amount += money.Dollar
					break
				}
			}
		}
	})
	return best, found
}

// eachFill calls f for every plausible structure of sc, with the fill of
// the structure alone built in ev.fy and need the amount it must convert.
func eachFill(t *testing.T, sc *scenario.Scenario, f func(ev *evaluator, s *structure, idx int, need money.Cents)) {
	t.Helper()
	p, err := prepare(sc)
	if err != nil {
		t.Fatal(err)
	}
	ev := newEvaluator(p)
	var s structure
	for idx := 0; idx < p.n; idx++ {
		p.enum.at(idx, &s)
		if !p.enum.plausible(&s) || ev.replay(&s, false) != nil {
			continue
		}
		ev.buildFill()
		need := ev.goal
		for y := range ev.probes {
			need -= ev.probes[y].conv
		}
		f(ev, &s, idx, need)
	}
}

// Seed 000: one year, the split rollover then a $150,000 IRA conversion at a
// 2% nontaxable share, $147,000 taxable: $24,014 of tax. No rounding can
// stand between the LP and the exact figure there (whole dollars throughout),
// so they must agree to the cent.
func TestLPSeed000SplitRollover(t *testing.T) {
	sc := loadScenario(t, "../examples/seed000-split-rollover.yaml")
	v, convex, err := OracleLP(context.Background(), sc)
	if err != nil {
		t.Fatal(err)
	}
	if !convex {
		t.Fatal("seed 000 has no cliff but was found not convex")
	}
	if math.Abs(v-24014) >= 0.01 {
		t.Errorf("LP optimum = %.4f, want 24014.00", v)
	}
	_, _, problems := checkLP(t, sc)
	for _, p := range problems {
		t.Error(p)
	}
}

func TestLPSeed000EmployedRollIn(t *testing.T) {
	sc := loadScenario(t, "../examples/seed000-employed-roll-in.yaml")
	convex, _, problems := checkLP(t, sc)
	if !convex {
		t.Fatal("seed 000 (employed) was found not convex")
	}
	for _, p := range problems {
		t.Error(p)
	}
}

// TestLPSingleSource checks the LP against the fill's own continuous answer
// where that is a formula: one year, one source converting dollar for
// dollar, so the gross is the need and the cost is the curve at the
// structure's income plus the source's taxable part. Agreement to the cent.
func TestLPSingleSource(t *testing.T) {
	checked := 0
	for n := uint64(0); n < 60; n++ {
		sc := lpHousehold(n)
		sc.HorizonYears = 1
		eachFill(t, sc, func(ev *evaluator, _ *structure, idx int, need money.Cents) {
			f := &ev.fy[0]
			if len(f.src) != 1 || f.src[0].deferBasis || !ev.fillConvex() {
				return
			}
			if need <= 0 || need > f.src[0].cap || f.limit >= 0 {
				return
			}
			want := ev.curves[0].At(f.taxable(need))
			got, ok := ev.lpFill(need)
			if !ok {
				t.Errorf("household %d structure %d: LP infeasible, need %s of cap %s", n, idx, need, f.src[0].cap)
				return
			}
			tol := 1.0 // the tax's rounding to the cent
			if c := &f.src[0]; c.kind == srcIRARollInYear {
				// Line 10 rounded to five decimals on a line 9 of the
				// conversion plus the basis, at the year's rate.
				tol += 0.5e-5 * float64(need+money.Cents(c.den)) * ev.curves[0].Segments[len(ev.curves[0].Segments)-1].Rate()
			}
			if d := got*float64(money.Dollar) - float64(want); math.Abs(d) > tol {
				t.Errorf("household %d structure %d: LP %.4f, fill %s (%.4f cents apart)", n, idx, got, want, d)
			}
			checked++
		})
	}
	if checked < 20 {
		t.Errorf("only %d single-source fills checked", checked)
	}
	t.Logf("%d single-source fills checked", checked)
}

// lpKnownMisses are generated households on which the LP oracle shows the
// search wrong, kept here (logged, not failed) until the search is fixed;
// a household's entry should go when it passes. Each was confirmed by
// replaying the better fill through the rules engine.
var lpKnownMisses = map[uint64]string{}

// TestLPGenerated checks the search against the LP oracle on generated
// convex households.
func TestLPGenerated(t *testing.T) {
	const households = 250
	if testing.Short() {
		t.Skip("a search and an LP per structure of 50 households")
	}
	convex, maxGap := 0, 0.0
	for n := uint64(0); n < households; n++ {
		sc := lpHousehold(n)
		c, gap, problems := checkLP(t, sc)
		if c {
			convex++
		}
		known, isKnown := lpKnownMisses[n]
		switch {
		case isKnown && len(problems) == 0:
			t.Logf("%s: the known miss (%s) no longer shows: remove it from lpKnownMisses", sc.Name, known)
		case isKnown:
			for _, p := range problems {
				t.Logf("known miss (%s): %s", known, p)
			}
			continue
		}
		for _, p := range problems {
			t.Error(p)
		}
		maxGap = math.Max(maxGap, gap)
	}
	t.Logf("%d of %d households convex; largest gap outside the known misses %.4f cents", convex, households, maxGap)
	if convex < households*9/10 {
		t.Errorf("only %d of %d generated households were convex", convex, households)
	}
}

// lpHousehold returns generated household n, built to have convex costs:
// everyone under 65 through the horizon (no senior deduction), no Social
// Security, no dividends or gains, irmaa: ignore. Everything else varies:
// one or two people, IRAs with and without basis, a plan or none with
// after-tax money, in-service sources, roll-ins, in-plan Roth rollovers;
// wages or other income; a state tax, growth, a present-value objective or
// a marginal-rate limit now and then; one to three years.
func lpHousehold(n uint64) *scenario.Scenario {
	r := rand.New(rand.NewPCG(n, 0x1f83d9abfb41bd6b))
	dollars := func(lo, hi int) money.Cents { return money.Dollars(int64(lo + r.IntN(hi-lo+1))) }
	sc := &scenario.Scenario{
		Name:         fmt.Sprintf("lp household %d", n),
		StartYear:    2026,
		HorizonYears: 1 + r.IntN(3),
		FilingStatus: scenario.Single,
		Objective:    scenario.TotalTax,
		Assumptions:  scenario.Assumptions{Inflation: 0.025},
		Constraints:  scenario.Constraints{IRMAA: scenario.IRMAAIgnore, RuleRegime: "current"},
	}
	people := 1
	switch r.IntN(4) {
	case 0:
		people = 2
		sc.FilingStatus = scenario.MarriedJoint
	case 1:
		sc.FilingStatus = scenario.HeadOfHousehold
	}
	switch r.IntN(6) {
	case 0:
		sc.Objective = scenario.PresentValue
		sc.Assumptions.DiscountRate = 0.03
	case 1:
		sc.Assumptions.StateTaxRate = 0.05
	case 2:
		rate := []float64{0.22, 0.24, 0.32}[r.IntN(3)]
		sc.Constraints.MaxMarginalRate = &rate
	}
	if r.IntN(4) == 0 {
		sc.Assumptions.GrowthRate = 0.05
	}
	var total money.Cents
	for i := 0; i < people; i++ {
		p := scenario.Person{
			ID:                   fmt.Sprintf("p%d", i+1),
			BirthYear:            1966 + r.IntN(30),
			SeparatedFromService: r.IntN(2) == 0,
		}
		ira := scenario.Account{ID: fmt.Sprintf("p%d-ira", i+1), Kind: scenario.KindTraditionalIRA, Balance: dollars(0, 600_000)}
		if r.IntN(2) == 0 {
			ira.Basis = money.MulDiv(ira.Balance, int64(r.IntN(60)), 100) / money.Dollar * money.Dollar
		}
		if ira.Balance > 0 {
			p.Accounts = append(p.Accounts, ira)
			total += ira.Balance
		}
		if r.IntN(2) == 0 {
			kinds := []scenario.AccountKind{scenario.Kind401k, scenario.Kind403b, scenario.KindGovernmental457}
			pl := scenario.Account{ID: fmt.Sprintf("p%d-plan", i+1), Kind: kinds[r.IntN(3)], Pretax: dollars(0, 700_000)}
			if r.IntN(2) == 0 {
				pl.AfterTaxContributions = dollars(1000, 100_000)
			}
			if r.IntN(3) == 0 {
				pl.InServiceSources = append(pl.InServiceSources, scenario.SourceAfterTax)
			}
			if r.IntN(3) == 0 {
				pl.InServiceSources = append(pl.InServiceSources, scenario.SourcePretax)
			}
			pl.AllowsInPlanRothRollover = r.IntN(3) == 0
			pl.AcceptsIRARollIn = r.IntN(3) == 0
			p.Accounts = append(p.Accounts, pl)
			total += pl.Pretax + pl.AfterTaxContributions
		}
		sc.People = append(sc.People, p)
	}
	sc.Cash = dollars(0, 200_000)
	in := scenario.IncomeYear{Year: sc.StartYear}
	if r.IntN(2) == 0 {
		in.Wages = dollars(0, 250_000)
	} else {
		in.OtherOrdinary = dollars(0, 80_000)
	}
	sc.Income = []scenario.IncomeYear{in}
	if total > 0 {
		sc.Goal.Convert = money.MulDiv(total, int64(r.IntN(101)), 100) / money.Dollar * money.Dollar
	}
	if err := sc.Validate(); err != nil {
		panic(fmt.Sprintf("lp household %d: %v", n, err))
	}
	return sc
}
