package search_test

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/rothpath/optimize/bench"
	"github.com/rothpath/optimize/report"
	"github.com/rothpath/optimize/scenario"
	"github.com/rothpath/optimize/search"
)

// resultJSON is the JSON report of a search of sc with the given workers,
// without the stats (elapsed time and work counts vary by run).
func resultJSON(t *testing.T, sc *scenario.Scenario, workers int) []byte {
	t.Helper()
	r, err := search.Search(context.Background(), sc, search.Settings{Workers: workers, TimeLimit: 5 * time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	if r.Cause == search.CauseTimeLimit {
		t.Fatalf("workers %d: the time limit stopped the search; cannot compare", workers)
	}
	var b bytes.Buffer
	if err := report.WriteJSON(&b, report.Input{Scenario: sc.Name, Goal: sc.Goal.Convert, Result: r}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// checkDeterministic searches sc with 1, 2 and 8 workers, twice each, and
// wants the same bytes every time, warnings in the same order included.
func checkDeterministic(t *testing.T, sc *scenario.Scenario) {
	t.Helper()
	want := resultJSON(t, sc, 1)
	for _, w := range []int{1, 2, 8, 2, 8} {
		if got := resultJSON(t, sc, w); !bytes.Equal(got, want) {
			t.Fatalf("workers %d differs from workers 1:\n%s", w, firstDiff(want, got))
		}
	}
}

// firstDiff shows the first differing line of two outputs.
func firstDiff(a, b []byte) string {
	la, lb := bytes.Split(a, []byte("\n")), bytes.Split(b, []byte("\n"))
	for i := 0; i < len(la) && i < len(lb); i++ {
		if !bytes.Equal(la[i], lb[i]) {
			return fmt.Sprintf("line %d:\n  want %s\n  got  %s", i+1, la[i], lb[i])
		}
	}
	return fmt.Sprintf("lengths %d and %d lines", len(la), len(lb))
}

// The answer does not depend on the number of workers or on the run: the
// design's promise that ties break in a fixed order.
func TestDeterministicExamples(t *testing.T) {
	for _, path := range examplePaths(t) {
		t.Run(filepath.Base(path), func(t *testing.T) {
			checkDeterministic(t, load(t, path))
		})
	}
}

func TestDeterministicGenerated(t *testing.T) {
	n := uint64(20)
	if testing.Short() {
		n = 5
	}
	shapes := []bench.Shape{
		{Plans: -1, Couples: true},
		{Tiny: true, MaxDims: 2, Plans: -1},
	}
	for i := uint64(0); i < n; i++ {
		sh := shapes[i%2]
		sc := bench.Generate(1000+i, sh)
		t.Run(fmt.Sprintf("household%d", 1000+i), func(t *testing.T) {
			checkDeterministic(t, sc)
		})
	}
}

// bigScenario is a household whose structure space is far too large to
// search in a few seconds: two people, three plans each with after-tax money
// (some separately accounted, some with pre-1987 and designated Roth money),
// every plan accepting IRA roll-ins and allowing in-plan Roth rollovers, and
// the longest horizon, 40 years.
func bigScenario() string {
	var b strings.Builder
	b.WriteString("name: too large to prove\nstart_year: 2026\nhorizon_years: 40\nfiling_status: married_joint\npeople:\n")
	for i, person := range []string{"ann", "bob"} {
		fmt.Fprintf(&b, "  - id: %s\n    birth_year: %d\n    separated_from_service: true\n    accounts:\n", person, 1966+i*3)
		fmt.Fprintf(&b, "      - id: %s-ira\n        kind: traditional_ira\n        balance: %d\n        basis: %d\n", person, 300000+i*50000, 40000+i*10000)
		for j, kind := range []string{"401k", "403b", "401k"} {
			fmt.Fprintf(&b, "      - id: %s-plan%d\n        kind: %s\n        pretax: %d\n        after_tax_contributions: %d\n",
				person, j+1, kind, 200000+j*70000+i*10000, 30000+j*15000)
			if j == 1 {
				b.WriteString("        after_tax_earnings: 9000\n        separate_after_tax_account: true\n")
			}
			if j == 2 {
				b.WriteString("        pre1987_after_tax: 4000\n        designated_roth: 20000\n        separated_from_service: false\n        in_service_sources: [after_tax, pretax, roth]\n")
			}
			b.WriteString("        allows_in_plan_roth_rollover: true\n        accepts_ira_roll_in: true\n")
		}
	}
	b.WriteString("cash: 150000\nincome:\n  - year: 2026\n    wages: 90000\n    other_ordinary: 4000\ngoal:\n  convert: 900000\n")
	b.WriteString("objective: present_value\nassumptions:\n  discount_rate: 0.03\n  inflation: 0.025\n  growth_rate: 0.04\n  state_tax_rate: 0.05\nconstraints:\n  irmaa: cost\n")
	return b.String()
}

// timeAllowance is how long past its time limit a search may take to
// return: every node checks the clock (a linear programme under way checks
// it at each pivot), then the answer is still assembled (the best plans
// refined and replayed, the obvious one scored), and the tests share a
// two-core machine with the other packages' tests.
const timeAllowance = 2500 * time.Millisecond

// Work is bounded: on a household far too large to search, a one-second
// time limit returns within about three and a half seconds with the best
// strategies found so far, says the ranking is not proven (Feasible), keeps
// memory small, and whatever it found is valid.
func TestTimeLimitBoundsWork(t *testing.T) {
	sc, err := scenario.Parse([]byte(bigScenario()))
	if err != nil {
		t.Fatal(err)
	}
	runtime.GC()
	const limit = time.Second
	began := time.Now()
	r, err := search.Search(context.Background(), sc, search.Settings{TimeLimit: limit, NodeLimit: 1 << 40, StructureNodeLimit: 1 << 20})
	took := time.Since(began)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%v in %v: %d strategies, %d structures, %d pruned, %d evaluations",
		r.Status, took, len(r.Strategies), r.Stats.Structures, r.Stats.Pruned, r.Stats.Evaluations)
	if took > limit+timeAllowance {
		t.Errorf("a %v time limit returned after %v", limit, took)
	}
	if len(r.Strategies) == 0 {
		t.Errorf("no strategy after %v: the first structures of this household are scored in well under a second", took)
	}
	if r.Status != search.Feasible {
		t.Errorf("status %v after the time limit, want %v (not proven optimal)", r.Status, search.Feasible)
	}
	if err := checkResult(sc, r); err != nil {
		t.Error(err)
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	t.Logf("heap after: %d MB", ms.HeapAlloc>>20)
	if ms.HeapAlloc > 200<<20 {
		t.Errorf("heap %d MB after the search, want < 200 MB", ms.HeapAlloc>>20)
	}
	// A cancelled context stops it the same way, at once.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	began = time.Now()
	r, err = search.Search(ctx, sc, search.Settings{})
	if err != nil {
		t.Fatal(err)
	}
	if d := time.Since(began); d > time.Second || r.Status != search.Feasible {
		t.Errorf("cancelled search: %v after %v, want Feasible at once", r.Status, d)
	}
}

// TestHugeHouseholdEndsByItsLimits: a couple with three plans each over 40
// years has more structures than any search can prove. With the default
// settings a limit ends it (the node limit, or on a slow machine the
// clock): within its time, in bounded memory, with a plan that replays
// exactly, and the cause named.
func TestHugeHouseholdEndsByItsLimits(t *testing.T) {
	sc := bench.Generate(7000, bench.Shape{Plans: 3, Couples: true, Horizon: 40})
	runtime.GC()
	const limit = 10 * time.Second
	began := time.Now()
	r, err := search.Search(context.Background(), sc, search.Settings{TimeLimit: limit, Workers: 1})
	took := time.Since(began)
	if took > limit+timeAllowance {
		t.Errorf("a %v time limit returned after %v", limit, took)
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%v in %v: %d strategies, %d structures, %d nodes; cause %d", r.Status, took, len(r.Strategies), r.Stats.Structures, r.Stats.Nodes, r.Cause)
	if len(r.Strategies) == 0 || r.Status != search.Feasible {
		t.Fatalf("%d strategies, status %v: want at least one, not proven optimal", len(r.Strategies), r.Status)
	}
	if r.Cause != search.CauseNodeLimit && r.Cause != search.CauseTimeLimit {
		t.Errorf("cause %d, want the node limit or the time limit", r.Cause)
	}
	if err := checkResult(sc, r); err != nil {
		t.Error(err)
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	if ms.HeapAlloc > 200<<20 {
		t.Errorf("heap %d MB after the search, want < 200 MB", ms.HeapAlloc>>20)
	}
}
