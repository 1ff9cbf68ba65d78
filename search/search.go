package search

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"math"
	"runtime"
	"runtime/debug"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/rothpath/optimize/money"
	"github.com/rothpath/optimize/scenario"
)

// Search finds the cheapest strategies that reach sc.Goal.Convert, with a
// certificate for the best (see the package documentation). An
// infeasible goal is not an error: Result.Status says Infeasible.
func Search(ctx context.Context, sc *scenario.Scenario, set Settings) (*Result, error) {
	began := time.Now()
	top := set.Top
	if top <= 0 {
		top = DefaultTop
	}
	limit := set.TimeLimit
	if limit <= 0 {
		limit = DefaultTimeLimit
	}
	nodeLimit := set.NodeLimit
	if nodeLimit <= 0 {
		nodeLimit = DefaultNodeLimit
	}
	parent := ctx
	ctx, cancel := context.WithTimeout(ctx, limit)
	defer cancel()
	// The ranking keeps more structures than it shows: variants of one plan
	// share a rank (variants.go).
	p, err := prepare(ctx, sc, top*variantKeep, nodeLimit)
	if err != nil {
		return nil, err
	}
	p.structureNodes = set.StructureNodeLimit
	if p.structureNodes <= 0 {
		p.structureNodes = DefaultStructureNodeLimit
	}
	p.splitDepth = set.SplitDepth
	if p.splitDepth <= 0 {
		p.splitDepth = DefaultSplitDepth
	}
	workers := set.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	n := p.enum.n
	workers = max(1, min(workers, n))

	// The structures a chunk at a time (the count can be astronomical):
	// each chunk's root bounds, then its structures cheapest bound first,
	// so that good plans come early and prune the rest, in rounds of
	// roundSize. A round's structures are solved at once, each against
	// the ranking as the round began and with a share of the node budget
	// fixed then, so that the answer does not depend on the number of
	// workers or on timing (the time limit and cancellation aside).
	type found struct {
		idx  int
		plan plan
	}
	var results []found
	open := math.Inf(1) // the least bound of what a limit left unexplored
	var pruned, nodes, evals int
	type outcome struct {
		open     float64
		best     plan
		haveBest bool
		nodes    int
		evals    int
		pruned   bool
		cutShort bool
		unres    bool
	}
	outs := make([]outcome, roundSize)
	roots := make([]float64, min(n, chunkSize))
	promise := make([]float64, min(n, chunkSize))
	rootPlans := make([]plan, min(n, chunkSize))
	order := make([]int, 0, min(n, chunkSize))
	for c0, size := 0, firstChunk; c0 < n; c0, size = c0+size, min(size*4, chunkSize) {
		if p.ctx.Err() != nil || (int64(nodes) >= p.nodeLimit && n > maxRootOnly) {
			// Structures never reached: no plan costs less than the
			// household with no move at all.
			p.stopped.Store(true)
			open = min(open, p.floor())
			break
		}
		c1 := min(c0+size, n)
		// Each structure's root bound and the plan its root relaxation
		// makes: the structures are then taken cheapest plan first (a good
		// plan early prunes the most), those with none by bound.
		p.roundWorst = p.worst()
		if err := parallel(workers, c1-c0, p, func(d *diver, i int) {
			var s structure
			p.enum.at(c0+i, &s)
			roots[i], promise[i] = d.rootBound(c0+i, &s), math.Inf(1)
			if math.IsInf(roots[i], 1) {
				return
			}
			d.haveBest = false
			d.primalTries(d.ivs, 2)
			if d.haveBest {
				rootPlans[i], promise[i] = d.best, float64(d.best.cost)
			}
		}); err != nil {
			return nil, err
		}
		order = order[:0]
		for i := c0; i < c1; i++ {
			order = append(order, i)
			if !math.IsInf(promise[i-c0], 1) {
				results = append(results, found{i, rootPlans[i-c0]})
			}
		}
		slices.SortStableFunc(order, func(a, b int) int {
			return cmp.Or(cmp.Compare(promise[a-c0], promise[b-c0]), cmp.Compare(roots[a-c0], roots[b-c0]))
		})
		root := func(idx int) float64 { return roots[idx-c0] }
		for at := 0; at < len(order); at, p.nodesUsed = at+roundSize, int64(nodes) {
			batch := order[at:min(at+roundSize, len(order))]
			p.roundWorst = p.worst()
			left := p.nodeLimit - int64(nodes)
			if p.ctx.Err() != nil || left <= 0 {
				p.stopped.Store(true)
				for _, idx := range batch {
					if !math.IsInf(root(idx), 1) && lbCents(root(idx)) <= p.roundWorst {
						open = min(open, root(idx))
					} else {
						pruned++
					}
				}
				continue
			}
			p.roundNodes = int(min(int64(p.structureNodes), max(left/int64(len(batch)), 1)))
			if err := parallel(workers, len(batch), p, func(d *diver, i int) {
				idx := batch[i]
				o := &outs[i]
				*o = outcome{open: math.Inf(1)}
				if math.IsInf(root(idx), 1) || lbCents(root(idx)) > p.roundWorst {
					o.pruned = true
					return
				}
				var s structure
				p.enum.at(idx, &s)
				n0, e0 := d.nodes, d.evals
				d.rootBound(idx, &s)
				d.solve()
				o.open, o.best, o.haveBest, o.cutShort, o.unres = d.open, d.best, d.haveBest, d.cutShort, d.unresolved
				o.nodes, o.evals = d.nodes-n0, d.evals-e0
			}); err != nil {
				return nil, err
			}
			for i, idx := range batch {
				o := &outs[i]
				if o.pruned {
					pruned++
					continue
				}
				nodes += o.nodes
				evals += o.evals
				open = min(open, o.open)
				if o.cutShort {
					p.cutShort.Store(true)
				}
				if o.unres {
					p.splitShort.Store(true)
				}
				if o.haveBest {
					results = append(results, found{idx, o.best})
					p.offer(idx, o.best.cost)
				}
			}
		}
	}

	// Each structure's best plan (its root's, or its solve's).
	slices.SortStableFunc(results, func(a, b found) int {
		return cmp.Or(cmp.Compare(a.idx, b.idx), cmp.Compare(a.plan.cost, b.plan.cost))
	})
	results = slices.CompactFunc(results, func(a, b found) bool { return a.idx == b.idx })

	// The refiner, on the plans that may make the ranking or come near the
	// best (a structure's plan found with few nodes can be a refinement
	// away from the best): each improves in place (it only ever lowers a
	// plan's cost); the best is refined again, thoroughly.
	slices.SortStableFunc(results, func(a, b found) int {
		return cmp.Or(cmp.Compare(a.plan.cost, b.plan.cost), cmp.Compare(a.idx, b.idx))
	})
	nr := min(len(results), top)
	if len(results) > 0 {
		near := results[0].plan.cost + max(refineNear, results[0].plan.cost/200)
		for nr < len(results) && nr < refineMost && results[nr].plan.cost <= near {
			nr++
		}
	}
	refined := results[:nr]
	if err := parallel(workers, len(refined), p, func(d *diver, i int) {
		var s structure
		f := &refined[i]
		p.enum.at(f.idx, &s)
		if math.IsInf(d.rootBound(f.idx, &s), 1) {
			return
		}
		d.best, d.haveBest = f.plan, true
		d.refine(false)
		f.plan = d.best
	}); err != nil {
		return nil, err
	}
	slices.SortStableFunc(refined, func(a, b found) int {
		return cmp.Or(cmp.Compare(a.plan.cost, b.plan.cost), cmp.Compare(a.idx, b.idx))
	})
	if len(refined) > 0 {
		if err := parallel(1, 1, p, func(d *diver, _ int) {
			var s structure
			f := &refined[0]
			p.enum.at(f.idx, &s)
			if math.IsInf(d.rootBound(f.idx, &s), 1) {
				return
			}
			d.best, d.haveBest = f.plan, true
			d.refine(true)
			f.plan = d.best
		}); err != nil {
			return nil, err
		}
	}
	for _, f := range refined {
		p.offer(f.idx, f.plan.cost)
	}

	res := &Result{Stats: Stats{Structures: n, Pruned: pruned, Nodes: nodes, Evaluations: evals}}
	// The ranking: every structure's best plan within the final top-th
	// cost, ordered by the result format's keys.
	worst := p.worst()
	out := newOutput(p)
	var strategies []Strategy
	var keys []int
	for _, f := range results {
		if f.plan.cost > worst {
			continue
		}
		st, err := out.strategy(f.idx, &f.plan)
		if err != nil {
			return nil, err
		}
		strategies = append(strategies, st)
		keys = append(keys, f.idx)
	}
	ord := make([]int, len(strategies))
	for i := range ord {
		ord[i] = i
	}
	slices.SortStableFunc(ord, func(a, b int) int {
		x, y := &strategies[a], &strategies[b]
		return cmp.Or(cmp.Compare(x.PresentValue, y.PresentValue), cmp.Compare(x.BasisLeft, y.BasisLeft),
			cmp.Compare(x.CashNeeded, y.CashNeeded), cmp.Compare(len(x.Steps), len(y.Steps)), cmp.Compare(keys[a], keys[b]))
	})
	sorted := make([]Strategy, len(ord))
	for i, o := range ord {
		sorted[i] = strategies[o]
	}
	res.Strategies = groupVariants(sorted, top)
	res.Baseline = out.baseline()
	if ob, ok := out.obvious(); ok {
		res.Obvious = &ob
	}
	stopped := p.stopped.Load()
	switch {
	case len(res.Strategies) > 0:
		best := res.Strategies[0].PresentValue
		res.Bound = best
		if b := lbCents(open); b < best {
			res.Bound = b
		}
		res.Gap = best - res.Bound
		res.Status = Optimal
		if res.Gap > 0 {
			res.Status = Feasible
		}
	case stopped:
		res.Status = Feasible
	default:
		res.Status = Infeasible
		res.MaxReachable = out.maxReach(parent)
		res.Blockers = out.blockers()
	}
	if stopped {
		res.Cause = cause(ctx, parent, p)
	} else if p.cutShort.Load() && res.Status != Optimal {
		res.Cause = CauseNodeLimit
	} else if p.splitShort.Load() && res.Status != Optimal {
		res.Cause = CauseUnresolved
	}
	res.Stats.Elapsed = time.Since(began)
	return res, nil
}

