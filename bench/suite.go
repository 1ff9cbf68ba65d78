package bench

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/rothpath/optimize/internal/household"
	"github.com/rothpath/optimize/scenario"
)

// Case is one scenario of the fixed suite.
type Case struct {
	Name     string
	Scenario *scenario.Scenario
	// Tiny cases are small enough for the brute-force oracle.
	Tiny bool
}

// Seed000Path is the seed-000 household, relative to the module root.
const Seed000Path = "examples/seed000-split-rollover.yaml"

// Seed000FiveYears is the seed-000 household over a 5-year horizon: the
// single-household speed target (RESULTS.md, "## search").
func Seed000FiveYears(root string) (*scenario.Scenario, error) {
	sc, err := scenario.Load(filepath.Join(root, Seed000Path))
	if err != nil {
		return nil, err
	}
	sc.HorizonYears = 5
	return sc, nil
}

// generatedCases are the generated households of growing size and horizon.
// Each shape's first households are taken, not picked for speed, so the
// suite shows the slow ones too.
var generatedCases = []struct {
	label string
	shape Shape
	count int
}{
	{"1 plan, 3y", Shape{Plans: 1, Horizon: 3}, 3},
	{"couple, 2 plans, 5y", Shape{Plans: 2, Couples: true, Horizon: 5}, 2},
	{"couple, 2 plans, 10y", Shape{Plans: 2, Couples: true, Horizon: 10}, 2},
}

// TinyCases are the households the oracle checks within a second or so.
func TinyCases() []Case {
	var cs []Case
	for i := range uint64(6) {
		cs = append(cs, Case{
			Name:     fmt.Sprintf("tiny #%d", i),
			Scenario: Generate(i, Shape{Tiny: true, MaxDims: 2, Plans: -1, Couples: i%3 == 0}),
			Tiny:     true,
		})
	}
	return cs
}

// Suite returns the fixed benchmark suite: every examples/*.yaml under root
// (the module root), the seed-000 household over five years, generated
// households of growing size, and the tiny ones.
func Suite(root string) ([]Case, error) {
	files, err := filepath.Glob(filepath.Join(root, "examples", "*.yaml"))
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("bench: no examples/*.yaml under %s (run from the module root)", root)
	}
	var cs []Case
	for _, f := range files {
		sc, err := scenario.Load(f)
		if err != nil {
			return nil, err
		}
		cs = append(cs, Case{Name: strings.TrimSuffix(filepath.Base(f), ".yaml"), Scenario: sc})
	}
	sc, err := Seed000FiveYears(root)
	if err != nil {
		return nil, err
	}
	cs = append(cs, Case{Name: "seed000-split-rollover, 5y", Scenario: sc})
	for _, g := range generatedCases {
		for i := range uint64(g.count) {
			cs = append(cs, Case{Name: fmt.Sprintf("%s #%d", g.label, i), Scenario: Generate(i, g.shape)})
		}
	}
	return append(cs, TinyCases()...), nil
}

// Shape says what kind of households Generate makes (internal/household).
type Shape = household.Shape

// Generate returns household number n of the given shape: the same n and
// shape always give the same valid household (internal/household).
func Generate(n uint64, sh Shape) *scenario.Scenario { return household.Generate(n, sh) }

// Shapes of `optimize bench generate`.
var (
	// RealisticShape: one person or a couple, 0 to 2 plans each, a 1- to
	// 3-year horizon (BenchmarkGenerated10k and the rank memory figure).
	RealisticShape = household.Realistic
	// TinyShape: households the oracle solves in well under a second.
	TinyShape = household.TinyShape
)
