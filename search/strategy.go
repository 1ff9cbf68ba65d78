package search

import (
	"fmt"

	"github.com/rothpath/optimize/money"
	"github.com/rothpath/optimize/objective"
	"github.com/rothpath/optimize/rules"
)

// output turns plans into strategies, off the hot path: it allocates
// freely.
type output struct {
	p      *prepared
	st     rules.State
	ledger rules.Ledger
	cost   objective.Cost
}

func newOutput(p *prepared) *output {
	o := &output{p: p}
	o.ledger.Years = make([]rules.YearResult, 0, p.horizon)
	return o
}

// errMismatch reports a plan whose exact replay does not cost what the
// search scored: a defect of the search, never of the input.
var errMismatch = fmt.Errorf("search: internal error: a plan's replay does not match its score")

// strategy replays structure idx's plan with every move recorded and
// returns it as a Strategy.
func (o *output) strategy(idx int, pl *plan) (Strategy, error) {
	var s structure
	o.p.enum.at(idx, &s)
	var steps []Step
	var reqs []rules.Requires
	var from []string
	err := o.replay(&s, pl, func(m *rules.Move, e *rules.Effect) {
		st := Step{Year: e.Year, Kind: m.Kind, From: e.From, CashUsed: e.CashUsed, Rule: e.Rule}
		for _, dd := range e.Destinations() {
			st.To = append(st.To, Destination{Account: dd.Account, Amount: dd.Amount, Taxable: dd.Taxable})
		}
		steps = append(steps, st)
		reqs = append(reqs, e.Requires)
		from = append(from, e.From)
	})
	if err != nil {
		return Strategy{}, fmt.Errorf("%w: %w", errMismatch, err)
	}
	o.p.model.CostInto(&o.ledger, &o.cost)
	if o.cost.PresentValue != pl.cost {
		return Strategy{}, fmt.Errorf("%w: structure %d scored %s, replayed %s", errMismatch, idx, pl.cost, o.cost.PresentValue)
	}
	out := o.summary(steps)
	out.Requires = requirements(reqs, from)
	out.Warnings = o.warnings(&out)
	return out, nil
}

// replay carries out the plan on a fresh copy of the household, calling
// record (when not nil) with each move and its effect.
func (o *output) replay(s *structure, pl *plan, record func(*rules.Move, *rules.Effect)) error {
	p := o.p
	st := &o.st
	p.base.CopyTo(st)
	o.ledger.Years = o.ledger.Years[:0]
	var e rules.Effect
	var ms []rules.Move
	var srcs []rules.Source
	apply := func() error {
		for i := range ms {
			if err := st.Apply(&ms[i], &e); err != nil {
				return err
			}
			if record != nil {
				record(&ms[i], &e)
			}
		}
		return nil
	}
	for u := 0; u < p.horizon; u++ {
		ms = s.actionMoves(ms[:0], st, u)
		if err := apply(); err != nil {
			return err
		}
		srcs = st.Sources(srcs, s.rollIns(u))
		for _, src := range srcs {
			g := money.Cents(0)
			for _, a := range pl.amounts[u] {
				if a.slot == slotOf(src) {
					g = a.amount
				}
			}
			g = min(g, st.Cap(src))
			ms = st.SourceMoves(ms[:0], src, g)
			if err := apply(); err != nil {
				return err
			}
		}
		o.ledger.Years = append(o.ledger.Years, rules.YearResult{})
		st.CloseYear(st.OpenYear(), &o.ledger.Years[u])
	}
	o.ledger.BasisLeft = st.BasisLeft()
	return nil
}

// summary fills a strategy's figures from the ledger and cost just made.
func (o *output) summary(steps []Step) Strategy {
	c := &o.cost
	out := Strategy{
		TotalTax: c.Total, FederalTax: c.Federal, StateTax: c.State, Penalty: c.Penalty, IRMAA: c.IRMAA,
		PresentValue: c.PresentValue, BasisLeft: o.ledger.BasisLeft,
	}
	o.settleConversions(steps)
	order := 0
	for i := range steps {
		if i == 0 || steps[i].Year != steps[i-1].Year {
			order = 0
		}
		order++
		steps[i].Order = order
	}
	out.Steps = steps
	for y := range o.ledger.Years {
		r := &o.ledger.Years[y]
		out.Converted += r.Converted
		out.Taxable += r.AddedOrdinary
		out.BasisToRoth += r.BasisToRoth
		out.CashNeeded += r.CashUsed
		yc := &c.Years[y]
		yr := Year{Year: r.Year, AddedTaxable: r.AddedOrdinary, AddedTax: yc.Total, MarginalRate: yc.MarginalRate}
		for k := 0; k < o.st.NumPeople(); k++ {
			f := &r.Form8606[k]
			if !f.Filed {
				continue
			}
			yr.Form8606 = append(yr.Form8606, Form8606Lines{Person: o.st.PersonID(k),
				Line6: f.Line6, Line9: f.Line9, Line10: f.Line10, Line13: f.Line13, Line14: f.Line14, Line18: f.Line18})
		}
		out.Years = append(out.Years, yr)
	}
	return out
}

// settleConversions fills in the taxable part of each IRA conversion from
// its year's Form 8606: line 10 applied to each conversion, the last one of
// the person's year taking what rounding leaves so the parts add up to
// line 18.
func (o *output) settleConversions(steps []Step) {
	for y := range o.ledger.Years {
		r := &o.ledger.Years[y]
		for k := 0; k < o.st.NumPeople(); k++ {
			f := &r.Form8606[k]
			id := o.st.IRAID(k)
			last := -1
			var sumTax money.Cents
			for i := range steps {
				st := &steps[i]
				if st.Year != r.Year || st.Kind != rules.IRAConversion || st.From != id || len(st.To) == 0 {
					continue
				}
				amt := st.To[0].Amount
				st.To[0].Taxable = amt - f.Line10.Apply(amt)
				sumTax += st.To[0].Taxable
				last = i
			}
			if last >= 0 {
				steps[last].To[0].Taxable += f.Line18 - sumTax
			}
		}
	}
}

// requirements lists, once each, what the strategy needs of each account.
func requirements(reqs []rules.Requires, from []string) []Requirement {
	var out []Requirement
	seen := map[Requirement]bool{}
	for i, r := range reqs {
		r.Each(func(bit rules.Requires) {
			q := Requirement{Account: from[i], Need: bit}
			if !seen[q] {
				seen[q] = true
				out = append(out, q)
			}
		})
	}
	return out
}
