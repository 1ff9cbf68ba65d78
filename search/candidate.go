package search

import (
	"slices"

	"github.com/rothpath/optimize/money"
)

// evalStatus says what became of a structure.
type evalStatus uint8

const (
	evalScored  evalStatus = iota // a strategy meeting the goal, scored exactly
	evalPruned                    // its lower bound cannot beat the best so far
	evalInvalid                   // a move it needs is not allowed
	evalShort                     // it cannot reach the goal
)

// maxRefills bounds the re-solves when a fill's shares or capacities move
// because earlier years' conversions change later years' Form 8606 ratio
// (an IRA that receives a rollover after conversions) or balance.
const maxRefills = 4

// evaluate scores structure s: probe it, bound it, fill it exactly, and
// replay the fill through the rules engine for the exact cost. The returned
// candidate's gross slice belongs to the evaluator until cloned.
func (e *evaluator) evaluate(s *structure, idx int, bound money.Cents) (candidate, evalStatus) {
	e.lastReach = 0
	if !e.enum.plausible(s) {
		return candidate{}, evalInvalid
	}
	if err := e.replay(s, false); err != nil {
		return candidate{}, evalInvalid
	}
	e.evaluations++
	// Lower bound: the structure's own income is unavoidable and costs only
	// grow with added income.
	var lb, conv money.Cents
	for y := range e.probes {
		p := &e.probes[y]
		lb += e.model.YearCost(y, p.fixed, p.penalty).Discounted
		conv += p.conv
	}
	e.buildFill()
	// The most this structure can convert: its own amount plus every
	// year's sources up to the year's limit; nothing when its own income
	// already breaks a year's limit. (An upper estimate: a source feeding
	// several years is counted in each.)
	reach := conv
	for y := range e.fy {
		g := e.fy[y].maxGross()
		if g < 0 {
			reach = 0
			break
		}
		reach += e.fy[y].conv(g)
	}
	e.lastReach = reach
	if lb > bound {
		return candidate{}, evalPruned
	}
	need := e.goal - conv
	var best candidate
	found, converged, drained := false, false, false
	for try := 0; try < maxRefills; try++ {
		e.fill.solve(e.fy, need, &e.fres)
		if !e.fres.ok {
			break
		}
		// The same fill as the last try replays the same, so every further
		// try would repeat it: a fixed point short of convergence.
		if try > 0 && slices.Equal(e.fres.gross, e.prevGross) {
			break
		}
		e.prevGross = append(e.prevGross[:0], e.fres.gross...)
		if err := e.replay(s, true); err != nil {
			break
		}
		e.evaluations++
		c, met := e.scoreReplay(idx)
		drained = drained || e.drained
		if met && (!found || c.less(&best)) {
			e.bestGross = append(e.bestGross[:0], e.fres.gross...)
			best, found = c, true
		}
		// The replay refreshed each year's sources with the earlier years'
		// conversions in place. When those sources predict exactly what the
		// replay found, the fill was solved on the true shares: done.
		e.buildFill()
		if met && e.predicted() == e.cost.PresentValue {
			converged = true
			break
		}
	}
	// Where the years are coupled beyond what the fill models (a source
	// emptied early, a roll-in whose size depends on earlier conversions),
	// the fill may ration badly or miss the goal: the linear programme then
	// proposes a plan of its own (lpCandidate). Not once the search must
	// stop: its simplex is bounded by a pivot cap, not by the clock.
	if e.sc.HorizonYears >= 2 && (!found || !converged || drained || s.later()) && !e.stopped() {
		if n, ok := e.lpCandidate(s, idx); ok && (!found || n.less(&best)) {
			return n, evalScored
		}
	}
	if !found && reach >= e.goal && !e.stopped() {
		if c, ok := e.greedyCandidate(s, idx); ok {
			if !e.greedyUsed || lb < e.greedyLB {
				e.greedyLB = lb
			}
			e.greedyUsed = true
			return c, evalScored
		}
	}
	if !found {
		return candidate{}, evalShort
	}
	best.gross = e.bestGross
	return best, evalScored
}

