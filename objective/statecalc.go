package objective

import (
	"github.com/rothpath/optimize/money"
)

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
func stateScheduleTax(s *StateSchedule, ti sl, k *kinks) sl {
	j := s.bracketFine(ti.v)
	if j < s.N-1 {
		k.aboveS(ti, fineAt(s.Top[j]))
	}
	var lower money.Cents
	if j > 0 {
		lower = s.Top[j-1]
	}
	r := ti.sub(fcst(lower)).rate(s.Rate[j])
	r.v = r.v.add(mul64(s.baseUnits(j), fineScale))
	return r
}

// bracketFine is bracket for a fine-unit taxable income.
func (s *StateSchedule) bracketFine(v i128) int {
	j := 0
	for j < s.N-1 && v.cmp(fineAt(s.Top[j])) > 0 {
		j++
	}
	return j
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
	stdSteps   Staircase // on the state's income
	stdMin     money.Cents
	exemptions money.Cents // personal and age exemptions
	exLimit    money.Cents // federal AGI above which none (0: none)
	exPhase    Staircase
	exLinear   LinearPhaseout // exemptions phased out over a range of federal AGI
	exBands    []money.Cents  // pairs: the state's income over, amount per person
	exPersons  int64
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
	retBands   []money.Cents // pairs: the state's income over, percent (statefor.go)
	ssShare    int64
	ssLimit    money.Cents
	ssAbove    int64
	ageDed     money.Cents
	agePhase   LinearPhaseout
	ageSteps   Staircase // the reduction per person entitled
	ageN       int64     // people entitled to the age deduction
	ageLessSS  bool
	fedTaxCap  money.Cents   // 0: no deduction of federal tax; Unlimited: all
	fedTaxCaps []money.Cents // pairs of federal AGI from and cap, when the cap depends on AGI
	fedTaxPct  []money.Cents // pairs of federal AGI from and the percent deductible
	gainsOut   money.Cents   // long-term gains the state leaves out
	crLimit    money.Cents   // federal AGI above which no personal credits
	addAbove   money.Cents   // federal AGI above which part of the deduction is added back
	addBack    money.Cents   // the part added back
	supp       *nySupplemental
	taxSteps   TaxStaircase
	fedStdOnly money.Cents // federal standard deduction (with age amounts), for federal_taxable_income starts

	// The rules of the last states (see StateYearParams): Vermont's minimum
	// tax and Social Security phase-out; Minnesota's Social Security steps
	// and alternate, elderly subtraction and two-rate deduction phase-out;
	// Wisconsin's sliding deduction; Maryland's exemptions by federal AGI,
	// capital gains surtax and senior credit; Connecticut's exemption by
	// its own AGI, add-back and recapture, and personal tax credit.
	minAbove      money.Cents
	minRate       int64
	gainsAbove    money.Cents
	gainsRate     int64
	ssRange       PhaseRange
	ssSteps       Staircase
	ssAlt         SSAlternate
	ssLim         SSLimited
	ssFedBase     money.Cents // the federal worksheet's base amount ($25,000; $32,000 joint)
	elderly       money.Cents
	elderlyOffset money.Cents
	elderlyRate   int64
	stdPhase2     LinearPhaseout
	stdMost       int64
	stdSliding    *StateSchedule
	exByAGI       []money.Cents
	exPhaseState  Staircase
	creditShare   []money.Cents
	taxStepsInc   []TaxStaircase
	retBandsAGI   bool
}

