package search

import (
	"fmt"
	"strings"

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
		st := Step{Year: eff.Year, Action: m.Kind.Action(), From: eff.From,
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
		steps[i].Text = stepText(&steps[i])
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
				if st.Year != r.Year || st.Action != "ira_conversion" || st.From != id || len(st.To) == 0 {
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
func requirements(reqs []rules.Requires, from []string) []string {
	var out []string
	seen := map[string]bool{}
	for i, r := range reqs {
		r.Each(func(bit rules.Requires) {
			s := from[i] + ": " + bit.Text()
			if !seen[s] {
				seen[s] = true
				out = append(out, s)
			}
		})
	}
	return out
}

// stepText says a step in words a client can carry out.
func stepText(s *Step) string {
	var b strings.Builder
	dests := func() string {
		parts := make([]string, len(s.To))
		for i, d := range s.To {
			parts[i] = fmt.Sprintf("%s to %s", d.Amount.Grouped(), d.Account)
			if d.Taxable > 0 {
				parts[i] += fmt.Sprintf(" (%s taxable)", d.Taxable.Grouped())
			}
		}
		return strings.Join(parts, ", ")
	}
	total := func() money.Cents {
		var t money.Cents
		for _, d := range s.To {
			t += d.Amount
		}
		return t
	}
	switch s.Action {
	case "ira_conversion":
		fmt.Fprintf(&b, "Convert %s from %s to Roth: %s.", total().Grouped(), s.From, dests())
	case "split_rollover":
		fmt.Fprintf(&b, "Ask the plan for a full distribution of %s, split by direct rollover in one request: %s.", s.From, dests())
	case "subaccount_split_rollover":
		fmt.Fprintf(&b, "Ask the plan to distribute the whole after-tax subaccount of %s, split by direct rollover: %s.", s.From, dests())
	case "plan_to_roth":
		fmt.Fprintf(&b, "Ask the plan to roll %s from %s directly to a Roth IRA: %s.", total().Grouped(), s.From, dests())
	case "indirect_rollover":
		fmt.Fprintf(&b, "Take a distribution of %s paid to you (the plan withholds 20%% of its pre-tax part); within 60 days roll over %s, using %s of your own cash to replace the withholding.", s.From, dests(), s.CashUsed.Grouped())
	case "pre1987_to_roth":
		fmt.Fprintf(&b, "Ask the plan to distribute the pre-1987 after-tax money of %s directly to a Roth IRA: %s.", s.From, dests())
	case "in_plan_roth_rollover":
		fmt.Fprintf(&b, "Ask the plan for an in-plan Roth rollover within %s: %s.", s.From, dests())
	case "ira_roll_in":
		fmt.Fprintf(&b, "Roll the pre-tax money of %s into the employer plan: %s. Basis stays in the IRA.", s.From, dests())
	case "designated_roth_rollover":
		fmt.Fprintf(&b, "Roll the designated Roth money of %s directly to a Roth IRA: %s (not a conversion).", s.From, dests())
	case "cash_out":
		fmt.Fprintf(&b, "Take a cash distribution from %s: %s.", s.From, dests())
	default:
		fmt.Fprintf(&b, "%s from %s: %s.", s.Action, s.From, dests())
	}
	return b.String()
}
