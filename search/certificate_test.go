package search

import (
	"context"
	"testing"

	"github.com/rothpath/optimize/internal/household"
	"github.com/rothpath/optimize/scenario"
)

// Every answer's certificate holds against the one plan every answer also
// prices, the obvious approach: the bound never passes it, so an answer
// proven optimal never costs more than it (a saving is never negative), on
// the ranking's own objective (present value where the scenario discounts).
func TestCertificateHoldsAgainstTheObviousPlan(t *testing.T) {
	n := uint64(300)
	if testing.Short() {
		n = 60
	}
	checked, discounted := 0, 0
	for i := range n {
		sc := household.Generate(i, household.Realistic)
		r, err := Search(context.Background(), sc, Settings{Workers: 1, Top: 1})
		if err != nil {
			t.Fatal(err)
		}
		if r.Obvious == nil || len(r.Strategies) == 0 {
			continue
		}
		checked++
		if sc.Objective == scenario.PresentValue {
			discounted++
		}
		best := r.Strategies[0].PresentValue
		if r.Bound > r.Obvious.PresentValue {
			t.Errorf("household %d: bound %s passes the obvious plan's %s", i, r.Bound, r.Obvious.PresentValue)
		}
		if r.Status == Optimal && best > r.Obvious.PresentValue {
			t.Errorf("household %d: optimal at %s, the obvious plan costs %s", i, best, r.Obvious.PresentValue)
		}
		if (r.Status == Optimal) != (r.Gap == 0) || r.Gap != best-r.Bound {
			t.Errorf("household %d: status %v, bound %s, gap %s, best %s", i, r.Status, r.Bound, r.Gap, best)
		}
	}
	if checked < int(n)/3 || discounted == 0 {
		t.Errorf("only %d households with an obvious plan checked (%d discounted)", checked, discounted)
	}
}