// tax returns the state's income tax, exact in fine units, for the year's
// income in plus x added ordinary income, with the federal worksheet w
// already computed for the same point (its AGI, taxable Social Security,
// senior deduction and tax).
func (s *stateYear) tax(w *worksheet, in *Income, x lin, k *kinks) sl {
	if !s.taxes {
		return sl{}
	}
	agi := w.agi
	var base sl
	switch s.start {
	case StartFederalAGI:
		base = fine(agi)
	case StartFederalTaxable:
		// Federal taxable income with the standard deduction: the scenario's
		// itemized deductions hold state income tax, which these states add
		// back, so the standard deduction is the conservative reading.
		base = fine(k.max(agi.sub(cst(s.fedStdOnly)).sub(w.senior), lin{}))
	default:
		base = fine(cst(in.Wages + in.OtherOrdinary + in.QualifiedDividends + in.LongTermGains).add(x))
	}
	var ssSub sl
	if s.start != StartStateGross && s.ssShare > 0 && w.ssTaxable != (lin{}) {
		ssSub = s.ssSubtraction(w, in, agi, k)
		base = base.sub(ssSub)
	}
	if s.elderly > 0 {
		untaxed := cst(in.SocialSecurity).sub(w.ssTaxable)
		over := k.max(agi.sub(cst(s.elderlyOffset)), lin{})
		base = base.sub(k.posS(fcst(s.elderly).sub(fine(untaxed)).sub(fine(over).rate(s.elderlyRate))))
	}
	if s.ret {
		base = base.sub(s.retirementExclusion(agi, base, x, k))
	}
	if s.addBack > 0 && k.above(agi, int64(s.addAbove)*Unit) {
		base = base.add(fcst(s.addBack))
	}
	if s.gainsOut > 0 {
		base = base.sub(fcst(s.gainsOut))
	}
	if s.fedTaxCap != 0 {
		ft := fine(w.total)
		if len(s.fedTaxPct) > 0 {
			pct := s.fedTaxPct[1]
			for i := 2; i < len(s.fedTaxPct); i += 2 { // "AGI of at least" each row
				if !k.above(agi, int64(s.fedTaxPct[i])*Unit-1) {
					break
				}
				pct = s.fedTaxPct[i+1]
			}
			ft = ft.scaled(int64(pct), 10000)
		}
		limit := s.fedTaxCap
		for i := 2; i < len(s.fedTaxCaps); i += 2 { // "AGI of at least" each row
			if !k.above(agi, int64(s.fedTaxCaps[i])*Unit-1) {
				break
			}
			limit = s.fedTaxCaps[i+1]
		}
		if limit != Unlimited {
			ft = k.minS(ft, fcst(limit))
		}
		base = base.sub(ft)
	}
	income := base // after the subtractions, before deductions
	ded := fcst(s.deduction)
	if st := s.stdSteps; st.Step > 0 && s.deduction > s.stdMin {
		n := k.stepsS(income, st.Start, st.Step, stepsToZero(s.deduction-s.stdMin, st.Amount))
		ded = fcst(money.Max(s.deduction-money.Cents(n)*st.Amount, s.stdMin))
	}
	if s.stdPhase.Rate > 0 {
		red := fine(k.max(agi.sub(cst(s.stdPhase.Start)), lin{})).rate(s.stdPhase.Rate)
		if s.stdPhase2.Rate > 0 {
			red = red.add(fine(k.max(agi.sub(cst(s.stdPhase2.Start)), lin{})).rate(s.stdPhase2.Rate))
		}
		if s.stdMost > 0 {
			red = k.minS(red, fcst(s.deduction).rate(s.stdMost))
		}
		ded = k.posS(ded.sub(red))
	}
	if s.stdSliding != nil {
		ded = k.posS(ded.sub(stateScheduleTax(s.stdSliding, k.posS(income), k)))
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
		if st := s.exPhaseState; ex > 0 && st.Step > 0 {
			n := k.stepsS(income, st.Start, st.Step, stepsToZero(ex, st.Amount))
			ex = money.Max(ex-money.Cents(n)*st.Amount, 0)
		}
		exl := fcst(ex)
		if s.exLinear.Rate > 0 && ex > 0 {
			over := fine(k.max(agi.sub(cst(s.exLinear.Start)), lin{}))
			exl = k.posS(exl.sub(over.rate(s.exLinear.Rate)))
		}
		ded = ded.add(exl)
	}
	if len(s.exBands) > 0 {
		amt := s.exBands[1]
		for i := 2; i < len(s.exBands); i += 2 {
			if !k.aboveS(income, fineAt(s.exBands[i])) {
				break
			}
			amt = s.exBands[i+1]
		}
		ded = ded.add(fcst(amt * money.Cents(s.exPersons)))
	}
	if b := s.exByAGI; len(b) > 0 {
		amt := b[1]
		for i := 2; i < len(b); i += 2 {
			if !k.above(agi, int64(b[i])*Unit) {
				break
			}
			amt = b[i+1]
		}
		ded = ded.add(fcst(amt * money.Cents(s.exPersons)))
	}
	if s.exLow > 0 && !k.above(agi, int64(s.exLowBelow)*Unit-1) {
		ded = ded.add(fcst(s.exLow))
	}
	if s.ageDed > 0 {
		a := fcst(s.ageDed)
		if st := s.ageSteps; st.Step > 0 {
			each := money.Cents(s.ageN) * st.Amount
			n := k.steps(agi, int64(st.Start)*Unit, int64(st.Step)*Unit, stepsToZero(s.ageDed, each))
			a = fcst(money.Max(s.ageDed-money.Cents(n)*each, 0))
		}
		if s.ageLessSS {
			a = k.posS(a.sub(ssSub))
		}
		if s.agePhase.Rate > 0 { // phased out by the state's income after its subtractions
			over := k.posS(income.sub(fcst(s.agePhase.Start)))
			a = k.posS(a.sub(over.rate(s.agePhase.Rate)))
		}
		ded = ded.add(a)
	}
	ti := k.posS(base.sub(ded))
	tax := stateScheduleTax(s.sched, ti, k)
	if ts := &s.taxSteps; ts.Step > 0 {
		most := int64((ts.Most-ts.First+ts.Each-1)/ts.Each) + 1
		if n := k.stepsS(ti, ts.Start, ts.Step, most); n > 0 {
			tax = tax.add(fcst(money.Min(ts.First+money.Cents(n-1)*ts.Each, ts.Most)))
		}
	}
	for i := range s.taxStepsInc {
		ts := &s.taxStepsInc[i]
		most := int64((ts.Most-ts.First+ts.Each-1)/ts.Each) + 1
		if n := k.stepsS(income, ts.Start, ts.Step, most); n > 0 {
			tax = tax.add(fcst(money.Min(ts.First+money.Cents(n-1)*ts.Each, ts.Most)))
		}
	}
	if s.supp != nil {
		tax = s.supp.apply(s.st, s.sched, tax, ti, agi, k)
	}
	if s.minRate > 0 && k.above(agi, int64(s.minAbove)*Unit) {
		tax = k.maxS(tax, fine(agi).rate(s.minRate))
	}
	if s.gainsRate > 0 && in.LongTermGains > 0 && k.above(agi, int64(s.gainsAbove)*Unit) {
		tax = tax.add(fcst(in.LongTermGains).rate(s.gainsRate))
	}
	if cs := s.creditShare; len(cs) > 0 {
		pct := money.Cents(0)
		for i := 0; i < len(cs); i += 2 {
			if !k.aboveS(income, fineAt(cs[i])) {
				break
			}
			pct = cs[i+1]
		}
		if pct > 0 {
			tax = tax.sub(tax.scaled(int64(pct), 10000))
		}
	}
	var credits sl
	if s.credits > 0 && (s.crLimit == 0 || !k.above(agi, int64(s.crLimit)*Unit)) {
		cr := s.credits
		if s.crPhase.Step > 0 {
			each := money.Cents(s.creditN) * s.crPhase.Amount
			n := k.steps(agi, int64(s.crPhase.Start)*Unit, int64(s.crPhase.Step)*Unit, stepsToZero(cr, each))
			cr = money.Max(cr-money.Cents(n)*each, 0)
		}
		credits = fcst(cr)
	}
	if c := &s.crFedDed; c.Rate > 0 {
		credits = credits.add(phasedCredit(fcst(s.fedStdOnly).rate(c.Rate), base, c, k))
	}
	if c := &s.crSS; c.Rate > 0 && w.ssTaxable != (lin{}) {
		credits = credits.add(phasedCredit(fine(w.ssTaxable).rate(c.Rate), fine(agi), c, k))
	}
	if !credits.isZero() {
		tax = k.posS(tax.sub(credits))
	}
	return tax
}

