package search

import (
	"github.com/rothpath/optimize/money"
	"github.com/rothpath/optimize/rules"
)

// planAction is what the structure does with one employer plan.
type planAction uint8

const (
	// actKeep: no whole distribution. The plan may still feed the fill year
	// by year (a partial distribution to Roth or an in-plan Roth rollover).
	actKeep planAction = iota
	// actSplitToIRA: a whole distribution split under Notice 2014-54:
	// after-tax contributions (and pre-1987 money) to the Roth IRA, pre-tax
	// money to the traditional IRA.
	actSplitToIRA
	// actWholeToRoth: the whole distribution sent directly to the Roth IRA;
	// its pre-tax part is taxable.
	actWholeToRoth
	// actSubaccount: the separately accounted after-tax subaccount split:
	// contributions to the Roth IRA, their earnings to the traditional IRA;
	// the rest of the plan stays and may feed the fill in later years.
	actSubaccount
	// actIndirect: the whole distribution paid to the person, 20% withheld
	// from its pre-tax part and made up from cash; 60-day rollovers of the
	// pre-tax part to the traditional IRA and the after-tax part to the Roth
	// IRA (IRC 402(c)(2)). Same tax as actSplitToIRA, but it needs cash: the
	// path for a plan that will not split a direct rollover.
	actIndirect
	numPlanActions
)

var planActionNames = [numPlanActions]string{"keep", "split", "to-roth", "subaccount", "indirect"}

// planChoice places one plan action in a year (index from the start year).
type planChoice struct {
	act  planAction
	year int8
}

// rollInChoice places a person's roll-in of IRA pre-tax money into a plan
// that accepts it: the year the IRA's basis is then converted tax free.
type rollInChoice struct {
	plan int8 // -1: none
	year int8
}

// structure is the discrete level of a strategy: the basis moves and their
// years. The fill decides the continuous amounts.
type structure struct {
	plans  []planChoice
	rollIn [rules.MaxPeople]rollInChoice
}

// enumerator lists the structures a household allows, in a fixed order.
type enumerator struct {
	st      *rules.State
	horizon int
	// per plan: the choices worth trying
	planOpts [][]planChoice
	// per person: roll-in options
	rollOpts [rules.MaxPeople][]rollInChoice
}

// indirectLimit bounds the structure count up to which 60-day rollovers are
// enumerated: they cost what the direct split costs and need cash besides,
// so they only ever rank just behind it, as the fallback for a plan that
// will not split a direct rollover. Past the limit they are left out.
const indirectLimit = 1_000

func newEnumerator(st *rules.State) *enumerator {
	e := &enumerator{st: st, horizon: st.Horizon}
	for k := 0; k < st.NPeople; k++ {
		opts := []rollInChoice{{plan: -1}}
		if st.People[k].Basis > 0 || e.personHasAfterTax(k) {
			for q := range st.Plans {
				if st.Plans[q].Person == k && st.Plans[q].AcceptsRollIn {
					for y := 0; y < e.horizon; y++ {
						opts = append(opts, rollInChoice{int8(q), int8(y)})
					}
				}
			}
		}
		e.rollOpts[k] = opts
	}
	e.planOpts = make([][]planChoice, len(st.Plans))
	partial := e.partialToRoth()
	for withIndirect := true; ; withIndirect = false {
		for i := range st.Plans {
			e.planOpts[i] = e.planOptions(i, partial[i], withIndirect)
		}
		if !withIndirect || e.count() <= indirectLimit {
			break
		}
	}
	return e
}

// planOptions lists what is worth trying with plan i. Dominated choices are
// left out: a plan with no after-tax basis gains nothing from a split (its
// pre-tax money converts at the same share from the plan or the IRA, and in
// the IRA it only dilutes the IRA's basis); a whole distribution to Roth in a
// year when a partial one (or an in-plan Roth rollover) is allowed does
// nothing the fill cannot do with any amount at the same pro-rata share.
func (e *enumerator) planOptions(i int, partial []bool, withIndirect bool) []planChoice {
	p := &e.st.Plans[i]
	opts := []planChoice{{act: actKeep}}
	if p.NonRoth()+p.Pre1987 == 0 {
		return opts
	}
	basis := p.AfterTax+p.Pre1987 > 0
	for y := 0; y < e.horizon; y++ {
		if basis {
			opts = append(opts, planChoice{actSplitToIRA, int8(y)})
			if withIndirect {
				opts = append(opts, planChoice{actIndirect, int8(y)})
			}
		}
		if !partial[y] {
			opts = append(opts, planChoice{actWholeToRoth, int8(y)})
		}
		if p.SeparateAfterTax && p.AfterTax > 0 {
			opts = append(opts, planChoice{actSubaccount, int8(y)})
		}
	}
	return opts
}

