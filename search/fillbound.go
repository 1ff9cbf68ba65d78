package search

import (
	"math"

	"github.com/rothpath/optimize/money"
)

// Bounds of the fill's Pareto programme. A partial plan whose cost plus the
// least the remaining years could cost to convert what it still misses
// exceeds the cost of some known complete fill cannot lead to the optimum,
// so it is dropped before it multiplies into the next layers. On realistic
// households most states of the unbounded programme are of that kind.
//
// The lower bound is a relaxation: between two consecutive candidates of a
// year (every point where its cost changes slope or jumps is one), both the
// cost and what the year converts move linearly with its gross, up to cent
// rounding. So the lower convex hull of the candidates' (converted, cost)
// points, less a rounding allowance, lies under the year's cost at every
// whole-dollar gross, and the least a set of years can cost to convert m is
// at least the sum of their costs at gross 0 plus the hulls' segments taken
// in order of slope up to m (the convex relaxation of the programme).
// Floating point is used only here, for a bound with ample allowance; no
// money figure the search reports comes from it.
//
// The upper bound is a real fill: the relaxation's solution with the year
// whose segment meets the goal taking exactly what is missing, costed
// exactly. Every other year sits at a hull vertex, which is one of its
// candidates, so the run leaving that year free can find it or better.

// hullSeg is one segment of a year's lower convex hull, or of the merge of
// several years' hulls.
type hullSeg struct {
	dx, dy float64 // converted and cost added along the segment
	slope  float64 // dy / dx
	year   int32
	end    int32 // the year's candidate at the segment's right end
}

// fillBounds holds the relaxation of the current solve, in buffers reused
// across solves.
type fillBounds struct {
	hull []hullSeg // every year's hull, year by year
	hOff []int     // year y's hull is hull[hOff[y]:hOff[y+1]]
	// Suffix i (years i..n-1): its hulls merged by slope in
	// seg[sOff[i]:sOff[i+1]], with the converted amount and the cost
	// (above base[i]) at each segment's start in cx and cy.
	seg    []hullSeg
	cx, cy []float64
	sOff   []int
	base   []float64 // base[i]: the years i..n-1's costs at gross 0
	slack  float64   // the rounding allowance for all years
	picks  []int32   // scratch for the upper bound
	points []hullPt  // scratch for one year's hull
}

type hullPt struct {
	x, y float64
	k    int32
}

// build computes the hulls and their suffix merges for cands.
func (b *fillBounds) build(cands [][]cand) {
	n := len(cands)
	b.hull = b.hull[:0]
	b.hOff = append(b.hOff[:0], 0)
	for y := range cands {
		b.yearHull(y, cands[y])
		b.hOff = append(b.hOff, len(b.hull))
	}
	if cap(b.base) < n+1 {
		b.base = make([]float64, n+1)
		b.sOff = make([]int, n+2)
	}
	b.base = b.base[:n+1]
	b.sOff = b.sOff[:n+2]
	b.base[n] = 0
	for i := n - 1; i >= 0; i-- {
		b.base[i] = b.base[i+1] + float64(cands[i][0].cost)
	}
	// Suffix n is empty; suffix i merges year i's hull into suffix i+1's
	// and is stored after it.
	b.seg, b.cx, b.cy = b.seg[:0], b.cx[:0], b.cy[:0]
	b.sOff[n] = 0
	lo, hi := 0, 0 // suffix i+1's segments: seg[lo:hi]
	for i := n - 1; i >= 0; i-- {
		first := len(b.seg)
		h := b.hull[b.hOff[i]:b.hOff[i+1]]
		a, k := 0, lo
		for a < len(h) || k < hi {
			if k >= hi || (a < len(h) && segBefore(&h[a], &b.seg[k])) {
				b.seg = append(b.seg, h[a])
				a++
			} else {
				b.seg = append(b.seg, b.seg[k])
				k++
			}
		}
		var x, c float64
		for _, s := range b.seg[first:] {
			b.cx = append(b.cx, x)
			b.cy = append(b.cy, c)
			x += s.dx
			c += s.dy
		}
		b.sOff[i] = first
		lo, hi = first, len(b.seg)
	}
	b.slack = float64(money.Dollar) * float64(n)
}

