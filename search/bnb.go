package search

import (
	"cmp"
	"math"
	"slices"

	"github.com/rothpath/optimize/money"
	"github.com/rothpath/optimize/rules"
)

// diver solves one structure's fill by branch and bound (see the package
// documentation): a node restricts each year's income, as the E-model
// counts it, to an interval and each source's amount to a box; its bound
// is a Lagrangian of the years' E-models (bound.go, lagrange.go, lp.go),
// with exact minima where a year allows them (exactyear.go). Nodes are
// expanded least bound first; one that no split can improve is left open
// with its bound, which enters the certificate's gap. One diver per
// worker; it reuses every buffer.
type diver struct {
	p    *prepared
	s    *structure
	sIdx int

	start  rules.State // the household at the start
	atFill rules.State // the first year after the structure's own moves
	views  []yearView  // each year as the bounds see it from the start
	models []yearModel // each year's E-model path (full boxes)
	target []float64
	// amounts is a plan being tried: per year, per source of views[u].
	amounts [][]money.Cents

	stack []node // the open nodes, a heap
	seq   int
	ivs   []interval    // the nodes' intervals, stacked
	bx    []money.Cents // the nodes' boxes, stacked
	// first[u] is the index of year u's first source among all years'
	// (nsrc in all); lo and hi are the current node's boxes, so indexed.
	first  []int
	nsrc   int
	lo, hi []money.Cents

	// scratch
	proj      rules.State
	work      rules.State
	ms        []rules.Move
	srcs      []rules.Source
	yr        rules.YearResult
	drawn     []money.Cents
	moves     []int
	rolledIn  []money.Cents
	maxPretax []money.Cents
	dilns     [rules.MaxPeople][]dilution
	poolable  []bool
	replayAmt [][]money.Cents // per year, per account slot: the last replay's amounts
	replayX   []money.Cents   // per year: the last replay's added income
	yearOrder []int
	projAt    []rules.State // each year's projected state after the structure's own moves
	heads     []int         // per year: the next hull edge of dual's merge
	cuts      []money.Cents
	strs      []stretch
	slotAmt   []money.Cents
	argmin    []money.Cents // per year: where an exact minimum was found (-1: none)
	curves    []curveMemo   // per year: the last curve the replay used

	rootLB  float64 // the structure's root bound
	lpOK    bool    // the last bound solved its linear relaxation
	sp      simplex
	lpCols  []lpCol
	lpCaps  []lpCap
	lpFlip  []bool
	lpG     []float64 // the relaxation's amounts, per year and source (cents)
	mu      []float64 // the capacity rows' multipliers
	muSave  []float64
	minConv float64 // the year being bounded must convert at least this (lagrange)
	capSlot []int   // accounts with capacity rows
	capAt   []money.Cents
	pieces  []piece
	nodeIvs []interval
	beta    float64 // the last bound's multiplier

	// The structure's best plan so far.
	best     plan
	haveBest bool
	// open is the least bound of the nodes left unresolved.
	open     float64
	cutShort bool // the structure's node budget left nodes unexplored
	// unresolved: a node was left open with no split to make
	unresolved bool
	nodes      int
	evals      int
}

// interval is one year's income range in a node, in cents of E-income.
type interval struct{ a, b float64 }

// node is a region of plans: each year's E-income in an interval and each
// source's amount in a box.
type node struct {
	iv     int     // its intervals: ivs[iv : iv+horizon]
	bx     int     // its boxes: bx[bx : bx+nsrc] low ends, then as many high ends
	parent float64 // the parent's bound (valid for the node)
	depth  int     // splits around a resolved point so far
	seq    int     // the order it was pushed in
}

// stretch is a piece of lineScan's scan.
type stretch struct {
	a, b money.Cents
	min  float64
	up   bool
}

// plan is a complete fill: per year, the amount of each source, by account.
type plan struct {
	cost    money.Cents
	conv    money.Cents
	amounts [][]slotAmount
}

type slotAmount struct {
	slot   int
	amount money.Cents
}

