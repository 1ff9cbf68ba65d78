package search

import (
	"cmp"
	"slices"

	"github.com/rothpath/optimize/money"
)

// The fill: for a fixed structure of basis moves, choose how many whole
// dollars to convert in each year from each continuous source (an IRA
// conversion, a partial plan distribution to Roth, an in-plan Roth rollover)
// so that the goal is met at the least total cost.
//
// Each source carries a nontaxable share fixed by the structure: Form 8606
// line 10 is taken on the year-end value plus the year's conversions, which
// the conversion amount does not change, and a pro-rata distribution leaves
// the plan's after-tax ratio as it was. So a year's added taxable income is a
// known nondecreasing function of the gross it converts, and the year's cost
// is a piecewise-linear function of that income (objective.Curve).
//
// Exactness where costs are not convex (IRMAA cliffs, the Social Security
// phase-in, the senior deduction phase-out, gains stacking): with one coupling
// constraint (the goal) and separable piecewise-linear costs, some optimum has
// every year but at most one at a breakpoint of its own cost: were two years
// strictly inside linear pieces, moving dollars between them changes the cost
// linearly, so one can be pushed to a piece's end without raising it. The fill
// therefore builds, by a Pareto dynamic programme, every useful combination of
// breakpoints over all years but one, and lets the remaining year take exactly
// what the goal still needs. Amounts are whole dollars, as a client converts.

// fillYear is one year of the fill problem.
type fillYear struct {
	src    []contSource                        // sorted by nontaxable share, highest first
	fixed  money.Cents                         // taxable income the structure adds regardless of the fill
	limit  money.Cents                         // most added taxable income allowed; negative: no limit
	breaks []money.Cents                       // added-taxable points where the cost changes slope or jumps
	cost   func(added money.Cents) money.Cents // the year's cost at that much added taxable income
}

// taxable returns the year's added taxable income when gross g is converted,
// taking the sources in order.
func (y *fillYear) taxable(g money.Cents) money.Cents {
	t := y.fixed
	for i := range y.src {
		if g <= 0 {
			break
		}
		s := &y.src[i]
		take := money.Min(g, s.cap)
		t += take - s.nontaxable(take)
		g -= take
	}
	return t
}

// conv returns what gross g adds toward the goal: the gross itself, less
// the nontaxable part of conversions whose basis is counted in the roll-in
// year instead.
func (y *fillYear) conv(g money.Cents) money.Cents {
	c := g
	for i := range y.src {
		if g <= 0 {
			break
		}
		s := &y.src[i]
		take := money.Min(g, s.cap)
		if s.deferBasis {
			c -= s.nontaxable(take)
		}
		g -= take
	}
	return c
}

// minGrossForConv returns the least whole-dollar gross adding at least c
// toward the goal, or hi+1 dollar when none up to hi does.
func (y *fillYear) minGrossForConv(c, hi money.Cents) money.Cents {
	if !y.defers() {
		return wholeDollarsAtLeast(c, hi)
	}
	return y.minGrossForConvNear(c, y.convEstimate(c), hi)
}

// minGrossForConvHint is minGrossForConv for a caller that knows a gross
// near the answer.
func (y *fillYear) minGrossForConvHint(c, hint, hi money.Cents) money.Cents {
	if !y.defers() {
		return wholeDollarsAtLeast(c, hi)
	}
	return y.minGrossForConvNear(c, hint, hi)
}

// wholeDollarsAtLeast is minGrossForConv where conv(g) = g: the least whole
// dollar at or above c, or hi+1 dollar when that is above hi.
func wholeDollarsAtLeast(c, hi money.Cents) money.Cents {
	if c <= 0 {
		return 0
	}
	top := int64(hi / money.Dollar)
	if g := (int64(c) + int64(money.Dollar) - 1) / int64(money.Dollar); g <= top {
		return money.Cents(g) * money.Dollar
	}
	return money.Cents(top+1) * money.Dollar
}

