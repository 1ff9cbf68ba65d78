package objective

import (
	"errors"
	"fmt"

	"github.com/rothpath/optimize/money"
	"github.com/rothpath/optimize/scenario"
)

// The model's side of the supported ranges (scenario/limits.go). Every
// worksheet line is carried in units of 1/Unit of a cent in an int64, which
// holds about $4.6 billion. A year's income is at most MaxIncome with or
// without the moves (scenario.MaxHousehold bounds the baseline income plus
// everything the household could move), and every dollar figure of the law
// is at most MaxFigure, so no line, sum or difference of lines comes near
// the int64 range: the largest is below MaxIncome + 0.85 MaxIncome +
// MaxFigure, about $3.9 billion.
const (
	// LastYear is the last year with figures: the Medicare premium year of
	// a move in scenario.MaxYear.
	LastYear = scenario.MaxYear + 2
	// MaxFigure bounds every projected dollar figure (bracket tops, IRMAA
	// thresholds, deductions). scenario.MaxInflation keeps LastYear's
	// figures under it.
	MaxFigure money.Cents = 2_000_000_000 * 100
	// maxDiscountFactor bounds the present-value factors (discountScale
	// times 1/(1 + rate)^i) at 1,000: a discounted cost stays far inside int64.
	maxDiscountFactor = 1_000 * discountScale
)

// Errors of ParamsFor beyond the supported ranges.
var (
	ErrYearLate   = fmt.Errorf("objective: no tax figures for a year after %d", LastYear)
	ErrProjection = errors.New("objective: the inflation assumption projects a figure beyond the supported range")
)

// MaxAdded returns the most ordinary income that may be added to horizon
// year i: MaxIncome less the year's baseline income. A scenario that
// validates cannot add more (scenario.MaxHousehold); Curve stops there.
func (m *Model) MaxAdded(i int) money.Cents { return m.years[i].maxAdded }

// checkAdded panics when added income x is outside what the exact
// arithmetic holds. Validation makes that impossible for any scenario, so
// reaching it is a programming error (a caller adding money the household
// does not have); the panic says so rather than let a product wrap round.
func (m *Model) checkAdded(i int, x money.Cents) {
	if x > m.years[i].maxAdded || x < -MaxIncome {
		panic(fmt.Sprintf("objective: internal error: added income %s in %d is outside the supported range (at most %s)",
			x.Grouped(), m.years[i].year, m.years[i].maxAdded.Grouped()))
	}
}