func newDiver(p *prepared) *diver {
	h := p.horizon
	d := &diver{p: p}
	d.views = make([]yearView, h)
	d.models = make([]yearModel, h)
	d.target = make([]float64, h)
	d.amounts = make([][]money.Cents, h)
	d.argmin = make([]money.Cents, h)
	d.projAt = make([]rules.State, h)
	d.replayAmt = make([][]money.Cents, h)
	d.sp.halt = p.stop // once: a method value allocates
	d.replayX = make([]money.Cents, h)
	d.curves = make([]curveMemo, h)
	ns := rules.MaxPeople + p.base.NumPlans()
	d.drawn = make([]money.Cents, ns)
	d.moves = make([]int, ns)
	d.rolledIn = make([]money.Cents, ns)
	d.maxPretax = make([]money.Cents, ns)
	for _, st := range []*rules.State{&d.start, &d.atFill, &d.proj, &d.work} {
		p.base.CopyTo(st)
	}
	return d
}

// rootBound projects structure idx from the start and returns the bound of
// its root node (the E-model only), or +Inf when the structure cannot be
// carried out or cannot reach the goal.
func (d *diver) rootBound(idx int, s *structure) float64 {
	d.s, d.sIdx = s, idx
	d.p.base.CopyTo(&d.start)
	if !d.outlook(0, &d.start, d.views, &d.atFill) {
		return math.Inf(1)
	}
	d.first = d.first[:0]
	d.nsrc = 0
	d.lo, d.hi = d.lo[:0], d.hi[:0]
	for u := range d.views {
		d.first = append(d.first, d.nsrc)
		d.nsrc += len(d.views[u].src)
		d.lo = append(d.lo, d.views[u].zeros...)
		d.hi = append(d.hi, d.views[u].caps...)
	}
	d.ivs = d.ivs[:0]
	for range d.views {
		d.ivs = append(d.ivs, interval{math.Inf(-1), math.Inf(1)})
	}
	d.capacities()
	lb, ok := d.bound(d.ivs, false)
	if !ok {
		return math.Inf(1)
	}
	d.rootLB = lb
	return lb
}

// bound returns the node's lower bound on its objective. With exact, the
// node's linear relaxation (lp.go) gives the plan to try (d.lpG) and the
// multipliers of the Lagrangian bound (lagrange.go); without, or when the
// programme fails, the years' E-model hulls are merged by slope for the
// goal's multiplier alone (capacities relaxed). ok is false when the node
// cannot reach the goal or breaks a year's limit.
func (d *diver) bound(ivs []interval, exact bool) (float64, bool) {
	p := d.p
	for u := range d.views {
		f := d.first[u]
		n := len(d.views[u].src)
		m := &d.models[u]
		if !m.build(&d.views[u], d.lo[f:f+n], d.hi[f:f+n]) || !m.makeHull(d.views[u].curve, ivs[u]) {
			return math.Inf(1), false
		}
	}
	value, beta, ok := d.dual(float64(p.goal), d.target)
	if !ok {
		return math.Inf(1), false
	}
	d.beta = beta
	d.mu = d.mu[:0]
	d.lpOK = false
	if !exact {
		return value, true
	}
	if d.mergeHolds(ivs) {
		// The merge's plan keeps every account within what it holds: the
		// linear programme (whose only addition is those capacities) would
		// give no more.
		d.lpOK = true
		d.lpCaps = d.lpCaps[:0]
		thr := d.threshold()
		lb := max(d.lagrange(ivs, false), value)
		if lbCents(lb) > thr {
			return lb, true
		}
		lb = max(lb, d.lagrange(ivs, true))
		if lbCents(lb) > thr {
			return lb, true
		}
		d.beta = 0
		lb = max(lb, d.lagrange(ivs, true))
		d.beta = beta
		return lb, true
	}
	ok, infeasible := d.relax(ivs, 0)
	if !ok && infeasible {
		// Confirm with the programme loosened: no plan at all, or the
		// solver's rounding (the loosened programme is a relaxation too:
		// its multipliers bound the node as well).
		var inf2 bool
		if ok, inf2 = d.relax(ivs, lpMargin); !ok && inf2 {
			return math.Inf(1), false
		}
	}
	if !ok {
		d.beta = beta
		d.mu = d.mu[:0]
		d.lpCaps = d.lpCaps[:0]
	}
	d.lpOK = ok
	// Every one is a lower bound: the Lagrangian at the programme's
	// multipliers, first with each year's E-model minimum (cheap), then
	// with the exact minima where they can be had; and where the node's
	// boxes force the goal, no multiplier (beta = 0: each year at its
	// cheapest) can be the strongest. Floating point in the multipliers
	// can make any of them the weaker: the largest is kept, and the exact
	// work is skipped once a cheaper bound already drops the node.
	thr := float64(d.threshold())
	lb := max(d.lagrange(ivs, false), value)
	if lbCents(lb) > d.threshold() {
		return lb, true
	}
	lb = max(lb, d.lagrange(ivs, true))
	if lbCents(lb) > d.threshold() || !ok {
		return lb, true
	}
	beta, mu := d.beta, append(d.muSave[:0], d.mu...)
	d.muSave = mu
	d.beta = 0
	clear(d.mu)
	if l0 := d.lagrange(ivs, false); l0 > lb || l0 > thr || true {
		lb = max(lb, l0, d.lagrange(ivs, true))
	}
	d.beta = beta
	copy(d.mu, mu)
	return lb, true
}