// greedyCandidate is the plan of last resort for a structure whose exact
// fill never met the goal although converting everything could: each year
// converts all its sources hold within its limit until the goal is met.
// The fill assumes each year's sources as the structure alone leaves them;
// with the goal near the most that can be converted, conversions that
// empty an account early (and forgo its growth) can leave every refill
// short, while this plan meets the goal. It is scored exactly but not
// proven cheapest: unless the structure's lower bound (greedyLB) shows it
// cannot reach the top, the search then says its ranking is not proven.
func (e *evaluator) greedyCandidate(s *structure, idx int) (candidate, bool) {
	n := e.sc.HorizonYears
	if cap(e.fres.gross) < n {
		e.fres.gross = make([]money.Cents, n)
	}
	e.fres.gross = e.fres.gross[:n]
	e.maxFill, e.greedy = true, true
	err := e.replay(s, true)
	e.maxFill, e.greedy = false, false
	if err != nil {
		return candidate{}, false
	}
	e.evaluations++
	c, ok := e.scoreReplay(idx)
	if !ok {
		return candidate{}, false
	}
	e.bestGross = append(e.bestGross[:0], e.fres.gross...)
	c.gross = e.bestGross
	return c, true
}

// greedyGross is year y's gross under greedyCandidate: all of max, the most
// the year can convert, or the least that meets what the goal still needs
// after earlier years and the structure's own conversion this year. It is
// recorded as the year's fill, so the plan replays as any other.
func (e *evaluator) greedyGross(y int, max money.Cents) money.Cents {
	g := money.Cents(0)
	if left := e.goal - e.greedyDone - e.probes[y].conv; left > 0 {
		g = money.Min(max, e.fy[y].minGrossForConv(left, max))
	}
	e.fres.gross[y] = g
	return g
}

// scoreReplay scores the last replay of structure idx exactly; met is
// false when it converted less than the goal or broke a year's limit.
func (e *evaluator) scoreReplay(idx int) (c candidate, met bool) {
	e.model.CostInto(&e.ledger, &e.cost)
	return e.ledgerCandidate(idx, e.cost.PresentValue)
}

// ledgerCandidate is the last replay of structure idx as a candidate whose
// objective is pv; met is false when it converted less than the goal or
// broke a year's limit.
func (e *evaluator) ledgerCandidate(idx int, pv money.Cents) (c candidate, met bool) {
	var got, cash money.Cents
	for y := range e.ledger.Years {
		got += e.ledger.Years[y].Converted
		cash += e.ledger.Years[y].CashUsed
	}
	c = candidate{idx: idx, objective: pv, basisLeft: e.ledger.BasisLeft, cash: cash, steps: e.nmoves}
	return c, got >= e.goal && e.withinLimits()
}

// withinLimits reports whether the last replay kept every year's added
// income within the limits the constraints set (max_marginal_rate, irmaa:
// avoid). The fill plans within them, but a replay can differ from the plan
// (a source an earlier year emptied, a share moved by rounding), so every
// replay that is to be kept is checked.
func (e *evaluator) withinLimits() bool {
	for y := range e.ledger.Years {
		if lim := e.yearLimit(y); lim >= 0 && e.ledger.Years[y].AddedOrdinary > lim {
			return false
		}
	}
	return true
}

// yearLimit is the most added income year y may have; negative: no limit.
func (e *evaluator) yearLimit(y int) money.Cents { return e.limits[y] }

// computeLimit derives year y's limit from the constraints (once).
func (e *evaluator) computeLimit(y int) money.Cents {
	lim := money.Cents(-1)
	if e.limitRate > 0 {
		lim = e.model.MaxAddedAtRate(y, e.limitRate)
	}
	if e.avoidIRMAA {
		if h := e.model.IRMAAHeadroom(y); lim < 0 || h < lim {
			lim = h
		}
	}
	return lim
}

// predicted is the objective the fill's model gives for the current fill.
func (e *evaluator) predicted() money.Cents {
	var c money.Cents
	for y := range e.fy {
		c += e.fy[y].cost(e.fy[y].taxable(e.fres.gross[y]))
	}
	return c
}