// convEstimate inverts conv on the sources' shares, without the cent
// rounding of their nontaxable parts: a hint within a few dollars of the
// least gross adding c, which minGrossForConvNear then settles exactly.
func (y *fillYear) convEstimate(c money.Cents) money.Cents {
	var g money.Cents
	for i := range y.src {
		s := &y.src[i]
		full := s.cap
		if s.deferBasis {
			full -= s.nontaxable(s.cap)
		}
		if c > full {
			c -= full
			g += s.cap
			continue
		}
		num, den := s.shareFrac()
		if !s.deferBasis || num <= 0 {
			return g + c
		}
		if num >= den {
			return g + s.cap
		}
		return g + money.MulDiv(c, den, den-num)
	}
	return g
}

// minGrossForConvBisect is minGrossForConv by bisection over whole dollars.
func (y *fillYear) minGrossForConvBisect(c, hi money.Cents) money.Cents {
	lo, top := int64(0), int64(hi/money.Dollar)
	if y.conv(money.Cents(top)*money.Dollar) < c {
		return money.Cents(top+1) * money.Dollar
	}
	for lo < top {
		mid := lo + (top-lo)/2
		if y.conv(money.Cents(mid)*money.Dollar) >= c {
			top = mid
		} else {
			lo = mid + 1
		}
	}
	return money.Cents(lo) * money.Dollar
}

// defers reports whether some source's basis counts toward the goal in a
// later year (deferBasis): only then does conv differ from the gross.
func (y *fillYear) defers() bool {
	for i := range y.src {
		if y.src[i].deferBasis {
			return true
		}
	}
	return false
}

func (y *fillYear) capacity() money.Cents {
	var c money.Cents
	for i := range y.src {
		c += y.src[i].cap
	}
	return c
}

// minGrossFor returns the least whole-dollar gross whose taxable income
// reaches t, or hi+1 dollar when none up to hi does.
func (y *fillYear) minGrossFor(t, hi money.Cents) money.Cents {
	lo, top := int64(0), int64(hi/money.Dollar)
	if y.taxable(money.Cents(top)*money.Dollar) < t {
		return money.Cents(top+1) * money.Dollar
	}
	for lo < top {
		mid := lo + (top-lo)/2
		if y.taxable(money.Cents(mid)*money.Dollar) >= t {
			top = mid
		} else {
			lo = mid + 1
		}
	}
	return money.Cents(lo) * money.Dollar
}

// minGrossForConvNear is minGrossForConv searching from hint: it steps a
// dollar at a time while close, then falls back to bisection.
func (y *fillYear) minGrossForConvNear(c, hint, hi money.Cents) money.Cents {
	g := hint / money.Dollar * money.Dollar
	if g > hi {
		g = hi / money.Dollar * money.Dollar
	}
	for i := 0; i < 64; i++ {
		if y.conv(g) >= c {
			if g == 0 || y.conv(g-money.Dollar) < c {
				return g
			}
			g -= money.Dollar
		} else {
			if g+money.Dollar > hi {
				return hi/money.Dollar*money.Dollar + money.Dollar
			}
			g += money.Dollar
		}
	}
	return y.minGrossForConvBisect(c, hi)
}

// maxGross is the most whole-dollar gross the year may convert within its
// capacity and its taxable limit; -1 when even the structure's fixed income
// breaks the limit.
func (y *fillYear) maxGross() money.Cents {
	c := y.capacity() / money.Dollar * money.Dollar
	if y.limit < 0 {
		return c
	}
	if y.fixed > y.limit {
		return -1
	}
	g := y.minGrossFor(y.limit+1, c) - money.Dollar // last gross at or under the limit
	return money.Min(g, c)
}