// lbCents turns a real lower bound into whole cents: costs are whole cents,
// so rounding the bound up (after taking off what floating point may have
// added) keeps it a lower bound.
func lbCents(lb float64) money.Cents {
	switch {
	case math.IsInf(lb, 1) || lb > float64(money.MaxAmount)*10:
		return money.MaxAmount * 10
	case math.IsNaN(lb) || lb < -float64(money.MaxAmount)*10:
		return -money.MaxAmount * 10
	}
	return money.Cents(math.Ceil(lb - 0.01))
}

// maxResolveSplits bounds the splits made around a node's plan once the
// E-model is resolved (to close a gap left by rounding at the cent).
const maxResolveSplits = 8

// solve runs the branch and bound on the structure rootBound just set up.
func (d *diver) solve() {
	p := d.p
	d.haveBest, d.cutShort, d.unresolved = false, false, false
	d.open = math.Inf(1)
	d.stack = d.stack[:0]
	d.seq = 0
	start := d.nodes
	// The root: what rootBound left in ivs, lo and hi. The nodes' intervals
	// and boxes live in arenas for the structure's solve.
	d.ivs = d.ivs[:len(d.views)]
	d.bx = append(append(d.bx[:0], d.lo...), d.hi...)
	d.stack = append(d.stack, node{iv: 0, bx: 0, parent: d.rootLB})
	// Best first: the open node of least bound (of the latest pushed among
	// equals, so that a plan's neighbourhood is seen through), so that a
	// structure cut short leaves the best bound its budget allows.
	for len(d.stack) > 0 {
		nd := d.popNode()
		if p.stop() || d.nodes-start >= p.roundNodes {
			if !p.stopped.Load() {
				d.cutShort = true
			}
			d.open = min(d.open, nd.parent)
			for _, rest := range d.stack {
				d.open = min(d.open, rest.parent)
			}
			d.stack = d.stack[:0]
			break
		}
		d.expand(nd)
	}
}

// The open nodes are a binary heap ordered by bound (written out rather
// than through container/heap, whose interface values allocate).
func (d *diver) less(i, j int) bool {
	a, b := &d.stack[i], &d.stack[j]
	if a.parent != b.parent {
		return a.parent < b.parent
	}
	return a.seq > b.seq
}

func (d *diver) pushNode(nd node) {
	d.stack = append(d.stack, nd)
	for i := len(d.stack) - 1; i > 0; {
		up := (i - 1) / 2
		if !d.less(i, up) {
			break
		}
		d.stack[i], d.stack[up] = d.stack[up], d.stack[i]
		i = up
	}
}

func (d *diver) popNode() node {
	h := d.stack
	top := h[0]
	n := len(h) - 1
	h[0] = h[n]
	d.stack = h[:n]
	for i := 0; ; {
		l, r, m := 2*i+1, 2*i+2, i
		if l < n && d.less(l, m) {
			m = l
		}
		if r < n && d.less(r, m) {
			m = r
		}
		if m == i {
			break
		}
		h[i], h[m] = h[m], h[i]
		i = m
	}
	return top
}

