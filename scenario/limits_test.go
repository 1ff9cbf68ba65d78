package scenario

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/rothpath/optimize/money"
)

// largestHousehold writes the largest household the ranges allow in shape:
// a married couple, MaxAccounts plans each with every field, and an income
// entry for every year from MinYear to MaxYear, with a comment holding
// structural characters on every line. amount is every money field's value.
func largestHousehold(amount string) []byte {
	var b strings.Builder
	c := "  # note: checked 2026-01-05, see file [p. 2] - ok?\n"
	line := func(format string, args ...any) { fmt.Fprintf(&b, format, args...); b.WriteString(c) }
	line("name: largest")
	line("start_year: 2061")
	line("horizon_years: 40")
	line("filing_status: married_joint")
	line("people:")
	for _, p := range []string{"a", "b"} {
		line("  - id: %s", p)
		line("    birth_year: 1990")
		line("    separated_from_service: true")
		line("    accounts:")
		for j := range MaxAccounts {
			line("      - id: %s-plan-%d", p, j)
			line("        kind: 401k")
			for _, f := range []string{"pretax", "after_tax_contributions", "after_tax_earnings", "pre1987_after_tax", "designated_roth"} {
				line("        %s: %s", f, amount)
			}
			line("        separate_after_tax_account: true")
			line("        separated_from_service: false")
			line("        in_service_sources:")
			for _, s := range []string{"after_tax", "pretax", "roth"} {
				line("          - %s", s)
			}
			line("        allows_in_plan_roth_rollover: true")
			line("        accepts_ira_roll_in: true")
		}
	}
	line("cash: %s", amount)
	line("income:")
	for y := MinYear; y <= MaxYear; y++ {
		line("  - year: %d", y)
		for _, f := range []string{"wages", "other_ordinary", "qualified_dividends", "long_term_gains", "social_security", "itemized_deductions"} {
			line("    %s: %s", f, amount)
		}
	}
	line("goal:")
	line("  convert: %s", amount)
	line("objective: present_value")
	line("assumptions:")
	line("  discount_rate: %v", MinDiscountRate)
	line("  growth_rate: 0")
	line("  inflation: %v", MaxInflation)
	line("  state_tax_rate: %v", MaxStateTaxRate)
	line("constraints:")
	line("  max_marginal_rate: 0.37")
	line("  irmaa: cost")
	line("  rule_regime: current")
	return []byte(b.String())
}

// The largest household the ranges allow, commented on every line, is
// accepted and well inside the file size and structure caps.
func TestLargestHouseholdFitsTheCaps(t *testing.T) {
	data := largestHousehold("1000.00")
	s, err := Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	n := CountStructure(data)
	t.Logf("%d bytes, %d structural characters", len(data), n)
	if len(data) > MaxFileSize/4 || n > MaxStructure/2 {
		t.Errorf("%d bytes and %d structural characters: the caps (%d, %d) leave too little room", len(data), n, MaxFileSize, MaxStructure)
	}
	if len(s.People[1].Accounts) != MaxAccounts || len(s.Income) != MaxYear-MinYear+1 {
		t.Errorf("parsed %d accounts and %d income years", len(s.People[1].Accounts), len(s.Income))
	}
}

// Past MaxStructure the input is refused before the YAML parser sees it,
// quickly and without building the tree.
func TestStructureCap(t *testing.T) {
	data := []byte("[" + strings.Repeat("1,", MaxStructure) + "1]")
	_, err := Parse(data)
	if !errors.Is(err, ErrTooComplex) || !strings.Contains(err.Error(), "more than the 50000 a scenario may have") {
		t.Errorf("got %v", err)
	}
	allocs := testing.AllocsPerRun(3, func() { Parse(data) })
	if allocs > 20 {
		t.Errorf("%.0f allocations to refuse it: the parser ran", allocs)
	}
}

// nodes counts a YAML tree's nodes below the document node.
func nodes(n *yaml.Node) int {
	c := 1
	for _, k := range n.Content {
		c += nodes(k)
	}
	return c
}

// FuzzStructureBound holds MaxStructure's premise: a YAML tree has at most
// 2·CountStructure+2 nodes, so the structure cap bounds the parser's memory.
func FuzzStructureBound(f *testing.F) {
	for _, s := range []string{
		"a: 1\n", "[1,2,[3,{a: b}]]", "- - - x\n", "{a: {b: {c: 1}}}", "? a\n: b\n", "a: [1, 2]\r b: 3",
		"- a: 1\n  b: [x, y]\n- c\n", "x: |\n  text\n  more\n", "!!map {a: 1}", "&a [*a]", "a\u0085b: c",
		string(largestHousehold("1.00")[:4000]),
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 4096 {
			return
		}
		var doc yaml.Node
		dec := yaml.NewDecoder(bytes.NewReader(data))
		for range 64 { // (a decoder can return empty documents without end)
			doc = yaml.Node{}
			if err := dec.Decode(&doc); err != nil {
				return
			}
			total := 0
			for _, c := range doc.Content {
				total += nodes(c)
			}
			if n := CountStructure(data); total > 2*n+2 {
				t.Fatalf("%d nodes from %d structural characters in %q", total, n, data)
			}
		}
	})
}

// edgeScenario parses a one-IRA household of half the maximum with extra
// lines appended.
func edgeScenario(t *testing.T, extra string) error {
	t.Helper()
	base := "start_year: 2026\nhorizon_years: 1\nfiling_status: single\npeople:\n  - id: a\n    birth_year: 1960\n    accounts:\n" +
		"      - id: ira\n        kind: traditional_ira\n        balance: 500000000\ngoal:\n  convert: 1000\n"
	_, err := Parse([]byte(base + extra))
	return err
}

