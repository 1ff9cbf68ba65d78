package objective

import (
	"math"
	"sort"

	"github.com/rothpath/optimize/money"
)

// CurveLineSlack bounds, in cents, how far Curve.At(x) strays from the
// straight line of the segment holding x (through Value at X, with Slope):
// the federal tax and the flat state tax are each rounded to the cent, at
// x and at X, so the difference from the exact line is at most two cents.
// The search's bounds rely on it (TestCurveLineSlack).
const CurveLineSlack money.Cents = 2

// Segment is one piece of a Curve, from X to the next segment's X.
type Segment struct {
	X     money.Cents // start (breakpoint)
	Value money.Cents // the year's cost at X: YearCost(i, X, penaltyBase).Total
	// Slope is the slope of the cost (federal tax plus state tax) on the
	// segment, in units (1/Unit cent) per cent: Slope/Unit is the rate. It
	// is exact but for a state whose compounded rates give a fraction of a
	// unit, which is rounded to the nearest unit here (an error below
	// 3·10^-8 of a cent per dollar); Value and At use the exact slope.
	// A state tax that jumps (a credit lost above an AGI, an exclusion's
	// cliff) starts a segment where it jumps, as an IRMAA tier does.
	Slope int64
	IRMAA money.Cents // IRMAA cost on the segment (constant)

	fed int64 // exact federal tax at X, units; its slope is Slope less the state's
	st  i128  // exact state tax at X less its rounded baseline, fine units (statefine.go)
	stS int64 // its slope, fine units per cent
}

// fedSlope is the federal tax's slope on s, in units per cent: Slope less
// the state's (its fine slope rounded as in Slope) and the flat rate's.
func (s *Segment) fedSlope(flatSlope int64) int64 {
	if s.stS == 0 {
		return s.Slope - flatSlope
	}
	return s.Slope - flatSlope - fineToUnits(s.stS)
}

// Rate returns the segment's slope as a rate per dollar.
func (s Segment) Rate() float64 { return float64(s.Slope) / Unit }

// Curve is one year's cost as a piecewise-linear function of the added
// ordinary income x in [0, Max], exact to the cent: breakpoints where the
// slope changes or the cost jumps (IRMAA tiers), with the value at each
// breakpoint (right-continuous) and each segment's slope. Between
// breakpoints the federal tax is exactly linear before its final rounding to
// the cent, which At applies the way YearCost does.
type Curve struct {
	Year     int
	Max      money.Cents
	Segments []Segment

	baseTax  money.Cents
	statePPM int64
	penalty  money.Cents
}

// At returns the cost at x (0 <= x <= Max), equal to the cent to
// YearCost(i, x, penaltyBase).Total.
func (c Curve) At(x money.Cents) money.Cents {
	j := sort.Search(len(c.Segments), func(j int) bool { return c.Segments[j].X > x }) - 1
	if j < 0 {
		j = 0
	}
	s := &c.Segments[j]
	dx := int64(x - s.X)
	fed := s.fed + s.fedSlope(c.statePPM*(Unit/1_000_000))*dx
	var st money.Cents
	if s.stS != 0 || !s.st.isZero() {
		st = roundUpFine(s.st.add(mul64(s.stS, dx)))
	}
	return roundCents(fed) - c.baseTax + st + stateTaxPPM(c.statePPM, x) + c.penalty + s.IRMAA
}

// Curve returns year i's cost as a piecewise-linear function of the added
// ordinary income on [0, maxAdded], with penaltyBase bearing the 10%
// additional tax throughout. The breakpoints are found by inverting every
// threshold of the year's computation into added-income space as the
// worksheets are evaluated (the curve stops at MaxAdded(i) if maxAdded is
// larger: no household the scenario ranges accept can add more): bracket tops, the deduction (taxable income
// reaching zero), the Social Security base amounts and 85% cap, the senior
// deduction's phase-out start and end, the 0/15/20% bands of the gains
// worksheet, the NIIT threshold, (with irmaa: cost) the IRMAA thresholds,
// and every threshold of the state's computation: its brackets, the caps and
// AGI limits of its exclusions, the steps of its phase-outs, where its tax
// jumps.
func (m *Model) Curve(i int, penaltyBase, maxAdded money.Cents) Curve {
	var c Curve
	m.CurveInto(i, penaltyBase, maxAdded, &c)
	return c
}

