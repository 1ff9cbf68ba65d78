package search

import (
	"context"
	"testing"
	"time"

	"github.com/rothpath/optimize/internal/household"
)

// Each limit ends a search with the cause it names, a plan when one was
// found, and a bound no higher than a proven search's: a limit never makes
// a claim stronger.
func TestLimitsNameTheirCause(t *testing.T) {
	sc := household.Generate(53, household.Realistic) // thousands of structures
	full, err := Search(context.Background(), sc, Settings{Workers: 1, NodeLimit: 20000, StructureNodeLimit: 400})
	if err != nil {
		t.Fatal(err)
	}
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	tests := []struct {
		name string
		ctx  context.Context
		set  Settings
		want Cause
	}{
		{"cancelled", cancelled, Settings{Workers: 1}, CauseCancelled},
		{"time limit", context.Background(), Settings{Workers: 1, TimeLimit: time.Millisecond}, CauseTimeLimit},
		{"node limit", context.Background(), Settings{Workers: 1, NodeLimit: 20}, CauseNodeLimit},
		{"structure node limit", context.Background(), Settings{Workers: 1, StructureNodeLimit: 1}, CauseNodeLimit},
	}
	for _, tt := range tests {
		r, err := Search(tt.ctx, sc, tt.set)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if r.Status != Feasible || r.Cause != tt.want {
			t.Errorf("%s: status %v cause %v, want Feasible, cause %v", tt.name, r.Status, r.Cause, tt.want)
		}
		if len(r.Strategies) > 0 && r.Bound > full.Strategies[0].PresentValue {
			t.Errorf("%s: bound %s above a plan costing %s", tt.name, r.Bound, full.Strategies[0].PresentValue)
		}
	}
}

// A household the default limits prove says so with no cause.
func TestProvenHasNoCause(t *testing.T) {
	sc := loadScenario(t, "../examples/seed000-split-rollover.yaml")
	r, err := Search(context.Background(), sc, Settings{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	if r.Status != Optimal || r.Cause != CauseNone || r.Gap != 0 || r.Bound != r.Strategies[0].PresentValue {
		t.Errorf("status %v cause %v bound %s gap %s best %s", r.Status, r.Cause, r.Bound, r.Gap, r.Strategies[0].PresentValue)
	}
}
