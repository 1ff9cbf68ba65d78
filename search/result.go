package search

import (
	"time"

	"github.com/rothpath/optimize/money"
)

// Status says how a search ended.
type Status int

// Search statuses.
const (
	Optimal    Status = iota // every structure was tried or pruned by a bound: the ranking is proven
	Feasible                 // stopped early (time limit or cancellation): best found so far, not proven
	Infeasible               // the goal cannot be reached; see Result.MaxReachable and Result.Reason
)

func (s Status) String() string {
	switch s {
	case Optimal:
		return "optimal"
	case Feasible:
		return "feasible (not proven optimal)"
	case Infeasible:
		return "infeasible"
	}
	return "unknown"
}

// Result is what Search returns, in the manner of gonum/optimize.
type Result struct {
	Strategies   []Strategy // ranked, best first; at most Settings.Top
	Status       Status
	Stats        Stats
	MaxReachable money.Cents // the largest goal reachable (set when Infeasible)
	Reason       string      // why the goal cannot be reached (Infeasible), or why the ranking is not proven (Feasible, when not only the time limit)
	Baseline     []YearTax   // tax without any move, per year
	Obvious      *Strategy   // "convert the goal from the traditional IRA in the first year", when possible
}

// Stats counts the work done.
type Stats struct {
	Structures  int // structures enumerated
	Pruned      int // structures discarded by the lower bound
	Evaluations int // full evaluations of a candidate (rules + objective)
	Elapsed     time.Duration
}

// YearTax is one year's baseline federal tax.
type YearTax struct {
	Year    int
	Federal money.Cents
}

// Strategy is one complete, replayable plan with its exact cost, in the terms
// of the result format in shared/spec/scenario.md.
type Strategy struct {
	Rank         int
	TotalTax     money.Cents // federal + state + penalty + irmaa (differences against baseline)
	FederalTax   money.Cents
	StateTax     money.Cents
	Penalty      money.Cents
	IRMAA        money.Cents
	PresentValue money.Cents
	Converted    money.Cents
	Taxable      money.Cents
	BasisToRoth  money.Cents
	BasisLeft    money.Cents
	CashNeeded   money.Cents
	Steps        []Step
	Years        []Year
	Requires     []string
	Warnings     []string
}

// Step is one move in the order it must be carried out.
type Step struct {
	Year     int
	Order    int
	Action   string // one of the actions in scenario.md: ira_conversion, split_rollover, ...
	From     string // account id
	To       []Destination
	CashUsed money.Cents // indirect_rollover: withholding made up from cash
	Rule     string      // the source the move relies on
	Text     string      // the step in words a client can carry out
}

// Destination is where part of a step's money lands.
type Destination struct {
	Account string
	Amount  money.Cents
	Taxable money.Cents
}

// Year is one year's effect of a strategy.
type Year struct {
	Year         int
	AddedTaxable money.Cents
	AddedTax     money.Cents
	MarginalRate float64         // a rate, not money
	Form8606     []Form8606Lines // one per person who files one that year
}

// Form8606Lines are the lines the report shows.
type Form8606Lines struct {
	Person string
	Line6  money.Cents
	Line9  money.Cents
	Line10 money.Ratio
	Line13 money.Cents
	Line14 money.Cents
	Line18 money.Cents
}
