package search

import (
	"context"
	"fmt"
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

// Frontier returns the least total tax for every goal from 0 up to the most
// that can be converted, in steps of step, each point a full search; the last
// point is the most that can be converted when it falls between steps.
// Marginal is the added tax per added dollar of goal since the previous
// point: where it jumps, the next dollar comes from a dearer source or year.
func Frontier(ctx context.Context, sc *scenario.Scenario, step money.Cents, set Settings) ([]FrontierPoint, error) {
	if step <= 0 {
		return nil, fmt.Errorf("search: frontier step must be positive, got %s", step)
	}
	q := *sc
	set.Top = 1
	var pts []FrontierPoint
	point := func(goal money.Cents) (FrontierPoint, *Result, error) {
		q.Goal.Convert = goal
		r, err := Search(ctx, &q, set)
		if err != nil {
			return FrontierPoint{}, nil, err
		}
		p := FrontierPoint{Goal: goal, Feasible: len(r.Strategies) > 0}
		if p.Feasible {
			p.TotalTax = r.Strategies[0].TotalTax
		}
		return p, r, nil
	}
	add := func(p FrontierPoint) {
		if n := len(pts); n > 0 && p.Goal > pts[n-1].Goal {
			prev := pts[n-1]
			p.Marginal = float64(p.TotalTax-prev.TotalTax) / float64(p.Goal-prev.Goal)
		}
		pts = append(pts, p)
	}
	for goal := money.Cents(0); ; goal += step {
		if err := ctx.Err(); err != nil {
			return pts, err
		}
		p, r, err := point(goal)
		if err != nil {
			return pts, err
		}
		if !p.Feasible {
			// Close the curve at the most that can be converted, if a search
			// there succeeds (the reachable amount is an upper estimate).
			if m := r.MaxReachable / money.Dollar * money.Dollar; len(pts) > 0 && m > pts[len(pts)-1].Goal && m < goal {
				if last, _, err := point(m); err == nil && last.Feasible {
					add(last)
				}
			}
			return pts, nil
		}
		add(p)
	}
}