// ssSubtraction is the part of the federally taxable Social Security
// benefits the state subtracts.
func (s *stateYear) ssSubtraction(w *worksheet, in *Income, agi lin, k *kinks) sl {
	share := s.ssShare
	if s.ssLimit > 0 && k.above(agi, int64(s.ssLimit)*Unit) {
		share = s.ssAbove
	}
	if share == 0 {
		return sl{}
	}
	taxable := fine(w.ssTaxable)
	if share != RateScale {
		taxable = taxable.rate(share)
	}
	switch {
	case s.ssRange.Width > 0:
		// Vermont's worksheet: (top - AGI) / width, rounded to two
		// decimals, is the share kept: it loses a hundredth for each
		// width/100 of AGI, or part, above start + width/200.
		r := s.ssRange
		m := k.steps(agi, int64(r.Start+r.Width/200)*Unit, int64(r.Width/100)*Unit, 100)
		return taxable.scaled(100-m, 100)
	case s.ssSteps.Step > 0:
		st := s.ssSteps
		per := pctAmount(int64(st.Amount))
		n := k.steps(agi, int64(st.Start)*Unit, int64(st.Step)*Unit, (RateScale+per-1)/per)
		simple := taxable
		if keep := RateScale - n*per; keep < RateScale {
			simple = taxable.rate(max(keep, 0))
		}
		if a := s.ssAlt; a.Max > 0 {
			prov := agi.sub(w.ssTaxable).add(cst(in.SocialSecurity).frac(1, 2))
			over := k.max(prov.sub(cst(a.Over)), lin{})
			alt := k.minS(k.posS(fcst(a.Max).sub(fine(over).rate(a.Rate))), taxable)
			simple = k.maxS(simple, alt)
		}
		return simple
	case s.ssLim.Threshold > 0 && k.above(agi, int64(s.ssLim.Threshold)*Unit-1):
		// Connecticut: from the threshold, no more than Rate of the lesser
		// of the benefits and the federal worksheet's excess of
		// provisional income over the base amount stays taxed.
		prov := agi.sub(w.ssTaxable).add(cst(in.SocialSecurity).frac(1, 2))
		excess := k.max(prov.sub(cst(s.ssFedBase)), lin{})
		capped := k.min(cst(in.SocialSecurity), excess)
		return k.posS(taxable.sub(fine(capped).rate(s.ssLim.Rate)))
	}
	return taxable
}

