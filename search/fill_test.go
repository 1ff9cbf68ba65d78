package search

import (
	"math/rand/v2"
	"slices"
	"sort"
	"testing"

	"github.com/rothpath/optimize/money"
)

// bracketCost is a toy year cost: marginal rates by band (in basis points)
// plus an optional cliff, like an IRMAA tier.
func bracketCost(tops []money.Cents, bps []int64, cliffAt, cliff money.Cents) (func(money.Cents) money.Cents, []money.Cents) {
	breaks := append([]money.Cents(nil), tops...)
	if cliffAt > 0 {
		breaks = append(breaks, cliffAt+1)
	}
	return func(x money.Cents) money.Cents {
		var c, lo money.Cents
		for i, top := range tops {
			if x <= lo {
				break
			}
			seg := money.Min(x, top) - lo
			c += money.MulDiv(seg, bps[i], 10000)
			lo = top
		}
		if x > lo {
			c += money.MulDiv(x-lo, bps[len(bps)-1], 10000)
		}
		if cliffAt > 0 && x > cliffAt {
			c += cliff
		}
		return c
	}, breaks
}

// bruteFill tries every whole-dollar split between the years (two or three).
func bruteFill(years []fillYear, need money.Cents) (money.Cents, bool) {
	best, found := money.Cents(0), false
	var rec func(i int, left money.Cents, acc money.Cents)
	rec = func(i int, left, acc money.Cents) {
		y := &years[i]
		hi := y.maxGross()
		if hi < 0 {
			return
		}
		if i == len(years)-1 {
			for g := money.Cents(0); g <= hi; g += money.Dollar {
				if y.conv(g) >= left {
					c := acc + y.cost(y.taxable(g))
					if !found || c < best {
						best, found = c, true
					}
					return
				}
			}
			return
		}
		for g := money.Cents(0); g <= hi; g += money.Dollar {
			rec(i+1, left-y.conv(g), acc+y.cost(y.taxable(g)))
		}
	}
	rec(0, need, 0)
	return best, found
}

func TestFillMatchesBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	var f filler
	var res fillResult
	for trial := 0; trial < 400; trial++ {
		years, need := randomFill(rng, 2+rng.IntN(2), 1)
		want, wantOK := bruteFill(years, need)
		f.solve(years, need, &res)
		if res.ok {
			polish(years, need, 50, &res, halt{})
		}
		if res.ok != wantOK || (wantOK && res.cost != want) {
			t.Fatalf("trial %d: fill = %v %v, brute force = %v %v (need %v)", trial, res.cost, res.ok, want, wantOK, need)
		}
		if res.ok {
			var conv, cost money.Cents
			for i, g := range res.gross {
				conv += years[i].conv(g)
				cost += years[i].cost(years[i].taxable(g))
			}
			if conv < need || cost != res.cost {
				t.Fatalf("trial %d: traced fill converts %v (need %v) at %v, reported %v", trial, conv, need, cost, res.cost)
			}
		}
	}
}

// randomFill returns n random fill years and a need they can meet or
// nearly, with amounts in units of scale dollars.
func randomFill(rng *rand.Rand, n int, scale int64) ([]fillYear, money.Cents) {
	d := func(x int) money.Cents { return money.Dollars(int64(x) * scale) }
	years := make([]fillYear, n)
	for i := range years {
		tops := []money.Cents{d(50 + rng.IntN(200)), d(300 + rng.IntN(200))}
		bps := []int64{1000, int64(1200 + rng.IntN(2000)), int64(2200 + rng.IntN(1500))}
		if rng.IntN(3) == 0 { // a falling rate: not convex
			bps[1], bps[2] = bps[2], bps[1]
		}
		var cliffAt, cliff money.Cents
		if rng.IntN(2) == 0 {
			cliffAt, cliff = d(100+rng.IntN(300)), d(1+rng.IntN(40))
		}
		cost, breaks := bracketCost(tops, bps, cliffAt, cliff)
		src := []contSource{{kind: srcPlanToRoth, num: int64(rng.IntN(40)), den: 100, cap: d(50 + rng.IntN(150))}}
		if rng.IntN(2) == 0 {
			src = append(src, contSource{kind: srcIRA, num: int64(rng.IntN(9000)), den: money.RatioScale,
				cap: d(50 + rng.IntN(150)), deferBasis: rng.IntN(2) == 0})
		}
		sort.SliceStable(src, func(a, b int) bool { return src[a].moreNontaxable(&src[b]) })
		limit := money.Cents(-1)
		if rng.IntN(4) == 0 {
			limit = d(100 + rng.IntN(300))
		}
		years[i] = fillYear{src: src, fixed: d(rng.IntN(60)), limit: limit, breaks: breaks, cost: cost}
	}
	var total money.Cents
	for i := range years {
		total += money.Max(years[i].maxGross(), 0)
	}
	return years, money.Dollars(int64(rng.IntN(int(total/100) + 20)))
}

// The relaxed bounds only drop states that cannot lead to the optimum: the
// bounded programme finds the same fill as the unbounded one, to the
// tie-break, on up to six years, from toy scale to household scale.
func TestFillBoundsChangeNothing(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 5))
	var bounded, plain filler
	plain.unbounded = true
	var got, want fillResult
	var kept, all int
	for trial := 0; trial < 2000; trial++ {
		years, need := randomFill(rng, 1+rng.IntN(6), []int64{1, 100, 1000}[trial%3])
		plain.solve(years, need, &want)
		all += layerStates(&plain)
		bounded.solve(years, need, &got)
		kept += layerStates(&bounded)
		if got.ok != want.ok || got.cost != want.cost || !slices.Equal(got.gross, want.gross) {
			t.Fatalf("trial %d (%d years, need %v): bounded %v %v %v, unbounded %v %v %v",
				trial, len(years), need, got.ok, got.cost, got.gross, want.ok, want.cost, want.gross)
		}
	}
	// Not a speed test: a bound that drops nothing would pass the above.
	// These toy years have few breakpoints, so their frontiers are small;
	// on RealisticShape households the bounds halve the batch's time.
	if kept*10 > all*9 {
		t.Errorf("the bounds kept %d of %d states", kept, all)
	}
}

// layerStates counts the states in the layers of f's last run.
func layerStates(f *filler) int {
	n := 0
	for _, l := range f.layers {
		n += len(l)
	}
	return n
}

// thin keeps the frontier's two ends and evenly spaced states between, in
// order.
func TestThin(t *testing.T) {
	layer := make([]pstate, 10)
	for i := range layer {
		layer[i] = pstate{conv: money.Cents(100 - i), cost: money.Cents(100 - i), prev: int32(i)}
	}
	got := thin(layer, 4)
	want := []int32{0, 3, 6, 9}
	if len(got) != len(want) {
		t.Fatalf("kept %d states, want %d", len(got), len(want))
	}
	for i, s := range got {
		if s.prev != want[i] {
			t.Errorf("state %d is the old %d, want %d", i, s.prev, want[i])
		}
	}
}
