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

// bracketsCmd is `optimize brackets --year Y --status S [--state XX]`.
type bracketsCmd struct {
	env       *env
	year      int
	status    string
	state     string
	inflation float64
	output    outputFlags
}

func newBracketsCmd(e *env) *cobra.Command {
	c := &bracketsCmd{env: e}
	cmd := &cobra.Command{
		Use:     "brackets",
		Short:   "Print the tax figures in force for a year and filing status (federal, or a state's with --state)",
		Example: "  optimize brackets --year 2026 --status married_joint\n  optimize brackets --year 2025 --state NY",
		Args:    exactArgs(0),
		RunE:    c.run,
	}
	cmd.Flags().IntVar(&c.year, "year", 2026, "tax year")
	cmd.Flags().StringVar(&c.status, "status", "single", "filing status: single|married_joint|married_separate|head_of_household|qualifying_surviving_spouse")
	cmd.Flags().StringVar(&c.state, "state", "", "print this state's figures instead (postal code, e.g. CA, or DC)")
	cmd.Flags().Float64Var(&c.inflation, "inflation", scenario.DefaultInflation, "indexing assumption for years without published figures")
	c.output.register(cmd, "table", "table|json")
	return cmd
}

func (c *bracketsCmd) run(*cobra.Command, []string) error {
	format, err := c.output.parse()
	if err != nil {
		return err
	}
	if format != report.Table && format != report.JSON {
		return badInput(fmt.Errorf("-o: brackets writes table or json, not %s", format))
	}
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
	if c.state != "" && format != report.Table {
		return badInput(fmt.Errorf("-o: brackets --state writes a table, not %s", format))
	}
	if err := c.output.check(nil, c.env.stdin, c.env.stdout); err != nil {
		return err
	}
	if c.state != "" {
		code := strings.ToUpper(c.state)
		if !scenario.IsStateCode(code) {
			return badInput(fmt.Errorf("--state: %q is not the postal code of a state or DC", c.state))
		}
		sp, err := objective.StateParamsFor(code, c.year, c.inflation)
		if err != nil {
			return badInput(fmt.Errorf("--state/--year/--inflation: %w", err))
		}
		return c.output.emit(c.env.stdout, func(w io.Writer) error {
			_, err := io.WriteString(w, stateFiguresText(sp, st, c.status))
			return err
		})
	}
	p, err := objective.ParamsFor(c.year, c.inflation)
	if err != nil {
		return internal(fmt.Errorf("brackets: %w", err)) // inside the supported ranges ParamsFor cannot fail
	}
	if format == report.JSON {
		return c.output.emit(c.env.stdout, func(w io.Writer) error { return writeBracketsJSON(w, c.year, c.status, st, p) })
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
	return c.output.emit(c.env.stdout, func(w io.Writer) error {
		_, err := io.WriteString(w, b.String())
		return err
	})
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
// chart (report.BracketsFor).
func bracketsFor(sc *scenario.Scenario) report.BracketsFunc { return report.BracketsFor(sc) }

// stateFiguresText is a state's figures for a year and filing status: its
// starting point, schedule, deductions, exemptions and credits, the
// treatment of retirement income and Social Security, the readings taken,
// and the source of every figure.
func stateFiguresText(sp *objective.StateYearParams, st int, status string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s (%s) figures for %d, %s\n\n", sp.Name, sp.Code, sp.Year, status)
	if !sp.IncomeTax {
		b.WriteString(sp.Name + " has no individual income tax.\n")
		writeSources(&b, sp)
		return b.String()
	}
	fmt.Fprintf(&b, "Starts from %s.\n\n", sp.Start)
	s := &sp.Brackets[st]
	var from money.Cents
	fmt.Fprintf(&b, "%-8s %16s %16s %14s\n", "Rate", "Taxable over", "Up to", "Tax at start")
	for k := 0; k < s.N; k++ {
		to := "-"
		if k < s.N-1 {
			to = s.Top[k].Grouped()
		}
		base := s.TaxAt(k).Grouped()
		fmt.Fprintf(&b, "%-8s %16s %16s %14s\n", statePercent(s.Rate[k]), from.Grouped(), to, base)
		if k < s.N-1 {
			from = s.Top[k]
		}
	}
	b.WriteString("\n")
	row := func(name string, v money.Cents) {
		if v != 0 {
			fmt.Fprintf(&b, "%-46s %16s\n", name, v.Grouped())
		}
	}
	if sp.StandardFederal {
		b.WriteString("Standard deduction: the federal standard deduction\n")
	}
	row("Standard deduction", sp.StandardDeduction[st])
	row("Standard deduction, more per person 65+", sp.StandardAged[st])
	if p := sp.StandardPhaseout[st]; p.Rate > 0 {
		fmt.Fprintf(&b, "%-46s %16s\n", "  reduced by "+statePercent(p.Rate)+" of AGI above", p.Start.Grouped())
	}
	if p := sp.StandardPhaseout2[st]; p.Rate > 0 {
		fmt.Fprintf(&b, "%-46s %16s\n", "  and by "+statePercent(p.Rate)+" more of AGI above", p.Start.Grouped())
	}
	if sp.StandardPhaseMost > 0 && sp.StandardPhaseout[st].Rate > 0 {
		fmt.Fprintf(&b, "  by at most %s of the deduction\n", statePercent(sp.StandardPhaseMost))
	}
	if s := &sp.StandardSliding[st]; s.N > 0 {
		for k := 1; k < s.N; k++ {
			if s.Rate[k] > 0 {
				fmt.Fprintf(&b, "%-46s %16s\n", "  reduced by "+statePercent(s.Rate[k])+" of the state's income above", s.Top[k-1].Grouped())
			}
		}
	}
	row("Personal exemptions", sp.Exemption[st])
	row("Exemption per person 65+", sp.ExemptionAged[st])
	row("No exemptions above federal AGI of", sp.ExemptionAGILimit[st])
	if p := sp.ExemptionPhaseout[st]; p.Step > 0 {
		fmt.Fprintf(&b, "  exemptions less %s for each %s of AGI above %s\n", p.Amount.Grouped(), p.Step.Grouped(), p.Start.Grouped())
	}
	if p := sp.ExemptionPhaseState[st]; p.Step > 0 {
		fmt.Fprintf(&b, "  exemptions less %s for each %s of the state's income above %s\n", p.Amount.Grouped(), p.Step.Grouped(), p.Start.Grouped())
	}
	if t := sp.ExemptionByAGI[st]; len(t) > 0 {
		b.WriteString("Personal exemption per person by federal AGI:")
		for k := 0; k < len(t); k += 2 {
			if k == 0 {
				fmt.Fprintf(&b, " %s", t[1].Grouped())
			} else {
				fmt.Fprintf(&b, "; above %s, %s", t[k].Grouped(), t[k+1].Grouped())
			}
		}
		b.WriteString("\n")
	}
	if sp.CreditCount[st] > 0 {
		fmt.Fprintf(&b, "%-46s %16s\n", fmt.Sprintf("Personal credits (%d x %s)", sp.CreditCount[st], sp.CreditEach[st].Grouped()), sp.Credit[st].Grouped())
	}
	row("Credit per person 65+", sp.CreditAged[st])
	if c := sp.CreditAgedCount[st]; c[0] > 0 {
		fmt.Fprintf(&b, "%-46s %16s\n", "Senior credit, one person 65+ / two", c[0].Grouped()+" / "+c[1].Grouped())
	}
	row("No personal credits above federal AGI of", sp.CreditAGILimit[st])
	if t := sp.CreditShare[st]; len(t) > 0 {
		b.WriteString("Personal credit, a share of the tax by the state's income:")
		for k := 0; k < len(t); k += 2 {
			if k > 0 {
				b.WriteString(";")
			}
			fmt.Fprintf(&b, " above %s, %s%%", t[k].Grouped(), amountPercent(t[k+1]))
		}
		b.WriteString("\n")
	}
	for _, ts := range sp.TaxStepsIncome[st] {
		fmt.Fprintf(&b, "Tax plus %s for each %s of the state's income above %s, at most %s\n", ts.Each.Grouped(), ts.Step.Grouped(), ts.Start.Grouped(), ts.Most.Grouped())
	}
	if sp.MinTaxRate > 0 {
		fmt.Fprintf(&b, "Tax at least %s of federal AGI when it is above %s\n", statePercent(sp.MinTaxRate), sp.MinTaxAbove[st].Grouped())
	}
	if sp.GainsSurtaxRate > 0 {
		fmt.Fprintf(&b, "Surtax of %s on long-term gains when federal AGI is above %s\n", statePercent(sp.GainsSurtaxRate), sp.GainsSurtaxAbove[st].Grouped())
	}
	if e := sp.Elderly[st]; e.Amount[0] > 0 {
		fmt.Fprintf(&b, "Subtraction at 65+: %s (%s for two), less untaxed Social Security and %s of AGI above %s (%s)\n",
			e.Amount[0].Grouped(), e.Amount[1].Grouped(), statePercent(e.Rate), e.Offset[0].Grouped(), e.Offset[1].Grouped())
	}
	if p := sp.CreditPhaseout[st]; p.Step > 0 {
		fmt.Fprintf(&b, "  each credit less %s for each %s of AGI above %s\n", p.Amount.Grouped(), p.Step.Grouped(), p.Start.Grouped())
	}
	for _, t := range sp.AgeDeduction[st] {
		row(fmt.Sprintf("Age deduction per person from %s", ageText(t.AgeMonths)), t.Amount)
	}
	for _, t := range sp.RetirementTiers[st] {
		amt := "all of it"
		if t.Amount != objective.Unlimited {
			amt = t.Amount.Grouped()
		}
		name := fmt.Sprintf("Retirement exclusion per person from %s", ageText(t.AgeMonths))
		if t.AgeMonths == 0 {
			name = "Retirement exclusion per person, any age"
		}
		fmt.Fprintf(&b, "%-46s %16s\n", name, amt)
	}
	if sp.RetirementShare != objective.RateScale && len(sp.RetirementTiers[st]) > 0 {
		fmt.Fprintf(&b, "  of which %s is excluded\n", statePercent(sp.RetirementShare))
	}
	row("No retirement exclusion above federal AGI of", sp.RetirementAGILimit[st])
	if t := sp.RetirementBands[st]; len(t) > 0 {
		basis := "the state's income above"
		if sp.RetirementBandsAGI {
			basis = "federal AGI from"
		}
		b.WriteString("  then a share of all retirement income by " + basis + ":")
		for k := 2; k < len(t); k += 2 {
			if k > 2 {
				b.WriteString(";")
			}
			fmt.Fprintf(&b, " %s, %s%%", t[k].Grouped(), amountPercent(t[k+1]))
		}
		b.WriteString("\n")
	}
	if sp.SSExempt > 0 {
		fmt.Fprintf(&b, "Social Security subtracted: %s of the federally taxable benefits\n", statePercent(sp.SSExempt))
		if sp.SSAGILimit[st] > 0 {
			fmt.Fprintf(&b, "  above federal AGI of %s: %s\n", sp.SSAGILimit[st].Grouped(), statePercent(sp.SSExemptAbove))
		}
		if r := sp.SSRange[st]; r.Width > 0 {
			fmt.Fprintf(&b, "  phased out over %s of federal AGI above %s\n", r.Width.Grouped(), r.Start.Grouped())
		}
		if s := sp.SSSteps[st]; s.Step > 0 {
			fmt.Fprintf(&b, "  less %s%% for each %s of federal AGI above %s\n", amountPercent(s.Amount), s.Step.Grouped(), s.Start.Grouped())
		}
		if a := sp.SSAlternate[st]; a.Max > 0 {
			fmt.Fprintf(&b, "  or, if larger, %s less %s of provisional income above %s\n", a.Max.Grouped(), statePercent(a.Rate), a.Over.Grouped())
		}
		if l := sp.SSLimited[st]; l.Threshold > 0 {
			fmt.Fprintf(&b, "  from federal AGI of %s: all but %s of the lesser of the benefits and the federal excess\n", l.Threshold.Grouped(), statePercent(l.Rate))
		}
	}
	if sp.FederalTaxDeduction[st] == objective.Unlimited {
		b.WriteString("Federal income tax is deductible\n")
	} else {
		row("Federal income tax deductible up to", sp.FederalTaxDeduction[st])
	}
	if sp.Supplemental != nil {
		b.WriteString("Supplemental tax (recapture of the lower brackets) above $107,650 of AGI, phased in over $50,000\n")
	}
	b.WriteString("\nRetirement income: " + sp.Retirement + "\n")
	b.WriteString("Social Security: " + sp.SocialSecurity + "\n")
	if sp.LocalTaxes != "" {
		b.WriteString("Local taxes (not modelled): " + sp.LocalTaxes + "\n")
	}
	for _, n := range sp.Notes {
		b.WriteString("Note: " + n + "\n")
	}
	writeSources(&b, sp)
	return b.String()
}

func writeSources(b *strings.Builder, sp *objective.StateYearParams) {
	b.WriteString("\nSources:\n")
	for _, s := range sp.Sources {
		b.WriteString("- " + s + "\n")
	}
	if len(sp.References) > 0 {
		b.WriteString("\nFigures:\n")
	}
	for _, r := range sp.References {
		fmt.Fprintf(b, "- %s (%d): %s %s; %s\n", r.Name, r.From, r.Description, r.Statute, r.Reference)
	}
	if len(sp.Projected) > 0 {
		b.WriteString("\nProjected (not published): " + strings.Join(sp.Projected, "; ") + "\n")
	}
}

// amountPercent formats a percent written as an amount: 2.50 -> "2.5".
func amountPercent(c money.Cents) string {
	s := strings.TrimSuffix(strings.TrimRight(c.String(), "0"), ".")
	if s == "" {
		return "0"
	}
	return s
}

// statePercent formats a state rate (1/objective.RateScale): 5525 -> "5.525%".
func statePercent(r int64) string {
	s := fmt.Sprintf("%d.%03d", r/1000, r%1000)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	return s + "%"
}

// ageText formats an age in months: 714 -> "59½".
func ageText(months int64) string {
	s := fmt.Sprintf("%d", months/12)
	if months%12 == 6 {
		s += "½"
	} else if months%12 != 0 {
		s += fmt.Sprintf(" and %d months", months%12)
	}
	return s
}
