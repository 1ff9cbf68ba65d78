package search

import (
	"cmp"
	"context"
	"slices"
	"strings"

	"github.com/rothpath/optimize/money"
	"github.com/rothpath/optimize/rules"
	"github.com/rothpath/optimize/scenario"
)

// baseline is each year's federal tax without any move.
func (o *output) baseline() []YearTax {
	p := o.p
	out := make([]YearTax, p.horizon)
	for y := range out {
		out[y] = YearTax{Year: p.sc.StartYear + y, Federal: p.model.BaselineTax(y)}
	}
	return out
}

// obvious scores what most tools would propose: convert the goal from the
// traditional IRAs in the first year (the first person's first), costed on
// the ranking's own objective.
func (o *output) obvious() (Strategy, bool) {
	p := o.p
	var total money.Cents
	for k := 0; k < p.base.NumPeople(); k++ {
		_, bal := p.base.IRABasis(k)
		total += bal
	}
	if p.goal <= 0 || total < p.goal {
		return Strategy{}, false
	}
	p.base.CopyTo(&o.st)
	o.ledger.Years = o.ledger.Years[:0]
	var steps []Step
	var e rules.Effect
	left := p.goal
	start := p.sc.StartYear
	for k := 0; k < p.base.NumPeople() && left > 0; k++ {
		_, bal := o.st.IRABasis(k)
		amt := money.Min(left, bal)
		if amt <= 0 {
			continue
		}
		m := rules.Move{Kind: rules.IRAConversion, Year: start, Person: k, Amount: amt}
		if o.st.Apply(&m, &e) != nil {
			return Strategy{}, false
		}
		left -= amt
		steps = append(steps, Step{Year: start, Kind: rules.IRAConversion, From: o.st.IRAID(k), Rule: e.Rule,
			To: []Destination{{Account: o.st.RothID(k), Amount: amt}}})
	}
	for y := 0; y < p.horizon; y++ {
		o.ledger.Years = append(o.ledger.Years, rules.YearResult{})
		o.st.CloseYear(start+y, &o.ledger.Years[y])
	}
	o.ledger.BasisLeft = o.st.BasisLeft()
	p.model.CostInto(&o.ledger, &o.cost)
	s := o.summary(steps)
	return s, true
}

// maxReach is the most a plan the search can make converts: for each
// structure, every year converting all its sources hold, or, under a limit
// on added income, as much as fits, the sources that convert most per
// dollar of income first.
func (o *output) maxReach(ctx context.Context) money.Cents {
	p := o.p
	var best money.Cents
	var s structure
	for idx := 0; idx < p.enum.n && ctx.Err() == nil; idx++ {
		p.enum.at(idx, &s)
		best = max(best, o.reach(&s))
	}
	return best
}

func (o *output) reach(s *structure) money.Cents {
	p := o.p
	st := &o.st
	p.base.CopyTo(st)
	var e rules.Effect
	var ms []rules.Move
	var srcs []rules.Source
	var yr rules.YearResult
	var trial rules.State
	var conv money.Cents
	for u := 0; u < p.horizon; u++ {
		ms = s.actionMoves(ms[:0], st, u)
		for i := range ms {
			if st.Apply(&ms[i], &e) != nil {
				return 0
			}
		}
		srcs = st.Sources(srcs, s.rollIns(u))
		// Most converted per dollar of income first.
		slices.SortStableFunc(srcs, func(a, b rules.Source) int {
			la, lb := st.Linear(a, 0), st.Linear(b, 0)
			return cmp.Compare(la.TaxNum*lb.TaxDen, lb.TaxNum*la.TaxDen)
		})
		limit := p.limits[u]
		amts := make([]money.Cents, len(srcs))
		fits := func() bool {
			st.CopyTo(&trial)
			if !applyAll(&trial, srcs, amts, &ms, &e) {
				return false
			}
			trial.CloseYear(trial.OpenYear(), &yr)
			return limit < 0 || yr.AddedOrdinary <= limit
		}
		if !fits() {
			return 0
		}
		for j, src := range srcs {
			c := st.Cap(src)
			amts[j] = c
			if fits() {
				continue
			}
			lo, hi := money.Cents(0), c/money.Dollar // whole dollars that fit
			for lo < hi {
				mid := (lo + hi + 1) / 2
				amts[j] = mid * money.Dollar
				if fits() {
					lo = mid
				} else {
					hi = mid - 1
				}
			}
			amts[j] = lo * money.Dollar
			break // the year is full
		}
		if !applyAll(st, srcs, amts, &ms, &e) {
			return 0
		}
		st.CloseYear(st.OpenYear(), &yr)
		conv += yr.Converted
	}
	return conv
}

