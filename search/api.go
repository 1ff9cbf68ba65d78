package search

import (
	"context"
	"errors"
	"time"

	"github.com/rothpath/optimize/money"
	"github.com/rothpath/optimize/scenario"
)

// Settings tune a search. The zero value is usable: top 5, one worker per
// core, a 30-second time limit.
type Settings struct {
	Top       int           // strategies to return; 0 means 5
	Workers   int           // parallel workers; 0 means runtime.GOMAXPROCS(0)
	TimeLimit time.Duration // 0 means 30 s; the best found so far is returned, Status Feasible
}

// FrontierPoint is the least total tax for one goal amount.
type FrontierPoint struct {
	Goal     money.Cents
	TotalTax money.Cents
	Marginal float64 // added tax per added dollar of goal since the previous point (a rate)
	Feasible bool
}

// ErrNotImplemented is returned while the search is being built.
var ErrNotImplemented = errors.New("search: not implemented yet")

// Frontier returns the least tax for every goal from 0 to the most that can be
// converted, in steps of step.
func Frontier(ctx context.Context, sc *scenario.Scenario, step money.Cents, set Settings) ([]FrontierPoint, error) {
	return nil, ErrNotImplemented
}
