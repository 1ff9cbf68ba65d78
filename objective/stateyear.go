package objective

import (
	"github.com/rothpath/optimize/money"
	"github.com/rothpath/optimize/scenario"
)

// reachesAge reports whether the person has reached an age (in months) by
// December 31 of year, or, with byStart, by January 1 of it. A person known
// only by birth year is taken as born on July 1 (scenario's rule).
func reachesAge(p *scenario.Person, months int64, year int, byStart bool) bool {
	b := p.BirthDateOrAssumed()
	m := int64(b.Month-1) + months
	y := b.Year + int(m/12)
	mon := int(m%12) + 1
	if !byStart {
		return y <= year
	}
	return y < year || (y == year && mon == 1 && b.Day == 1)
}

// tierAmount is the amount of the last tier whose age the person reaches (0
// when none).
func tierAmount(tiers []StateTier, p *scenario.Person, year int, byStart bool) money.Cents {
	amt := money.Cents(0)
	for _, t := range tiers {
		if reachesAge(p, t.AgeMonths, year, byStart) {
			amt = t.Amount
		}
	}
	return amt
}

// stateAge65 is the age of the states' amounts for people 65 or older, in
// months, reached by the end of the year.
const stateAge65 = 65 * 12

// newStateYear applies a state's figures to the household in one year:
// counted are the people on the return (both spouses on a joint return, the
// first person otherwise), converters those of them who hold money that
// could become Roth money.
func newStateYear(sp *StateYearParams, st int, sc *scenario.Scenario, year int, fp *YearParams, in *Income) *stateYear {
	s := &stateYear{sp: sp, taxes: sp.IncomeTax, st: st}
	if !sp.IncomeTax {
		return s
	}
	counted := sc.People[:1]
	if st == stJoint {
		counted = sc.People
	}
	aged := int64(0)
	fedAged := int64(0)
	for i := range counted {
		if reachesAge(&counted[i], stateAge65, year, false) {
			aged++
		}
		if counted[i].Is65By(year) {
			fedAged++
		}
	}
	s.start = sp.Start
	s.sched = &sp.Brackets[st]
	s.fedStdOnly = fp.StandardDeduction[st] + money.Cents(fedAged)*fp.AdditionalAged[st]
	switch {
	case sp.StandardFedBasic:
		s.deduction = fp.StandardDeduction[st]
	case sp.StandardFederal:
		s.deduction = s.fedStdOnly
	default:
		s.deduction = sp.StandardDeduction[st] + money.Cents(aged)*sp.StandardAged[st]
	}
	s.stdPhase = sp.StandardPhaseout[st]
	if sp.StandardRange[st].Width > 0 {
		s.stdPhase = sp.StandardRange[st].rate(s.deduction)
	}
	s.stdSteps, s.stdMin = sp.StandardSteps[st], sp.StandardMin[st]
	s.exemptions = sp.Exemption[st] + money.Cents(aged)*sp.ExemptionAged[st]
	s.exLimit = sp.ExemptionAGILimit[st]
	s.exPhase = sp.ExemptionPhaseout[st]
	s.exLinear = sp.ExemptionRange[st].rate(s.exemptions)
	s.exBands, s.exPersons = sp.ExemptionByIncome[st], int64(len(counted))
	s.exLow, s.exLowBelow = money.Cents(aged)*sp.ExemptionAgedLow[st], sp.ExemptionAgedLowBelow[st]
	s.credits = sp.Credit[st] + money.Cents(aged)*sp.CreditAged[st]
	s.creditN = sp.CreditCount[st] + aged
	s.crPhase = sp.CreditPhaseout[st]
	s.crFedDed, s.crSS = sp.CreditFedDeduction[st], sp.CreditSS[st]
	s.ssShare, s.ssLimit, s.ssAbove = sp.SSExempt, sp.SSAGILimit[st], sp.SSExemptAbove
	if sp.SSExemptAge > 0 {
		for i := range counted {
			if !reachesAge(&counted[i], sp.SSExemptAge, year, false) {
				s.ssShare = 0
			}
		}
	}
	if sp.AddbackAbove[st] > 0 {
		s.addAbove, s.addBack = sp.AddbackAbove[st], money.Max(0, s.fedStdOnly-sp.AddbackKeep[st])
	}
	s.fedTaxCap, s.fedTaxCaps = sp.FederalTaxDeduction[st], sp.FederalTaxCaps[st]
	s.crLimit = sp.CreditAGILimit[st]
	s.fedTaxPct = sp.FederalTaxShare[st]
	if sp.GainsExclusion > 0 {
		s.gainsOut = money.MulDivFloor(in.LongTermGains, sp.GainsExclusion, RateScale)
	}
	s.supp = sp.Supplemental
	s.minAbove, s.minRate = sp.MinTaxAbove[st], sp.MinTaxRate
	s.gainsAbove, s.gainsRate = sp.GainsSurtaxAbove[st], sp.GainsSurtaxRate
	s.ssRange, s.ssSteps, s.ssAlt, s.ssLim = sp.SSRange[st], sp.SSSteps[st], sp.SSAlternate[st], sp.SSLimited[st]
	s.ssFedBase = fp.SSBase[st]
	if e := &sp.Elderly[st]; aged > 0 && e.Amount[0] > 0 {
		n := min(aged, 2) - 1
		s.elderly, s.elderlyOffset, s.elderlyRate = e.Amount[n], e.Offset[n], e.Rate
	}
	s.stdPhase2, s.stdMost = sp.StandardPhaseout2[st], sp.StandardPhaseMost
	if sp.StandardSliding[st].N > 0 {
		s.stdSliding = &sp.StandardSliding[st]
	}
	s.exByAGI, s.exPhaseState = sp.ExemptionByAGI[st], sp.ExemptionPhaseState[st]
	s.creditShare, s.taxStepsInc = sp.CreditShare[st], sp.TaxStepsIncome[st]
	if c := sp.CreditAgedCount[st]; aged > 0 && c[0] > 0 {
		s.credits += c[min(aged, 2)-1]
	}
	s.retBandsAGI = sp.RetirementBandsAGI
	s.taxSteps = sp.TaxSteps[st]
	for i := range counted {
		if a := tierAmount(sp.AgeDeduction[st], &counted[i], year, false); a > 0 {
			s.ageDed += a
			s.ageN++
		}
	}
	s.ageSteps, s.ageLessSS = sp.AgeSteps[st], sp.AgeLessSS
	s.agePhase = sp.AgePhaseout[st]
	s.retirement(sp, st, sc, counted, year, in)
	return s
}

