package bench

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/rothpath/optimize/scenario"
	"github.com/rothpath/optimize/search"
)

// oracleHouseholds is how many random tiny households the search is held to
// the brute-force oracle on (issue 4: at least 200, fixed seed).
const oracleHouseholds = 200

// TestSearchMatchesOracle: on random tiny households, the search's best
// objective equals the brute-force oracle's to the cent. A failing household
// is written to testdata/regressions/ so it can be kept as a named case.
func TestSearchMatchesOracle(t *testing.T) {
	n := oracleHouseholds
	if testing.Short() {
		n = 30
	}
	for i := 0; i < n; i++ {
		sc := Generate(uint64(i), Shape{Tiny: true, MaxDims: 3, Plans: -1, Couples: i%5 == 0})
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			t.Parallel()
			checkAgainstOracle(t, sc)
		})
	}
}

// TestRegressionsMatchOracle replays every household once found to differ.
func TestRegressionsMatchOracle(t *testing.T) {
	files, _ := filepath.Glob("testdata/regressions/*.yaml")
	for _, f := range files {
		sc, err := scenario.Load(f)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		t.Run(filepath.Base(f), func(t *testing.T) { checkAgainstOracle(t, sc) })
	}
}

func checkAgainstOracle(t *testing.T, sc *scenario.Scenario) {
	t.Helper()
	ctx := context.Background()
	want, err := search.Oracle(ctx, sc, 0)
	if err != nil {
		t.Fatal(err)
	}
	got, err := search.Search(ctx, sc, search.Settings{Top: 1, Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	if !want.Found {
		if len(got.Strategies) > 0 {
			t.Fatalf("oracle finds no strategy, search finds %s", got.Strategies[0].PresentValue)
		}
		return
	}
	if len(got.Strategies) == 0 {
		keep(t, sc)
		t.Fatalf("search finds nothing (cause %d); oracle %s (structure %d, amounts %v)", got.Cause, want.Objective, want.Structure, want.Amounts)
	}
	if g := got.Strategies[0].PresentValue; g != want.Objective {
		keep(t, sc)
		t.Fatalf("search %s, oracle %s (structure %d, amounts %v, %d evaluations)", g, want.Objective, want.Structure, want.Amounts, want.Evaluations)
	}
}

func keep(t *testing.T, sc *scenario.Scenario) {
	b, err := scenario.Encode(sc)
	if err != nil {
		return
	}
	os.MkdirAll("testdata/regressions", 0o755)
	name := filepath.Join("testdata/regressions", fmt.Sprintf("found-%s.yaml", filepath.Base(t.Name())))
	os.WriteFile(name, b, 0o644)
	t.Logf("kept as %s", name)
}