// cause names the limit that stopped the search.
func cause(ctx, parent context.Context, p *prepared) Cause {
	switch {
	case errors.Is(parent.Err(), context.Canceled):
		return CauseCancelled
	case ctx.Err() != nil:
		return CauseTimeLimit
	case p.nodeLimit > 0 && p.nodesUsed >= p.nodeLimit:
		return CauseNodeLimit
	}
	return CauseNone
}

// roundSize is how many structures a round solves against the same
// ranking, and chunkSize how many structures' root bounds are held at once
// (see Search); the first chunk is smaller, for a first plan soon.
//
// Past the node limit, the remaining structures' root bounds are still
// computed (they cost no node) when the household has at most maxRootOnly
// structures, so that the certificate's bound is theirs rather than the
// floor.
//
// The refiner takes, besides the plans that may make the ranking, those
// within refineNear (or half a percent) of the best, refineMost in all.
const (
	refineNear  = 50 * money.Dollar
	refineMost  = 16
	maxRootOnly = 1 << 16
	roundSize   = 8
	chunkSize   = 1 << 14
	firstChunk  = 64
)

// parallel runs f on every index with workers goroutines, each with its
// own diver. A panic in f (a programming error) is returned as an error
// rather than taking the process down.
func parallel(workers, n int, p *prepared, f func(d *diver, idx int)) error {
	var next atomic.Int64
	var wg sync.WaitGroup
	var mu sync.Mutex
	var failed error
	for w := 0; w < min(workers, max(n, 1)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() {
				if r := recover(); r != nil {
					mu.Lock()
					if failed == nil {
						failed = fmt.Errorf("%w: %v\n%s", ErrInternal, r, debug.Stack())
					}
					mu.Unlock()
				}
			}()
			d := newDiver(p)
			for {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				f(d, i)
			}
		}()
	}
	wg.Wait()
	return failed
}
