package search_test

import (
	"context"
	"testing"
	"time"

	"github.com/rothpath/optimize/bench"
	"github.com/rothpath/optimize/money"
	"github.com/rothpath/optimize/scenario"
	"github.com/rothpath/optimize/search"
)

// fuzzHousehold builds a household from fuzzed numbers: one of the bench
// generator's households, then its goal, cash and growth set from the input.
// It returns nil when the result is not a valid scenario.
func fuzzHousehold(seed uint64, tiny, couples bool, horizon, goalPct uint8, cash uint32, growthPct uint8) *scenario.Scenario {
	sh := bench.Shape{Tiny: tiny, Plans: -1, Couples: couples, Horizon: int(horizon % 5)}
	if tiny {
		sh.MaxDims = 2
	}
	sc := bench.Generate(seed, sh)
	var total money.Cents
	for _, p := range sc.People {
		for _, a := range p.Accounts {
			if a.Kind == scenario.KindRothIRA {
				continue
			}
			total += a.Balance + a.Pretax + a.AfterTaxContributions + a.AfterTaxEarnings + a.Pre1987AfterTax
		}
	}
	if goalPct <= 100 {
		sc.Goal.Convert = money.MulDiv(total, int64(goalPct), 100)
	}
	sc.Cash = money.Cents(cash) * 10 // up to ~$429,000, to the dime
	if !tiny {
		sc.Assumptions.GrowthRate = float64(growthPct%11) / 100
	}
	if sc.Validate() != nil {
		return nil
	}
	return sc
}

// FuzzSearch: on any household, every strategy the search returns replays
// from its steps to its own figures and exact cost, meets the goal, and is
// ranked 1..n in order of the objective; basis left and cash are never
// negative; an infeasible answer says the goal is above what can be reached.
func FuzzSearch(f *testing.F) {
	for i := uint64(0); i < 12; i++ {
		f.Add(i, i%2 == 0, i%3 == 0, uint8(i%4), uint8(101), uint32(20_000*i), uint8(0))
	}
	f.Add(uint64(7), false, true, uint8(3), uint8(100), uint32(0), uint8(5))
	f.Add(uint64(42), false, false, uint8(4), uint8(60), uint32(1_000_000), uint8(10))
	f.Add(uint64(3), true, false, uint8(1), uint8(0), uint32(0), uint8(0))
	f.Fuzz(func(t *testing.T, seed uint64, tiny, couples bool, horizon, goalPct uint8, cash uint32, growthPct uint8) {
		sc := fuzzHousehold(seed, tiny, couples, horizon, goalPct, cash, growthPct)
		if sc == nil {
			t.Skip("not a valid household")
		}
		r, err := search.Search(context.Background(), sc, search.Settings{Top: 3, Workers: 1, TimeLimit: 2 * time.Second})
		if err != nil {
			t.Fatalf("search: %v", err)
		}
		if err := checkResult(sc, r); err != nil {
			t.Fatalf("%v\nscenario:\n%s", err, encode(sc))
		}
		if r.Status == search.Infeasible && r.MaxReachable >= sc.Goal.Convert {
			t.Fatalf("infeasible, yet %s reachable for a goal of %s\n%s", r.MaxReachable, sc.Goal.Convert, encode(sc))
		}
		if len(r.Strategies) > 3 {
			t.Fatalf("%d strategies for top 3", len(r.Strategies))
		}
	})
}

func encode(sc *scenario.Scenario) string {
	b, err := scenario.Encode(sc)
	if err != nil {
		return err.Error()
	}
	return string(b)
}
