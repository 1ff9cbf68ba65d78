package search

import (
	"github.com/rothpath/optimize/money"
	"github.com/rothpath/optimize/objective"
)

// buildFill turns the probes into the fill problem: each year's sources,
// the structure's own income, the limits the constraints set, the year's
// cost and its breakpoints. The cost closures are made once per evaluator,
// so this allocates nothing once the buffers are sized.
func (e *evaluator) buildFill() {
	if e.costFns == nil {
		e.costFns = make([]func(money.Cents) money.Cents, len(e.fy))
		e.curves = make([]objective.Curve, len(e.fy))
		for y := range e.fy {
			y := y
			// The year's curve equals YearCost to the cent on [0, Max] and
			// costs a lookup instead of a tax computation.
			e.costFns[y] = func(added money.Cents) money.Cents {
				if c := &e.curves[y]; added >= 0 && added <= c.Max && len(c.Segments) > 0 {
					return e.model.Discount(y, c.At(added))
				}
				return e.model.YearCost(y, added, e.probes[y].penalty).Discounted
			}
		}
	}
	for y := range e.fy {
		p := &e.probes[y]
		f := &e.fy[y]
		f.src = p.src
		f.fixed = p.fixed
		f.cost = e.costFns[y]
		f.limit = e.yearLimit(y)
		hi := f.fixed
		for i := range f.src {
			hi += f.src[i].cap
		}
		e.model.CurveInto(y, p.penalty, hi, &e.curves[y])
		f.breaks = f.breaks[:0]
		for _, sg := range e.curves[y].Segments {
			f.breaks = append(f.breaks, sg.X)
		}
	}
}
