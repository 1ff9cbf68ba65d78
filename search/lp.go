package search

import (
	"context"
	"errors"
	"math"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/optimize/convex/lp"

	"github.com/rothpath/optimize/money"
	"github.com/rothpath/optimize/scenario"
)

// The LP oracle (DESIGN.md, "The search, in two levels"; issue 4). Where
// every year's cost is convex in its added taxable income, the fill of a
// fixed structure is a linear programme once the whole-dollar grid and the
// cent rounding are relaxed: a convex piecewise-linear cost is the least sum
// of slope times amount over its segments filled in any order, because the
// cheapest segments come first anyway. gonum's lp.Simplex solves that
// programme by a method that shares nothing with the fill's breakpoint
// programme, so agreement between the two is evidence that the fill is
// right, and the LP optimum is a lower bound the search must never beat.
//
// The LP takes each year's sources from the zero-fill probe. Two links
// between years are modelled: what an account converted in earlier years
// (grown) is gone from its later cap, and a year's nontaxable part is at
// most its zero-fill share (earlier conversions never raise a later share).
// Not modelled: that a conversion before an inflow of pre-tax money (a
// roll-in, a later split rollover into the IRA) uses up basis the later
// year's zero-fill share still counts, and that a plan converted early
// rolls less into the IRA later. Both only make the LP more optimistic, so
// it stays a lower bound, but a loose one on such structures: a gap there
// is not by itself a search error.
//
// The programme works in dollars as float64. It is an oracle only: no amount
// it finds is ever returned to a client, and money elsewhere stays int64
// cents.

// lpTol is the reduced-cost tolerance passed to lp.Simplex. Costs are rates
// below one per dollar on amounts below a few million dollars, so 1e-10
// leaves the optimum exact far below a cent.
const lpTol = 1e-10

// errLPNotApplicable reports a fill the LP cannot state: a year whose
// structural income alone breaks its limit, or lies outside its curve.
var errLPNotApplicable = errors.New("search: the fill cannot be stated as an LP")

// fillConvex reports whether every year of the fill in e.fy has a convex
// cost: slopes that never decrease from one segment to the next and no IRMAA
// jump. Only then does the LP's optimum equal the relaxed fill's; elsewhere
// (Social Security phase-in, the senior deduction's phase-out, gains
// stacking, IRMAA tiers as a cost) the LP would fill a cheap segment that
// lies beyond a dear one and understate the cost.
func (e *evaluator) fillConvex() bool {
	for y := range e.fy {
		segs := e.curves[y].Segments
		for k := range segs {
			if segs[k].IRMAA != 0 {
				return false
			}
			if k > 0 && segs[k].Slope < segs[k-1].Slope {
				return false
			}
		}
	}
	return true
}

// lpFill solves the continuous relaxation of the fill problem in e.fy (set by
// e.replay(s, false) and e.buildFill()) as a linear programme with gonum's
// lp.Simplex and returns its optimum in dollars: the objective (total tax,
// or its present value) of the cheapest fractional fill converting at least
// need. ok is false when the LP is infeasible (the sources cannot reach need
// within the years' limits) or cannot be stated. On a convex fill
// (fillConvex) the optimum is a lower bound on the exact whole-dollar fill
// up to the cent rounding of the tax.
func (e *evaluator) lpFill(need money.Cents) (float64, bool) {
	v, err := e.lpOracle(need)
	return v, err == nil
}

