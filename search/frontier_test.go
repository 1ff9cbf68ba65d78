package search

import (
	"context"
	"testing"

	"github.com/rothpath/optimize/money"
)

// The frontier of seed 000 (one year): the first $50,000 is after-tax basis
// split to Roth for nothing; beyond it the least tax never falls as the goal
// grows, and no dollar costs more than the top bracket (37%).
func TestFrontierSeed000(t *testing.T) {
	sc := loadScenario(t, "../examples/seed000-split-rollover.yaml")
	pts, err := Frontier(context.Background(), sc, money.Dollars(50000), Settings{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	if len(pts) < 10 {
		t.Fatalf("only %d points", len(pts))
	}
	if pts[0].Goal != 0 || pts[0].TotalTax != 0 || pts[1].Goal != money.Dollars(50000) || pts[1].TotalTax != 0 {
		t.Errorf("first points = %+v, %+v; want 0 tax up to $50,000", pts[0], pts[1])
	}
	for i := 1; i < len(pts); i++ {
		if pts[i].TotalTax < pts[i-1].TotalTax {
			t.Errorf("tax falls from %s to %s between goals %s and %s", pts[i-1].TotalTax, pts[i].TotalTax, pts[i-1].Goal, pts[i].Goal)
		}
		if pts[i].Marginal < 0 || pts[i].Marginal > 0.37 {
			t.Errorf("marginal cost %.4f at goal %s outside 0..37%%", pts[i].Marginal, pts[i].Goal)
		}
	}
	// $200,000 is the seed's answer: $24,014.
	for _, p := range pts {
		if p.Goal == money.Dollars(200000) && p.TotalTax != money.Dollars(24014) {
			t.Errorf("goal 200000: %s, want 24014.00", p.TotalTax)
		}
	}
	last := pts[len(pts)-1]
	if last.Goal > money.Dollars(800000) {
		t.Errorf("last goal %s exceeds everything the household holds", last.Goal)
	}
}
