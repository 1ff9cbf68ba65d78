package search

import (
	"github.com/rothpath/optimize/money"
	"github.com/rothpath/optimize/rules"
)

// Pooling. Accounts whose every dollar is taxable whatever the fill does
// (no basis now or ahead), that the structure never moves whole, that no
// roll-in touches and that no whole move dilutes, differ in nothing but
// the account the money leaves: moving a dollar from one to another in the
// same year changes no year's income, conversion or limit, and growth is
// the same for every account, so their capacities add. The search treats
// them as one source per year (poolSlot) with their summed capacity, which
// removes the symmetric branching between them; a plan's pooled amount is
// drawn from the members in a fixed order (IRAs first: the simplest move
// for a client to carry out), which any amount within the pooled capacity
// allows.

// poolSlot is the slot of the pooled source: one past every account's.
func (d *diver) poolSlot() int { return rules.MaxPeople + d.p.base.NumPlans() }

// pool merges, in every year, the sources of the accounts that can be
// pooled into one; it runs once outlook has seen every year.
func (d *diver) pool(t int, views []yearView) {
	ns := d.poolSlot()
	ok := d.poolable[:0]
	for i := 0; i < ns; i++ {
		ok = append(ok, true)
	}
	d.poolable = ok
	seen := 0
	for u := t; u < len(views); u++ {
		for j := range views[u].src {
			s := &views[u].src[j]
			if s.slot >= ns {
				continue
			}
			if !d.canPool(s) {
				ok[s.slot] = false
			}
		}
	}
	for k := 0; k < ns; k++ { // accounts some year cannot pool
		if !ok[k] {
			continue
		}
		seen++
	}
	if seen < 2 {
		return
	}
	for u := t; u < len(views); u++ {
		v := &views[u]
		var pooled srcView
		pooled.slot = ns
		pooled.members = pooled.members[:0]
		kept := v.src[:0]
		var rest []srcView
		for _, s := range v.src {
			if s.slot < ns && ok[s.slot] {
				rest = append(rest, s)
				continue
			}
			kept = append(kept, s)
		}
		if len(rest) == 0 {
			v.src = kept
			continue
		}
		// IRAs first, then plans, each in rules' order.
		var members []rules.Source
		for _, s := range rest {
			if s.src.Kind == rules.SourceIRA {
				members = append(members, s.src)
			}
		}
		for _, s := range rest {
			if s.src.Kind != rules.SourceIRA {
				members = append(members, s.src)
			}
		}
		pooled = rest[0]
		pooled.slot = ns
		pooled.members = members
		var capSum money.Cents
		for _, s := range rest {
			capSum += s.lo.Cap
		}
		pooled.lo.Cap, pooled.hi.Cap = capSum, capSum
		pooled.drawn, pooled.moves = 0, 0
		v.src = append(kept, pooled)
		v.zeros, v.caps = v.zeros[:0], v.caps[:0]
		for _, s := range v.src {
			v.zeros = append(v.zeros, 0)
			v.caps = append(v.caps, s.lo.Cap)
		}
	}
}

// canPool reports whether s is a source every dollar of which is taxable
// and counted, now and in the bounds of later years, with no whole move,
// roll-in or dilution touching its account.
func (d *diver) canPool(s *srcView) bool {
	if s.mode != convGross || !s.lo.Exact() || !s.hi.Exact() || len(s.diln) > 0 || s.q0.Taxable != 0 || s.q0.Converted != 0 {
		return false
	}
	switch s.src.Kind {
	case rules.SourceIRA:
		return d.s.rollIn[s.src.Person].plan < 0
	case rules.SourcePlanToRoth:
		i := s.src.Plan
		if d.s.plans[i].act != 0 || d.s.pre1987[i] >= 0 {
			return false
		}
		for k := range d.s.rollIn {
			if int(d.s.rollIn[k].plan) == i {
				return false
			}
		}
		return true
	}
	return false
}

// poolAmounts spreads a pooled amount g over the members' capacities on
// st, in order, adding each share to amt (indexed by slot).
func poolAmounts(members []rules.Source, st *rules.State, g money.Cents, amt []money.Cents) {
	for _, m := range members {
		a := min(g, st.Cap(m))
		amt[slotOf(m)] += a
		g -= a
	}
}
