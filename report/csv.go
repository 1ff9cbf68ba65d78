package report

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"

	"github.com/rothpath/optimize/search"
)

// CSVHeader is the header row of the plan CSV: one row per strategy.
var CSVHeader = []string{
	"scenario", "goal", "reached", "status", "rank", "total_tax", "federal_tax", "state_tax", "penalty",
	"irmaa", "present_value", "converted", "taxable", "basis_to_roth", "basis_left", "cash_needed",
	"steps", "plan",
}

// WriteCSV writes one row per strategy after a header row. Money is written
// as in JSON ("24014.00"); "plan" holds the steps in words, separated by " | ".
// An infeasible result gives one row with the strategy columns empty.
func WriteCSV(w io.Writer, in Input) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(CSVHeader); err != nil {
		return err
	}
	r := in.Result
	e := newExplainer(in)
	lead := []string{in.Scenario, in.Goal.String(), strconv.FormatBool(Reached(r)), statusKey(r.Status)}
	if len(r.Strategies) == 0 {
		row := append(append([]string{}, lead...), make([]string, len(CSVHeader)-len(lead))...)
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	for i := range r.Strategies {
		if err := cw.Write(append(append([]string{}, lead...), strategyCSV(&r.Strategies[i], in, e)...)); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func strategyCSV(s *search.Strategy, in Input, e *explainer) []string {
	texts := clientSteps(s, e, in.Goal)
	for i, st := range s.Steps {
		texts[i] = strconv.Itoa(st.Year) + ": " + texts[i]
	}
	return []string{
		strconv.Itoa(s.Rank), s.TotalTax.String(), s.FederalTax.String(), s.StateTax.String(), s.Penalty.String(),
		s.IRMAA.String(), s.PresentValue.String(), s.Converted.String(), s.Taxable.String(), s.BasisToRoth.String(),
		s.BasisLeft.String(), s.CashNeeded.String(), strconv.Itoa(len(s.Steps)), strings.Join(texts, " | "),
	}
}
