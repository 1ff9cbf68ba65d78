package search

import (
	"math"

	"github.com/rothpath/optimize/money"
	"github.com/rothpath/optimize/rules"
)

// scanLimit bounds the whole-dollar amounts a scan evaluates exactly on one
// straight stretch of its bound; past it the rest of the stretch is bounded
// by the E-model. It can only loosen a bound (more branching), never change
// an answer, so it is not a setting.
const scanLimit = 32

// maxPeriod is the longest period of a curve's rounding (in dollars) for
// which lineScan scans a stretch's end periods instead of bounding it.
const maxPeriod = 512

// lineScan minimises exactly, over the amounts a + $1·k (0 <= k <= n), a
// function whose E-model lies below it and is straight between the points
// where its income xg0 + ax·amount crosses a breakpoint of the year's
// curve. Every amount is either evaluated exactly or skipped because the
// E-model there is already above the best exact value found: the stretches
// are taken cheapest end first and each is scanned from its cheaper end
// until the E-model passes the best value. It returns the minimum (or,
// past scanLimit on a stretch, a lower bound of it) and where it was found.
//
// With straight (the amount is the income, as for sources with no basis,
// and the cost is the curve's own, undiscounted), a stretch where the
// curve's rounding repeats with a period (objective.Curve.DollarPeriod)
// has its least value in its first or last period: those are all it
// scans.
func (d *diver) lineScan(a money.Cents, n int64, yc *yearCurve, xg0, ax float64,
	exact, eModel func(money.Cents) float64, straight bool) (float64, money.Cents) {
	last := a + money.Cents(n)*money.Dollar
	cuts := append(d.cuts[:0], a)
	if ax > 0 {
		for j := yc.seg(xg0+ax*float64(a)) + 1; j < len(yc.c.Segments); j++ {
			k := math.Ceil((float64(yc.c.Segments[j].X) - xg0 - ax*float64(a)) / ax / 100)
			g := a + money.Cents(k)*money.Dollar
			if g > last {
				break
			}
			if g > cuts[len(cuts)-1] {
				cuts = append(cuts, g)
			}
		}
	}
	d.cuts = cuts
	strs := d.strs[:0]
	for i := range cuts {
		sa, sb := cuts[i], last
		if i+1 < len(cuts) {
			sb = cuts[i+1] - money.Dollar
		}
		if sb < sa {
			continue
		}
		ea, eb := eModel(sa), eModel(sb)
		strs = append(strs, stretch{a: sa, b: sb, min: min(ea, eb), up: ea <= eb})
	}
	d.strs = strs
	best, bestG := math.Inf(1), a
	bounded := math.Inf(1) // the E-model bound of what was left unscanned
	for len(strs) > 0 {
		m := 0
		for i := range strs {
			if strs[i].min < strs[m].min {
				m = i
			}
		}
		sr := strs[m]
		strs[m] = strs[len(strs)-1]
		strs = strs[:len(strs)-1]
		if sr.min >= min(best, bounded) {
			break
		}
		if straight {
			// Every term of the exact function repeats each period (the
			// curve's rounding; the multiplier's terms are straight), so
			// the stretch's least value is in its first or its last period.
			x := money.Cents(xg0 + float64(sr.a))
			if period, _, end, ok := yc.c.DollarPeriod(x, maxPeriod); ok && money.Cents(xg0+float64(sr.b)) <= end {
				span := money.Cents(period-1) * money.Dollar
				for g := sr.a; g <= min(sr.a+span, sr.b); g += money.Dollar {
					if f := exact(g); f < best {
						best, bestG = f, g
					}
				}
				for g := max(sr.b-span, sr.a+span+money.Dollar); g <= sr.b; g += money.Dollar {
					if f := exact(g); f < best {
						best, bestG = f, g
					}
				}
				continue
			}
		}
		g, step := sr.a, money.Dollar
		if !sr.up {
			g, step = sr.b, -money.Dollar
		}
		for k := 0; g >= sr.a && g <= sr.b; k++ {
			e := eModel(g)
			if e >= best {
				break // the rest of the stretch only rises
			}
			if k == scanLimit {
				bounded = min(bounded, e)
				break
			}
			if f := exact(g); f < best {
				best, bestG = f, g
			}
			g += step
		}
	}
	return min(best, bounded), bestG
}

// eLine is the E-model of one free amount in a year: income x0 + ax·g and
// converted v0 + av·g (lower and upper bounds), the cost the curve's lines
// less their slack.
type eLine struct {
	x0, ax, v0, av float64
}

func (l eLine) at(yc *yearCurve, beta, pen float64, g money.Cents) float64 {
	return yc.lowerAt(l.x0+l.ax*float64(g)) - beta*(l.v0+l.av*float64(g)) + pen*float64(g)
}

