package search

import (
	"errors"
	"math"

	"github.com/rothpath/optimize/money"
)

// The node's linear relaxation: every year's sources' amounts g (dollars),
// each year's E-model income x = x0 + sum ax*g kept in the node's interval
// and its cost z above the lower convex hull of the year's curve lines on
// that interval, the goal counted with the E-model's upper bounds, and each
// account's capacity: whatever a year draws from an account is no longer
// there, grown, in a later year (capAt). Minimising the sum of z gives the
// relaxation's plan (a proposal, replayed exactly) and its dual values the
// multipliers of the node's Lagrangian bound (lagrange.go).

// lpCol is a structural column: a stretch of a source's amount in a year
// (lowerPieces: one or two per source), or a year's cost (j < 0).
type lpCol struct {
	u, j   int
	ax     float64     // taxable per cent on the stretch
	g0, g1 money.Cents // the stretch
}

// lpCap is one capacity row: the draws from account slot in years up to u,
// each grown to year u, stay within what the projection holds in year u.
type lpCap struct {
	slot, u int
}

// relax solves the node's linear relaxation. It fills d.lpG with the
// amounts per year and source (dollars), d.lpX with each year's income,
// d.beta and d.mu with the multipliers, and returns false when the
// programme is infeasible or the solver fails (the node's bound then
// falls back to the Lagrangian without capacities).
func (d *diver) relax(ivs []interval, margin float64) (ok, infeasible bool) {
	h := len(d.views)
	cols := d.lpCols[:0]
	var ps [2]lowerPiece
	for u := 0; u < h; u++ {
		for j := range d.views[u].src {
			k := d.first[u] + j
			_, n := d.views[u].src[j].lowerPieces(d.lo[k], d.hi[k], &ps)
			for _, q := range ps[:n] {
				cols = append(cols, lpCol{u: u, j: j, ax: q.ax, g0: q.g0, g1: q.g1})
			}
		}
	}
	zOff := len(cols)
	for u := 0; u < h; u++ {
		cols = append(cols, lpCol{u: u, j: -1})
	}
	d.lpCols = cols
	// Each year's lower convex hull of its curve lines on the interval,
	// of which the programme starts with the lines about the merge's
	// income (lazily: lines the solution passes under join it, a few
	// rounds, then all).
	for u := 0; u < h; u++ {
		m := &d.models[u]
		lo, hi := max(ivs[u].a, m.x0), min(ivs[u].b, m.xend())
		if lo > hi {
			return false, true
		}
		m.curveHull(d.views[u].curve, lo, hi)
		m.sel = m.sel[:0]
		for range m.lines {
			m.sel = append(m.sel, false)
		}
		m.selectAt(min(max(m.xAt(d.target[u]), lo), hi))
	}
	for round := 0; ; round++ {
		ok, infeasible = d.solveRows(ivs, margin, zOff)
		if !ok || round == lazyRounds+1 {
			return ok, infeasible
		}
		added := false
		for u := 0; u < h; u++ {
			m := &d.models[u]
			x := m.x0
			for c := 0; c < zOff; c++ {
				if cols[c].u == u {
					x += cols[c].ax * d.sp.x[c] * 100
				}
			}
			z := d.sp.x[zOff+u] * 100
			worst, at := 1e-6*(1+math.Abs(z)), -1
			for k, ln := range m.lines {
				if v := ln.a + ln.b*x - z; v > worst && !m.sel[k] {
					worst, at = v, k
				}
			}
			if at >= 0 {
				added = true
				if round == lazyRounds {
					for k := range m.sel {
						m.sel[k] = true
					}
				} else {
					m.sel[at] = true
				}
			}
		}
		if !added {
			return true, false
		}
	}
}

// lazyRounds is how many times the programme is solved again with the
// curve lines its solution passed under before it takes them all.
const lazyRounds = 3

// selectAt puts in the programme the curve line holding x and its
// neighbours.
func (m *yearModel) selectAt(x float64) {
	best, at := math.Inf(-1), 0
	for k, ln := range m.lines {
		if v := ln.a + ln.b*x; v > best {
			best, at = v, k
		}
	}
	for k := at - 1; k <= at+1; k++ {
		if k >= 0 && k < len(m.sel) {
			m.sel[k] = true
		}
	}
}

