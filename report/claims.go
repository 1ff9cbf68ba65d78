package report

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/rothpath/optimize/rules"
	"github.com/rothpath/optimize/search"
)

// requirementText is the sentence for each rules.Requires bit.
var requirementText = map[rules.Requires]string{
	rules.ReqDistribution:    "the plan must allow a distribution (the person is separated from service)",
	rules.ReqInServiceAfter:  "the plan must allow in-service distributions of after-tax money",
	rules.ReqInServicePretax: "the plan must allow in-service distributions of pre-tax money",
	rules.ReqInServiceRoth:   "the plan must allow in-service distributions of designated Roth money",
	rules.ReqAge59Half:       "the step must be carried out on or after the person's 59½ date",
	rules.ReqSplit:           "the plan must split one distribution between a traditional and a Roth destination (Notice 2014-54)",
	rules.ReqSubaccount:      "the plan must separately account for after-tax contributions and their earnings",
	rules.ReqInPlanRoth:      "the plan must allow in-plan Roth rollovers",
	rules.ReqAcceptsRollIn:   "the receiving plan must accept rollovers in",
	rules.ReqCashMakeUp:      "cash must make up the 20% withheld within 60 days",
	rules.ReqSameYear:        "the plan assumes no money enters or leaves the IRA by December 31 beyond its own steps (Form 8606 uses the year-end value)",
}

// RequirementText says one requirement: "acme-401k: the plan must allow a
// distribution (the person is separated from service)".
func RequirementText(r search.Requirement) string {
	t, ok := requirementText[r.Need]
	if !ok {
		t = fmt.Sprintf("requirement %d", r.Need)
	}
	return r.Account + ": " + t
}

// RequirementTexts says each of a strategy's requirements.
func RequirementTexts(rs []search.Requirement) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = RequirementText(r)
	}
	return out
}

// WarningText says one warning.
func WarningText(w search.Warning) string {
	switch w.Kind {
	case search.WarnScenarioNote:
		return w.Detail
	case search.WarnForm8606Rounding:
		return Form8606Note + "."
	case search.WarnFiveYearClock:
		return fmt.Sprintf("%d: the conversion from %s starts its own 5-year clock; converted money withdrawn within 5 years and before 59½ bears the 10%% additional tax (IRC 408A(d)(3)(F)).", w.Year, w.Account)
	case search.WarnRothOpened:
		return fmt.Sprintf("%s is opened in %d: its 5-year clock for qualified distributions starts on January 1, %d (IRC 408A(d)(2)(B)).", w.Account, w.Year, w.Year)
	case search.WarnCashNeeded:
		return fmt.Sprintf("Needs %s of cash to replace the 20%% withheld; the withholding comes back as a credit on that year's return.", w.Amount.Grouped())
	case search.WarnNoSeparationException:
		return "The 10% additional tax applies: the age-55 separation exception is not assumed, since the scenario does not give the year of separation (conservative)."
	case search.WarnWholeBalanceProRata:
		return "Plan distributions are pro-rated over the whole non-Roth balance, not only the distributable part (the conservative reading of IRC 72(e)(8))."
	case search.WarnIRMAANotCounted:
		return fmt.Sprintf("Medicare IRMAA is not counted: added income in %d may raise premiums in %d.", w.Year, w.Year+2)
	case search.WarnProjected:
		return fmt.Sprintf("Tax figures for %d are projected from the inflation assumption (%s).", w.Year, w.Detail)
	}
	return fmt.Sprintf("warning %d", w.Kind)
}

// WarningTexts says each warning, leaving out the Form 8606 rounding note
// when skip8606 (a report that shows the note under the form's table).
func WarningTexts(ws []search.Warning, skip8606 bool) []string {
	out := make([]string, 0, len(ws))
	for _, w := range ws {
		if skip8606 && w.Kind == search.WarnForm8606Rounding {
			continue
		}
		out = append(out, WarningText(w))
	}
	return out
}

// Reason says why a result is infeasible (its blockers) or why a feasible
// one is not proven optimal; "" when there is nothing to say.
func Reason(r *search.Result) string {
	switch r.Status {
	case search.Infeasible:
		return infeasibleText(r)
	case search.Feasible:
		return unprovenText(r)
	}
	return ""
}

