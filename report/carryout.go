package report

import (
	"fmt"

	"github.com/rothpath/optimize/rules"
	"github.com/rothpath/optimize/search"
)

// Form1099RSource is the source of the distribution codes below.
const Form1099RSource = "Instructions for Forms 1099-R and 5498, Guide to Distribution Codes"

// owner returns the person owning an account id (created accounts are
// "<person>-ira" and "<person>-roth-ira"), or -1.
func (e *explainer) owner(id string) int {
	if e.sc == nil {
		return -1
	}
	for i, p := range e.sc.People {
		if id == p.ID+"-ira" || id == p.ID+"-roth-ira" {
			return i
		}
		for _, a := range p.Accounts {
			if a.ID == id {
				return i
			}
		}
	}
	return -1
}

// under59Half reports whether the owner of an account is under 59½ at the
// end of year (unknown owners count as 59½ or older: the code is then 7).
func (e *explainer) under59Half(id string, year int) bool {
	i := e.owner(id)
	return i >= 0 && !e.sc.People[i].Reaches59HalfBy(year)
}

// forms1099R lists, per step, the Form 1099-R the payer should issue and
// its box 7 code.
func (e *explainer) forms1099R(s *search.Strategy) []string {
	var out []string
	for _, st := range s.Steps {
		from := e.name(st.From)
		var text string
		switch st.Kind {
		case rules.IRAConversion:
			code := "7 (normal distribution: 59½ or older)"
			if e.under59Half(st.From, st.Year) {
				code = "2 (early distribution, exception applies: a Roth conversion before 59½)"
			}
			text = fmt.Sprintf("%d, from %s: code %s, IRA/SEP/SIMPLE box checked; box 2a shows the whole conversion, and Form 8606 figures the taxable part.", st.Year, from, code)
		case rules.SplitRollover, rules.SubaccountSplitRollover, rules.PlanToRoth, rules.Pre1987ToRoth:
			text = fmt.Sprintf("%d, from %s: code G (direct rollover) for each destination, with the after-tax contributions in box 5; the Roth IRA's trustee reports the rollover on Form 5498.", st.Year, from)
		case rules.InPlanRothRollover:
			text = fmt.Sprintf("%d, from %s: code G on a Form 1099-R of its own (a direct in-plan Roth rollover), box 2a the taxable part.", st.Year, from)
		case rules.IRARollIn:
			text = fmt.Sprintf("%d, from %s: code G (a direct rollover from an IRA to an employer plan), IRA/SEP/SIMPLE box checked.", st.Year, from)
		case rules.DesignatedRothRollover:
			text = fmt.Sprintf("%d, from %s: code H (direct rollover of a designated Roth account to a Roth IRA).", st.Year, from)
		case rules.IndirectRollover, rules.CashOut:
			code := "7 (normal distribution)"
			if e.under59Half(st.From, st.Year) {
				code = "1 (early distribution, no known exception; 2 if the plan applies the age-55 separation exception)"
			}
			text = fmt.Sprintf("%d, from %s: code %s, with the 20%% withheld in box 4; the amounts rolled over within 60 days go on Form 1040 lines 5a and 5b, marked \"Rollover\".", st.Year, from, code)
		default:
			continue
		}
		out = append(out, text)
	}
	return out
}

// verifyItems lists what to confirm with each plan administrator or IRA
// custodian before acting, from the steps and what they rest on.
func (e *explainer) verifyItems(s *search.Strategy) []string {
	var out []string
	seen := map[string]bool{}
	add := func(t string) {
		if !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	for _, st := range s.Steps {
		from := e.name(st.From)
		switch st.Kind {
		case rules.SplitRollover:
			add(fmt.Sprintf("%s: that it will pay one full distribution as direct rollovers to several destinations scheduled at the same time, sending the after-tax contributions to the Roth IRA (IRS Notice 2014-54), and the after-tax amount it records%s.", from, e.afterTaxOnRecord(st.From)))
		case rules.SubaccountSplitRollover:
			add(fmt.Sprintf("%s: that after-tax contributions and their earnings are accounted for separately and the subaccount can be distributed alone; the contributions it records%s.", from, e.afterTaxOnRecord(st.From)))
		case rules.InPlanRothRollover:
			add(fmt.Sprintf("%s: that it allows in-plan Roth rollovers of the money used, and how it reports the taxable part.", from))
		case rules.PlanToRoth:
			add(fmt.Sprintf("%s: that it can roll a distribution directly to a Roth IRA, and the taxable part it will report.", from))
		case rules.IRARollIn:
			if len(st.To) > 0 {
				add(fmt.Sprintf("%s: that it accepts rollovers of pre-tax IRA money, and that the rollover from %s will be complete by December 31, %d (Form 8606 uses the year-end IRA value).", e.name(st.To[0].Account), from, st.Year))
			}
		case rules.IndirectRollover:
			add(fmt.Sprintf("%s: that the distribution is paid to the client with 20%% withheld from its pre-tax part only, and its after-tax part; the 60 days run from the day the client receives it.", from))
		case rules.Pre1987ToRoth:
			add(fmt.Sprintf("%s: that its pre-1987 after-tax contributions are separately accounted and can be distributed first.", from))
		case rules.IRAConversion:
			add(fmt.Sprintf("%s: the conversion is a transfer to the Roth IRA with no tax withheld (withholding would be a distribution), and the December 31 value of every traditional, SEP and SIMPLE IRA of the owner for Form 8606 line 6.", from))
		}
	}
	for _, r := range s.Requires {
		switch r.Need {
		case rules.ReqInServiceAfter, rules.ReqInServicePretax, rules.ReqInServiceRoth:
			add(e.name(r.Account) + ": " + requirementText[r.Need] + ".")
		}
	}
	return out
}

// afterTaxOnRecord says the after-tax contributions the scenario gives for
// a plan, to compare with the plan's records: " (our figure: $50,000)".
func (e *explainer) afterTaxOnRecord(id string) string {
	if e.sc == nil {
		return ""
	}
	for _, p := range e.sc.People {
		for _, a := range p.Accounts {
			if a.ID == id && a.AfterTaxContributions > 0 {
				return " (our figure: " + dollars(a.AfterTaxContributions) + ")"
			}
		}
	}
	return ""
}