// lpOracle is lpFill returning why it failed: lp.ErrInfeasible when need
// cannot be met, errLPNotApplicable, or a numerical failure of the simplex.
// It reads the fill through lpVars as buildLP does, but states the rows on
// its own, every bound a row (gonum's form), and solves them with gonum
// rather than simplex.go, which the search uses: the two are checked
// against each other (TestSimplexAgreesWithGonum). It allocates and is for
// oracles and tests only.
//
// Variables, all >= 0, in dollars:
//
//	g[y][j]  gross converted in year y from source j, <= its cap;
//	n[y][j]  its nontaxable part, <= share g;
//	z[y][k]  added taxable income of year y falling in segment k of the
//	         year's curve, <= the segment's width (the last segment up to
//	         the curve's Max), all cut at the year's limit when it has one;
//	one slack per bound, and the goal's surplus.
//
// Rows:
//
//	year y:  sum_k z[y][k] - sum_j (g[y][j] - n[y][j]) = fixed[y] - X0
//	goal:    sum_yj g[y][j] (less n where deferBasis) - surplus = need
//	bounds:  g + earlier draws on its account + slack = cap,
//	         n - share g + slack = 0,  z + slack = width
//
// as buildLP describes.
func (e *evaluator) lpOracle(need money.Cents) (float64, error) {
	gs, zs, constant, err := e.lpVars(nil, nil)
	if err != nil {
		return 0, err
	}
	growth := 1 + math.Round(e.sc.Assumptions.GrowthRate*1e6)/1e6
	nY, nG, nZ := len(e.fy), len(gs), len(zs)
	// Columns: g, n, z, the slacks of their rows, the goal's surplus.
	gCol := func(i int) int { return i }
	nCol := func(i int) int { return nG + i }
	zCol := func(i int) int { return 2*nG + i }
	gSlack := func(i int) int { return 2*nG + nZ + i }
	nSlack := func(i int) int { return 3*nG + nZ + i }
	zSlack := func(i int) int { return 4*nG + nZ + i }
	surplus := 4*nG + 2*nZ
	nCols := surplus + 1
	// Rows: years, the goal, g bounds, n bounds, z bounds.
	goalRow := nY
	gRow := func(i int) int { return nY + 1 + i }
	nRow := func(i int) int { return nY + 1 + nG + i }
	zRow := func(i int) int { return nY + 1 + 2*nG + i }
	nRows := nY + 1 + 2*nG + nZ

	A := mat.NewDense(nRows, nCols, nil)
	b := make([]float64, nRows)
	c := make([]float64, nCols)
	for y := range e.fy {
		b[y] = dollars(e.fy[y].fixed) - dollars(e.curves[y].Segments[0].X)
	}
	b[goalRow] = dollars(need)
	A.Set(goalRow, surplus, -1)
	for i, g := range gs {
		A.Set(g.y, gCol(i), -1)
		A.Set(g.y, nCol(i), 1)
		A.Set(goalRow, gCol(i), 1)
		if g.deferBasis {
			A.Set(goalRow, nCol(i), -1)
		}
		// n <= share g: the share as the zero fill shows it is the most the
		// year can have (earlier conversions never raise it).
		A.Set(nRow(i), nCol(i), 1)
		A.Set(nRow(i), gCol(i), -g.share)
		A.Set(nRow(i), nSlack(i), 1)
		A.Set(gRow(i), gCol(i), 1)
		A.Set(gRow(i), gSlack(i), 1)
		b[gRow(i)] = g.cap
		// What the same account gave up in earlier years is not there now.
		for h, e := range gs[:i] {
			if e.acct != g.acct || e.y >= g.y {
				continue
			}
			A.Set(gRow(i), gCol(h), math.Pow(growth, float64(g.y-e.y)))
			if g.rollIn {
				// Its cap is pre-tax money only: the basis e took was
				// never part of it.
				A.Set(gRow(i), nCol(h), -1)
			}
		}
	}
	for i, z := range zs {
		A.Set(z.y, zCol(i), 1)
		A.Set(zRow(i), zCol(i), 1)
		A.Set(zRow(i), zSlack(i), 1)
		b[zRow(i)] = z.width
		c[zCol(i)] = z.rate
	}
	opt, x, err := lp.Simplex(c, A, b, lpTol, nil)
	if err != nil {
		return 0, err
	}
	// Keep the LP's gross per source, in e.fy's year and source order, so a
	// test can replay the LP's plan through the rules engine.
	e.lpGross = e.lpGross[:0]
	for i := range gs {
		e.lpGross = append(e.lpGross, x[gCol(i)])
	}
	return constant + opt, nil
}

// lpSolve solves the programme of buildLP with the evaluator's own simplex
// (simplex.go: bounded, allocation-free once sized), leaving the gross per
// source in e.lpGross, and returns the optimum in dollars.
func (e *evaluator) lpSolve(need money.Cents) (float64, error) {
	constant, err := e.buildLP(need)
	if err != nil {
		return 0, err
	}
	opt, err := e.sp.solve()
	if err != nil {
		return 0, err
	}
	e.lpGross = e.lpGross[:0]
	for i := range e.lpG {
		e.lpGross = append(e.lpGross, e.sp.x[i])
	}
	return constant + opt, nil
}

