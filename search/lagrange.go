package search

import (
	"math"
	"slices"

	"github.com/rothpath/optimize/money"
)

// piece is one source's stretch on a year's Lagrangian path.
type piece struct {
	j       int
	ax, ben float64 // income and benefit per cent
	cap     float64
}

// line is a straight line of the cost in income: a + b*x (cents).
type line struct{ a, b float64 }

// xend is the income at the end of the year's path (every source at its
// cap), within the year's limit.
func (m *yearModel) xend() float64 {
	x := m.x0
	for _, s := range m.segs {
		x += s.ax * float64(s.g1-s.g0)
	}
	return min(x, m.xmax)
}

// curveHull sets m.lines to the lower convex hull of the year's curve lines
// (less their slack) on incomes [lo, hi]: the pieces' ends, both sides of
// each breakpoint.
func (m *yearModel) curveHull(yc *yearCurve, lo, hi float64) {
	pts := m.cpts[:0]
	add := func(x, c float64) {
		for len(pts) >= 2 {
			o, a := pts[len(pts)-2], pts[len(pts)-1]
			if (a[1]-o[1])*(x-o[0]) >= (c-o[1])*(a[0]-o[0]) {
				pts = pts[:len(pts)-1]
				continue
			}
			break
		}
		if n := len(pts); n > 0 && x <= pts[n-1][0] {
			if c < pts[n-1][1] {
				pts[n-1][1] = c
			}
			return
		}
		pts = append(pts, [2]float64{x, c})
	}
	add(lo, yc.lowerAt(lo))
	for j := yc.seg(lo) + 1; j < len(yc.c.Segments); j++ {
		bx := float64(yc.c.Segments[j].X)
		if bx > hi {
			break
		}
		left, right := yc.line(j-1, bx-0.5), yc.line(j, bx)
		if bx-0.5 > lo && right-left > 1 { // a jump: its foot too
			add(bx-0.5, left)
		}
		add(bx, right)
	}
	if hi > lo {
		add(hi, yc.lowerAt(hi))
	}
	m.cpts = pts
	m.lines = m.lines[:0]
	if len(pts) == 1 {
		m.lines = append(m.lines, line{a: pts[0][1], b: 0})
		return
	}
	for k := 1; k < len(pts); k++ {
		b := (pts[k][1] - pts[k-1][1]) / (pts[k][0] - pts[k-1][0])
		m.lines = append(m.lines, line{a: pts[k-1][1] - b*pts[k-1][0], b: b})
	}
}

// hullAt returns the convex hull's value at x.
func (m *yearModel) hullAt(x float64) float64 {
	v := math.Inf(-1)
	for _, l := range m.lines {
		v = max(v, l.a+l.b*x)
	}
	return v
}

// penalty returns what the capacity multipliers charge per cent drawn from
// the account of source j of year u: each capacity row of that account for
// year u or later, times the growth to that year.
func (d *diver) penalty(u int, slot int) float64 {
	h := len(d.views)
	var pen float64
	for i, c := range d.lpCaps {
		if d.capSlot[c.slot] == slot && c.u >= u && d.mu[i] > 0 {
			pen += d.mu[i] * d.growth(u, c.u)
		}
	}
	_ = h
	return pen
}

// eMin returns year u's E-model minimum of cost - beta*conv + penalties
// over the node's interval and boxes: for each income, the sources taken
// from their boxes' low ends in order of what they bring (beta times what
// they convert, less their penalty) per dollar of income, the cost the
// curve's lines less their slack.
func (d *diver) eMin(u int, iv interval, beta float64) float64 {
	v := &d.views[u]
	m := &d.models[u]
	yc := v.curve
	f := d.first[u]
	ps := d.pieces[:0]
	x, b := m.x0, beta*m.v0
	for j := range v.src {
		s := &v.src[j]
		pen := d.penalty(u, s.slot)
		b -= pen * float64(d.lo[f+j])
		_, _, av, _ := freeLine(s)
		ben := beta*av - pen
		var lp [2]lowerPiece
		_, n := s.lowerPieces(d.lo[f+j], d.hi[f+j], &lp)
		for _, q := range lp[:n] {
			c := float64(q.g1 - q.g0)
			switch {
			case c <= 0:
			case q.ax == 0 && ben > 0:
				b += ben * c // free: take it all
			case q.ax > 0:
				ps = append(ps, piece{j, q.ax, ben, c})
			}
		}
	}
	slices.SortFunc(ps, func(p, q piece) int {
		rp, rq := p.ben/p.ax, q.ben/q.ax
		switch {
		case rp > rq:
			return -1
		case rp < rq:
			return 1
		}
		return p.j - q.j
	})
	d.pieces = ps
	lo, hi := max(iv.a, x, m.xAt(d.minConv)), min(iv.b, m.xmax)
	best := math.Inf(1)
	eval := func(px, pb float64) {
		if px >= lo && px <= hi {
			best = min(best, yc.lowerAt(px)-pb)
		}
	}
	// Walk the path; on each stretch evaluate its ends, the interval's
	// ends and the curve's breakpoints inside.
	eval(x, b)
	for _, p := range ps {
		x1, b1 := x+p.ax*p.cap, b+p.ben*p.cap
		if x1 <= x {
			x, b = x1, max(b, b1)
			continue
		}
		at := func(px float64) float64 { return b + (b1-b)*(px-x)/(x1-x) }
		for _, px := range [2]float64{lo, hi} {
			if px > x && px < x1 {
				eval(px, at(px))
			}
		}
		for j := yc.seg(x) + 1; j < len(yc.c.Segments); j++ {
			bx := float64(yc.c.Segments[j].X)
			if bx >= x1 {
				break
			}
			if bx-0.5 > x {
				left := bx - 0.5
				if left >= lo && left <= hi {
					best = min(best, yc.line(j-1, left)-at(left))
				}
			}
			eval(bx, at(bx))
		}
		eval(x1, b1)
		x, b = x1, b1
		if x > hi {
			break
		}
	}
	return best
}

// lagrange returns the node's Lagrangian bound at d.beta and d.mu: the
// goal's multiplier times need, less each capacity's multiplier times its
// capacity, plus each year's minimum (exact where it can be had).
func (d *diver) lagrange(ivs []interval, exact bool) float64 {
	p := d.p
	h := len(d.views)
	lb := d.beta * float64(p.goal)
	for i, c := range d.lpCaps {
		lb -= d.mu[i] * float64(d.capAt[c.slot*h+c.u]+money.Dollar)
	}
	// What each year must convert at least, whatever the others do at
	// most (the hulls' last points bound what a year can convert).
	var most float64
	for u := 0; u < h; u++ {
		most += d.models[u].hull[len(d.models[u].hull)-1].v
	}
	for u := 0; u < h; u++ {
		hv := d.models[u].hull
		d.minConv = float64(p.goal) - (most - hv[len(hv)-1].v)
		e := d.eMin(u, ivs[u], d.beta)
		d.argmin[u] = -1
		if exact {
			if x, g, ok := d.exactMin(u, ivs[u], d.beta); ok {
				e = max(e, x) // both are lower bounds; the exact one is the minimum itself
				d.argmin[u] = g
			}
		}
		lb += e
	}
	if math.IsNaN(lb) {
		return math.Inf(-1)
	}
	return lb
}
