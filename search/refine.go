package search

import "github.com/rothpath/optimize/money"

// refineSteps are the amounts, in dollars, the refiner moves between two
// of a plan's (year, source) cells.
var refineSteps = [...]int64{10000, 1000, 100, 20, 5, 2, 1}

// refineBudget bounds the exact replays of the refiner's coordinate moves
// for one plan, and pairScanBudget those of its pair scan.
const (
	refineBudget   = 600
	pairScanBudget = 4000
	// pairScanDollars is how far the pair scan moves money between two
	// cells, a dollar at a time: wider than the period over which the
	// rounding of a year's tax at the cent repeats for the usual rates.
	pairScanDollars = 100
	// consolidateBelow: a cell moving at most this much is tried merged
	// into another.
	consolidateBelow = 1000 * money.Dollar
)

// refine improves the structure's best plan by moving whole dollars
// between its (year, source) cells, each move replayed exactly and kept
// when it lowers the cost and still reaches the goal (a move out of one
// cell into another, the second cell taking the goal's shortfall). With
// thorough, it then scans every pair of cells a dollar at a time over
// pairScanDollars in both directions, for the plan whose cents round
// best. It is the search's one refiner: a heuristic for the plan, which
// the bounds do not rest on.
func (d *diver) refine(thorough bool) {
	if !d.haveBest {
		return
	}
	d.loadBest()
	type cell struct{ u, j int }
	var cells []cell
	for u := range d.views {
		for j := range d.views[u].src {
			cells = append(cells, cell{u, j})
		}
	}
	budget := refineBudget
	// try moves step from cell a to cell b (the receiving cell also takes
	// what the goal then lacks) and keeps the plan when it is cheaper.
	try := func(a, b cell, step money.Cents) bool {
		if budget <= 0 || d.p.stop() {
			return false
		}
		fa, ta := d.amounts[a.u][a.j], d.amounts[b.u][b.j]
		capTo := d.views[b.u].caps[b.j]
		if fa < step || ta >= capTo {
			return false
		}
		d.amounts[a.u][a.j] = fa - step
		d.amounts[b.u][b.j] = snap(ta+step, 0, capTo)
		budget--
		cost, conv, ok := d.replay()
		if ok && conv < d.p.goal {
			d.amounts[b.u][b.j] = snap(wholeUp(d.amounts[b.u][b.j]+d.p.goal-conv), 0, capTo)
			budget--
			cost, conv, ok = d.replay()
		}
		if ok && conv >= d.p.goal && cost < d.best.cost {
			d.take(d.plan(cost, conv))
			return true
		}
		d.amounts[a.u][a.j], d.amounts[b.u][b.j] = fa, ta
		return false
	}
	// trim takes step off cell a alone, kept when the goal is still met
	// and the plan is cheaper (a surplus left by rounding).
	trim := func(a cell, step money.Cents) bool {
		if budget <= 0 || d.p.stop() {
			return false
		}
		fa := d.amounts[a.u][a.j]
		if fa < step {
			return false
		}
		d.amounts[a.u][a.j] = fa - step
		budget--
		if cost, conv, ok := d.replay(); ok && conv >= d.p.goal && cost < d.best.cost {
			d.take(d.plan(cost, conv))
			return true
		}
		d.amounts[a.u][a.j] = fa
		return false
	}
	for improved := true; improved && budget > 0; {
		improved = false
		for _, a := range cells {
			for st := money.Dollar; budget > 0 && trim(a, st); {
				improved = true
			}
		}
		for _, st := range refineSteps {
			for _, a := range cells {
				for _, b := range cells {
					if a != b && budget > 0 {
						for try(a, b, money.Cents(st)*money.Dollar) {
							improved = true
						}
					}
				}
			}
		}
	}
	// Fewer steps at no cost: a cell's whole amount moved to another
	// (a client is spared a move of a few dollars).
	for _, a := range cells {
		fa := d.amounts[a.u][a.j]
		if fa == 0 || fa > consolidateBelow {
			continue
		}
		for _, b := range cells {
			if a == b || d.amounts[b.u][b.j] == 0 || budget <= 0 || d.p.stop() {
				continue
			}
			tb := d.amounts[b.u][b.j]
			capTo := d.views[b.u].caps[b.j]
			d.amounts[a.u][a.j] = 0
			d.amounts[b.u][b.j] = snap(tb+fa, 0, capTo)
			budget--
			if cost, conv, ok := d.replay(); ok && conv >= d.p.goal && cost <= d.best.cost {
				d.best = d.plan(cost, conv) // no dearer, and a step fewer
				break
			}
			d.amounts[a.u][a.j], d.amounts[b.u][b.j] = fa, tb
		}
	}
	if !thorough {
		return
	}
	budget = pairScanBudget
	for _, a := range cells {
		for _, b := range cells {
			if a == b || budget <= 0 {
				continue
			}
			d.loadBest()
			base := d.amounts[a.u][a.j]
			for k := int64(1); k <= pairScanDollars && budget > 0; k++ {
				step := money.Cents(k) * money.Dollar
				if base < step {
					break
				}
				if try(a, b, step) {
					base = d.amounts[a.u][a.j]
					k = 0
				}
			}
		}
	}
}

// loadBest loads the structure's best plan into d.amounts, by the views'
// sources (a pooled source takes its members' amounts).
func (d *diver) loadBest() {
	for u := range d.views {
		v := &d.views[u]
		d.amounts[u] = d.amounts[u][:0]
		for _, s := range v.src {
			a := money.Cents(0)
			for _, sa := range d.best.amounts[u] {
				if sa.slot == s.slot {
					a = sa.amount
				}
				for _, m := range s.members {
					if sa.slot == slotOf(m) {
						a += sa.amount
					}
				}
			}
			d.amounts[u] = append(d.amounts[u], a)
		}
	}
}
