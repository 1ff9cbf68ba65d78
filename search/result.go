package search

import (
	"time"

	"github.com/rothpath/optimize/money"
	"github.com/rothpath/optimize/rules"
)

// Status says what a Result claims.
type Status int

// Search statuses.
const (
	// Optimal: the best strategy's objective equals Result.Bound, a lower
	// bound on the objective of every plan that reaches the goal.
	Optimal Status = iota
	// Feasible: the best strategy found is at most Result.Gap above every
	// plan, and Result.Cause says what kept the search from proving more.
	// With no strategy, the search stopped before it found one and the goal
	// is not proven unreachable.
	Feasible
	// Infeasible: no plan reaches the goal (proven); see
	// Result.MaxReachable and Result.Blockers.
	Infeasible
)

// Cause names what kept a search from proving its answer, in the manner of
// gonum/optimize's Status.
type Cause int

// Causes.
const (
	CauseNone      Cause = iota // nothing: the answer is proven
	CauseTimeLimit              // Settings.TimeLimit or the context's deadline ended the search
	CauseCancelled              // the context was cancelled
	// CauseNodeLimit: Settings.NodeLimit ended the search, or
	// Settings.StructureNodeLimit left part of a structure unexplored.
	CauseNodeLimit
	// CauseUnresolved: some region of plans kept a bound below the best
	// plan after every split the search makes there (Settings.SplitDepth
	// at most around a plan): typically the rounding of each year's tax
	// to the cent, which the bounds allow for but cannot settle.
	CauseUnresolved
)

// Result is what Search returns, in the manner of gonum/optimize: the
// strategies, and a certificate for the best of them (Bound and Gap).
type Result struct {
	Strategies []Strategy // ranked, best first; at most Settings.Top
	Status     Status
	Cause      Cause // what kept the search from proving its answer (CauseNone: proven)
	// Bound is a lower bound on the objective (Strategy.PresentValue) of
	// every plan that reaches the goal; Gap is the best strategy's
	// objective less Bound. Optimal exactly when Gap is zero.
	Bound, Gap   money.Cents
	Stats        Stats
	MaxReachable money.Cents // the largest goal reachable (set when Infeasible)
	Blockers     []Blocker   // what caps the reachable amount (set when Infeasible)
	Baseline     []YearTax   // tax without any move, per year
	Obvious      *Strategy   // "convert the goal from the traditional IRA in the first year", when possible
}

// BlockerKind is what keeps a goal out of reach.
type BlockerKind uint8

// Blocker kinds.
const (
	// BlockNoDistribution: Account allows no distribution while the person
	// is employed and no in-plan Roth rollover.
	BlockNoDistribution BlockerKind = iota + 1
	// BlockMaxMarginalRate: constraints.max_marginal_rate (Rate) caps each
	// year's added income.
	BlockMaxMarginalRate
	// BlockIRMAAAvoid: irmaa: avoid caps each year's added income below the
	// next Medicare surcharge tier.
	BlockIRMAAAvoid
)

// Blocker is one reason the goal cannot be reached.
type Blocker struct {
	Kind    BlockerKind
	Account string
	Rate    float64 // a rate, not money
}

// Stats counts the work done.
type Stats struct {
	Structures  int // structures enumerated
	Pruned      int // structures discarded by their root bound
	Nodes       int // branch-and-bound nodes
	Evaluations int // exact evaluations of a year's moves (rules + objective)
	Elapsed     time.Duration
}

// YearTax is one year's baseline federal tax.
type YearTax struct {
	Year    int
	Federal money.Cents
}

// Strategy is one complete, replayable plan with its exact cost, in the terms
// of the result format (docs/scenario.md).
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
	Requires     []Requirement
	Warnings     []Warning
	// Variants are the same plan done differently: the same moves from the
	// same accounts at other times, or with a 60-day rollover for a split
	// rollover, within a dollar of this strategy's cost (each with Rank 0).
	Variants []Strategy
}

// Step is one move in the order it must be carried out.
type Step struct {
	Year     int
	Order    int
	Kind     rules.MoveKind // Kind.Action() is the action's name in the result format
	From     string         // account id
	To       []Destination
	CashUsed money.Cents // indirect_rollover: withholding made up from cash
	Rule     string      // the source the move relies on
}

// Destination is where part of a step's money lands.
type Destination struct {
	Account string
	Amount  money.Cents
	Taxable money.Cents
}

// Requirement is one condition a strategy rests on: what an account (or its
// owner) must allow or do.
type Requirement struct {
	Account string
	Need    rules.Requires // a single bit
}

// WarningKind is what a warning is about.
type WarningKind uint8

// Warning kinds.
const (
	// WarnScenarioNote: a remark on the scenario itself (Detail), e.g.
	// several traditional IRAs of one person aggregated for Form 8606.
	WarnScenarioNote WarningKind = iota + 1
	// WarnForm8606Rounding: Form 8606 line 10 is rounded to five decimals.
	WarnForm8606Rounding
	// WarnFiveYearClock: a conversion in Year from Account before the
	// person's 59½ starts its own 5-year clock (IRC 408A(d)(3)(F)).
	WarnFiveYearClock
	// WarnRothOpened: Account, a new Roth IRA, is first funded in Year
	// (IRC 408A(d)(2)(B)).
	WarnRothOpened
	// WarnCashNeeded: Amount of cash replaces the 20% withheld.
	WarnCashNeeded
	// WarnNoSeparationException: the 10% additional tax applies; the age-55
	// separation exception is not assumed.
	WarnNoSeparationException
	// WarnWholeBalanceProRata: plan distributions are pro-rated over the
	// whole non-Roth balance (the conservative reading of IRC 72(e)(8)).
	WarnWholeBalanceProRata
	// WarnIRMAANotCounted: added income in Year may raise Medicare
	// premiums two years later; the scenario does not count them.
	WarnIRMAANotCounted
	// WarnProjected: Year's figures (Detail lists them) are projected from
	// the inflation assumption.
	WarnProjected
)

// Warning is something the client must know beyond the steps.
type Warning struct {
	Kind    WarningKind
	Year    int
	Account string
	Amount  money.Cents
	Detail  string
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
