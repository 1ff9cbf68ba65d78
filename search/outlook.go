package search

import (
	"github.com/rothpath/optimize/money"
	"github.com/rothpath/optimize/rules"
)

// convMode says how a fill source's move counts toward the goal in the
// bounds. Counting a move by less than it converts is exact when a later
// whole move of the same account carries the difference: the later move's
// own figure, projected with no fill in between, is the whole constant.
type convMode uint8

const (
	// convGross: the amount converted (rules' Quote.Converted).
	convGross convMode = iota
	// convTaxable: only the taxable part, because a later whole move of the
	// account (a plan split or subaccount split, or the person's roll-in
	// year) sends the rest of its basis to Roth (rules.ConvertibleBasis,
	// rules.PlanAfterTax).
	convTaxable
	// convNone: nothing, because a later whole distribution to Roth
	// converts all that is left, and the projection counts all of it.
	convNone
)

// dilution is a plan's whole move in year k bringing pre-tax money into an
// account (an IRA after a split) or into income (whole to Roth): what the
// projection moved (pretax) is less by whatever the fill drew from the plan
// before. The bounds take the most the fill could have drawn, for every
// node of the structure alike: a node's model of a year's income must not
// depend on its boxes, or a box split could leave a plan in neither half's
// income interval.
type dilution struct {
	slot, k int
	pretax  money.Cents
}

// srcView is one fill source of one year as a node's bounds see it.
type srcView struct {
	slot int
	src  rules.Source
	// lo bounds the taxable part from below (and is exact in the node's
	// own year); hi bounds it from above for convTaxable.
	lo, hi rules.Linear
	q0     rules.Quote // Quote(src, 0): already in the year's fixed figures
	mode   convMode
	// For an IRA that plans' whole moves dilute: those moves; and how the
	// projection widened the model.
	diln         []dilution
	drawn        money.Cents
	moves, years int
	// members are the accounts of a pooled source (pool.go), in the
	// order its amount is drawn from them; nil for one account's.
	members []rules.Source
	// knee is where the taxable part's second lower line takes over
	// (pieces.go).
	knee money.Cents
}

// yearView is one year of a structure as seen from a node: what the
// structure's own moves add (projected with no fill in between), the
// year's cost curve, its limit on added income, and its fill sources.
type yearView struct {
	fixed     money.Cents // added ordinary income, a lower bound
	fixedConv money.Cents // converted, an upper bound in the goal's count
	curve     *yearCurve
	limit     money.Cents // most added income the constraints allow; -1: none
	src       []srcView
	fixedLess []dilution // whole distributions to Roth of plans the fill may have drawn on
	// zeros and caps are the sources' full boxes.
	zeros, caps []money.Cents
}

// slotOf numbers the account a fill source draws on: person k's IRAs are k,
// plan i is rules.MaxPeople + i.
func slotOf(src rules.Source) int {
	if src.Kind == rules.SourceIRA || src.Kind == rules.SourceIRAWithRollIn {
		return src.Person
	}
	return rules.MaxPeople + src.Plan
}

