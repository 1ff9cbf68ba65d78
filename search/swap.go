package search

import "github.com/rothpath/optimize/money"

// Swap refinement. The fill splits each year's gross across the year's
// sources best share first, which is exact while no source runs dry. When
// one does (a spouse's basis-rich IRA emptied in the first year, say), the
// best plan can spread it over the years instead: the first year then takes
// some of a dearer source and the second some of the cheaper one, evening out
// the years' taxable income. swapPolish searches that by trading d dollars of
// one source from year a to year b against d dollars of another from b to a
// (each year's total unchanged, its taxable part moved), for d halving from
// the largest amount to a dollar, every trade checked by an exact replay. It
// runs only when the candidate's fill emptied a source. Once the search must
// stop it does nothing, or keeps the trades it has made.
func (e *evaluator) swapPolish(c *candidate, s *structure) {
	if e.sc.HorizonYears < 2 || e.stopped() || e.replay(s, false) != nil {
		return
	}
	if c.explicit != nil {
		// Start from the plan lpCandidate found.
		e.captured = append(e.captured[:0], c.explicit...)
		if e.replay(s, false) != nil {
			return
		}
		e.explicit = c.explicit
		err := e.replay(s, true) // sources as they stand with that plan
		e.explicit = nil
		if err != nil {
			return
		}
	} else {
		e.fres.gross = append(e.fres.gross[:0], c.gross...)
		e.capture, e.captured = true, e.captured[:0]
		err := e.replay(s, true)
		e.capture = false
		if err != nil || !e.drained {
			return
		}
	}
	// Every source of every year, with the amount the fill took from it.
	var plan []srcAmount
	for y := range e.probes {
		for j := range e.probes[y].src {
			src := &e.probes[y].src[j]
			a := srcAmount{year: y, kind: src.kind, person: src.person, plan: src.plan}
			for _, got := range e.captured {
				if got.year == y && got.is(src) {
					a.amount += got.amount
				}
			}
			plan = append(plan, a)
		}
	}
	best := *c
	trial := make([]srcAmount, len(plan))
	var top money.Cents
	for _, a := range plan {
		top = money.Max(top, a.amount)
	}
	d := money.Dollar
	for d*2 <= top {
		d *= 2
	}
trades:
	for ; d >= money.Dollar; d /= 2 {
		for improved := true; improved; {
			improved = false
			for p := range plan { // source s, year a: gives d
				for q := range plan { // source s, year b: takes d
					if plan[p].amount < d || plan[q].year == plan[p].year || !sameSource(&plan[p], &plan[q]) {
						continue
					}
					if e.stopped() {
						break trades
					}
					for r := range plan { // source t, year b: gives d
						if plan[r].year != plan[q].year || sameSource(&plan[r], &plan[p]) || plan[r].amount < d {
							continue
						}
						for u := range plan { // source t, year a: takes d
							if plan[u].year != plan[p].year || !sameSource(&plan[u], &plan[r]) {
								continue
							}
							copy(trial, plan)
							trial[p].amount -= d
							trial[q].amount += d
							trial[r].amount -= d
							trial[u].amount += d
							if n, ok := e.scoreExplicit(trial, s, c.idx); ok && n.less(&best) {
								n.explicit = append([]srcAmount(nil), trial...)
								best = n
								copy(plan, trial)
								improved = true
							}
						}
					}
				}
			}
		}
	}
	if best.explicit != nil {
		*c = best
	}
}

func sameSource(a, b *srcAmount) bool {
	return a.kind == b.kind && a.person == b.person && a.plan == b.plan
}

// scoreExplicit replays structure s with amounts per source and scores it;
// ok is false when a source cannot give its amount, the goal is missed or a
// year's limit is broken.
func (e *evaluator) scoreExplicit(plan []srcAmount, s *structure, idx int) (candidate, bool) {
	e.explicit = plan
	err := e.replay(s, true)
	e.explicit = nil
	if err != nil {
		return candidate{}, false
	}
	return e.scoreReplay(idx)
}
