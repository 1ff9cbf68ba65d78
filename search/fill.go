package search

import (
	"sort"

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

// fillSource is one continuous way to convert in a year.
type fillSource struct {
	ref      int         // index of the continuous source in its structure
	num, den int64       // nontaxable share num/den of each gross dollar
	cap      money.Cents // most gross available this year, whole dollars
}

// fillYear is one year of the fill problem.
type fillYear struct {
	src    []fillSource                        // sorted by nontaxable share, highest first
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
		t += take - money.MulDiv(take, s.num, s.den)
		g -= take
	}
	return t
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
	sort.Slice(dst, func(i, j int) bool { return dst[i].gross < dst[j].gross })
	out := dst[:0]
	for i, c := range dst {
		if i > 0 && c.gross == out[len(out)-1].gross {
			continue
		}
		out = append(out, c)
	}
	for i := range out {
		out[i].cost = y.cost(y.taxable(out[i].gross))
	}
	return out
}

type cand struct {
	gross money.Cents
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
}

// fillResult is the best fill found.
type fillResult struct {
	ok    bool
	cost  money.Cents
	gross []money.Cents // per year
}

// solve finds the cheapest whole-dollar gross per year converting at least
// need in all. It returns ok=false when the need cannot be met.
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
	}
	if need <= 0 {
		out.ok, out.cost = true, 0
		for i := range years {
			out.gross[i] = 0
			out.cost += f.cands[i][0].cost // candidate 0 is gross 0
		}
		return
	}
	bestJ, bestCost := -2, money.Cents(0)
	// Every year at a breakpoint (j = -1), then each year j left free.
	for j := -1; j < n; j++ {
		c, ok := f.run(years, j, need)
		if ok && (bestJ == -2 || c < bestCost) {
			bestJ, bestCost = j, c
		}
	}
	if bestJ == -2 {
		return
	}
	f.run(years, bestJ, need) // rebuild the layers of the winner to trace it
	f.trace(years, bestJ, need, out)
	out.ok = true
	out.cost = bestCost
}

// run performs the Pareto programme over every year but free (-1: none) and
// returns the best total meeting need, with free taking what is missing.
func (f *filler) run(years []fillYear, free int, need money.Cents) (money.Cents, bool) {
	layer := append(f.layers[0][:0], pstate{prev: -1, pick: -1})
	f.layers[0] = layer
	for i := range years {
		next := f.next[:0]
		if i == free {
			for k, s := range layer {
				next = append(next, pstate{conv: s.conv, cost: s.cost, prev: int32(k), pick: -1})
			}
		} else {
			for k, s := range layer {
				for ci, c := range f.cands[i] {
					next = append(next, pstate{conv: s.conv + c.gross, cost: s.cost + c.cost, prev: int32(k), pick: int32(ci)})
				}
			}
		}
		next = pareto(next, need)
		f.next = next
		f.layers[i+1] = append(f.layers[i+1][:0], next...)
		layer = f.layers[i+1]
	}
	best, found := money.Cents(0), false
	for _, s := range layer {
		total, ok := f.finish(years, free, need, s)
		if ok && (!found || total < best) {
			best, found = total, true
		}
	}
	return best, found
}

// finish completes a state by giving the free year what the goal still needs.
func (f *filler) finish(years []fillYear, free int, need money.Cents, s pstate) (money.Cents, bool) {
	miss := need - s.conv
	if free < 0 {
		return s.cost, miss <= 0
	}
	g := money.Cents(0)
	if miss > 0 {
		g = (miss + money.Dollar - 1) / money.Dollar * money.Dollar
	}
	y := &years[free]
	if g > y.maxGross() {
		return 0, false
	}
	return s.cost + y.cost(y.taxable(g)), true
}

func (f *filler) trace(years []fillYear, free int, need money.Cents, out *fillResult) {
	n := len(years)
	last := f.layers[n]
	bi, best := -1, money.Cents(0)
	for k, s := range last {
		total, ok := f.finish(years, free, need, s)
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
			out.gross[free] = (miss + money.Dollar - 1) / money.Dollar * money.Dollar
		}
	}
}

// pareto keeps the states that are not dominated: no other state converts as
// much (counting anything above need as need) for no more cost. Ties keep the
// first in (conv desc, cost asc, prev, pick) order, so the result is the same
// whatever order the states came in.
func pareto(s []pstate, need money.Cents) []pstate {
	sort.Slice(s, func(i, j int) bool {
		ci, cj := money.Min(s[i].conv, need), money.Min(s[j].conv, need)
		if ci != cj {
			return ci > cj
		}
		if s[i].cost != s[j].cost {
			return s[i].cost < s[j].cost
		}
		if s[i].prev != s[j].prev {
			return s[i].prev < s[j].prev
		}
		return s[i].pick < s[j].pick
	})
	out := s[:0]
	for _, st := range s {
		if len(out) > 0 && st.cost >= out[len(out)-1].cost {
			continue
		}
		out = append(out, st)
	}
	return out
}