// candidates returns the year's breakpoints in gross dollars, ascending and
// unique, each with the year's cost there.
func (y *fillYear) candidates(dst []cand) []cand {
	dst = dst[:0]
	hi := y.maxGross()
	if hi < 0 {
		return dst
	}
	add := func(g money.Cents) {
		if g < 0 || g > hi {
			return
		}
		dst = append(dst, cand{gross: g})
	}
	add(0)
	add(hi)
	var cum money.Cents
	for i := range y.src {
		cum += y.src[i].cap
		d := cum / money.Dollar * money.Dollar
		add(d)
		add(d + money.Dollar) // first dollar of the next source
	}
	for _, b := range y.breaks {
		if b <= y.fixed {
			continue
		}
		g := y.minGrossFor(b, hi)
		add(g)
		add(g - money.Dollar)
	}
	slices.SortFunc(dst, func(a, b cand) int { return cmp.Compare(a.gross, b.gross) })
	out := dst[:0]
	for i, c := range dst {
		if i > 0 && c.gross == out[len(out)-1].gross {
			continue
		}
		out = append(out, c)
	}
	for i := range out {
		out[i].cost = y.cost(y.taxable(out[i].gross))
		out[i].conv = y.conv(out[i].gross)
	}
	return out
}

type cand struct {
	gross money.Cents
	conv  money.Cents
	cost  money.Cents
}

// pstate is one Pareto-optimal partial plan: converted so far and its cost.
type pstate struct {
	conv money.Cents
	cost money.Cents
	prev int32 // index in the previous layer
	pick int32 // candidate index in this layer's year (-1: year skipped)
}

// filler holds the buffers of the fill, reused across structures.
type filler struct {
	cands  [][]cand
	layers [][]pstate
	next   []pstate
	merged []pstate
	// halt stops the programme between layers and between candidates of a
	// layer (see stop.go); solve then settles for the best run completed.
	halt halt
	// thinned records that some layer was cut to maxLayerStates since the
	// evaluator was made: the fills are then not proven optimal.
	thinned bool
	// bnd prunes states that cannot beat a known fill (fillbound.go);
	// unbounded turns it off, for tests that compare the two.
	bnd       fillBounds
	unbounded bool
}

// fillResult is the best fill found.
type fillResult struct {
	ok    bool
	cost  money.Cents
	gross []money.Cents // per year
}

// solve finds the cheapest whole-dollar gross per year converting at least
// need in all. It returns ok=false when the need cannot be met. When f.halt
// trips it returns the best of the programmes it completed (each a fill
// meeting need, optimal over a subset of the free years), or ok=false when it
// completed none.
func (f *filler) solve(years []fillYear, need money.Cents, out *fillResult) {
	n := len(years)
	if cap(f.cands) < n {
		f.cands = make([][]cand, n)
		f.layers = make([][]pstate, n+1)
	}
	f.cands = f.cands[:n]
	f.layers = f.layers[:n+1]
	if cap(out.gross) < n {
		out.gross = make([]money.Cents, n)
	}
	out.gross = out.gross[:n]
	out.ok = false
	for i := range years {
		f.cands[i] = years[i].candidates(f.cands[i])
		if len(f.cands[i]) == 0 {
			return // the structure's own income breaks this year's limit
		}
		// Costs only grow with gross: past the first candidate that meets
		// the whole need alone, none can help.
		for k, c := range f.cands[i] {
			if c.conv >= need {
				f.cands[i] = f.cands[i][:k+1]
				break
			}
		}
	}
	if need <= 0 {
		out.ok, out.cost = true, 0
		for i := range years {
			out.gross[i] = 0
			out.cost += f.cands[i][0].cost // candidate 0 is gross 0
		}
		return
	}
	ub := money.Cents(-1) // the cost of a known fill; -1: none
	if !f.unbounded {
		f.bnd.build(f.cands)
		if c, ok := f.bnd.upper(years, f.cands, need); ok {
			ub = c
		}
	}
	bestJ, bestCost := -2, money.Cents(0)
	// Every year at a breakpoint (j = -1), then each year j left free.
	// Year costs are never negative, so a partial plan costing more than
	// the best complete one so far is dropped. Each new best is traced at
	// once, while its layers are at hand: the bound drops only states costing
	// more than the new best's total, which neither its best final state nor
	// that state's ancestors do, and dropping them changes no other state's
	// fate (a state that dominates another costs no more), so the trace is
	// the one an unbounded run would give. The same holds of the relaxed
	// bound (fillbound.go), which drops a state only when its cost plus
	// the least its remaining years could cost exceeds the bound: a state
	// dominating another has no higher such sum, so a dropped state leaves
	// only states that are dropped too, and the kept states are the
	// unbounded frontier's within the bound. ub, a real fill's cost, bounds
	// the first run.
	//
	// The free years go last to first: the all-breakpoint run's layers up
	// to year j are then still in place for the run leaving year j free
	// (later runs rewrite only the layers after their free year), so each
	// run starts at its free year. Those layers were built with no bound,
	// a superset of what a bounded run keeps; the extra states all cost
	// more than the bound, so they neither remove a state nor lead to a
	// total below it, and the run's best and its trace are unchanged.
	for k := 0; k <= n && !f.halt.now(); k++ {
		j, from := -1, 0
		if k > 0 {
			j = n - k
			from = j
		}
		bound := ub
		if bestJ != -2 && (bound < 0 || bestCost < bound) {
			bound = bestCost
		}
		if j >= 0 && bound >= 0 && !f.unbounded {
			f.bnd.leaveFree(j)
		}
		c, ok := f.run(years, j, from, need, bound)
		if ok && (bestJ == -2 || c < bestCost) {
			bestJ, bestCost = j, c
			f.trace(years, j, need, out)
		}
	}
	if bestJ == -2 {
		return
	}
	out.ok = true
	out.cost = bestCost
}

