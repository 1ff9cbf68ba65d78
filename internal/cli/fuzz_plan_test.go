package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rothpath/optimize/money"
	"github.com/rothpath/optimize/objective"
	"github.com/rothpath/optimize/scenario"
)

// fuzzHousehold writes a scenario from the fuzzer's numbers: a single person
// or a couple, IRAs with basis, a plan with every kind of money, a Roth
// IRA, cash and income, each a share of a total drawn anywhere in
// 0..scenario.MaxHousehold (a third of the time at the maximum itself), in
// any supported year, with rates anywhere in their ranges. knobs steer the
// shares and choices; seed fills in the rest.
func fuzzHousehold(seed, total uint64, knobs []byte) string {
	r := rand.New(rand.NewPCG(seed, uint64(len(knobs))))
	knob := func(i int) int {
		if i < len(knobs) {
			return int(knobs[i])
		}
		return r.IntN(256)
	}
	top := uint64(scenario.MaxHousehold)
	t := total % (top + 1)
	if knob(0)%3 == 0 {
		t = top
	}
	couple := knob(1)%2 == 0
	start := scenario.FirstTaxYear + knob(2)%(scenario.MaxYear-scenario.FirstTaxYear+1)
	horizon := 1 + knob(3)%min(8, scenario.MaxYear-start+1)
	// Shares of the total, in 1/255ths normalised below.
	names := []string{"ira", "basis", "pretax", "after_tax", "earnings", "pre1987", "roth401k", "roth_ira", "cash", "wages", "other", "dividends", "gains", "ss", "ira2"}
	w := make([]uint64, len(names))
	var sum uint64
	for i := range w {
		w[i] = uint64(knob(4+i) % 16) // many zero or small, some large
		sum += w[i]
	}
	amt := map[string]money.Cents{}
	for i, n := range names {
		if sum > 0 {
			// t·w/sum without overflow: t < 2^37, w < 16.
			amt[n] = money.Cents(t * w[i] / sum)
		}
	}
	// basis is part of the IRA's balance, not added to it.
	ira := amt["ira"] + amt["basis"]
	plan := amt["pretax"] + amt["after_tax"] + amt["earnings"] + amt["pre1987"]
	if amt["after_tax"] == 0 {
		amt["pretax"] += amt["earnings"]
		amt["earnings"] = 0
	}
	c := func(v money.Cents) string { return v.String() }
	var b strings.Builder
	status := "single"
	if couple {
		status = "married_joint"
	}
	fmt.Fprintf(&b, "name: fuzz %d\nstart_year: %d\nhorizon_years: %d\nfiling_status: %s\npeople:\n", seed, start, horizon, status)
	born := start - 30 - knob(19)%60
	fmt.Fprintf(&b, "  - id: p\n    birth_year: %d\n    separated_from_service: %v\n    accounts:\n", max(born, scenario.MinBirthYear), knob(20)%2 == 0)
	fmt.Fprintf(&b, "      - id: p-ira\n        kind: traditional_ira\n        balance: %s\n        basis: %s\n", c(ira), c(amt["basis"]))
	fmt.Fprintf(&b, "      - id: p-plan\n        kind: %s\n        pretax: %s\n        after_tax_contributions: %s\n        after_tax_earnings: %s\n        pre1987_after_tax: %s\n        designated_roth: %s\n",
		[]string{"401k", "403b", "governmental_457b"}[knob(21)%3], c(amt["pretax"]), c(amt["after_tax"]), c(amt["earnings"]), c(amt["pre1987"]), c(amt["roth401k"]))
	fmt.Fprintf(&b, "        separate_after_tax_account: %v\n        allows_in_plan_roth_rollover: %v\n        accepts_ira_roll_in: %v\n",
		knob(22)%2 == 0, knob(23)%2 == 0, knob(24)%2 == 0)
	if knob(25)%3 == 0 {
		b.WriteString("        separated_from_service: false\n        in_service_sources: [after_tax, pretax]\n")
	}
	fmt.Fprintf(&b, "      - id: p-roth\n        kind: roth_ira\n        balance: %s\n", c(amt["roth_ira"]))
	if couple {
		fmt.Fprintf(&b, "  - id: q\n    birth_year: %d\n    accounts:\n      - id: q-ira\n        kind: traditional_ira\n        balance: %s\n",
			max(born+knob(26)%20-10, scenario.MinBirthYear), c(amt["ira2"]))
	} else {
		amt["cash"] += amt["ira2"]
	}
	fmt.Fprintf(&b, "cash: %s\nincome:\n  - year: %d\n    wages: %s\n    other_ordinary: %s\n    qualified_dividends: %s\n    long_term_gains: %s\n    social_security: %s\n    itemized_deductions: %s\n",
		c(amt["cash"]), start, c(amt["wages"]), c(amt["other"]), c(amt["dividends"]), c(amt["gains"]), c(amt["ss"]), c(money.Cents(knob(27))*money.Dollars(10_000)))
	convertible := ira + plan
	if couple {
		convertible += amt["ira2"]
	}
	goal := money.Cents(uint64(convertible) * uint64(knob(28)) / 255)
	fmt.Fprintf(&b, "goal:\n  convert: %s\n", c(goal))
	fmt.Fprintf(&b, "objective: %s\n", []string{"total_tax", "present_value"}[knob(29)%2])
	rate := func(lo, hi float64, k int) float64 { return lo + (hi-lo)*float64(knob(k))/255 }
	fmt.Fprintf(&b, "assumptions:\n  discount_rate: %.6f\n  growth_rate: %.6f\n  inflation: %.6f\n  state_tax_rate: %.6f\n",
		rate(scenario.MinDiscountRate, scenario.MaxDiscountRate, 30), rate(scenario.MinGrowthRate, 0.15, 31),
		rate(scenario.MinInflation, scenario.MaxInflation, 32), rate(scenario.MinStateTaxRate, scenario.MaxStateTaxRate, 33))
	fmt.Fprintf(&b, "constraints:\n  irmaa: %s\n", []string{"ignore", "cost", "avoid"}[knob(34)%3])
	if k := knob(35) % 9; k < 7 {
		fmt.Fprintf(&b, "  max_marginal_rate: %v\n", []float64{0.10, 0.12, 0.22, 0.24, 0.32, 0.35, 0.37}[k])
	}
	return b.String()
}

