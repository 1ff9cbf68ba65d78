package objective

import (
	"math/bits"

	"github.com/rothpath/optimize/money"
)

// State arithmetic. A state's tax is carried, like the federal worksheets,
// as an affine function of the added income near the current point, in the
// same units (1/Unit of a cent). Its rates (1/RateScale) and shares can
// meet quantities that the federal worksheets left in fractions of a unit
// (half of an odd cent of benefits, then 85%), so a state product keeps its
// slope exact (a slope that is not a whole number of units per cent is a
// programming error) and floors its value to the unit. Flooring a value
// whose slope is whole commutes with moving along a segment, so the state
// tax stays exactly piecewise linear between the points where a comparison
// changes branch, and Curve and YearCost compute the same figure; it differs
// from the rational figure by less than a millionth of a cent per product.

// scaled returns a x num/den: the slope exactly, the value floored.
func (a lin) scaled(num, den int64) lin {
	s := a.s * num
	if s%den != 0 {
		panic("objective: inexact state slope")
	}
	return lin{v: floorMulDiv(a.v, num, den), s: s / den}
}

// rate returns a x r/RateScale.
func (a lin) rate(r int64) lin { return a.scaled(r, RateScale) }

// floorMulDiv returns floor(a x b / d) for b >= 0, d > 0, with a 128-bit
// product.
func floorMulDiv(a, b, d int64) int64 {
	neg := a < 0
	ua := uint64(a)
	if neg {
		ua = uint64(-a)
	}
	hi, lo := bits.Mul64(ua, uint64(b))
	if hi >= uint64(d) {
		panic("objective: state product overflows")
	}
	q, r := bits.Div64(hi, lo, uint64(d))
	if !neg {
		return int64(q)
	}
	if r != 0 {
		q++
	}
	return -int64(q)
}

// noteAt records that some branch changes d whole cents from here.
func (k *kinks) noteAt(d int64) {
	if d < 1 {
		d = 1
	}
	if d < k.next {
		k.next = d
	}
}

// above reports whether a exceeds limit (units) here, and records the first
// cent at which the answer changes: a test such as "federal AGI more than
// $250,000" is a jump in the tax there.
func (k *kinks) above(a lin, limit int64) bool {
	if a.v > limit {
		if a.s < 0 {
			k.noteAt((a.v - limit - a.s - 1) / -a.s) // first d with a.v + a.s·d <= limit
		}
		return true
	}
	if a.s > 0 {
		k.noteAt((limit-a.v)/a.s + 1) // first d with a.v + a.s·d > limit
	}
	return false
}

// steps returns the number of whole steps, or fractions of one, by which a
// exceeds start ("for each $2,500 or fraction thereof"), at most most, and
// records the cent at which the count next changes (none once it reaches
// most: the reduction has used up what it reduces). a is expected not to
// fall.
func (k *kinks) steps(a lin, start, step, most int64) int64 {
	if !k.above(a, start) {
		return 0
	}
	n := (a.v - start + step - 1) / step
	if n >= most {
		return most
	}
	k.above(a, start+n*step) // a <= start + n·step here: records where it passes
	return n
}

// stepsToZero is the number of reductions of each that use up total.
func stepsToZero(total, each money.Cents) int64 {
	return int64((total + each - 1) / each)
}

// stateScheduleTax is the tax of a state's rate schedule on taxable income
// ti: the bracket's base (the sum of the brackets below it, or the amount
// the state's schedule states) plus its rate on the excess over its lower
// threshold. A bracket applies to income "over" its lower threshold, so at a
// top exactly the lower bracket applies; the distance to the top is
// recorded (a stated base can make the tax jump there).
func stateScheduleTax(s *StateSchedule, ti lin, k *kinks) lin {
	j := s.bracket(ti.v)
	if j < s.N-1 {
		k.above(ti, int64(s.Top[j])*Unit)
	}
	lower := int64(0)
	if j > 0 {
		lower = int64(s.Top[j-1]) * Unit
	}
	r := ti.sub(lin{v: lower}).rate(s.Rate[j])
	r.v += s.baseUnits(j)
	return r
}

