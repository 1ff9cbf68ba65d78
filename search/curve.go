package search

import (
	"github.com/rothpath/optimize/money"
	"github.com/rothpath/optimize/objective"
)

// yearCurve is one horizon year's cost, as the ranking counts it, of added
// ordinary income x: Discount(u, Curve.At(x)).
type yearCurve struct {
	u     int
	c     objective.Curve
	model *objective.Model
	// disc is the year's discount factor (1 for total_tax), for the
	// bounds' straight lines.
	disc float64
	// slack is how far the cost may fall below the exact line of its
	// curve segment, in cents: the curve's own allowance
	// (objective.Curve.LineSlack) scaled by the discount, half a cent for
	// the discount's rounding when there is one, and a little for floating
	// point.
	slack float64
	// lines[j] is segment j's exact line (objective.Curve.ExactLine).
	lines [][2]float64
	// start[j] is the exact cost at segment j's start: the cost never
	// falls as income rises, so no income in the segment costs less.
	start []float64
	// plain: no discount (the cost is the curve's own).
	plain bool
}

func newYearCurve(m *objective.Model, u int, penalty, maxAdded money.Cents) *yearCurve {
	yc := &yearCurve{u: u, model: m}
	m.CurveInto(u, penalty, maxAdded, &yc.c)
	num, den := m.DiscountRatio(u)
	yc.disc = float64(num) / float64(den)
	yc.plain = num == den
	yc.slack = yc.c.LineSlack()*yc.disc + 0.01
	if !yc.plain {
		yc.slack += 0.5
	}
	for j := range yc.c.Segments {
		v, s := yc.c.ExactLine(j)
		yc.lines = append(yc.lines, [2]float64{v, s})
	}
	for _, sg := range yc.c.Segments {
		yc.start = append(yc.start, float64(yc.at(sg.X)))
	}
	return yc
}

// at is the exact cost of x (0 <= x <= the curve's Max).
func (yc *yearCurve) at(x money.Cents) money.Cents {
	return yc.model.Discount(yc.u, yc.c.At(x))
}

// seg returns the index of the segment holding x.
func (yc *yearCurve) seg(x float64) int {
	s := yc.c.Segments
	lo, hi := 0, len(s)-1
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if float64(s[mid].X) <= x {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return lo
}

// line returns the lower line of segment j at x: the cost the segment's
// straight line gives there, discounted, less the slack.
func (yc *yearCurve) line(j int, x float64) float64 {
	l := yc.lines[j]
	return max((l[0]+l[1]*(x-float64(yc.c.Segments[j].X)))*yc.disc-yc.slack, yc.start[j])
}

// lowerAt is a lower bound on the cost at any income of at least x: the
// curve never falls as income rises (checked when the model is prepared).
func (yc *yearCurve) lowerAt(x float64) float64 {
	if x < 0 {
		x = 0
	}
	return yc.line(yc.seg(x), x)
}