// planJSON is what the checks read of plan's JSON.
type planJSON struct {
	Goal struct {
		Convert string
		Reached bool
	}
	Status     string
	Strategies []struct {
		TotalTax     string `json:"total_tax"`
		FederalTax   string `json:"federal_tax"`
		StateTax     string `json:"state_tax"`
		Penalty      string
		IRMAA        string
		PresentValue string `json:"present_value"`
		Converted    string
		Taxable      string
		BasisToRoth  string `json:"basis_to_roth"`
		BasisLeft    string `json:"basis_left"`
		CashNeeded   string `json:"cash_needed"`
		Years        []struct {
			Year         int
			AddedTaxable string  `json:"added_taxable"`
			AddedTax     string  `json:"added_tax"`
			MarginalRate float64 `json:"marginal_rate"`
		}
	}
}

// FuzzPlanEndToEnd plans fuzzed households across the whole supported range
// through the command line (scenario file, parse, validation, search, JSON
// report) and holds every answer to conservation and sign checks that a
// wrapped number cannot pass:
//
//   - plan exits 0 or 1 (2 only when validation refused the household with
//     a field and line; never 3, an internal error, never a panic);
//   - every amount parses, and none is negative;
//   - total tax is federal + state + penalty + IRMAA, and the sum of the
//     years' added tax; converted is taxable + basis to Roth, reaches the
//     goal and is at most the supported household;
//   - each year's added tax is at least 10% of its added income beyond the
//     year's largest possible deduction, and at most 120% of it plus the
//     largest IRMAA surcharge two people can owe (a wrapped sum is far out
//     of both).
func FuzzPlanEndToEnd(f *testing.F) {
	for _, s := range []struct {
		seed, total uint64
		knobs       string
	}{
		{1, 0, "\x00"}, {2, 1 << 36, "\x01\x00\x02\x01"}, {3, 12345678901, "\x02\x01\x00\x03\x0f\x0f"},
		{4, 99999999999, "\x00\x00\x4c\x00\x0f\x00\x0f\x0f\x00\x00\x00\x00\x00\x0f"},
		{5, 5_000_000_00, "\x01\x01\x02\x07\x03\x01\x04\x05\x01\x02\x03\x04\x05\x06\x07\x08"},
	} {
		f.Add(s.seed, s.total, []byte(s.knobs))
	}
	f.Fuzz(func(t *testing.T, seed, total uint64, knobs []byte) {
		text := fuzzHousehold(seed, total, knobs)
		path := filepath.Join(t.TempDir(), "h.yaml")
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		var out, stderr strings.Builder
		code := run(context.Background(), []string{"plan", path, "-o", "json", "--workers", "1", "--top", "3", "--time-limit", "2s"},
			strings.NewReader(""), &out, &stderr)
		switch code {
		case ExitOK, ExitFailed:
		case ExitBadInput:
			if !strings.Contains(stderr.String(), "h.yaml: line ") {
				t.Fatalf("refused without a field and line: %s\n%s", stderr.String(), text)
			}
			return
		default:
			t.Fatalf("exit %d: %s\n%s", code, stderr.String(), text)
		}
		if out.Len() == 0 {
			return // the time limit passed while reading, or nothing to report
		}
		sc, err := scenario.Parse([]byte(text))
		if err != nil {
			t.Fatal(err)
		}
		var res planJSON
		if err := json.Unmarshal([]byte(out.String()), &res); err != nil {
			t.Fatalf("%v\n%s", err, out.String())
		}
		checkPlanAnswer(t, sc, &res, text)
	})
}

