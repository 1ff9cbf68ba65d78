package report

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/rothpath/optimize/money"
	"github.com/rothpath/optimize/scenario"
	"github.com/rothpath/optimize/search"
)

// kindNames say each account kind to a client.
var kindNames = map[scenario.AccountKind]string{
	scenario.Kind401k:            "401(k)",
	scenario.Kind403b:            "403(b)",
	scenario.KindGovernmental457: "governmental 457(b)",
	scenario.KindTraditionalIRA:  "traditional IRA",
	scenario.KindRothIRA:         "Roth IRA",
}

var statusNames = map[scenario.FilingStatus]string{
	scenario.Single:                    "single",
	scenario.MarriedJoint:              "married filing jointly",
	scenario.MarriedSeparate:           "married filing separately",
	scenario.HeadOfHousehold:           "head of household",
	scenario.QualifyingSurvivingSpouse: "qualifying surviving spouse",
}

// householdBlocks show who the plan is for, what they hold and what it
// assumes: the household block of the client report.
func householdBlocks(sc *scenario.Scenario, e *explainer) []block {
	people := grid{header: []string{"Person", "Born", "Age at end of " + strconv.Itoa(sc.StartYear), "Separated from service"}, right: []bool{false, false, true, false}}
	accounts := grid{header: []string{"Account", "Owner", "Kind", "Balance", "After-tax basis"}, right: []bool{false, false, false, true, true}}
	for _, p := range sc.People {
		born := strconv.Itoa(p.BirthYear)
		if !p.BirthDate.IsZero() {
			born = p.BirthDate.String()
		}
		sep := "no"
		if p.SeparatedFromService {
			sep = "yes"
		}
		people.rows = append(people.rows, []string{p.ID, born, strconv.Itoa(p.AgeAtEndOf(sc.StartYear)), sep})
		for _, a := range p.Accounts {
			balance, basis := a.Balance, a.Basis
			if a.Kind.IsPlan() {
				balance = a.NonRothBalance() + a.DesignatedRoth
				basis = a.AfterTaxContributions + a.Pre1987AfterTax
			}
			accounts.rows = append(accounts.rows, []string{a.Name(), p.ID, kindNames[a.Kind], balance.Grouped(), basis.Grouped()})
		}
	}
	return []block{
		heading{2, "Household"},
		para{fmt.Sprintf("Filing status: %s, every year from %d to %d. Household cash outside retirement accounts: %s.",
			statusNames[sc.FilingStatus], sc.StartYear, sc.LastYear(), sc.Cash.Grouped())},
		people, accounts,
		heading{3, "Assumptions"},
		list{items: assumptionItems(sc)},
	}
}

func assumptionItems(sc *scenario.Scenario) []string {
	a, c := sc.Assumptions, sc.Constraints
	goal := "Goal: move " + sc.Goal.Convert.Grouped() + " into Roth accounts (conversions plus after-tax money sent to Roth)"
	obj := "Ranked by total tax over the years"
	if sc.Objective == scenario.PresentValue {
		obj = "Ranked by the present value of the tax, discounted at " + Percent(a.DiscountRate) + " a year"
	}
	irmaa := map[scenario.IRMAAMode]string{
		scenario.IRMAAIgnore: "Medicare IRMAA is not counted",
		scenario.IRMAACost:   "Medicare IRMAA (premiums two years later) is counted as a cost",
		scenario.IRMAAAvoid:  "No year's income may reach a higher Medicare IRMAA tier",
	}[c.IRMAA]
	items := []string{
		goal, obj,
		"Growth of every account: " + Percent(a.GrowthRate) + " a year; inflation for projected tax figures: " + Percent(a.Inflation),
		stateAssumption(sc),
		irmaa,
	}
	if c.MaxMarginalRate != nil {
		items = append(items, "No year's ordinary income goes past the "+Percent(*c.MaxMarginalRate)+" bracket")
	}
	var income []string
	for _, y := range sc.Income {
		var parts []string
		for _, f := range []struct {
			name string
			v    money.Cents
		}{{"wages", y.Wages}, {"other ordinary income", y.OtherOrdinary}, {"qualified dividends", y.QualifiedDividends},
			{"long-term gains", y.LongTermGains}, {"Social Security", y.SocialSecurity}, {"itemized deductions", y.ItemizedDeductions}} {
			if f.v != 0 {
				parts = append(parts, f.name+" "+dollars(f.v))
			}
		}
		if len(parts) == 0 {
			parts = []string{"none"}
		}
		income = append(income, fmt.Sprintf("%d: %s", y.Year, strings.Join(parts, ", ")))
	}
	if len(income) > 0 {
		items = append(items, "Income without any move (later years repeat the last): "+strings.Join(income, "; "))
	}
	return items
}

// stateAssumption says which state income tax is counted: the flat rate,
// or each state's own of the residence (which a flat rate above 0
// overrides, as the scenario format says).
func stateAssumption(sc *scenario.Scenario) string {
	rate := sc.Assumptions.StateTaxRate
	switch {
	case len(sc.Residence) == 0:
		return "State income tax on the added income: " + Percent(rate)
	case rate > 0:
		return "State income tax on the added income: a flat " + Percent(rate) + ", in place of the residence's state income tax"
	}
	var parts []string
	for i, r := range sc.Residence {
		from, how := sc.StartYear, ""
		if i > 0 {
			from, how = r.FromYear, " (the year of the move a part-year in both states)"
			if r.FullYear {
				how = " (resident from January 1)"
			}
		}
		parts = append(parts, fmt.Sprintf("%s from %d%s", r.State, from, how))
	}
	return "State income tax: each state's own, by residence: " + strings.Join(parts, "; ") + " (see State income tax below)"
}

// disclosures are the statements every client report carries.
func disclosures(in Input) []string {
	out := []string{
		"This analysis is an illustration built from the information provided. It is not tax or legal advice; confirm each step with a tax professional and with each plan administrator before acting.",
		"Figures follow the federal tax law and the published figures for each year (Revenue Procedures, CMS premium notices); later years are projected from the inflation assumption and may differ from what is published.",
		"Amounts in the steps are rounded, or said as \"the whole balance\", because balances move with markets; the tables give the exact figures of the analysis.",
		"Conservative readings are taken where the law is unsettled: plan distributions are pro-rated over the whole non-Roth balance, and the age-55 separation exception is not assumed.",
		"Form 8606 line 10 is rounded half-up to 5 decimal places (the form requires at least 3).",
	}
	if in.State != nil {
		out = append(out, "State income tax follows each state's own forms, rate schedules and instructions, projected like the federal figures after the last published year; local (county and city) income taxes are not included.")
	}
	if r := in.Result; r != nil && r.Status == search.Optimal {
		out = append(out, "\"Proven optimal\" means that no plan made of the moves modelled costs less under these assumptions; it says nothing of moves or rules not modelled.")
	}
	return out
}
