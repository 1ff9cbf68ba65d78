// Package report writes a search result for people and programs: a plain-text
// table, the JSON result format of docs/scenario.md, CSV, GitHub
// Markdown, and a self-contained HTML page with inline SVG charts.
//
// Money is formatted from money.Cents only; rates are the only float64 values.
package report

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/rothpath/optimize/money"
	"github.com/rothpath/optimize/scenario"
	"github.com/rothpath/optimize/search"
)

// Form8606Note is shown wherever Form 8606 lines are.
const Form8606Note = "Form 8606 line 10 is rounded half-up to 5 decimal places (the form requires at least 3)"

// Format is an output format.
type Format string

// Output formats.
const (
	Table    Format = "table"
	JSON     Format = "json"
	CSV      Format = "csv"
	Markdown Format = "markdown"
	HTML     Format = "html"
)

// Formats lists every format, in the order the help text gives them.
var Formats = []Format{Table, JSON, CSV, Markdown, HTML}

// ParseFormat reads a format name, in any case ("JSON" is json); "md" is
// accepted for markdown.
func ParseFormat(s string) (Format, error) {
	name := strings.ToLower(strings.TrimSpace(s))
	if name == "md" {
		name = string(Markdown)
	}
	for _, f := range Formats {
		if string(f) == name {
			return f, nil
		}
	}
	return "", fmt.Errorf("report: unknown format %q (want %s)", s, formatList())
}

func formatList() string {
	names := make([]string, len(Formats))
	for i, f := range Formats {
		names[i] = string(f)
	}
	return strings.Join(names, "|")
}

// Input is everything a plan report shows.
type Input struct {
	Scenario string      // the scenario's name
	Goal     money.Cents // goal.convert
	Result   *search.Result

	// Optional.
	// Household is the scenario answered: with it the report names accounts
	// by their labels, explains each year (why it stops, what the next
	// $1,000 costs) and shows the household and its assumptions.
	Household  *scenario.Scenario
	Preparer   string                 // who prepared the report (HTML header); "" leaves the line out
	Date       time.Time              // the report's date (HTML header); zero leaves it out
	Brackets   BracketsFunc           // bracket figures for the HTML chart; nil: plain bars
	PlanTotals map[string]money.Cents // plan id -> balance at the start, for step wording ("full distribution")
	State      *StateTax              // the state income tax of the residence (StateFigures); nil: none shown
	Stats      bool                   // include search statistics (JSON "stats", a line in the others)
	// Colour makes the plain-text table's headings bold and the status of
	// the answer green or red (ANSI); the caller decides (a terminal, and
	// NO_COLOR unset).
	Colour bool
}

// Bracket is one ordinary-income bracket: taxable income above Floor is taxed
// at Rate until the next bracket's Floor.
type Bracket struct {
	Floor money.Cents
	Rate  float64
}

// YearBrackets place one year's added income in the brackets: Base is where
// the baseline (no-move) income ends and the added income starts, on the
// same scale as the Floors (a 0% band below the first rate stands for the
// deduction the added income uses up).
type YearBrackets struct {
	Base      money.Cents
	Brackets  []Bracket // ascending by Floor, the first at 0
	Projected bool      // figures projected by indexing, not published
}

// BracketsFunc returns the figures for a year in which the moves add
// `added` taxable income, or false when unknown.
type BracketsFunc func(year int, added money.Cents) (YearBrackets, bool)

// Write writes a plan report in the format.
func Write(w io.Writer, f Format, in Input) error {
	if in.Result == nil {
		return fmt.Errorf("report: no result to write")
	}
	switch f {
	case Table:
		return WriteTable(w, in)
	case JSON:
		return WriteJSON(w, in)
	case CSV:
		return WriteCSV(w, in)
	case Markdown:
		return WriteMarkdown(w, in)
	case HTML:
		return WriteHTML(w, in, nil)
	}
	return fmt.Errorf("report: unknown format %q", f)
}

// Reached reports whether the result reaches the goal.
func Reached(r *search.Result) bool {
	return r.Status != search.Infeasible && len(r.Strategies) > 0
}

// Saving returns how much less the best strategy costs than the obvious
// approach on the ranking's own objective (the present value of the taxes
// when the scenario discounts them, else their total), and false when there
// is no obvious strategy or no best one. It is never negative when the
// answer is proven optimal: the obvious plan is one of the plans the
// search's bound covers.
func Saving(r *search.Result) (money.Cents, bool) {
	if r.Obvious == nil || len(r.Strategies) == 0 {
		return 0, false
	}
	return r.Obvious.PresentValue - r.Strategies[0].PresentValue, true
}

// Discounted reports whether the ranking's objective is a present value
// that differs from the nominal total (a saving is then said in it).
func Discounted(r *search.Result) bool {
	for _, s := range r.Strategies {
		if s.PresentValue != s.TotalTax {
			return true
		}
	}
	return r.Obvious != nil && r.Obvious.PresentValue != r.Obvious.TotalTax
}

// inPV is " in present value" for a discounted result, else "".
func inPV(r *search.Result) string {
	if Discounted(r) {
		return " in present value"
	}
	return ""
}

// Percent formats a rate as a percentage: 0.24 -> "24%", 0.325 -> "32.5%".
func Percent(rate float64) string {
	s := fmt.Sprintf("%.2f", rate*100)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	return s + "%"
}
