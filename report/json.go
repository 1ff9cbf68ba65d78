package report

import (
	"encoding/json"
	"io"

	"github.com/rothpath/optimize/money"
	"github.com/rothpath/optimize/rules"
	"github.com/rothpath/optimize/search"
)

// jsonMoney marshals as a string with exactly two decimals: "24014.00".
type jsonMoney money.Cents

func (m jsonMoney) MarshalJSON() ([]byte, error) {
	return []byte(`"` + money.Cents(m).String() + `"`), nil
}

// jsonRatio marshals Form 8606 line 10 as a string with five decimals.
type jsonRatio money.Ratio

func (r jsonRatio) MarshalJSON() ([]byte, error) {
	return []byte(`"` + money.Ratio(r).String() + `"`), nil
}

// The structs below follow the key order of the result format in
// docs/scenario.md; extra keys come after the specified ones.

type jsonResult struct {
	Scenario     string         `json:"scenario"`
	Goal         jsonGoal       `json:"goal"`
	BaselineTax  []jsonYearTax  `json:"baseline_tax"`
	Strategies   []jsonStrategy `json:"strategies"`
	Status       string         `json:"status"`
	MaxReachable *jsonMoney     `json:"max_reachable,omitempty"`
	Reason       string         `json:"reason,omitempty"`
	Obvious      *jsonStrategy  `json:"obvious,omitempty"`
	Saving       *jsonMoney     `json:"saving,omitempty"`
	Summary      string         `json:"summary,omitempty"`
	Stats        *jsonStats     `json:"stats,omitempty"`
	State        *jsonState     `json:"state_tax,omitempty"`
}

// jsonState is the state income tax of the residence.
type jsonState struct {
	Residence []jsonResidence `json:"residence"`
	Notes     []string        `json:"notes"`
}

type jsonResidence struct {
	Year            int        `json:"year"`
	State           string     `json:"state"`
	Leaving         string     `json:"leaving,omitempty"`
	Baseline        jsonMoney  `json:"baseline"`
	LeavingBaseline *jsonMoney `json:"leaving_baseline,omitempty"`
}

type jsonGoal struct {
	Convert jsonMoney `json:"convert"`
	Reached bool      `json:"reached"`
}

type jsonYearTax struct {
	Year    int       `json:"year"`
	Federal jsonMoney `json:"federal"`
}

type jsonStrategy struct {
	Rank         int        `json:"rank"`
	TotalTax     jsonMoney  `json:"total_tax"`
	FederalTax   jsonMoney  `json:"federal_tax"`
	StateTax     jsonMoney  `json:"state_tax"`
	Penalty      jsonMoney  `json:"penalty"`
	IRMAA        jsonMoney  `json:"irmaa"`
	PresentValue jsonMoney  `json:"present_value"`
	Converted    jsonMoney  `json:"converted"`
	Taxable      jsonMoney  `json:"taxable"`
	BasisToRoth  jsonMoney  `json:"basis_to_roth"`
	BasisLeft    jsonMoney  `json:"basis_left"`
	CashNeeded   jsonMoney  `json:"cash_needed"`
	Steps        []jsonStep `json:"steps"`
	Years        []jsonYear `json:"years"`
	Requires     []string   `json:"requires"`
	Warnings     []string   `json:"warnings"`
	// Variants: the same plan at other times or with a 60-day rollover,
	// within a dollar of its cost.
	Variants []jsonVariant `json:"variants,omitempty"`
}

// jsonVariant is a variant of a strategy: what differs, its cost and its
// steps.
type jsonVariant struct {
	Text         string     `json:"text"`
	TotalTax     jsonMoney  `json:"total_tax"`
	PresentValue jsonMoney  `json:"present_value"`
	CashNeeded   jsonMoney  `json:"cash_needed"`
	Steps        []jsonStep `json:"steps"`
}

type jsonStep struct {
	Year     int        `json:"year"`
	Order    int        `json:"order"`
	Action   string     `json:"action"`
	From     string     `json:"from"`
	To       []jsonDest `json:"to"`
	Rule     string     `json:"rule"`
	Text     string     `json:"text"`
	CashUsed *jsonMoney `json:"cash_used,omitempty"`
}

type jsonDest struct {
	Account string    `json:"account"`
	Amount  jsonMoney `json:"amount"`
	Taxable jsonMoney `json:"taxable"`
}

type jsonYear struct {
	Year         int        `json:"year"`
	AddedTaxable jsonMoney  `json:"added_taxable"`
	AddedTax     jsonMoney  `json:"added_tax"`
	MarginalRate float64    `json:"marginal_rate"`
	FederalTax   *jsonMoney `json:"federal_tax,omitempty"` // with a state income tax: the parts of added_tax
	StateTax     *jsonMoney `json:"state_tax,omitempty"`
	Form8606     *json8606  `json:"form_8606,omitempty"`
	ByPerson     []json8606 `json:"form_8606_by_person,omitempty"`
	Stops        []string   `json:"stops,omitempty"`
	Why          string     `json:"why,omitempty"`
	Next1000     *jsonNext  `json:"next_1000,omitempty"`
}