// bracket returns the bracket of taxable income v (units): the first whose
// top is at or above it.
func (s *StateSchedule) bracket(v int64) int {
	j := 0
	for j < s.N-1 && v > int64(s.Top[j])*Unit {
		j++
	}
	return j
}

// baseUnits is the tax at bracket j's lower threshold, in units.
func (s *StateSchedule) baseUnits(j int) int64 {
	if s.HasBase {
		return int64(s.Base[j]) * Unit
	}
	var tax, lower int64
	for i := 0; i < j; i++ {
		top := int64(s.Top[i]) * Unit
		tax += (top - lower) / RateScale * s.Rate[i]
		lower = top
	}
	return tax
}

// stateYear is one state's law applied to one household in one year: the
// filing status chosen, the people's ages and the baseline income folded
// into constants, so that the hot path only does affine arithmetic.
type stateYear struct {
	sp    *StateYearParams
	st    int // filing status index
	taxes bool
	start StateStart
	sched *StateSchedule

	deduction  money.Cents // standard (with amounts for age) or none
	stdPhase   LinearPhaseout
	exemptions money.Cents // personal and age exemptions
	exLimit    money.Cents // federal AGI above which none (0: none)
	exPhase    Staircase
	exLow      money.Cents // more exemptions while federal AGI is below exLowBelow
	exLowBelow money.Cents
	credits    money.Cents // personal and age credits
	creditN    int64       // the number of credits the phase-out reduces
	crPhase    Staircase
	crFedDed   PhasedCredit // of fedStdOnly, phased by the state's income
	crSS       PhasedCredit // of taxable Social Security, phased by federal AGI

	// Retirement exclusion (see retirementExclusion).
	ret        bool
	retAll     bool        // no cap: all retirement income
	retBase    money.Cents // baseline retirement income (constants)
	retHouse   money.Cents // the household's cap
	retAvail   money.Cents // what the moves can still use: the converter's cap less the baseline
	retShare   int64
	retLimit   money.Cents
	ssShare    int64
	ssLimit    money.Cents
	ssAbove    int64
	ageDed     money.Cents
	agePhase   LinearPhaseout
	fedTaxCap  money.Cents // 0: no deduction of federal tax; Unlimited: all
	addAbove   money.Cents // federal AGI above which part of the deduction is added back
	addBack    money.Cents // the part added back
	supp       *nySupplemental
	fedStdOnly money.Cents // federal standard deduction (with age amounts), for federal_taxable_income starts
}

