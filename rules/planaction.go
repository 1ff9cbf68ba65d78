package rules

import "github.com/rothpath/optimize/money"

// PlanAction is a move of a whole plan (or of a whole separately accounted
// part of it) that a strategy makes once, in a chosen year.
type PlanAction uint8

// Plan actions.
const (
	// PlanSplit: a full distribution split by direct rollover in one request
	// (IRS Notice 2014-54): after-tax and pre-1987 money to the Roth IRA,
	// pre-tax money to the traditional IRA.
	PlanSplit PlanAction = iota + 1
	// PlanWholeToRoth: a full distribution sent whole to the Roth IRA; its
	// pre-tax part is taxable.
	PlanWholeToRoth
	// PlanSubaccount: the separately accounted after-tax subaccount
	// distributed whole: contributions to the Roth IRA, earnings to the
	// traditional IRA (IRC 72(d)(2)).
	PlanSubaccount
	// PlanIndirect: the full distribution paid to the person with 20% of its
	// pre-tax part withheld; within 60 days the pre-tax part is rolled to the
	// traditional IRA (the withholding made up from cash) and the after-tax
	// part to the Roth IRA (IRC 402(c)(2), 3405(c)). The same tax as
	// PlanSplit, and cash besides: the path when a plan will not split a
	// direct rollover.
	PlanIndirect
	// PlanPre1987: the pre-1987 after-tax money alone, to the Roth IRA
	// (IRC 72(e)(8)(D)).
	PlanPre1987
)

// ActionMoves appends to dst the moves that carry out action a on plan i in
// the open year: the move itself and, with a full distribution, the plan's
// designated Roth money sent by direct rollover to the Roth IRA in the same
// request when the plan may distribute it (it is not a conversion and
// counts for nothing toward the goal).
func (s *State) ActionMoves(dst []Move, a PlanAction, i int) []Move {
	pl := &s.Plans[i]
	y := s.Year
	switch a {
	case PlanSplit:
		dst = append(dst, Move{Kind: SplitRollover, Year: y, Plan: i, Whole: true})
	case PlanWholeToRoth:
		dst = append(dst, Move{Kind: PlanToRoth, Year: y, Plan: i, Whole: true})
	case PlanSubaccount:
		return append(dst, Move{Kind: SubaccountSplitRollover, Year: y, Plan: i, Whole: true})
	case PlanIndirect:
		dst = append(dst, Move{Kind: IndirectRollover, Year: y, Plan: i, Whole: true,
			Rollover: pl.Pretax + pl.Earnings, AfterTaxToRoth: true})
	case PlanPre1987:
		return append(dst, Move{Kind: Pre1987ToRoth, Year: y, Plan: i, Whole: true})
	default:
		return dst
	}
	var e Effect
	if pl.Roth > 0 && s.canDistribute(pl, y, false, false, true, &e) == nil {
		dst = append(dst, Move{Kind: DesignatedRothRollover, Year: y, Plan: i, Whole: true})
	}
	return dst
}

// ActionAllowed reports whether action a on plan i could be carried out now:
// each of its moves is tried on scratch, a copy of s (s is left unchanged).
// It is meant for enumerating what a household allows, not for the hot path.
func (s *State) ActionAllowed(a PlanAction, i int, scratch *State) bool {
	s.CopyTo(scratch)
	var e Effect
	ms := scratch.ActionMoves(nil, a, i)
	for j := range ms {
		if scratch.Apply(&ms[j], &e) != nil {
			return false
		}
	}
	return len(ms) > 0
}

// HasPlanMoney reports what plan i holds now: non-Roth money outside
// pre-1987, after-tax contributions, a separately accounted subaccount with
// contributions, pre-1987 money.
func (s *State) HasPlanMoney(i int) (nonRoth, afterTax, subaccount, pre1987 bool) {
	pl := &s.Plans[i]
	return pl.NonRoth() > 0, pl.AfterTax > 0, pl.SeparateAfterTax && pl.AfterTax > 0, pl.Pre1987 > 0
}

// AcceptsRollIn reports whether plan i takes rollovers of IRA pre-tax money,
// and whose plan it is.
func (s *State) AcceptsRollIn(i int) (bool, int) {
	return s.Plans[i].AcceptsRollIn, s.Plans[i].Person
}

// IRABasis returns person k's IRA basis now (Form 8606 line 3 as the open
// year stands) and IRA balance.
func (s *State) IRABasis(k int) (basis, balance money.Cents) {
	return s.People[k].line3(), s.People[k].IRA
}