// outlook projects structure s from the exact state at the start of year t
// with no fill, and fills views[t:] (views[t] exactly, later years as
// bounds valid for any fill in between) and atFill with the exact state of
// year t after the structure's own moves. It returns false when rules refuse
// one of the structure's moves (the structure cannot be carried out from
// here).
func (d *diver) outlook(t int, start *rules.State, views []yearView, atFill *rules.State) bool {
	p := d.p
	proj := &d.proj
	start.CopyTo(proj)
	ns := rules.MaxPeople + proj.NumPlans()
	drawn := d.drawn[:ns]
	moves := d.moves[:ns]
	rolledIn := d.rolledIn[:ns]
	for i := range drawn {
		drawn[i], moves[i], rolledIn[i], d.maxPretax[i] = 0, 0, 0, 0
	}
	for k := range d.dilns {
		d.dilns[k] = d.dilns[k][:0]
	}
	var e rules.Effect
	for u := t; u < p.horizon; u++ {
		d.ms = d.s.actionMoves(d.ms[:0], proj, u)
		// A whole move of a plan that the fill may have drawn on since t
		// moves less pre-tax money than projected: into the IRA (which
		// then dilutes its basis less) or into income (whole to Roth).
		v := &views[u]
		v.fixedLess = v.fixedLess[:0]
		for i := range d.ms {
			m := &d.ms[i]
			if err := proj.Apply(m, &e); err != nil {
				return false
			}
			if d.maxPretax[rules.MaxPeople+m.Plan] == 0 || e.Pretax == 0 {
				continue // the fill cannot have drawn on the plan before
			}
			dl := dilution{slot: rules.MaxPeople + m.Plan, k: u, pretax: e.Pretax}
			switch m.Kind {
			case rules.SplitRollover, rules.SubaccountSplitRollover, rules.IndirectRollover:
				k := proj.PlanOwner(m.Plan)
				d.dilns[k] = append(d.dilns[k], dl)
			case rules.PlanToRoth:
				v.fixedLess = append(v.fixedLess, dl)
			}
		}
		if u == t {
			proj.CopyTo(atFill)
		}
		proj.CopyTo(&d.projAt[u])
		v.src = v.src[:0]
		d.srcs = proj.Sources(d.srcs, d.s.rollIns(u))
		for _, src := range d.srcs {
			sv := srcView{slot: slotOf(src), src: src, q0: proj.Quote(src, 0), mode: d.mode(src, u), members: nil}
			less := money.Cents(0)
			switch src.Kind {
			case rules.SourceIRA:
				sv.diln = append(sv.diln[:0], d.dilns[src.Person]...)
				for _, dl := range sv.diln { // every draw possible (the root)
					less += min(d.maxPretax[dl.slot], dl.pretax)
				}
			case rules.SourcePlanToRoth, rules.SourceInPlanRoth:
				less = rolledIn[sv.slot]
			}
			sv.drawn, sv.moves, sv.years = drawn[sv.slot], moves[sv.slot], u-t
			sv.lo, sv.hi = proj.Linear(src, less), proj.Linear(src, 0)
			sv.lo.ConvConst, sv.hi.ConvConst = 0, 0 // in q0 and the fixed figures
			if u > t {
				sv.lo = proj.Widen(sv.lo, src, drawn[sv.slot], moves[sv.slot], u-t)
				sv.hi = proj.Widen(sv.hi, src, drawn[sv.slot], moves[sv.slot], u-t)
				if src.Kind == rules.SourceIRA && len(sv.diln) > 0 && drawn[sv.slot] > 0 {
					// Converting before money came in leaves a lower ratio
					// than projected: the taxable part is bounded above
					// only by the amount.
					sv.hi.ErrHighPPM = 1_000_000
				}
			}
			v.src = append(v.src, sv)
		}
		// Project the year with no fill: only a roll-in year's own moves.
		for _, sv := range v.src {
			if sv.src.Kind != rules.SourceIRAWithRollIn {
				continue
			}
			d.ms = proj.SourceMoves(d.ms[:0], sv.src, 0)
			for i := range d.ms {
				if err := proj.Apply(&d.ms[i], &e); err != nil {
					return false
				}
				if d.ms[i].Kind == rules.IRARollIn {
					rolledIn[rules.MaxPeople+sv.src.Plan] += e.Gross
				}
			}
		}
		for _, sv := range v.src {
			if c := sv.lo.Cap; c > 0 {
				drawn[sv.slot] += c
				moves[sv.slot]++
				d.maxPretax[sv.slot] += money.MulDivCeil(c, sv.hi.TaxNum, sv.hi.TaxDen) + sv.hi.ErrHigh(c)
			}
		}
		v.zeros, v.caps = v.zeros[:0], v.caps[:0]
		for _, sv := range v.src {
			v.zeros = append(v.zeros, 0)
			v.caps = append(v.caps, sv.lo.Cap)
		}
		proj.CloseYear(proj.OpenYear(), &d.yr)
		v.fixed = d.yr.AddedOrdinary
		for _, dl := range v.fixedLess {
			v.fixed -= min(d.maxPretax[dl.slot], dl.pretax)
		}
		v.fixed = max(v.fixed, 0)
		v.fixedConv = d.yr.Converted
		v.curve = d.curve(u, d.yr.PenaltyBase)
		v.limit = p.limits[u]
	}
	d.pool(t, views)
	for u := t; u < len(views); u++ {
		for j := range views[u].src {
			views[u].src[j].setKnee()
		}
	}
	return true
}

// mode returns how src's moves in year u count toward the goal in the
// bounds (see convMode).
func (d *diver) mode(src rules.Source, u int) convMode {
	switch src.Kind {
	case rules.SourceIRA:
		if d.s.laterRollIn(src.Person, u) {
			return convTaxable
		}
	case rules.SourcePlanToRoth, rules.SourceInPlanRoth:
		switch d.s.laterWhole(src.Plan, u) {
		case rules.PlanSplit, rules.PlanSubaccount:
			return convTaxable
		case rules.PlanWholeToRoth:
			return convNone
		}
	}
	return convGross
}
