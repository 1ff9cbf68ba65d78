package search

import (
	"context"

	"github.com/rothpath/optimize/money"
	"github.com/rothpath/optimize/scenario"
)

// OracleResult is the brute-force optimum.
type OracleResult struct {
	Found       bool
	Objective   money.Cents     // the least objective (total tax, or its present value)
	Structure   int             // the structure that reaches it (the first in order on ties)
	Amounts     [][]money.Cents // per year, per continuous source in fill order
	Evaluations int
}

// Oracle finds the cheapest strategy the slow, obviously correct way: every
// structure the search enumerates, and for each, every amount in whole
// multiples of step (a dollar or more) of every continuous source in every
// year, each replayed through the rules engine and scored by the objective.
// One shortcut only: the last source considered takes the least amount that
// meets the goal, since added income never lowers a year's cost. It is meant
// for small households; the work grows as (balance/step)^(sources x years).
func Oracle(ctx context.Context, sc *scenario.Scenario, step money.Cents) (OracleResult, error) {
	if step < money.Dollar {
		step = money.Dollar
	}
	p, err := prepare(sc)
	if err != nil {
		return OracleResult{}, err
	}
	ev := newEvaluator(p)
	var res OracleResult
	var s structure
	for idx := 0; idx < p.n; idx++ {
		if ctx.Err() != nil {
			return res, ctx.Err()
		}
		p.enum.at(idx, &s)
		if !p.enum.plausible(&s) || ev.replay(&s, false) != nil {
			continue
		}
		// The zero-fill probe bounds every source: conversions only ever
		// lower later balances.
		var dims []oracleDim
		for y := range ev.probes {
			for j := range ev.probes[y].src {
				dims = append(dims, oracleDim{y: y, j: j, cap: ev.probes[y].src[j].cap})
			}
		}
		amounts := make([][]money.Cents, sc.HorizonYears)
		for y := range amounts {
			amounts[y] = make([]money.Cents, len(ev.probes[y].src))
		}
		ev.oracleWalk(&s, dims, 0, amounts, step, idx, &res)
	}
	return res, nil
}

type oracleDim struct {
	y, j int
	cap  money.Cents
}

func (e *evaluator) oracleWalk(s *structure, dims []oracleDim, d int, amounts [][]money.Cents, step money.Cents, idx int, res *OracleResult) {
	if len(dims) == 0 {
		e.oracleTry(s, amounts, idx, res)
		return
	}
	dim := dims[d]
	last := d == len(dims)-1
	for a := money.Cents(0); a <= dim.cap; a += step {
		amounts[dim.y][dim.j] = a
		if last {
			if ok, met := e.oracleTry(s, amounts, idx, res); !ok || met {
				break // the least amount meeting the goal, or past what exists
			}
			continue
		}
		e.oracleWalk(s, dims, d+1, amounts, step, idx, res)
	}
	amounts[dim.y][dim.j] = 0
}

// oracleTry replays the structure with the given amounts. ok is false when
// an amount exceeds what the source holds then; met says the goal was met.
func (e *evaluator) oracleTry(s *structure, amounts [][]money.Cents, idx int, res *OracleResult) (ok, met bool) {
	if err := e.replayAmounts(s, amounts); err != nil {
		return false, false
	}
	res.Evaluations++
	var got money.Cents
	for y := range e.ledger.Years {
		got += e.ledger.Years[y].Converted
	}
	if got < e.goal {
		return true, false
	}
	if !e.withinLimits() {
		return true, true // more of the last source only adds income
	}
	e.model.CostInto(&e.ledger, &e.cost)
	if !res.Found || e.cost.PresentValue < res.Objective {
		res.Found, res.Objective, res.Structure = true, e.cost.PresentValue, idx
		res.Amounts = make([][]money.Cents, len(amounts))
		for y := range amounts {
			res.Amounts[y] = append([]money.Cents(nil), amounts[y]...)
		}
	}
	return true, true
}

// errOracleCap reports an oracle amount beyond what a source holds.
type errOracleCap struct{}

func (errOracleCap) Error() string { return "search: oracle amount exceeds the source" }

// replayAmounts is replay with an amount for each source of each year.
func (e *evaluator) replayAmounts(s *structure, amounts [][]money.Cents) error {
	e.base.CopyTo(&e.st)
	e.nmoves = 0
	start := e.sc.StartYear
	for y := 0; y < e.sc.HorizonYears; y++ {
		year := start + y
		if err := e.structural(s, y, year); err != nil {
			return err
		}
		e.snapshot(s, y, year)
		src := e.probes[y].src
		for j, a := range amounts[y] {
			if a == 0 {
				continue
			}
			if j >= len(src) || a > src[j].cap {
				return errOracleCap{}
			}
			if err := e.applySource(&src[j], year, a); err != nil {
				return err
			}
		}
		if err := e.rollIns(s, y, year); err != nil {
			return err
		}
		e.st.CloseYear(year, &e.ledger.Years[y])
	}
	e.ledger.BasisLeft = e.st.BasisLeft()
	return nil
}