// run performs the Pareto programme over every year but free (-1: none) and
// returns the best total meeting need, with free taking what is missing. It
// starts from f.layers[from], which must hold years before from as this
// programme would build them (or a superset costing more than bound).
// States costing more than bound (when not negative) are dropped. It reports
// false, its layers unfinished, when f.halt trips.
func (f *filler) run(years []fillYear, free, from int, need, bound money.Cents) (money.Cents, bool) {
	if from == 0 {
		f.layers[0] = append(f.layers[0][:0], pstate{prev: -1, pick: -1})
	}
	layer := f.layers[from]
	for i := from; i < len(years); i++ {
		if f.halt.now() {
			return 0, false
		}
		var next []pstate
		if i == free {
			next = f.next[:0]
			for k, s := range layer {
				next = append(next, pstate{conv: s.conv, cost: s.cost, prev: int32(k), pick: -1})
			}
			f.next = next
		} else {
			var lb lbView
			if !f.unbounded && bound >= 0 {
				lb = f.bnd.view(i, free)
			}
			next = f.extend(layer, f.cands[i], need, bound, lb)
			if f.halt.now() {
				return 0, false // extend may have stopped part way
			}
		}
		f.layers[i+1] = append(f.layers[i+1][:0], next...)
		layer = f.layers[i+1]
	}
	best, found := money.Cents(0), false
	hi := freeMax(years, free)
	for _, s := range layer {
		total, ok := f.finish(years, free, need, hi, s)
		if ok && (!found || total < best) {
			best, found = total, true
		}
	}
	return best, found
}

// finish completes a state by giving the free year what the goal still needs.
// hi is the free year's maxGross (the same for every state: its callers
// compute it once).
func (f *filler) finish(years []fillYear, free int, need, hi money.Cents, s pstate) (money.Cents, bool) {
	miss := need - s.conv
	if free < 0 {
		return s.cost, miss <= 0
	}
	y := &years[free]
	g := money.Cents(0)
	if miss > 0 {
		g = y.minGrossForConv(miss, hi)
	}
	if g > hi {
		return 0, false
	}
	return s.cost + y.cost(y.taxable(g)), true
}

// trace writes into out.gross the fill of the best final state of the
// layers of the run just done, free taking what is missing.
func (f *filler) trace(years []fillYear, free int, need money.Cents, out *fillResult) {
	n := len(years)
	last := f.layers[n]
	bi, best := -1, money.Cents(0)
	hi := freeMax(years, free)
	for k, s := range last {
		total, ok := f.finish(years, free, need, hi, s)
		if ok && (bi < 0 || total < best) {
			bi, best = k, total
		}
	}
	k := int32(bi)
	conv := last[bi].conv
	for i := n; i >= 1; i-- {
		s := f.layers[i][k]
		if s.pick >= 0 {
			out.gross[i-1] = f.cands[i-1][s.pick].gross
		} else {
			out.gross[i-1] = 0
		}
		k = s.prev
	}
	if free >= 0 {
		if miss := need - conv; miss > 0 {
			out.gross[free] = years[free].minGrossForConv(miss, years[free].maxGross())
		}
	}
}

