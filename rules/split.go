package rules

import "github.com/rothpath/optimize/money"

// split carries out split_rollover, subaccount_split_rollover and
// plan_to_roth: one plan distribution sent by direct rollover to a
// traditional destination (the person's traditional IRA, or another plan of
// the person that accepts rollovers) and the person's Roth IRA.
//
// IRS Notice 2014-54: disbursements scheduled at the same time are one
// distribution; its pre-tax part is allocated first to the traditional
// destination, so the after-tax part can go to the Roth IRA tax free. A
// partial distribution carries its pro-rata share of after-tax money
// (IRC 72(e)(8)); from a separately accounted subaccount, pro rata over that
// subaccount alone (IRC 72(d)(2)). Pre-tax money reaching the Roth IRA is a
// taxable conversion (IRC 402(c)(8)(B), 408A(e)). After-tax money reaching the
// traditional IRA becomes IRA basis: the Instructions for Form 8606, line 2,
// add after-tax amounts rolled over from a qualified plan to the basis, so we
// add it to line 2 of the rollover year (it is in that year's line 6 too).
func (s *State) split(m *Move, e *Effect, sub, allRoth bool) error {
	pl := &s.Plans[m.Plan]
	per := &s.People[pl.Person]
	e.Rule = RuleNotice201454
	var avail money.Cents
	switch {
	case sub:
		if !pl.SeparateAfterTax {
			return s.fail(ErrNoSubaccount, pl.ID, "")
		}
		e.Requires |= ReqSubaccount
		e.Rule = RuleSubaccount
		avail = pl.AfterTax + pl.Earnings
	case m.Whole:
		avail = pl.NonRoth() + pl.Pre1987
	default:
		avail = pl.NonRoth()
	}
	amt, err := s.amountOf(m, avail, pl.ID)
	if err != nil {
		return err
	}
	var d parts
	if sub {
		d = drawSubaccount(pl, amt)
	} else {
		d = drawNonRoth(pl, amt, m.Whole)
	}
	after := sub || d.afterTax+d.earnings+d.pre1987 > 0 || (m.Whole && pl.AfterTax+pl.Earnings > 0)
	pretax := d.pretax > 0 || (m.Whole && !sub && pl.Pretax > 0)
	if err := s.canDistribute(pl, m.Year, after, pretax, false, e); err != nil {
		return err
	}

	// What the Roth IRA and the person receive; the traditional destination
	// gets the rest. Pre-tax money goes first to the traditional destination;
	// what is left of it goes next to the cash paid out (our conservative
	// reading: it is withheld on and may bear the 10%), then to the Roth IRA.
	toRoth, toCash := amt, money.Cents(0)
	if !allRoth {
		toCash = m.ToCash
		toRoth = m.ExtraToRoth
		if !m.AfterTaxToIRA {
			toRoth += d.basis() - money.Min(toCash, d.basis())
		}
		if toRoth+toCash > amt {
			return s.fail(ErrExceedsBalance, pl.ID, "more to Roth and cash than distributed")
		}
	}
	toTrad := amt - toRoth - toCash
	pretaxTrad := money.Min(toTrad, d.taxable())
	basisTrad := toTrad - pretaxTrad
	pretaxCash := money.Min(toCash, d.taxable()-pretaxTrad)
	basisCash := toCash - pretaxCash
	pretaxRoth := d.taxable() - pretaxTrad - pretaxCash
	basisRoth := toRoth - pretaxRoth
	withheld := money.MulDiv(pretaxCash, withholdingPct, 100)

	var target *Plan
	if toTrad > 0 && m.ToPlan {
		if m.Target < 0 || m.Target >= len(s.Plans) || m.Target == m.Plan {
			return s.fail(ErrBadMove, pl.ID, "target plan")
		}
		target = &s.Plans[m.Target]
		if target.Person != pl.Person {
			return s.fail(ErrWrongPerson, target.ID, "")
		}
		if !target.AcceptsRollIn {
			return s.fail(ErrNoRollIn, target.ID, "")
		}
		if target.Closed {
			return s.fail(ErrClosed, target.ID, "")
		}
		if basisTrad > 0 && (!target.SeparateAfterTax || target.Kind == kind457) {
			return s.fail(ErrAfterTaxToPlan, target.ID, "")
		}
		e.Requires |= ReqAcceptsRollIn
	}

	rolledIn := take(pl, d)
	closeIfEmptied(pl)
	if target != nil {
		target.Pretax += pretaxTrad
		target.RolledIn += pretaxTrad
		target.AfterTax += basisTrad
		e.add(DestPlan, target.ID, toTrad, 0)
	} else if toTrad > 0 {
		per.IRA += toTrad
		per.RolledIn += pretaxTrad
		per.AfterTaxIn += basisTrad
		e.add(DestIRA, per.IRAID, toTrad, 0)
	}
	per.Roth += toRoth
	per.RothPaid += basisRoth
	e.add(DestRothIRA, per.RothID, toRoth, pretaxRoth)
	e.add(DestCash, "", toCash, pretaxCash)
	s.Cash += toCash - withheld
	s.Withheld += withheld
	if toTrad > 0 && toRoth > 0 {
		e.Requires |= ReqSplit
	}

	e.Gross = amt
	e.AfterTax = d.basis()
	e.Pretax = d.taxable()
	e.Taxable = pretaxRoth + pretaxCash
	e.Nontaxable = basisRoth + basisCash
	e.Converted = toRoth
	e.Withheld = withheld
	e.PenaltyBase = s.penaltyBase(pl, m.Year, pretaxCash, rolledIn, e)
	s.flows.planOrdinary += e.Taxable
	s.flows.penaltyBase += e.PenaltyBase
	s.flows.withheld += withheld
	s.flows.converted += toRoth
	s.flows.basisToRoth += basisRoth
	return nil
}