// suffix returns where suffix i's merged segments lie in seg: all the
// segments of years i..n-1.
func (b *fillBounds) suffix(i int) (lo, hi int) {
	n := len(b.hOff) - 1
	if i >= n {
		return 0, 0
	}
	return b.sOff[i], b.sOff[i] + b.hOff[n] - b.hOff[i]
}

// relaxed returns the least cost, above base[i], at which suffix i's hulls
// convert m; +Inf when they cannot. k is a cursor into the suffix's
// segments that callers asking for ever larger m keep between calls (start
// it at the suffix's first segment).
func (b *fillBounds) relaxed(lo, hi int, m float64, k *int) float64 {
	if m <= 0 {
		return 0
	}
	if hi == lo || m > b.cx[hi-1]+b.seg[hi-1].dx {
		return math.Inf(1)
	}
	if *k < lo || *k >= hi || b.cx[*k] > m {
		*k = lo
	}
	for *k+1 < hi && b.cx[*k+1] <= m {
		*k++
	}
	return b.cy[*k] + (m-b.cx[*k])*b.seg[*k].slope
}

func segBefore(a, b *hullSeg) bool {
	if a.slope != b.slope {
		return a.slope < b.slope
	}
	return a.year < b.year
}

// yearHull appends year y's lower convex hull, from gross 0, to b.hull.
func (b *fillBounds) yearHull(y int, cs []cand) {
	pts := b.points[:0]
	for k, c := range cs {
		p := hullPt{x: float64(c.conv), y: float64(c.cost), k: int32(k)}
		if n := len(pts); n > 0 && p.x <= pts[n-1].x {
			continue // converts no more than an earlier, cheaper candidate
		}
		for len(pts) >= 2 {
			o, a := pts[len(pts)-2], pts[len(pts)-1]
			// Drop a when it lies on or above the segment from o to p.
			if (a.y-o.y)*(p.x-o.x) >= (p.y-o.y)*(a.x-o.x) {
				pts = pts[:len(pts)-1]
				continue
			}
			break
		}
		pts = append(pts, p)
	}
	for k := 1; k < len(pts); k++ {
		dx, dy := pts[k].x-pts[k-1].x, pts[k].y-pts[k-1].y
		b.hull = append(b.hull, hullSeg{dx: dx, dy: dy, slope: dy / dx, year: int32(y), end: pts[k].k})
	}
	b.points = pts
}

// upper returns the exact cost of the relaxation's fill (see above), or
// false when the hulls cannot meet need or that fill does not fit.
func (b *fillBounds) upper(years []fillYear, cands [][]cand, need money.Cents) (money.Cents, bool) {
	n := len(years)
	picks := b.picks[:0]
	for range n {
		picks = append(picks, 0)
	}
	b.picks = picks
	lo, hi := b.suffix(0)
	m, x, cross := float64(need), 0.0, -1
	for k := lo; k < hi; k++ {
		s := &b.seg[k]
		picks[s.year] = s.end
		if x += s.dx; x >= m {
			cross = int(s.year)
			break
		}
	}
	if cross < 0 {
		return 0, false
	}
	var conv, cost money.Cents
	for y := range n {
		if y != cross {
			c := &cands[y][picks[y]]
			conv, cost = conv+c.conv, cost+c.cost
		}
	}
	y := &years[cross]
	top := y.maxGross()
	g := money.Cents(0)
	if miss := need - conv; miss > 0 {
		g = y.minGrossForConv(miss, top)
	}
	if g > top {
		return 0, false
	}
	return cost + y.cost(y.taxable(g)), true
}

// lbView is the lower bound extend applies to the states of one layer:
// add plus the relaxed cost of the suffix seg[lo:hi] converting the miss.
type lbView struct {
	on     bool
	lo, hi int
	add    float64
}

// view returns the bound for the states after year i of the run leaving
// year free (-1: none). Without a free year the years left are i+1..n-1. A
// free year j before i is left too, and taking suffix j's segments
// (a superset of the years left) with the base of the years actually left
// keeps a valid, if weaker, bound.
func (b *fillBounds) view(i, free int, cands [][]cand) lbView {
	if free < 0 || free > i {
		lo, hi := b.suffix(i + 1)
		return lbView{on: true, lo: lo, hi: hi, add: b.base[i+1]}
	}
	lo, hi := b.suffix(free)
	return lbView{on: true, lo: lo, hi: hi, add: b.base[i+1] + float64(cands[free][0].cost)}
}
