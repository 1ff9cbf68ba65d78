package search

import (
	"cmp"
	"slices"
	"sync"

	"github.com/rothpath/optimize/money"
)

// Exact polish. The fill's model takes each year's nontaxable share as fixed,
// but Form 8606 line 14 is rounded to the cent, so converting a dollar more
// in one year moves the next year's line 10 in its fifth decimal. Along a
// flat direction (two years at the same marginal cost) the model then misses
// a cent or two that the exact replay sees. exactPolish lets the model
// propose every shift between two years within polishWindow dollars that it
// thinks costs at most a cent a year more than the current fill, and checks
// the most promising exactPolishChecks of them by full replays, keeping each
// strict improvement. It runs on the candidates tied with the best.
const (
	exactPolishChecks = 400
	exactPolishRounds = 3
)

type shiftProposal struct {
	delta  money.Cents // model cost change
	a, b   int
	ga, gb money.Cents
}

// exactPolish improves c in place; c must be the evaluator's last replayed
// candidate's structure s with its exact cost.
func (e *evaluator) exactPolish(c *candidate, s *structure) {
	n := len(e.fy)
	if n < 2 || c.explicit != nil {
		return
	}
	var props []shiftProposal
	var order []int
	for round := 0; round < exactPolishRounds; round++ {
		if e.stopped() || e.replay(s, false) != nil {
			return
		}
		var conv money.Cents
		for y := range e.probes {
			conv += e.probes[y].conv
		}
		e.buildFill()
		need := e.goal - conv
		gross := append([]money.Cents(nil), c.gross...)
		props = props[:0]
		memo := newCostMemo(e.fy, gross)
		costs := make([]money.Cents, n)
		convs := make([]money.Cents, n)
		var total money.Cents
		for y := range e.fy {
			costs[y] = memo.costAt(y, gross[y])
			convs[y] = e.fy[y].conv(gross[y])
			total += convs[y]
		}
		tol := money.Cents(n) // a cent a year
		for a := 0; a < n; a++ {
			if e.stopped() {
				return
			}
			hiA := e.fy[a].maxGross()
			for b := 0; b < n; b++ {
				if a == b {
					continue
				}
				hiB := e.fy[b].maxGross()
				rest := total - convs[a] - convs[b]
				for d := int64(-polishWindow); d <= polishWindow; d++ {
					ga := gross[a] + money.Cents(d)*money.Dollar
					if d == 0 || ga < 0 || ga > hiA {
						continue
					}
					miss := need - rest - e.fy[a].conv(ga)
					gb := money.Cents(0)
					if miss > 0 {
						hint := money.Max(gross[b]+miss-convs[b], 0)
						gb = e.fy[b].minGrossForConvHint(miss, hint, hiB)
					}
					if gb > hiB {
						continue
					}
					delta := memo.costAt(a, ga) + memo.costAt(b, gb) - costs[a] - costs[b]
					if delta <= tol {
						props = append(props, shiftProposal{delta, a, b, ga, gb})
					}
				}
			}
		}
		// By model cost, then in the order generated (a, b, then ga), as a
		// stable sort would.
		props = cheapest(props, exactPolishChecks)
		// Check them latest first year first: each replay then resumes from
		// the checkpoint of the years it shares with the one before. The
		// best by the ranking's order wins, the least model cost among
		// equals, as checking them in that order would give.
		order = order[:0]
		for i := range props {
			order = append(order, i)
		}
		slices.SortFunc(order, func(x, y int) int {
			return cmp.Or(cmp.Compare(min(props[y].a, props[y].b), min(props[x].a, props[x].b)), cmp.Compare(x, y))
		})
		r := e.resume(s)
		var pick picker
		trial := make([]money.Cents, n)
		for _, i := range order {
			if e.stopped() {
				break // c holds the improvements found so far
			}
			p := &props[i]
			copy(trial, gross)
			trial[p.a], trial[p.b] = p.ga, p.gb
			// The model's settle can fall a cent short of the goal: one more
			// dollar in b then.
			for extra := money.Cents(0); extra <= money.Dollar; extra += money.Dollar {
				trial[p.b] = p.gb + extra
				if nc, ok := r.score(trial, c.idx); ok {
					pick.offer(c, nc, int64(i), 0, trial)
					break
				}
			}
		}
		r.done()
		if !pick.replaced || e.stopped() {
			return
		}
	}
}

// Bounds of the exhaustive refinement.
const (
	exhaustiveBox    = 100_000 // whole-dollar allocations the model may sweep
	exhaustiveChecks = 50_000  // exact replays it may spend on near ties
)

