package search

import (
	"fmt"
	"strings"

	"github.com/rothpath/optimize/money"
	"github.com/rothpath/optimize/rules"
)

// polishWindow bounds the dollars polish moves between two years at once.
const polishWindow = 200

// polishCandidate removes the cent-level rounding noise from a candidate's
// fill (see polish) and rescores it exactly. Structures that pose the same
// fill problem from the same start (a direct split and a 60-day rollover of
// the same plan, say) share one polish through memo. Once the search must
// stop it does nothing, or keeps what a polish cut short found.
func (e *evaluator) polishCandidate(c *candidate, en *enumerator, memo map[string][]money.Cents) {
	if c.explicit != nil {
		return // amounts per source (lpCandidate): there are no year totals to polish
	}
	if e.stopped() {
		return
	}
	var s structure
	en.at(c.idx, &s)
	if e.replay(&s, false) != nil {
		return
	}
	var conv money.Cents
	for y := range e.probes {
		conv += e.probes[y].conv
	}
	e.buildFill()
	e.fres.gross = append(e.fres.gross[:0], c.gross...)
	key := e.fillKey(e.goal - conv)
	if g, ok := memo[key]; ok {
		e.fres.gross = append(e.fres.gross[:0], g...)
	} else {
		e.fres.cost = e.predicted()
		polish(e.fy, e.goal-conv, polishWindow, &e.fres, e.fill.halt)
		if !e.stopped() { // a polish cut short is not the polish of this problem
			memo[key] = append([]money.Cents(nil), e.fres.gross...)
		}
	}
	if e.replay(&s, true) != nil {
		return
	}
	if n, met := e.scoreReplay(c.idx); met && n.less(c) {
		n.gross = append([]money.Cents(nil), e.fres.gross...)
		*c = n
	}
}

// fillKey fingerprints the fill problem now in e.fy with the start in
// e.fres.gross: every figure the polish reads.
func (e *evaluator) fillKey(need money.Cents) string {
	var b strings.Builder
	fmt.Fprint(&b, need)
	for y := range e.fy {
		f := &e.fy[y]
		fmt.Fprintf(&b, "|%d %d %d %d", f.fixed, f.limit, e.probes[y].penalty, e.fres.gross[y])
		for _, s := range f.src {
			fmt.Fprintf(&b, ",%d %d %d %d %d %v", s.kind, s.person, s.num, s.den, s.cap, s.deferBasis)
		}
	}
	return b.String()
}

// baseline is each year's federal tax without any move.
func (e *evaluator) baseline() []YearTax {
	out := make([]YearTax, e.sc.HorizonYears)
	for y := range out {
		out[y] = YearTax{Year: e.sc.StartYear + y, Federal: e.model.BaselineTax(y)}
	}
	return out
}

// obvious scores what most tools would propose: convert the goal from the
// traditional IRA in the first year (the first person's IRA first).
func (e *evaluator) obvious() (Strategy, bool) {
	var total money.Cents
	for k := 0; k < e.base.NPeople; k++ {
		total += e.base.People[k].IRA
	}
	if e.goal <= 0 || total < e.goal {
		return Strategy{}, false
	}
	e.base.CopyTo(&e.st)
	var steps []Step
	left := e.goal
	start := e.sc.StartYear
	for k := 0; k < e.base.NPeople && left > 0; k++ {
		amt := money.Min(left, e.st.People[k].IRA)
		if amt <= 0 {
			continue
		}
		m := rules.Move{Kind: rules.IRAConversion, Year: start, Person: k, Amount: amt}
		if e.st.Apply(&m, &e.eff) != nil {
			return Strategy{}, false
		}
		left -= amt
		steps = append(steps, Step{Year: start, Order: len(steps) + 1, Action: "ira_conversion",
			From: e.st.People[k].IRAID, Rule: e.eff.Rule,
			To: []Destination{{Account: e.st.People[k].RothID, Amount: amt}}})
	}
	for y := 0; y < e.sc.HorizonYears; y++ {
		e.st.CloseYear(start+y, &e.ledger.Years[y])
	}
	e.ledger.BasisLeft = e.st.BasisLeft()
	e.model.CostInto(&e.ledger, &e.cost)
	e.settleConversions(steps)
	for i := range steps {
		steps[i].Text = stepText(&steps[i])
	}
	r := &e.ledger.Years[0]
	return Strategy{TotalTax: e.cost.Total, FederalTax: e.cost.Federal, StateTax: e.cost.State,
		Penalty: e.cost.Penalty, IRMAA: e.cost.IRMAA, PresentValue: e.cost.PresentValue,
		Converted: r.Converted, Taxable: r.AddedOrdinary, BasisToRoth: r.BasisToRoth,
		BasisLeft: e.ledger.BasisLeft, Steps: steps}, true
}

// maxReach is the most structure s can convert: a replay converting, each
// year, everything the year's sources hold at that point within the year's
// limit. Unlike the fill's capacity sums it never counts a dollar twice.
func (e *evaluator) maxReach(s *structure) money.Cents {
	if !e.enum.plausible(s) || e.replay(s, false) != nil {
		return 0
	}
	e.buildFill() // limits and the structure's own income per year
	for y := range e.fy {
		if e.fy[y].maxGross() < 0 {
			return 0
		}
	}
	e.maxFill = true
	err := e.replay(s, true)
	e.maxFill = false
	if err != nil || !e.withinLimits() {
		return 0
	}
	var got money.Cents
	for y := range e.ledger.Years {
		got += e.ledger.Years[y].Converted
	}
	return got
}

