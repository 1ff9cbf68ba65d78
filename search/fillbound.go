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
// in order of slope up to m (the convex relaxation of the programme). The
// years left after a state are the later ones and, in the run leaving a
// year free, that year when it came earlier (it takes what is missing at
// the end): leaveFree merges its hull with each suffix for that run.
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
	// Suffix i (years i..n-1): its hulls merged by slope, stored from
	// sOff[i] (see suffix), with the converted amount and the cost (above
	// base[i]) at each segment's start at the same places in cx and cy.
	seg    []hullSeg
	cx, cy []float64
	sOff   []int
	base   []float64 // base[i]: the years i..n-1's costs at gross 0
	slack  float64   // the rounding allowance for all years
	// The run leaving a year free (leaveFree): for the states after year
	// i, fseg[fOff[t]:fOff[t+1]] (t = i-free-1) merges the free year's hull
	// with suffix i+1's, with cumulative amounts in fcx and fcy.
	fseg     []hullSeg
	fcx, fcy []float64
	fOff     []int
	picks    []int32  // scratch for the upper bound
	points   []hullPt // scratch for one year's hull
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
		b.sOff = make([]int, n)
	}
	b.base = b.base[:n+1]
	b.sOff = b.sOff[:n]
	b.base[n] = 0
	for i := n - 1; i >= 0; i-- {
		b.base[i] = b.base[i+1] + float64(cands[i][0].cost)
	}
	// Suffix n is empty; suffix i merges year i's hull into suffix i+1's
	// and is stored after it.
	b.seg, b.cx, b.cy = b.seg[:0], b.cx[:0], b.cy[:0]
	lo, hi := 0, 0 // suffix i+1's segments: seg[lo:hi]
	for i := n - 1; i >= 0; i-- {
		first := len(b.seg)
		b.seg, b.cx, b.cy = mergeHulls(b.seg, b.cx, b.cy, b.hull[b.hOff[i]:b.hOff[i+1]], b.seg[lo:hi])
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

// mergeHulls appends to seg the segments of a and b (each in order of
// slope) merged in order of slope, and to cx and cy the converted amount and
// the cost at each appended segment's start, from 0. b may lie in seg
// itself, before its end.
func mergeHulls(seg []hullSeg, cx, cy []float64, a, b []hullSeg) ([]hullSeg, []float64, []float64) {
	first := len(seg)
	i, k := 0, 0
	for i < len(a) || k < len(b) {
		if k >= len(b) || (i < len(a) && segBefore(&a[i], &b[k])) {
			seg = append(seg, a[i])
			i++
		} else {
			seg = append(seg, b[k])
			k++
		}
	}
	var x, c float64
	for _, s := range seg[first:] {
		cx, cy = append(cx, x), append(cy, c)
		x, c = x+s.dx, c+s.dy
	}
	return seg, cx, cy
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
// add plus the relaxed cost of a set of years (their hulls' segments merged
// by slope, seg, with the converted amount and cost at each segment's start
// in cx and cy) converting what a state misses.
type lbView struct {
	on     bool
	seg    []hullSeg
	cx, cy []float64
	add    float64
}

// relaxed returns the least cost, above the years' costs at gross 0, at
// which the view's hulls convert m; +Inf when they cannot. k is a cursor
// that callers asking for ever larger m keep between calls (start it at 0).
func (v *lbView) relaxed(m float64, k *int) float64 {
	if m <= 0 {
		return 0
	}
	n := len(v.seg)
	if n == 0 || m > v.cx[n-1]+v.seg[n-1].dx {
		return math.Inf(1)
	}
	if *k >= n || v.cx[*k] > m {
		*k = 0
	}
	for *k+1 < n && v.cx[*k+1] <= m {
		*k++
	}
	return v.cy[*k] + (m-v.cx[*k])*v.seg[*k].slope
}

// view returns the bound for the states after year i of the run leaving
// year free (-1: none): the years left are i+1..n-1, and the free year when
// it comes before i (see leaveFree).
func (b *fillBounds) view(i, free int) lbView {
	if free < 0 || free > i {
		lo, hi := b.suffix(i + 1)
		return lbView{on: true, seg: b.seg[lo:hi], cx: b.cx[lo:hi], cy: b.cy[lo:hi], add: b.base[i+1]}
	}
	t := i - free - 1 // the list for years i+1..n-1 and free
	lo, hi := b.fOff[t], b.fOff[t+1]
	return lbView{on: true, seg: b.fseg[lo:hi], cx: b.fcx[lo:hi], cy: b.fcy[lo:hi], add: b.base[i+1] + b.base[free] - b.base[free+1]}
}

// leaveFree prepares the bounds of the run leaving year free: for each i
// after free, year free's hull merged with suffix i+1's.
func (b *fillBounds) leaveFree(free int) {
	n := len(b.hOff) - 1
	b.fseg, b.fcx, b.fcy = b.fseg[:0], b.fcx[:0], b.fcy[:0]
	b.fOff = append(b.fOff[:0], 0)
	h := b.hull[b.hOff[free]:b.hOff[free+1]]
	for i := free + 1; i < n; i++ {
		lo, hi := b.suffix(i + 1)
		b.fseg, b.fcx, b.fcy = mergeHulls(b.fseg, b.fcx, b.fcy, h, b.seg[lo:hi])
		b.fOff = append(b.fOff, len(b.fseg))
	}
}
