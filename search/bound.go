package search

import (
	"math"
	"slices"

	"github.com/rothpath/optimize/money"
)

// The bounds: a Lagrangian relaxation of the goal. For any multiplier
// beta >= 0 and any plan meeting the goal,
//
//	cost = sum over years of cost_u >= beta*need + sum over years of
//	       min over the year's moves of (cost_u - beta*conv_u),
//
// because sum conv_u >= need. Each year's minimum is bounded from below by
// the year's "E-model": the taxable and converted parts of each source as
// straight lines in the amount with the rules' allowances (rules.Linear),
// the cost as the straight line of each curve segment less its slack
// (yearCurve.line), and the sources taken in order of what they convert per
// dollar of taxable income, which for each income x gives the most the
// year can convert (the year's path). The best multiplier comes from
// merging the years' lower convex hulls of (converted, cost) by slope, as a
// linear programme's dual would; a year whose state is exact is then
// minimised exactly (exactyear.go) at that multiplier.

// pathSeg is one stretch of a year's path: source k's amount rising over
// its box.
type pathSeg struct {
	k      int
	g0, g1 money.Cents // the box, in cents
	ax, av float64     // taxable and converted per cent of the amount
}

// hullPt is a point of a year's lower convex hull: converted v at cost c,
// at income x on the year's path.
type hullPt struct{ v, c, x, kx float64 }

// yearModel is a year's E-model at a node.
type yearModel struct {
	x0, v0 float64 // income and converted with every source at its low end
	xmax   float64 // the year's limit on added income (+Inf: none)
	segs   []pathSeg
	hull   []hullPt
	lines  []line       // the curve's convex hull on the node's interval (curveHull)
	cpts   [][2]float64 // its vertices
	sel    []bool       // the lines in the node's programme (lp.go)
}

// buildModel builds year u's E-model for the node's boxes lo/hi (indexed
// like v.src) and its hull. It returns false when even the sources' low
// ends break the year's limit.
func (m *yearModel) build(v *yearView, lo, hi []money.Cents) bool {
	m.x0, m.v0 = float64(v.fixed), float64(v.fixedConv)
	m.xmax = math.Inf(1)
	if v.limit >= 0 {
		m.xmax = float64(v.limit)
	}
	m.segs = m.segs[:0]
	var ps [2]lowerPiece
	for k := range v.src {
		s := &v.src[k]
		_, _, av, voff := freeLine(s)
		x0, n := s.lowerPieces(lo[k], hi[k], &ps)
		m.x0 += x0
		m.v0 += av*float64(lo[k]) + voff
		for _, p := range ps[:n] {
			if p.g1 > p.g0 && (av > 0 || p.ax > 0) {
				m.segs = append(m.segs, pathSeg{k: k, g0: p.g0, g1: p.g1, ax: p.ax, av: av})
			}
		}
	}
	if m.x0 > m.xmax {
		return false
	}
	// Most converted per dollar of income first; free conversions (no
	// taxable part) before all.
	slices.SortStableFunc(m.segs, func(a, b pathSeg) int {
		ra, rb := ratio(a.av, a.ax), ratio(b.av, b.ax)
		switch {
		case ra > rb:
			return -1
		case ra < rb:
			return 1
		}
		return 0
	})
	m.hull = m.hull[:0]
	return true
}

func ratio(av, ax float64) float64 {
	if ax == 0 {
		return math.Inf(1)
	}
	return av / ax
}

// makeHull computes the year's points along its path with the E-income
// restricted to iv (each path stretch cut at the curve's breakpoints, both
// sides of each, the income capped at the limit) and keeps their lower
// convex hull in (converted, cost), noting for each hull edge the largest
// height of a point it passes under (a stretch where the cost is not
// convex). It returns false when no point of the path lies in iv.
func (m *yearModel) makeHull(yc *yearCurve, iv interval) bool {
	m.hull = m.hull[:0]
	lo, hi := max(iv.a, m.x0), min(iv.b, m.xmax)
	if lo > hi {
		return false
	}
	x, v := m.x0, m.v0
	started := false
	// kx is where the point's cost changes course: its own income, or for
	// the left limit of a breakpoint the breakpoint itself.
	emit := func(px, pv, pc, kx float64) {
		if px < lo || px > hi {
			return
		}
		m.addPt(pv, pc, px, kx)
		started = true
	}
	// The path's first point in the interval.
	if lo > x {
		pv, ok := m.vAt(lo)
		if !ok {
			return false
		}
		emit(lo, pv, yc.lowerAt(lo), lo)
	} else {
		emit(x, v, yc.lowerAt(x), x)
	}
	for _, s := range m.segs {
		dg := float64(s.g1 - s.g0)
		x1, v1 := x+s.ax*dg, v+s.av*dg
		if x1 > x {
			for j := yc.seg(x) + 1; j < len(yc.c.Segments); j++ {
				bx := float64(yc.c.Segments[j].X)
				if bx > x1 {
					break
				}
				left := bx - 0.5
				if left > x {
					emit(left, v+(v1-v)*(left-x)/(x1-x), yc.line(j-1, left), bx)
				}
				emit(bx, v+(v1-v)*(bx-x)/(x1-x), yc.line(j, bx), bx)
			}
		}
		if x1 >= hi && x <= hi {
			emit(hi, v+(v1-v)*(hi-x)/max(x1-x, 1e-300), yc.lowerAt(hi), hi)
		}
		emit(x1, v1, yc.lowerAt(x1), x1)
		x, v = x1, v1
		if x > hi {
			break
		}
	}
	if x < hi && x >= lo {
		emit(x, v, yc.lowerAt(x), x) // the path ends inside the interval
	}
	return started
}

