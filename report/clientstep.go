package report

import (
	"fmt"
	"strings"

	"github.com/rothpath/optimize/money"
	"github.com/rothpath/optimize/rules"
	"github.com/rothpath/optimize/search"
)

// Rounding of the amounts a client is told to move: a planner writes "the
// whole balance" where that is what the client does, and otherwise rounds,
// because balances move with markets. Exact figures stay in the tables and
// the JSON.
type rounding int8

const (
	roundNearest rounding = iota
	roundDown             // the year stops at a threshold: never go past it
	roundUp               // the year completes the goal: never fall short
)

// roundStep is the step of rounding: $100, or $1 below $1,000.
func roundStep(c money.Cents) money.Cents {
	if c < money.Dollars(1000) {
		return money.Dollar
	}
	return money.Dollars(100)
}

// roundAmount rounds c to the step in the given direction.
func roundAmount(c money.Cents, mode rounding) money.Cents {
	step := roundStep(c)
	lo := c / step * step
	switch {
	case lo == c:
		return c
	case mode == roundDown:
		return lo
	case mode == roundUp:
		return lo + step
	case c-lo >= lo+step-c:
		return lo + step
	}
	return lo
}

// about writes an amount the client does not choose (it follows from a
// whole balance or the law): "about $350,000".
func about(c money.Cents) string { return "about " + dollars(roundAmount(c, roundNearest)) }

// chosen writes an amount the client chooses, rounded in the year's
// direction: "$81,900".
func chosen(c money.Cents, mode rounding) string { return dollars(roundAmount(c, mode)) }

// stepContext is what the wording of one step needs beyond the step.
type stepContext struct {
	e       *explainer
	mode    rounding
	emptied bool // the step empties its source
	year    *search.Year
}

// ClientStepText says a step as a client carries it out: accounts by their
// labels, amounts rounded or "the whole balance" (exact figures are in the
// tables and the JSON).
func clientStepText(s search.Step, c stepContext) string {
	e := c.e
	from := e.name(s.From)
	var total, taxable money.Cents
	for _, d := range s.To {
		total += d.Amount
		taxable += d.Taxable
	}
	dests := func() string {
		parts := make([]string, len(s.To))
		for i, d := range s.To {
			parts[i] = about(d.Amount) + " to " + e.name(d.Account)
		}
		return joinAnd(parts)
	}
	dest := func() string {
		if len(s.To) > 0 {
			return e.name(s.To[0].Account)
		}
		return "Roth"
	}
	taxNote := func() string {
		if taxable <= 0 {
			return " (tax free)"
		}
		return " (" + about(taxable) + " taxable)"
	}
	switch s.Kind {
	case rules.IRAConversion:
		if c.emptied {
			return fmt.Sprintf("Convert the whole balance of %s (%s) to %s%s.", from, about(total), dest(), taxNote())
		}
		return fmt.Sprintf("Convert %s from %s to %s%s.", chosen(total, c.mode), from, dest(), taxNote())
	case rules.SplitRollover:
		return fmt.Sprintf("Ask %s for a full distribution of the whole balance, split by direct rollover in one request: %s.", from, dests())
	case rules.SubaccountSplitRollover:
		return fmt.Sprintf("Ask %s to distribute its whole after-tax subaccount, split by direct rollover in one request: %s.", from, dests())
	case rules.PlanToRoth:
		if c.emptied {
			return fmt.Sprintf("Ask %s to roll the whole balance (%s) directly to %s%s.", from, about(total), dest(), taxNote())
		}
		return fmt.Sprintf("Ask %s to roll %s directly to %s%s.", from, chosen(total, c.mode), dest(), taxNote())
	case rules.IndirectRollover:
		return fmt.Sprintf("Take a full distribution of %s paid to you (the plan withholds 20%% of its pre-tax part); within 60 days roll over %s, using %s of your own cash to replace the withholding.", from, dests(), about(s.CashUsed))
	case rules.Pre1987ToRoth:
		return fmt.Sprintf("Ask %s to send all of its pre-1987 after-tax money (%s) directly to %s.", from, about(total), dest())
	case rules.InPlanRothRollover:
		if c.emptied {
			return fmt.Sprintf("Ask %s for an in-plan Roth rollover of the whole balance (%s)%s.", from, about(total), taxNote())
		}
		return fmt.Sprintf("Ask %s for an in-plan Roth rollover of %s%s.", from, chosen(total, c.mode), taxNote())
	case rules.IRARollIn:
		if c.emptied {
			return fmt.Sprintf("Roll all the pre-tax money left in %s (%s) into %s by direct rollover; the basis stays in the IRA.", from, about(total), dest())
		}
		if c.year != nil && allBasisLeft(c.year) {
			return fmt.Sprintf("Roll all the pre-tax money of %s (the whole balance less its basis, %s) into %s by direct rollover; the basis stays in the IRA.", from, about(total), dest())
		}
		return fmt.Sprintf("Roll %s of pre-tax money from %s into %s by direct rollover; the basis stays in the IRA.", chosen(total, c.mode), from, dest())
	case rules.DesignatedRothRollover:
		return fmt.Sprintf("Roll the designated Roth money of %s (%s) directly to %s (not a conversion).", from, about(total), dest())
	case rules.CashOut:
		return fmt.Sprintf("Take a cash distribution of %s from %s%s.", chosen(total, c.mode), from, taxNote())
	}
	return fmt.Sprintf("%s from %s: %s.", strings.ReplaceAll(s.Kind.Action(), "_", " "), from, dests())
}

// allBasisLeft reports whether, after the year's moves, every filed Form
// 8606 of the year has a ratio of 1: the IRA holds only basis.
func allBasisLeft(y *search.Year) bool {
	if len(y.Form8606) == 0 {
		return false
	}
	for _, f := range y.Form8606 {
		if f.Line10 < money.RatioScale {
			return false
		}
	}
	return true
}

// clientSteps words each step of a strategy, with the rounding direction
// of its year (down where the year stops at a threshold, up where it
// completes the goal) and whether it empties its source.
func clientSteps(s *search.Strategy, e *explainer, goal money.Cents) []string {
	modes := map[int]rounding{}
	for _, y := range e.explain(s, goal) {
		for _, st := range y.Stops {
			switch st.Kind {
			case StopThreshold:
				modes[y.Year] = roundDown
			case StopGoalMet:
				if modes[y.Year] != roundDown {
					modes[y.Year] = roundUp
				}
			}
		}
	}
	emptied := e.emptiedByYear(s)
	years := map[int]*search.Year{}
	for i := range s.Years {
		years[s.Years[i].Year] = &s.Years[i]
	}
	out := make([]string, len(s.Steps))
	for i, st := range s.Steps {
		ctx := stepContext{e: e, mode: modes[st.Year], year: years[st.Year]}
		for _, name := range emptied[st.Year] {
			if name == e.name(st.From) && lastFrom(s.Steps, i) {
				ctx.emptied = true
			}
		}
		out[i] = clientStepText(st, ctx)
	}
	return out
}

// lastFrom reports whether step i is its year's last step from its source.
func lastFrom(steps []search.Step, i int) bool {
	for j := i + 1; j < len(steps) && steps[j].Year == steps[i].Year; j++ {
		if steps[j].From == steps[i].From {
			return false
		}
	}
	return true
}