// solveRows builds and solves the programme with each year's selected
// curve lines; it fills d.lpG, d.beta and d.mu as relax says.
func (d *diver) solveRows(ivs []interval, margin float64, zOff int) (ok, infeasible bool) {
	p := d.p
	h := len(d.views)
	cols := d.lpCols
	rows := 0
	for u := 0; u < h; u++ {
		for _, on := range d.models[u].sel {
			if on {
				rows++
			}
		}
	}
	caps := d.lpCaps[:0]
	for s := 0; s < len(d.capSlot); s++ {
		for u := 0; u < h; u++ {
			if d.capAt[s*h+u] >= 0 {
				caps = append(caps, lpCap{s, u})
			}
		}
	}
	d.lpCaps = caps
	goalRow := rows + h
	capRow := goalRow + 1
	nrows := capRow + len(caps)
	// Slack columns: one per hull row, one per interval row (bounded), one
	// for the goal, one per capacity row.
	nslack := rows + h + 1 + len(caps)
	ncols := len(cols) + nslack
	sp := &d.sp
	sp.reset(nrows, ncols)
	flip := d.lpFlip[:0]
	for i := 0; i < nrows; i++ {
		flip = append(flip, false)
	}
	d.lpFlip = flip
	setB := func(i int, b float64) {
		flip[i] = b < 0
		sp.setB(i, b)
	}
	const cent = 100.0 // cents per dollar: the programme is in dollars
	for c := range cols {
		if cols[c].j >= 0 {
			sp.setCol(c, 0, float64(cols[c].g1-cols[c].g0)/cent)
		} else {
			sp.setCol(c, 1, math.Inf(1))
		}
	}
	sl := len(cols)
	row := 0
	for u := 0; u < h; u++ {
		m := &d.models[u]
		// z_u - b*(x0 + sum ax*g) - s = a + ... : z_u - b*sum ax g - s = a + b*x0
		for k, ln := range m.lines {
			if !m.sel[k] {
				continue
			}
			sp.set(row, zOff+u, 1)
			for c := 0; c < zOff; c++ {
				if cols[c].u == u {
					sp.set(row, c, -ln.b*cols[c].ax)
				}
			}
			sp.set(row, sl, -1)
			sp.setCol(sl, 0, math.Inf(1))
			setB(row, (ln.a+ln.b*m.x0)/cent)
			row++
			sl++
		}
	}
	for u := 0; u < h; u++ {
		m := &d.models[u]
		// sum ax*g - t = lo - x0, with t in [0, hi - lo] (cents / 100)
		lo, hi := max(ivs[u].a, m.x0), min(ivs[u].b, m.xend())
		for c := 0; c < zOff; c++ {
			if cols[c].u == u {
				sp.set(row, c, cols[c].ax)
			}
		}
		sp.set(row, sl, -1)
		sp.setCol(sl, 0, (hi-lo+2*margin)/cent)
		setB(row, (lo-margin-m.x0)/cent)
		row++
		sl++
	}
	// The goal: sum over years of v0 + av*g >= need.
	var v0 float64
	for u := 0; u < h; u++ {
		v0 += d.models[u].v0
	}
	for c := 0; c < zOff; c++ {
		_, _, av, _ := freeLine(&d.views[cols[c].u].src[cols[c].j])
		sp.set(row, c, av)
	}
	sp.set(row, sl, -1)
	sp.setCol(sl, 0, math.Inf(1))
	setB(row, (float64(p.goal)-margin-v0)/cent)
	row++
	sl++
	// Capacities.
	for _, c := range caps {
		used := 0.0 // what the boxes' low ends already draw
		for u := 0; u <= c.u; u++ {
			for j, s := range d.views[u].src {
				if s.slot == d.capSlot[c.slot] {
					used += d.growth(u, c.u) * float64(d.lo[d.first[u]+j])
				}
			}
		}
		for k := 0; k < zOff; k++ {
			if u := cols[k].u; u <= c.u && d.views[u].src[cols[k].j].slot == d.capSlot[c.slot] {
				sp.set(row, k, d.growth(u, c.u))
			}
		}
		sp.set(row, sl, 1)
		sp.setCol(sl, 0, math.Inf(1))
		setB(row, (float64(d.capAt[c.slot*h+c.u]+money.Dollar)+margin-used)/cent)
		row++
		sl++
	}
	if lpHook != nil {
		lpHook(sp)
	}
	if _, err := sp.solve(); err != nil {
		return false, errors.Is(err, errSimplexInfeasible)
	}
	g := d.lpG[:0]
	for k := 0; k < d.nsrc; k++ {
		g = append(g, float64(d.lo[k]))
	}
	for c := 0; c < zOff; c++ {
		g[d.first[cols[c].u]+cols[c].j] += sp.x[c] * cent
	}
	d.lpG = g
	d.beta = max(sp.dual(goalRow, flip[goalRow])/1, 0)
	mu := d.mu[:0]
	for i := range caps {
		mu = append(mu, max(-sp.dual(capRow+i, flip[capRow+i]), 0))
	}
	d.mu = mu
	return true, false
}

// lpMargin is how far, in cents, a programme found infeasible is loosened
// (the goal lowered, every capacity and interval widened) to confirm that
// the node holds no plan: far above the solver's floating-point error, so
// a node is dropped only when it is infeasible by a clear margin.
const lpMargin = 10_000

// growth is what a dollar left in an account in year u is worth in year w
// (>= u) at the scenario's growth rate, a little less than that (a
// capacity row must hold for every plan; its right-hand side allows a
// dollar for the rules' rounding of each year's growth).
func (d *diver) growth(u, w int) float64 {
	return math.Pow(1+d.p.growthRate, float64(w-u)) * (1 - 1e-9)
}

// lpHook, when set (tests), sees each programme before it is solved.
var lpHook func(*simplex)
