package cli

import (
	"encoding/json"
	"path/filepath"
	"testing"
)

// statePlanJSON is the part of plan's JSON the state examples check.
type statePlanJSON struct {
	Strategies []struct {
		StateTax  string `json:"state_tax"`
		Converted string `json:"converted"`
		Years     []struct {
			Year         int    `json:"year"`
			AddedTaxable string `json:"added_taxable"`
			StateTax     string `json:"state_tax"`
		} `json:"years"`
	} `json:"strategies"`
	StateTax struct {
		Residence []struct {
			Year     int    `json:"year"`
			State    string `json:"state"`
			Baseline string `json:"baseline"`
		} `json:"residence"`
	} `json:"state_tax"`
}

func planExample(t *testing.T, name string) statePlanJSON {
	t.Helper()
	code, out, stderr := runCLI(t, "", "plan", filepath.Join("..", "..", "examples", name), "-o", "json", "--workers", "2")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var p statePlanJSON
	if err := json.Unmarshal([]byte(out), &p); err != nil {
		t.Fatal(err)
	}
	if len(p.Strategies) == 0 {
		t.Fatal("no strategy")
	}
	return p
}

// TestExampleMoveToTexas: the couple moving from California to Texas in the
// middle of 2028 converts nothing while California can tax it (2026 to
// 2028, the year of the move taxed as California's) and the whole goal
// after, with no state tax.
func TestExampleMoveToTexas(t *testing.T) {
	p := planExample(t, "move-california-to-texas.yaml")
	best := p.Strategies[0]
	if best.Converted != "150000.00" || best.StateTax != "0.00" {
		t.Errorf("best plan converts %s with %s of state tax, want 150000.00 and 0.00", best.Converted, best.StateTax)
	}
	after := 0
	for _, y := range best.Years {
		switch {
		case y.Year <= 2028 && y.AddedTaxable != "0.00":
			t.Errorf("%d: converts %s while resident in California", y.Year, y.AddedTaxable)
		case y.Year > 2028 && y.AddedTaxable != "0.00":
			after++
		}
	}
	if after == 0 {
		t.Error("nothing converted after the move")
	}
	for _, r := range p.StateTax.Residence {
		if (r.Year < 2028 && r.State != "CA") || (r.Year > 2028 && r.State != "TX") {
			t.Errorf("%d: residence %s", r.Year, r.State)
		}
	}
}

// TestExamplePennsylvaniaRetiree: Pennsylvania taxes the retiree's dividends
// but none of her conversions.
func TestExamplePennsylvaniaRetiree(t *testing.T) {
	p := planExample(t, "pennsylvania-retiree.yaml")
	best := p.Strategies[0]
	if best.Converted != "200000.00" || best.StateTax != "0.00" {
		t.Errorf("best plan converts %s with %s of state tax, want 200000.00 and 0.00", best.Converted, best.StateTax)
	}
	for _, y := range best.Years {
		if y.StateTax != "0.00" {
			t.Errorf("%d: state tax %s on %s of conversions", y.Year, y.StateTax, y.AddedTaxable)
		}
	}
	if len(p.StateTax.Residence) == 0 || p.StateTax.Residence[0].Baseline == "0.00" {
		t.Errorf("Pennsylvania's tax on the dividends is missing: %+v", p.StateTax.Residence)
	}
}