// yearMax is what year y's sources can convert now within its limit.
func (e *evaluator) yearMax(y int) money.Cents {
	f := &e.fy[y]
	f.src = e.probes[y].src // as they stand now
	return money.Max(f.maxGross(), 0)
}

// infeasibleReason says why the goal cannot be reached.
func (e *evaluator) infeasibleReason(reach money.Cents) string {
	var why []string
	for i := range e.base.Plans {
		p := &e.base.Plans[i]
		if !p.Separated && !p.InServiceAfter && !p.InServicePretax && !p.InPlanRoth && p.NonRoth()+p.Pre1987 > 0 {
			why = append(why, fmt.Sprintf("no Roth conversion is possible from %s: it allows no distribution while the person is employed and no in-plan Roth rollover", p.ID))
		}
	}
	if e.limitRate > 0 {
		why = append(why, fmt.Sprintf("max_marginal_rate %.2f caps each year's added income", e.limitRate))
	}
	if e.avoidIRMAA {
		why = append(why, "irmaa: avoid caps each year's added income below the next Medicare surcharge tier")
	}
	s := fmt.Sprintf("the goal of %s cannot be reached; the most that can be converted is %s", e.goal.Grouped(), reach.Grouped())
	if len(why) > 0 {
		s += ": " + strings.Join(why, "; ")
	}
	return s
}

// warnings lists what the client must know beyond the steps.
func (e *evaluator) warnings(s *Strategy) []string {
	// The scenario's own remarks (several traditional IRAs of one person
	// are one IRA to Form 8606, say) bear on every strategy's figures.
	w := append([]string(nil), e.sc.Notes()...)
	shows8606 := false
	for _, y := range s.Years {
		if len(y.Form8606) > 0 {
			shows8606 = true
		}
	}
	if shows8606 {
		w = append(w, "Form 8606 line 10 is rounded half-up to 5 decimal places (the form requires at least 3).")
	}
	var opened []string // new Roth IRAs, in the order the steps first fund them
	openedIn := map[string]int{}
	for _, st := range s.Steps {
		for _, d := range st.To {
			for k := 0; k < e.base.NPeople; k++ {
				p := &e.base.People[k]
				if d.Account == p.RothID && !e.hasRoth(k) {
					if _, ok := openedIn[d.Account]; !ok {
						openedIn[d.Account] = st.Year
						opened = append(opened, d.Account)
					}
				}
			}
		}
		if st.Action == "ira_conversion" || st.Action == "plan_to_roth" || st.Action == "in_plan_roth_rollover" {
			if k, ok := e.personOf(st.From); ok && !e.base.Is59Half(k, st.Year) {
				w = append(w, fmt.Sprintf("%d: the conversion from %s starts its own 5-year clock; converted money withdrawn within 5 years and before 59½ bears the 10%% additional tax (IRC 408A(d)(3)(F)).", st.Year, st.From))
			}
		}
	}
	for _, acct := range opened {
		y := openedIn[acct]
		w = append(w, fmt.Sprintf("%s is opened in %d: its 5-year clock for qualified distributions starts on January 1, %d (IRC 408A(d)(2)(B)).", acct, y, y))
	}
	if s.CashNeeded > 0 {
		w = append(w, fmt.Sprintf("Needs %s of cash to replace the 20%% withheld; the withholding comes back as a credit on that year's return.", s.CashNeeded.Grouped()))
	}
	if s.Penalty > 0 {
		w = append(w, "The 10% additional tax applies: the age-55 separation exception is not assumed, since the scenario does not give the year of separation (conservative).")
	}
	for _, st := range s.Steps {
		if st.Action == "plan_to_roth" || st.Action == "in_plan_roth_rollover" || st.Action == "split_rollover" {
			w = append(w, "Plan distributions are pro-rated over the whole non-Roth balance, not only the distributable part (the conservative reading of IRC 72(e)(8)).")
			break
		}
	}
	if e.sc.Constraints.IRMAA == "ignore" || e.sc.Constraints.IRMAA == "" {
		for _, y := range s.Years {
			if y.AddedTaxable > 0 && e.anyoneAtLeast(63, y.Year) {
				w = append(w, fmt.Sprintf("Medicare IRMAA is not counted: added income in %d may raise premiums in %d.", y.Year, y.Year+2))
				break
			}
		}
	}
	for y := 0; y < e.sc.HorizonYears; y++ {
		if pr := e.model.Params(y).Projected; len(pr) > 0 {
			w = append(w, fmt.Sprintf("Tax figures for %d are projected from the inflation assumption (%s).", e.sc.StartYear+y, strings.Join(pr, ", ")))
		}
	}
	return w
}

func (e *evaluator) hasRoth(k int) bool {
	for _, a := range e.sc.People[k].Accounts {
		if a.Kind == "roth_ira" {
			return true
		}
	}
	return false
}

func (e *evaluator) personOf(account string) (int, bool) {
	ref, ok := e.base.Lookup(account)
	if !ok {
		return 0, false
	}
	return ref.Person, true
}

func (e *evaluator) anyoneAtLeast(age, year int) bool {
	for k := range e.sc.People {
		if e.sc.People[k].AgeAtEndOf(year) >= age {
			return true
		}
	}
	return false
}
