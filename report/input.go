package report

import (
	"github.com/rothpath/optimize/money"
	"github.com/rothpath/optimize/objective"
	"github.com/rothpath/optimize/scenario"
	"github.com/rothpath/optimize/search"
)

// InputFor gathers what a plan report needs from the scenario answered and
// its result: the household (labels, explanations), each plan's whole
// balance (for "full distribution" wording), the bracket figures of the
// year chart and the state income tax of the residence.
func InputFor(sc *scenario.Scenario, res *search.Result) Input {
	return Input{
		Scenario:   sc.Name,
		Goal:       sc.Goal.Convert,
		Result:     res,
		PlanTotals: PlanTotals(sc),
		Brackets:   BracketsFor(sc),
		State:      stateFor(sc),
		Household:  sc,
	}
}

// stateFor is the state income tax the report shows beside the federal
// figures: nil without a residence (or with a flat state_tax_rate). The
// search has already built the same model, so an error cannot happen here;
// were it to, the report would show no state section rather than fail.
func stateFor(sc *scenario.Scenario) *StateTax {
	st, err := StateFigures(sc)
	if err != nil {
		return nil
	}
	return st
}

// PlanTotals maps each plan to its whole balance, so that the report can
// call a distribution of all of it a full distribution.
func PlanTotals(sc *scenario.Scenario) map[string]money.Cents {
	m := map[string]money.Cents{}
	for _, p := range sc.People {
		for _, a := range p.Accounts {
			if a.Kind.IsPlan() {
				m[a.ID] = a.NonRothBalance() + a.DesignatedRoth
			}
		}
	}
	return m
}

// statusIdx is the index of a filing status in objective.YearParams'
// per-status arrays (the order of objective's parameter files).
func statusIdx(s scenario.FilingStatus) (int, bool) {
	for i, v := range []scenario.FilingStatus{scenario.Single, scenario.MarriedJoint, scenario.MarriedSeparate,
		scenario.HeadOfHousehold, scenario.QualifyingSurvivingSpouse} {
		if v == s {
			return i, true
		}
	}
	return 0, false
}

// BracketsFor places each year's added income in the brackets for the HTML
// chart: the baseline ordinary taxable income is where it starts; the part
// the unused deduction absorbs is a 0% band below the first bracket.
func BracketsFor(sc *scenario.Scenario) BracketsFunc {
	st, ok := statusIdx(sc.FilingStatus)
	if !ok {
		return nil
	}
	return func(year int, added money.Cents) (YearBrackets, bool) {
		p, err := objective.ParamsFor(year, sc.Assumptions.Inflation)
		if err != nil {
			return YearBrackets{}, false
		}
		f := objective.Filer{Status: sc.FilingStatus}
		for _, person := range sc.People {
			if person.Is65By(year) {
				f.Over65++
			}
		}
		in := sc.IncomeFor(year)
		base := objective.Income{Wages: in.Wages, OtherOrdinary: in.OtherOrdinary, QualifiedDividends: in.QualifiedDividends,
			LongTermGains: in.LongTermGains, SocialSecurity: in.SocialSecurity, ItemizedDeductions: in.ItemizedDeductions}
		with := base
		with.OtherOrdinary += added
		b0, b1 := objective.Tax(p, f, base), objective.Tax(p, f, with)
		absorbed := money.Max(0, added-(b1.OrdinaryTaxable-b0.OrdinaryTaxable))
		return placeAdded(p.Brackets[st], b0.OrdinaryTaxable, absorbed, len(p.Projected) > 0), true
	}
}

// placeAdded lays the brackets out so that the added income, starting at
// base, first crosses a 0% band as wide as the deduction it absorbs, then the
// brackets from base upward.
func placeAdded(s objective.Schedule, base, absorbed money.Cents, projected bool) YearBrackets {
	yb := YearBrackets{Base: base, Projected: projected}
	floor := money.Cents(0)
	for k := range objective.MaxBrackets {
		rate := float64(s.RateBP[k]) / 10000
		top := money.Cents(-1)
		if k < objective.MaxBrackets-1 {
			top = s.Top[k]
		}
		switch {
		case absorbed > 0 && floor <= base && (top < 0 || base < top):
			// The bracket holding base: split by the 0% band.
			yb.Brackets = append(yb.Brackets, Bracket{Floor: floor, Rate: rate},
				Bracket{Floor: base, Rate: 0}, Bracket{Floor: base + absorbed, Rate: rate})
		case floor > base:
			yb.Brackets = append(yb.Brackets, Bracket{Floor: floor + absorbed, Rate: rate})
		default:
			yb.Brackets = append(yb.Brackets, Bracket{Floor: floor, Rate: rate})
		}
		floor = top
	}
	return yb
}
