package search

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	"github.com/rothpath/optimize/money"
	"github.com/rothpath/optimize/objective"
	"github.com/rothpath/optimize/rules"
	"github.com/rothpath/optimize/scenario"
)

// Defaults of Settings' zero value.
const (
	DefaultTop       = 5
	DefaultTimeLimit = 30 * time.Second
)

// ErrNoModel wraps failures to build the rules state or the tax model from a
// scenario (bad or unsupported input, e.g. a tax year without figures).
var ErrNoModel = errors.New("search: cannot model the scenario")

// Bounds of the end stage: how many candidates beyond the top are polished
// (on households where hundreds of structures tie, the rest cannot all be
// polished in time), and how many of those tied with the best get the exact
// refinement.
const (
	maxExtraPolished = 8
	maxExactRefined  = 3
)

// candidate is one scored structure.
type candidate struct {
	idx       int
	objective money.Cents // what the ranking minimises
	basisLeft money.Cents
	cash      money.Cents
	steps     int
	gross     []money.Cents // the fill: gross converted per year, split across sources in fill order
	explicit  []srcAmount   // when set (see swapPolish), the amounts per source instead of gross
}

// less orders candidates as scenario.md says: objective, then basis left,
// cash needed and number of steps, then the structure's number.
func (a *candidate) less(b *candidate) bool {
	switch {
	case a.objective != b.objective:
		return a.objective < b.objective
	case a.basisLeft != b.basisLeft:
		return a.basisLeft < b.basisLeft
	case a.cash != b.cash:
		return a.cash < b.cash
	case a.steps != b.steps:
		return a.steps < b.steps
	}
	return a.idx < b.idx
}

// prepared is what every worker shares, read-only.
type prepared struct {
	sc    *scenario.Scenario
	base  *rules.State
	model *objective.Model
	enum  *enumerator
	n     int
	slack money.Cents // polishing can lower a candidate's objective by at most this
}

func prepare(sc *scenario.Scenario) (*prepared, error) {
	base, err := rules.NewState(sc)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrNoModel, err)
	}
	model, err := objective.NewModel(sc)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrNoModel, err)
	}
	e := newEnumerator(base)
	// Cent-level rounding noise is at most a few cents a year; a dollar a
	// year is ample and keeps the candidate lists short.
	slack := money.Dollar * money.Cents(sc.HorizonYears)
	return &prepared{sc: sc, base: base, model: model, enum: e, n: e.count(), slack: slack}, nil
}