// vAt returns the converted amount where the path's income reaches x.
func (m *yearModel) vAt(x float64) (float64, bool) {
	px, pv := m.x0, m.v0
	if x <= px {
		return pv, true
	}
	for _, s := range m.segs {
		dg := float64(s.g1 - s.g0)
		x1, v1 := px+s.ax*dg, pv+s.av*dg
		if x <= x1 && x1 > px {
			return pv + (v1-pv)*(x-px)/(x1-px), true
		}
		px, pv = x1, v1
	}
	return pv, false
}

// xAt returns the income where the path's converted amount reaches v.
func (m *yearModel) xAt(v float64) float64 {
	px, pv := m.x0, m.v0
	if v <= pv {
		return px
	}
	for _, s := range m.segs {
		dg := float64(s.g1 - s.g0)
		x1, v1 := px+s.ax*dg, pv+s.av*dg
		if v <= v1 && v1 > pv {
			return px + (x1-px)*(v-pv)/(v1-pv)
		}
		px, pv = x1, v1
	}
	return px
}

// addPt adds a point in order of converted amount, keeping the lower
// convex hull.
func (m *yearModel) addPt(v, c, x, kx float64) {
	h := m.hull
	if n := len(h); n > 0 && v <= h[n-1].v {
		if c < h[n-1].c {
			h[n-1] = hullPt{h[n-1].v, c, x, kx}
		}
		return
	}
	for len(h) >= 2 {
		o, a := h[len(h)-2], h[len(h)-1]
		if (a.c-o.c)*(v-o.v) >= (c-o.c)*(a.v-o.v) {
			h = h[:len(h)-1] // a lies on or above the chord from o to the new point
			continue
		}
		break
	}
	m.hull = append(h, hullPt{v, c, x, kx})
}

// dual merges the years' hulls by slope up to need and returns the
// relaxation's value, the multiplier (the slope where the merge meets
// need) and the converted amount each year takes (target[u]); ok is false
// when the hulls cannot convert need. Each hull's edges rise in slope, so
// the merge takes, each time, the least-sloped next edge of any year (the
// earliest year on a tie).
func (d *diver) dual(need float64, target []float64) (value, beta float64, ok bool) {
	var have float64
	next := d.heads[:0]
	for u := range d.models {
		h := d.models[u].hull
		value += h[0].c
		have += h[0].v
		target[u] = h[0].v
		next = append(next, 1)
	}
	d.heads = next
	if have >= need {
		return value, 0, true
	}
	for {
		best, slope := -1, math.Inf(1)
		for u := range d.models {
			h := d.models[u].hull
			if i := next[u]; i < len(h) {
				if s := (h[i].c - h[i-1].c) / (h[i].v - h[i-1].v); s < slope {
					best, slope = u, s
				}
			}
		}
		if best < 0 {
			return math.Inf(1), 0, false
		}
		h := d.models[best].hull
		i := next[best]
		dv, dc := h[i].v-h[i-1].v, h[i].c-h[i-1].c
		if have+dv >= need {
			f := (need - have) / dv
			target[best] += dv * f
			return value + dc*f, slope, true
		}
		have += dv
		value += dc
		target[best] += dv
		next[best]++
	}
}

// mergeHolds reports whether the merge's plan (each year's target on its
// path) draws no account past what it holds (the capacity rows of the
// linear programme); it then sets d.lpG to that plan and each year's
// curve hull on its interval, as the programme would.
func (d *diver) mergeHolds(ivs []interval) bool {
	g := d.lpG[:0]
	for k := 0; k < d.nsrc; k++ {
		g = append(g, float64(d.lo[k]))
	}
	d.lpG = g
	for u := range d.models {
		m := &d.models[u]
		m.pathAmounts(d.target[u], g[d.first[u]:])
	}
	h := len(d.views)
	for s, slot := range d.capSlot {
		for w := 0; w < h; w++ {
			c := d.capAt[s*h+w]
			if c < 0 {
				continue
			}
			var used float64
			for u := 0; u <= w; u++ {
				for j, sv := range d.views[u].src {
					if sv.slot == slot {
						used += d.growth(u, w) * g[d.first[u]+j]
					}
				}
			}
			if used > float64(c) {
				return false
			}
		}
	}
	for u := range d.models {
		m := &d.models[u]
		m.curveHull(d.views[u].curve, max(ivs[u].a, m.x0), min(ivs[u].b, m.xend()))
	}
	return true
}

// pathAmounts adds to out (from each source's low end) the amounts where
// the year's path converts target.
func (m *yearModel) pathAmounts(target float64, out []float64) {
	v := m.v0
	for _, s := range m.segs {
		if v >= target {
			break
		}
		if s.av <= 0 {
			continue
		}
		dg := float64(s.g1 - s.g0)
		if v+s.av*dg <= target {
			out[s.k] += dg
			v += s.av * dg
			continue
		}
		out[s.k] += (target - v) / s.av
		break
	}
}

// amountsFor maps a year's target converted amount back to its path: each
// source's amount on the path where the year converts target, rounded to
// whole dollars (the source where the path stops rounded up).
func (m *yearModel) amountsFor(target float64, lo []money.Cents, out []money.Cents) {
	copy(out, lo)
	v := m.v0
	for _, s := range m.segs {
		if v >= target || s.av <= 0 {
			if s.av <= 0 && v < target {
				continue
			}
			break
		}
		dg := float64(s.g1 - s.g0)
		if v+s.av*dg <= target {
			out[s.k] = s.g1
			v += s.av * dg
			continue
		}
		g := s.g0 + money.Cents(math.Ceil((target-v)/s.av/100))*money.Dollar
		out[s.k] = min(g, s.g1)
		break
	}
}