// jsonNext is what the next $1,000 of income would cost in a year, by cause.
type jsonNext struct {
	Total           jsonMoney `json:"total"`
	Rate            float64   `json:"rate"`
	Federal         jsonMoney `json:"federal"`
	Ordinary        jsonMoney `json:"ordinary"`
	Gains           jsonMoney `json:"gains"`
	SocialSecurity  jsonMoney `json:"social_security"`
	TaxableBenefits jsonMoney `json:"taxable_benefits"`
	SeniorDeduction jsonMoney `json:"senior_deduction"`
	DeductionLost   jsonMoney `json:"deduction_lost"`
	NIIT            jsonMoney `json:"niit"`
	State           jsonMoney `json:"state"`
	IRMAA           jsonMoney `json:"irmaa"`
	IRMAANotCounted jsonMoney `json:"irmaa_not_counted"`
}

type json8606 struct {
	Line6  jsonMoney `json:"line6"`
	Line9  jsonMoney `json:"line9"`
	Line10 jsonRatio `json:"line10"`
	Line13 jsonMoney `json:"line13"`
	Line14 jsonMoney `json:"line14"`
	Line18 jsonMoney `json:"line18"`
	Person string    `json:"person,omitempty"`
}

type jsonStats struct {
	Structures  int   `json:"structures"`
	Pruned      int   `json:"pruned"`
	Evaluations int   `json:"evaluations"`
	ElapsedMS   int64 `json:"elapsed_ms"`
}

// WriteJSON writes the result format of docs/scenario.md, indented
// by two spaces, followed by a newline.
func WriteJSON(w io.Writer, in Input) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(toJSON(in))
}

func toJSON(in Input) jsonResult {
	r := in.Result
	e := newExplainer(in)
	out := jsonResult{
		Scenario:    in.Scenario,
		Goal:        jsonGoal{Convert: jsonMoney(in.Goal), Reached: Reached(r)},
		BaselineTax: make([]jsonYearTax, 0, len(r.Baseline)),
		Strategies:  make([]jsonStrategy, 0, len(r.Strategies)),
		Status:      statusKey(r.Status),
	}
	for _, b := range r.Baseline {
		out.BaselineTax = append(out.BaselineTax, jsonYearTax{Year: b.Year, Federal: jsonMoney(b.Federal)})
	}
	for i := range r.Strategies {
		out.Strategies = append(out.Strategies, strategyJSON(&r.Strategies[i], e, in.Goal, in.State))
	}
	if r.Status == search.Infeasible {
		m := jsonMoney(r.MaxReachable)
		out.MaxReachable = &m
		out.Reason = Reason(r)
	}
	if r.Obvious != nil {
		o := strategyJSON(r.Obvious, e, in.Goal, in.State)
		out.Obvious = &o
		if s, ok := Saving(r); ok {
			m := jsonMoney(s)
			out.Saving = &m
		}
	}
	if e.model != nil {
		out.Summary = SummaryText(r, e, in.Goal)
	}
	if st := in.State; st != nil {
		js := &jsonState{Residence: []jsonResidence{}, Notes: nonNil(st.notes())}
		for _, y := range st.Years {
			jr := jsonResidence{Year: y.Year, State: y.State, Leaving: y.Leaving, Baseline: jsonMoney(y.Baseline)}
			if y.Leaving != "" {
				m := jsonMoney(y.LeavingBaseline)
				jr.LeavingBaseline = &m
			}
			js.Residence = append(js.Residence, jr)
		}
		out.State = js
	}
	if in.Stats {
		out.Stats = &jsonStats{
			Structures:  r.Stats.Structures,
			Pruned:      r.Stats.Pruned,
			Evaluations: r.Stats.Evaluations,
			ElapsedMS:   r.Stats.Elapsed.Milliseconds(),
		}
	}
	return out
}

// statusKey is the status as a JSON key word.
func statusKey(s search.Status) string {
	switch s {
	case search.Optimal:
		return "optimal"
	case search.Feasible:
		return "feasible"
	case search.Infeasible:
		return "infeasible"
	}
	return "unknown"
}

