package report

import (
	"fmt"
	"strings"

	"github.com/rothpath/optimize/money"
	"github.com/rothpath/optimize/objective"
	"github.com/rothpath/optimize/search"
)

// StopText says one reason a year stops where it does, e.g. "the top of
// the 22% bracket ($105,700 of taxable income)".
func StopText(s Stop, premiumYear int) string {
	t := s.Threshold
	switch s.Kind {
	case StopEmptied:
		return s.Account + " is emptied"
	case StopGoalMet:
		if s.Room {
			return fmt.Sprintf("the goal is met: this year takes what it still needs; the next dollar here would cost no more up to %s of added income (%s)",
				s.Threshold.Added.Grouped(), StopShort(Stop{Kind: StopThreshold, Threshold: s.Threshold}))
		}
		return "the goal is met (this year takes what it still needs)"
	case StopNothing:
		return "nothing is moved this year: the other years cost less"
	case StopTaxFreeOnly:
		return "only tax-free moves this year"
	case StopWholeBalance:
		return "the whole balance of " + s.Account + " moves at once"
	}
	switch t.Kind {
	case objective.DeductionUsedUp:
		return fmt.Sprintf("the end of the income the deduction shelters (%s)", dollars(t.Level))
	case objective.BracketTop:
		return fmt.Sprintf("the top of the %s bracket (%s of taxable income; %s above it)", Percent(t.Rate), dollars(t.Level), Percent(t.NextRate))
	case objective.GainsBandStart:
		return fmt.Sprintf("the top of the %s capital gains band (%s of taxable income): more income would push gains into the %s band", Percent(t.Rate), dollars(t.Level), Percent(t.NextRate))
	case objective.SocialSecurityStart:
		return fmt.Sprintf("the Social Security phase-in: above %s of provisional income each added dollar makes 50 cents of benefits taxable", dollars(t.Level))
	case objective.SocialSecurity85:
		return fmt.Sprintf("the Social Security phase-in: above %s of provisional income each added dollar makes 85 cents of benefits taxable", dollars(t.Level))
	case objective.SeniorPhaseOutStart:
		return fmt.Sprintf("the senior deduction phase-out: above %s of modified AGI the deduction shrinks by 6 cents per dollar", dollars(t.Level))
	case objective.NIITStart:
		return fmt.Sprintf("the 3.8%% net investment income tax threshold (%s of modified AGI)", dollars(t.Level))
	case objective.IRMAATier:
		return fmt.Sprintf("the IRMAA tier at %s of modified AGI (one dollar over costs %s of Medicare premiums in %d)", dollars(t.Level), t.Amount.Grouped(), premiumYear)
	case objective.StateRise:
		if t.Amount > 0 {
			return fmt.Sprintf("a step in the state income tax: one dollar more adds %s at once (a credit or exclusion lost by a step of income)", t.Amount.Grouped())
		}
		return fmt.Sprintf("a higher state income tax rate: %s of the next dollar, against %s below", Percent(t.NextRate), Percent(t.Rate))
	}
	return "a threshold of the law"
}

// StopShort is the reason in a few words, for a table cell.
func StopShort(s Stop) string {
	t := s.Threshold
	switch s.Kind {
	case StopEmptied:
		return s.Account + " emptied"
	case StopGoalMet:
		return "goal met"
	case StopNothing:
		return "nothing moved"
	case StopTaxFreeOnly:
		return "tax-free moves only"
	case StopWholeBalance:
		return "whole balance of " + s.Account
	}
	switch t.Kind {
	case objective.DeductionUsedUp:
		return "deduction used up"
	case objective.BracketTop:
		return "top of " + Percent(t.Rate) + " bracket"
	case objective.GainsBandStart:
		return "top of " + Percent(t.Rate) + " gains band"
	case objective.SocialSecurityStart:
		return "Social Security phase-in starts"
	case objective.SocialSecurity85:
		return "Social Security 85% phase-in"
	case objective.SeniorPhaseOutStart:
		return "senior deduction phase-out"
	case objective.NIITStart:
		return "NIIT threshold"
	case objective.IRMAATier:
		return "IRMAA tier at " + dollars(t.Level)
	case objective.StateRise:
		if t.Amount > 0 {
			return "state tax step"
		}
		return "state rate " + Percent(t.NextRate)
	}
	return "threshold"
}