// lpGVar is a gross variable of the fill's programme: one source in one year.
type lpGVar struct {
	y          int
	cap        float64
	acct       int     // the account drawn: a plan's index, or -1-person for an IRA
	share      float64 // nontaxable share at the zero fill
	rollIn     bool    // the pre-tax part of a roll-in year's IRA conversion
	deferBasis bool    // only the taxable part counts toward the goal
	coupled    bool    // an earlier year drew on the same account
}

// lpZVar is a segment of one year's cost curve.
type lpZVar struct {
	y     int
	rate  float64 // cost per dollar of added taxable income
	width float64
}

// lpVars appends the fill's variables in e.fy to gs and zs (year by year:
// the curve's segments, then the sources) and returns them with the
// objective's constant part, each year's cost at no added income, in
// dollars; errLPNotApplicable when a year's structural income alone lies
// outside its curve or breaks its limit. Both statements of the programme
// (buildLP, lpOracle) read the fill through it.
func (e *evaluator) lpVars(gs []lpGVar, zs []lpZVar) ([]lpGVar, []lpZVar, float64, error) {
	var constant float64
	for y := range e.fy {
		f := &e.fy[y]
		c := &e.curves[y]
		if len(c.Segments) == 0 || c.Segments[0].X != 0 || f.fixed < 0 || f.fixed > c.Max {
			return gs, zs, 0, errLPNotApplicable
		}
		top := c.Max
		if f.limit >= 0 && f.limit < top {
			if f.fixed > f.limit {
				return gs, zs, 0, errLPNotApplicable
			}
			top = f.limit
		}
		d := e.discountFactor(y)
		constant += d * dollars(c.Segments[0].Value)
		for k, sg := range c.Segments {
			end := top
			if k+1 < len(c.Segments) {
				end = min(c.Segments[k+1].X, top)
			}
			// A segment beyond the limit keeps a zero width (and its
			// column), so each year row always has a variable of its own.
			w := max(end-sg.X, 0)
			zs = append(zs, lpZVar{y: y, rate: d * sg.Rate(), width: dollars(w)})
		}
		for j := range f.src {
			s := &f.src[j]
			num, den := s.shareFrac()
			acct := s.plan
			if s.kind == srcIRA || s.kind == srcIRARollInYear {
				acct = -1 - s.person
			}
			g := lpGVar{y: y, cap: dollars(s.cap), acct: acct, share: float64(num) / float64(den),
				rollIn: s.kind == srcIRARollInYear, deferBasis: s.deferBasis}
			for h := range gs {
				if gs[h].acct == acct && gs[h].y < y {
					g.coupled = true
				}
			}
			gs = append(gs, g)
		}
	}
	return gs, zs, constant, nil
}

