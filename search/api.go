package search

import (
	"context"
	"fmt"
	"time"

	"github.com/rothpath/optimize/money"
	"github.com/rothpath/optimize/scenario"
)

// Settings tune a search. The zero value is usable. Every limit here can
// only end the search with a plan it has not proven best: the result then
// says Feasible, with the gap to its bound and the limit as Result.Cause;
// none changes a proven answer or the bound's validity.
type Settings struct {
	// Top is how many strategies to return (the cheapest plan of each of
	// the cheapest structures); 0 means DefaultTop.
	Top int
	// Workers is how many structures are solved at once; 0 means
	// runtime.GOMAXPROCS(0). The answer does not depend on it.
	Workers int
	// TimeLimit ends the search; 0 means DefaultTimeLimit. Past it the best
	// plan found is returned with Cause CauseTimeLimit and the gap to the
	// bound over what was left unexplored (Optimal still when that gap is
	// zero). The only setting whose effect depends on the machine.
	TimeLimit time.Duration
	// NodeLimit ends the search after that many branch-and-bound nodes over
	// all structures; 0 means DefaultNodeLimit. Structures left unexplored
	// keep their root bounds in the certificate; Cause CauseNodeLimit.
	NodeLimit int64
	// StructureNodeLimit bounds the nodes spent on any one structure; 0
	// means DefaultStructureNodeLimit. A structure cut short keeps the
	// least bound of what it left unexplored; Cause CauseNodeLimit unless
	// the gap closes anyway.
	StructureNodeLimit int
	// SplitDepth bounds the splits the search makes around one plan to
	// raise a region's bound to its cost (boxes fixed at an end, draws
	// before a plan's whole move halved, a stretch cut where the plan
	// stops; see the package documentation); 0 means DefaultSplitDepth. A
	// region still short is left with its bound: Cause CauseUnresolved.
	SplitDepth int
}

// Defaults of Settings' zero value. DefaultNodeLimit and
// DefaultStructureNodeLimit are sized so that a household of the benchmark
// suite takes milliseconds (bench/RESULTS.md has the counts they prove);
// raise them to prove more.
const (
	DefaultTop                = 5
	DefaultTimeLimit          = 30 * time.Second
	DefaultNodeLimit          = 1000
	DefaultStructureNodeLimit = 50
	DefaultSplitDepth         = 24
)

// FrontierPoint is the least total tax for one goal amount.
type FrontierPoint struct {
	Goal     money.Cents
	TotalTax money.Cents
	Marginal float64 // added tax per added dollar of goal since the previous point (a rate)
	Feasible bool
	Status   Status // the point's own search status: Optimal unless a limit cut it short
}

// Frontier returns the least total tax for every goal from 0 up to the most
// that can be converted, in steps of step, each point a full search; the last
// point is the most that can be converted when it falls between steps.
// Settings.TimeLimit bounds the whole frontier: each point gets what is left
// of it, and a point cut short says so in its Status.
func Frontier(ctx context.Context, sc *scenario.Scenario, step money.Cents, set Settings) ([]FrontierPoint, error) {
	if step <= 0 {
		return nil, fmt.Errorf("search: frontier step must be positive, got %s", step)
	}
	limit := set.TimeLimit
	if limit <= 0 {
		limit = DefaultTimeLimit
	}
	ctx, cancel := context.WithTimeout(ctx, limit)
	defer cancel()
	deadline, _ := ctx.Deadline()
	q := *sc
	set.Top = 1
	var pts []FrontierPoint
	point := func(goal money.Cents) (FrontierPoint, *Result, error) {
		q.Goal.Convert = goal
		set.TimeLimit = max(time.Until(deadline), time.Millisecond)
		r, err := Search(ctx, &q, set)
		if err != nil {
			return FrontierPoint{}, nil, err
		}
		p := FrontierPoint{Goal: goal, Feasible: len(r.Strategies) > 0, Status: r.Status}
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
		if !p.Feasible && r.Status == Feasible {
			return append(pts, p), nil // cut short before any plan: not proven unreachable
		}
		if !p.Feasible {
			// Close the curve at the most that can be converted, if a search
			// there succeeds.
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
