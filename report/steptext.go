package report

import (
	"strings"

	"github.com/rothpath/optimize/money"
	"github.com/rothpath/optimize/search"
)

// StepText returns the step in plain words: Step.Text when the search filled
// it, otherwise a sentence written from the action and its destinations.
// totals, when given, maps a plan id to its balance, so that a distribution
// of all of it can be called a full distribution.
func StepText(s search.Step, totals map[string]money.Cents) string {
	if strings.TrimSpace(s.Text) != "" {
		return s.Text
	}
	return FallbackStepText(s, totals)
}

// FallbackStepText writes a step from its action and destinations, e.g.
// "Ask the plan for a full distribution of acme-401k, split: $50,000.00
// direct to roth-ira, $350,000.00 direct to ira".
func FallbackStepText(s search.Step, totals map[string]money.Cents) string {
	amount := sumAmounts(s.To)
	taxable := sumTaxable(s.To)
	switch s.Action {
	case "split_rollover":
		return "Ask the plan for " + distribution(s.From, amount, totals) + ", split: " + directList(s.To)
	case "subaccount_split_rollover":
		return "Ask the plan for a distribution of the separately accounted after-tax subaccount of " +
			s.From + " (" + amount.Grouped() + "), split: " + directList(s.To)
	case "ira_conversion":
		return "Convert " + amount.Grouped() + " from " + s.From + " to " + accounts(s.To) +
			taxablePart(taxable, "; the taxable part is figured on Form 8606 at year end")
	case "plan_to_roth":
		return "Ask the plan for " + distribution(s.From, amount, totals) + " sent by direct rollover to " +
			accounts(s.To) + taxablePart(taxable, "")
	case "indirect_rollover":
		t := "Take " + distribution(s.From, amount, totals) + " paid to you (20% of the taxable part is withheld); within 60 days roll over " +
			plainList(s.To)
		if s.CashUsed > 0 {
			t += ", making up " + s.CashUsed.Grouped() + " of the withholding from cash"
		}
		return t
	case "pre1987_to_roth":
		return "Ask the plan to send the pre-1987 after-tax money of " + s.From + " (" + amount.Grouped() +
			") by direct rollover to " + accounts(s.To)
	case "in_plan_roth_rollover":
		return "Ask " + s.From + " for an in-plan Roth rollover of " + amount.Grouped() +
			" to its designated Roth account" + taxablePart(taxable, "")
	case "ira_roll_in":
		return "Roll " + amount.Grouped() + " of pre-tax money from " + s.From + " into " + accounts(s.To) +
			" (the plan accepts IRA roll-ins; the basis stays in the IRA)"
	case "designated_roth_rollover":
		return "Ask the plan to send the designated Roth money of " + s.From + " (" + amount.Grouped() +
			") by direct rollover to " + accounts(s.To)
	case "cash_out":
		return "Take " + amount.Grouped() + " from " + s.From + " as cash" + taxablePart(taxable, "")
	}
	t := s.Action + " from " + s.From
	if len(s.To) > 0 {
		t += ": " + plainList(s.To)
	}
	return t
}

func distribution(from string, amount money.Cents, totals map[string]money.Cents) string {
	if total, ok := totals[from]; ok {
		if amount == total {
			return "a full distribution of " + from
		}
		return "a partial distribution of " + from + " (" + amount.Grouped() + " of " + total.Grouped() + ")"
	}
	return "a distribution of " + from + " (" + amount.Grouped() + ")"
}

func directList(to []search.Destination) string {
	parts := make([]string, len(to))
	for i, d := range to {
		parts[i] = d.Amount.Grouped() + " direct to " + d.Account
	}
	return strings.Join(parts, ", ")
}

func plainList(to []search.Destination) string {
	parts := make([]string, len(to))
	for i, d := range to {
		parts[i] = d.Amount.Grouped() + " to " + d.Account
	}
	return strings.Join(parts, ", ")
}

func accounts(to []search.Destination) string {
	parts := make([]string, len(to))
	for i, d := range to {
		parts[i] = d.Account
	}
	return strings.Join(parts, " and ")
}

func taxablePart(taxable money.Cents, suffix string) string {
	if taxable == 0 && suffix == "" {
		return " (none of it taxable)"
	}
	if taxable == 0 {
		return suffix
	}
	t := " (taxable " + taxable.Grouped() + ")"
	if suffix != "" {
		t += suffix
	}
	return t
}

func sumAmounts(to []search.Destination) money.Cents {
	var s money.Cents
	for _, d := range to {
		s += d.Amount
	}
	return s
}

func sumTaxable(to []search.Destination) money.Cents {
	var s money.Cents
	for _, d := range to {
		s += d.Taxable
	}
	return s
}