// threshold is the most a plan of this structure may cost to be worth
// finding: no more than the top-th best found anywhere, and less than the
// structure's own best.
func (d *diver) threshold() money.Cents {
	thr := d.p.roundWorst
	if d.haveBest && d.best.cost-1 < thr {
		thr = d.best.cost - 1
	}
	return thr
}

// push stacks a node with the given intervals and boxes.
func (d *diver) push(ivs []interval, lo, hi []money.Cents, parent float64, depth int) {
	d.seq++
	nd := node{iv: len(d.ivs), bx: len(d.bx), parent: parent, depth: depth, seq: d.seq}
	d.ivs = append(d.ivs, ivs...)
	d.bx = append(append(d.bx, lo...), hi...)
	d.pushNode(nd)
}

// expand handles one node: bound it, try its plan, and split it or leave
// it resolved or open.
func (d *diver) expand(nd node) {
	p := d.p
	h := len(d.views)
	ivs := append(d.nodeIvs[:0], d.ivs[nd.iv:nd.iv+h]...)
	d.nodeIvs = ivs
	d.lo = append(d.lo[:0], d.bx[nd.bx:nd.bx+d.nsrc]...)
	d.hi = append(d.hi[:0], d.bx[nd.bx+d.nsrc:nd.bx+2*d.nsrc]...)
	d.nodes++
	// The merge of the years' hulls first: cheap, and enough to drop most
	// nodes; the linear relaxation and exact minima only for the rest.
	if lb, ok := d.bound(ivs, false); !ok || lbCents(lb) > d.threshold() {
		return
	}
	lb, ok := d.bound(ivs, true)
	if nodeHook != nil {
		nodeHook(d, ivs, lb, ok)
	}
	if !ok || lbCents(lb) > d.threshold() {
		return
	}
	d.primal(ivs)
	if lbCents(lb) > d.threshold() {
		return // the plan just found closes the node
	}
	if u, x, ok := d.lpGapSplit(ivs); ok {
		d.split(ivs, u, x, lb, nd.depth)
		return
	}
	if nd.depth < min(p.splitDepth, maxResolveSplits) {
		if k, g, ok := d.boxSplit(); ok {
			d.splitBox(ivs, k, g, lb, nd.depth+1)
			return
		}
		if u, x, ok := d.needSplit(ivs); ok {
			d.split(ivs, u, x, lb, nd.depth+1)
			return
		}
	}
	d.open = min(d.open, lb)
	d.unresolved = true
}

// lpGapSplit finds where the relaxation's plan sits on a stretch of a
// year's cost that is not convex (the hull used is below the cost there),
// the year with the largest such difference, and the curve breakpoint
// inside that stretch to split at.
func (d *diver) lpGapSplit(ivs []interval) (int, float64, bool) {
	if !d.lpOK {
		return 0, 0, false
	}
	bestU, bestX, bestGap := -1, 0.0, 0.5 // cents: less is rounding
	k := 0
	for u := range d.views {
		m := &d.models[u]
		v := &d.views[u]
		x := m.x0
		for j := range v.src {
			lo := d.lo[d.first[u]+j]
			x += v.src[j].lowerX(lo, money.Cents(d.lpG[k])) - v.src[j].lowerX(lo, lo)
			k++
		}
		gap := v.curve.lowerAt(x) - m.hullAt(x)
		if gap <= bestGap {
			continue
		}
		// The hull's edge holding x, and the breakpoint inside it where
		// the cost is furthest above the edge.
		pts := m.cpts
		for i := 1; i < len(pts); i++ {
			if x < pts[i-1][0] || x > pts[i][0] {
				continue
			}
			yc := v.curve
			for j := yc.seg(pts[i-1][0]) + 1; j < len(yc.c.Segments); j++ {
				bx := float64(yc.c.Segments[j].X)
				if bx >= pts[i][0] {
					break
				}
				if bx <= ivs[u].a || bx >= ivs[u].b {
					continue
				}
				if g := yc.lowerAt(bx) - m.hullAt(bx); g > 0 {
					bestU, bestX, bestGap = u, bx, gap
				}
			}
			break
		}
	}
	return bestU, bestX, bestU >= 0
}