// stopsText joins a year's reasons: "the top of the 22% bracket and ...".
func stopsText(ss []Stop, premiumYear int, short bool) string {
	parts := make([]string, len(ss))
	for i, s := range ss {
		if short {
			parts[i] = StopShort(s)
		} else {
			parts[i] = StopText(s, premiumYear)
		}
	}
	if short {
		return strings.Join(parts, "; ")
	}
	return joinAnd(parts)
}

// NextText says what the next step of income would cost and why: "$1,000
// more would cost $222.00 (22.2%): $120.00 of federal tax on the income
// itself, $102.00 on $850.00 more of Social Security made taxable".
func NextText(c objective.NextCost) string {
	if c.Step == 0 {
		return "no more income can be added: the year's income is at the top of the supported range"
	}
	var parts []string
	if c.Ordinary != 0 {
		parts = append(parts, c.Ordinary.Grouped()+" of federal tax on the income itself")
	}
	if c.Gains != 0 {
		parts = append(parts, c.Gains.Grouped()+" on capital gains pushed into a higher band")
	}
	if c.SocialSecurity != 0 || c.TaxableBenefits != 0 {
		parts = append(parts, fmt.Sprintf("%s on %s more of Social Security made taxable", c.SocialSecurity.Grouped(), c.TaxableBenefits.Grouped()))
	}
	if c.SeniorDeduction != 0 || c.DeductionLost != 0 {
		parts = append(parts, fmt.Sprintf("%s on %s of senior deduction lost", c.SeniorDeduction.Grouped(), c.DeductionLost.Grouped()))
	}
	if c.NIIT != 0 {
		parts = append(parts, c.NIIT.Grouped()+" of net investment income tax")
	}
	if c.State != 0 {
		parts = append(parts, c.State.Grouped()+" of state tax")
	}
	if c.IRMAA != 0 {
		parts = append(parts, fmt.Sprintf("%s of Medicare IRMAA in %d", c.IRMAA.Grouped(), c.Year+2))
	}
	s := fmt.Sprintf("%s more would cost %s (%s)", dollars(c.Step), c.Total.Grouped(), Percent(c.Rate()))
	if len(parts) > 0 {
		s += ": " + joinAnd(parts)
	}
	if c.IRMAANotCounted != 0 {
		s += fmt.Sprintf(", and would raise %d Medicare premiums by %s (IRMAA, not counted in this scenario)", c.Year+2, c.IRMAANotCounted.Grouped())
	}
	return s
}

// NextShort is the next step's cost for a table cell: "$222.00 (22.2%)".
func NextShort(c objective.NextCost) string {
	if c.Step == 0 {
		return "none (range limit)"
	}
	s := c.Total.Grouped() + " (" + Percent(c.Rate()) + ")"
	if c.IRMAANotCounted != 0 {
		s += " + IRMAA"
	}
	return s
}

// YearWhyText is the sentence of one explained year.
func YearWhyText(y YearExplained) string {
	if len(y.Stops) == 1 && (y.Stops[0].Kind == StopNothing || y.Stops[0].Kind == StopTaxFreeOnly) {
		return fmt.Sprintf("%d: %s. %s.", y.Year, capitalize(StopText(y.Stops[0], y.Year+2)), capitalize(NextText(y.Next)))
	}
	return fmt.Sprintf("%d: stops at %s of added income: %s. %s.", y.Year, y.Added.Grouped(), stopsText(y.Stops, y.Year+2, false), capitalize(NextText(y.Next)))
}

// dollars writes whole-dollar figures of the law without cents: "$105,700"
// (cents only when there are some).
func dollars(c money.Cents) string {
	g := c.Grouped()
	return strings.TrimSuffix(g, ".00")
}