// Search finds the cheapest strategies that reach sc.Goal.Convert.
// An infeasible goal is not an error: Result.Status says Infeasible.
func Search(ctx context.Context, sc *scenario.Scenario, set Settings) (*Result, error) {
	began := time.Now()
	p, err := prepare(sc)
	if err != nil {
		return nil, err
	}
	top := set.Top
	if top <= 0 {
		top = DefaultTop
	}
	limit := set.TimeLimit
	if limit <= 0 {
		limit = DefaultTimeLimit
	}
	ctx, cancel := context.WithTimeout(ctx, limit)
	defer cancel()
	// The context's end also trips h, which the fill and the end stage's
	// polishing check as they go (see stop.go).
	h, release := haltOn(ctx)
	defer release()

	workers := set.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	if workers > p.n {
		workers = p.n
	}
	var bound atomic.Int64 // an upper bound on the top-th best objective
	bound.Store(int64(money.MaxAmount) * 1000)
	type out struct {
		best    []candidate
		stats   Stats
		reach   money.Cents
		stopped bool
		thinned bool
		greedy  bool
		greedLB money.Cents
	}
	outs := make([]out, workers)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			ev := newEvaluator(p)
			ev.setHalt(h)
			o := &outs[w]
			var s structure
			for idx := w; idx < p.n; idx += workers {
				if o.stopped || ctx.Err() != nil {
					o.stopped = true
					break
				}
				o.stats.Structures++
				p.enum.at(idx, &s)
				c, st := ev.evaluate(&s, idx, money.Cents(bound.Load()))
				// A fill the stop cut short gives its best so far, or
				// nothing: either way this structure is not settled.
				o.stopped = h.now()
				if st == evalPruned || st == evalInvalid {
					o.stats.Pruned++
				}
				if r := ev.lastReach; r > o.reach {
					o.reach = r
				}
				if st != evalScored {
					continue
				}
				o.best = keepBest(o.best, c, top, p.slack)
				if c.explicit != nil { // lpCandidate's plan lives in ev's buffer
					for i := range o.best {
						if o.best[i].idx == c.idx {
							o.best[i].explicit = slices.Clone(c.explicit)
						}
					}
				}
				if len(o.best) >= top {
					kth := int64(o.best[top-1].objective + p.slack)
					for {
						cur := bound.Load()
						if kth >= cur || bound.CompareAndSwap(cur, kth) {
							break
						}
					}
				}
			}
			o.stats.Evaluations = ev.evaluations
			o.thinned = ev.fill.thinned
			o.greedy, o.greedLB = ev.greedyUsed, ev.greedyLB
		}(w)
	}
	wg.Wait()

	res := &Result{Status: Optimal}
	var all []candidate
	thinned := false         // some fill was too large to solve exactly (maxLayerStates)
	greedy := false          // some structure was scored by greedyCandidate
	var greedyLB money.Cents // the least lower bound of such a structure
	for i := range outs {
		all = append(all, outs[i].best...)
		res.Stats.Structures += outs[i].stats.Structures
		res.Stats.Pruned += outs[i].stats.Pruned
		res.Stats.Evaluations += outs[i].stats.Evaluations
		if outs[i].reach > res.MaxReachable {
			res.MaxReachable = outs[i].reach
		}
		if outs[i].stopped {
			res.Status = Feasible
		}
		if outs[i].thinned {
			thinned = true
			res.Status = Feasible
		}
		if outs[i].greedy && (!greedy || outs[i].greedLB < greedyLB) {
			greedy, greedyLB = true, outs[i].greedLB
		}
	}
	// Polish every candidate near enough the top to be reordered by the
	// cent-level noise the fill's breakpoint argument cannot see, then rank.
	sort.Slice(all, func(i, j int) bool { return all[i].less(&all[j]) })
	all = trimSlack(all, top, p.slack)
	if len(all) > top+maxExtraPolished {
		all = all[:top+maxExtraPolished]
	}
	// Once the search must stop, what is left of this end stage is skipped
	// (the loops below) or cut short (inside each polish): the candidates
	// keep their exact scores and the ranking is not proven.
	ev := newEvaluator(p)
	ev.setHalt(h)
	memo := map[string][]money.Cents{}
	for i := range all {
		if h.now() {
			break
		}
		ev.polishCandidate(&all[i], p.enum, memo)
	}
	sort.Slice(all, func(i, j int) bool { return all[i].less(&all[j]) })
	// Then check, by exact replays, the candidates within a cent a year of
	// the best (see exactPolish), and rank again.
	var s structure
	for i := range all {
		if i >= maxExactRefined || all[i].objective > all[0].objective+money.Cents(sc.HorizonYears) || h.now() {
			break
		}
		p.enum.at(all[i].idx, &s)
		if !ev.exhaustiveRefine(&all[i], &s) {
			ev.exactPolish(&all[i], &s)
		}
		ev.swapPolish(&all[i], &s)
	}
	if len(all) > 0 && h.now() {
		res.Status = Feasible // the polishing was skipped or cut short
	}
	sort.Slice(all, func(i, j int) bool { return all[i].less(&all[j]) })
	if len(all) > top {
		all = all[:top]
	}
	for i := range all {
		st, err := ev.strategy(&all[i], p.enum)
		if err != nil {
			return nil, err // a replay of a scored candidate cannot fail: a bug
		}
		st.Rank = i + 1
		res.Strategies = append(res.Strategies, st)
	}
	res.Baseline = ev.baseline()
	if ob, ok := ev.obvious(); ok {
		res.Obvious = &ob
	}
	if thinned || ev.fill.thinned {
		res.Status = Feasible
		res.Cause = CauseThinned
		res.AlsoTimed = h.now()
	}
	// A greedily scored structure whose lower bound is above the last
	// strategy kept cannot enter the ranking, whatever its exact fill.
	settled := len(res.Strategies) == top && greedyLB > res.Strategies[top-1].PresentValue+p.slack
	if greedy && !settled && len(res.Strategies) > 0 && !thinned && !ev.fill.thinned {
		res.Status = Feasible
		res.Cause = CauseGreedy
		res.AlsoTimed = h.now()
	}
	if res.Status == Feasible && res.Cause == CauseNone {
		res.Cause = CauseTimeLimit
	}
	if len(res.Strategies) == 0 {
		if res.Status == Feasible && !h.now() {
			res.Cause = CauseThinned
		} else if res.Status == Feasible {
			res.Cause = CauseTimeLimit
		} else {
			res.Status = Infeasible
			res.MaxReachable = 0
			var s structure
			for idx := 0; idx < p.n && ctx.Err() == nil; idx++ {
				p.enum.at(idx, &s)
				res.MaxReachable = money.Max(res.MaxReachable, ev.maxReach(&s))
			}
			res.Blockers = ev.blockers()
		}
	}
	res.Stats.Elapsed = time.Since(began)
	return res, nil
}

// keepBest inserts c in order and keeps the best k candidates plus any
// within slack of the k-th, which polishing may still move ahead.
func keepBest(best []candidate, c candidate, k int, slack money.Cents) []candidate {
	if len(best) >= k && c.objective > best[k-1].objective+slack {
		return best
	}
	c.gross = append([]money.Cents(nil), c.gross...) // the evaluator reuses its buffer
	i := sort.Search(len(best), func(i int) bool { return c.less(&best[i]) })
	best = append(best, candidate{})
	copy(best[i+1:], best[i:])
	best[i] = c
	return trimSlack(best, k, slack)
}

// trimSlack drops candidates beyond the k-th whose objective exceeds the
// k-th's by more than slack. best must be sorted.
func trimSlack(best []candidate, k int, slack money.Cents) []candidate {
	if len(best) <= k {
		return best
	}
	limit := best[k-1].objective + slack
	n := k
	for n < len(best) && best[n].objective <= limit {
		n++
	}
	return best[:n]
}