// CurveInto is Curve writing into dst and reusing dst.Segments: once the
// slice has room it allocates nothing (the search builds a curve for every
// year of every structure it scores).
func (m *Model) CurveInto(i int, penaltyBase, maxAdded money.Cents, dst *Curve) {
	y := &m.years[i]
	maxAdded = min(maxAdded, y.maxAdded) // see MaxAdded
	segs := dst.Segments[:0]
	*dst = Curve{Year: y.year, Max: maxAdded, baseTax: y.baseTax, statePPM: m.statePPM, penalty: AdditionalTax(penaltyBase), Segments: segs}
	c := dst
	var w worksheet
	var k kinks
	stateSlope := m.statePPM * (Unit / 1_000_000)
	x := money.Cents(0)
	for {
		tier, tierNext := m.eval(i, x, &w, &k)
		seg := Segment{X: x, Slope: w.total.s + stateSlope, fed: w.total.v, st: w.state.v, stS: w.state.s}
		if seg.stS != 0 {
			seg.Slope += fineToUnits(seg.stS)
		}
		if m.irmaaCost {
			seg.IRMAA = irmaaAnnual(&y.pIRMAA.IRMAA[m.st], tier, y.enrolled) - y.baseIRMAA
		} else {
			tierNext = noKink
		}
		seg.Value = roundCents(seg.fed) - c.baseTax + stateTaxPPM(c.statePPM, x) + c.penalty + seg.IRMAA
		if seg.stS != 0 || !seg.st.isZero() {
			seg.Value += roundUpFine(seg.st)
		}
		if n := len(c.Segments); n == 0 || !continues(&c.Segments[n-1], &seg, stateSlope) {
			c.Segments = append(c.Segments, seg)
		}
		step := min(k.next, tierNext)
		if step == noKink || int64(maxAdded-x) < step {
			return
		}
		x += money.Cents(step)
	}
}

// ExactLine returns segment j's cost before any rounding to the cent, as
// a straight line: value at the segment's start X (cents) and slope
// (cents per cent). The cost At(x) of any x in the segment is within
// LineSlack of value + slope·(x - X).
func (c Curve) ExactLine(j int) (value, slope float64) {
	s := &c.Segments[j]
	flat := c.statePPM * (Unit / 1_000_000)
	value = float64(s.fed)/Unit - float64(c.baseTax) + s.st.float()/fineUnit +
		float64(s.X)*float64(c.statePPM)/1e6 + float64(c.penalty) + float64(s.IRMAA)
	slope = float64(s.fedSlope(flat))/Unit + float64(s.stS)/fineUnit + float64(c.statePPM)/1e6
	return value, slope
}

// LineSlack is how far, in cents, the cost can stray from ExactLine: half
// a cent for each part rounded to the cent on its own (the federal tax,
// and the state tax of a residence or of a flat rate).
func (c Curve) LineSlack() float64 {
	slack := 0.5
	if c.statePPM != 0 {
		slack += 0.5
	}
	for i := range c.Segments {
		if s := &c.Segments[i]; s.stS != 0 || !s.st.isZero() {
			return slack + 0.5
		}
	}
	return slack
}

// DollarPeriod reports the period of the cost's rounding from income x to
// the end of its segment (end, the segment's last cent): the cost of x plus
// a whole number of periods (period whole dollars each) is the cost of x
// plus step cents for each, exactly. Each part of the cost rounded on its
// own (the federal tax, a flat or a residence's state tax) repeats its
// rounding when its slope times the amount added is a whole number of
// cents; the period is the least amount that does so for every part. ok is
// false when that is more than maxPeriod dollars. A period of one dollar
// means a stretch of whole-dollar amounts is exactly straight. The search
// uses it to know the least cost of a stretch from one period at each end.
func (c Curve) DollarPeriod(x money.Cents, maxPeriod int64) (period int64, step, end money.Cents, ok bool) {
	j := sort.Search(len(c.Segments), func(j int) bool { return c.Segments[j].X > x }) - 1
	if j < 0 {
		return 0, 0, 0, false
	}
	end = c.Max
	if j+1 < len(c.Segments) {
		end = c.Segments[j+1].X - 1
	}
	s := &c.Segments[j]
	// Per dollar, a part with slope v in units of 1/scale of a cent per
	// cent adds 100v/scale cents: whole after scale/100 / gcd(v, scale/100)
	// dollars.
	parts := [3]struct{ v, per int64 }{
		{s.fedSlope(c.statePPM * (Unit / 1_000_000)), Unit / 100},
		{c.statePPM, 1_000_000 / 100},
		{s.stS, fineUnit / 100},
	}
	period = 1
	for _, p := range parts {
		q := p.per / gcd(abs64(p.v), p.per)
		period = period / gcd(period, q) * q
		if period > maxPeriod {
			return 0, 0, end, false
		}
	}
	for _, p := range parts {
		g := gcd(abs64(p.v), p.per)
		step += money.Cents(period / (p.per / g) * (p.v / g)) // period·v/per: whole, and small
	}
	return period, step, end, true
}