// freeLine returns source s's E-model slopes and offsets (lo bounds the
// taxable part from below, hi the converted count from above).
func freeLine(s *srcView) (ax, xoff, av, voff float64) {
	ax = max(float64(s.lo.TaxNum)/float64(s.lo.TaxDen)-float64(s.lo.ErrLowPPM)/1e6, 0)
	xoff = -float64(s.lo.ErrLowAbs)
	switch s.mode {
	case convGross:
		av = 1
	case convTaxable:
		av = float64(s.hi.TaxNum)/float64(s.hi.TaxDen) + float64(s.hi.ErrHighPPM)/1e6
		voff = float64(s.hi.ErrHighAbs)
	}
	return
}

// exactMin returns year u's exact minimum of cost - beta*conv + penalties
// over the plans of the node (E-income in iv, amounts in their boxes), when
// it can be had: the first year with a single free source (its state is
// exact; the others sit at their points), or any year whose sources have
// no basis (their models are exact). It also returns where the minimum was
// found (the free source's amount, or the combined amount).
func (d *diver) exactMin(u int, iv interval, beta float64) (float64, money.Cents, bool) {
	v := &d.views[u]
	f, n := d.first[u], len(v.src)
	lo, hi := d.lo[f:f+n], d.hi[f:f+n]
	if e, g, ok := d.exactTogether(u, v, lo, hi, iv, beta); ok {
		return e, g, true
	}
	if u != 0 {
		return 0, 0, false
	}
	k := -1
	for j := range lo {
		if lo[j] < hi[j] {
			if k >= 0 {
				return 0, 0, false
			}
			k = j
		}
	}
	st := &d.atFill
	yc := v.curve
	x0, c0 := v.fixed, v.fixedConv
	var pens float64
	for j := range v.src {
		pj := d.penalty(u, v.src[j].slot)
		if j == k {
			continue
		}
		dx, dc := d.quoteDelta(st, &v.src[j], lo[j])
		x0, c0 = x0+dx, c0+dc
		pens += pj * float64(lo[j])
	}
	if k < 0 { // every source at a point
		return d.costAt(v, x0, beta, c0) + pens, 0, true
	}
	s := &v.src[k]
	pen := d.penalty(u, s.slot)
	exact := func(g money.Cents) float64 {
		dx, dc := d.quoteDelta(st, s, g)
		return d.costAt(v, x0+dx, beta, c0+dc) + pen*float64(g) + pens
	}
	ax, xoff, av, voff := freeLine(s)
	l := eLine{x0: float64(x0) + xoff, ax: ax, v0: float64(c0) + voff, av: av}
	eModel := func(g money.Cents) float64 { return l.at(yc, beta, pen, g) + pens }
	glo, ghi, ok := amountRange(l.x0, ax, iv, hi[k])
	if !ok {
		return math.Inf(1), 0, true
	}
	glo = max(glo, lo[k], d.leastFor(s, st, c0, lo[k], hi[k]))
	if ax > 0 { // the year's limit and the curve's end
		top := float64(yc.c.Max)
		if v.limit >= 0 {
			top = min(top, float64(v.limit))
		}
		ghi = min(ghi, money.Cents(math.Ceil((top-l.x0)/ax))+money.Dollar)
	}
	best, bestG := math.Inf(1), glo
	if first, last := wholeUp(glo), wholeDown(ghi); first <= last {
		best, bestG = d.lineScan(first, int64(last-first)/int64(money.Dollar), yc, l.x0, ax, exact, eModel, false)
	}
	for _, g := range [...]money.Cents{lo[k], hi[k]} { // amounts off whole dollars
		if g%money.Dollar != 0 && g >= glo && g <= ghi+money.Dollar {
			if f := exact(g); f < best {
				best, bestG = f, g
			}
		}
	}
	return best, bestG, true
}

// leastFor returns the least whole-dollar amount of source s (in
// [lo, hi]) whose move brings the year's converted count, c0 without it,
// to d.minConv: no plan of the node converts less that year.
func (d *diver) leastFor(s *srcView, st *rules.State, c0, lo, hi money.Cents) money.Cents {
	need := d.minConv - float64(c0)
	if need <= 0 {
		return lo
	}
	conv := func(g money.Cents) float64 {
		_, dc := d.quoteDelta(st, s, g)
		return float64(dc)
	}
	if conv(hi) < need {
		return hi + 1 // none reaches it
	}
	a, b := wholeUp(lo), wholeDown(hi)
	if a > b || conv(b) < need {
		return hi
	}
	for a < b { // the count rises with the amount
		mid := wholeDown((a + b) / 2)
		if conv(mid) >= need {
			b = mid
		} else {
			a = mid + money.Dollar
		}
	}
	return a
}

// amountRange returns the amounts g in [0, cap] whose E-income x0 + ax·g
// may lie in iv, widened by a dollar each way (a superset keeps bounds
// valid).
func amountRange(x0, ax float64, iv interval, cap money.Cents) (lo, hi money.Cents, ok bool) {
	if ax <= 0 {
		if x0 < iv.a || x0 > iv.b {
			return 0, 0, false
		}
		return 0, cap, true
	}
	fa, fb := (iv.a-x0)/ax, (iv.b-x0)/ax
	lo, hi = 0, cap
	if !math.IsInf(fa, -1) && fa > 0 {
		lo = money.Cents(max(math.Floor(fa)-100, 0))
	}
	if !math.IsInf(fb, 1) && fb < float64(cap) {
		hi = money.Cents(math.Ceil(fb) + 100)
	}
	lo, hi = max(lo, 0), min(hi, cap)
	return lo, hi, lo <= hi
}

