package search

import (
	"github.com/rothpath/optimize/rules"
)

// planChoice is what a structure does with one plan: a whole-plan action
// (rules.PlanAction; 0: none, the plan stays and may still feed the fill)
// in a year (index from the start year).
type planChoice struct {
	act  rules.PlanAction
	year int8
}

// rollInChoice places a person's roll-in of IRA pre-tax money into a plan
// that accepts it; plan -1 is none.
type rollInChoice struct {
	plan int8
	year int8
}

// structure is the discrete level of a plan: the whole-plan moves and the
// roll-ins, each in its year. The fill decides the amounts.
type structure struct {
	plans  []planChoice
	rollIn [rules.MaxPeople]rollInChoice
	// pre1987[i] is the year plan i's pre-1987 money moves alone, -1 when it
	// does not (none, or it goes with the plan's whole move).
	pre1987 []int8
}

// enumerator lists the structures a household allows, in a fixed order.
type enumerator struct {
	horizon  int
	planOpts [][]planChoice
	rollOpts [rules.MaxPeople][]rollInChoice
	// firstPre1987[i]: the first year plan i's pre-1987 money may move
	// alone; -1 if never or none.
	firstPre1987 []int8
	// neverMoves[i]: plan i holds money but no year lets any of it reach
	// Roth (a blocker when the goal is out of reach).
	neverMoves []bool
	n          int
}

// maxStructures bounds the count so that mixed-radix indexes fit an int.
const maxStructures = 1 << 40

// newEnumerator walks the horizon once with no move, asking rules what
// each plan and person may do each year (age and service decide it, not
// amounts), and lists:
//   - per plan: nothing, or in a year where rules allow it a split (Notice
//     2014-54), a whole distribution to Roth, or a split of the separately
//     accounted after-tax subaccount. A whole distribution to Roth is left
//     out in a year when the fill may distribute any part of the plan to
//     Roth: the fill reaches the same moves (plan_to_roth of all the
//     non-Roth money, the pre-1987 money moving alone) at the same cost.
//   - per person with IRA basis: nothing, or a roll-in into each plan of
//     theirs that accepts one, in each year. Without basis a roll-in only
//     takes money out of reach of conversions.
//
// Pre-1987 money is not a choice: it moves alone, tax free, in the first
// year rules allow it, unless the plan's whole move takes it first. Moving
// it changes no other account (it is separately accounted, IRC
// 72(e)(8)(D)) and adds to what reaches Roth at no cost, so a plan that
// leaves it, or moves it later, is never cheaper.
func newEnumerator(base *rules.State) *enumerator {
	h := base.Horizon
	np := base.NumPlans()
	e := &enumerator{horizon: h, planOpts: make([][]planChoice, np), firstPre1987: make([]int8, np), neverMoves: make([]bool, np)}
	for i := range e.neverMoves {
		nonRoth, _, _, pre := base.HasPlanMoney(i)
		e.neverMoves[i] = nonRoth || pre
	}
	for i := range e.planOpts {
		e.planOpts[i] = []planChoice{{}}
		e.firstPre1987[i] = -1
	}
	for k := 0; k < rules.MaxPeople; k++ {
		e.rollOpts[k] = []rollInChoice{{plan: -1}}
	}
	var st, scratch rules.State
	base.CopyTo(&st)
	var yr rules.YearResult
	var srcs []rules.Source
	none := [rules.MaxPeople]int{-1, -1}
	for y := 0; y < h; y++ {
		srcs = st.Sources(srcs, none)
		for i := 0; i < np; i++ {
			nonRoth, afterTax, sub, pre := base.HasPlanMoney(i)
			if pre && e.firstPre1987[i] < 0 && st.ActionAllowed(rules.PlanPre1987, i, &scratch) {
				e.firstPre1987[i] = int8(y)
			}
			if !nonRoth && !pre {
				continue
			}
			if e.firstPre1987[i] >= 0 || fillSource(srcs, i) {
				e.neverMoves[i] = false
			}
			if st.ActionAllowed(rules.PlanSplit, i, &scratch) {
				e.planOpts[i] = append(e.planOpts[i], planChoice{rules.PlanSplit, int8(y)})
				e.neverMoves[i] = false
			}
			if !partialToRoth(srcs, i) && st.ActionAllowed(rules.PlanWholeToRoth, i, &scratch) {
				e.planOpts[i] = append(e.planOpts[i], planChoice{rules.PlanWholeToRoth, int8(y)})
			}
			if sub && afterTax && st.ActionAllowed(rules.PlanSubaccount, i, &scratch) {
				e.planOpts[i] = append(e.planOpts[i], planChoice{rules.PlanSubaccount, int8(y)})
			}
		}
		st.CloseYear(st.OpenYear(), &yr)
	}
	for k := 0; k < base.NumPeople(); k++ {
		if basis, _ := base.IRABasis(k); basis <= 0 {
			continue
		}
		for q := 0; q < np; q++ {
			if ok, owner := base.AcceptsRollIn(q); ok && owner == k {
				for y := 0; y < h; y++ {
					e.rollOpts[k] = append(e.rollOpts[k], rollInChoice{int8(q), int8(y)})
				}
			}
		}
	}
	e.n = 1
	for _, o := range e.planOpts {
		e.n = min(e.n*len(o), maxStructures)
	}
	for k := range e.rollOpts {
		e.n = min(e.n*len(e.rollOpts[k]), maxStructures)
	}
	return e
}