// freeMax is the free year's maxGross, 0 when no year is free.
func freeMax(years []fillYear, free int) money.Cents {
	if free < 0 {
		return 0
	}
	return years[free].maxGross()
}

// extend returns the Pareto frontier of layer combined with each of a
// year's candidates: no kept state converts as much (anything above need
// counting as need) for no more cost. layer is sorted by converted amount,
// descending; so is layer shifted by one candidate, and the frontier is built
// by merging those runs one at a time, in linear time and without sorting.
// Ties keep the earlier state in (cost, prev, pick) order, so the result does
// not depend on anything but the inputs. States costing more than bound
// (when not negative) are dropped, and so are states whose cost plus lb's
// relaxed cost of what they miss exceeds it. When f.halt trips it stops
// part way (the caller must check).
func (f *filler) extend(layer []pstate, cands []cand, need, bound money.Cents, lb lbView) []pstate {
	cur := f.next[:0]
	// States already meeting need gain nothing from a candidate past the
	// first (gross 0, the cheapest): they lead the layer, so later
	// candidates start after them. Converted amounts are kept capped at
	// need, which is all the frontier tells apart.
	met := 0
	for met < len(layer) && layer[met].conv >= need {
		met++
	}
	limit := float64(bound) + f.bnd.slack // what lb's sum may reach
	for ci, c := range cands {
		if f.halt.now() {
			break
		}
		from := 0
		if ci > 0 {
			from = met
		}
		if from >= len(layer) {
			break
		}
		// No shifted state costs less than the layer's cheapest (its last)
		// plus c, nor misses less than its first with c: when even that
		// pair is out of bound, so is every shifted state. Later candidates
		// cost no less, so past the plain bound none can help.
		least := layer[len(layer)-1].cost + c.cost
		if bound >= 0 && least > bound {
			break
		}
		if lb.on {
			k0 := 0
			if float64(least)+lb.add+lb.relaxed(float64(need-min(layer[from].conv+c.conv, need)), &k0) > limit {
				continue
			}
		}
		// Merge cur with the layer shifted by candidate c, generating the
		// shifted states as the merge takes them.
		merged := f.merged[:0]
		i, k := 0, from
		var rs pstate
		cursor := 0           // the states' misses only grow along the layer
		next := func() bool { // rs = the next shifted state within bound
			for ; k < len(layer); k++ {
				s := &layer[k]
				rs = pstate{conv: min(s.conv+c.conv, need), cost: s.cost + c.cost, prev: int32(k), pick: int32(ci)}
				if bound >= 0 && rs.cost > bound {
					continue
				}
				if lb.on && float64(rs.cost)+lb.add+lb.relaxed(float64(need-rs.conv), &cursor) > limit {
					continue
				}
				return true
			}
			return false
		}
		have := next()
		for have || i < len(cur) {
			var st pstate
			if !have || (i < len(cur) && before(&cur[i], &rs)) {
				st, i = cur[i], i+1
			} else {
				st = rs
				k++
				have = next()
			}
			if n := len(merged); n > 0 && st.cost >= merged[n-1].cost {
				continue // converts no more, costs no less
			}
			merged = append(merged, st)
		}
		f.merged = cur
		cur = merged
	}
	if len(cur) > maxLayerStates {
		cur = thin(cur, maxLayerStates)
		f.thinned = true
	}
	f.next = cur
	return cur
}

// maxLayerStates bounds a layer of the Pareto programme. Realistic and the
// oracle's households stay far below it (at most 2,680 states on 2,000
// RealisticShape households, 403 on seed 000 over five years), but many
// plans over decades reach millions of states per layer: gigabytes of
// memory and minutes of work for one structure. Past the bound a layer is
// thinned and the search's answer is no longer proven optimal.
const maxLayerStates = 1 << 15