// exhaustiveRefine settles the rounding noise for certain when the fill is
// small: it sweeps every whole-dollar allocation over the years (the last
// year taking the least that meets the goal) through the fill's model,
// replays exactly every one the model puts within a cent a year of the
// candidate, and keeps the best. It reports false, changing nothing, when
// the allocations or the near ties are too many to sweep; exactPolish then
// samples instead. With it, the search's answer on such households is the
// exact optimum over whole dollars, as the brute-force oracle checks. Once
// the search must stop it reports false if it had not finished the sweep,
// and true, keeping the best replay so far, if it had.
func (e *evaluator) exhaustiveRefine(c *candidate, s *structure) bool {
	if c.explicit != nil || e.stopped() || e.replay(s, false) != nil {
		return false
	}
	var conv money.Cents
	for y := range e.probes {
		conv += e.probes[y].conv
	}
	e.buildFill()
	need := e.goal - conv
	n := len(e.fy)
	hi := make([]money.Cents, n)
	box := 1
	for y := range e.fy {
		hi[y] = e.fy[y].maxGross()
		if hi[y] < 0 {
			return false
		}
		if y < n-1 {
			box *= int(hi[y]/money.Dollar) + 1
			if box > exhaustiveBox {
				return false
			}
		}
	}
	tol := c.objective + money.Cents(n)
	// near: delta = model cost, a = the tie's number; its gross per year is
	// grid[a*n:(a+1)*n]. The buffers outlive the search (exhaustivePool):
	// each search makes a new end-stage evaluator, and regrowing them was
	// most of what a search on a small household allocated.
	buf := exhaustivePool.Get().(*exhaustiveBuf)
	near, grid := buf.near[:0], buf.grid[:0]
	defer func() {
		buf.near, buf.grid = near[:0], grid[:0]
		exhaustivePool.Put(buf)
	}()
	g := make([]money.Cents, n)
	// The walk asks for the cost and the converted amount of the inner
	// years' grosses once per outer prefix: remember them. (The box bounds
	// their sizes; the last year's gross can run to millions of dollars.)
	costs, convs := buf.memo(hi[:n-1])
	var walk func(y int, convSoFar, costSoFar money.Cents) bool
	walk = func(y int, convSoFar, costSoFar money.Cents) bool {
		f := &e.fy[y]
		if y == n-1 {
			miss := need - convSoFar
			last := money.Cents(0)
			if miss > 0 {
				last = f.minGrossForConv(miss, hi[y])
			}
			if last > hi[y] {
				return true
			}
			cost := costSoFar + f.cost(f.taxable(last))
			if cost <= tol {
				if len(near) >= exhaustiveChecks {
					return false
				}
				g[y] = last
				near = append(near, shiftProposal{delta: cost, a: len(near)})
				grid = append(grid, g...)
			}
			return true
		}
		cy, vy := costs[y], convs[y]
		for k := range cy {
			if e.stopped() {
				return false
			}
			v := money.Cents(k) * money.Dollar
			if cy[k] < 0 {
				cy[k], vy[k] = f.cost(f.taxable(v)), f.conv(v)
			}
			cost := costSoFar + cy[k]
			if cost > tol {
				break // costs only grow with the amount
			}
			g[y] = v
			if !walk(y+1, convSoFar+vy[k], cost) {
				return false
			}
		}
		return true
	}
	if !walk(0, 0, 0) {
		return false
	}
	// Replay the near ties in the order found, which is lexicographic in
	// the gross per year: each replay then resumes from the checkpoint of
	// the years it shares with the one before. The best by the ranking's
	// order wins; among equals, the one with the least model cost (then the
	// first found), and the candidate as it stood before any of them.
	r := e.resume(s)
	defer r.done()
	var pick picker
	for _, p := range near {
		if e.stopped() {
			break
		}
		trial := grid[p.a*n : (p.a+1)*n]
		end := trial[n-1]
		for extra := money.Cents(0); extra <= money.Dollar; extra += money.Dollar {
			trial[n-1] = end + extra
			nc, ok := r.score(trial, c.idx)
			if ok {
				pick.offer(c, nc, int64(p.delta), int64(p.a), trial)
				break
			}
		}
		trial[n-1] = end
	}
	return true
}

// cheapest sorts the k proposals of least model cost to the front of props,
// ties in the order generated (a, b, then ga, as a stable sort by model cost
// would leave them), and returns them. Only those k are sorted: props can
// hold thousands.
func cheapest(props []shiftProposal, k int) []shiftProposal {
	before := func(x, y *shiftProposal) bool {
		switch {
		case x.delta != y.delta:
			return x.delta < y.delta
		case x.a != y.a:
			return x.a < y.a
		case x.b != y.b:
			return x.b < y.b
		}
		return x.ga < y.ga
	}
	if len(props) > k {
		// Quickselect: afterwards props[:k] are the k least, in some order.
		lo, hi := 0, len(props)-1
		for lo < hi {
			pivot := props[lo+(hi-lo)/2]
			i, j := lo, hi
			for i <= j {
				for before(&props[i], &pivot) {
					i++
				}
				for before(&pivot, &props[j]) {
					j--
				}
				if i <= j {
					props[i], props[j] = props[j], props[i]
					i, j = i+1, j-1
				}
			}
			switch {
			case k-1 <= j:
				hi = j
			case k-1 >= i:
				lo = i
			default:
				lo = hi
			}
		}
		props = props[:k]
	}
	slices.SortFunc(props, func(x, y shiftProposal) int {
		if before(&x, &y) {
			return -1
		}
		if before(&y, &x) {
			return 1
		}
		return 0
	})
	return props
}

