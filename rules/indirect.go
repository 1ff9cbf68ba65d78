package rules

import "github.com/rothpath/optimize/money"

// withholdingPct is the mandatory withholding on an eligible rollover
// distribution paid to the person (IRC 3405(c)(1)(B)): 20% of the part that
// would be includible in income; after-tax money is not withheld on.
const withholdingPct = 20

// indirect carries out indirect_rollover (and a plan cash_out, which is the
// same with nothing rolled over). The distribution is paid to the person
// with 20% of its pre-tax part withheld (IRC 3405(c)); within 60 days
// (IRC 402(c)(3)) rollover is rolled to the traditional IRA and, with
// toRoth, the after-tax remainder to the Roth IRA. Amounts rolled over are
// treated as coming first from the pre-tax part (IRC 402(c)(2)): the
// traditional IRA first, then the Roth IRA. Whatever the rollovers need
// beyond the net amount received is made up from household cash, which must
// suffice. What is kept is taxable to the extent pre-tax, with the 10%
// additional tax before 59½ (IRC 72(t); see penaltyBase). The withholding is a
// credit on the year's return (YearResult.Withheld), not a cost.
// Notice 2009-68: $12,000 with $2,000 after-tax, $10,000 rolled over: nothing
// taxable.
func (s *State) indirect(m *Move, e *Effect, rollover money.Cents, toRoth bool) error {
	pl := &s.Plans[m.Plan]
	per := &s.People[pl.Person]
	e.Rule = RuleIndirect
	if m.Kind == CashOut {
		e.Rule = RulePlanCashOut
	}
	avail := pl.NonRoth()
	if m.Whole {
		avail += pl.Pre1987
	}
	amt, err := s.amountOf(m, avail, pl.ID)
	if err != nil {
		return err
	}
	d := drawNonRoth(pl, amt, m.Whole)
	after := d.afterTax+d.earnings+d.pre1987 > 0 || (m.Whole && pl.AfterTax+pl.Earnings > 0)
	pretax := d.pretax > 0 || (m.Whole && pl.Pretax > 0)
	if err := s.canDistribute(pl, m.Year, after, pretax, false, e); err != nil {
		return err
	}
	if rollover > amt {
		return s.fail(ErrRollExceedsDist, pl.ID, "")
	}
	taxablePart, basisPart := d.taxable(), d.basis()
	withheld := money.MulDiv(taxablePart, withholdingPct, 100)

	pretaxIRA := money.Min(rollover, taxablePart)
	basisIRA := rollover - pretaxIRA
	var rothAmt money.Cents
	if toRoth {
		rothAmt = basisPart - basisIRA
	}
	pretaxRoth := money.Min(rothAmt, taxablePart-pretaxIRA)
	basisRoth := rothAmt - pretaxRoth
	kept := amt - rollover - rothAmt
	pretaxKept := taxablePart - pretaxIRA - pretaxRoth
	basisKept := basisPart - basisIRA - basisRoth

	net := amt - withheld
	cashUsed := money.Max(0, rollover+rothAmt-net)
	if cashUsed > s.Cash {
		return s.fail(ErrNoCash, pl.ID, "")
	}

	rolledIn := take(pl, d)
	closeIfEmptied(pl)
	s.Cash += net - rollover - rothAmt
	s.Withheld += withheld
	per.IRA += rollover
	per.RolledIn += pretaxIRA
	per.AfterTaxIn += basisIRA
	per.Roth += rothAmt
	per.RothPaid += basisRoth

	e.add(DestIRA, per.IRAID, rollover, 0)
	e.add(DestRothIRA, per.RothID, rothAmt, pretaxRoth)
	e.add(DestCash, "", kept, pretaxKept)
	if cashUsed > 0 {
		e.Requires |= ReqCashMakeUp
	}
	e.Gross = amt
	e.AfterTax = basisPart
	e.Pretax = taxablePart
	e.Taxable = pretaxKept + pretaxRoth
	e.Nontaxable = basisKept + basisRoth
	e.Withheld = withheld
	e.CashUsed = cashUsed
	e.Converted = rothAmt
	e.PenaltyBase = s.penaltyBase(pl, m.Year, pretaxKept, rolledIn, e)

	s.flows.planOrdinary += e.Taxable
	s.flows.penaltyBase += e.PenaltyBase
	s.flows.withheld += withheld
	s.flows.cashUsed += cashUsed
	s.flows.converted += rothAmt
	s.flows.basisToRoth += basisRoth
	return nil
}