// thin keeps n of the layer's states, evenly spaced along the frontier, its
// first (most converted) and last (cheapest) included, in place.
func thin(layer []pstate, n int) []pstate {
	last := len(layer) - 1
	for k := 0; k < n; k++ {
		layer[k] = layer[k*last/(n-1)]
	}
	return layer[:n]
}

// before orders states by converted amount (capped at need) descending, then
// cost, previous state and candidate ascending.
func before(a, b *pstate) bool {
	if a.conv != b.conv { // both capped at need by extend
		return a.conv > b.conv
	}
	if a.cost != b.cost {
		return a.cost < b.cost
	}
	if a.prev != b.prev {
		return a.prev < b.prev
	}
	return a.pick < b.pick
}

// polish removes the cent-level rounding noise the breakpoint argument
// cannot see. Between breakpoints a year's cost is linear only up to the
// rounding of Form 8606 line 11 and of each tax line, so two years whose
// marginal costs are equal form a flat direction along which the exact cost
// still varies by a cent or two. polish moves up to window dollars into one
// year, lets another year give back exactly what the goal no longer needs,
// and keeps each strict improvement; when no pair helps it tries small
// three-year moves. It ends when nothing improves, or when h trips (keeping
// the improvements made).
func polish(years []fillYear, need money.Cents, window int64, out *fillResult, h halt) {
	p := polisher{costMemo: newCostMemo(years, out.gross), need: need, out: out, halt: h}
	n := len(years)
	p.costs = make([]money.Cents, n)
	p.convs = make([]money.Cents, n)
	p.maxG = make([]money.Cents, n)
	for i := range years {
		p.maxG[i] = years[i].maxGross()
		p.set(i, out.gross[i])
	}
	for round, improved := 0, true; improved && round < polishRounds; round++ {
		improved = false
		for a := 0; a < n; a++ {
			if h.now() {
				return
			}
			for b := 0; b < n; b++ {
				if a != b && p.bestShift(a, b, window) {
					improved = true
				}
			}
		}
		if !improved && n >= 3 {
			improved = p.bestTriple()
		}
	}
}

// polishRounds bounds polish's sweeps: each removes at least a cent, and a
// household can have a long run of one-cent steps that no one would miss.
const polishRounds = 6

type polisher struct {
	// The years and their costs by gross: the pair and triple moves ask
	// for the same grosses again and again.
	costMemo
	need         money.Cents
	out          *fillResult
	costs, convs []money.Cents
	maxG         []money.Cents
	halt         halt
}

// costMemo remembers each year's cost by gross, which does not change while
// a fill problem is polished: per year, the cost at each whole-dollar gross
// within memoSpan dollars of where the polish began (-1: not yet known).
type costMemo struct {
	years []fillYear
	memo  [][]money.Cents
	base  []money.Cents
}

// memoSpan is how far from a year's starting gross costAt remembers costs:
// a pair move reaches window dollars either way, and a few rounds of them
// can drift further.
const memoSpan = 3 * polishWindow

func newCostMemo(years []fillYear, around []money.Cents) costMemo {
	n := len(years)
	m := costMemo{years: years, memo: make([][]money.Cents, n), base: make([]money.Cents, n)}
	cells := make([]money.Cents, n*(2*memoSpan+1))
	for i := range cells {
		cells[i] = -1
	}
	for i := range m.memo {
		m.memo[i] = cells[i*(2*memoSpan+1) : (i+1)*(2*memoSpan+1)]
		m.base[i] = around[i] - memoSpan*money.Dollar
	}
	return m
}

// costAt is year i's cost when it converts gross g.
func (m *costMemo) costAt(i int, g money.Cents) money.Cents {
	k := g - m.base[i]
	if k < 0 || k%money.Dollar != 0 || k/money.Dollar >= money.Cents(len(m.memo[i])) {
		return m.years[i].cost(m.years[i].taxable(g))
	}
	c := &m.memo[i][k/money.Dollar]
	if *c < 0 {
		*c = m.years[i].cost(m.years[i].taxable(g))
	}
	return *c
}