// split pushes the two halves of ivs cut at income x in year u, the half
// holding the relaxation's point last (explored first).
func (d *diver) split(ivs []interval, u int, x, lb float64, depth int) {
	left, right := ivs[u], ivs[u]
	left.b, right.a = x, x // closed intervals: x is in both
	xt := d.lpX(u)
	halves := [2]interval{left, right}
	if xt < x {
		halves = [2]interval{right, left}
	}
	for _, hv := range halves {
		ivs[u] = hv
		d.push(ivs, d.lo, d.hi, lb, depth)
	}
}

// lpX is year u's E-income at the relaxation's plan.
func (d *diver) lpX(u int) float64 {
	if !d.lpOK {
		return d.models[u].xAt(d.target[u])
	}
	v := &d.views[u]
	x := d.models[u].x0
	for j := range v.src {
		k := d.first[u] + j
		x += v.src[j].lowerX(d.lo[k], money.Cents(d.lpG[k])) - v.src[j].lowerX(d.lo[k], d.lo[k])
	}
	return x
}

// boxSplit chooses, at a node whose E-model is resolved but whose bound
// still falls short, a source of the first year to fix at an end of its
// box: the first year's minimum can be had exactly once a single source
// there is free, and the relaxation puts the others at an end of theirs.
// It returns the source and the end.
func (d *diver) boxSplit() (int, money.Cents, bool) {
	if !d.lpOK || len(d.views) == 0 {
		return 0, 0, false
	}
	f, n := d.first[0], len(d.views[0].src)
	free := 0
	for k := f; k < f+n; k++ {
		if d.lo[k] < d.hi[k] {
			free++
		}
	}
	if free < 2 {
		return 0, 0, false
	}
	for k := f; k < f+n; k++ {
		if d.lo[k] == d.hi[k] {
			continue
		}
		switch g := d.lpG[k]; {
		case g <= float64(d.lo[k])+50:
			return k, d.lo[k], true
		case g >= float64(d.hi[k])-50:
			return k, d.hi[k], true
		}
	}
	return 0, 0, false
}

// needSplit chooses, at a node whose E-model is resolved but whose bound
// still falls short, the year where the relaxation takes part of a
// straight stretch (the goal decides how far it goes) and the income it
// stops at: splitting there keeps the Lagrangian from trading that year's
// rounding at the cent elsewhere on the stretch against the goal.
func (d *diver) needSplit(ivs []interval) (int, float64, bool) {
	if !d.lpOK {
		return 0, 0, false
	}
	bestU, bestX, bestW := -1, 0.0, 200.0 // cents: narrower is done
	for u := range d.views {
		m := &d.models[u]
		x := d.lpX(u)
		a, b := max(ivs[u].a, m.x0), min(ivs[u].b, m.xend())
		if x <= a+100 || x >= b-100 {
			continue
		}
		if w := b - a; w > bestW {
			bestU, bestX, bestW = u, x, w
		}
	}
	return bestU, bestX, bestU >= 0
}

// splitBox pushes the node's box for source k cut into g (one of its
// ends) alone and the rest, g last (explored first).
func (d *diver) splitBox(ivs []interval, k int, g money.Cents, lb float64, depth int) {
	lo, hi := d.lo[k], d.hi[k]
	if g == lo {
		d.lo[k] = min(wholeDown(lo)+money.Dollar, hi)
	} else {
		d.hi[k] = prevAmount(hi)
	}
	d.push(ivs, d.lo, d.hi, lb, depth)
	d.lo[k], d.hi[k] = g, g
	d.push(ivs, d.lo, d.hi, lb, depth)
	d.lo[k], d.hi[k] = lo, hi
}

// nextAmount is the amount a source may move just above g (whole dollars,
// or all it holds).
func nextAmount(g, hi money.Cents) money.Cents { return min(wholeDown(g)+money.Dollar, hi) }

// prevAmount is the amount a source may move just below g: a dollar less,
// or the whole dollars below an amount that is not whole.
func prevAmount(g money.Cents) money.Cents {
	if g%money.Dollar != 0 {
		return wholeDown(g)
	}
	return g - money.Dollar
}