func strategyJSON(s *search.Strategy, e *explainer, goal money.Cents, st *StateTax) jsonStrategy {
	out := jsonStrategy{
		Rank:         s.Rank,
		TotalTax:     jsonMoney(s.TotalTax),
		FederalTax:   jsonMoney(s.FederalTax),
		StateTax:     jsonMoney(s.StateTax),
		Penalty:      jsonMoney(s.Penalty),
		IRMAA:        jsonMoney(s.IRMAA),
		PresentValue: jsonMoney(s.PresentValue),
		Converted:    jsonMoney(s.Converted),
		Taxable:      jsonMoney(s.Taxable),
		BasisToRoth:  jsonMoney(s.BasisToRoth),
		BasisLeft:    jsonMoney(s.BasisLeft),
		CashNeeded:   jsonMoney(s.CashNeeded),
		Steps:        make([]jsonStep, 0, len(s.Steps)),
		Years:        make([]jsonYear, 0, len(s.Years)),
		Requires:     nonNil(e.requirementsNamed(s.Requires)),
		Warnings:     nonNil(e.warningsNamed(s.Warnings, false)),
	}
	texts := clientSteps(s, e, goal)
	for i, step := range s.Steps {
		js := jsonStep{
			Year: step.Year, Order: step.Order, Action: step.Kind.Action(), From: step.From,
			To:   make([]jsonDest, 0, len(step.To)),
			Rule: step.Rule, Text: texts[i],
		}
		for _, d := range step.To {
			js.To = append(js.To, jsonDest{Account: d.Account, Amount: jsonMoney(d.Amount), Taxable: jsonMoney(d.Taxable)})
		}
		if step.Kind == rules.IndirectRollover || step.CashUsed != 0 {
			m := jsonMoney(step.CashUsed)
			js.CashUsed = &m
		}
		out.Steps = append(out.Steps, js)
	}
	for i := range s.Variants {
		v := &s.Variants[i]
		jv := jsonVariant{Text: VariantText(s, v, e.name), TotalTax: jsonMoney(v.TotalTax),
			PresentValue: jsonMoney(v.PresentValue), CashNeeded: jsonMoney(v.CashNeeded)}
		vt := clientSteps(v, e, goal)
		for k, step := range v.Steps {
			js := jsonStep{Year: step.Year, Order: step.Order, Action: step.Kind.Action(), From: step.From,
				To: make([]jsonDest, 0, len(step.To)), Rule: step.Rule, Text: vt[k]}
			for _, d := range step.To {
				js.To = append(js.To, jsonDest{Account: d.Account, Amount: jsonMoney(d.Amount), Taxable: jsonMoney(d.Taxable)})
			}
			jv.Steps = append(jv.Steps, js)
		}
		out.Variants = append(out.Variants, jv)
	}
	why := e.explain(s, goal)
	for yi, y := range s.Years {
		jy := jsonYear{
			Year:         y.Year,
			AddedTaxable: jsonMoney(y.AddedTaxable),
			AddedTax:     jsonMoney(y.AddedTax),
			MarginalRate: y.MarginalRate,
		}
		if st != nil {
			if fed, state, ok := st.cost(y.Year, y.AddedTaxable); ok {
				f, s := jsonMoney(fed), jsonMoney(state)
				jy.FederalTax, jy.StateTax = &f, &s
			}
		}
		if len(y.Form8606) > 0 {
			f := form8606JSON(y.Form8606[0], false)
			jy.Form8606 = &f
		}
		if len(y.Form8606) > 1 {
			for _, f := range y.Form8606 {
				jy.ByPerson = append(jy.ByPerson, form8606JSON(f, true))
			}
		}
		if len(why) == len(s.Years) {
			w := why[yi]
			for _, st := range w.Stops {
				jy.Stops = append(jy.Stops, StopShort(st))
			}
			jy.Why = YearWhyText(w)
			// At the top of the supported range nothing more can be added:
			// no next_1000.
			if n := w.Next; n.Step > 0 {
				jy.Next1000 = &jsonNext{Total: jsonMoney(n.Total), Rate: n.Rate(), Federal: jsonMoney(n.Federal), Ordinary: jsonMoney(n.Ordinary),
					Gains: jsonMoney(n.Gains), SocialSecurity: jsonMoney(n.SocialSecurity), TaxableBenefits: jsonMoney(n.TaxableBenefits),
					SeniorDeduction: jsonMoney(n.SeniorDeduction), DeductionLost: jsonMoney(n.DeductionLost), NIIT: jsonMoney(n.NIIT),
					State: jsonMoney(n.State), IRMAA: jsonMoney(n.IRMAA), IRMAANotCounted: jsonMoney(n.IRMAANotCounted)}
			}
		}
		out.Years = append(out.Years, jy)
	}
	return out
}

func form8606JSON(f search.Form8606Lines, person bool) json8606 {
	j := json8606{
		Line6: jsonMoney(f.Line6), Line9: jsonMoney(f.Line9), Line10: jsonRatio(f.Line10),
		Line13: jsonMoney(f.Line13), Line14: jsonMoney(f.Line14), Line18: jsonMoney(f.Line18),
	}
	if person {
		j.Person = f.Person
	}
	return j
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
