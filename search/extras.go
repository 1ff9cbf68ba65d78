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
		steps = append(steps, Step{Year: start, Order: len(steps) + 1, Kind: rules.IRAConversion,
			From: e.st.People[k].IRAID, Rule: e.eff.Rule,
			To: []Destination{{Account: e.st.People[k].RothID, Amount: amt}}})
	}
	for y := 0; y < e.sc.HorizonYears; y++ {
		e.st.CloseYear(start+y, &e.ledger.Years[y])
	}
	e.ledger.BasisLeft = e.st.BasisLeft()
	e.model.CostInto(&e.ledger, &e.cost)
	e.settleConversions(steps)
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

// blockers says what keeps the goal out of reach.
func (e *evaluator) blockers() []Blocker {
	var out []Blocker
	for i := range e.base.Plans {
		p := &e.base.Plans[i]
		if !p.Separated && !p.InServiceAfter && !p.InServicePretax && !p.InPlanRoth && p.NonRoth()+p.Pre1987 > 0 {
			out = append(out, Blocker{Kind: BlockNoDistribution, Account: p.ID})
		}
	}
	if e.limitRate > 0 {
		out = append(out, Blocker{Kind: BlockMaxMarginalRate, Rate: e.limitRate})
	}
	if e.avoidIRMAA {
		out = append(out, Blocker{Kind: BlockIRMAAAvoid})
	}
	return out
}

// warnings lists what the client must know beyond the steps.
func (e *evaluator) warnings(s *Strategy) []Warning {
	// The scenario's own remarks (several traditional IRAs of one person
	// are one IRA to Form 8606, say) bear on every strategy's figures.
	var w []Warning
	for _, n := range e.sc.Notes() {
		w = append(w, Warning{Kind: WarnScenarioNote, Detail: n})
	}
	shows8606 := false
	for _, y := range s.Years {
		if len(y.Form8606) > 0 {
			shows8606 = true
		}
	}
	if shows8606 {
		w = append(w, Warning{Kind: WarnForm8606Rounding})
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
		if st.Kind == rules.IRAConversion || st.Kind == rules.PlanToRoth || st.Kind == rules.InPlanRothRollover {
			if k, ok := e.personOf(st.From); ok && !e.base.Is59Half(k, st.Year) {
				w = append(w, Warning{Kind: WarnFiveYearClock, Year: st.Year, Account: st.From})
			}
		}
	}
	for _, acct := range opened {
		w = append(w, Warning{Kind: WarnRothOpened, Year: openedIn[acct], Account: acct})
	}
	if s.CashNeeded > 0 {
		w = append(w, Warning{Kind: WarnCashNeeded, Amount: s.CashNeeded})
	}
	if s.Penalty > 0 {
		w = append(w, Warning{Kind: WarnNoSeparationException})
	}
	for _, st := range s.Steps {
		if st.Kind == rules.PlanToRoth || st.Kind == rules.InPlanRothRollover || st.Kind == rules.SplitRollover {
			w = append(w, Warning{Kind: WarnWholeBalanceProRata})
			break
		}
	}
	if e.sc.Constraints.IRMAA == "ignore" || e.sc.Constraints.IRMAA == "" {
		for _, y := range s.Years {
			if y.AddedTaxable > 0 && e.anyoneAtLeast(63, y.Year) {
				w = append(w, Warning{Kind: WarnIRMAANotCounted, Year: y.Year})
				break
			}
		}
	}
	for y := 0; y < e.sc.HorizonYears; y++ {
		if pr := e.model.Params(y).Projected; len(pr) > 0 {
			w = append(w, Warning{Kind: WarnProjected, Year: e.sc.StartYear + y, Detail: strings.Join(pr, ", ")})
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