func joinAnd(parts []string) string {
	switch len(parts) {
	case 0:
		return ""
	case 1:
		return parts[0]
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	if s[0] >= 'a' && s[0] <= 'z' {
		return string(s[0]-'a'+'A') + s[1:]
	}
	return s
}

// SummaryText is one paragraph in plain English on why rank 1 wins: what
// it saves against the obvious approach, where its advantage comes from,
// how each year is sized, and what sets it apart from rank 2.
func SummaryText(r *search.Result, e *explainer, goal money.Cents) string {
	if len(r.Strategies) == 0 {
		return ""
	}
	best := &r.Strategies[0]
	var b strings.Builder
	fmt.Fprintf(&b, "The recommended strategy moves %s into Roth accounts for %s in total tax", best.Converted.Grouped(), best.TotalTax.Grouped())
	if saving, ok := Saving(r); ok && saving > 0 {
		fmt.Fprintf(&b, ", %s less%s than converting the goal from the traditional IRA in %d", saving.Grouped(), inPV(r), firstYear(r.Obvious))
	}
	b.WriteString(".")
	if r.Obvious != nil && best.BasisToRoth > r.Obvious.BasisToRoth {
		fmt.Fprintf(&b, " Its advantage is after-tax money: %s of basis reaches Roth tax free (against %s the obvious way)", best.BasisToRoth.Grouped(), r.Obvious.BasisToRoth.Grouped())
		if why := basisMoves(best, e); why != "" {
			b.WriteString(", " + why)
		}
		b.WriteString(".")
	}
	if ys := e.explain(best, goal); len(ys) > 0 {
		var sized []string
		for _, y := range ys {
			if y.Added > 0 {
				sized = append(sized, fmt.Sprintf("%d (%s)", y.Year, stopsText(y.Stops, y.Year+2, true)))
			}
		}
		if len(sized) > 0 {
			fmt.Fprintf(&b, " Each year's taxable income stops where the next dollar would cost more than elsewhere: %s.", joinAnd(sized))
		}
	}
	if len(r.Strategies) > 1 {
		next := &r.Strategies[1]
		switch d := next.TotalTax - best.TotalTax; {
		case d > 0:
			fmt.Fprintf(&b, " The next best strategy costs %s more.", d.Grouped())
		case next.CashNeeded > best.CashNeeded:
			fmt.Fprintf(&b, " The next best costs the same but needs %s of cash to replace withholding.", next.CashNeeded.Grouped())
		case next.BasisLeft > best.BasisLeft:
			fmt.Fprintf(&b, " The next best costs the same but leaves %s more basis outside Roth.", (next.BasisLeft - best.BasisLeft).Grouped())
		default:
			b.WriteString(" The next best costs the same; it differs only in timing or in the number of steps.")
		}
	}
	if r.Status != search.Optimal {
		b.WriteString(" The search did not prove this ranking optimal (see the flag above).")
	}
	return b.String()
}

func firstYear(s *search.Strategy) int {
	if s != nil && len(s.Steps) > 0 {
		return s.Steps[0].Year
	}
	if s != nil && len(s.Years) > 0 {
		return s.Years[0].Year
	}
	return 0
}

// basisMoves names the moves that carry basis to Roth.
func basisMoves(s *search.Strategy, e *explainer) string {
	var parts []string
	for _, st := range s.Steps {
		switch st.Kind.Action() {
		case "split_rollover", "subaccount_split_rollover":
			parts = append(parts, "a split rollover of "+e.name(st.From)+" sends its after-tax money straight to a Roth IRA (IRS Notice 2014-54)")
		case "ira_roll_in":
			parts = append(parts, "rolling the pre-tax money of "+e.name(st.From)+" into an employer plan leaves its basis to convert tax free")
		case "pre1987_to_roth":
			parts = append(parts, "the pre-1987 after-tax money of "+e.name(st.From)+" goes to Roth first")
		case "indirect_rollover":
			parts = append(parts, "a 60-day rollover of "+e.name(st.From)+" sends its after-tax part to Roth")
		}
	}
	return joinAnd(parts)
}