// partialToRoth says, per plan and year, whether a partial distribution to
// Roth or an in-plan Roth rollover is allowed then (it depends on age and
// service, not on amounts): a scratch copy of the household is walked
// through the years with no moves.
func (e *enumerator) partialToRoth() [][]bool {
	out := make([][]bool, len(e.st.Plans))
	for i := range out {
		out[i] = make([]bool, e.horizon)
	}
	var st, trial rules.State
	e.st.CopyTo(&st)
	var eff rules.Effect
	var yr rules.YearResult
	for y := 0; y < e.horizon; y++ {
		for i := range e.st.Plans {
			for _, k := range [...]rules.MoveKind{rules.PlanToRoth, rules.InPlanRothRollover} {
				st.CopyTo(&trial)
				m := rules.Move{Kind: k, Year: st.Year, Plan: i, Amount: money.Dollar}
				if trial.Apply(&m, &eff) == nil {
					out[i][y] = true
				}
			}
		}
		st.CloseYear(st.Year, &yr)
	}
	return out
}

// personHasAfterTax reports whether a plan of person k could send after-tax
// money into the IRA as basis (making a later roll-in worthwhile).
func (e *enumerator) personHasAfterTax(k int) bool {
	for q := range e.st.Plans {
		if e.st.Plans[q].Person == k && e.st.Plans[q].AfterTax > 0 {
			return true
		}
	}
	return false
}

// count returns how many structures the enumerator lists.
func (e *enumerator) count() int {
	n := 1
	for _, o := range e.planOpts {
		n *= len(o)
		if n > 1<<40 {
			return 1 << 40
		}
	}
	for k := 0; k < e.st.NPeople; k++ {
		n *= len(e.rollOpts[k])
		if n > 1<<40 {
			return 1 << 40
		}
	}
	return n
}

// at decodes structure number idx (0 <= idx < count) into s, reusing its
// slice. The order is mixed-radix over plans, then people's roll-ins.
func (e *enumerator) at(idx int, s *structure) {
	if cap(s.plans) < len(e.planOpts) {
		s.plans = make([]planChoice, len(e.planOpts))
	}
	s.plans = s.plans[:len(e.planOpts)]
	for i, o := range e.planOpts {
		s.plans[i] = o[idx%len(o)]
		idx /= len(o)
	}
	for k := 0; k < rules.MaxPeople; k++ {
		s.rollIn[k] = rollInChoice{plan: -1}
		if k < e.st.NPeople {
			o := e.rollOpts[k]
			s.rollIn[k] = o[idx%len(o)]
			idx /= len(o)
		}
	}
}

// plausible rejects structures that are certainly useless or contradictory
// before any arithmetic: a roll-in into a plan that a whole distribution has
// already emptied and closed (the person left that employer), or a roll-in
// before the plan's own whole distribution would send the rolled-in money
// straight back out.
func (e *enumerator) plausible(s *structure) bool {
	for k := 0; k < e.st.NPeople; k++ {
		r := s.rollIn[k]
		if r.plan < 0 {
			continue
		}
		pc := s.plans[r.plan]
		if pc.act == actKeep || pc.act == actSubaccount {
			continue
		}
		if r.year < pc.year {
			return false
		}
		if e.st.Plans[r.plan].Separated {
			return false // a whole distribution after separation closes the account
		}
	}
	return true
}

// later reports whether a basis move of s happens after the first year: the
// years' fills are then coupled beyond what the fill models (a roll-in
// takes whatever pre-tax money earlier conversions left; a split rollover
// adds pre-tax money to an IRA that earlier years drew on).
func (s *structure) later() bool {
	for _, p := range s.plans {
		if p.act != actKeep && p.year > 0 {
			return true
		}
	}
	for _, r := range s.rollIn {
		if r.plan >= 0 && r.year > 0 {
			return true
		}
	}
	return false
}
