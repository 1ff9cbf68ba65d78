package objective

import (
	"fmt"

	"github.com/rothpath/optimize/money"
)

// stateSpecials names computations that belong to one state and do not fit
// the common pipeline of statecalc.go; state.yaml lists the ones it uses.
var stateSpecials = map[string]bool{}

// nySupplemental is New York's supplemental tax (Tax Law 601(d-1) to (d-4);
// IT-201-I, Tax computation worksheets 1 to 6 of each filing status): above
// a New York AGI of $107,650 the benefit of the lower brackets is recaptured,
// phased in over $50,000 of AGI, and above $25,000,000 all taxable income is
// taxed at the top rate.
//
// Taxable income falls in a region that starts at a bracket threshold (the
// first at 0). A region has a recapture base (the benefit of the regions
// below, as the worksheets state it: "enter $568") and a flat rate (the
// rate of its top bracket). With the flat rate on taxable income less the
// schedule's tax less the base (the region's incremental benefit), the tax
// is the schedule's tax plus the base plus the incremental benefit times
// the fraction: the excess of AGI over the larger of $107,650 and the
// region's start, over $50,000, at most 1. Above $25,000,000 of AGI the tax
// is the top rate on all taxable income.
//
// Two readings keep the tax exactly piecewise linear. The worksheets round
// the fraction to four decimals; the statute does not, and the fraction is
// carried exactly (the two differ by at most 0.00005 of the benefit). The
// incremental benefit is constant across the region's top bracket and is
// carried in whole dollars, as the worksheets state the bases (the first
// worksheet, which computes it, can differ by up to 50 cents times the
// fraction); below that bracket (only in the first region, with deductions
// larger than the gap between AGI and the bracket) the worksheet's benefit
// is smaller and the region's full benefit is used: the conservative side.
type nySupplemental struct {
	minAGI, phaseIn, highAGI [numStatus]money.Cents
	pairs                    [numStatus][]money.Cents // taxable income from, recapture base
	regions                  [numStatus][]nyRegion
}

type nyRegion struct {
	from, base, inc money.Cents // inc: the incremental benefit, whole dollars
	start           money.Cents // AGI from which the benefit phases in
}

func (n *nySupplemental) set(name string, s int, v []int64) error {
	switch name {
	case "supplemental_tax":
		if len(v) != 3 {
			return fmt.Errorf("supplemental_tax is [minimum AGI, phase-in length, AGI of the flat top rate], got %v", v)
		}
		n.minAGI[s], n.phaseIn[s], n.highAGI[s] = money.Cents(v[0]), money.Cents(v[1]), money.Cents(v[2])
	case "supplemental_tax_recapture_base":
		if len(v)%2 != 0 || len(v) == 0 || v[0] != 0 || v[1] != 0 {
			return fmt.Errorf("%s is pairs of taxable income from and base, the first 0 and 0, got %v", name, v)
		}
		n.pairs[s] = make([]money.Cents, len(v))
		for i := range v {
			n.pairs[s][i] = money.Cents(v[i])
		}
	default:
		return fmt.Errorf("no reader for %s", name)
	}
	return nil
}

// build derives each region's incremental benefit from the schedule: the
// flat rate on the lower threshold of the region's top bracket, less the
// schedule's tax there, less the region's base, rounded to whole dollars.
func (n *nySupplemental) build(b *[numStatus]StateSchedule) error {
	for s := range b {
		sch := &b[s]
		p := n.pairs[s]
		if n.minAGI[s] == 0 || len(p) == 0 {
			return fmt.Errorf("%s: no figures", statusNames[s])
		}
		n.regions[s] = n.regions[s][:0]
		for i := 0; i < len(p); i += 2 {
			r := nyRegion{from: p[i], base: p[i+1], start: money.Max(p[i], n.minAGI[s])}
			// The region's top bracket: the one ending at the next region's
			// start, or the bracket holding the flat-rate threshold.
			upper := n.highAGI[s]
			if i+2 < len(p) {
				upper = p[i+2]
			}
			j := sch.bracket(int64(upper) * Unit)
			if j == 0 {
				return fmt.Errorf("%s: region from %v has no bracket below %v", statusNames[s], p[i], upper)
			}
			lower := int64(sch.Top[j-1]) * Unit
			benefit := lower/RateScale*sch.Rate[j] - sch.baseUnits(j) - int64(r.base)*Unit
			r.inc = money.Cents((benefit + 50*Unit) / (100 * Unit) * 100)
			if r.inc < 0 {
				return fmt.Errorf("%s: negative benefit", statusNames[s])
			}
			n.regions[s] = append(n.regions[s], r)
		}
	}
	return nil
}

// apply returns the tax with the supplemental tax, from the schedule's tax
// on taxable income ti and the New York AGI agi.
func (n *nySupplemental) apply(st int, sched *StateSchedule, tax, ti sl, agi lin, k *kinks) sl {
	if !k.above(agi, int64(n.minAGI[st])*Unit) {
		return tax
	}
	if k.above(agi, int64(n.highAGI[st])*Unit) {
		return ti.rate(sched.Rate[sched.N-1])
	}
	rs := n.regions[st]
	r := &rs[0]
	for i := 1; i < len(rs); i++ {
		if !k.aboveS(ti, fineAt(rs[i].from)) {
			break
		}
		r = &rs[i]
	}
	over := k.max(agi.sub(cst(r.start)), lin{})
	f := fine(k.min(over, cst(n.phaseIn[st])))
	// base + inc × f / phase-in: f in fine units, inc and the length in cents.
	return tax.add(fcst(r.base)).add(f.scaled(int64(r.inc), int64(n.phaseIn[st])))
}