func (p *polisher) set(i int, g money.Cents) {
	p.out.gross[i] = g
	p.costs[i] = p.costAt(i, g)
	p.convs[i] = p.years[i].conv(g)
}

func (p *polisher) total() (cost, conv money.Cents) {
	for i := range p.costs {
		cost += p.costs[i]
		conv += p.convs[i]
	}
	return cost, conv
}

// settle returns the least gross for year b that keeps the goal met when the
// other years convert others, and its cost; ok=false when b cannot. It
// searches near where a dollar-for-dollar shift lands.
func (p *polisher) settle(b int, others money.Cents) (money.Cents, money.Cents, bool) {
	miss := p.need - others
	g := money.Cents(0)
	if miss > 0 {
		// Gross converts nearly dollar for dollar: start where that lands.
		hint := money.Max(p.out.gross[b]+miss-p.convs[b], 0)
		g = p.years[b].minGrossForConvHint(miss, hint, p.maxG[b])
	}
	if g > p.maxG[b] {
		return 0, 0, false
	}
	return g, p.costAt(b, g), true
}

// bestShift tries year a at its gross plus d dollars (d from -window to
// window, 0 included so b alone can trim excess) with b settling; it applies
// the best strict improvement.
func (p *polisher) bestShift(a, b int, window int64) bool {
	_, conv := p.total()
	rest := conv - p.convs[a] - p.convs[b]
	bestGain := money.Cents(0)
	var ga, gb money.Cents
	for d := -window; d <= window; d++ {
		g := p.out.gross[a] + money.Cents(d)*money.Dollar
		if g < 0 || g > p.maxG[a] {
			continue
		}
		ca := p.costAt(a, g)
		g2, cb, ok := p.settle(b, rest+p.years[a].conv(g))
		if !ok {
			continue
		}
		if gain := p.costs[a] + p.costs[b] - ca - cb; gain > bestGain {
			bestGain, ga, gb = gain, g, g2
		}
	}
	if bestGain == 0 {
		return false
	}
	p.set(a, ga)
	p.set(b, gb)
	p.out.cost -= bestGain
	return true
}

// tripleWindow bounds the dollars bestTriple moves in each of two years.
const tripleWindow = 4

// bestTriple tries moving small amounts in two years at once with a third
// settling, which a pair move cannot do when each pair alone looks no better.
func (p *polisher) bestTriple() bool {
	n := len(p.years)
	_, conv := p.total()
	bestGain := money.Cents(0)
	var bi [3]int
	var bg [3]money.Cents
	for a := 0; a < n; a++ {
		for b := a + 1; b < n; b++ {
			if p.halt.now() {
				return false // nothing applied: the fill stays as it was
			}
			for c := 0; c < n; c++ {
				if c == a || c == b {
					continue
				}
				rest := conv - p.convs[a] - p.convs[b] - p.convs[c]
				for da := int64(-tripleWindow); da <= tripleWindow; da++ {
					ga := p.out.gross[a] + money.Cents(da)*money.Dollar
					if da == 0 || ga < 0 || ga > p.maxG[a] {
						continue
					}
					ca := p.costAt(a, ga)
					va := p.years[a].conv(ga)
					for db := int64(-tripleWindow); db <= tripleWindow; db++ {
						gb := p.out.gross[b] + money.Cents(db)*money.Dollar
						if db == 0 || gb < 0 || gb > p.maxG[b] {
							continue
						}
						cb := p.costAt(b, gb)
						gc, cc, ok := p.settle(c, rest+va+p.years[b].conv(gb))
						if !ok {
							continue
						}
						if gain := p.costs[a] + p.costs[b] + p.costs[c] - ca - cb - cc; gain > bestGain {
							bestGain, bi, bg = gain, [3]int{a, b, c}, [3]money.Cents{ga, gb, gc}
						}
					}
				}
			}
		}
	}
	if bestGain == 0 {
		return false
	}
	for k := range bi {
		p.set(bi[k], bg[k])
	}
	p.out.cost -= bestGain
	return true
}