// costAt is the objective of a year with added income x and conv
// converted, less beta*conv; +Inf past the year's limit.
func (d *diver) costAt(v *yearView, x money.Cents, beta float64, conv money.Cents) float64 {
	d.evals++
	if x < 0 {
		x = 0
	}
	if v.limit >= 0 && x > v.limit || x > v.curve.c.Max {
		return math.Inf(1)
	}
	return float64(v.curve.at(x)) - beta*float64(conv)
}

// exactTogether returns, for a year whose sources all move every dollar as
// taxable income, count it the same way and bear the same penalty (no
// basis: their models are exact), the exact minimum of cost - beta*conv +
// penalties over their combined amount with the year's income in iv, where
// it was found, and true; false when the year is not of that kind. Each
// source moves whole dollars or all it holds, so the combined amount is
// some sources' whole balances plus whole dollars of the others: each such
// set of whole balances is scanned as its own line of amounts.
func (d *diver) exactTogether(u int, v *yearView, lo, hi []money.Cents, iv interval, beta float64) (float64, money.Cents, bool) {
	x0, c0 := v.fixed, v.fixedConv
	mode := convMode(255)
	pen := math.NaN()
	for j := range v.src {
		s := &v.src[j]
		pj := d.penalty(u, s.slot)
		if !s.lo.Exact() || !s.hi.Exact() || (mode != 255 && (s.mode != mode || pj != pen)) {
			return 0, 0, false
		}
		mode, pen = s.mode, pj
	}
	if math.IsNaN(pen) {
		pen = 0
	}
	n := len(v.src)
	if n > 4 {
		return 0, 0, false
	}
	var av float64
	if mode != convNone {
		av = 1
	}
	yc := v.curve
	best, bestG := math.Inf(1), money.Cents(0)
	exact := func(g money.Cents) float64 {
		return d.costAt(v, x0+g, beta, c0+money.Cents(av)*g) + pen*float64(g)
	}
	l := eLine{x0: float64(x0), ax: 1, v0: float64(c0), av: av}
	eModel := func(g money.Cents) float64 { return l.at(yc, beta, pen, g) }
	glo, ghi, ok := amountRange(float64(x0), 1, iv, money.MaxAmount)
	if !ok {
		return math.Inf(1), 0, true
	}
	if av > 0 { // no plan of the node converts less than d.minConv this year
		glo = max(glo, money.Cents(math.Ceil(d.minConv-float64(c0))))
	}
	// Nor does any break the year's limit or pass the curve's end: the
	// scan's stretches must lie where the cost is finite.
	if v.limit >= 0 {
		ghi = min(ghi, v.limit-x0)
	}
	ghi = min(ghi, yc.c.Max-x0)
	for set := 0; set < 1<<n; set++ {
		// Sources in set sit at the high end of their box when it is not
		// whole dollars; the others move whole dollars within their box.
		a := money.Cents(0)
		var k int64
		ok := true
		for j := 0; j < n; j++ {
			if set&(1<<j) != 0 {
				if hi[j]%money.Dollar == 0 {
					ok = false
					break
				}
				a += hi[j]
			} else {
				l, h := wholeUp(lo[j]), wholeDown(hi[j])
				if h < l {
					ok = false
					break
				}
				a += l
				k += int64(h-l) / int64(money.Dollar)
			}
		}
		if !ok {
			continue
		}
		// Keep the line within the interval's amounts.
		if a < glo {
			skip := int64(wholeUp(glo-a)) / int64(money.Dollar)
			a += money.Cents(skip) * money.Dollar
			k -= skip
		}
		if top := a + money.Cents(k)*money.Dollar; top > ghi {
			k -= int64(wholeUp(top-ghi)) / int64(money.Dollar)
		}
		if k < 0 {
			continue
		}
		if m, g := d.lineScan(a, k, yc, l.x0, 1, exact, eModel, yc.plain); m < best {
			best, bestG = m, g
		}
	}
	return best, bestG, true
}

// quoteDelta returns what moving g from source s adds to its year, beyond
// the projection's (g = 0), in income and in the goal's count.
func (d *diver) quoteDelta(st *rules.State, s *srcView, g money.Cents) (dx, dc money.Cents) {
	if g == 0 {
		return 0, 0
	}
	if s.members != nil { // pooled: every dollar taxable and converted
		return g, g
	}
	q := st.Quote(s.src, g)
	dx = q.Taxable - s.q0.Taxable
	switch s.mode {
	case convGross:
		dc = q.Converted - s.q0.Converted
	case convTaxable:
		dc = dx
	}
	return dx, dc
}

// wholeUp and wholeDown round an amount to whole dollars.
func wholeUp(g money.Cents) money.Cents {
	return (g + money.Dollar - 1) / money.Dollar * money.Dollar
}

func wholeDown(g money.Cents) money.Cents { return g / money.Dollar * money.Dollar }