// tax returns the state's income tax, exact in units, for the year's income
// in plus x added ordinary income, with the federal worksheet w already
// computed for the same point (its AGI, taxable Social Security, senior
// deduction and tax).
func (s *stateYear) tax(w *worksheet, in *Income, x lin, k *kinks) lin {
	if !s.taxes {
		return lin{}
	}
	agi := w.agi
	var base lin
	switch s.start {
	case StartFederalAGI:
		base = agi
	case StartFederalTaxable:
		// Federal taxable income with the standard deduction: the scenario's
		// itemized deductions hold state income tax, which these states add
		// back, so the standard deduction is the conservative reading.
		base = k.max(agi.sub(cst(s.fedStdOnly)).sub(w.senior), lin{})
	default:
		base = cst(in.Wages + in.OtherOrdinary + in.QualifiedDividends + in.LongTermGains).add(x)
	}
	if s.start != StartStateGross && s.ssShare > 0 {
		share := s.ssShare
		if s.ssLimit > 0 && k.above(agi, int64(s.ssLimit)*Unit) {
			share = s.ssAbove
		}
		if share > 0 {
			base = base.sub(w.ssTaxable.rate(share))
		}
	}
	if s.ret {
		base = base.sub(s.retirementExclusion(agi, x, k))
	}
	if s.addBack > 0 && k.above(agi, int64(s.addAbove)*Unit) {
		base = base.add(cst(s.addBack))
	}
	if s.fedTaxCap != 0 {
		ft := w.total
		if s.fedTaxCap != Unlimited {
			ft = k.min(ft, cst(s.fedTaxCap))
		}
		base = base.sub(ft)
	}
	ded := cst(s.deduction)
	if s.stdPhase.Rate > 0 {
		over := k.max(agi.sub(cst(s.stdPhase.Start)), lin{})
		ded = k.max(ded.sub(over.rate(s.stdPhase.Rate)), lin{})
	}
	if s.exemptions > 0 {
		ex := s.exemptions
		if s.exLimit > 0 && k.above(agi, int64(s.exLimit)*Unit) {
			ex = 0
		}
		if ex > 0 && s.exPhase.Step > 0 {
			n := k.steps(agi, int64(s.exPhase.Start)*Unit, int64(s.exPhase.Step)*Unit, stepsToZero(ex, s.exPhase.Amount))
			ex = money.Max(ex-money.Cents(n)*s.exPhase.Amount, 0)
		}
		ded = ded.add(cst(ex))
	}
	if s.exLow > 0 && !k.above(agi, int64(s.exLowBelow)*Unit-1) {
		ded = ded.add(cst(s.exLow))
	}
	if s.ageDed > 0 {
		a := cst(s.ageDed)
		if s.agePhase.Rate > 0 {
			over := k.max(agi.sub(cst(s.agePhase.Start)), lin{})
			a = k.max(a.sub(over.rate(s.agePhase.Rate)), lin{})
		}
		ded = ded.add(a)
	}
	ti := k.max(base.sub(ded), lin{})
	tax := stateScheduleTax(s.sched, ti, k)
	if s.supp != nil {
		tax = s.supp.apply(s.st, s.sched, tax, ti, agi, k)
	}
	var credits lin
	if s.credits > 0 {
		cr := s.credits
		if s.crPhase.Step > 0 {
			each := money.Cents(s.creditN) * s.crPhase.Amount
			n := k.steps(agi, int64(s.crPhase.Start)*Unit, int64(s.crPhase.Step)*Unit, stepsToZero(cr, each))
			cr = money.Max(cr-money.Cents(n)*each, 0)
		}
		credits = cst(cr)
	}
	if c := &s.crFedDed; c.Rate > 0 {
		credits = credits.add(phasedCredit(cst(s.fedStdOnly).rate(c.Rate), base, c, k))
	}
	if c := &s.crSS; c.Rate > 0 && w.ssTaxable != (lin{}) {
		credits = credits.add(phasedCredit(w.ssTaxable.rate(c.Rate), agi, c, k))
	}
	if credits != (lin{}) {
		tax = k.max(tax.sub(credits), lin{})
	}
	return tax
}

// phasedCredit is amount less the credit's phase-out rate of income above
// its start, not below zero.
func phasedCredit(amount, income lin, c *PhasedCredit, k *kinks) lin {
	over := k.max(income.sub(cst(c.Start)), lin{})
	return k.max(amount.sub(over.rate(c.PhaseRate)), lin{})
}

// retirementExclusion is the part of the year's retirement income the state
// excludes: the baseline's own use of the exclusion, min(baseline, the
// household's cap), plus what the moves may use, min(x, what the
// converter's cap leaves after the baseline). The baseline uses up the
// converter's exclusion first and a couple's moves get one person's cap:
// the conservative reading when the scenario does not say whose pension the
// baseline is and whose account each move draws on. The share (a state that
// excludes a percentage) and the federal AGI limit apply to the whole.
func (s *stateYear) retirementExclusion(agi, x lin, k *kinks) lin {
	if s.retLimit > 0 && k.above(agi, int64(s.retLimit)*Unit) {
		return lin{}
	}
	var e lin
	if s.retAll {
		e = cst(s.retBase).add(x)
	} else {
		e = cst(money.Min(s.retBase, s.retHouse))
		if s.retAvail > 0 {
			e = e.add(k.min(x, cst(s.retAvail)))
		}
	}
	if s.retShare != RateScale {
		e = e.rate(s.retShare)
	}
	return e
}

// TaxAt returns the tax at bracket j's lower threshold, rounded to the cent:
// the stated base, or the sum of the brackets below.
func (s *StateSchedule) TaxAt(j int) money.Cents { return roundCents(s.baseUnits(j)) }