// buildLP states the fill in e.fy as a linear programme in e.sp, minimising
// cost over a fill converting at least need, and returns the constant part
// of the objective (each year's cost at no added income) in dollars.
//
// Variables, all >= 0, in dollars:
//
//	g[y][j]  gross converted in year y from source j, <= its cap (a bound,
//	         or a row of its own when earlier years drew on the account);
//	n[y][j]  its nontaxable part;
//	z[y][k]  added taxable income of year y falling in segment k of the
//	         year's curve, <= the segment's width (the last segment up to
//	         the curve's Max), all cut at the year's limit when it has one;
//	a slack for each n row and cap row, and the goal's surplus.
//
// Rows:
//
//	year y:  sum_k z[y][k] - sum_j g[y][j] + sum_j n[y][j] = fixed[y] - X0
//	goal:    sum_yj g[y][j] - (n[y][j] where deferBasis) - surplus = need
//	n rows:  n - share g + slack = 0
//	caps:    g + sum over earlier draws h on the account of
//	         growth^(years between) g_h (- n_h in a roll-in year) + slack = cap
//
// where share is the source's nontaxable share at the zero fill (0 for the
// pre-tax part of a roll-in year's conversion, whose basis rides along in
// the structure's own amount; earlier conversions never raise it), a
// deferBasis conversion's basis counts in the later roll-in year, and X0 =
// 0 is the curve's first breakpoint. The objective is the sum over years of
// the discount factor times (the cost at X0 plus slope times z).
func (e *evaluator) buildLP(need money.Cents) (float64, error) {
	gs, zs, constant, err := e.lpVars(e.lpG[:0], e.lpZ[:0])
	if err != nil {
		return 0, err
	}
	e.lpG, e.lpZ = gs, zs
	growth := 1 + math.Round(e.sc.Assumptions.GrowthRate*1e6)/1e6
	nY, nG, nZ := len(e.fy), len(gs), len(zs)
	nC := 0
	for i := range gs {
		if gs[i].coupled {
			nC++
		}
	}
	// Columns: g, n, z, the n rows' slacks, the cap rows' slacks, surplus.
	gCol := func(i int) int { return i }
	nCol := func(i int) int { return nG + i }
	zCol := func(i int) int { return 2*nG + i }
	nSlack := func(i int) int { return 2*nG + nZ + i }
	cSlack := func(k int) int { return 3*nG + nZ + k }
	surplus := 3*nG + nZ + nC
	// Rows: years, the goal, n rows, cap rows.
	goalRow := nY
	nRow := func(i int) int { return nY + 1 + i }
	cRow := func(k int) int { return nY + 1 + nG + k }
	sp := &e.sp
	sp.reset(nY+1+nG+nC, surplus+1)
	for y := range e.fy {
		sp.setB(y, dollars(e.fy[y].fixed)-dollars(e.curves[y].Segments[0].X))
	}
	sp.setB(goalRow, dollars(need))
	sp.set(goalRow, surplus, -1)
	k := 0
	for i := range gs {
		g := &gs[i]
		sp.set(g.y, gCol(i), -1)
		sp.set(g.y, nCol(i), 1)
		sp.set(goalRow, gCol(i), 1)
		if g.deferBasis {
			sp.set(goalRow, nCol(i), -1)
		}
		sp.set(nRow(i), nCol(i), 1)
		sp.set(nRow(i), gCol(i), -g.share)
		sp.set(nRow(i), nSlack(i), 1)
		if !g.coupled {
			sp.setCol(gCol(i), 0, g.cap)
			continue
		}
		// What the same account gave up in earlier years is not there now.
		r := cRow(k)
		sp.set(r, gCol(i), 1)
		sp.set(r, cSlack(k), 1)
		sp.setB(r, g.cap)
		for h := range gs[:i] {
			if gs[h].acct != g.acct || gs[h].y >= g.y {
				continue
			}
			sp.add(r, gCol(h), math.Pow(growth, float64(g.y-gs[h].y)))
			if g.rollIn {
				// Its cap is pre-tax money only: the basis h took was
				// never part of it.
				sp.add(r, nCol(h), -1)
			}
		}
		k++
	}
	for i := range zs {
		sp.set(zs[i].y, zCol(i), 1)
		sp.setCol(zCol(i), zs[i].rate, zs[i].width)
	}
	return constant, nil
}

// discountFactor is year y's present-value factor as the objective applies
// it (1 under total_tax), read off the model on a large amount so that its
// cent rounding does not show.
func (e *evaluator) discountFactor(y int) float64 {
	const probe = money.Cents(1_000_000_000_000)
	return float64(e.model.Discount(y, probe)) / float64(probe)
}

// dollars converts cents to float64 dollars for the LP.
func dollars(c money.Cents) float64 { return float64(c) / float64(money.Dollar) }

// OracleLP is the LP oracle over a whole household: for every structure the
// search enumerates (plausible, and whose replay succeeds) whose fill is
// convex, it solves the fill as a linear programme (lpFill) and returns the
// least optimum in dollars, +Inf when no convex structure can meet the goal.
// allConvex says whether every structure's fill was convex; only then is the
// result a lower bound on the search's best objective (up to the cent
// rounding of the tax and of Form 8606), which the search must not beat and
// should come within a dollar's worth of tax a year of.
func OracleLP(ctx context.Context, sc *scenario.Scenario) (float64, bool, error) {
	p, err := prepare(sc)
	if err != nil {
		return 0, false, err
	}
	ev := newEvaluator(p)
	best, allConvex := math.Inf(1), true
	var s structure
	for idx := 0; idx < p.n; idx++ {
		if err := ctx.Err(); err != nil {
			return best, allConvex, err
		}
		p.enum.at(idx, &s)
		if !p.enum.plausible(&s) || ev.replay(&s, false) != nil {
			continue
		}
		ev.buildFill()
		if !ev.fillConvex() {
			allConvex = false
			continue
		}
		need := ev.goal
		for y := range ev.probes {
			need -= ev.probes[y].conv
		}
		v, err := ev.lpOracle(need)
		switch {
		case errors.Is(err, lp.ErrInfeasible), errors.Is(err, errLPNotApplicable):
			continue
		case err != nil:
			return best, allConvex, err
		}
		best = math.Min(best, v)
	}
	return best, allConvex, nil
}