// phasedCredit is amount less the credit's phase-out rate of income above
// its start, not below zero.
func phasedCredit(amount, income sl, c *PhasedCredit, k *kinks) sl {
	over := k.posS(income.sub(fcst(c.Start)))
	return k.posS(amount.sub(over.rate(c.PhaseRate)))
}

// retirementExclusion is the part of the year's retirement income the state
// excludes: the baseline's own use of the exclusion, min(baseline, the
// household's cap), plus what the moves may use, min(x, what the
// converter's cap leaves after the baseline). The baseline uses up the
// converter's exclusion first and a couple's moves get one person's cap:
// the conservative reading when the scenario does not say whose pension the
// baseline is and whose account each move draws on. The share (a state that
// excludes a percentage) and the federal AGI limit apply to the whole.
func (s *stateYear) retirementExclusion(agi lin, income sl, x lin, k *kinks) sl {
	if s.retLimit > 0 && k.above(agi, int64(s.retLimit)*Unit) {
		return sl{}
	}
	if b := s.retBands; len(b) > 0 {
		pct := money.Cents(-1)
		for i := 2; i < len(b); i += 2 {
			var over bool
			if s.retBandsAGI { // federal AGI of at least the threshold
				over = k.above(agi, int64(b[i])*Unit-1)
			} else {
				over = k.aboveS(income, fineAt(b[i]))
			}
			if !over {
				break
			}
			pct = b[i+1]
		}
		if pct >= 0 { // past the first band: a percentage of all of it
			e := cst(s.retBase)
			if s.retAll || s.retAvail > 0 { // the converter qualifies
				e = e.add(x)
			}
			f := fine(e).scaled(int64(pct), 10000)
			if s.retShare != RateScale {
				f = f.rate(s.retShare)
			}
			return f
		}
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
	f := fine(e)
	if s.retShare != RateScale {
		f = f.rate(s.retShare)
	}
	return f
}

// TaxAt returns the tax at bracket j's lower threshold, rounded to the cent:
// the stated base, or the sum of the brackets below.
func (s *StateSchedule) TaxAt(j int) money.Cents { return roundCents(s.baseUnits(j)) }
