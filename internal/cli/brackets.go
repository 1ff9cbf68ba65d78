package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/rothpath/optimize/money"
	"github.com/rothpath/optimize/objective"
	"github.com/rothpath/optimize/report"
	"github.com/rothpath/optimize/scenario"
)

// bracketsCmd is `optimize brackets --year Y --status S`.
type bracketsCmd struct {
	env       *env
	year      int
	status    string
	inflation float64
}

func newBracketsCmd(e *env) *cobra.Command {
	c := &bracketsCmd{env: e}
	cmd := &cobra.Command{
		Use:     "brackets",
		Short:   "Print the tax figures in force for a year and filing status",
		Example: "  optimize brackets --year 2026 --status married_joint",
		Args:    exactArgs(0),
		RunE:    c.run,
	}
	cmd.Flags().IntVar(&c.year, "year", 2026, "tax year")
	cmd.Flags().StringVar(&c.status, "status", "single", "filing status: single|married_joint|married_separate|head_of_household|qualifying_surviving_spouse")
	cmd.Flags().Float64Var(&c.inflation, "inflation", scenario.DefaultInflation, "indexing assumption for years without published figures")
	return cmd
}

func (c *bracketsCmd) run(*cobra.Command, []string) error {
	st, ok := statusIndex(scenario.FilingStatus(c.status))
	if !ok {
		return badInput(fmt.Errorf("--status: unknown filing status %q", c.status))
	}
	if c.year < objective.FirstYear || c.year > objective.LastYear {
		return badInput(fmt.Errorf("--year: %d is outside %d..%d (the years with figures, published or projected)", c.year, objective.FirstYear, objective.LastYear))
	}
	if c.inflation < scenario.MinInflation || c.inflation > scenario.MaxInflation || c.inflation != c.inflation {
		return badInput(fmt.Errorf("--inflation: %v is outside %v..%v (a fraction: 0.025 for 2.5%%)", c.inflation, scenario.MinInflation, scenario.MaxInflation))
	}
	p, err := objective.ParamsFor(c.year, c.inflation)
	if err != nil {
		return internal(fmt.Errorf("brackets: %w", err)) // inside the supported ranges ParamsFor cannot fail
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Federal figures for %d, %s\n\n", c.year, c.status)
	s := p.Brackets[st]
	var from money.Cents
	fmt.Fprintf(&b, "%-6s %16s %16s\n", "Rate", "Taxable over", "Up to")
	for k := range objective.MaxBrackets {
		to := "-"
		if k < objective.MaxBrackets-1 {
			to = s.Top[k].Grouped()
		}
		fmt.Fprintf(&b, "%-6s %16s %16s\n", report.Percent(float64(s.RateBP[k])/10000), from.Grouped(), to)
		if k < objective.MaxBrackets-1 {
			from = s.Top[k]
		}
	}
	b.WriteString("\n")
	for _, f := range []struct {
		name string
		v    money.Cents
	}{
		{"Standard deduction", p.StandardDeduction[st]},
		{"Additional, per person 65+ or blind", p.AdditionalAged[st]},
		{"Senior deduction, per person 65+", p.SeniorAmount[st]},
		{"Senior deduction phase-out above", p.SeniorThreshold[st]},
		{"0% capital gains up to", p.GainsTop0[st]},
		{"15% capital gains up to", p.GainsTop15[st]},
		{"NIIT threshold", p.NIITThreshold[st]},
		{"Social Security base amount", p.SSBase[st]},
		{"Social Security adjusted base", p.SSAdjustedBase[st]},
	} {
		fmt.Fprintf(&b, "%-38s %16s\n", f.name, f.v.Grouped())
	}
	if t := &p.IRMAA[st]; t.N > 0 {
		// Premium-year tiers: MAGI of two years earlier is measured
		// against them (42 CFR 418.105), per person, per month.
		fmt.Fprintf(&b, "\nMedicare IRMAA for premiums of %d (MAGI of %d), per person per month\n", c.year, c.year-2)
		fmt.Fprintf(&b, "%-22s %14s %14s\n", "MAGI", "Part B add-on", "Part D add-on")
		for k := 0; k < t.N; k++ {
			over := "above"
			if k == t.N-1 {
				over = "at least"
			}
			fmt.Fprintf(&b, "%-22s %14s %14s\n", over+" "+t.Threshold[k].Grouped(), t.PartB[k].Grouped(), t.PartD[k].Grouped())
		}
	}
	if len(p.Projected) > 0 {
		b.WriteString("\nProjected (not published): " + strings.Join(p.Projected, "; ") + "\n")
	}
	_, err = io.WriteString(c.env.stdout, b.String())
	return err
}

// statusIndex is the index of a filing status in objective.YearParams'
// per-status arrays (the order of objective's parameter files).
func statusIndex(s scenario.FilingStatus) (int, bool) {
	for i, v := range []scenario.FilingStatus{scenario.Single, scenario.MarriedJoint, scenario.MarriedSeparate,
		scenario.HeadOfHousehold, scenario.QualifyingSurvivingSpouse} {
		if v == s {
			return i, true
		}
	}
	return 0, false
}

// bracketsFor places each year's added income in the brackets for the HTML
// chart: the baseline ordinary taxable income is where it starts; the part
// the unused deduction absorbs is a 0% band below the first bracket.
func bracketsFor(sc *scenario.Scenario) report.BracketsFunc {
	st, ok := statusIndex(sc.FilingStatus)
	if !ok {
		return nil
	}
	return func(year int, added money.Cents) (report.YearBrackets, bool) {
		p, err := objective.ParamsFor(year, sc.Assumptions.Inflation)
		if err != nil {
			return report.YearBrackets{}, false
		}
		f := objective.Filer{Status: sc.FilingStatus}
		for _, person := range sc.People {
			if person.Is65By(year) {
				f.Over65++
			}
		}
		in := sc.IncomeFor(year)
		base := objective.Income{Wages: in.Wages, OtherOrdinary: in.OtherOrdinary, QualifiedDividends: in.QualifiedDividends,
			LongTermGains: in.LongTermGains, SocialSecurity: in.SocialSecurity, ItemizedDeductions: in.ItemizedDeductions}
		with := base
		with.OtherOrdinary += added
		b0, b1 := objective.Tax(p, f, base), objective.Tax(p, f, with)
		absorbed := money.Max(0, added-(b1.OrdinaryTaxable-b0.OrdinaryTaxable))
		return placeAdded(p.Brackets[st], b0.OrdinaryTaxable, absorbed, len(p.Projected) > 0), true
	}
}

// placeAdded lays the brackets out so that the added income, starting at
// base, first crosses a 0% band as wide as the deduction it absorbs, then the
// brackets from base upward.
func placeAdded(s objective.Schedule, base, absorbed money.Cents, projected bool) report.YearBrackets {
	yb := report.YearBrackets{Base: base, Projected: projected}
	floor := money.Cents(0)
	for k := range objective.MaxBrackets {
		rate := float64(s.RateBP[k]) / 10000
		top := money.Cents(-1)
		if k < objective.MaxBrackets-1 {
			top = s.Top[k]
		}
		switch {
		case absorbed > 0 && floor <= base && (top < 0 || base < top):
			// The bracket holding base: split by the 0% band.
			yb.Brackets = append(yb.Brackets, report.Bracket{Floor: floor, Rate: rate},
				report.Bracket{Floor: base, Rate: 0}, report.Bracket{Floor: base + absorbed, Rate: rate})
		case floor > base:
			yb.Brackets = append(yb.Brackets, report.Bracket{Floor: floor + absorbed, Rate: rate})
		default:
			yb.Brackets = append(yb.Brackets, report.Bracket{Floor: floor, Rate: rate})
		}
		floor = top
	}
	return yb
}
