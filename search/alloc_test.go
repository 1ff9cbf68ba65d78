package search

import (
	"context"
	"math"
	"testing"

	"github.com/rothpath/optimize/internal/household"
	"github.com/rothpath/optimize/scenario"
)

// The hot loop writes into owned buffers (DESIGN.md): once a diver's
// buffers are sized, replaying a plan exactly (a candidate's evaluation)
// and bounding a node allocate nothing.
func TestEvaluationAllocatesNothing(t *testing.T) {
	checked := 0
	for i, path := range []string{"../examples/seed000-split-rollover.yaml", "../examples/seed000-employed-roll-in.yaml",
		"../examples/married-social-security.yaml"} {
		sc := loadScenario(t, path)
		if i == 0 {
			sc.HorizonYears = 3
		}
		checked += checkAllocs(t, path, sc)
	}
	for n := uint64(0); n < 10; n++ {
		checked += checkAllocs(t, "generated", household.Generate(n, household.Realistic))
	}
	if checked < 20 {
		t.Errorf("only %d structures checked", checked)
	}
}

// checkAllocs checks every structure of sc with a finite root bound and
// returns how many it checked.
func checkAllocs(t *testing.T, name string, sc *scenario.Scenario) int {
	t.Helper()
	p, err := prepare(context.Background(), sc, DefaultTop, 0)
	if err != nil {
		t.Fatal(err)
	}
	p.roundWorst = noLimit
	d := newDiver(p)
	var s structure
	checked := 0
	for idx := 0; idx < p.enum.n && checked < 8; idx++ {
		p.enum.at(idx, &s)
		if math.IsInf(d.rootBound(idx, &s), 1) {
			continue
		}
		ivs := append([]interval(nil), d.ivs...)
		d.bound(ivs, true) // sizes every buffer
		d.primal(ivs)
		if a := testing.AllocsPerRun(10, func() { d.replay() }); a != 0 {
			t.Errorf("%s structure %d: %.1f allocations per replay", name, idx, a)
		}
		if a := testing.AllocsPerRun(10, func() { d.bound(ivs, true) }); a != 0 {
			t.Errorf("%s structure %d: %.1f allocations per bound", name, idx, a)
		}
		checked++
	}
	return checked
}
