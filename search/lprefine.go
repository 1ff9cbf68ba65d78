package search

import (
	"math"

	"github.com/rothpath/optimize/money"
)

// The linear programme of lp.go as a source of plans. The fill lets every
// year draw on a source's whole balance and takes each year's ladder as
// fixed; when the best plan must ration a cheap source (a basis-rich IRA)
// over the years, or a roll-in's size depends on earlier conversions, the
// fill and its refills can settle on a lopsided split or miss the goal.
// Where the fill is convex, the linear programme states the sharing of a
// source across years exactly, so its solution, rounded down to whole
// dollars and topped up until the goal is met, is replayed through the rules
// engine and kept if it is cheaper.

// lpCandidate is the LP's plan for structure s, rounded to whole dollars,
// topped up to the goal and scored exactly, allocating nothing once the
// buffers are sized (the LP is simplex.go's); ok is false when the fill is not
// convex, the LP fails, or no top-up of up to about $1,000 meets the goal.
// evaluate also calls it when the fill's refills never met the goal: a fill
// that over-counts a shared source can fall short of a goal the LP reaches.
func (e *evaluator) lpCandidate(s *structure, idx int) (candidate, bool) {
	if e.replay(s, false) != nil {
		return candidate{}, false
	}
	var conv money.Cents
	for y := range e.probes {
		conv += e.probes[y].conv
	}
	e.buildFill()
	if !e.fillConvex() {
		return candidate{}, false
	}
	if _, err := e.lpSolve(e.goal - conv); err != nil {
		return candidate{}, false
	}
	plan := e.lpPlan[:0]
	k := 0
	for y := range e.fy {
		for j := range e.fy[y].src {
			src := &e.fy[y].src[j]
			g := money.Cents(math.Floor(e.lpGross[k]+1e-6)) * money.Dollar
			k++
			plan = append(plan, srcAmount{year: y, kind: src.kind, person: src.person, plan: src.plan, amount: g})
		}
	}
	e.lpPlan = plan
	// Rounding down may leave the goal a few dollars short: top up the last
	// source in use, a dollar, then two, four... at most about $1,000.
	last := -1
	for i := range plan {
		if plan[i].amount > 0 {
			last = i
		}
	}
	if last < 0 {
		return candidate{}, false
	}
	base := plan[last].amount
	for add := money.Cents(0); add <= 1024*money.Dollar; add = max(money.Dollar, add*2) {
		plan[last].amount = base + add
		if n, ok := e.scoreExplicit(plan, s, idx); ok {
			n.explicit = plan // e's buffer: whoever keeps n copies it
			return n, true
		}
	}
	return candidate{}, false
}
