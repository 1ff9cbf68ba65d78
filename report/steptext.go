package report

import (
	"fmt"
	"strings"

	"github.com/rothpath/optimize/money"
	"github.com/rothpath/optimize/rules"
	"github.com/rothpath/optimize/search"
)

// StepText says a step in words a client can carry out, e.g. "Ask the plan
// for a full distribution of acme-401k, split by direct rollover in one
// request: $50,000.00 to roth-ira, $350,000.00 to ira."
func StepText(s search.Step) string {
	var b strings.Builder
	dests := func() string {
		parts := make([]string, len(s.To))
		for i, d := range s.To {
			parts[i] = fmt.Sprintf("%s to %s", d.Amount.Grouped(), d.Account)
			if d.Taxable > 0 {
				parts[i] += fmt.Sprintf(" (%s taxable)", d.Taxable.Grouped())
			}
		}
		return strings.Join(parts, ", ")
	}
	total := func() money.Cents {
		var t money.Cents
		for _, d := range s.To {
			t += d.Amount
		}
		return t
	}
	switch s.Kind {
	case rules.IRAConversion:
		fmt.Fprintf(&b, "Convert %s from %s to Roth: %s.", total().Grouped(), s.From, dests())
	case rules.SplitRollover:
		fmt.Fprintf(&b, "Ask the plan for a full distribution of %s, split by direct rollover in one request: %s.", s.From, dests())
	case rules.SubaccountSplitRollover:
		fmt.Fprintf(&b, "Ask the plan to distribute the whole after-tax subaccount of %s, split by direct rollover: %s.", s.From, dests())
	case rules.PlanToRoth:
		fmt.Fprintf(&b, "Ask the plan to roll %s from %s directly to a Roth IRA: %s.", total().Grouped(), s.From, dests())
	case rules.IndirectRollover:
		fmt.Fprintf(&b, "Take a distribution of %s paid to you (the plan withholds 20%% of its pre-tax part); within 60 days roll over %s, using %s of your own cash to replace the withholding.", s.From, dests(), s.CashUsed.Grouped())
	case rules.Pre1987ToRoth:
		fmt.Fprintf(&b, "Ask the plan to distribute the pre-1987 after-tax money of %s directly to a Roth IRA: %s.", s.From, dests())
	case rules.InPlanRothRollover:
		fmt.Fprintf(&b, "Ask the plan for an in-plan Roth rollover within %s: %s.", s.From, dests())
	case rules.IRARollIn:
		fmt.Fprintf(&b, "Roll the pre-tax money of %s into the employer plan: %s. Basis stays in the IRA.", s.From, dests())
	case rules.DesignatedRothRollover:
		fmt.Fprintf(&b, "Roll the designated Roth money of %s directly to a Roth IRA: %s (not a conversion).", s.From, dests())
	case rules.CashOut:
		fmt.Fprintf(&b, "Take a cash distribution from %s: %s.", s.From, dests())
	default:
		fmt.Fprintf(&b, "%s from %s: %s.", s.Kind.Action(), s.From, dests())
	}
	return b.String()
}
