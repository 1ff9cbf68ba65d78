package search

import (
	"github.com/rothpath/optimize/money"
	"github.com/rothpath/optimize/rules"
)

// strategy replays a ranked candidate with recording on and turns it into a
// Strategy a client can carry out. This is output, off the hot path: it
// allocates freely.
func (e *evaluator) strategy(c *candidate, en *enumerator) (Strategy, error) {
	var s structure
	en.at(c.idx, &s)
	if err := e.replay(&s, false); err != nil { // refresh the probes
		return Strategy{}, err
	}
	e.fres.gross = append(e.fres.gross[:0], c.gross...)
	e.explicit = c.explicit
	defer func() { e.explicit = nil }()
	var steps []Step
	var reqs []rules.Requires
	var reqFrom []string
	e.record = func(m *rules.Move, eff *rules.Effect) {
		st := Step{Year: eff.Year, Kind: m.Kind, From: eff.From,
			CashUsed: eff.CashUsed, Rule: eff.Rule}
		for _, d := range eff.Destinations() {
			st.To = append(st.To, Destination{Account: d.Account, Amount: d.Amount, Taxable: d.Taxable})
		}
		if m.Kind == rules.IRAConversion {
			st.From = e.st.People[m.Person].IRAID
		}
		steps = append(steps, st)
		reqs = append(reqs, eff.Requires)
		reqFrom = append(reqFrom, eff.From)
	}
	err := e.replay(&s, true)
	e.record = nil
	if err != nil {
		return Strategy{}, err
	}
	e.model.CostInto(&e.ledger, &e.cost)
	e.settleConversions(steps)
	out := Strategy{
		TotalTax:     e.cost.Total,
		FederalTax:   e.cost.Federal,
		StateTax:     e.cost.State,
		Penalty:      e.cost.Penalty,
		IRMAA:        e.cost.IRMAA,
		PresentValue: e.cost.PresentValue,
		BasisLeft:    e.ledger.BasisLeft,
	}
	order := 0
	for i := range steps {
		if i == 0 || steps[i].Year != steps[i-1].Year {
			order = 0
		}
		order++
		steps[i].Order = order
	}
	out.Steps = steps
	for y := range e.ledger.Years {
		r := &e.ledger.Years[y]
		out.Converted += r.Converted
		out.Taxable += r.AddedOrdinary
		out.BasisToRoth += r.BasisToRoth
		out.CashNeeded += r.CashUsed
		yc := &e.cost.Years[y]
		yr := Year{Year: r.Year, AddedTaxable: r.AddedOrdinary, AddedTax: yc.Total, MarginalRate: yc.MarginalRate}
		for k := 0; k < e.st.NPeople; k++ {
			f := &r.Form8606[k]
			if !f.Filed {
				continue
			}
			yr.Form8606 = append(yr.Form8606, Form8606Lines{Person: e.st.People[k].ID,
				Line6: f.Line6, Line9: f.Line9, Line10: f.Line10, Line13: f.Line13, Line14: f.Line14, Line18: f.Line18})
		}
		out.Years = append(out.Years, yr)
	}
	out.Requires = requirements(reqs, reqFrom)
	out.Warnings = e.warnings(&out)
	return out, nil
}

// settleConversions fills in the taxable part of each IRA conversion from
// its year's Form 8606: line 10 applied to each conversion, the last one of
// the person's year taking what rounding leaves so the parts add up to
// line 18.
func (e *evaluator) settleConversions(steps []Step) {
	for y := range e.ledger.Years {
		r := &e.ledger.Years[y]
		for k := 0; k < e.st.NPeople; k++ {
			f := &r.Form8606[k]
			id := e.st.People[k].IRAID
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