// polish removes the cent-level rounding noise the breakpoint argument
// cannot see. Between breakpoints a year's cost is linear only up to the
// rounding of Form 8606 line 11 and of each tax line, so two years whose
// marginal costs are equal form a flat direction along which the exact cost
// still varies by a cent or two. polish tries moving up to window dollars
// between every pair of years (and trimming any excess over need) and keeps
// each strict improvement, until none is left.
func polish(years []fillYear, need money.Cents, window int64, out *fillResult) {
	n := len(years)
	costs := make([]money.Cents, n)
	maxG := make([]money.Cents, n)
	var conv money.Cents
	for i := range years {
		costs[i] = years[i].cost(years[i].taxable(out.gross[i]))
		maxG[i] = years[i].maxGross()
		conv += out.gross[i]
	}
	for improved := true; improved; {
		improved = false
		// Trim what is converted beyond the need, a dollar at a time.
		for i := range years {
			for conv-money.Dollar >= need && out.gross[i] >= money.Dollar {
				c := years[i].cost(years[i].taxable(out.gross[i] - money.Dollar))
				if c > costs[i] {
					break
				}
				out.gross[i] -= money.Dollar
				conv -= money.Dollar
				out.cost += c - costs[i]
				costs[i] = c
				improved = true
			}
		}
		for a := 0; a < n; a++ {
			for b := 0; b < n; b++ {
				if a == b {
					continue
				}
				bestD, bestGain := int64(0), money.Cents(0)
				var bestCA, bestCB money.Cents
				for d := int64(1); d <= window; d++ {
					ga := out.gross[a] + money.Cents(d)*money.Dollar
					gb := out.gross[b] - money.Cents(d)*money.Dollar
					if ga > maxG[a] || gb < 0 {
						break
					}
					ca := years[a].cost(years[a].taxable(ga))
					cb := years[b].cost(years[b].taxable(gb))
					if gain := costs[a] + costs[b] - ca - cb; gain > bestGain {
						bestD, bestGain, bestCA, bestCB = d, gain, ca, cb
					}
				}
				if bestD > 0 {
					out.gross[a] += money.Cents(bestD) * money.Dollar
					out.gross[b] -= money.Cents(bestD) * money.Dollar
					costs[a], costs[b] = bestCA, bestCB
					out.cost -= bestGain
					improved = true
				}
			}
		}
		if !improved && n >= 3 && polishTriples(years, maxG, costs, out) {
			improved = true
		}
	}
}

// tripleWindow bounds the dollars polishTriples moves in each of two years.
const tripleWindow = 12

// polishTriples tries moving small amounts among three years at once (two
// chosen freely within ±tripleWindow dollars, the third keeping the total),
// which a pair move cannot do when each pair alone looks no better. It
// applies the best strict improvement and reports whether there was one.
func polishTriples(years []fillYear, maxG, costs []money.Cents, out *fillResult) bool {
	n := len(years)
	bestGain := money.Cents(0)
	var ba, bb, bc int
	var bda, bdb int64
	for a := 0; a < n; a++ {
		for b := a + 1; b < n; b++ {
			for c := 0; c < n; c++ {
				if c == a || c == b {
					continue
				}
				for da := int64(-tripleWindow); da <= tripleWindow; da++ {
					ga := out.gross[a] + money.Cents(da)*money.Dollar
					if ga < 0 || ga > maxG[a] || da == 0 {
						continue
					}
					ca := years[a].cost(years[a].taxable(ga))
					for db := int64(-tripleWindow); db <= tripleWindow; db++ {
						gb := out.gross[b] + money.Cents(db)*money.Dollar
						gc := out.gross[c] - money.Cents(da+db)*money.Dollar
						if db == 0 || gb < 0 || gb > maxG[b] || gc < 0 || gc > maxG[c] {
							continue
						}
						cb := years[b].cost(years[b].taxable(gb))
						cc := years[c].cost(years[c].taxable(gc))
						if gain := costs[a] + costs[b] + costs[c] - ca - cb - cc; gain > bestGain {
							bestGain, ba, bb, bc, bda, bdb = gain, a, b, c, da, db
						}
					}
				}
			}
		}
	}
	if bestGain == 0 {
		return false
	}
	out.gross[ba] += money.Cents(bda) * money.Dollar
	out.gross[bb] += money.Cents(bdb) * money.Dollar
	out.gross[bc] -= money.Cents(bda+bdb) * money.Dollar
	for _, i := range [3]int{ba, bb, bc} {
		costs[i] = years[i].cost(years[i].taxable(out.gross[i]))
	}
	out.cost -= bestGain
	return true
}