func checkPlanAnswer(t *testing.T, sc *scenario.Scenario, res *planJSON, text string) {
	t.Helper()
	fail := func(format string, args ...any) {
		t.Helper()
		t.Fatalf(format+"\nscenario:\n%s", append(args, text)...)
	}
	m := func(s string) money.Cents {
		v, err := money.Parse(s)
		if err != nil || v < 0 {
			fail("amount %q: %v (negative or not an amount)", s, err)
		}
		return v
	}
	for i, s := range res.Strategies {
		total, fed, state, pen, irmaa := m(s.TotalTax), m(s.FederalTax), m(s.StateTax), m(s.Penalty), m(s.IRMAA)
		m(s.PresentValue)
		conv, taxable, basis := m(s.Converted), m(s.Taxable), m(s.BasisToRoth)
		m(s.BasisLeft)
		if cash := m(s.CashNeeded); cash > sc.Cash {
			fail("strategy %d needs %s of cash, the household has %s", i+1, cash, sc.Cash)
		}
		if total != fed+state+pen+irmaa {
			fail("strategy %d: total %s != federal %s + state %s + penalty %s + irmaa %s", i+1, total, fed, state, pen, irmaa)
		}
		if conv != taxable+basis || conv < sc.Goal.Convert || conv > scenario.MaxHousehold {
			fail("strategy %d: converted %s, taxable %s + basis %s, goal %s", i+1, conv, taxable, basis, sc.Goal.Convert)
		}
		var years money.Cents
		for _, y := range s.Years {
			added, tax := m(y.AddedTaxable), m(y.AddedTax)
			years += tax
			p, err := objective.ParamsFor(y.Year, sc.Assumptions.Inflation)
			if err != nil {
				fail("year %d: %v", y.Year, err)
			}
			pi, err := objective.ParamsFor(y.Year+2, sc.Assumptions.Inflation)
			if err != nil {
				fail("year %d: %v", y.Year, err)
			}
			// The largest deduction the year can give: standard with both
			// people's age amounts and senior deductions, or itemized.
			var d money.Cents
			for st := range p.StandardDeduction {
				d = max(d, p.StandardDeduction[st]+2*p.AdditionalAged[st]+2*p.SeniorAmount[st])
			}
			d = max(d, sc.IncomeFor(y.Year).ItemizedDeductions+2*p.SeniorAmount[1])
			if low := (added - d) / 10; tax < low-money.Dollar {
				fail("strategy %d, %d: added tax %s on %s of added income, less than 10%% beyond the deduction (%s)", i+1, y.Year, tax, added, low)
			}
			var top money.Cents
			for st := range pi.IRMAA {
				if n := pi.IRMAA[st].N; n > 0 {
					top = max(top, 12*2*(pi.IRMAA[st].PartB[n-1]+pi.IRMAA[st].PartD[n-1]))
				}
			}
			if high := added/5*6 + top + money.Dollar; tax > high {
				fail("strategy %d, %d: added tax %s on %s of added income, more than 120%% of it plus IRMAA", i+1, y.Year, tax, added)
			}
			if y.MarginalRate < 0 || y.MarginalRate > 1 {
				fail("strategy %d, %d: marginal rate %v", i+1, y.Year, y.MarginalRate)
			}
		}
		if years != total {
			fail("strategy %d: the years' added tax sums to %s, the total is %s", i+1, years, total)
		}
	}
}

// The fuzz target's generator reaches the supported maximum and its
// households validate: otherwise the fuzzing would test refusals only.
func TestFuzzHouseholdsValidate(t *testing.T) {
	ok, atMax := 0, 0
	for seed := range uint64(200) {
		text := fuzzHousehold(seed, seed*7919*1_000_000_007, nil)
		sc, err := scenario.Parse([]byte(text))
		if err != nil {
			continue
		}
		ok++
		var held money.Cents
		for _, p := range sc.People {
			for _, a := range p.Accounts {
				held += a.NonRothBalance() + a.DesignatedRoth
				if a.Kind == scenario.KindRothIRA {
					held += a.Balance
				}
			}
		}
		in := sc.IncomeFor(sc.StartYear)
		if held+sc.Cash+in.Wages+in.OtherOrdinary+in.QualifiedDividends+in.LongTermGains+in.SocialSecurity >= scenario.MaxHousehold-money.Dollar {
			atMax++
		}
	}
	t.Logf("%d of 200 valid, %d at the maximum", ok, atMax)
	if ok < 120 || atMax < 30 {
		t.Errorf("%d of 200 generated households valid, %d at the maximum: the generator misses the range", ok, atMax)
	}
}
