package rules

import "github.com/rothpath/optimize/money"

const ppm = 1_000_000

// grow returns the year's growth on v at the scenario's growth rate, in
// parts per million, rounded half-up to the cent.
func (s *State) grow(v money.Cents) money.Cents {
	if s.growthPPM == 0 || v == 0 {
		return 0
	}
	return money.MulDiv(v, s.growthPPM, ppm)
}

// applyGrowth grows every account balance by the year's rate and returns the
// total growth. Basis does not grow: after-tax contributions and pre-1987
// money stay as they are, and their earnings are pre-tax (after-tax
// earnings for the after-tax money, pre-tax money for pre-1987). A loss on
// after-tax money beyond its earnings falls on the plan's pre-tax money, and
// no balance goes below zero (the loss then stops there).
func (s *State) applyGrowth() money.Cents {
	before := s.Money()
	for i := 0; i < s.NPeople; i++ {
		p := &s.People[i]
		p.IRA = money.Max(0, p.IRA+s.grow(p.IRA))
		p.Roth = money.Max(0, p.Roth+s.grow(p.Roth))
	}
	for i := range s.Plans {
		pl := &s.Plans[i]
		pl.Roth = money.Max(0, pl.Roth+s.grow(pl.Roth))
		pre := s.grow(pl.Pretax) + s.grow(pl.Pre1987)
		earn := s.grow(pl.AfterTax + pl.Earnings)
		if pl.Earnings+earn < 0 {
			pre += pl.Earnings + earn
			earn = -pl.Earnings
		}
		pl.Earnings += earn
		pl.Pretax = money.Max(0, pl.Pretax+pre)
		if pl.RolledIn > pl.Pretax+pl.Earnings {
			pl.RolledIn = pl.Pretax + pl.Earnings
		}
	}
	return s.Money() - before
}