// retirement folds the retirement exclusion's caps and the baseline income
// it covers into constants (see stateYear.retirementExclusion).
func (s *stateYear) retirement(sp *StateYearParams, st int, sc *scenario.Scenario, counted []scenario.Person, year int, in *Income) {
	tiers := sp.RetirementTiers[st]
	if len(tiers) == 0 {
		return
	}
	var house money.Cents
	conv := Unlimited
	houseAll, anyConverter, eligible := false, false, int64(0)
	for i := range counted {
		p := &counted[i]
		c := tierAmount(tiers, p, year, sp.RetirementAgeStart)
		if sp.RetirementBornBy != 0 && p.BirthDateOrAssumed().Year >= sp.RetirementBornBy {
			c = 0
		}
		if c != 0 {
			eligible++
		}
		if c == Unlimited {
			houseAll = true
		} else {
			house += c
		}
		holds := false
		for _, a := range p.Accounts {
			if a.NonRothBalance() > 0 {
				holds = true
			}
		}
		if holds {
			anyConverter = true
			conv = minCap(conv, c)
		}
	}
	if !anyConverter { // nobody holds convertible money: the moves add nothing
		conv = 0
	}
	if sp.RetirementPooled || (sp.RetirementPooledIfAll && len(counted) > 1 && eligible == int64(len(counted))) {
		conv = house
		if houseAll {
			conv = Unlimited
		}
	}
	if sp.RetirementMovesExcluded {
		conv = 0
	}
	if house == 0 && !houseAll {
		return
	}
	s.ret = true
	for _, c := range sp.RetirementCounts {
		switch c {
		case "other_ordinary":
			s.retBase += in.OtherOrdinary
		case "qualified_dividends":
			s.retBase += in.QualifiedDividends
		case "long_term_gains":
			s.retBase += in.LongTermGains
		case "wages":
			s.retBase += money.Min(in.Wages, money.Cents(eligible)*sp.RetirementEarned[st])
		}
	}
	s.retShare = sp.RetirementShare
	s.retLimit = sp.RetirementAGILimit[st]
	s.retBands = sp.RetirementBands[st]
	if houseAll {
		house = MaxIncome
	}
	s.retHouse = house
	if conv == Unlimited {
		s.retAll = houseAll
		conv = MaxIncome
	}
	if s.retAll {
		return
	}
	s.retAvail = money.Max(0, conv-s.retBase)
}

// minCap is the smaller of two caps, Unlimited being the largest.
func minCap(a, b money.Cents) money.Cents {
	switch {
	case a == Unlimited:
		return b
	case b == Unlimited:
		return a
	}
	return money.Min(a, b)
}