func infeasibleText(r *search.Result) string {
	var why []string
	for _, b := range r.Blockers {
		switch b.Kind {
		case search.BlockNoDistribution:
			why = append(why, fmt.Sprintf("no Roth conversion is possible from %s: it allows no distribution while the person is employed and no in-plan Roth rollover", b.Account))
		case search.BlockMaxMarginalRate:
			why = append(why, fmt.Sprintf("max_marginal_rate %.2f caps each year's added income", b.Rate))
		case search.BlockIRMAAAvoid:
			why = append(why, "irmaa: avoid caps each year's added income below the next Medicare surcharge tier")
		}
	}
	return strings.Join(why, "; ")
}

func unprovenText(r *search.Result) string {
	if len(r.Strategies) == 0 {
		switch r.Cause {
		case search.CauseTimeLimit:
			return "the time limit ended the search before any strategy reached the goal"
		case search.CauseCancelled:
			return "the search was stopped before any strategy reached the goal"
		case search.CauseNodeLimit:
			return "the search's work limit ended it before any strategy reached the goal"
		}
		return ""
	}
	gap := "the best strategy is at most " + r.Gap.Grouped() + " dearer than the best possible"
	switch r.Cause {
	case search.CauseTimeLimit:
		return "the time limit ended the search; " + gap
	case search.CauseCancelled:
		return "the search was stopped early; " + gap
	case search.CauseNodeLimit:
		return "the search's work limit (branch-and-bound nodes) ended it; " + gap
	case search.CauseUnresolved:
		return "the search could not settle the last " + r.Gap.Grouped() +
			" between its best strategy and its lower bound (each year's tax is rounded to the cent)"
	}
	return gap
}

// requirementsNamed says each requirement with accounts named by label.
func (e *explainer) requirementsNamed(rs []search.Requirement) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		r.Account = e.name(r.Account)
		out[i] = RequirementText(r)
	}
	return out
}

// warningsNamed is WarningTexts with accounts named by label.
func (e *explainer) warningsNamed(ws []search.Warning, skip8606 bool) []string {
	named := make([]search.Warning, len(ws))
	for i, w := range ws {
		if w.Account != "" {
			w.Account = e.name(w.Account)
		}
		named[i] = w
	}
	return WarningTexts(named, skip8606)
}

// VariantText says how a variant of a strategy differs from it, for the
// client: the moves done in other years, a 60-day rollover in place of a
// direct split rollover, and the cost when it is not the same to the cent.
// name labels an account id.
func VariantText(leader, v *search.Strategy, name func(string) string) string {
	years := func(st *search.Strategy, k rules.MoveKind, from string) []int {
		var ys []int
		for _, s := range st.Steps {
			sk := s.Kind
			if sk == rules.IndirectRollover {
				sk = rules.SplitRollover
			}
			if sk == k && s.From == from && !slices.Contains(ys, s.Year) {
				ys = append(ys, s.Year)
			}
		}
		return ys
	}
	var parts []string
	seen := map[string]bool{}
	for _, s := range v.Steps {
		k := s.Kind
		if k == rules.IndirectRollover {
			k = rules.SplitRollover
		}
		key := fmt.Sprint(k, s.From)
		if seen[key] {
			continue
		}
		seen[key] = true
		vy, ly := years(v, k, s.From), years(leader, k, s.From)
		if !slices.Equal(vy, ly) {
			parts = append(parts, fmt.Sprintf("%s from %s in %s instead of %s", actionNoun(k), name(s.From), yearList(vy), yearList(ly)))
		}
		if s.Kind == rules.IndirectRollover {
			parts = append(parts, fmt.Sprintf("a 60-day rollover from %s instead of a direct split rollover, making up %s of withholding from cash", name(s.From), s.CashUsed.Grouped()))
		}
	}
	text := "the same plan"
	if len(parts) > 0 {
		text += " with " + strings.Join(parts, "; ")
	}
	if d := v.PresentValue - leader.PresentValue; d != 0 {
		text += fmt.Sprintf(" (%s more)", d.Grouped())
	} else {
		text += " (the same cost)"
	}
	return text
}

// actionNoun names a move for a sentence.
func actionNoun(k rules.MoveKind) string {
	switch k {
	case rules.SplitRollover:
		return "the split rollover"
	case rules.SubaccountSplitRollover:
		return "the after-tax subaccount's split rollover"
	case rules.PlanToRoth:
		return "the rollover to Roth"
	case rules.IRAConversion:
		return "the conversions"
	case rules.IRARollIn:
		return "the roll-in"
	}
	return "the " + strings.ReplaceAll(k.Action(), "_", " ")
}

func yearList(ys []int) string {
	if len(ys) == 0 {
		return "no year"
	}
	s := make([]string, len(ys))
	for i, y := range ys {
		s[i] = strconv.Itoa(y)
	}
	return strings.Join(s, ", ")
}