func applyAll(st *rules.State, srcs []rules.Source, amts []money.Cents, ms *[]rules.Move, e *rules.Effect) bool {
	// Apply in the order rules list the sources (their quotes' order).
	var order []rules.Source
	order = st.Sources(order, rollInsOf(srcs))
	for _, src := range order {
		for j := range srcs {
			if srcs[j] == src {
				*ms = st.SourceMoves((*ms)[:0], src, amts[j])
				for i := range *ms {
					if st.Apply(&(*ms)[i], e) != nil {
						return false
					}
				}
			}
		}
	}
	return true
}

// rollInsOf recovers the roll-ins a source list was made with.
func rollInsOf(srcs []rules.Source) [rules.MaxPeople]int {
	r := [rules.MaxPeople]int{-1, -1}
	for _, s := range srcs {
		if s.Kind == rules.SourceIRAWithRollIn {
			r[s.Person] = s.Plan
		}
	}
	return r
}

// blockers says what keeps the goal out of reach.
func (o *output) blockers() []Blocker {
	p := o.p
	var out []Blocker
	for i, never := range p.enum.neverMoves {
		if never {
			out = append(out, Blocker{Kind: BlockNoDistribution, Account: p.base.PlanID(i)})
		}
	}
	if r := p.sc.Constraints.MaxMarginalRate; r != nil {
		out = append(out, Blocker{Kind: BlockMaxMarginalRate, Rate: *r})
	}
	if p.sc.Constraints.IRMAA == scenario.IRMAAAvoid {
		out = append(out, Blocker{Kind: BlockIRMAAAvoid})
	}
	return out
}

// warnings lists what the client must know beyond the steps.
func (o *output) warnings(s *Strategy) []Warning {
	p := o.p
	// The scenario's own remarks (several traditional IRAs of one person
	// are one IRA to Form 8606, say) bear on every strategy's figures.
	var w []Warning
	for _, n := range p.sc.Notes() {
		w = append(w, Warning{Kind: WarnScenarioNote, Detail: n})
	}
	for _, y := range s.Years {
		if len(y.Form8606) > 0 {
			w = append(w, Warning{Kind: WarnForm8606Rounding})
			break
		}
	}
	var opened []string // new Roth IRAs, in the order the steps first fund them
	openedIn := map[string]int{}
	for _, st := range s.Steps {
		for _, d := range st.To {
			for k := 0; k < p.base.NumPeople(); k++ {
				if d.Account == p.base.RothID(k) && !hasRoth(p.sc, k) {
					if _, ok := openedIn[d.Account]; !ok {
						openedIn[d.Account] = st.Year
						opened = append(opened, d.Account)
					}
				}
			}
		}
		if st.Kind == rules.IRAConversion || st.Kind == rules.PlanToRoth || st.Kind == rules.InPlanRothRollover {
			if ref, ok := p.base.Lookup(st.From); ok && !p.base.Is59Half(ref.Person, st.Year) {
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
	if p.sc.Constraints.IRMAA == scenario.IRMAAIgnore || p.sc.Constraints.IRMAA == "" {
		for i, y := range s.Years {
			if y.AddedTaxable > 0 && p.model.MedicareEnrolled(i) > 0 {
				w = append(w, Warning{Kind: WarnIRMAANotCounted, Year: y.Year})
				break
			}
		}
	}
	for y := 0; y < p.horizon; y++ {
		if pr := p.model.Params(y).Projected; len(pr) > 0 {
			w = append(w, Warning{Kind: WarnProjected, Year: p.sc.StartYear + y, Detail: strings.Join(pr, ", ")})
		}
	}
	return w
}

func hasRoth(sc *scenario.Scenario, k int) bool {
	for _, a := range sc.People[k].Accounts {
		if a.Kind == scenario.KindRothIRA {
			return true
		}
	}
	return false
}