// primal tries the relaxation's plan: the linear programme's amounts (or,
// without one, each year's target converted amount mapped along its path),
// in whole dollars, replayed exactly from the start. It then repairs the
// plan toward the node's region a few times: a year whose exact income
// passed its interval gives back the excess, and what the goal then lacks
// goes to the year with the most room left in its interval. Every plan
// that reaches the goal is offered, inside the node or not.
func (d *diver) primal(ivs []interval) { d.primalTries(ivs, 6) }

// primalTries is primal with at most tries replays of repairs.
func (d *diver) primalTries(ivs []interval, tries int) {
	p := d.p
	for u := range d.views {
		f, n := d.first[u], len(d.views[u].src)
		lo, hi := d.lo[f:f+n], d.hi[f:f+n]
		d.amounts[u] = append(d.amounts[u][:0], lo...)
		if d.lpOK {
			for j := range d.amounts[u] {
				d.amounts[u][j] = money.Cents(math.Round(d.lpG[f+j]/100) * 100)
			}
		} else {
			d.models[u].amountsFor(d.target[u], lo, d.amounts[u])
		}
		for j := range d.amounts[u] {
			d.amounts[u][j] = snap(d.amounts[u][j], lo[j], hi[j])
		}
	}
	for try := 0; try < tries; try++ {
		cost, conv, ok := d.replay()
		if !ok {
			return
		}
		if conv >= p.goal && cost <= d.threshold() {
			d.take(d.plan(cost, conv))
		}
		over := false
		for u := range d.views {
			if excess := float64(d.replayX[u]) - ivs[u].b; excess > 0 {
				over = d.shift(u, -money.Cents(math.Ceil(excess/100))*money.Dollar) || over
			}
		}
		if !over && conv >= p.goal {
			return
		}
		if !over && !d.fillShort(ivs, conv) {
			return
		}
	}
}

// fillShort gives the goal's shortfall after the last replay (which
// converted conv) to a source that can take it: in years with the most
// room left in their interval first, each try replayed (a source whose
// account a later year empties cannot add to the total). It reports
// whether one took it.
func (d *diver) fillShort(ivs []interval, conv money.Cents) bool {
	p := d.p
	short := wholeUp(p.goal - conv + (p.goal-conv)/50)
	d.yearOrder = d.yearOrder[:0]
	for u := range d.views {
		d.yearOrder = append(d.yearOrder, u)
	}
	slices.SortStableFunc(d.yearOrder, func(a, b int) int {
		return cmp.Compare(ivs[b].b-float64(d.replayX[b]), ivs[a].b-float64(d.replayX[a]))
	})
	tries := 0
	for _, u := range d.yearOrder {
		f := d.first[u]
		for j, a := range d.amounts[u] {
			hi := d.hi[f+j]
			if a >= hi || tries == 8 {
				continue
			}
			tries++
			d.amounts[u][j] = snap(a+short, a, hi)
			if _, c, ok := d.replay(); ok && c > conv {
				return true
			}
			d.amounts[u][j] = a
		}
	}
	return false
}

// shift adds g (taken off when negative) to year u's amounts: to its
// sources in order while they have room (or, taking off, from the last
// while they hold more than their box's low end). It reports whether
// anything moved.
func (d *diver) shift(u int, g money.Cents) bool {
	f := d.first[u]
	a := d.amounts[u]
	moved := false
	if g > 0 {
		for j := range a {
			if hi := d.hi[f+j]; a[j] < hi && g > 0 {
				na := snap(a[j]+g, a[j], hi)
				g -= na - a[j]
				moved = moved || na != a[j]
				a[j] = na
			}
		}
		return moved
	}
	for j := len(a) - 1; j >= 0 && g < 0; j-- {
		if lo := d.lo[f+j]; a[j] > lo {
			na := max(wholeDown(a[j]+g), lo)
			g += a[j] - na
			moved = moved || na != a[j]
			a[j] = na
		}
	}
	return moved
}

