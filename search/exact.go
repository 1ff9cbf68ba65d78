package search

import (
	"cmp"
	"slices"

	"github.com/rothpath/optimize/money"
)

// Exact polish. The fill's model takes each year's nontaxable share as fixed,
// but Form 8606 line 14 is rounded to the cent, so converting a dollar more
// in one year moves the next year's line 10 in its fifth decimal. Along a
// flat direction (two years at the same marginal cost) the model then misses
// a cent or two that the exact replay sees. exactPolish lets the model
// propose every shift between two years within polishWindow dollars that it
// thinks costs at most a cent a year more than the current fill, and checks
// the most promising exactPolishChecks of them by full replays, keeping each
// strict improvement. It runs on the candidates tied with the best.
const (
	exactPolishChecks = 400
	exactPolishRounds = 3
)

type shiftProposal struct {
	delta  money.Cents // model cost change
	a, b   int
	ga, gb money.Cents
}

// exactPolish improves c in place; c must be the evaluator's last replayed
// candidate's structure s with its exact cost.
func (e *evaluator) exactPolish(c *candidate, s *structure) {
	n := len(e.fy)
	if n < 2 {
		return
	}
	var props []shiftProposal
	for round := 0; round < exactPolishRounds; round++ {
		if e.replay(s, false) != nil {
			return
		}
		var conv money.Cents
		for y := range e.probes {
			conv += e.probes[y].conv
		}
		e.buildFill()
		need := e.goal - conv
		gross := append([]money.Cents(nil), c.gross...)
		props = props[:0]
		costs := make([]money.Cents, n)
		convs := make([]money.Cents, n)
		var total money.Cents
		for y := range e.fy {
			costs[y] = e.fy[y].cost(e.fy[y].taxable(gross[y]))
			convs[y] = e.fy[y].conv(gross[y])
			total += convs[y]
		}
		tol := money.Cents(n) // a cent a year
		for a := 0; a < n; a++ {
			hiA := e.fy[a].maxGross()
			for b := 0; b < n; b++ {
				if a == b {
					continue
				}
				hiB := e.fy[b].maxGross()
				rest := total - convs[a] - convs[b]
				for d := int64(-polishWindow); d <= polishWindow; d++ {
					ga := gross[a] + money.Cents(d)*money.Dollar
					if d == 0 || ga < 0 || ga > hiA {
						continue
					}
					miss := need - rest - e.fy[a].conv(ga)
					gb := money.Cents(0)
					if miss > 0 {
						hint := money.Max(gross[b]+miss-convs[b], 0)
						gb = e.fy[b].minGrossForConvNear(miss, hint, hiB)
					}
					if gb > hiB {
						continue
					}
					delta := e.fy[a].cost(e.fy[a].taxable(ga)) + e.fy[b].cost(e.fy[b].taxable(gb)) - costs[a] - costs[b]
					if delta <= tol {
						props = append(props, shiftProposal{delta, a, b, ga, gb})
					}
				}
			}
		}
		slices.SortStableFunc(props, func(x, y shiftProposal) int { return cmp.Compare(x.delta, y.delta) })
		if len(props) > exactPolishChecks {
			props = props[:exactPolishChecks]
		}
		improved := false
		trial := make([]money.Cents, n)
		for _, p := range props {
			copy(trial, gross)
			trial[p.a], trial[p.b] = p.ga, p.gb
			// The model's settle can fall a cent short of the goal: one more
			// dollar in b then.
			for extra := money.Cents(0); extra <= money.Dollar; extra += money.Dollar {
				trial[p.b] = p.gb + extra
				if n, ok := e.scoreExact(trial, s, c.idx); ok {
					if n.less(c) {
						n.gross = append([]money.Cents(nil), trial...)
						*c = n
						improved = true
					}
					break
				}
			}
		}
		if !improved {
			return
		}
	}
}

// scoreExact replays gross per year on structure s and scores it; ok is
// false when the goal is not met.
func (e *evaluator) scoreExact(gross []money.Cents, s *structure, idx int) (candidate, bool) {
	e.fres.gross = append(e.fres.gross[:0], gross...)
	if e.replay(s, true) != nil {
		return candidate{}, false
	}
	e.model.CostInto(&e.ledger, &e.cost)
	var got, cash money.Cents
	for y := range e.ledger.Years {
		got += e.ledger.Years[y].Converted
		cash += e.ledger.Years[y].CashUsed
	}
	if got < e.goal {
		return candidate{}, false
	}
	return candidate{idx: idx, objective: e.cost.PresentValue, basisLeft: e.ledger.BasisLeft, cash: cash, steps: e.nmoves}, true
}
