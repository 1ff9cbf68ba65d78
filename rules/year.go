package rules

import "github.com/rothpath/optimize/money"

// CloseYear ends the open tax year: it fills r with the year's figures and
// each person's Form 8606, carries the IRA basis forward (line 14), applies
// the growth that accrues before the next year's moves, resets the flows and
// opens the next year. It allocates nothing. year must be the open year (a
// programming error otherwise).
//
// Timing, a choice the law leaves to us: a year's moves are taken at its
// December 31 valuation (line 6 is the value right after them), and balances
// grow between one valuation and the next year's moves. So the scenario's
// balances are those of the first year's moves, and within a year Form 8606
// line 9 (line 6 + 7 + 8) does not depend on how much is converted: the
// search relies on it to know each dollar's taxable share in advance. With
// growth_rate 0, the default, the choice does not matter.
func (s *State) CloseYear(year int, r *YearResult) {
	if year != s.Year {
		panic("rules: CloseYear of a year that is not open")
	}
	*r = YearResult{Year: year}
	ordinary := s.flows.planOrdinary
	penalty := s.flows.penaltyBase
	basisToRoth := s.flows.basisToRoth
	for i := 0; i < s.NPeople; i++ {
		p := &s.People[i]
		f := &r.Form8606[i]
		form8606(p, f)
		p.Basis = f.Line14
		ordinary += f.Line15 + f.Line18
		if p.EarlyDist {
			penalty += f.Line15
		}
		basisToRoth += f.Line11
		p.RothPaid += f.Line11
		p.Contributions, p.AfterTaxIn, p.Distributions, p.Conversions = 0, 0, 0, 0
		p.RolledIn, p.RolledOut, p.EarlyDist = 0, 0, false
	}
	r.AddedOrdinary = ordinary
	r.PenaltyBase = penalty
	r.Withheld = s.flows.withheld
	r.CashUsed = s.flows.cashUsed
	r.Converted = s.flows.converted
	r.BasisToRoth = basisToRoth
	r.DesignatedRothRolled = s.flows.designated
	s.flows = yearFlows{}
	r.Growth = s.applyGrowth()
	s.Year++
}

// form8606 fills Form 8606 Parts I and II for one person and year, as the
// form's lines read (shared/spec/rules.md section 1):
// line 1 nondeductible contributions; line 2 basis from last year's line 14,
// plus after-tax plan money rolled into the IRA this year (Instructions for
// Form 8606, line 2); line 3 = 1 + 2; lines 4-5: nothing is contributed next
// year for this year, so line 5 = line 3; line 6 the December 31 value;
// line 7 distributions other than rollovers, roll-ins to plans and
// conversions; line 8 conversions; line 9 = 6 + 7 + 8; line 10 = 5 / 9,
// rounded half-up to five decimals (the form asks for at least three), at
// most 1; line 11 = 8 × 10; line 12 = 7 × 10; line 13 = 11 + 12; line 14 =
// 3 - 13; line 15 = 7 - 12; Part II line 16 = 8, 17 = 11, 18 = 16 - 17.
// Lines 11 and 12 are never more than lines 8 and 7, and line 13 never more
// than line 3: rounding line 10 up could otherwise spend basis that is not
// there.
func form8606(p *Person, f *Form8606) {
	f.Line1 = p.Contributions
	f.Line2 = p.Basis + p.AfterTaxIn
	f.Line3 = f.Line1 + f.Line2
	f.Line5 = f.Line3
	f.Line6 = p.IRA
	f.Line7 = p.Distributions
	f.Line8 = p.Conversions
	f.Line9 = f.Line6 + f.Line7 + f.Line8
	f.Line10 = money.RatioOf(f.Line5, f.Line9)
	f.Line11 = money.Min(f.Line10.Apply(f.Line8), f.Line8)
	f.Line12 = money.Min(f.Line10.Apply(f.Line7), f.Line7)
	if f.Line11 > f.Line3 {
		f.Line11 = f.Line3
	}
	if f.Line11+f.Line12 > f.Line3 {
		f.Line12 = f.Line3 - f.Line11
	}
	f.Line13 = f.Line11 + f.Line12
	f.Line14 = f.Line3 - f.Line13
	f.Line15 = f.Line7 - f.Line12
	f.Line16 = f.Line8
	f.Line17 = f.Line11
	f.Line18 = f.Line16 - f.Line17
	f.Filed = f.Line1 > 0 || p.AfterTaxIn > 0 || f.Line8 > 0 || (f.Line7 > 0 && f.Line3 > 0)
}
