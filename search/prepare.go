package search

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/rothpath/optimize/money"
	"github.com/rothpath/optimize/objective"
	"github.com/rothpath/optimize/rules"
	"github.com/rothpath/optimize/scenario"
)

// ErrNoModel wraps failures to build the rules state or the tax model from a
// scenario (bad or unsupported input, e.g. a tax year without figures).
var ErrNoModel = errors.New("search: cannot model the scenario")

// errCurve reports a year's cost curve that falls somewhere as income
// rises: the bounds would not be valid (a defect of the tax model).
var errCurve = errors.New("search: a year's cost falls as income rises")

// prepared is what every worker shares: read-only but for the ranking's
// running figures, which are guarded.
type prepared struct {
	sc      *scenario.Scenario
	base    *rules.State
	model   *objective.Model
	enum    *enumerator
	horizon int
	goal    money.Cents
	limits  []money.Cents // per year: most added income allowed, -1: none
	maxAdd  money.Cents   // the most income any year can add
	// growthRate is the scenario's yearly growth of balances (for the
	// relaxation's capacity rows only).
	growthRate float64

	curveMu sync.Mutex
	curves  map[curveKey]*yearCurve

	// The ranking: each structure's best cost offered so far, the top
	// best kept; worstTop is the top-th best (or no limit).
	top      int
	mu       sync.Mutex
	ranked   []ranked
	worstTop atomic.Int64

	ctx       context.Context
	nodeLimit int64
	nodesUsed int64 // nodes of the rounds done (Search)
	stopped   atomic.Bool
	// structureNodes bounds one structure's nodes; cutShort records that a
	// node limit cut some structure short.
	structureNodes int
	cutShort       atomic.Bool
	// splitDepth bounds the splits around a node's plan (Settings.SplitDepth);
	// splitShort records that it left some node open.
	splitDepth int
	splitShort atomic.Bool
	// roundWorst and roundNodes are the ranking's top-th cost as the round
	// began and each structure's node budget in the round (Search).
	roundWorst money.Cents
	roundNodes int
}

// ErrInternal wraps a programming error caught in a search worker.
var ErrInternal = errors.New("search: internal error")

type curveKey struct {
	u       int
	penalty money.Cents
}

type ranked struct {
	idx  int
	cost money.Cents
}

// noLimit is a cost above any plan's.
const noLimit = money.MaxAmount * 10

func prepare(ctx context.Context, sc *scenario.Scenario, top int, nodeLimit int64) (*prepared, error) {
	base, err := rules.NewState(sc)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrNoModel, err)
	}
	model, err := objective.NewModel(sc)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrNoModel, err)
	}
	p := &prepared{
		sc: sc, base: base, model: model, horizon: sc.HorizonYears, goal: sc.Goal.Convert,
		curves: map[curveKey]*yearCurve{}, top: top, ctx: ctx, nodeLimit: nodeLimit,
		growthRate: sc.Assumptions.GrowthRate,
	}
	p.worstTop.Store(int64(noLimit))
	// No year can add more income than the household holds, grown.
	g := max(sc.Assumptions.GrowthRate, 0)
	maxAdd := float64(base.Money()) * math.Pow(1+g, float64(sc.HorizonYears)) * 1.01
	p.maxAdd = money.Cents(min(maxAdd, float64(objective.MaxIncome))) + money.Dollar
	p.limits = make([]money.Cents, p.horizon)
	for u := range p.limits {
		p.limits[u] = -1
		if r := sc.Constraints.MaxMarginalRate; r != nil {
			p.limits[u] = model.MaxAddedAtRate(u, *r)
		}
		if sc.Constraints.IRMAA == scenario.IRMAAAvoid {
			if h := model.IRMAAHeadroom(u); p.limits[u] < 0 || h < p.limits[u] {
				p.limits[u] = h
			}
		}
		if p.limits[u] >= money.MaxAmount {
			p.limits[u] = -1
		}
	}
	for u := 0; u < p.horizon; u++ {
		if err := checkMonotone(p.curveFor(u, 0)); err != nil {
			return nil, err
		}
	}
	p.enum = newEnumerator(base)
	return p, nil
}

// curveFor returns year u's cost curve with penalty bearing the 10%
// additional tax, built once.
func (p *prepared) curveFor(u int, penalty money.Cents) *yearCurve {
	p.curveMu.Lock()
	defer p.curveMu.Unlock()
	k := curveKey{u, penalty}
	yc := p.curves[k]
	if yc == nil {
		yc = newYearCurve(p.model, u, penalty, p.maxAdd)
		p.curves[k] = yc
	}
	return yc
}

// checkMonotone holds the curve to what the bounds assume: the cost never
// falls as income rises.
func checkMonotone(yc *yearCurve) error {
	s := yc.c.Segments
	for j := range s {
		if s[j].Slope < 0 {
			return fmt.Errorf("%w (year %d at %s)", errCurve, yc.c.Year, s[j].X)
		}
		if j > 0 {
			prev := &s[j-1]
			left := float64(prev.Value) + float64(prev.Slope)*float64(s[j].X-1-prev.X)/objective.Unit
			if float64(s[j].Value) < left-float64(objective.CurveLineSlack)-1 {
				return fmt.Errorf("%w (year %d at %s)", errCurve, yc.c.Year, s[j].X)
			}
		}
	}
	return nil
}

// offer records structure idx's best cost so far.
func (p *prepared) offer(idx int, cost money.Cents) {
	p.mu.Lock()
	defer p.mu.Unlock()
	found := false
	for i := range p.ranked {
		if p.ranked[i].idx == idx {
			p.ranked[i].cost = min(p.ranked[i].cost, cost)
			found = true
		}
	}
	if !found {
		p.ranked = append(p.ranked, ranked{idx, cost})
	}
	slices.SortFunc(p.ranked, func(a, b ranked) int { return cmp.Compare(a.cost, b.cost) })
	if len(p.ranked) >= p.top {
		p.worstTop.Store(int64(p.ranked[p.top-1].cost))
	}
}

// floor is a lower bound on the objective of any plan: each year's cost
// with no move (costs never fall as income is added, and penalties and
// surcharges are never negative).
func (p *prepared) floor() float64 {
	var f float64
	for u := 0; u < p.horizon; u++ {
		f += float64(p.curveFor(u, 0).at(0))
	}
	return f
}

// worst returns the top-th best cost so far: a plan costing more cannot
// enter the ranking.
func (p *prepared) worst() money.Cents { return money.Cents(p.worstTop.Load()) }

// stop reports whether a limit ends the search now.
func (p *prepared) stop() bool {
	if p.stopped.Load() {
		return true
	}
	if p.ctx.Err() != nil {
		p.stopped.Store(true)
		return true
	}
	return false
}
