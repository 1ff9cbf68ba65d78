package rules

import "github.com/rothpath/optimize/money"

// iraConversion converts traditional IRA money to the Roth IRA
// (IRC 408A(d)(3)). Its taxable part is not decided here: Form 8606 Part II
// (line 18) decides it at year end from the year's line 10 ratio, which every
// flow of the calendar year changes (IRC 408(d)(2)). The gross amount counts
// toward the goal.
func (s *State) iraConversion(m *Move, e *Effect) error {
	p := &s.People[m.Person]
	e.Rule = RuleForm8606
	amt, err := s.amountOf(m, p.IRA, p.IRAID)
	if err != nil {
		return err
	}
	p.IRA -= amt
	p.Conversions += amt
	p.Roth += amt
	e.add(DestRothIRA, p.RothID, amt, 0)
	e.Gross, e.Converted, e.Deferred = amt, amt, true
	if p.Basis+p.AfterTaxIn+p.Contributions > 0 {
		e.Requires |= ReqSameYear
	}
	s.flows.converted += amt
	return nil
}

// iraRollIn rolls pre-tax IRA money into a plan of the same person that
// accepts it. Only the part of an IRA distribution that would be taxable may
// be rolled into an employer plan (IRC 408(d)(3)(A)(ii)), so the basis stays
// in the IRA. The roll-in is not on line 7 and lowers line 6 (Instructions for
// Form 8606, line 7). The limit is the year's pre-tax amount, (value now +
// this year's conversions and distributions) - line 3 basis, so that the
// order of flows within the year does not matter, as on the form.
func (s *State) iraRollIn(m *Move, e *Effect) error {
	pl := &s.Plans[m.Plan]
	p := &s.People[pl.Person]
	e.Rule = RuleRollIn
	e.From = p.IRAID
	if !pl.AcceptsRollIn {
		return s.fail(ErrNoRollIn, pl.ID, "")
	}
	if pl.Closed {
		return s.fail(ErrClosed, pl.ID, "")
	}
	e.Requires |= ReqAcceptsRollIn | ReqSameYear
	pretaxCap := p.IRA + p.Conversions + p.Distributions - (p.Basis + p.AfterTaxIn + p.Contributions)
	pretaxCap = money.Min(pretaxCap, p.IRA)
	if m.Whole {
		if pretaxCap <= 0 {
			return s.fail(ErrBasisRollIn, p.IRAID, "")
		}
	} else if m.Amount > pretaxCap && m.Amount <= p.IRA {
		return s.fail(ErrBasisRollIn, p.IRAID, "")
	}
	amt, err := s.amountOf(m, money.Max(pretaxCap, 0), p.IRAID)
	if err != nil {
		return err
	}
	p.IRA -= amt
	p.RolledOut += amt
	pl.Pretax += amt
	pl.RolledIn += amt
	e.add(DestPlan, pl.ID, amt, 0)
	e.Gross, e.Pretax = amt, amt
	return nil
}

// iraCashOut takes money out of the traditional IRA and keeps it: Form 8606
// line 7, taxed pro rata at year end (line 15), with the 10% additional tax
// before 59½ (IRC 72(t)). No withholding is modelled: IRA distributions are
// not eligible rollover distributions subject to mandatory 20% withholding,
// and the person may elect none (IRC 3405(b)(2)).
func (s *State) iraCashOut(m *Move, e *Effect) error {
	p := &s.People[m.Person]
	e.Rule = RuleIRACashOut
	amt, err := s.amountOf(m, p.IRA, p.IRAID)
	if err != nil {
		return err
	}
	p.IRA -= amt
	p.Distributions += amt
	if s.early(m.Person, m.Year, e) {
		p.EarlyDist = true
		e.early = true
	}
	s.Cash += amt
	e.add(DestCash, "", amt, 0)
	e.Gross, e.Deferred = amt, true
	return nil
}

// iraContribution makes a nondeductible traditional IRA contribution from
// household cash (Form 8606 line 1; IRC 408(o)). Not a spec action: it lets
// the tests reproduce the "backdoor" examples. Contribution limits are not
// checked.
func (s *State) iraContribution(m *Move, e *Effect) error {
	p := &s.People[m.Person]
	e.Rule = RuleIRAContribution
	amt, err := s.amountOf(m, money.MaxAmount, p.IRAID)
	if err != nil {
		return err
	}
	if amt > s.Cash {
		return s.fail(ErrNoCash, p.IRAID, "contribution")
	}
	s.Cash -= amt
	p.IRA += amt
	p.Contributions += amt
	e.add(DestIRA, p.IRAID, amt, 0)
	e.Gross, e.AfterTax = amt, amt
	return nil
}