// picker keeps the best of a set of trials in the candidate they refine:
// best by the ranking's order, and among equals the one with the least key
// (two numbers compared in turn), and the candidate as it stood before any
// trial. The result does not depend on the order the trials come in.
type picker struct {
	replaced bool // some trial was better than the candidate as it stood
	k1, k2   int64
}

func (p *picker) offer(c *candidate, nc candidate, k1, k2 int64, gross []money.Cents) {
	earlier := k1 < p.k1 || (k1 == p.k1 && k2 < p.k2)
	if nc.less(c) || (p.replaced && !c.less(&nc) && earlier) {
		nc.gross = append([]money.Cents(nil), gross...)
		*c = nc
		p.replaced, p.k1, p.k2 = true, k1, k2
	}
}

// resumer replays fills of one structure, each resuming from the
// checkpoint of the years it shares with the fill replayed before it.
type resumer struct {
	e *evaluator
	s *structure
}

// resume starts saving checkpoints; done stops it.
func (e *evaluator) resume(s *structure) resumer {
	n := e.sc.HorizonYears
	if cap(e.ckptBuf) < n {
		e.ckptBuf = make([]checkpoint, n)
		e.yearPV = make([]money.Cents, n)
	}
	e.ckpt, e.yearPV = e.ckptBuf[:n], e.yearPV[:n]
	e.resumeLast = e.resumeLast[:0]
	return resumer{e: e, s: s}
}

func (r *resumer) done() { r.e.ckpt = nil }

// score replays gross and scores it exactly; ok is false when the goal is
// not met, a limit is broken or the fill cannot be carried out.
func (r *resumer) score(gross []money.Cents, idx int) (candidate, bool) {
	e, n := r.e, len(gross)
	from := 0
	for from < n-1 && from < len(e.resumeLast) && gross[from] == e.resumeLast[from] {
		from++
	}
	e.fres.gross = append(e.fres.gross[:0], gross...)
	e.resumeLast = append(e.resumeLast[:0], gross...)
	if e.replayFrom(r.s, from) != nil {
		e.resumeLast = e.resumeLast[:0] // the checkpoints after the failure are stale
		return candidate{}, false
	}
	return e.scoreFrom(idx, from)
}

// scoreFrom is scoreReplay after replayFrom(s, from): the years before from
// keep the discounted costs the previous such replay found.
func (e *evaluator) scoreFrom(idx, from int) (candidate, bool) {
	var pv money.Cents
	for y := range e.ledger.Years {
		r := &e.ledger.Years[y]
		if y >= from {
			if r.PenaltyBase == e.probes[y].penalty {
				// The fill's cost function: the year's curve, equal to
				// YearCost to the cent, built for this penalty base.
				e.yearPV[y] = e.fy[y].cost(r.AddedOrdinary)
			} else {
				e.yearPV[y] = e.model.YearCost(y, r.AddedOrdinary, r.PenaltyBase).Discounted
			}
		}
		pv += e.yearPV[y]
	}
	return e.ledgerCandidate(idx, pv)
}

// exhaustiveBuf holds exhaustiveRefine's buffers between searches.
type exhaustiveBuf struct {
	near         []shiftProposal
	grid         []money.Cents
	cells        []money.Cents
	costs, convs [][]money.Cents
}

var exhaustivePool = sync.Pool{New: func() any { return new(exhaustiveBuf) }}

// memo returns, for each year y of hi, a cost and a converted amount per
// whole-dollar gross from 0 to hi[y], all unknown (-1).
func (b *exhaustiveBuf) memo(hi []money.Cents) (costs, convs [][]money.Cents) {
	cells := 0
	for _, h := range hi {
		cells += int(h/money.Dollar) + 1
	}
	if cap(b.cells) < 2*cells {
		b.cells = make([]money.Cents, 2*cells)
	}
	buf := b.cells[:2*cells]
	for i := range buf {
		buf[i] = -1
	}
	costs, convs = b.costs[:0], b.convs[:0]
	for _, h := range hi {
		k := int(h/money.Dollar) + 1
		costs, convs = append(costs, buf[:k]), append(convs, buf[k:2*k])
		buf = buf[2*k:]
	}
	b.costs, b.convs = costs, convs
	return costs, convs
}