// replay carries out d.amounts from the start and returns the plan's
// objective and converted amount; ok is false when rules refuse a move or
// a year breaks its limit. Amounts are matched to the sources by account,
// as each year then stands.
func (d *diver) replay() (cost, conv money.Cents, ok bool) {
	p := d.p
	w := &d.work
	d.start.CopyTo(w)
	var e rules.Effect
	ns := d.poolSlot() + 1
	for u := range d.views {
		d.ms = d.s.actionMoves(d.ms[:0], w, u)
		for i := range d.ms {
			if w.Apply(&d.ms[i], &e) != nil {
				return 0, 0, false
			}
		}
		d.slotAmt = d.slotAmt[:0]
		for i := 0; i < ns; i++ {
			d.slotAmt = append(d.slotAmt, 0)
		}
		for j, s := range d.views[u].src {
			if s.members != nil {
				poolAmounts(s.members, w, d.amounts[u][j], d.slotAmt)
				continue
			}
			d.slotAmt[s.slot] = d.amounts[u][j]
		}
		d.replayAmt[u] = append(d.replayAmt[u][:0], d.slotAmt...)
		d.srcs = w.Sources(d.srcs, d.s.rollIns(u))
		for _, src := range d.srcs {
			g := min(d.slotAmt[slotOf(src)], w.Cap(src))
			d.ms = w.SourceMoves(d.ms[:0], src, g)
			for i := range d.ms {
				if w.Apply(&d.ms[i], &e) != nil {
					return 0, 0, false
				}
			}
		}
		w.CloseYear(w.OpenYear(), &d.yr)
		d.replayX[u] = d.yr.AddedOrdinary
		if l := p.limits[u]; l >= 0 && d.yr.AddedOrdinary > l {
			return 0, 0, false
		}
		d.evals++
		cost += d.curve(u, d.yr.PenaltyBase).at(d.yr.AddedOrdinary)
		conv += d.yr.Converted
	}
	return cost, conv, true
}

// curveMemo is the last curve a diver took for a year, kept so that a
// replay need not take the shared cache's lock.
type curveMemo struct {
	penalty money.Cents
	c       *yearCurve
}

// curve returns year u's cost curve with penalty bearing the 10% tax
// (prepared.curveFor, remembered per year).
func (d *diver) curve(u int, penalty money.Cents) *yearCurve {
	m := &d.curves[u]
	if m.c == nil || m.penalty != penalty {
		m.penalty, m.c = penalty, d.p.curveFor(u, penalty)
	}
	return m.c
}

// plan records d.amounts as a plan.
func (d *diver) plan(cost, conv money.Cents) plan {
	pl := plan{cost: cost, conv: conv, amounts: make([][]slotAmount, len(d.views))}
	for u := range pl.amounts {
		for slot, a := range d.replayAmt[u] {
			if a != 0 {
				pl.amounts[u] = append(pl.amounts[u], slotAmount{slot: slot, amount: a})
			}
		}
	}
	return pl
}

// take keeps pl as the structure's best and offers it to the ranking.
func (d *diver) take(pl plan) {
	if d.haveBest && pl.cost >= d.best.cost {
		return
	}
	d.best, d.haveBest = pl, true
	d.p.offer(d.sIdx, pl.cost)
}

// snap returns the amount a source may move nearest below g within
// [lo, hi]: whole dollars, or all it holds (hi).
func snap(g, lo, hi money.Cents) money.Cents {
	if g >= hi {
		return hi
	}
	g = wholeDown(g)
	if g < lo {
		return lo
	}
	return g
}

// capacities lists the accounts that are a fill source in more than one
// year (d.capSlot) and, per such account and year, what it holds then as
// projected with no fill (d.capAt; -1 when it is no source that year):
// the relaxation's capacity rows.
func (d *diver) capacities() {
	h := len(d.views)
	d.capSlot = d.capSlot[:0]
	d.capAt = d.capAt[:0]
	ns := d.poolSlot() + 1
	for slot := 0; slot < ns; slot++ {
		years := 0
		for u := range d.views {
			for _, s := range d.views[u].src {
				if s.slot == slot && s.lo.Cap > 0 {
					years++
				}
			}
		}
		if years < 2 {
			continue
		}
		d.capSlot = append(d.capSlot, slot)
		for u := 0; u < h; u++ {
			c := money.Cents(-1)
			for _, s := range d.views[u].src {
				if s.slot == slot {
					c = s.lo.Cap
				}
			}
			d.capAt = append(d.capAt, c)
		}
	}
}

// nodeHook, when set (tests), sees each node's bound as it is made.
var nodeHook func(d *diver, ivs []interval, lb float64, ok bool)