// Each range accepts its edge and refuses just past it.
func TestRangeEdges(t *testing.T) {
	for _, tc := range []struct {
		name, in, err string // err "" means accepted
	}{
		{"household at the maximum", "cash: 500000000\n", ""},
		{"household a cent past", "cash: 500000000.01\n", "line 13: cash: the household's accounts and cash ($1,000,000,000.01)"},
		{"income fills the rest", "income:\n  - year: 2026\n    wages: 500000000\n", ""},
		{"income a cent past", "income:\n  - year: 2026\n    wages: 500000000.01\n", "line 15: income[0].wages: the household's accounts and cash ($500,000,000.00) and its 2026 income ($500,000,000.01)"},
		{"itemized at the maximum", "income:\n  - year: 2026\n    itemized_deductions: 1000000000\n", ""},
		{"itemized past", "income:\n  - year: 2026\n    itemized_deductions: 1000000000.01\n", "line 15: income[0].itemized_deductions: $1,000,000,000.01 is above the supported $1,000,000,000.00"},
		{"discount at the minimum", "assumptions:\n  discount_rate: -0.1\n", ""},
		{"discount past", "assumptions:\n  discount_rate: -0.1000001\n", "assumptions.discount_rate: -0.1000001 is outside -0.1..1"},
		{"discount at the maximum", "assumptions:\n  discount_rate: 1\n", ""},
		{"inflation at the maximum", "assumptions:\n  inflation: 0.1\n", ""},
		{"inflation past", "assumptions:\n  inflation: 0.1000001\n", "assumptions.inflation: 0.1000001 is outside -0.2..0.1"},
		{"inflation at the minimum", "assumptions:\n  inflation: -0.2\n", ""},
		{"growth at the maximum, one year", "assumptions:\n  growth_rate: 1\n", ""},
		{"growth past", "assumptions:\n  growth_rate: 1.0000001\n", "assumptions.growth_rate: 1.0000001 is outside -0.5..1"},
		{"growth at the minimum", "assumptions:\n  growth_rate: -0.5\n", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := edgeScenario(t, tc.in)
			switch {
			case tc.err == "" && err != nil:
				t.Errorf("refused: %v", err)
			case tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)):
				t.Errorf("got %v, want %q", err, tc.err)
			}
		})
	}
}

// Growth counts from the start year to the horizon's last year, the
// growth of each year rounded up with a cent per balance to spare.
func TestGrowthEdge(t *testing.T) {
	s := &Scenario{StartYear: 2026, HorizonYears: 2, FilingStatus: Single, Objective: TotalTax,
		People:      []Person{{ID: "a", BirthYear: 1960, Accounts: []Account{{ID: "ira", Kind: KindTraditionalIRA, Balance: MaxHousehold / 2}}}},
		Constraints: Constraints{IRMAA: IRMAAIgnore, RuleRegime: DefaultRuleRegime}, Assumptions: Assumptions{GrowthRate: 0.5}}
	if err := s.Validate(); err != nil { // 0.75 of the maximum in the second year
		t.Errorf("half the maximum at 50%% for a year: %v", err)
	}
	s.Assumptions.GrowthRate = 1 // the maximum and a cent of rounding in the second year
	err := s.Validate()
	var fe *FieldError
	if !errors.As(err, &fe) || fe.Path != "assumptions.growth_rate" {
		t.Errorf("half the maximum at 100%% for a year: %v", err)
	}
	s.HorizonYears = 1 // the last year's growth never counts
	if err := s.Validate(); err != nil {
		t.Errorf("one year: %v", err)
	}
	// A dollar doubling every year: 2^29 dollars (about $537 million) by
	// the 30th year is accepted, 2^30 by the 31st is not.
	s.People[0].Accounts[0].Balance = money.Dollar
	s.HorizonYears = 30
	if err := s.Validate(); err != nil {
		t.Errorf("a dollar doubling for 29 years: %v", err)
	}
	s.HorizonYears = 31
	if err := s.Validate(); !errors.As(err, &fe) || fe.Path != "assumptions.growth_rate" || !strings.Contains(err.Error(), "by 2056") {
		t.Errorf("a dollar doubling for 30 years: %v", err)
	}
}

// Years: start_year from the first year with figures to MaxYear, and the
// horizon may end in MaxYear but not after.
func TestYearEdges(t *testing.T) {
	for _, tc := range []struct {
		start, horizon int
		ok             bool
	}{
		{FirstTaxYear, 1, true}, {FirstTaxYear - 1, 1, false}, {MaxYear, 1, true}, {MaxYear + 1, 1, false},
		{MaxYear - MaxHorizon + 1, MaxHorizon, true}, {MaxYear - MaxHorizon + 2, MaxHorizon, false}, {2026, MaxHorizon + 1, false},
	} {
		s := &Scenario{StartYear: tc.start, HorizonYears: tc.horizon, FilingStatus: Single, Objective: TotalTax,
			People:      []Person{{ID: "a", BirthYear: 1960}},
			Constraints: Constraints{IRMAA: IRMAAIgnore, RuleRegime: DefaultRuleRegime}}
		if err := s.Validate(); (err == nil) != tc.ok {
			t.Errorf("start %d horizon %d: %v, want accepted %v", tc.start, tc.horizon, err, tc.ok)
		}
	}
}
