package rules

// pre1987 sends pre-1987 after-tax contributions, separately accounted, to
// the Roth IRA tax free: they may be distributed before any pre-tax money
// (IRC 72(e)(8)(D)).
func (s *State) pre1987(m *Move, e *Effect) error {
	pl := &s.Plans[m.Plan]
	per := &s.People[pl.Person]
	e.Rule = RulePre1987
	amt, err := s.amountOf(m, pl.Pre1987, pl.ID)
	if err != nil {
		return err
	}
	if err := s.canDistribute(pl, m.Year, true, false, false, e); err != nil {
		return err
	}
	pl.Pre1987 -= amt
	closeIfEmptied(pl)
	per.Roth += amt
	per.RothPaid += amt
	e.add(DestRothIRA, per.RothID, amt, 0)
	e.Gross, e.AfterTax, e.Nontaxable, e.Converted = amt, amt, amt, amt
	s.flows.converted += amt
	s.flows.basisToRoth += amt
	return nil
}

// inPlanRoth moves non-Roth plan money (or the separately accounted after-tax
// subaccount) to the same plan's designated Roth account. IRC 402A(c)(4);
// Notices 2010-84 and 2013-74: taxed as if distributed and rolled to a Roth
// IRA, pro rata within the plan or subaccount, with no IRA aggregation, no
// 20% withholding and no 10% additional tax; allowed in service whatever the
// plan's distribution rules (Notice 2013-74), if the plan offers it.
// Pre-1987 money is not included. Example: $30,000 from a $100,000 plan with
// $20,000 after-tax: $6,000 nontaxable, $24,000 taxable.
func (s *State) inPlanRoth(m *Move, e *Effect) error {
	pl := &s.Plans[m.Plan]
	e.Rule = RuleInPlanRoth
	if !pl.InPlanRoth {
		return s.fail(ErrNoInPlanRoth, pl.ID, "")
	}
	e.Requires |= ReqInPlanRoth
	avail := pl.NonRoth()
	if m.FromSubaccount {
		if !pl.SeparateAfterTax {
			return s.fail(ErrNoSubaccount, pl.ID, "")
		}
		e.Requires |= ReqSubaccount
		avail = pl.AfterTax + pl.Earnings
	}
	amt, err := s.amountOf(m, avail, pl.ID)
	if err != nil {
		return err
	}
	var d parts
	if m.FromSubaccount {
		d = drawSubaccount(pl, amt)
	} else {
		d = drawNonRoth(pl, amt, false)
	}
	take(pl, d)
	pl.Roth += amt
	e.add(DestDesignatedRoth, pl.ID, amt, d.taxable())
	e.Gross, e.AfterTax, e.Pretax = amt, d.basis(), d.taxable()
	e.Taxable, e.Nontaxable, e.Converted = d.taxable(), d.basis(), amt
	s.flows.planOrdinary += d.taxable()
	s.flows.converted += amt
	s.flows.basisToRoth += d.basis()
	return nil
}

// designatedRoth rolls designated Roth money directly to the person's Roth
// IRA (IRC 402A(c)(3), 408A(e)): not taxed, not a conversion, not counted
// toward the goal. In service it needs the roth source and age 59½
// (designated Roth contributions are elective deferrals).
func (s *State) designatedRoth(m *Move, e *Effect) error {
	pl := &s.Plans[m.Plan]
	per := &s.People[pl.Person]
	e.Rule = RuleDesignatedRoth
	amt, err := s.amountOf(m, pl.Roth, pl.ID)
	if err != nil {
		return err
	}
	if err := s.canDistribute(pl, m.Year, false, false, true, e); err != nil {
		return err
	}
	pl.Roth -= amt
	closeIfEmptied(pl)
	per.Roth += amt
	e.add(DestRothIRA, per.RothID, amt, 0)
	e.Gross = amt
	s.flows.designated += amt
	return nil
}