// partialToRoth reports whether plan i is a fill source distributing to
// Roth this year (not only by in-plan Roth rollover).
func partialToRoth(srcs []rules.Source, i int) bool {
	for _, s := range srcs {
		if s.Plan == i && s.Kind == rules.SourcePlanToRoth {
			return true
		}
	}
	return false
}

// fillSource reports whether plan i is a fill source this year.
func fillSource(srcs []rules.Source, i int) bool {
	for _, s := range srcs {
		if s.Plan == i && (s.Kind == rules.SourcePlanToRoth || s.Kind == rules.SourceInPlanRoth) {
			return true
		}
	}
	return false
}

// at decodes structure number idx (0 <= idx < n) into s, reusing its
// slices: mixed radix over plans, then people's roll-ins.
func (e *enumerator) at(idx int, s *structure) {
	np := len(e.planOpts)
	if cap(s.plans) < np {
		s.plans = make([]planChoice, np)
		s.pre1987 = make([]int8, np)
	}
	s.plans, s.pre1987 = s.plans[:np], s.pre1987[:np]
	for i, o := range e.planOpts {
		s.plans[i] = o[idx%len(o)]
		idx /= len(o)
		s.pre1987[i] = e.firstPre1987[i]
		if a := s.plans[i].act; a != 0 && a != rules.PlanSubaccount && s.plans[i].year <= s.pre1987[i] {
			s.pre1987[i] = -1 // the whole move takes it
		}
	}
	for k := range e.rollOpts {
		o := e.rollOpts[k]
		s.rollIn[k] = o[idx%len(o)]
		idx /= len(o)
	}
}

// rollInYear returns the plan person k rolls into in year y, or -1.
func (s *structure) rollInYear(k, y int) int {
	if r := s.rollIn[k]; r.plan >= 0 && int(r.year) == y {
		return int(r.plan)
	}
	return -1
}

// rollIns returns, per person, the plan rolled into in year y or -1.
func (s *structure) rollIns(y int) [rules.MaxPeople]int {
	var r [rules.MaxPeople]int
	for k := range r {
		r[k] = s.rollInYear(k, y)
	}
	return r
}

// actionMoves appends the structure's own moves of year y (whole-plan
// moves and pre-1987 moves) as rules states them on st.
func (s *structure) actionMoves(dst []rules.Move, st *rules.State, y int) []rules.Move {
	for i, pc := range s.plans {
		if int(s.pre1987[i]) == y {
			dst = st.ActionMoves(dst, rules.PlanPre1987, i)
		}
		if pc.act != 0 && int(pc.year) == y {
			dst = st.ActionMoves(dst, pc.act, i)
		}
	}
	return dst
}

// laterWhole reports whether plan i is moved whole (split, to Roth, or its
// subaccount split) in a year after y, and by what.
func (s *structure) laterWhole(i, y int) rules.PlanAction {
	if pc := s.plans[i]; pc.act != 0 && int(pc.year) > y {
		return pc.act
	}
	return 0
}

// laterRollIn reports whether person k rolls in after year y.
func (s *structure) laterRollIn(k, y int) bool {
	r := s.rollIn[k]
	return r.plan >= 0 && int(r.year) > y
}