func gcd(a, b int64) int64 {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

func abs64(v int64) int64 {
	if v < 0 {
		return -v
	}
	return v
}

// continues reports whether segment s is the straight continuation of prev
// (same slopes, same IRMAA, federal and state tax on prev's lines): no
// breakpoint. Equal Slope and stS mean equal federal slopes.
func continues(prev, s *Segment, flatSlope int64) bool {
	if prev.Slope != s.Slope || prev.stS != s.stS || prev.IRMAA != s.IRMAA {
		return false
	}
	dx := int64(s.X - prev.X)
	if prev.fed+prev.fedSlope(flatSlope)*dx != s.fed {
		return false
	}
	return prev.st.add(mul64(prev.stS, dx)) == s.st
}

// MaxAddedAtRate returns the largest added ordinary income of year i that
// keeps the year's ordinary taxable income (QDCG worksheet line 5) within the
// highest bracket whose rate is at or below rate (constraints
// .max_marginal_rate: "no year's ordinary income goes past that bracket").
// It returns 0 when the baseline is already past it or no bracket qualifies,
// and money.MaxAmount when the top bracket qualifies.
func (m *Model) MaxAddedAtRate(i int, rate float64) money.Cents {
	bp := int64(math.Round(rate * 10000))
	sch := &m.years[i].p.Brackets[m.st]
	b := -1
	for j, r := range sch.RateBP {
		if r <= bp {
			b = j
		}
	}
	switch {
	case b < 0:
		return 0
	case b == MaxBrackets-1:
		return money.MaxAmount
	}
	return m.largestWithin(i, func(w *worksheet) lin { return w.ordinary }, int64(sch.Top[b])*Unit)
}

// IRMAAHeadroom returns the largest added ordinary income of year i that
// keeps the IRMAA tier of premium year i+2 at the baseline's (irmaa: avoid).
// It returns money.MaxAmount when nobody is enrolled in Medicare that year or
// the baseline is already in the top tier.
func (m *Model) IRMAAHeadroom(i int) money.Cents {
	y := &m.years[i]
	t := &y.pIRMAA.IRMAA[m.st]
	if y.enrolled == 0 || y.baseTier >= t.N {
		return money.MaxAmount
	}
	limit := int64(t.Threshold[y.baseTier]) * Unit // tier applies above it
	if y.baseTier == t.N-1 {
		limit-- // the top tier applies at the threshold itself
	}
	return m.largestWithin(i, func(w *worksheet) lin { return w.agi }, limit)
}

// largestWithin returns the largest x >= 0 with f(x) <= limit, for a
// quantity f of the worksheet that does not decrease as x grows; 0 if even
// f(0) exceeds the limit, and money.MaxAmount if f stays within it up to
// MaxAdded(i), past which no scenario can add income.
func (m *Model) largestWithin(i int, f func(*worksheet) lin, limit int64) money.Cents {
	var w worksheet
	var k kinks
	x := money.Cents(0)
	hi := m.years[i].maxAdded
	for {
		m.eval(i, x, &w, &k)
		q := f(&w)
		if q.v > limit {
			return max(x-1, 0)
		}
		if q.s > 0 {
			if d := (limit - q.v) / q.s; d < k.next {
				return min(x+money.Cents(d), money.MaxAmount)
			}
		}
		if k.next == noKink || x+money.Cents(k.next) > hi {
			return money.MaxAmount
		}
		x += money.Cents(k.next)
	}
}
