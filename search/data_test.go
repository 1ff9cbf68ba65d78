package search

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/rothpath/optimize/money"
	"github.com/rothpath/optimize/scenario"
)

// searchCase is one file of testdata/search: a scenario and what the best
// strategy (or the infeasible answer) must be, with the source of the figures.
type searchCase struct {
	Name     string    `yaml:"name"`
	Source   string    `yaml:"source"`
	Scenario yaml.Node `yaml:"scenario"`
	Expect   struct {
		Status           string         `yaml:"status"`
		TotalTax         *string        `yaml:"total_tax"`
		Taxable          *string        `yaml:"taxable"`
		TaxableAtLeast   *string        `yaml:"taxable_at_least"`
		TaxableAtMost    *string        `yaml:"taxable_at_most"`
		BasisLeft        *string        `yaml:"basis_left"`
		Actions          []string       `yaml:"actions"`
		Includes         []string       `yaml:"includes"`
		MaxReachable     *string        `yaml:"max_reachable"`
		Blocker          string         `yaml:"blocker"`
		MaxAddedEachYear map[int]string `yaml:"max_added_each_year"`
		// ObjectiveAtMost is the cheapest plan known for a regression
		// case: the answer may not cost more, nor its bound pass it.
		ObjectiveAtMost *string `yaml:"objective_at_most"`
	} `yaml:"expect"`
}

// TestSearchCases runs every case in testdata/search (tests as data).
func TestSearchCases(t *testing.T) {
	files, err := filepath.Glob("../testdata/search/*.yaml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no cases: %v", err)
	}
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var c searchCase
		dec := yaml.NewDecoder(strings.NewReader(string(raw)))
		dec.KnownFields(true)
		if err := dec.Decode(&c); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		t.Run(filepath.Base(f), func(t *testing.T) {
			if c.Name == "" || c.Source == "" {
				t.Fatalf("a case needs a name and a source")
			}
			body, err := yaml.Marshal(&c.Scenario)
			if err != nil {
				t.Fatal(err)
			}
			sc, err := scenario.Parse(body)
			if err != nil {
				t.Fatal(err)
			}
			res, err := Search(context.Background(), sc, Settings{})
			if err != nil {
				t.Fatal(err)
			}
			checkCase(t, &c, res)
		})
	}
}

func checkCase(t *testing.T, c *searchCase, res *Result) {
	t.Helper()
	e := &c.Expect
	if got := map[Status]string{Optimal: "optimal", Feasible: "feasible", Infeasible: "infeasible"}[res.Status]; got != e.Status &&
		(e.Status != "reached" || res.Status == Infeasible) {
		t.Fatalf("status %s, want %s (cause %d, blockers %+v)", got, e.Status, res.Cause, res.Blockers)
	}
	if res.Status != Infeasible && len(res.Strategies) > 0 {
		pv := res.Strategies[0].PresentValue
		if res.Bound > pv || res.Gap != pv-res.Bound || (res.Status == Optimal) != (res.Gap == 0) {
			t.Fatalf("certificate: status %v, bound %s, gap %s, best %s", res.Status, res.Bound, res.Gap, pv)
		}
	}
	amount := func(s *string) money.Cents { return money.MustParse(*s) }
	if e.MaxReachable != nil && res.MaxReachable != amount(e.MaxReachable) {
		t.Errorf("max reachable %s, want %s", res.MaxReachable, *e.MaxReachable)
	}
	if e.Blocker != "" && !hasBlockerNamed(res, e.Blocker) {
		t.Errorf("blockers %+v lack %q", res.Blockers, e.Blocker)
	}
	if res.Status == Infeasible {
		return
	}
	b := res.Strategies[0]
	if e.ObjectiveAtMost != nil {
		known := amount(e.ObjectiveAtMost)
		if b.PresentValue > known {
			t.Errorf("the answer costs %s, more than the cheapest plan known (%s)", b.PresentValue, known)
		}
		if res.Bound > known {
			t.Errorf("the bound %s passes a plan known to cost %s", res.Bound, known)
		}
	}
	if e.TotalTax != nil && b.TotalTax != amount(e.TotalTax) {
		t.Errorf("total tax %s, want %s", b.TotalTax, *e.TotalTax)
	}
	if e.Taxable != nil && b.Taxable != amount(e.Taxable) {
		t.Errorf("taxable %s, want %s", b.Taxable, *e.Taxable)
	}
	if e.TaxableAtLeast != nil && b.Taxable < amount(e.TaxableAtLeast) {
		t.Errorf("taxable %s below %s", b.Taxable, *e.TaxableAtLeast)
	}
	if e.TaxableAtMost != nil && b.Taxable > amount(e.TaxableAtMost) {
		t.Errorf("taxable %s above %s", b.Taxable, *e.TaxableAtMost)
	}
	if e.BasisLeft != nil && b.BasisLeft != amount(e.BasisLeft) {
		t.Errorf("basis left %s, want %s", b.BasisLeft, *e.BasisLeft)
	}
	var actions []string
	for _, s := range b.Steps {
		actions = append(actions, s.Kind.Action())
	}
	if e.Actions != nil && !slices.Equal(actions, e.Actions) {
		t.Errorf("actions %v, want %v", actions, e.Actions)
	}
	for _, a := range e.Includes {
		if !slices.Contains(actions, a) {
			t.Errorf("actions %v lack %s", actions, a)
		}
	}
	for _, y := range b.Years {
		if lim, ok := e.MaxAddedEachYear[y.Year]; ok && y.AddedTaxable > money.MustParse(lim) {
			t.Errorf("%d: added %s above %s", y.Year, y.AddedTaxable, lim)
		}
	}
}

// hasBlockerNamed reports whether res has a blocker named as in the test
// data: max_marginal_rate, irmaa_avoid, or the id of a plan that allows no
// distribution.
func hasBlockerNamed(res *Result, name string) bool {
	switch name {
	case "max_marginal_rate":
		return hasBlocker(res, BlockMaxMarginalRate, "")
	case "irmaa_avoid":
		return hasBlocker(res, BlockIRMAAAvoid, "")
	}
	return hasBlocker(res, BlockNoDistribution, name)
}
